//! Quotas, reservations and availability.

mod common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn quotas_count_instances() {
    let api = Api::start();
    let body = api.get("/quotas").await.ok(200);
    assert_keys(&body, &["quotas"]);
    let quotas = body["quotas"].as_array().unwrap();
    for q in quotas {
        assert_keys(q, &["capacity", "flavors", "key", "used"]);
        for f in q["flavors"].as_array().unwrap() {
            assert_keys(f, &["flavor_name", "product_name", "unit", "used"]);
        }
    }
    let rtx = |b: &serde_json::Value| {
        b["quotas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["key"] == "gpu-nvidia-3080")
            .unwrap()["used"]
            .as_u64()
            .unwrap()
    };
    let before = rtx(&body);
    api.post("/instances", instance_body(&api, "gpu").await)
        .await
        .ok(201);
    assert_eq!(rtx(&api.get("/quotas").await.ok(200)), before + 1);
}

#[tokio::test]
async fn reservations() {
    let api = Api::start();
    let body = api.get("/reservations").await.ok(200);
    assert_keys(&body, &["reservations"]);
    let list = body["reservations"].as_array().unwrap();
    assert!(!list.is_empty());
    for r in list {
        assert_keys(r, &["flavor_name", "id", "metadata", "quota", "region"]);
        assert_keys(&r["quota"], &["capacity", "used"]);
        assert!(r["metadata"].is_object());
    }
    // A reservation used at creation is counted.
    let rtx = list
        .iter()
        .find(|r| r["flavor_name"] == "vcpu-4_memory-12g_disk-80g_nvidia3080-1")
        .unwrap();
    let mut b = instance_body(&api, "reserved").await;
    b["reservation_id"] = rtx["id"].clone();
    let created = api.post("/instances", b).await.ok(201);
    assert_eq!(created["instance"]["reservation_id"], rtx["id"]);
    let after = api.get("/reservations").await.ok(200);
    let used = after["reservations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == rtx["id"])
        .unwrap()["quota"]["used"]
        .clone();
    assert_eq!(used, json!(rtx["quota"]["used"].as_u64().unwrap() + 1));
    assert_eq!(
        Api::empty().get("/reservations").await.ok(200),
        json!({"reservations": []})
    );
}

#[tokio::test]
async fn availability_per_region() {
    let api = Api::start();
    let body = api
        .get("/availability/NORD-NO-KRS-1/instances")
        .await
        .ok(200);
    assert_keys(&body, &["availability"]);
    let a = &body["availability"];
    // The list's key is `instance_types` (an earlier contract said `availability`).
    assert_keys(a, &["instance_types", "region", "type"]);
    assert_eq!(
        (a["region"].clone(), a["type"].clone()),
        (json!("NORD-NO-KRS-1"), json!("instances"))
    );
    let entries = a["instance_types"].as_array().unwrap();
    assert!(entries
        .iter()
        .any(|e| e["type"] == "vcpu-4_memory-12g_disk-80g_nvidia3080-1"));
    for e in entries {
        assert_keys(e, &["available", "count", "type"]);
        assert_eq!(e["available"], json!(e["count"].as_u64().unwrap() > 0));
    }
    let placed = api
        .get("/availability/EUC-DE-MUC-1/instances?placement=AUTO")
        .await
        .ok(200);
    assert_eq!(placed["availability"]["placement"], "AUTO");
    assert!(!placed["availability"]["instance_types"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        api.get("/availability/MARS-1/instances").await.error(400),
        "20002"
    );
}
