use std::time::Duration;

use genesiscloud::{Client, CreateVolume, Region, WaitOptions, DELETED};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let volume = client
        .volumes()
        .create(&CreateVolume::new("scratch", Region::NordNoKrs1, 10))
        .await?;
    let options = WaitOptions::default().timeout(Duration::from_secs(120));
    let volume = client
        .volumes()
        .wait_until(&volume.id, "created", options)
        .await?
        .expect("a volume in status created");
    println!("{} {}", volume.name, volume.status);

    client.volumes().delete(&volume.id).await?;
    // Until GET answers 404; returns None.
    client
        .volumes()
        .wait_until(&volume.id, DELETED, WaitOptions::default())
        .await?;
    Ok(())
}
