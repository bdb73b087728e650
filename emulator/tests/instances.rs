//! The ten instance operations and their error paths.

mod common;

use common::*;
use serde_json::{json, Value};

async fn create(api: &Api, body: Value) -> Value {
    api.post("/instances", body).await.ok(201)["instance"].clone()
}

#[tokio::test]
async fn list_and_get() {
    let api = Api::start();
    let body = api.get("/instances").await.ok(200);
    assert_keys(&body, &["instances", "page", "per_page", "total_count"]);
    let list = body["instances"].as_array().unwrap();
    assert_eq!(body["total_count"], json!(list.len()));
    assert!(list.len() >= 3);
    for i in list {
        assert_keys(i, INSTANCE_KEYS);
        assert_keys(&i["image"], &["id", "name"]);
    }
    let id = list[0]["id"].as_str().unwrap();
    let one = api.get(&format!("/instances/{id}")).await.ok(200);
    assert_keys(&one, &["instance"]);
    assert_eq!(one["instance"], list[0]);
    api.get("/instances/00000000-0000-4000-8000-000000000000")
        .await
        .error(404);
    assert_eq!(api.get("/instances/not-an-id").await.error(404), "30004");
}

#[tokio::test]
async fn create_with_password_then_ssh_keys() {
    let api = Api::start();
    let body = instance_body(&api, "worker-1").await;
    let created = create(&api, body.clone()).await;
    assert_keys(&created, INSTANCE_KEYS);
    assert_eq!(created["status"], "creating");
    assert_eq!(created["name"], "worker-1");
    assert_eq!(created["region"], "NORD-NO-KRS-1");
    assert_eq!(created["disk_size"], 80);
    assert_eq!(created["image"]["name"], "Ubuntu 22.04");
    assert_eq!(
        created["public_ip"],
        Value::Null,
        "no address while creating"
    );
    assert_eq!(created["floating_ip"], Value::Null);
    assert_eq!(created["reservation_id"], Value::Null);
    assert_eq!(
        created["security_groups"][0]["name"], "default",
        "region default group"
    );
    let id = created["id"].as_str().unwrap();
    let got = api.get(&format!("/instances/{id}")).await.ok(200)["instance"].clone();
    assert_eq!(got["status"], "active", "delay 0 settles at the next read");
    assert!(got["public_ip"].is_string());

    let key = api.id_of("/ssh-keys", "ssh_keys", "alice@laptop").await;
    let group = api
        .id_of("/security-groups", "security_groups", "web")
        .await;
    let mut body = instance_body(&api, "worker-2").await;
    body.as_object_mut().unwrap().remove("password");
    body["ssh_keys"] = json!([key]);
    body["security_groups"] = json!([group]);
    body["disk_size"] = json!(120);
    body["is_protected"] = json!(false);
    body["billing_type"] = json!("on-demand");
    let metadata = json!({
        "startup_script": "echo hi",
        "user_data": [{"type": "text/cloud-config", "filename": "init.yaml", "content": "#cloud-config"}],
    });
    body["metadata"] = metadata.clone();
    body["placement_option"] = json!("AUTO");
    let created = create(&api, body).await;
    assert_eq!(created["ssh_keys"][0]["name"], "alice@laptop");
    assert_eq!(
        created["security_groups"],
        json!([{"id": group, "name": "web"}])
    );
    assert_eq!(created["disk_size"], 120);
    let id = created["id"].as_str().unwrap();
    let stored = api
        .get(&format!("/instances/{id}/user-metadata"))
        .await
        .ok(200);
    assert_eq!(stored, metadata);
    let total = api.get("/instances").await.ok(200);
    assert_eq!(total["instances"][0]["id"], created["id"], "newest first");
}

