//! Lists images and instances.
//!
//! With `GENESISCLOUD_TOKEN` set it talks to the real API (or to
//! `GENESISCLOUD_ENDPOINT`); without it, to an emulator started in-process.
//!
//! ```sh
//! cargo run -p genesiscloud --example quickstart
//! ```

use futures::TryStreamExt;
use genesiscloud::{Client, ListParams};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Keeps the emulator alive until the end of main.
    let (client, _emulator) = match std::env::var(genesiscloud::TOKEN_ENV) {
        Ok(_) => (Client::from_env()?, None),
        Err(_) => {
            let emulator = genesiscloud_emulator::Emulator::start()?;
            let client = Client::builder()
                .token(emulator.token())
                .base_url(emulator.base_url())
                .build()?;
            println!(
                "no {} set: using an emulator at {}",
                genesiscloud::TOKEN_ENV,
                emulator.base_url()
            );
            (client, Some(emulator))
        }
    };

    println!("images:");
    let mut images = client.images().list(ListParams::default());
    while let Some(image) = images.try_next().await? {
        println!("  {:<38} {:<14} {}", image.id, image.r#type, image.name);
    }

    println!("instances:");
    let instances: Vec<_> = client
        .instances()
        .list(ListParams::default())
        .try_collect()
        .await?;
    for instance in &instances {
        println!(
            "  {:<38} {:<10} {:<14} {}",
            instance.id, instance.status, instance.region, instance.name
        );
    }
    Ok(())
}
