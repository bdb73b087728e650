//! Transitions computed lazily from deadlines: creating → active/created,
//! power actions, deleting → 404.

mod common;

use std::time::Duration;

use common::*;
use genesiscloud_emulator::EmulatorConfig;
use serde_json::json;

const DELAY: Duration = Duration::from_millis(300);

fn api() -> Api {
    Api::with(EmulatorConfig {
        lifecycle_delay: DELAY,
        ..config()
    })
}

async fn status(api: &Api, path: &str, key: &str) -> String {
    let r = api.get(path).await;
    if r.status == 404 {
        return "gone".into();
    }
    r.ok(200)[key]["status"].as_str().unwrap().to_owned()
}

async fn settle() {
    tokio::time::sleep(DELAY + Duration::from_millis(150)).await;
}

#[tokio::test]
async fn created_resources_settle_after_the_delay() {
    let api = api();
    let created = api
        .post(
            "/volumes",
            json!({"name": "v", "region": "NORD-NO-KRS-1", "size": 1}),
        )
        .await
        .ok(201);
    let path = format!("/volumes/{}", created["volume"]["id"].as_str().unwrap());
    assert_eq!(status(&api, &path, "volume").await, "creating");
    let in_list = api.get("/volumes").await.ok(200);
    assert_eq!(in_list["volumes"][0]["status"], "creating");
    settle().await;
    assert_eq!(status(&api, &path, "volume").await, "created");

    api.delete(&path).await.ok(204);
    assert_eq!(status(&api, &path, "volume").await, "deleting");
    assert!(api.get("/volumes").await.ok(200)["volumes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["status"] == "deleting"));
    settle().await;
    assert_eq!(status(&api, &path, "volume").await, "gone");
    let total = api.get("/volumes").await.ok(200)["total_count"].clone();
    assert_eq!(total, json!(2), "removed from lists too");

    for (list, key, body) in [
        (
            "/security-groups",
            "security_group",
            json!({"name": "g", "region": "NORD-NO-KRS-1", "rules": []}),
        ),
        (
            "/filesystems",
            "filesystem",
            json!({"name": "f", "region": "NORD-NO-KRS-1", "size": 1}),
        ),
        (
            "/floating-ips",
            "floating_ip",
            json!({"name": "f", "region": "NORD-NO-KRS-1"}),
        ),
        (
            "/snapshots",
            "snapshot",
            json!({"name": "s", "region": "NORD-NO-KRS-1", "size": 1, "url": "https://x.test/a"}),
        ),
    ] {
        let created = api.post(list, body).await.ok(201);
        let path = format!("{list}/{}", created[key]["id"].as_str().unwrap());
        assert_eq!(status(&api, &path, key).await, "creating", "{list}");
        settle().await;
        assert_eq!(status(&api, &path, key).await, "created", "{list}");
        api.delete(&path).await.ok(204);
        assert_eq!(status(&api, &path, key).await, "deleting", "{list}");
        settle().await;
        assert_eq!(status(&api, &path, key).await, "gone", "{list}");
    }
}

#[tokio::test]
async fn instance_goes_through_every_status() {
    let api = api();
    let created = api
        .post("/instances", instance_body(&api, "life").await)
        .await
        .ok(201);
    let id = created["instance"]["id"].as_str().unwrap().to_owned();
    let path = format!("/instances/{id}");
    let actions = format!("{path}/actions");
    assert_eq!(status(&api, &path, "instance").await, "creating");
    assert_eq!(api.get(&actions).await.ok(200), json!({"actions": []}));
    api.post(&actions, json!({"action": "stop"}))
        .await
        .error(409);
    settle().await;
    assert_eq!(status(&api, &path, "instance").await, "active");

    api.post(&actions, json!({"action": "stop"})).await.ok(204);
    assert_eq!(status(&api, &path, "instance").await, "stopping");
    api.post(&actions, json!({"action": "start"}))
        .await
        .error(409);
    settle().await;
    assert_eq!(status(&api, &path, "instance").await, "stopped");

    api.post(&actions, json!({"action": "start"})).await.ok(204);
    assert_eq!(status(&api, &path, "instance").await, "starting");
    assert_eq!(
        api.get(&actions).await.ok(200),
        json!({"actions": ["stop"]})
    );
    // Stopping while starting is allowed and replaces the transition.
    api.post(&actions, json!({"action": "stop"})).await.ok(204);
    assert_eq!(status(&api, &path, "instance").await, "stopping");
    settle().await;
    assert_eq!(status(&api, &path, "instance").await, "stopped");

    api.post(&actions, json!({"action": "start"})).await.ok(204);
    settle().await;
    api.post(&actions, json!({"action": "reset"})).await.ok(204);
    assert_eq!(status(&api, &path, "instance").await, "resetting");
    settle().await;
    assert_eq!(status(&api, &path, "instance").await, "active");

    api.delete(&path).await.ok(204);
    assert_eq!(status(&api, &path, "instance").await, "deleting");
    assert_eq!(api.get(&actions).await.ok(200), json!({"actions": []}));
    settle().await;
    assert_eq!(status(&api, &path, "instance").await, "gone");
}

#[tokio::test]
async fn zero_delay_deletes_at_once_and_delay_is_configurable() {
    let api = api();
    api.emu.configure(Some(Duration::ZERO), None, None);
    let created = api
        .post(
            "/volumes",
            json!({"name": "v", "region": "NORD-NO-KRS-1", "size": 1}),
        )
        .await
        .ok(201);
    assert_eq!(created["volume"]["status"], "creating");
    let path = format!("/volumes/{}", created["volume"]["id"].as_str().unwrap());
    assert_eq!(status(&api, &path, "volume").await, "created");
    api.delete(&path).await.ok(204);
    api.get(&path).await.error(404);

    api.control(
        reqwest::Method::POST,
        "/config",
        Some(json!({"lifecycle_delay_ms": 10_000})),
    )
    .await
    .ok(200);
    let created = api
        .post(
            "/volumes",
            json!({"name": "w", "region": "NORD-NO-KRS-1", "size": 1}),
        )
        .await
        .ok(201);
    let path = format!("/volumes/{}", created["volume"]["id"].as_str().unwrap());
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(status(&api, &path, "volume").await, "creating");
    // A reset restores the configured delay (300 ms).
    api.emu.reset();
    let created = api
        .post(
            "/volumes",
            json!({"name": "w", "region": "NORD-NO-KRS-1", "size": 1}),
        )
        .await
        .ok(201);
    let path = format!("/volumes/{}", created["volume"]["id"].as_str().unwrap());
    settle().await;
    assert_eq!(status(&api, &path, "volume").await, "created");
}
