# The Kotlin/JVM package (kotlin/): the native library built from
# bindings/uniffi, its Kotlin side rendered by uniffi-bindgen (committed,
# checked fresh), the Maven build and tests, and the demo.
# Included by the root Makefile.

MVN ?= mvn -q -B
KOTLIN_LIB     := target/debug/libgenesiscloud_uniffi.so
KOTLIN_NATIVE  := kotlin/native/linux-x86-64
KOTLIN_FFI     := kotlin/src/main/kotlin/com/genesiscloud/sdk/ffi/genesiscloud_uniffi.kt
KOTLIN_INPUTS  := python3 kotlin/ffi_inputs.py

.PHONY: kotlin-native kotlin-bindings kotlin-check-generated kotlin-test-build test-kotlin kotlin-demo

# Debug build of the library, put where the jar takes it from (JNA's
# resource path for this platform).
kotlin-native:
	$(CARGO) build -q -p genesiscloud-uniffi
	mkdir -p $(KOTLIN_NATIVE)
	cp $(KOTLIN_LIB) $(KOTLIN_NATIVE)/

# The Kotlin side of the library's exports, as uniffi renders it from the
# built library (the settings are bindings/uniffi/uniffi.toml), and the
# digest of what it was rendered from ($(KOTLIN_FFI).inputs).
kotlin-bindings: kotlin-native
	$(CARGO) run -q -p genesiscloud-uniffi-bindgen -- \
	  generate --no-format --library $(KOTLIN_LIB) --language kotlin --out-dir target/uniffi-kotlin
	cp target/uniffi-kotlin/com/genesiscloud/sdk/ffi/genesiscloud_uniffi.kt $(KOTLIN_FFI)
	$(KOTLIN_INPUTS) write $(KOTLIN_LIB)

# Inputs unchanged since the committed file was rendered: it is fresh, and
# uniffi-bindgen need not be built. Otherwise render it again and diff.
kotlin-check-generated: kotlin-native
	$(KOTLIN_INPUTS) check $(KOTLIN_LIB) || { \
	  $(MAKE) --no-print-directory kotlin-bindings \
	  && git diff --exit-code -- $(KOTLIN_FFI) $(KOTLIN_FFI).inputs \
	  || { echo "$(KOTLIN_FFI) is stale: run make kotlin-bindings and commit it" >&2; exit 1; }; }

# The conformance suite, Kotlin-specific tests and the examples' build; it
# writes the test classpath too, so that kotlin-test-build, which the fault
# matrix, the TLS suite and the bench smoke run after it, finds its work done
# (a Maven run recompiles every Kotlin source: 20 s).
test-kotlin: kotlin-check-generated
	$(EMULATOR_BUILD)
	$(call kotlin_mvn_writing_classpath,verify)

# The test classes, and the classpath java needs to run them, for the fault
# matrix's run of the conformance runner and the TLS suite's program.
KOTLIN_TEST_CLASSPATH := kotlin/target/test.classpath
# Runs Maven's goals $(1) in kotlin/ and writes the test classpath. The
# plugin leaves the file alone when its text is unchanged, hence the touch.
kotlin_mvn_writing_classpath = cd kotlin && $(MVN) $(1) \
  dependency:build-classpath -Dmdep.outputFile=../$(KOTLIN_TEST_CLASSPATH) && touch ../$(KOTLIN_TEST_CLASSPATH)
# What the test classes are compiled from, and the library Maven copies in
# beside them (kotlin-native copies it anew, so a new build counts).
KOTLIN_TEST_INPUTS := kotlin/pom.xml $(KOTLIN_NATIVE)/$(notdir $(KOTLIN_LIB)) \
  $(shell find kotlin/src kotlin/examples bench/kotlin -type f) $(wildcard tests/tls/*.kt)

$(KOTLIN_TEST_CLASSPATH): $(KOTLIN_TEST_INPUTS)
	$(call kotlin_mvn_writing_classpath,test-compile)

kotlin-test-build: kotlin-native
	$(MAKE) --no-print-directory $(KOTLIN_TEST_CLASSPATH)

kotlin-demo: kotlin-native
	cd kotlin && $(MVN) test-compile exec:java -Dexec.mainClass=QuickstartKt -Dexec.classpathScope=test
