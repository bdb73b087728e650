//! A client derived with `Client::with_options`: its own retries, timeout
//! and headers, the parent's connection pool, and the parent unchanged.

mod net;

use std::time::Duration;

use genesiscloud::{Client, ClientOverrides, Error, ErrorKind, ListParams};
use genesiscloud_emulator::{CertificateKind, Emulator, EmulatorConfig, Fault};
use net::{start_proxy, Behaviour, TOKEN};

fn emulator() -> Emulator {
    Emulator::start_with(EmulatorConfig {
        tokens: vec![TOKEN.to_owned()],
        ..EmulatorConfig::default()
    })
    .expect("emulator starts")
}

fn parent(emu: &Emulator) -> Client {
    Client::builder()
        .token(TOKEN)
        .base_url(emu.base_url())
        .build()
        .unwrap()
}

async fn list_images(client: &Client) -> Result<usize, Error> {
    let page = client.images().list_page(ListParams::default()).await?;
    Ok(page.items.len())
}

#[tokio::test]
async fn the_derived_client_retries_as_told_and_the_parent_as_before() {
    let emu = emulator();
    emu.inject_fault(Fault::status(503).path("/compute/v1/images"));
    let parent = parent(&emu);
    let child = parent
        .with_options(ClientOverrides::new().max_retries(0))
        .unwrap();

    let e = list_images(&child).await.unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::ServerError, 1), "{e}");
    assert_eq!(emu.requests().len(), 1);

    emu.clear_requests();
    let e = list_images(&parent).await.unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::ServerError, 3), "{e}");
    assert_eq!(emu.requests().len(), 3);
}

#[tokio::test]
async fn the_derived_client_times_out_as_told_and_the_parent_waits() {
    let emu = emulator();
    emu.inject_fault(Fault::latency(400).path("/compute/v1/images"));
    let parent = parent(&emu);
    let child = parent
        .with_options(
            ClientOverrides::new()
                .timeout(Duration::from_millis(100))
                .max_retries(0),
        )
        .unwrap();

    let e = list_images(&child).await.unwrap_err();
    assert_eq!((e.kind(), e.attempts()), (ErrorKind::Timeout, 1), "{e}");
    assert!(list_images(&parent).await.unwrap() > 0);
}

#[tokio::test]
async fn the_derived_clients_headers_reach_the_server_and_the_parents_requests_lack_them() {
    let emu = emulator();
    let parent = parent(&emu);
    let child = parent
        .with_options(ClientOverrides::new().header("X-Trace-Id", "nightly"))
        .unwrap();
    let grandchild = child
        .with_options(ClientOverrides::new().header("X-Team", "ml"))
        .unwrap();

    list_images(&child).await.unwrap();
    list_images(&parent).await.unwrap();
    list_images(&grandchild).await.unwrap();
    let seen = emu.requests();
    let header = |i: usize, name: &str| seen[i].headers.get(name).cloned();
    assert_eq!(header(0, "x-trace-id").as_deref(), Some("nightly"));
    assert_eq!(header(1, "x-trace-id"), None);
    assert_eq!(header(2, "x-trace-id").as_deref(), Some("nightly"));
    assert_eq!(header(2, "x-team").as_deref(), Some("ml"));
    // The token still goes with every request, the derived ones included.
    assert!(seen.iter().all(|r| r.authenticated), "{seen:?}");
}

#[test]
fn the_auth_header_cannot_be_overridden() {
    let parent = Client::builder()
        .token(TOKEN)
        .base_url("http://127.0.0.1:9/compute/v1")
        .build()
        .unwrap();
    for name in ["X-Auth-Token", "authorization", "Proxy-Authorization"] {
        let e = parent
            .with_options(ClientOverrides::new().header(name, "forged"))
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{name}: {e}");
        assert!(
            e.message().contains(&name.to_ascii_lowercase()),
            "{name}: {e}"
        );
    }
}

#[tokio::test]
async fn the_derived_client_opens_no_new_connection() {
    // Through a CONNECT proxy, every new connection is one CONNECT.
    let emu = net::https_emulator(CertificateKind::Valid);
    let proxy = start_proxy(Behaviour::Tunnel { auth: false }).await;
    let parent = Client::builder()
        .token(TOKEN)
        .base_url(emu.base_url())
        .ca_bundle(emu.ca_path().expect("an HTTPS emulator has a CA"))
        .proxy(proxy.url(false))
        .build()
        .unwrap();
    list_images(&parent).await.unwrap();
    let child = parent
        .with_options(ClientOverrides::new().max_retries(0).per_page(5))
        .unwrap();
    list_images(&child).await.unwrap();
    assert_eq!(emu.requests().len(), 2);
    assert_eq!(proxy.heads().len(), 1, "{:?}", proxy.heads());
}

/// The per-call form: a group derived for one call (`with_options` on
/// `client.images()`) retries as told, and the same group's next call, made
/// without it, retries as the client does.
#[tokio::test]
async fn a_group_derived_for_one_call_retries_as_told_and_the_group_as_before() {
    let emu = emulator();
    emu.inject_fault(Fault::status(503).path("/compute/v1/images"));
    let client = parent(&emu);
    let images = client.images();
    let once = images
        .with_options(ClientOverrides::new().max_retries(0))
        .unwrap()
        .list_page(ListParams::default())
        .await
        .unwrap_err();
    assert_eq!(once.attempts(), 1);
    let after = images.list_page(ListParams::default()).await.unwrap_err();
    assert_eq!(after.attempts(), 3);
}
