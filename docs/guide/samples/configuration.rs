use std::time::Duration;

use genesiscloud::{Client, ClientOverrides};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Every setting has a builder method; token and URL default to the environment.
    let client = Client::builder()
        .timeout(Duration::from_secs(30))
        .max_retries(4)
        .per_page(50)
        .build()?;

    // A client for long calls: same connections, other settings.
    let patient = client.with_options(
        ClientOverrides::new()
            .timeout(Duration::from_secs(300))
            .header("X-Trace-Id", "nightly-backup"),
    )?;
    println!("{} quotas", patient.quotas().await?.len());
    Ok(())
}
