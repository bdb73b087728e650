//! The files rendered from the description of the operations
//! (`genesiscloud::api`).

use std::fmt::Write as _;

use genesiscloud::api::{Operation, OPERATIONS};
use serde_json::{json, Value};

use super::c_exports::c_name;
use super::GENERATED_API as GENERATED;

pub fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `security_groups` as `SecurityGroups`: a group's class in Python and
/// its interface in Node.
pub fn pascal(snake: &str) -> String {
    let c = camel(snake);
    let mut chars = c.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The operation's spelling in Rust, Python, Node and C.
struct Spellings {
    rust: String,
    python: String,
    node: String,
    c: String,
}

fn spell(op: &Operation) -> Spellings {
    let (group, verb) = (op.group(), op.verb());
    if group == "client" {
        return Spellings {
            rust: format!("client.{verb}"),
            python: format!("client.{verb}"),
            node: format!("client.{}", camel(verb)),
            c: c_name(op),
        };
    }
    Spellings {
        rust: format!("client.{group}().{verb}"),
        python: format!("client.{group}.{verb}"),
        node: format!("client.{}.{}", camel(group), camel(verb)),
        c: c_name(op),
    }
}

pub fn operations_md() -> String {
    let mut out = format!("<!-- {GENERATED} -->\n\n");
    out.push_str(
        "# Every operation, in every language\n\n\
         The SDK's operations as the core describes them (`genesiscloud::api`),\n\
         with their HTTP request and their name in each language. Each list\n\
         has a paged form (one request) and a lazy one (every item, pages\n\
         prefetched); the waits poll `GET` until a status is reached. The\n\
         wire contract is in [`api-contract.md`](api-contract.md), the rules\n\
         every language follows in [`sdk-contract.md`](sdk-contract.md).\n\n\
         Examples are the operation's arguments as JSON, the way the\n\
         conformance scenarios and `genesiscloud::operations` take them:\n\
         keyword arguments in Python, an object in Node, `body_json` in C,\n\
         named arguments and a `JsonObject` body in Kotlin (whose names are\n\
         Node's).\n\n\
         In C every operation but a lazy list also has a queued form, named\n\
         with `gc_queue_` for `gc_` (`gc_queue_instances_get`), which a\n\
         `gc_queue` runs with others at once on the calling thread.\n",
    );
    let mut group = "";
    for op in OPERATIONS.iter() {
        if op.group() != group {
            group = op.group();
            let _ = write!(
                out,
                "\n## {}\n\n| operation | request | answers | Rust | Python | Node and Kotlin | C |\n|---|---|---|---|---|---|---|\n",
                if group == "client" { "account" } else { group }
            );
        }
        let s = spell(op);
        let _ = writeln!(
            out,
            "| `{}`: {} | `{} {}` | {} | `{}` | `{}` | `{}` | `{}` |",
            op.name,
            op.doc,
            op.method,
            op.path,
            op.kind.as_str(),
            s.rust,
            s.python,
            s.node,
            s.c
        );
    }
    out.push_str("\n## Example arguments\n\n| operation | arguments |\n|---|---|\n");
    for op in OPERATIONS.iter().filter(|op| op.example != "{}") {
        let _ = writeln!(out, "| `{}` | `{}` |", op.name, op.example);
    }
    out
}

pub fn operations_json() -> String {
    let list: Vec<Value> = OPERATIONS
        .iter()
        .map(|op| {
            let s = spell(op);
            json!({
                "name": op.name,
                "method": op.method,
                "path": op.path,
                "kind": op.kind.as_str(),
                "takes_id": op.takes_id(),
                "body": op.body,
                "params": op.params.iter().map(|p| json!({"name": p.name, "required": p.required})).collect::<Vec<_>>(),
                "python": s.python.trim_start_matches("client."),
                "node": s.node.trim_start_matches("client."),
                "c": s.c,
            })
        })
        .collect();
    let doc = json!({"generated": GENERATED, "operations": list});
    let mut text = serde_json::to_string_pretty(&doc).expect("plain JSON");
    text.push('\n');
    text
}

pub fn operations_h() -> String {
    let mut out = format!(
        "/* {GENERATED} */\n\
         /* Every C function of the SDK's operations, by operation name: a\n \
         * function the library lacks fails to link a test that includes this. */\n\n\
         #ifndef GC_TEST_OPERATIONS_H\n#define GC_TEST_OPERATIONS_H\n\n\
         #include <genesiscloud.h>\n\n\
         typedef void (*gc_operation_fn)(void);\n\n\
         static const struct {{\n    const char *name;\n    gc_operation_fn fn;\n}} gc_operations[] = {{\n"
    );
    for op in OPERATIONS.iter() {
        let _ = writeln!(
            out,
            "    {{\"{}\", (gc_operation_fn){}}},",
            op.name,
            spell(op).c
        );
    }
    out.push_str("};\n\n#endif\n");
    out
}
