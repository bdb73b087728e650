//! uniffi's generator, built from the same uniffi version as the library
//! (`cargo run -p genesiscloud-uniffi-bindgen -- generate --library …`).

fn main() {
    uniffi::uniffi_bindgen_main()
}
