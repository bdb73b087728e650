use genesiscloud::{Client, ClientOverrides};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;

    // One call's result with its raw answer.
    let quotas = client
        .with_response(|c| async move { c.quotas().await })
        .await?;
    let info = quotas.info();
    println!(
        "{} quotas: HTTP {}, request id {}, {} attempt(s), {:?}",
        quotas.value().len(),
        info.status(),
        info.request_id().unwrap_or("-"),
        info.attempts(),
        info.elapsed()
    );

    // Every request of a derived client, each page of a list included.
    let traced = client.with_options(ClientOverrides::new().on_response(|r| {
        println!(
            "{} {} -> {} ({:?})",
            r.method(),
            r.path(),
            r.status(),
            r.request_id()
        );
    }))?;
    traced.images().list_page(Default::default()).await?;
    Ok(())
}
