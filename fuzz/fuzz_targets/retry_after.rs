//! `cargo +nightly fuzz run retry_after`: see fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genesiscloud::fuzzing::retry_after(data));
