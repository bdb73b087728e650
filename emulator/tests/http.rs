//! Transport rules: authentication, error bodies, request ids, 204s,
//! the rate limit and the request log.

mod common;

use std::time::Duration;

use common::*;
use genesiscloud_emulator::{default_token, EmulatorConfig};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn both_token_schemes() {
    let api = Api::with(EmulatorConfig {
        tokens: vec!["first".into(), "second".into()],
        ..config()
    });
    assert_eq!(api.token, "first");
    let url = api.url("/images");
    let send = |req: reqwest::RequestBuilder| async move { read(req.send().await.unwrap()).await };
    assert_eq!(send(api.client.get(&url)).await.error(401), "10001");
    send(api.client.get(&url).header("X-Auth-Token", "wrong"))
        .await
        .error(401);
    send(api.client.get(&url).header("Authorization", "Bearer wrong"))
        .await
        .error(401);
    send(
        api.client
            .get(&url)
            .header("Authorization", "Basic Zmlyc3Q6"),
    )
    .await
    .error(401);
    send(api.client.get(&url).header("Authorization", "Bearer "))
        .await
        .error(401);
    send(api.client.get(&url).header("X-Auth-Token", default_token()))
        .await
        .error(401);
    send(api.client.get(&url).header("X-Auth-Token", "first"))
        .await
        .ok(200);
    send(api.client.get(&url).header("X-Auth-Token", "second"))
        .await
        .ok(200);
    send(
        api.client
            .get(&url)
            .header("Authorization", "Bearer second"),
    )
    .await
    .ok(200);
    send(api.client.get(&url).header("Authorization", "bearer first"))
        .await
        .ok(200);
    // Every operation is protected, including unknown paths and writes.
    send(api.client.post(api.url("/instances")).body("{}"))
        .await
        .error(401);
    send(api.client.delete(api.url("/ssh-keys/x")))
        .await
        .error(401);
    send(api.client.get(api.url("/nothing-here")))
        .await
        .error(401);
}

