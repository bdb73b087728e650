use futures::future::try_join_all;
use futures::{stream, StreamExt, TryStreamExt};
use genesiscloud::{Client, CreateVolume, Region};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let volumes = client.volumes();
    let bodies: Vec<CreateVolume> = (1..=3)
        .map(|i| CreateVolume::new(format!("scratch-{i}"), Region::NordNoKrs1, 10))
        .collect();
    let created = try_join_all(bodies.iter().map(|body| volumes.create(body))).await?;

    // At most 2 calls in flight.
    let fetched: Vec<_> = stream::iter(&created)
        .map(|v| volumes.get(&v.id))
        .buffer_unordered(2)
        .try_collect()
        .await?;
    for volume in &fetched {
        println!("{} {}", volume.name, volume.status);
    }
    try_join_all(created.iter().map(|v| volumes.delete(&v.id))).await?;
    Ok(())
}
