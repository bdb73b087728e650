//! Runs the Rust samples of the documentation site's guide
//! (`docs/guide/samples/*.rs`): each is a module here, shown as is on its
//! page; `make test-docs` runs them against an emulator.
//!
//! ```sh
//! cargo run -p genesiscloud --example guide -- first_call
//! ```

#[path = "../../docs/guide/samples/concurrency.rs"]
mod concurrency;
#[path = "../../docs/guide/samples/configuration.rs"]
mod configuration;
#[path = "../../docs/guide/samples/errors.rs"]
mod errors;
#[path = "../../docs/guide/samples/first_call.rs"]
mod first_call;
#[path = "../../docs/guide/samples/logs.rs"]
mod logs;
#[path = "../../docs/guide/samples/pagination.rs"]
mod pagination;
#[path = "../../docs/guide/samples/raw_response.rs"]
mod raw_response;
#[path = "../../docs/guide/samples/retries.rs"]
mod retries;
#[path = "../../docs/guide/samples/testing.rs"]
mod testing;
#[path = "../../docs/guide/samples/tls.rs"]
mod tls;
#[path = "../../docs/guide/samples/waiting.rs"]
mod waiting;

type Sample = fn() -> Result<(), Box<dyn std::error::Error>>;

const SAMPLES: &[(&str, Sample)] = &[
    ("concurrency", concurrency::main),
    ("configuration", configuration::main),
    ("errors", errors::main),
    ("first_call", first_call::main),
    ("logs", logs::main),
    ("pagination", pagination::main),
    ("raw_response", raw_response::main),
    ("retries", retries::main),
    ("testing", testing::main),
    ("tls", tls::main),
    ("waiting", waiting::main),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let name = std::env::args().nth(1).unwrap_or_default();
    match SAMPLES.iter().find(|(n, _)| *n == name) {
        Some((_, run)) => run(),
        None => {
            let names: Vec<&str> = SAMPLES.iter().map(|(n, _)| *n).collect();
            Err(format!("usage: guide <{}>", names.join("|")).into())
        }
    }
}
