//! Every fault kind, its matching rules and its recovery.

mod common;

use std::time::{Duration, Instant};

use common::*;
use genesiscloud_emulator::{Fault, FaultKind};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn latency_with_and_without_jitter() {
    let api = Api::start();
    api.emu
        .inject_fault(Fault::latency(200).path("/compute/v1/images").times(1));
    let started = Instant::now();
    api.get("/images").await.ok(200);
    assert!(started.elapsed() >= Duration::from_millis(200));
    let started = Instant::now();
    api.get("/images").await.ok(200);
    assert!(
        started.elapsed() < Duration::from_millis(200),
        "recovered after `times`"
    );

    api.emu.inject_fault(Fault {
        jitter_ms: Some(50),
        ..Fault::latency(100)
    });
    let started = Instant::now();
    api.get("/quotas").await.ok(200);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(100) && took < Duration::from_millis(1000),
        "{took:?}"
    );
    let log = api.emu.requests();
    assert_eq!(log.last().unwrap().fault.as_deref(), Some("latency"));

    // Global latency applies to every request.
    api.emu.clear_faults();
    api.emu
        .configure(None, Some(Duration::from_millis(120)), None);
    let started = Instant::now();
    api.get("/ssh-keys").await.ok(200);
    assert!(started.elapsed() >= Duration::from_millis(120));
}

#[tokio::test]
async fn status_bodies_and_retry_after() {
    let api = Api::start();
    api.emu
        .inject_fault(Fault::status(503).retry_after("2").times(1));
    let r = api.get("/images").await;
    assert_eq!(r.error(503), "90503");
    assert_eq!(r.header("retry-after"), Some("2"));
    api.get("/images").await.ok(200);

    let date = "Wed, 21 Oct 2015 07:28:00 GMT";
    api.emu
        .inject_fault(Fault::status(502).body("html").retry_after(date).times(1));
    let r = api.get("/images").await;
    assert_eq!(r.status, 502);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert_eq!(r.header("retry-after"), Some(date));
    assert!(String::from_utf8_lossy(&r.body).contains("<html>"));

    api.emu
        .inject_fault(Fault::status(504).body("empty").times(1));
    let r = api.get("/images").await;
    assert_eq!(r.status, 504);
    assert!(r.body.is_empty());
    assert!(r.header("content-type").is_none());

    api.emu
        .inject_fault(Fault::status(500).body("oops, raw").times(1));
    let r = api.get("/images").await;
    assert_eq!(
        (r.status, r.body.as_slice()),
        (500, b"oops, raw".as_slice())
    );

    for status in [403, 418, 500] {
        api.emu.inject_fault(Fault::status(status).times(1));
        api.get("/images").await.error(status);
    }
    assert!(x_request_id(&api.get("/images").await));
}

fn x_request_id(r: &Resp) -> bool {
    r.header("x-request-id").is_some_and(|v| v.len() == 36)
}

#[tokio::test]
async fn after_times_method_path_and_query() {
    let api = Api::start();
    api.emu.inject_fault(
        Fault::status(500)
            .path("/compute/v1/instances/*")
            .method("GET")
            .after(1)
            .times(2),
    );
    let id = api.id_of("/instances", "instances", "train-01").await;
    let one = format!("/instances/{id}");
    let statuses = [
        api.get(&one).await.status,
        api.get(&one).await.status,
        api.get(&one).await.status,
        api.get(&one).await.status,
    ];
    assert_eq!(statuses, [200, 500, 500, 200]);
    // Other methods, deeper paths and the list itself are not matched.
    api.emu.clear_faults();
    api.emu.inject_fault(
        Fault::status(500)
            .path("/compute/v1/instances/*")
            .method("PATCH"),
    );
    api.get(&one).await.ok(200);
    api.get(&format!("{one}/actions")).await.ok(200);
    api.patch(&one, json!({})).await.error(500);
    api.emu.clear_faults();
    api.emu
        .inject_fault(Fault::status(500).path("/compute/v1/**/actions"));
    api.get(&format!("{one}/actions")).await.error(500);
    api.get(&one).await.ok(200);
    api.emu.clear_faults();
    api.emu
        .inject_fault(Fault::status(500).path("/images").query("page=2"));
    api.get("/images?page=1").await.ok(200);
    api.get("/images?page=2").await.error(500);
}