#[tokio::test]
async fn create_validation() {
    let api = Api::start();
    let good = instance_body(&api, "v").await;
    let with = |f: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        let mut b = good.clone();
        f(b.as_object_mut().unwrap());
        b
    };
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "missing name",
            with(&|b| {
                b.remove("name");
            }),
            "20001",
        ),
        (
            "missing hostname",
            with(&|b| {
                b.remove("hostname");
            }),
            "20001",
        ),
        (
            "missing region",
            with(&|b| {
                b.remove("region");
            }),
            "20001",
        ),
        (
            "missing type",
            with(&|b| {
                b.remove("type");
            }),
            "20001",
        ),
        (
            "missing image",
            with(&|b| {
                b.remove("image");
            }),
            "20001",
        ),
        (
            "empty name",
            with(&|b| {
                b.insert("name".into(), json!(""));
            }),
            "20001",
        ),
        (
            "name not a string",
            with(&|b| {
                b.insert("name".into(), json!(5));
            }),
            "20001",
        ),
        (
            "unknown region",
            with(&|b| {
                b.insert("region".into(), json!("MARS-1"));
            }),
            "20002",
        ),
        (
            "unknown type",
            with(&|b| {
                b.insert("type".into(), json!("vcpu-1_gpu-9000"));
            }),
            "20002",
        ),
        (
            "unknown billing",
            with(&|b| {
                b.insert("billing_type".into(), json!("free"));
            }),
            "20002",
        ),
        (
            "neither key nor password",
            with(&|b| {
                b.remove("password");
            }),
            "20001",
        ),
        (
            "both key and password",
            with(&|b| {
                b.insert(
                    "ssh_keys".into(),
                    json!(["00000000-0000-4000-8000-000000000000"]),
                );
            }),
            "20001",
        ),
        (
            "short password",
            with(&|b| {
                b.insert("password".into(), json!("Ab1"));
            }),
            "20001",
        ),
        (
            "no digit",
            with(&|b| {
                b.insert("password".into(), json!("Abcdefghij"));
            }),
            "20001",
        ),
        (
            "no upper",
            with(&|b| {
                b.insert("password".into(), json!("abcdefgh1"));
            }),
            "20001",
        ),
        (
            "no lower",
            with(&|b| {
                b.insert("password".into(), json!("ABCDEFGH1"));
            }),
            "20001",
        ),
        (
            "too long",
            with(&|b| {
                b.insert("password".into(), json!(format!("Aa1{}", "x".repeat(70))));
            }),
            "20001",
        ),
        (
            "disk_size not int",
            with(&|b| {
                b.insert("disk_size".into(), json!("big"));
            }),
            "20001",
        ),
        (
            "disk_size zero",
            with(&|b| {
                b.insert("disk_size".into(), json!(0));
            }),
            "20001",
        ),
        (
            "ssh_keys not a list",
            with(&|b| {
                b.remove("password");
                b.insert("ssh_keys".into(), json!("k"));
            }),
            "20001",
        ),
        (
            "metadata not an object",
            with(&|b| {
                b.insert("metadata".into(), json!([1]));
            }),
            "20001",
        ),
        (
            "user_data a string (it is a list of parts)",
            with(&|b| {
                b.insert("metadata".into(), json!({"user_data": "#cloud-config"}));
            }),
            "20001",
        ),
        (
            "a user_data part without content",
            with(&|b| {
                b.insert(
                    "metadata".into(),
                    json!({"user_data": [{"type": "text/cloud-config"}]}),
                );
            }),
            "20001",
        ),
        (
            "startup_script over 64 KiB",
            with(&|b| {
                b.insert(
                    "metadata".into(),
                    json!({"startup_script": "#".repeat(64 * 1024 + 1)}),
                );
            }),
            "20001",
        ),
        (
            "is_protected not bool",
            with(&|b| {
                b.insert("is_protected".into(), json!("yes"));
            }),
            "20001",
        ),
    ];
    for (what, body, code) in cases {
        assert_eq!(
            api.post("/instances", body).await.error(400),
            code,
            "{what}"
        );
    }
    assert_eq!(
        api.raw(reqwest::Method::POST, "/instances", "{not json")
            .await
            .error(400),
        "20000"
    );
    assert_eq!(
        api.raw(reqwest::Method::POST, "/instances", "[1,2]")
            .await
            .error(400),
        "20000"
    );
    // Passwords at the bounds are fine, and so is a 64 KiB script.
    let ok = with(&|b| {
        b.insert("password".into(), json!(format!("Aa1{}", "x".repeat(69))));
        b.insert(
            "metadata".into(),
            json!({"startup_script": "#".repeat(64 * 1024)}),
        );
    });
    api.post("/instances", ok).await.ok(201);
}

