//! The description of the operations (`genesiscloud::api`) checked against
//! the code: every entry is dispatched by `operations` with its example
//! arguments, and its first request must be the method and path the entry
//! states; the example body must reach the emulator as given.

use futures::StreamExt;
use genesiscloud::api::{Kind, OPERATIONS};
use genesiscloud::{operations, Client};
use genesiscloud_emulator::Emulator;
use serde_json::Value;

const ID: &str = "00000000-0000-0000-0000-000000000000";

#[tokio::test]
async fn every_operation_sends_the_request_its_description_states() {
    let emu = Emulator::start().unwrap();
    let client = Client::builder()
        .token(emu.token())
        .base_url(emu.base_url())
        .max_retries(0)
        .build()
        .unwrap();
    let mut names: Vec<&str> = OPERATIONS.iter().map(|op| op.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), OPERATIONS.len(), "operation names are unique");

    for op in OPERATIONS {
        let id = if op.takes_id() { ID } else { "" };
        let args: Value = serde_json::from_str(op.example)
            .unwrap_or_else(|e| panic!("{}: the example is not JSON: {e}", op.name));
        emu.clear_requests();
        // The outcome does not matter (the id is unknown, so most answer
        // 404): what was sent does.
        match op.kind {
            Kind::Lazy => {
                let mut items = operations::paginate_json(&client, op.name, id, args.clone())
                    .unwrap_or_else(|e| panic!("{}: not dispatched: {e}", op.name));
                let _ = items.next().await;
            }
            _ => {
                let pending = operations::prepare(&client, op.name, id, args.clone())
                    .unwrap_or_else(|e| panic!("{}: not dispatched: {e}", op.name));
                let _ = pending.await;
            }
        }
        let requests = emu.requests();
        let first = requests
            .first()
            .unwrap_or_else(|| panic!("{}: sent nothing", op.name));
        let region = args.get("region").and_then(Value::as_str).unwrap_or("");
        let path = format!(
            "/compute/v1{}",
            op.path.replace("{id}", ID).replace("{region}", region)
        );
        assert_eq!(
            (first.method.as_str(), first.path.as_str()),
            (op.method, path.as_str()),
            "{}",
            op.name
        );
        if op.method == "POST" || op.method == "PATCH" {
            let sent = first.body.clone().unwrap_or(Value::Null);
            assert_eq!(sent, args, "{}: the example body is sent as given", op.name);
        }
    }
}

#[test]
fn every_operation_name_is_one_the_dispatcher_knows_and_others_are_not() {
    let client = Client::builder()
        .token("t")
        .base_url("http://127.0.0.1:9/compute/v1")
        .build()
        .unwrap();
    for op in OPERATIONS {
        let args: Value = serde_json::from_str(op.example).unwrap();
        let known = match op.kind {
            Kind::Lazy => operations::paginate_json(&client, op.name, ID, args).map(drop),
            _ => operations::prepare(&client, op.name, ID, args).map(drop),
        };
        assert!(known.is_ok(), "{}: {:?}", op.name, known.err());
    }
    let unknown = operations::prepare(&client, "instances.resize", ID, Value::Null);
    assert!(unknown.is_err());
}
