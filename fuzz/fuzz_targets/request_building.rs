//! `cargo +nightly fuzz run request_building`: see fuzz/README.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| genesiscloud::fuzzing::request_building(data));
