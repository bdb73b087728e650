//! `cargo +nightly fuzz run decode_responses`: see fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genesiscloud::fuzzing::decode_responses(data));
