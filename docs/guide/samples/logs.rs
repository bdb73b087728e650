use genesiscloud::{Client, ListParams};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The core logs through `tracing`: any subscriber gets one line per
    // request at debug, retries and waits at info.
    tracing_subscriber::fmt()
        .with_env_filter("genesiscloud=debug")
        .with_writer(std::io::stderr)
        .init();

    let client = Client::from_env()?;
    client.images().list_page(ListParams::default()).await?;
    Ok(())
}
