use genesiscloud::{Client, ErrorKind, ListParams};
use genesiscloud_emulator::{Emulator, Fault};

#[tokio::main]
pub async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start()?;
    let client = Client::builder()
        .token(emulator.token())
        .base_url(emulator.base_url())
        .max_retries(0)
        .build()?;

    emulator.inject_fault(Fault::status(500).path("/compute/v1/instances").times(1));
    let error = client
        .instances()
        .list_page(ListParams::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::ServerError);
    assert_eq!((error.status(), error.attempts()), (Some(500), 1));
    println!(
        "{} requests reached the emulator",
        emulator.requests().len()
    );
    Ok(())
}
