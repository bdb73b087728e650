//! `cargo +nightly fuzz run error_body`: see fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genesiscloud::fuzzing::error_body(data));
