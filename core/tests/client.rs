//! Behaviour of the client a user would notice, beyond the shared
//! conformance scenarios: secrets, logs, sharing, cancellation.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use genesiscloud::{Client, Error, ErrorKind, ListParams, WaitOptions};
use genesiscloud_emulator::{Emulator, EmulatorConfig, Fault, Seed};
use serde_json::json;

const CANARY: &str = "canary-token-5b0c1e7f";

fn emulator_with_canary() -> Emulator {
    Emulator::start_with(EmulatorConfig {
        tokens: vec![CANARY.to_owned()],
        lifecycle_delay: Duration::ZERO,
        ..EmulatorConfig::default()
    })
    .expect("emulator starts")
}

fn client_for(emu: &Emulator) -> genesiscloud::ClientBuilder {
    Client::builder()
        .token(emu.token())
        .base_url(emu.base_url())
}

fn fault(v: serde_json::Value) -> Fault {
    Fault::from_json(&v).expect("valid fault")
}

#[tokio::test]
async fn user_agent_names_the_sdk() {
    let emu = Emulator::start().unwrap();
    let client = client_for(&emu).build().unwrap();
    client
        .images()
        .list_page(ListParams::default())
        .await
        .unwrap();
    let log = serde_json::to_value(emu.requests()).unwrap();
    let ua = log[0]["headers"]["user-agent"].as_str().unwrap().to_owned();
    // The compiler on the PATH is the one rust-toolchain.toml pins, the one
    // that built this test.
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .unwrap();
    let rustc = String::from_utf8(rustc.stdout).unwrap();
    let rustc = rustc.split_whitespace().nth(1).unwrap();
    assert_eq!(
        ua,
        format!(
            "genesiscloud-sdk/{} (rust/{rustc})",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_serves_a_thousand_concurrent_calls() {
    let emu = Emulator::start().unwrap();
    let client = client_for(&emu).build().unwrap();
    let page = client
        .images()
        .list_page(ListParams::default())
        .await
        .unwrap();
    let id = page.items[0].id.clone();
    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let client = client.clone();
            let id = id.clone();
            tokio::spawn(async move {
                client
                    .images()
                    .list_page(ListParams::default())
                    .await
                    .map(|p| p.items[0].id == id)
            })
        })
        .collect();
    for t in tasks {
        assert!(t.await.unwrap().unwrap());
    }
}

#[tokio::test]
async fn dropping_a_list_stops_fetching_pages() {
    let emu = Emulator::start().unwrap();
    emu.reset_with(Seed::Empty);
    emu.seed_synthetic("images", 10_000).unwrap();
    emu.configure(None, Some(Duration::from_millis(20)), None);
    let client = client_for(&emu).build().unwrap();
    let mut list = client.images().list(ListParams::default());
    let mut taken = 0;
    while let Some(item) = list.next().await {
        item.unwrap();
        taken += 1;
        if taken == 150 {
            break;
        }
    }
    assert_eq!(list.total_count(), Some(10_000));
    drop(list);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let made = emu.requests().len();
    // The first page, then at most one prefetch window.
    assert!(
        made <= 1 + genesiscloud::DEFAULT_CONCURRENCY,
        "{made} requests for 150 items"
    );
}

#[tokio::test]
async fn plain_http_is_refused_for_remote_hosts() {
    let e = Client::builder()
        .token("t")
        .base_url("http://api.genesiscloud.com/compute/v1")
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgument);
    assert!(e.message().contains("https"), "{e}");
}

#[tokio::test]
async fn connection_refused_is_a_connection_error_that_was_not_sent() {
    // Bind and drop a listener to find a port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder()
        .token("t")
        .base_url(format!("http://127.0.0.1:{port}/compute/v1"))
        .max_retries(1)
        .build()
        .unwrap();
    let e = client.instances().get("abc").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connection);
    assert!(!e.request_sent(), "nothing reached a server");
    assert_eq!(e.attempts(), 2, "connect failures are retried");
}

#[tokio::test]
async fn oversized_bodies_fail_with_decode_instead_of_exhausting_memory() {
    let emu = Emulator::start().unwrap();
    emu.reset_with(Seed::Empty);
    emu.seed_synthetic("images", 100).unwrap();
    let client = client_for(&emu).max_response_bytes(4096).build().unwrap();
    let e = client
        .images()
        .list_page(ListParams::default().per_page(100))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(e.message().contains("limit"), "{e}");
}

#[tokio::test]
async fn retry_after_is_waited_for() {
    let emu = Emulator::start().unwrap();
    emu.inject_fault(fault(
        json!({"kind": "rate_limit", "retry_after": "1", "times": 1}),
    ));
    let client = client_for(&emu).build().unwrap();
    let started = std::time::Instant::now();
    client
        .images()
        .list_page(ListParams::default())
        .await
        .unwrap();
    // A lower bound only: the server asked for a second, so no retry may
    // come sooner.
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert_eq!(emu.requests().len(), 2);
}

#[tokio::test]
async fn an_error_from_the_progress_callback_comes_back_unchanged_and_stops_polling() {
    let emu = emulator_with_canary();
    emu.configure(Some(Duration::from_secs(60)), None, None);
    let client = client_for(&emu).build().unwrap();
    let volume = client
        .volumes()
        .create(
            &serde_json::from_value(json!({"name": "v", "region": "NORD-NO-KRS-1", "size": 1}))
                .unwrap(),
        )
        .await
        .unwrap();
    emu.clear_requests();
    let options = WaitOptions::default()
        .timeout(Duration::from_secs(5))
        .intervals(Duration::from_millis(20), Duration::from_millis(20))
        .on_progress(|p| match p.polls {
            2 => Err(Error::new(ErrorKind::Cancelled, "the user had enough")),
            _ => Ok(()),
        });
    let e = client
        .volumes()
        .wait_until(&volume.id, "created", options)
        .await
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.message()),
        (ErrorKind::Cancelled, "the user had enough")
    );
    assert!(
        e.wait_progress().is_none(),
        "the caller's error, not one of the SDK's"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(emu.requests().len(), 2, "no poll after the stop");
}

#[tokio::test]
async fn the_progress_callback_is_told_of_the_error_status_before_the_wait_fails() {
    // The scenario's fault: GET of that instance answers it in status `error`.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/conformance/wait_until_error_fails_at_once.json"
    );
    let scenario: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let step = &scenario["steps"][0];
    let emu = emulator_with_canary();
    emu.inject_fault(fault(step["faults"][0].clone()));
    let client = client_for(&emu).build().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let told = Arc::clone(&seen);
    let options = WaitOptions::default().on_progress(move |p| {
        told.lock().unwrap().push(p.clone());
        Ok(())
    });
    let id = step["args"]["id"].as_str().unwrap();
    let e = client
        .instances()
        .wait_until(id, "active", options)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::WaitTimeout);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].last_status.as_deref(), Some("error"));
    assert_eq!(seen[0].polls, 1);
}