#[tokio::test]
async fn create_with_unknown_references_is_422() {
    let api = Api::start();
    let good = instance_body(&api, "r").await;
    let ghost = "00000000-0000-4000-8000-00000000dead";
    let mut cases = Vec::new();
    for (field, value) in [
        ("image", json!(ghost)),
        ("security_groups", json!([ghost])),
        ("volumes", json!([ghost])),
        ("reservation_id", json!(ghost)),
        ("floating_ip", json!(ghost)),
    ] {
        let mut b = good.clone();
        b[field] = value;
        cases.push((field, b));
    }
    let mut b = good.clone();
    b.as_object_mut().unwrap().remove("password");
    b["ssh_keys"] = json!([ghost]);
    cases.push(("ssh_keys", b));
    for (field, body) in cases {
        assert_eq!(
            api.post("/instances", body).await.error(422),
            "40022",
            "{field}"
        );
    }
    // A security group from another region does not exist there.
    let mut b = good.clone();
    b["security_groups"] = json!([api
        .id_of("/security-groups", "security_groups", "ssh-only")
        .await]);
    api.post("/instances", b).await.error(422);
    // Type not offered in the region, image not in the region: 02035.
    let mut b = good.clone();
    b["region"] = json!("NA-CA-FTS-1");
    assert_eq!(api.post("/instances", b).await.error(422), "02035");
    let mut b = good.clone();
    b["image"] = json!(api.id_of("/images", "images", "Windows Server 2022").await);
    b["type"] = json!("vcpu-2_memory-4g_disk-80g");
    b["region"] = json!("NA-CA-FTS-1");
    assert_eq!(api.post("/instances", b).await.error(422), "02035");
    let mut b = good.clone();
    b["disk_size"] = json!(20);
    assert_eq!(api.post("/instances", b).await.error(422), "40023");
}

