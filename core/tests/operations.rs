//! The operation table the bindings share (`genesiscloud::operations`):
//! what it answers, and what it refuses before sending anything. The
//! conformance scenarios run every operation through it as well.

use std::time::Duration;

use futures::TryStreamExt;
use genesiscloud::operations::{self, Arguments};
use genesiscloud::{Client, Error, ErrorKind, ListParams};
use genesiscloud_emulator::Emulator;
use serde_json::{json, Value};

fn setup() -> (Emulator, Client) {
    let emu = Emulator::start().expect("emulator starts");
    emu.configure(Some(Duration::ZERO), None, None);
    let client = Client::builder()
        .token(emu.token())
        .base_url(emu.base_url())
        .build()
        .expect("client builds");
    (emu, client)
}

async fn call(client: &Client, op: &str, id: &str, args: impl Arguments) -> Result<Value, Error> {
    let answer = operations::prepare(client, op, id, args)?.await?;
    Ok(serde_json::from_str(&answer).expect("the answer is JSON"))
}

/// Asserts `outcome` is `invalid_argument` mentioning `words`, and that the
/// emulator saw no request.
fn refused<T: std::fmt::Debug>(emu: &Emulator, outcome: Result<T, Error>, words: &str) {
    let e = outcome.expect_err("refused");
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    assert!(
        e.to_string().contains(words),
        "{e:?} should mention {words}"
    );
    assert!(!e.request_sent());
    assert!(emu.requests().is_empty(), "sent {:?}", emu.requests());
}

#[tokio::test]
async fn answers_are_the_json_of_the_typed_calls() {
    let (_emu, client) = setup();
    let typed = client
        .images()
        .list_page(ListParams::default().per_page(2))
        .await
        .unwrap();
    let text = operations::prepare(&client, "images.list_page", "", r#"{"per_page": 2}"#)
        .unwrap()
        .await
        .unwrap();
    assert_eq!(text, serde_json::to_string(&typed).unwrap());

    let volume = call(
        &client,
        "volumes.create",
        "",
        json!({"name": "data", "region": "NORD-NO-KRS-1", "size": 10, "type": "ssd"}),
    )
    .await
    .unwrap();
    let id = volume["id"].as_str().unwrap();
    let created = call(
        &client,
        "volumes.wait_until",
        id,
        json!({"status": "created", "timeout": 5, "interval": 0.01}),
    )
    .await
    .unwrap();
    assert_eq!(created["status"], "created");
    let deleted = call(&client, "volumes.delete", id, None::<&str>).await;
    assert_eq!(deleted.unwrap(), Value::Null);
    let gone = call(
        &client,
        "volumes.wait_until",
        id,
        r#"{"status": "deleted", "timeout_ms": 5000, "interval_ms": 10}"#,
    )
    .await;
    assert_eq!(gone.unwrap(), Value::Null);
}

#[tokio::test]
async fn lists_yield_every_item_once_as_json() {
    let (emu, client) = setup();
    emu.seed_synthetic("images", 250).unwrap();
    let total = client
        .images()
        .list_page(ListParams::default().per_page(1))
        .await
        .unwrap()
        .total_count;
    let items: Vec<String> = operations::paginate_json(&client, "images.list", "", None::<Value>)
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    let mut ids: Vec<String> = items
        .iter()
        .map(|i| serde_json::from_str::<Value>(i).unwrap()["id"].to_string())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len() as u64, total);
    assert!(total >= 250);
}

#[tokio::test]
async fn unknown_operations_are_refused_by_name() {
    let (emu, client) = setup();
    refused(
        &emu,
        call(&client, "instances.explode", "x", json!({})).await,
        "instances.explode",
    );
    refused(&emu, call(&client, "quotas", "", json!({})).await, "quotas");
    refused(
        &emu,
        call(&client, "ssh_keys.wait_until", "x", json!({"status": "x"})).await,
        "ssh_keys.wait_until",
    );
    // Lists are not single answers, and single answers are not lists.
    refused(
        &emu,
        call(&client, "images.list", "", json!({})).await,
        "images.list",
    );
    refused(
        &emu,
        operations::paginate_json(&client, "images.get", "", json!({})).map(drop),
        "images.get",
    );
}

#[tokio::test]
async fn bad_arguments_are_refused_before_sending() {
    let (emu, client) = setup();
    let wait = "volumes.wait_until";
    let cases = [
        (wait, json!({}), "status"),
        (
            wait,
            json!({"status": "created", "timeout": 1, "timeout_ms": 1000}),
            "timeout_ms",
        ),
        (
            wait,
            json!({"status": "created", "interval_ms": -5}),
            "interval_ms must be a non-negative number of milliseconds",
        ),
        (
            wait,
            json!({"status": "created", "max_interval": -1}),
            "max_interval must be a non-negative number of seconds",
        ),
        (
            "instances.perform_action",
            json!({"action": 5}),
            "invalid argument `action`",
        ),
        (
            "images.list_page",
            json!({"per_page": "ten"}),
            "invalid argument `per_page`",
        ),
        (
            "ssh_keys.create",
            json!({"name": 5, "value": "ssh-ed25519 AAAA"}),
            "invalid argument `name`",
        ),
        (wait, json!({"status": "active\u{0}"}), "control character"),
    ];
    for (op, args, words) in cases {
        refused(&emu, call(&client, op, "x", args).await, words);
    }
    refused(
        &emu,
        call(&client, "volumes.create", "", "{not json").await,
        "invalid arguments",
    );
    refused(
        &emu,
        call(
            &client,
            "ssh_keys.create",
            "",
            r#"{"name": [1], "value": "v"}"#,
        )
        .await,
        "invalid argument `name`",
    );
}
