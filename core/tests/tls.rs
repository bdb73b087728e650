//! The real network path: HTTPS with the emulator's throwaway CA, HTTP/2,
//! CONNECT proxies, and every TLS or proxy failure as one `connection`
//! error that is not retried and carries no secret.

mod net;

use genesiscloud::{Client, ClientBuilder, Error, ErrorKind, ListParams};
use genesiscloud_emulator::{CertificateKind, Emulator};
use net::{start_handshake_resetter, start_proxy, Behaviour, PROXY_BASIC, PROXY_PASSWORD, TOKEN};

fn builder(emu: &Emulator) -> ClientBuilder {
    Client::builder().token(TOKEN).base_url(emu.base_url())
}

fn trusting(emu: &Emulator) -> ClientBuilder {
    builder(emu).ca_bundle(emu.ca_path().expect("an HTTPS emulator has a CA"))
}

async fn list_images(client: &Client) -> Result<usize, Error> {
    let page = client.images().list_page(ListParams::default()).await?;
    Ok(page.items.len())
}

/// A failure to connect that retrying cannot cure: one attempt, nothing
/// sent, the cause named, no secret shown.
fn assert_not_retried(e: &Error, cause: &str) {
    assert_eq!(e.kind(), ErrorKind::Connection, "{e}");
    assert_eq!(e.attempts(), 1, "{e}");
    assert!(!e.request_sent(), "{e}");
    assert!(e.message().contains(cause), "{e:?} lacks {cause:?}");
    assert!(!e.message().contains('\n'), "{e:?}");
    let shown = format!("{e} {e:?}");
    assert!(
        !shown.contains(TOKEN) && !shown.contains(PROXY_PASSWORD),
        "{shown}"
    );
}

#[tokio::test]
async fn https_with_the_emulators_ca_lists_over_http2() {
    let emu = net::https_emulator(CertificateKind::Valid);
    assert!(emu.base_url().starts_with("https://127.0.0.1:"));
    let client = trusting(&emu).build().unwrap();
    assert!(list_images(&client).await.unwrap() > 0);
    let seen = emu.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].http_version, "HTTP/2.0");
}

#[tokio::test]
async fn an_unknown_ca_is_named_and_not_retried() {
    let emu = net::https_emulator(CertificateKind::Valid);
    let client = builder(&emu).max_retries(3).build().unwrap();
    let e = list_images(&client).await.unwrap_err();
    assert_not_retried(&e, "not signed by a trusted certificate authority");
    assert!(emu.requests().is_empty());
}

#[tokio::test]
async fn an_expired_certificate_is_named_and_not_retried() {
    let emu = net::https_emulator(CertificateKind::Expired);
    let client = trusting(&emu).max_retries(3).build().unwrap();
    let e = list_images(&client).await.unwrap_err();
    assert_not_retried(&e, "has expired");
}

#[tokio::test]
async fn a_certificate_for_another_host_is_named_and_not_retried() {
    let emu = net::https_emulator(CertificateKind::WrongHost);
    let client = trusting(&emu).max_retries(3).build().unwrap();
    let e = list_images(&client).await.unwrap_err();
    assert_not_retried(&e, "not valid for the host name 127.0.0.1");
}

#[tokio::test]
async fn a_handshake_reset_is_named_and_not_retried() {
    let addr = start_handshake_resetter().await;
    let client = Client::builder()
        .token(TOKEN)
        .base_url(format!("https://{addr}/compute/v1"))
        .max_retries(3)
        .build()
        .unwrap();
    let e = list_images(&client).await.unwrap_err();
    assert_not_retried(&e, "closed the connection during the TLS handshake");
}

#[tokio::test]
async fn a_proxy_with_credentials_carries_https_inside_a_tunnel() {
    let emu = net::https_emulator(CertificateKind::Valid);
    let proxy = start_proxy(Behaviour::Tunnel { auth: true }).await;
    let client = trusting(&emu).proxy(proxy.url(true)).build().unwrap();
    assert!(list_images(&client).await.unwrap() > 0);
    let heads = proxy.heads();
    assert_eq!(heads.len(), 1, "{heads:?}");
    let first = heads[0].lines().next().unwrap();
    assert_eq!(first, format!("CONNECT {} HTTP/1.1", emu.addr()));
    assert!(heads[0].contains(PROXY_BASIC), "{heads:?}");
    // Only the host travels in clear: no path, no token.
    assert!(!heads[0].contains("/compute") && !heads[0].contains(TOKEN));
    assert_eq!(emu.requests()[0].http_version, "HTTP/2.0");
    let shown = format!("{client:?}");
    assert!(!shown.contains(PROXY_PASSWORD), "{shown}");
}

#[tokio::test]
async fn a_proxy_that_refuses_connect_is_named_and_not_retried() {
    let emu = net::https_emulator(CertificateKind::Valid);
    let proxy = start_proxy(Behaviour::Refuse(403)).await;
    let client = trusting(&emu)
        .proxy(proxy.url(true))
        .max_retries(3)
        .build()
        .unwrap();
    let e = list_images(&client).await.unwrap_err();
    assert_not_retried(&e, "the proxy refused to open a tunnel");
    assert_eq!(proxy.heads().len(), 1);
}

#[tokio::test]
async fn a_proxy_asking_for_credentials_is_named_and_not_retried() {
    let emu = net::https_emulator(CertificateKind::Valid);
    let proxy = start_proxy(Behaviour::Tunnel { auth: true }).await;
    let wrong = proxy.url(true).replace(PROXY_PASSWORD, "wrong-pw");
    let client = trusting(&emu).proxy(wrong).max_retries(3).build().unwrap();
    let e = list_images(&client).await.unwrap_err();
    assert_not_retried(&e, "407 Proxy Authentication Required");
    assert!(!format!("{e:?}").contains("wrong-pw"));
    assert_eq!(proxy.heads().len(), 1);
}

#[test]
fn a_ca_bundle_that_is_not_a_certificate_is_refused_at_construction() {
    let path = std::env::temp_dir().join(format!("gc-not-a-ca-{}.pem", std::process::id()));
    std::fs::write(&path, "hello\n").unwrap();
    let e = Client::builder()
        .token(TOKEN)
        .ca_bundle(&path)
        .build()
        .unwrap_err();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.message().contains("ca_bundle"), "{e}");
}