#[tokio::test]
async fn update_fields_and_lists() {
    let api = Api::start();
    let created = create(&api, instance_body(&api, "patch-me").await).await;
    let id = created["id"].as_str().unwrap().to_owned();
    let path = format!("/instances/{id}");
    let updated = api
        .patch(
            &path,
            json!({"name": "patched", "disk_size": 100, "is_protected": true}),
        )
        .await
        .ok(200);
    assert_keys(&updated, &["instance"]);
    assert_eq!(updated["instance"]["name"], "patched");
    assert_eq!(updated["instance"]["disk_size"], 100);
    assert_eq!(
        api.patch(&path, json!({"disk_size": 90})).await.error(422),
        "40023"
    );
    api.patch(&path, json!({"name": ""})).await.error(400);
    api.patch(&path, json!({"security_groups": "web"}))
        .await
        .error(400);
    api.patch(&path, json!({"volumes": {"attach": 5}}))
        .await
        .error(400);
    api.patch(
        &path,
        json!({"reservation_id": "00000000-0000-4000-8000-000000000001"}),
    )
    .await
    .error(422);
    api.patch(
        "/instances/00000000-0000-4000-8000-000000000001",
        json!({"name": "x"}),
    )
    .await
    .error(404);

    let web = api
        .id_of("/security-groups", "security_groups", "web")
        .await;
    let body = api
        .patch(&path, json!({"security_groups": {"attach": web}}))
        .await
        .ok(200);
    let names: Vec<&str> = body["instance"]["security_groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["default", "web"]);
    let body = api
        .patch(&path, json!({"security_groups": {"detach": web}}))
        .await
        .ok(200);
    assert_eq!(
        body["instance"]["security_groups"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    api.patch(&path, json!({"security_groups": {"detach": web}}))
        .await
        .error(422);
    let body = api
        .patch(&path, json!({"security_groups": [web]}))
        .await
        .ok(200);
    assert_eq!(
        body["instance"]["security_groups"],
        json!([{"id": web, "name": "web"}])
    );
    api.patch(
        &path,
        json!({"security_groups": {"attach": "00000000-0000-4000-8000-000000000002"}}),
    )
    .await
    .error(422);

    // Volumes: attach keeps the volume's `instances` in sync.
    let scratch = api.id_of("/volumes", "volumes", "scratch").await;
    let body = api
        .patch(&path, json!({"volumes": {"attach": scratch}}))
        .await
        .ok(200);
    assert_eq!(
        body["instance"]["volumes"],
        json!([{"id": scratch, "name": "scratch"}])
    );
    let volume = api.get(&format!("/volumes/{scratch}")).await.ok(200);
    assert_eq!(
        volume["volume"]["instances"],
        json!([{"id": id, "name": "patched"}])
    );
    api.delete(&format!("/volumes/{scratch}")).await.error(409);
    // Attached elsewhere: conflict.
    let data = api.id_of("/volumes", "volumes", "data-01").await;
    assert_eq!(
        api.patch(&path, json!({"volumes": [scratch, data]}))
            .await
            .error(409),
        "40011"
    );
    let body = api.patch(&path, json!({"volumes": []})).await.ok(200);
    assert_eq!(body["instance"]["volumes"], json!([]));
    assert_eq!(
        api.get(&format!("/volumes/{scratch}")).await.ok(200)["volume"]["instances"],
        json!([])
    );
    let body = api
        .patch(&path, json!({"volumes": [scratch]}))
        .await
        .ok(200);
    assert_eq!(body["instance"]["volumes"][0]["id"], json!(scratch));
    api.patch(&path, json!({"volumes": {"detach": scratch}}))
        .await
        .ok(200);
    assert_eq!(
        api.get(&format!("/volumes/{scratch}")).await.ok(200)["volume"]["instances"],
        json!([])
    );
}

#[tokio::test]
async fn delete_protected_and_lifecycle() {
    let api = Api::start();
    let protected = api.find("/instances", "instances", "prod-db").await;
    let path = format!("/instances/{}", protected["id"].as_str().unwrap());
    assert_eq!(api.delete(&path).await.error(409), "40011");
    api.patch(&path, json!({"is_protected": false}))
        .await
        .ok(200);
    api.delete(&path).await.ok(204);
    api.get(&path).await.error(404);
    api.delete(&path).await.error(404);
    api.delete("/instances/00000000-0000-4000-8000-000000000001")
        .await
        .error(404);

    // Long-term billing protects an instance, even against the body's wish.
    for billing in [
        "prepaid-monthly",
        "prepaid-3-month",
        "prepaid-6-month",
        "prepaid-12-month",
    ] {
        let mut body = instance_body(&api, billing).await;
        body["billing_type"] = json!(billing);
        body["is_protected"] = json!(false);
        let created = create(&api, body).await;
        let path = format!("/instances/{}", created["id"].as_str().unwrap());
        assert_eq!(api.delete(&path).await.error(409), "40011", "{billing}");
    }
    let mut body = instance_body(&api, "on-demand").await;
    body["billing_type"] = json!("on-demand");
    let created = create(&api, body).await;
    api.delete(&format!("/instances/{}", created["id"].as_str().unwrap()))
        .await
        .ok(204);

    // Deleting an instance frees its volume and floating IP.
    let train = api.find("/instances", "instances", "train-01").await;
    let volume = train["volumes"][0]["id"].as_str().unwrap().to_owned();
    let fip = train["floating_ip"]["id"].as_str().unwrap().to_owned();
    api.delete(&format!("/floating-ips/{fip}")).await.error(409);
    api.delete(&format!("/instances/{}", train["id"].as_str().unwrap()))
        .await
        .ok(204);
    assert_eq!(
        api.get(&format!("/volumes/{volume}")).await.ok(200)["volume"]["instances"],
        json!([])
    );
    assert_eq!(
        api.get(&format!("/floating-ips/{fip}")).await.ok(200)["floating_ip"]["instance"],
        Value::Null
    );
    api.delete(&format!("/volumes/{volume}")).await.ok(204);
}

#[tokio::test]
async fn actions_follow_the_status() {
    let api = Api::start();
    let inference = api.find("/instances", "instances", "inference-eu").await;
    assert_eq!(inference["status"], "stopped");
    let path = format!("/instances/{}/actions", inference["id"].as_str().unwrap());
    assert_eq!(api.get(&path).await.ok(200), json!({"actions": ["start"]}));
    assert_eq!(
        api.post(&path, json!({"action": "stop"})).await.error(409),
        "40009"
    );
    assert_eq!(
        api.post(&path, json!({"action": "reset"})).await.error(409),
        "40009"
    );
    assert_eq!(
        api.post(&path, json!({"action": "explode"}))
            .await
            .error(400),
        "20002"
    );
    api.post(&path, json!({})).await.error(400);
    api.post(&path, json!({"action": "start"})).await.ok(204);
    assert_eq!(
        api.get(&path).await.ok(200),
        json!({"actions": ["reset", "stop"]})
    );
    api.post(&path, json!({"action": "reset"})).await.ok(204);
    api.post(&path, json!({"action": "stop"})).await.ok(204);
    assert_eq!(api.get(&path).await.ok(200), json!({"actions": ["start"]}));
    api.post(
        "/instances/00000000-0000-4000-8000-000000000001/actions",
        json!({"action": "start"}),
    )
    .await
    .error(404);
    api.get("/instances/00000000-0000-4000-8000-000000000001/actions")
        .await
        .error(404);
}

#[tokio::test]
async fn instance_snapshots_and_metadata() {
    let api = Api::start();
    let train = api.find("/instances", "instances", "train-01").await;
    let id = train["id"].as_str().unwrap();
    let list = api.get(&format!("/instances/{id}/snapshots")).await.ok(200);
    assert_keys(&list, &["page", "per_page", "snapshots", "total_count"]);
    assert_eq!(list["total_count"], 1);
    assert_eq!(list["snapshots"][0]["source_instance_id"], json!(id));

    let created = api
        .post(
            &format!("/instances/{id}/snapshots"),
            json!({"name": "nightly", "replicated_region": "EUC-DE-MUC-1"}),
        )
        .await
        .ok(201);
    assert_keys(&created, &["snapshot"]);
    let snap = &created["snapshot"];
    assert_eq!(snap["status"], "creating");
    assert_eq!(snap["source_instance_id"], json!(id));
    assert_eq!(snap["region"], "NORD-NO-KRS-1");
    assert_eq!(snap["size"], train["disk_size"]);
    let list = api
        .get(&format!("/instances/{id}/snapshots?per_page=1"))
        .await
        .ok(200);
    assert_eq!(list["total_count"], 2);
    assert_eq!(list["snapshots"][0]["name"], "nightly");

    api.post(&format!("/instances/{id}/snapshots"), json!({}))
        .await
        .error(400);
    api.post(
        &format!("/instances/{id}/snapshots"),
        json!({"name": "x", "replicated_region": "MOON"}),
    )
    .await
    .error(400);
    let ghost = "/instances/00000000-0000-4000-8000-000000000001";
    api.post(&format!("{ghost}/snapshots"), json!({"name": "x"}))
        .await
        .error(404);
    api.get(&format!("{ghost}/snapshots")).await.error(404);
    api.get(&format!("{ghost}/user-metadata")).await.error(404);

    let meta = api
        .get(&format!("/instances/{id}/user-metadata"))
        .await
        .ok(200);
    assert!(meta["startup_script"].is_string());
    let prod = api.id_of("/instances", "instances", "prod-db").await;
    assert_eq!(
        api.get(&format!("/instances/{prod}/user-metadata"))
            .await
            .ok(200),
        json!({})
    );
}

#[tokio::test]
async fn snapshot_needs_a_settled_instance() {
    let api = Api::with(genesiscloud_emulator::EmulatorConfig {
        lifecycle_delay: std::time::Duration::from_secs(30),
        ..config()
    });
    let created = create(&api, instance_body(&api, "slow").await).await;
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        api.post(&format!("/instances/{id}/snapshots"), json!({"name": "s"}))
            .await
            .error(409),
        "40009"
    );
    assert_eq!(
        api.patch(&format!("/instances/{id}"), json!({"name": "n"}))
            .await
            .ok(200)["instance"]["status"],
        "creating"
    );
    api.delete(&format!("/instances/{id}")).await.ok(204);
    assert_eq!(
        api.get(&format!("/instances/{id}")).await.ok(200)["instance"]["status"],
        "deleting"
    );
    assert_eq!(
        api.patch(&format!("/instances/{id}"), json!({"name": "n"}))
            .await
            .error(409),
        "40009"
    );
    api.delete(&format!("/instances/{id}")).await.ok(204);
}
