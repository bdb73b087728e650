use genesiscloud::{Client, CreateVolume, ErrorKind, ListParams, Region};
use genesiscloud_emulator::{Emulator, Fault};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start()?;
    let client = Client::builder()
        .token(emulator.token())
        .base_url(emulator.base_url())
        .build()?;

    // A GET answered 503 twice is retried, and the third attempt succeeds.
    emulator.inject_fault(
        Fault::status(503)
            .method("GET")
            .path("/compute/v1/images")
            .times(2),
    );
    let page = client.images().list_page(ListParams::default()).await?;
    println!("{} images after two retries", page.items.len());

    // A POST that may have reached the server is never sent again.
    emulator.inject_fault(
        Fault::status(503)
            .method("POST")
            .path("/compute/v1/volumes")
            .times(1),
    );
    let body = CreateVolume::new("data", Region::NordNoKrs1, 10);
    let error = client.volumes().create(&body).await.unwrap_err();
    println!(
        "{} attempts: {} request_sent: {}",
        error.code(),
        error.attempts(),
        error.request_sent()
    );
    assert_eq!(error.kind(), ErrorKind::ServerError);
    assert!(error.request_sent()); // look before creating it again
    Ok(())
}
