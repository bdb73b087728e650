use genesiscloud::{Client, ErrorKind};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?;
    let error = client.instances().get("no-such-id").await.unwrap_err();
    println!(
        "{} {:?} {} {}",
        error.code(),
        error.status(),
        error.attempts(),
        error.request_sent()
    );
    assert_eq!(error.kind(), ErrorKind::NotFound);
    Ok(())
}
