use futures::{StreamExt, TryStreamExt};
use genesiscloud::{Client, ListParams};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;

    // One request, one page.
    let page = client
        .images()
        .list_page(ListParams::default().page(1).per_page(2))
        .await?;
    println!(
        "page {}: {} of {} images",
        page.page,
        page.items.len(),
        page.total_count
    );

    // Every item, fetched lazily; dropping the stream cancels what is in flight.
    let mut images = client.images().list(ListParams::default()).take(3);
    while let Some(image) = images.try_next().await? {
        println!("{}", image.name);
    }
    Ok(())
}
