//! Volumes and filesystems: sizes only grow, names and descriptions change.

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn volume_crud() {
    let api = Api::start();
    let body = api.get("/volumes").await.ok(200);
    assert_keys(&body, &["page", "per_page", "total_count", "volumes"]);
    for v in body["volumes"].as_array().unwrap() {
        assert_keys(v, VOLUME_KEYS);
    }
    let data = api.find("/volumes", "volumes", "data-01").await;
    assert_eq!(data["instances"][0]["name"], "train-01");

    let created = api.post("/volumes", json!({"name": "v1", "region": "NORD-NO-KRS-1", "size": 10, "type": "hdd", "description": "d"})).await.ok(201);
    assert_keys(&created, &["volume"]);
    let v = &created["volume"];
    assert_keys(v, VOLUME_KEYS);
    assert_eq!(
        (v["status"].clone(), v["type"].clone(), v["size"].clone()),
        (json!("creating"), json!("hdd"), json!(10))
    );
    let path = format!("/volumes/{}", v["id"].as_str().unwrap());
    assert_eq!(api.get(&path).await.ok(200)["volume"]["status"], "created");
    let default_type = api
        .post(
            "/volumes",
            json!({"name": "v2", "region": "NORD-NO-KRS-1", "size": 1}),
        )
        .await
        .ok(201);
    assert_eq!(default_type["volume"]["type"], "ssd");
    assert_eq!(default_type["volume"]["description"], "");

    let patched = api
        .patch(
            &path,
            json!({"name": "v1b", "description": "more", "size": 20}),
        )
        .await
        .ok(200);
    assert_eq!(
        (
            patched["volume"]["name"].clone(),
            patched["volume"]["size"].clone()
        ),
        (json!("v1b"), json!(20))
    );
    assert_eq!(
        api.patch(&path, json!({"size": 19})).await.error(422),
        "40023"
    );
    api.patch(&path, json!({"size": 20})).await.ok(200);
    api.patch(&path, json!({"size": "big"})).await.error(400);
    api.delete(&path).await.ok(204);
    api.get(&path).await.error(404);
    api.patch(&path, json!({"name": "x"})).await.error(404);
    api.delete(&path).await.error(404);
    assert_eq!(
        api.delete(&format!("/volumes/{}", data["id"].as_str().unwrap()))
            .await
            .error(409),
        "40011"
    );

    for (b, code) in [
        (json!({"region": "NORD-NO-KRS-1", "size": 1}), "20001"),
        (json!({"name": "x", "size": 1}), "20001"),
        (json!({"name": "x", "region": "NORD-NO-KRS-1"}), "20001"),
        (
            json!({"name": "x", "region": "NORD-NO-KRS-1", "size": 0}),
            "20001",
        ),
        (
            json!({"name": "x", "region": "NORD-NO-KRS-1", "size": 1.5}),
            "20001",
        ),
        (
            json!({"name": "x", "region": "NORD-NO-KRS-1", "size": 1, "type": "nvme"}),
            "20002",
        ),
        (
            json!({"name": "x", "region": "ATLANTIS", "size": 1}),
            "20002",
        ),
    ] {
        assert_eq!(
            api.post("/volumes", b.clone()).await.error(400),
            code,
            "{b}"
        );
    }
}

#[tokio::test]
async fn filesystem_crud() {
    let api = Api::start();
    let body = api.get("/filesystems").await.ok(200);
    assert_keys(&body, &["filesystems", "page", "per_page", "total_count"]);
    let seeded = &body["filesystems"][0];
    assert_keys(seeded, FILESYSTEM_KEYS);
    assert!(seeded["mount_endpoint_range"].is_array());

    let created = api
        .post(
            "/filesystems",
            json!({"name": "fs", "region": "NORD-NO-KRS-1", "size": 100}),
        )
        .await
        .ok(201);
    let fs = &created["filesystem"];
    assert_keys(fs, FILESYSTEM_KEYS);
    assert_eq!(fs["status"], "creating");
    assert_eq!(fs["type"], "vast");
    assert_eq!(
        fs["mount_base_path"],
        Value::Null,
        "no mount details while creating"
    );
    assert_eq!(fs["mount_endpoint_range"], Value::Null);
    let path = format!("/filesystems/{}", fs["id"].as_str().unwrap());
    let got = api.get(&path).await.ok(200);
    assert_eq!(got["filesystem"]["status"], "created");
    assert!(got["filesystem"]["mount_base_path"].is_string());
    let patched = api
        .patch(
            &path,
            json!({"size": 200, "name": "fs2", "description": "x"}),
        )
        .await
        .ok(200);
    assert_eq!(patched["filesystem"]["size"], 200);
    assert_eq!(
        api.patch(&path, json!({"size": 150})).await.error(422),
        "40023"
    );
    api.delete(&path).await.ok(204);
    api.get(&path).await.error(404);
    api.post(
        "/filesystems",
        json!({"name": "fs", "region": "NORD-NO-KRS-1", "size": 1, "type": "nfs"}),
    )
    .await
    .error(400);
    api.post(
        "/filesystems",
        json!({"name": "fs", "region": "NORD-NO-KRS-1"}),
    )
    .await
    .error(400);
    api.patch(
        "/filesystems/00000000-0000-4000-8000-000000000001",
        json!({}),
    )
    .await
    .error(404);
}
