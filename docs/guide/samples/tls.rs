use genesiscloud::{Client, ListParams};
use genesiscloud_emulator::{Emulator, EmulatorConfig, TlsConfig};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // An HTTPS emulator whose certificate is signed by a throwaway CA.
    let emulator = Emulator::start_with(EmulatorConfig {
        tls: Some(TlsConfig::default()),
        ..EmulatorConfig::default()
    })?;
    // ca_bundle adds a CA (a PEM file) to the trusted ones; .proxy(url) works the same way.
    let client = Client::builder()
        .token(emulator.token())
        .base_url(emulator.base_url())
        .ca_bundle(emulator.ca_path().expect("a TLS emulator has a CA"))
        .build()?;
    let page = client.images().list_page(ListParams::default()).await?;
    println!("https {} images", page.items.len());
    Ok(())
}
