//! Snapshot operations: list, import, get, rename, delete, clone.

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn list_get_rename_delete() {
    let api = Api::start();
    let body = api.get("/snapshots").await.ok(200);
    assert_keys(&body, &["page", "per_page", "snapshots", "total_count"]);
    let list = body["snapshots"].as_array().unwrap();
    assert_eq!(body["total_count"], json!(list.len()));
    for s in list {
        let mut keys = SNAPSHOT_BASE_KEYS.to_vec();
        for optional in ["source_instance_id", "source_snapshot_id"] {
            if s.get(optional).is_some() {
                assert!(
                    s[optional].is_string(),
                    "optional fields are absent, not null"
                );
                keys.push(optional);
            }
        }
        assert_keys(s, &keys);
    }
    let imported = list.iter().find(|s| s["name"] == "imported-base").unwrap();
    assert!(imported.get("source_instance_id").is_none());
    let id = imported["id"].as_str().unwrap();
    let path = format!("/snapshots/{id}");
    assert_eq!(api.get(&path).await.ok(200), json!({"snapshot": imported}));
    let renamed = api.patch(&path, json!({"name": "base-v2"})).await.ok(200);
    assert_eq!(renamed["snapshot"]["name"], "base-v2");
    api.patch(&path, json!({"name": 3})).await.error(400);
    api.patch(&path, json!({"name": ""})).await.error(400);
    api.delete(&path).await.ok(204);
    api.get(&path).await.error(404);
    api.patch(&path, json!({"name": "x"})).await.error(404);
    api.delete(&path).await.error(404);
}

#[tokio::test]
async fn import_from_url() {
    let api = Api::start();
    let body = json!({"name": "from-url", "region": "EUW-NL-AMS-1", "size": 40, "url": "https://example.com/disk.qcow2", "os_type": "linux"});
    let created = api.post("/snapshots", body.clone()).await.ok(201);
    assert_keys(&created, &["snapshot"]);
    assert_eq!(created["snapshot"]["status"], "creating");
    assert_eq!(created["snapshot"]["size"], 40);
    assert_eq!(created["snapshot"]["os_type"], "linux");
    let id = created["snapshot"]["id"].as_str().unwrap();
    assert_eq!(
        api.get(&format!("/snapshots/{id}")).await.ok(200)["snapshot"]["status"],
        "created"
    );

    for (field, value, code) in [
        ("url", json!("ftp://example.com/x"), "20001"),
        ("url", json!("not a url"), "20001"),
        ("url", Value::Null, "20001"),
        ("size", json!(0), "20001"),
        ("size", json!("ten"), "20001"),
        ("region", json!("XX"), "20002"),
        ("os_type", json!("beos"), "20002"),
        ("name", Value::Null, "20001"),
    ] {
        let mut b = body.clone();
        b[field] = value;
        if b[field].is_null() {
            b.as_object_mut().unwrap().remove(field);
        }
        assert_eq!(api.post("/snapshots", b).await.error(400), code, "{field}");
    }
}

#[tokio::test]
async fn clone_a_snapshot() {
    let api = Api::start();
    let source = api
        .id_of("/snapshots", "snapshots", "train-01-2025-01-15")
        .await;
    let cloned = api
        .post(
            &format!("/snapshots/{source}/clone"),
            json!({"name": "copy", "region": "EUW-GB-MNC-1"}),
        )
        .await
        .ok(201);
    let snap = &cloned["snapshot"];
    assert_eq!(snap["source_snapshot_id"], json!(source));
    assert_eq!(snap["region"], "EUW-GB-MNC-1");
    assert_eq!(snap["size"], 80);
    assert!(snap.get("source_instance_id").is_none());
    api.post(
        &format!("/snapshots/{source}/clone"),
        json!({"name": "copy"}),
    )
    .await
    .error(400);
    api.post(
        &format!("/snapshots/{source}/clone"),
        json!({"name": "copy", "region": "NOWHERE"}),
    )
    .await
    .error(400);
    api.post(
        "/snapshots/00000000-0000-4000-8000-000000000001/clone",
        json!({"name": "c", "region": "EUW-GB-MNC-1"}),
    )
    .await
    .error(404);
    // A snapshot still being created cannot be cloned.
    let slow = Api::with(genesiscloud_emulator::EmulatorConfig {
        lifecycle_delay: std::time::Duration::from_secs(30),
        ..config()
    });
    let created = slow
        .post(
            "/snapshots",
            json!({"name": "s", "region": "EUW-NL-AMS-1", "size": 1, "url": "http://h/x"}),
        )
        .await
        .ok(201);
    let id = created["snapshot"]["id"].as_str().unwrap();
    assert_eq!(
        slow.post(
            &format!("/snapshots/{id}/clone"),
            json!({"name": "c", "region": "EUW-NL-AMS-1"})
        )
        .await
        .error(409),
        "40009"
    );
}

#[tokio::test]
async fn instance_from_a_snapshot() {
    let api = Api::start();
    let snap = api
        .find("/snapshots", "snapshots", "train-01-2025-01-15")
        .await;
    let mut body = instance_body(&api, "restored").await;
    body["image"] = snap["id"].clone();
    let created = api.post("/instances", body).await.ok(201);
    assert_eq!(created["instance"]["image"]["name"], "train-01-2025-01-15");
}
