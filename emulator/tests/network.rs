//! Security groups, SSH keys and floating IPs.

mod common;

use common::*;
use serde_json::{json, Value};

fn rules() -> Value {
    json!([
        {"direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22},
        {"direction": "egress", "protocol": "all", "port_range_min": null, "port_range_max": null}
    ])
}

#[tokio::test]
async fn security_group_crud() {
    let api = Api::start();
    let body = api.get("/security-groups?per_page=100").await.ok(200);
    assert_keys(
        &body,
        &["page", "per_page", "security_groups", "total_count"],
    );
    let groups = body["security_groups"].as_array().unwrap();
    for g in groups {
        assert_keys(g, SECURITY_GROUP_KEYS);
        for r in g["rules"].as_array().unwrap() {
            assert_keys(
                r,
                &["direction", "port_range_max", "port_range_min", "protocol"],
            );
        }
    }
    let internal = groups.iter().find(|g| g["name"] == "default").unwrap();
    assert_eq!(internal["is_internal"], true);

    let created = api
        .post(
            "/security-groups",
            json!({"name": "db", "region": "NORD-NO-KRS-1", "rules": rules(), "description": "x"}),
        )
        .await
        .ok(201);
    assert_keys(&created, &["security_group"]);
    let g = &created["security_group"];
    assert_eq!(g["status"], "creating");
    assert_eq!(g["is_internal"], false);
    assert_eq!(g["rules"], rules());
    let path = format!("/security-groups/{}", g["id"].as_str().unwrap());
    assert_eq!(
        api.get(&path).await.ok(200)["security_group"]["status"],
        "created"
    );

    // Same name: conflict in the same region only.
    assert_eq!(
        api.post(
            "/security-groups",
            json!({"name": "db", "region": "NORD-NO-KRS-1", "rules": []})
        )
        .await
        .error(409),
        "40010"
    );
    api.post(
        "/security-groups",
        json!({"name": "db", "region": "EUC-DE-MUC-1", "rules": []}),
    )
    .await
    .ok(201);
    for reserved in ["default", "standard", "Default"] {
        assert_eq!(
            api.post(
                "/security-groups",
                json!({"name": reserved, "region": "NORD-NO-KRS-1", "rules": []})
            )
            .await
            .error(400),
            "20001"
        );
    }
    for (b, code) in [
        (json!({"name": "r", "region": "NORD-NO-KRS-1"}), "20001"),
        (
            json!({"name": "r", "region": "NORD-NO-KRS-1", "rules": [{"direction": "sideways", "protocol": "tcp"}]}),
            "20002",
        ),
        (
            json!({"name": "r", "region": "NORD-NO-KRS-1", "rules": [{"direction": "ingress", "protocol": "sctp"}]}),
            "20002",
        ),
        (
            json!({"name": "r", "region": "NORD-NO-KRS-1", "rules": [{"direction": "ingress"}]}),
            "20001",
        ),
        (
            json!({"name": "r", "region": "NORD-NO-KRS-1", "rules": [{"direction": "ingress", "protocol": "tcp", "port_range_min": 90, "port_range_max": 80}]}),
            "20001",
        ),
        (
            json!({"name": "r", "region": "NORD-NO-KRS-1", "rules": [{"direction": "ingress", "protocol": "tcp", "port_range_min": 70000}]}),
            "20001",
        ),
        (
            json!({"name": "r", "region": "NORD-NO-KRS-1", "rules": "all"}),
            "20001",
        ),
    ] {
        assert_eq!(
            api.post("/security-groups", b.clone()).await.error(400),
            code,
            "{b}"
        );
    }

    let patched = api
        .patch(
            &path,
            json!({"name": "db2", "description": "y", "rules": []}),
        )
        .await
        .ok(200);
    assert_eq!(patched["security_group"]["name"], "db2");
    assert_eq!(patched["security_group"]["rules"], json!([]));
    api.patch(&path, json!({"name": "web"})).await.error(409);
    api.patch(&path, json!({"name": "standard"}))
        .await
        .error(400);
    let internal_path = format!("/security-groups/{}", internal["id"].as_str().unwrap());
    assert_eq!(
        api.patch(&internal_path, json!({"description": "mine"}))
            .await
            .error(409),
        "40011"
    );
    api.delete(&internal_path).await.error(409);
    // In use by an instance.
    let web = api
        .id_of("/security-groups", "security_groups", "web")
        .await;
    api.delete(&format!("/security-groups/{web}"))
        .await
        .error(409);
    api.delete(&path).await.ok(204);
    api.get(&path).await.error(404);
    api.delete(&path).await.error(404);
}

#[tokio::test]
async fn ssh_key_crud_is_unwrapped() {
    let api = Api::start();
    let body = api.get("/ssh-keys").await.ok(200);
    assert_keys(&body, &["page", "per_page", "ssh_keys", "total_count"]);
    for k in body["ssh_keys"].as_array().unwrap() {
        assert_keys(k, SSH_KEY_KEYS);
    }
    let created = api
        .post("/ssh-keys", json!({"name": "mine", "value": ED25519}))
        .await
        .ok(201);
    assert_keys(&created, SSH_KEY_KEYS);
    assert_eq!(created["type"], "ssh-ed25519");
    assert_eq!(created["size"], 256);
    assert_eq!(created["value"], ED25519);
    let path = format!("/ssh-keys/{}", created["id"].as_str().unwrap());
    assert_eq!(api.get(&path).await.ok(200), created);
    assert_eq!(
        api.post("/ssh-keys", json!({"name": "mine", "value": ED25519}))
            .await
            .error(409),
        "40010"
    );
    for b in [
        json!({"name": "k"}),
        json!({"value": ED25519}),
        json!({"name": "k", "value": "hello"}),
        json!({"name": "k", "value": "ssh-foo AAAAAAAAAAAAAAAAAAAAAAAA"}),
        json!({"name": "k", "value": 7}),
    ] {
        assert_eq!(
            api.post("/ssh-keys", b.clone()).await.error(400),
            "20001",
            "{b}"
        );
    }
    let renamed = api.patch(&path, json!({"name": "renamed"})).await.ok(200);
    assert_keys(&renamed, SSH_KEY_KEYS);
    assert_eq!(renamed["name"], "renamed");
    api.patch(&path, json!({"name": "alice@laptop"}))
        .await
        .error(409);
    api.delete(&path).await.ok(204);
    api.get(&path).await.error(404);
    api.patch(&path, json!({"name": "x"})).await.error(404);
    api.delete(&path).await.error(404);
}

#[tokio::test]
async fn floating_ip_crud() {
    let api = Api::start();
    let body = api.get("/floating-ips").await.ok(200);
    assert_keys(&body, &["floating_ips", "page", "per_page", "total_count"]);
    let list = body["floating_ips"].as_array().unwrap();
    for f in list {
        assert_keys(f, FLOATING_IP_KEYS);
    }
    let attached = list.iter().find(|f| f["name"] == "train-ip").unwrap();
    assert_eq!(attached["instance"]["name"], "train-01");

    let created = api
        .post(
            "/floating-ips",
            json!({"name": "ip", "region": "NORD-NO-KRS-1", "version": "ipv4"}),
        )
        .await
        .ok(201);
    assert_keys(&created, &["floating_ip"]);
    let f = &created["floating_ip"];
    assert_eq!(
        (
            f["status"].clone(),
            f["ip_address"].clone(),
            f["instance"].clone()
        ),
        (json!("creating"), Value::Null, Value::Null)
    );
    let path = format!("/floating-ips/{}", f["id"].as_str().unwrap());
    let got = api.get(&path).await.ok(200);
    assert!(got["floating_ip"]["ip_address"].is_string());
    assert_eq!(got["floating_ip"]["version"], "ipv4");
    assert_eq!(
        api.post(
            "/floating-ips",
            json!({"name": "ip6", "region": "NORD-NO-KRS-1", "version": "ipv6"})
        )
        .await
        .error(400),
        "20002"
    );
    api.post("/floating-ips", json!({"name": "ip"}))
        .await
        .error(400);
    let patched = api
        .patch(&path, json!({"name": "ip2", "description": "d"}))
        .await
        .ok(200);
    assert_eq!(patched["floating_ip"]["description"], "d");

    // Attach at instance creation.
    let mut body = instance_body(&api, "with-ip").await;
    body["floating_ip"] = f["id"].clone();
    let instance = api.post("/instances", body.clone()).await.ok(201);
    assert_eq!(instance["instance"]["floating_ip"]["name"], "ip2");
    assert_eq!(
        api.get(&path).await.ok(200)["floating_ip"]["instance"]["name"],
        "with-ip"
    );
    assert_eq!(
        api.post("/instances", body).await.error(409),
        "40011",
        "already attached"
    );
    api.delete(&path).await.error(409);
    api.delete(&format!(
        "/instances/{}",
        instance["instance"]["id"].as_str().unwrap()
    ))
    .await
    .ok(204);
    api.delete(&path).await.ok(204);
    api.get(&path).await.error(404);
}
