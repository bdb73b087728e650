//! The library API: synchronous use, use inside a runtime, shutdown.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::*;
use genesiscloud_emulator::{default_token, Emulator, Fault, FaultKind};
use serde_json::json;

/// A bare HTTP/1.1 exchange, as a C or Python caller without an async
/// runtime would do it.
fn raw_get(emu: &Emulator, path: &str, token: &str) -> String {
    let mut stream = TcpStream::connect(emu.addr()).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nX-Auth-Token: {token}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn works_from_plain_synchronous_code() {
    let emu = Emulator::start().unwrap();
    assert_eq!(emu.token(), default_token());
    let port = emu.addr().port();
    assert_eq!(emu.root_url(), format!("http://127.0.0.1:{port}"));
    assert_eq!(
        emu.base_url(),
        format!("http://127.0.0.1:{port}/compute/v1")
    );
    let answer = raw_get(&emu, "/compute/v1/images?per_page=1", &default_token());
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"total_count\""));
    assert!(raw_get(&emu, "/compute/v1/images", "nope").starts_with("HTTP/1.1 401"));
    emu.inject_fault(Fault::status(503).times(1));
    assert!(raw_get(&emu, "/compute/v1/images", &default_token()).starts_with("HTTP/1.1 503"));
    let addr = emu.addr();
    emu.stop();
    assert!(
        TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err(),
        "port closed after stop"
    );
    assert!(!format!("{:?}", Emulator::start().unwrap()).contains(&default_token()));
}

#[tokio::test(flavor = "current_thread")]
async fn drop_inside_a_runtime_does_not_wait_for_slow_answers() {
    let api = Api::start();
    api.emu.inject_fault(Fault {
        chunk_bytes: Some(1),
        chunk_delay_ms: Some(1000),
        ..Fault::slow_body()
    });
    let url = api.url("/images");
    let client = api.client.clone();
    let token = api.token.clone();
    let pending = tokio::spawn(async move {
        client
            .get(url)
            .header("X-Auth-Token", token)
            .send()
            .await?
            .bytes()
            .await
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    drop(api);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "shutdown took {:?}",
        started.elapsed()
    );
    assert!(pending.await.unwrap().is_err(), "the slow answer was cut");
}

#[tokio::test]
async fn default_lifecycle_delay_is_300ms() {
    let api = Api::with(genesiscloud_emulator::EmulatorConfig::default());
    let created = api
        .post(
            "/volumes",
            json!({"name": "v", "region": "NORD-NO-KRS-1", "size": 1}),
        )
        .await
        .ok(201);
    let path = format!("/volumes/{}", created["volume"]["id"].as_str().unwrap());
    assert_eq!(api.get(&path).await.ok(200)["volume"]["status"], "creating");
    tokio::time::sleep(Duration::from_millis(450)).await;
    assert_eq!(api.get(&path).await.ok(200)["volume"]["status"], "created");
}

#[test]
fn fault_and_log_types_round_trip_as_json() {
    let fault = Fault::status(502)
        .body("html")
        .path("/compute/v1/images")
        .method("get")
        .after(1)
        .times(2)
        .retry_after("5");
    let value = serde_json::to_value(&fault).unwrap();
    assert_eq!(
        value,
        json!({"kind": "status", "status": 502, "body": "html", "path": "/compute/v1/images", "method": "GET", "after": 1, "times": 2, "retry_after": "5"})
    );
    assert_eq!(Fault::from_json(&value).unwrap(), fault);
    assert_eq!(Fault::new(FaultKind::Malformed), Fault::malformed());
    assert_eq!(FaultKind::SlowBody.as_str(), "slow_body");

    let emu = Emulator::start_with(config()).unwrap();
    raw_get(&emu, "/compute/v1/quotas?x=1", &default_token());
    let log = emu.requests();
    let entry = serde_json::to_value(&log[0]).unwrap();
    assert_eq!(entry["query"], "x=1");
    assert_eq!(entry["headers"]["x-auth-token"], "REDACTED");
    assert_eq!(entry["status"], 200);
}