#[tokio::test]
async fn rate_limit_fault() {
    let api = Api::start();
    api.emu
        .inject_fault(Fault::rate_limit().retry_after("3").times(1));
    let r = api.get("/images").await;
    assert_eq!(r.error(429), "40029");
    assert_eq!(r.header("retry-after"), Some("3"));
    api.get("/images").await.ok(200);
    api.emu.inject_fault(Fault::rate_limit().times(1));
    let r = api.get("/images").await;
    r.error(429);
    assert!(r.header("retry-after").is_none());
}

#[tokio::test]
async fn drop_closes_the_connection() {
    let api = Api::start();
    api.emu.inject_fault(Fault::drop_connection().times(1));
    let err = api
        .client
        .get(api.url("/images"))
        .header("X-Auth-Token", &api.token)
        .send()
        .await;
    assert!(err.is_err(), "no response at all");
    api.get("/images").await.ok(200);
    let log = api.emu.requests();
    let dropped = &log[log.len() - 2];
    assert_eq!(
        (dropped.status, dropped.fault.as_deref()),
        (None, Some("drop"))
    );

    let full = api.get("/images").await.body.len();
    api.emu.inject_fault(Fault::drop_after(10).times(1));
    let resp = api
        .client
        .get(api.url("/images"))
        .header("X-Auth-Token", &api.token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.content_length(),
        Some(full as u64),
        "announces the full length"
    );
    assert!(resp.bytes().await.is_err(), "body cut off");
    assert_eq!(api.emu.requests().last().unwrap().status, None);
    api.get("/images").await.ok(200);
}

#[tokio::test]
async fn truncate_and_malformed() {
    let api = Api::start();
    let full = api.get("/images").await.body;
    api.emu.inject_fault(Fault::truncate().times(1));
    let r = api.get("/images").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body.len(), full.len() / 2);
    assert_eq!(
        r.header("content-length"),
        Some((full.len() / 2).to_string().as_str())
    );
    assert_eq!(r.body.as_slice(), &full[..full.len() / 2]);
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());

    api.emu.inject_fault(
        Fault {
            bytes: Some(7),
            ..Fault::truncate()
        }
        .times(1),
    );
    assert_eq!(api.get("/images").await.body.len(), 7);

    api.emu.inject_fault(Fault::malformed().times(1));
    let r = api.get("/images").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());
}

#[tokio::test]
async fn slow_body_sends_the_real_answer_in_chunks() {
    let api = Api::start();
    let full = api.get("/ssh-keys").await.body;
    api.emu.inject_fault(
        Fault {
            chunk_bytes: Some(200),
            chunk_delay_ms: Some(40),
            ..Fault::slow_body()
        }
        .times(1),
    );
    let started = Instant::now();
    let r = api.get("/ssh-keys").await;
    let chunks = full.len().div_ceil(200) as u32;
    assert!(started.elapsed() >= Duration::from_millis(40) * (chunks - 1));
    assert_eq!(r.body, full);
    assert_eq!(
        r.header("content-length"),
        Some(full.len().to_string().as_str())
    );
}

#[tokio::test]
async fn redirect_points_elsewhere() {
    let api = Api::start();
    api.emu
        .inject_fault(Fault::redirect("http://evil.invalid:9999/").times(1));
    let r = api.get("/images?page=2&per_page=5").await;
    assert_eq!(r.status, 307);
    assert_eq!(
        r.header("location"),
        Some("http://evil.invalid:9999/compute/v1/images?page=2&per_page=5")
    );
    api.emu.inject_fault(
        Fault {
            status: Some(301),
            ..Fault::redirect("https://other.invalid")
        }
        .times(1),
    );
    let r = api.get("/quotas").await;
    assert_eq!(
        (r.status, r.header("location")),
        (301, Some("https://other.invalid/compute/v1/quotas"))
    );
}

