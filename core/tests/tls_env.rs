//! The environment's say in the network path: `SSL_CERT_FILE` and the
//! proxy variables in either case. One test, because the environment is the
//! process's: tests running side by side would see each other's variables.

mod net;

use genesiscloud::{Client, ErrorKind, ListParams};
use genesiscloud_emulator::{CertificateKind, Emulator, EmulatorConfig};
use net::{start_proxy, Behaviour, TOKEN};

const PROXY_VARS: [&str; 8] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
];

fn set(name: &str, value: Option<&str>) {
    // Safe here: this binary has a single test and it sets variables
    // before starting any client.
    match value {
        Some(v) => std::env::set_var(name, v),
        None => std::env::remove_var(name),
    }
}

#[tokio::test]
async fn ssl_cert_file_and_the_proxy_variables_are_honoured() {
    for var in PROXY_VARS {
        set(var, None);
    }
    let emu = net::https_emulator(CertificateKind::Valid);
    let ca = emu.ca_path().unwrap().to_str().unwrap().to_owned();
    let list = |client: Client| async move {
        client
            .images()
            .list_page(ListParams::default())
            .await
            .map(|p| p.items.len())
    };
    let client = || {
        Client::builder()
            .token(TOKEN)
            .base_url(emu.base_url())
            .max_retries(0)
            .build()
            .unwrap()
    };

    // Without SSL_CERT_FILE the emulator's CA is unknown; with it, trusted.
    set("SSL_CERT_FILE", None);
    let e = list(client()).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection);
    set("SSL_CERT_FILE", Some(&ca));
    assert!(list(client()).await.unwrap() > 0);

    // HTTPS_PROXY and https_proxy (with credentials) route through the
    // proxy; NO_PROXY (either case) bypasses it.
    for (var, no_proxy) in [("HTTPS_PROXY", "NO_PROXY"), ("https_proxy", "no_proxy")] {
        let proxy = start_proxy(Behaviour::Tunnel { auth: true }).await;
        set(var, Some(&proxy.url(true)));
        assert!(list(client()).await.unwrap() > 0, "{var}");
        assert_eq!(proxy.heads().len(), 1, "{var}");
        assert!(proxy.heads()[0].starts_with("CONNECT 127.0.0.1:"), "{var}");
        set(no_proxy, Some("127.0.0.1"));
        assert!(list(client()).await.unwrap() > 0, "{var} + {no_proxy}");
        assert_eq!(proxy.heads().len(), 1, "{no_proxy} was not honoured");
        set(no_proxy, None);
        set(var, None);
    }

    // An explicit proxy replaces the environment's.
    let refusing = start_proxy(Behaviour::Refuse(403)).await;
    let tunnel = start_proxy(Behaviour::Tunnel { auth: false }).await;
    set("HTTPS_PROXY", Some(&refusing.url(false)));
    let explicit = Client::builder()
        .token(TOKEN)
        .base_url(emu.base_url())
        .proxy(tunnel.url(false))
        .build()
        .unwrap();
    assert!(list(explicit).await.unwrap() > 0);
    assert!(refusing.heads().is_empty());
    assert_eq!(tunnel.heads().len(), 1);
    set("HTTPS_PROXY", None);

    // A plain http:// loopback API (the emulator) never goes through the
    // environment's proxy, which would see the token in clear.
    let plain = Emulator::start_with(EmulatorConfig {
        tokens: vec![TOKEN.to_owned()],
        ..EmulatorConfig::default()
    })
    .unwrap();
    let watching = start_proxy(Behaviour::Tunnel { auth: false }).await;
    for var in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
        set(var, Some(&watching.url(false)));
        let client = Client::builder()
            .token(TOKEN)
            .base_url(plain.base_url())
            .max_retries(0)
            .build()
            .unwrap();
        assert!(list(client).await.unwrap() > 0, "{var}");
        assert!(watching.heads().is_empty(), "{var} saw the request");
        set(var, None);
    }
    set("SSL_CERT_FILE", None);
}
