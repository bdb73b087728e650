use futures::TryStreamExt;
use genesiscloud::{Client, ListParams};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Reads GENESISCLOUD_TOKEN (and GENESISCLOUD_ENDPOINT, when set).
    let client = Client::from_env()?;
    let mut images = client.images().list(ListParams::default());
    while let Some(image) = images.try_next().await? {
        println!("{} {}", image.id, image.name);
    }
    Ok(())
}
