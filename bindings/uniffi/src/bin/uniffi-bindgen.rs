//! uniffi's generator, built from the same uniffi version as the library
//! (`cargo run -p genesiscloud-uniffi --features bindgen --bin uniffi-bindgen`).

fn main() {
    uniffi::uniffi_bindgen_main()
}