#[tokio::test]
async fn error_bodies_everywhere() {
    let api = Api::start();
    assert_eq!(api.get("/nothing-here").await.error(404), "30004");
    assert_eq!(
        api.send(Method::PUT, "/images", None).await.error(405),
        "30005"
    );
    assert_eq!(
        api.send(Method::DELETE, "/quotas", None).await.error(405),
        "30005"
    );
    let big = format!("{{\"name\": \"{}\"}}", "x".repeat(2 << 20));
    assert_eq!(
        api.raw(Method::POST, "/ssh-keys", &big).await.error(413),
        "20013"
    );
    let outside = read(
        api.client
            .get(format!("{}/elsewhere", api.emu.root_url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    outside.error(404);
}

#[tokio::test]
async fn request_ids_are_unique_and_204_has_no_content_type() {
    let api = Api::start();
    let mut ids = std::collections::HashSet::new();
    for _ in 0..20 {
        let r = api.get("/ssh-keys").await;
        assert!(ids.insert(r.header("x-request-id").unwrap().to_owned()));
    }
    assert!(api.get("/nothing").await.header("x-request-id").is_some());
    assert!(api
        .control(Method::GET, "/health", None)
        .await
        .header("x-request-id")
        .is_some());
    let key = api
        .post("/ssh-keys", json!({"name": "k", "value": ED25519}))
        .await
        .ok(201);
    let r = api
        .delete(&format!("/ssh-keys/{}", key["id"].as_str().unwrap()))
        .await;
    r.ok(204);
    assert!(r.header("x-request-id").is_some());
    assert!(r.header("content-length").is_none_or(|l| l == "0"));
    let inference = api.id_of("/instances", "instances", "inference-eu").await;
    let r = api
        .post(
            &format!("/instances/{inference}/actions"),
            json!({"action": "start"}),
        )
        .await;
    r.ok(204);
}

#[tokio::test]
async fn rate_limit_per_token() {
    let api = Api::with(EmulatorConfig {
        tokens: vec!["a".into(), "b".into()],
        rate_limit: Some(5),
        ..config()
    });
    let get = |token: &'static str| {
        let req = api
            .client
            .get(api.url("/quotas"))
            .header("X-Auth-Token", token);
        async move { read(req.send().await.unwrap()).await }
    };
    for _ in 0..5 {
        get("a").await.ok(200);
    }
    let limited = get("a").await;
    assert_eq!(limited.error(429), "40029");
    assert_eq!(limited.header("retry-after"), Some("1"));
    get("b").await.ok(200);
    tokio::time::sleep(Duration::from_millis(1050)).await;
    get("a").await.ok(200);
    // Turned off at run time.
    api.emu.configure(None, None, Some(None));
    for _ in 0..10 {
        get("a").await.ok(200);
    }
    api.control(Method::POST, "/config", Some(json!({"rate_limit": 1})))
        .await
        .ok(200);
    get("b").await.ok(200);
    get("b").await.error(429);
}

#[tokio::test]
async fn request_log_never_holds_a_token() {
    let secret = "s3cr3t-t0ken-value";
    let api = Api::with(EmulatorConfig {
        tokens: vec![secret.into()],
        ..config()
    });
    api.get("/images?per_page=2").await.ok(200);
    let r = api
        .client
        .post(api.url("/ssh-keys"))
        .header("Authorization", format!("Bearer {secret}"))
        .header("X-Custom", format!("echo {secret}"))
        .body(json!({"name": secret, "value": ED25519}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    read(
        api.client
            .get(api.url(&format!("/images?token={secret}")))
            .header("X-Auth-Token", "wrong-guess")
            .send()
            .await
            .unwrap(),
    )
    .await
    .error(401);
    api.control(Method::GET, "/faults", None).await.ok(200);

    let raw = api.control(Method::GET, "/requests", None).await;
    let text = String::from_utf8(raw.body.clone()).unwrap();
    assert!(!text.contains(secret), "{text}");
    assert!(
        !text.contains("wrong-guess"),
        "presented tokens are redacted too"
    );
    let log = raw.ok(200);
    let requests = log["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 3, "control requests are not logged");
    let first = &requests[0];
    assert_keys(
        first,
        &[
            "auth",
            "authenticated",
            "body",
            "fault",
            "headers",
            "http_version",
            "method",
            "path",
            "query",
            "seq",
            "status",
        ],
    );
    assert_eq!(first["http_version"], "HTTP/1.1");
    assert_eq!(first["auth"], "x-auth-token");
    assert_eq!(first["authenticated"], true);
    assert_eq!(first["headers"]["x-auth-token"], "REDACTED");
    assert_eq!(first["query"], "per_page=2");
    assert_eq!(first["path"], "/compute/v1/images");
    assert_eq!(first["status"], 200);
    assert_eq!(first["body"], serde_json::Value::Null);
    assert_eq!(first["fault"], serde_json::Value::Null);
    let second = &requests[1];
    assert_eq!(
        (second["auth"].clone(), second["method"].clone()),
        (json!("bearer"), json!("POST"))
    );
    assert_eq!(second["headers"]["authorization"], "REDACTED");
    assert_eq!(second["body"]["value"], ED25519);
    assert_eq!(second["body"]["name"], "REDACTED");
    assert_eq!(second["status"], 201);
    let third = &requests[2];
    assert_eq!(
        (third["authenticated"].clone(), third["status"].clone()),
        (json!(false), json!(401))
    );
    assert!(requests
        .windows(2)
        .all(|w| w[0]["seq"].as_u64() < w[1]["seq"].as_u64()));

    // The library view matches and is cleared the same way.
    assert_eq!(api.emu.requests().len(), 3);
    api.control(Method::DELETE, "/requests", None).await.ok(204);
    assert!(api.emu.requests().is_empty());
    api.get("/quotas").await.ok(200);
    api.emu.clear_requests();
    assert_eq!(
        api.control(Method::GET, "/requests", None).await.ok(200),
        json!({"requests": []})
    );
}

#[tokio::test]
async fn framework_errors_are_json_too() {
    let api = Api::start();
    // An undecodable path parameter is rejected by the router itself.
    api.get("/instances/%FF%FE").await.error(400);
    let r = api
        .client
        .post(format!("{}/_emulator/seed", api.emu.root_url()))
        .body(vec![b' '; 3 << 20])
        .send()
        .await
        .unwrap();
    read(r).await.error(413);
}