#[tokio::test]
async fn insert_shifts_pages() {
    let api = Api::empty();
    api.emu.seed_synthetic("images", 10).unwrap();
    api.emu.inject_fault(
        Fault::insert("images", 3)
            .path("/compute/v1/images")
            .query("page=1")
            .times(1),
    );
    let first = api.get("/images?page=1&per_page=5").await.ok(200);
    assert_eq!(
        first["total_count"], 10,
        "the answer is computed before the insert"
    );
    let second = api.get("/images?page=2&per_page=5").await.ok(200);
    assert_eq!(second["total_count"], 13);
    // Offset pages shift by the three new items: the end of page 1 reappears.
    assert_eq!(second["images"][0]["id"], first["images"][2]["id"]);
    assert_eq!(second["images"][2]["id"], first["images"][4]["id"]);
    // Without `resource`, the list the path names is used.
    api.emu.inject_fault(
        Fault {
            resource: None,
            count: Some(2),
            ..Fault::new(FaultKind::Insert)
        }
        .path("/ssh-keys")
        .times(1),
    );
    api.get("/ssh-keys").await.ok(200);
    assert_eq!(api.get("/ssh-keys").await.ok(200)["total_count"], 2);
}

#[tokio::test]
async fn faults_over_http() {
    let api = Api::start();
    let r = api
        .control(
            Method::POST,
            "/faults",
            Some(json!([
                {"kind": "status", "status": 503, "path": "/compute/v1/images", "times": 1},
                {"kind": "latency", "latency_ms": 1}
            ])),
        )
        .await
        .ok(200);
    assert_eq!(r, json!({"ids": [1, 2]}));
    let single = api
        .control(
            Method::POST,
            "/faults",
            Some(json!({"kind": "truncate", "path": "/nothing"})),
        )
        .await
        .ok(200);
    assert_eq!(single, json!({"ids": [3]}));
    api.get("/images").await.error(503);
    let list = api.control(Method::GET, "/faults", None).await.ok(200);
    let faults = list["faults"].as_array().unwrap();
    assert_eq!(faults.len(), 3);
    assert_eq!(
        (faults[0]["kind"].clone(), faults[0]["applied"].clone()),
        (json!("status"), json!(1))
    );
    for bad in [
        json!({"kind": "status"}),
        json!({"kind": "bogus"}),
        json!({"kind": "drop", "extra": 1}),
        json!({"kind": "redirect"}),
        json!([{"kind": "drop"}, {"kind": "nope"}]),
    ] {
        api.control(Method::POST, "/faults", Some(bad))
            .await
            .error(400);
    }
    assert_eq!(
        api.control(Method::GET, "/faults", None).await.ok(200)["faults"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    api.control(Method::DELETE, "/faults/3", None).await.ok(204);
    api.control(Method::DELETE, "/faults/3", None)
        .await
        .error(404);
    api.control(Method::DELETE, "/faults", None).await.ok(204);
    assert_eq!(
        api.control(Method::GET, "/faults", None).await.ok(200),
        json!({"faults": []})
    );
    assert!(Fault::from_json(&json!({"kind": "slow_body", "chunk_bytes": 4})).is_ok());
}

#[tokio::test]
async fn probability_faults_a_share_of_requests() {
    let api = Api::start();
    api.control(
        Method::POST,
        "/faults",
        Some(json!({"kind": "status", "status": 503, "path": "/images",
                    "probability": 0.1, "seed": 42})),
    )
    .await
    .ok(200);
    let mut failed = Vec::new();
    for i in 0..1000 {
        let status = api.get("/images?per_page=1").await.status;
        assert!(status == 200 || status == 503, "{status}");
        if status == 503 {
            failed.push(i);
        }
    }
    assert!(
        (50..=150).contains(&failed.len()),
        "{} of 1000 at 10%",
        failed.len()
    );
    let listed = api.control(Method::GET, "/faults", None).await.ok(200);
    assert_eq!(listed["faults"][0]["applied"], json!(failed.len()));
    assert_eq!(listed["faults"][0]["matched"], json!(1000));

    // The same seed replays the same requests as failures.
    api.emu.reset();
    api.emu
        .inject_fault(Fault::status(503).path("/images").probability(0.1).seed(42));
    let mut again = Vec::new();
    for i in 0..1000 {
        if api.get("/images?per_page=1").await.status == 503 {
            again.push(i);
        }
    }
    assert_eq!(again, failed);

    for bad in [
        json!({"kind": "drop", "probability": 0}),
        json!({"kind": "drop", "probability": 1.01}),
        json!({"kind": "drop", "probability": "5%"}),
        json!({"kind": "drop", "seed": 3}),
    ] {
        api.control(Method::POST, "/faults", Some(bad))
            .await
            .error(400);
    }
}
