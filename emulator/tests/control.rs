//! The control API and its library twin: reset, config, seeding.

mod common;

use common::*;
use genesiscloud_emulator::{Fault, Seed};
use reqwest::Method;
use serde_json::{json, Value};

const KEYS: &[(&str, &str, &[&str])] = &[
    ("/images", "images", IMAGE_KEYS),
    ("/instances", "instances", INSTANCE_KEYS),
    ("/volumes", "volumes", VOLUME_KEYS),
    ("/filesystems", "filesystems", FILESYSTEM_KEYS),
    ("/security-groups", "security_groups", SECURITY_GROUP_KEYS),
    ("/ssh-keys", "ssh_keys", SSH_KEY_KEYS),
    ("/floating-ips", "floating_ips", FLOATING_IP_KEYS),
    ("/snapshots", "snapshots", SNAPSHOT_BASE_KEYS),
];

#[tokio::test]
async fn reset_restores_everything() {
    let api = Api::start();
    let before = api.get("/ssh-keys").await.ok(200);
    api.post("/ssh-keys", json!({"name": "extra", "value": ED25519}))
        .await
        .ok(201);
    api.emu.inject_fault(Fault::status(500).path("/quotas"));
    api.emu.configure(None, None, Some(Some(100)));
    let r = api.control(Method::POST, "/reset", None).await.ok(200);
    assert!(r["total"]["images"].as_u64().unwrap() >= 7);
    assert_eq!(api.get("/ssh-keys").await.ok(200), before);
    api.get("/quotas").await.ok(200);
    assert_eq!(
        api.control(Method::GET, "/config", None).await.ok(200),
        json!({"lifecycle_delay_ms": 0, "latency_ms": 0, "rate_limit": null})
    );
    assert_eq!(api.emu.requests().len(), 2, "log cleared by the reset");

    let empty = api
        .control(Method::POST, "/reset", Some(json!({"seed": "empty"})))
        .await
        .ok(200);
    assert!(
        empty["total"].as_object().unwrap().values().all(|n| n == 0),
        "{empty}"
    );
    for (list, key, _) in KEYS {
        let body = api.get(list).await.ok(200);
        assert_eq!(
            (body[*key].clone(), body["total_count"].clone()),
            (json!([]), json!(0)),
            "{list}"
        );
    }
    assert_eq!(
        api.get("/reservations").await.ok(200),
        json!({"reservations": []})
    );
    api.control(Method::POST, "/reset", Some(json!({"seed": "default"})))
        .await
        .ok(200);
    assert_eq!(api.get("/ssh-keys").await.ok(200), before);
    api.control(Method::POST, "/reset", Some(json!({"seed": "other"})))
        .await
        .error(400);
    api.emu.reset_with(Seed::Empty);
    assert_eq!(api.get("/images").await.ok(200)["total_count"], 0);
    api.emu.reset();
    assert_eq!(
        api.get("/ssh-keys").await.ok(200),
        before,
        "reset() restores the configured seed"
    );
}

#[tokio::test]
async fn config_validation() {
    let api = Api::start();
    let set = api
        .control(
            Method::POST,
            "/config",
            Some(json!({"lifecycle_delay_ms": 5, "latency_ms": 1, "rate_limit": 50})),
        )
        .await
        .ok(200);
    assert_eq!(
        set,
        json!({"lifecycle_delay_ms": 5, "latency_ms": 1, "rate_limit": 50})
    );
    let off = api
        .control(Method::POST, "/config", Some(json!({"rate_limit": null})))
        .await
        .ok(200);
    assert_eq!(off["rate_limit"], Value::Null);
    assert_eq!(off["lifecycle_delay_ms"], 5, "others untouched");
    for bad in [
        json!({"latency_ms": -1}),
        json!({"rate_limit": "x"}),
        json!({"nope": 1}),
        json!([1]),
    ] {
        api.control(Method::POST, "/config", Some(bad))
            .await
            .error(400);
    }
    let r = api
        .client
        .post(format!("{}/_emulator/config", api.emu.root_url()))
        .body("{oops")
        .send()
        .await
        .unwrap();
    assert_eq!(read(r).await.error(400), "20000");
}

