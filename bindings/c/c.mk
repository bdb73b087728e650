# The C library: build, header, tests, install, demo and benchmark.
# Included by the root Makefile; every path is relative to the repository
# root and cargo's target directory is ./target. Debian packages these
# targets need: valgrind pkg-config cmake libcjson-dev libcurl4-openssl-dev
# (plus gcc, g++ and binutils' objdump).
#
#   make c-lib                    build and stage target/c/<profile>/lib
#   make c-header                 regenerate include/genesiscloud.h
#   make c-header-check           fail if the committed header is stale
#   make test-c                   header check, C/C++ tests under valgrind,
#                                 conformance runner, install check
#   make install PREFIX=/opt/gc   header, libraries, pkg-config, CMake config
#   make c-demo                   the quickstart (emulator, or the real API
#                                 when GENESISCLOUD_TOKEN is set)
#   make bench-c                  release benchmark against the emulator

.PHONY: c-lib c-header c-header-check c-tests-build c-run-tests c-install \
        c-install-check install test-c c-demo bench-c

# Profile of `make c-lib`/`test-c` (debug) and of `make install` (release).
C_PROFILE ?= debug
C_INSTALL_PROFILE ?= release
PREFIX ?= /usr/local

C_VERSION := $(shell sed -n 's/^\#define GC_VERSION_STRING "\(.*\)"/\1/p' include/genesiscloud.h)
C_CFLAGS := -std=c99 -Wall -Wextra -pedantic -Werror -D_POSIX_C_SOURCE=200809L -g -Iinclude
C_CXXFLAGS := -std=c++11 -Wall -Wextra -pedantic -Werror -g -Iinclude
C_VALGRIND := valgrind --quiet --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
              --error-exitcode=1
C_TEST_SRCS := $(sort $(wildcard tests/c/test_*.c))
C_TESTS := target/c/tests

# cargo flags and staging directory of a profile.
c_cargo_flags = $(if $(filter release,$(1)),--release,)
c_libdir = target/c/$(1)/lib

# Builds the library in profile $(1) and stages it under its installed names:
# libgenesiscloud.so.X.Y.Z, the SONAME link the library declares, the
# libgenesiscloud.so development link, and libgenesiscloud.a.
define c_build_and_stage
	$(CARGO) build -p genesiscloud-c $(call c_cargo_flags,$(1))
	mkdir -p $(call c_libdir,$(1))
	soname=$$(objdump -p target/$(1)/libgenesiscloud_c.so | awk '/SONAME/ {print $$2}'); \
	cp -u target/$(1)/libgenesiscloud_c.so $(call c_libdir,$(1))/libgenesiscloud.so.$(C_VERSION); \
	ln -sfn libgenesiscloud.so.$(C_VERSION) $(call c_libdir,$(1))/$$soname; \
	ln -sfn $$soname $(call c_libdir,$(1))/libgenesiscloud.so; \
	cp -u target/$(1)/libgenesiscloud_c.a $(call c_libdir,$(1))/libgenesiscloud.a
endef

# Prints the directory where build.rs rendered the header.
C_HEADER_OUT_DIR = $(CARGO) build -p genesiscloud-c --message-format=json \
	| grep '"reason":"build-script-executed"' | grep 'bindings/c\#' \
	| sed 's/.*"out_dir":"\([^"]*\)".*/\1/'

# Links a C or C++ program against the staged debug library.
C_LINK = -L$(call c_libdir,debug) -lgenesiscloud -Wl,-rpath,$(abspath $(call c_libdir,debug))

c-lib:
	$(call c_build_and_stage,$(C_PROFILE))

c-header:
	out=$$($(C_HEADER_OUT_DIR)); cp "$$out/genesiscloud.h" include/genesiscloud.h
	@echo "include/genesiscloud.h regenerated"

c-header-check:
	out=$$($(C_HEADER_OUT_DIR)); \
	diff -u include/genesiscloud.h "$$out/genesiscloud.h" \
	  || { echo "include/genesiscloud.h is stale: run 'make c-header' and commit it" >&2; exit 1; }

c-tests-build:
	$(call c_build_and_stage,debug)
	mkdir -p $(C_TESTS)
	for src in $(C_TEST_SRCS); do \
	  $(CC) $(C_CFLAGS) $$(pkg-config --cflags libcjson) "$$src" -o $(C_TESTS)/$$(basename "$$src" .c) \
	    $(C_LINK) $$(pkg-config --libs libcjson) -pthread; \
	done
	$(CXX) $(C_CXXFLAGS) tests/c/test_cpp.cpp -o $(C_TESTS)/test_cpp $(C_LINK)

test-c: c-header-check c-tests-build c-run-tests c-install-check
	@echo "test-c: every C test passed"

