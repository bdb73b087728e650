//! Times listing 10,000 images (100 pages) through the core, against an
//! emulator that adds 20 ms to every request, and compares with the ideal:
//! the first page alone, then the remaining pages `concurrency` at a time.
//!
//! ```sh
//! cargo run --release -p genesiscloud --example bench_list -- [URL_OF_RUNNING_EMULATOR]
//! ```
//! Without a URL it starts an emulator in-process (on its own thread and
//! runtime).

use std::time::{Duration, Instant};

use futures::TryStreamExt;
use genesiscloud::{Client, ListParams};
use genesiscloud_emulator::{Emulator, DEFAULT_TOKEN};

const ITEMS: usize = 10_000;
const LATENCY: Duration = Duration::from_millis(20);
const RUNS: usize = 5;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (root, _emulator) = match std::env::args().nth(1) {
        Some(url) => (
            url.trim_end_matches('/')
                .trim_end_matches("/compute/v1")
                .to_owned(),
            None,
        ),
        None => {
            let e = Emulator::start()?;
            (e.root_url(), Some(e))
        }
    };
    let http = reqwest::Client::new();
    http.post(format!("{root}/_emulator/reset"))
        .json(&serde_json::json!({"seed": "empty"}))
        .send()
        .await?;
    http.post(format!("{root}/_emulator/seed"))
        .json(&serde_json::json!({"images": ITEMS}))
        .send()
        .await?;
    http.post(format!("{root}/_emulator/config"))
        .json(&serde_json::json!({"latency_ms": LATENCY.as_millis() as u64}))
        .send()
        .await?;
    println!(
        "listing {ITEMS} images, {} ms per request, median of {RUNS} runs",
        LATENCY.as_millis()
    );
    println!(
        "{:>11} {:>10} {:>10} {:>10} {:>8}",
        "concurrency", "median ms", "min ms", "ideal ms", "ratio"
    );
    for concurrency in [1usize, 4, 8] {
        let client = Client::builder()
            .token(DEFAULT_TOKEN)
            .base_url(format!("{root}/compute/v1"))
            .concurrency(concurrency)
            .build()?;
        let mut times = Vec::new();
        for _ in 0..RUNS {
            let t = Instant::now();
            let items: Vec<_> = client
                .images()
                .list(ListParams::default())
                .try_collect()
                .await?;
            times.push(t.elapsed());
            assert_eq!(items.len(), ITEMS);
        }
        times.sort();
        let pages = ITEMS.div_ceil(100) as u32;
        let ideal = LATENCY * (1 + (pages - 1).div_ceil(concurrency as u32));
        let median = times[RUNS / 2];
        println!(
            "{concurrency:>11} {:>10.1} {:>10.1} {:>10.1} {:>8.2}",
            median.as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            ideal.as_secs_f64() * 1e3,
            median.as_secs_f64() / ideal.as_secs_f64()
        );
    }
    Ok(())
}