#[tokio::test]
async fn synthetic_items_of_every_resource() {
    let api = Api::empty();
    let counts = json!({"images": 3, "instances": 3, "snapshots": 3, "volumes": 3, "filesystems": 3, "security_groups": 3, "ssh_keys": 3, "floating_ips": 3});
    let r = api
        .control(Method::POST, "/seed", Some(counts.clone()))
        .await
        .ok(200);
    assert_eq!(r, json!({"total": counts}));
    for (list, key, keys) in KEYS {
        let body = api.get(list).await.ok(200);
        assert_eq!(body["total_count"], 3, "{list}");
        for item in body[*key].as_array().unwrap() {
            assert_keys(item, keys);
        }
    }
    let again = api
        .control(Method::POST, "/seed", Some(json!({"ssh_keys": 2})))
        .await
        .ok(200);
    assert_eq!(again["total"]["ssh_keys"], 5);
    api.control(Method::POST, "/seed", Some(json!({"gpus": 1})))
        .await
        .error(400);
    api.control(Method::POST, "/seed", Some(json!({"images": -1})))
        .await
        .error(400);
    api.control(Method::POST, "/seed", Some(json!({"images": "many"})))
        .await
        .error(400);
    assert!(api.emu.seed_synthetic("unicorns", 1).is_err());
    api.emu.seed_synthetic("floating-ips", 1).unwrap();
    // Synthetic instances work with the rest of the API.
    let id = api.get("/instances").await.ok(200)["instances"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    api.post(
        &format!("/instances/{id}/actions"),
        json!({"action": "stop"}),
    )
    .await
    .ok(204);
    api.delete(&format!("/instances/{id}")).await.ok(204);
    api.get(&format!("/instances/{id}")).await.error(404);
    let health = api.control(Method::GET, "/health", None).await.ok(200);
    assert_eq!(health["ok"], true);
}

#[tokio::test]
async fn custom_seed_spec() {
    let spec = genesiscloud_emulator::SeedSpec::from_json(&json!({
        "base": "empty",
        "images": [{"id": "11111111-2222-4333-8444-555555555555", "name": "Mine", "regions": ["NORD-NO-KRS-1"], "created_at": "2024-01-02T03:04:05Z"}],
        "ssh_keys": [{"name": "k", "value": ED25519}],
        "volumes": [{"name": "vol", "region": "NORD-NO-KRS-1", "size": 5}],
        "instances": [{"name": "box", "region": "NORD-NO-KRS-1", "type": "vcpu-2_memory-4g_disk-80g", "image": "11111111-2222-4333-8444-555555555555", "status": "stopped", "volumes": []}],
        "synthetic": {"images": 2}
    }))
    .unwrap();
    let api = Api::with(genesiscloud_emulator::EmulatorConfig {
        seed: Seed::Custom(spec),
        ..config()
    });
    let images = api.get("/images").await.ok(200);
    assert_eq!(images["total_count"], 3);
    assert_eq!(
        images["images"][2]["created_at"],
        "2024-01-02T03:04:05.000Z"
    );
    let boxed = api.find("/instances", "instances", "box").await;
    assert_eq!(
        (boxed["status"].clone(), boxed["image"]["name"].clone()),
        (json!("stopped"), json!("Mine"))
    );
    api.emu.reset();
    assert_eq!(api.get("/images").await.ok(200)["total_count"], 3);

    for bad in [
        json!({"base": "weird"}),
        json!({"imagez": []}),
        json!({"images": [{"regions": ["NORD-NO-KRS-1"]}]}),
        json!({"instances": [{"name": "x", "region": "NORD-NO-KRS-1", "type": "vcpu-2_memory-4g_disk-80g", "image": "11111111-2222-4333-8444-555555555555"}]}),
        json!({"synthetic": {"things": 1}}),
        json!({"images": [{"name": "a", "id": "not-a-uuid"}]}),
        json!({"images": [
            {"name": "a", "id": "11111111-2222-4333-8444-555555555555"},
            {"name": "b", "id": "11111111-2222-4333-8444-555555555555"}
        ]}),
    ] {
        assert!(
            genesiscloud_emulator::SeedSpec::from_json(&bad).is_err(),
            "{bad}"
        );
    }
}
