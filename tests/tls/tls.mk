# The real network path in every language (tests/tls/run.py): HTTPS with a
# throwaway CA through ca_bundle and SSL_CERT_FILE, a real forward proxy
# (Debian's tinyproxy) through the proxy setting and HTTPS_PROXY, HTTP/2,
# and the TLS and proxy failures. Included by the root Makefile; paths are
# relative to the repository root.
#
#   make test-tls   about 30 seconds once the bindings are built

.PHONY: test-tls tls-programs

tls-programs: python-dev node-build c-lib kotlin-test-build
	$(EMULATOR_BUILD)
	$(CARGO) build -q -p genesiscloud --example quickstart
	mkdir -p target/tls
	$(CC) $(C_CFLAGS) tests/tls/list_images.c -o target/tls/list_images $(C_LINK)
	$(CC) $(C_CFLAGS) tests/tls/emulator_tls.c -o target/tls/emulator_tls $(C_LINK)
	$(CC) $(C_CFLAGS) tests/tls/sigpipe.c -o target/tls/sigpipe $(C_LINK)

test-tls: tls-programs
	$(PY) tests/tls/run.py
