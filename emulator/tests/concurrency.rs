//! A thousand concurrent requests, all answered correctly.

mod common;

use common::*;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_requests() {
    let api = Api::empty();
    api.emu.seed_synthetic("images", 500).unwrap();
    let api = std::sync::Arc::new(api);
    let mut tasks = Vec::new();
    for n in 0..1000usize {
        let api = api.clone();
        tasks.push(tokio::spawn(async move {
            match n % 4 {
                0 => {
                    let page = n % 5 + 1;
                    let body = api.get(&format!("/images?per_page=100&page={page}")).await.ok(200);
                    assert_eq!(body["page"], page);
                    assert_eq!(body["images"].as_array().unwrap().len(), 100);
                }
                1 => {
                    let body = api.post("/ssh-keys", json!({"name": format!("key-{n}"), "value": ED25519})).await.ok(201);
                    assert_eq!(body["name"], format!("key-{n}"));
                }
                2 => {
                    let body = api.post("/volumes", json!({"name": format!("vol-{n}"), "region": "NORD-NO-KRS-1", "size": n})).await.ok(201);
                    let id = body["volume"]["id"].as_str().unwrap();
                    let got = api.get(&format!("/volumes/{id}")).await.ok(200);
                    assert_eq!(got["volume"]["size"], n);
                }
                _ => {
                    api.get("/instances?per_page=1").await.ok(200);
                }
            }
        }));
    }
    for t in tasks {
        t.await.expect("request task");
    }
    assert_eq!(api.get("/ssh-keys").await.ok(200)["total_count"], 250);
    assert_eq!(api.get("/volumes").await.ok(200)["total_count"], 250);
    let log = api.emu.requests();
    assert_eq!(log.len(), 1000 + 250 + 2);
    assert!(log.iter().all(|r| matches!(r.status, Some(200 | 201))));
    let mut seqs: Vec<u64> = log.iter().map(|r| r.seq).collect();
    seqs.dedup();
    assert_eq!(seqs.len(), log.len());
}