# Under valgrind a test keeps one core busy, whatever its threads: the tests
# run as many at a time as there are cores, each one's output printed whole
# when it ends. test_conformance_queued is the conformance runner making
# every call through a gc_queue.
c-run-tests: c-tests-build
	printf '%s\n' test_conformance_queued $(notdir $(basename $(C_TEST_SRCS))) test_cpp \
	  | xargs -P "$$(nproc)" -I{} sh -c \
	    't={}; case $$t in *_queued) export GC_CONFORMANCE_QUEUE=1; t=$${t%_queued};; esac; \
	     $(C_VALGRIND) $(C_TESTS)/$$t tests/conformance > $(C_TESTS)/{}.log 2>&1; s=$$?; \
	     echo "== {}"; cat $(C_TESTS)/{}.log; exit $$s'

install: c-install

# Copies the staged profile $(1) into prefix $(2) (a shell word): header,
# libraries under their installed names, pkg-config and CMake files.
define c_install_files
	prefix=$$(mkdir -p "$(2)" && cd "$(2)" && pwd); \
	lib=$(call c_libdir,$(1)); \
	soname=$$(objdump -p target/$(1)/libgenesiscloud_c.so | awk '/SONAME/ {print $$2}'); \
	mkdir -p "$$prefix/include" "$$prefix/lib/pkgconfig" "$$prefix/lib/cmake/genesiscloud"; \
	install -m 644 include/genesiscloud.h "$$prefix/include/genesiscloud.h"; \
	install -m 755 "$$lib/libgenesiscloud.so.$(C_VERSION)" "$$prefix/lib/"; \
	ln -sfn libgenesiscloud.so.$(C_VERSION) "$$prefix/lib/$$soname"; \
	ln -sfn "$$soname" "$$prefix/lib/libgenesiscloud.so"; \
	install -m 644 "$$lib/libgenesiscloud.a" "$$prefix/lib/"; \
	for f in genesiscloud.pc:lib/pkgconfig genesiscloudConfig.cmake:lib/cmake/genesiscloud \
	         genesiscloudConfigVersion.cmake:lib/cmake/genesiscloud; do \
	  sed -e "s|@PREFIX@|$$prefix|g" -e 's|@VERSION@|$(C_VERSION)|g' -e "s|@SONAME@|$$soname|g" \
	    "bindings/c/install/$${f%%:*}.in" > "$$prefix/$${f#*:}/$${f%%:*}"; \
	done; \
	echo "installed libgenesiscloud $(C_VERSION) into $$prefix"
endef

c-install:
	$(call c_build_and_stage,$(C_INSTALL_PROFILE))
	$(call c_install_files,$(C_INSTALL_PROFILE),$(PREFIX))

# Installs into a temporary prefix, then builds the quickstart with
# pkg-config alone and with CMake's find_package, and runs both against the
# emulator.
c-install-check:
	$(call c_build_and_stage,debug)
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(call c_install_files,debug,$$tmp); \
	export PKG_CONFIG_PATH="$$tmp/lib/pkgconfig"; \
	$(CC) -std=c99 -Wall -Wextra -pedantic -Werror bindings/c/examples/quickstart.c -o "$$tmp/quickstart" \
	  $$(pkg-config --cflags --libs genesiscloud); \
	env -u GENESISCLOUD_TOKEN LD_LIBRARY_PATH="$$tmp/lib" "$$tmp/quickstart"; \
	cmake -S tests/c/cmake -B "$$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$$tmp" >/dev/null; \
	cmake --build "$$tmp/cmake-build" >/dev/null; \
	env -u GENESISCLOUD_TOKEN "$$tmp/cmake-build/quickstart" >/dev/null; \
	env -u GENESISCLOUD_TOKEN "$$tmp/cmake-build/quickstart_static" >/dev/null; \
	echo "c-install-check: pkg-config and find_package(genesiscloud) (shared and static) work"

c-demo:
	$(call c_build_and_stage,debug)
	mkdir -p target/c
	$(CC) $(C_CFLAGS) bindings/c/examples/quickstart.c -o target/c/quickstart $(C_LINK)
	target/c/quickstart

# Release build, once: the C API's pager against a plain libcurl page loop.
bench-c:
	$(CARGO) build --release -p genesiscloud-emulator
	$(call c_build_and_stage,release)
	mkdir -p target/c
	$(CC) -std=c99 -O2 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -Iinclude bench/c/bench_list.c \
	  -o target/c/bench_list -L$(call c_libdir,release) -lgenesiscloud \
	  -Wl,-rpath,$(abspath $(call c_libdir,release)) $$(pkg-config --cflags --libs libcurl libcjson)
	target/c/bench_list target/release/genesiscloud-emulator
