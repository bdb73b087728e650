//! The Rust side of `bench/run.py`: the core (the baseline of every
//! binding's own overhead) and a raw keep-alive client that reads bytes and
//! decodes nothing (the limit of what the emulator serves on this machine).
//! The emulator is prepared by the caller; this only measures, and prints
//! one JSON object per measurement on stdout.
//!
//! ```sh
//! cargo build --release -p genesiscloud --example bench_scenarios
//! target/release/examples/bench_scenarios SCENARIO BASE_URL [RUNS] [INSTANCE_ID]
//! ```
//! SCENARIO: list-latency, list-big, get-seq, get-conc, iterate, coldstart.

use std::time::{Duration, Instant};

use futures::{stream, StreamExt, TryStreamExt};
use genesiscloud::{Client, ListParams};
use serde_json::json;

const TOKEN: &str = "gc-emulator-token";
const PER_PAGE: usize = 100;
// No scenario should run away: a wedged emulator fails the run instead.
const BUDGET: Duration = Duration::from_secs(120);

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn emit(
    scenario: &str,
    client: &str,
    kind: &str,
    unit: &str,
    runs: &[f64],
    extra: serde_json::Value,
) {
    let mut v = json!({"scenario": scenario, "language": "rust", "client": client,
                       "kind": kind, "unit": unit, "runs": runs});
    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    println!("{v}");
}

/// Calls in s3 and s4: 1,000, or `BENCH_GETS` (`make test-bench` uses few).
fn gets() -> usize {
    std::env::var("BENCH_GETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn sdk(base: &str) -> Res<Client> {
    Ok(Client::builder().token(TOKEN).base_url(base).build()?)
}

fn raw() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .tcp_nodelay(true)
        .http1_only()
        .build()
        .expect("reqwest client")
}

async fn sdk_list(client: &Client) -> Res<usize> {
    let mut n = 0usize;
    let mut s = client.images().list(ListParams::default());
    while let Some(image) = s.try_next().await? {
        n += usize::from(!image.id.is_empty());
    }
    Ok(n)
}

/// One s3 get: raw reqwest, bytes only (the limit), or the SDK.
async fn get_once(
    client: &Client,
    http: &reqwest::Client,
    base: &str,
    id: &str,
    raw: bool,
) -> Res<()> {
    if raw {
        raw_get(http, format!("{base}/instances/{id}")).await?;
    } else {
        client.instances().get(id).await?;
    }
    Ok(())
}

/// A GET with the token, read as bytes and never decoded: its length.
async fn raw_get(http: &reqwest::Client, url: String) -> Res<usize> {
    let body = http
        .get(url)
        .header("X-Auth-Token", TOKEN)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    Ok(body.len())
}

async fn raw_page(http: &reqwest::Client, base: &str, page: usize) -> Res<usize> {
    raw_get(
        http,
        format!("{base}/images?page={page}&per_page={PER_PAGE}"),
    )
    .await
}

/// Every page, `concurrency` requests in flight, bytes only; the page count
/// comes from the caller so that nothing has to be parsed.
async fn raw_list(
    http: &reqwest::Client,
    base: &str,
    pages: usize,
    concurrency: usize,
) -> Res<usize> {
    let sizes: Vec<usize> = stream::iter(1..=pages)
        .map(|p| raw_page(http, base, p))
        .buffered(concurrency)
        .try_collect()
        .await?;
    Ok(sizes.len())
}

async fn timed<F, Fut>(runs: usize, mut job: F) -> Res<Vec<f64>>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Res<usize>>,
{
    job().await?; // warm-up: connections, allocator
    let mut out = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        tokio::time::timeout(BUDGET, job()).await??;
        out.push(ms(t.elapsed()));
    }
    Ok(out)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().collect();
    let scenario = args.get(1).map(String::as_str).unwrap_or("");
    let base = args.get(2).cloned().unwrap_or_default();
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(3);
    let id = args.get(4).cloned().unwrap_or_default();
    let total: usize = std::env::var("BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let pages = total.div_ceil(PER_PAGE);
    let http = raw();

    match scenario {
        "list-latency" | "list-big" => {
            let s = if scenario == "list-latency" {
                "s1"
            } else {
                "s2"
            };
            let client = sdk(&base)?;
            let t = timed(runs, || sdk_list(&client)).await?;
            emit(
                s,
                "genesiscloud (core)",
                "sdk",
                "ms",
                &t,
                json!({"items": total}),
            );
            let t = timed(runs, || raw_list(&http, &base, pages, 1)).await?;
            emit(
                s,
                "raw reqwest, no decoding",
                "limit",
                "ms",
                &t,
                json!({"items": total}),
            );
            let t = timed(runs, || raw_list(&http, &base, pages, 4)).await?;
            emit(
                s,
                "raw reqwest x4, no decoding",
                "limit",
                "ms",
                &t,
                json!({"items": total}),
            );
        }
        "get-seq" => {
            let client = sdk(&base)?;
            let n = gets();
            for (name, kind) in [
                ("genesiscloud (core)", "sdk"),
                ("raw reqwest, no decoding", "limit"),
            ] {
                let (mut med, mut p99) = (Vec::new(), Vec::new());
                for run in 0..=runs {
                    let mut per = Vec::with_capacity(n);
                    for _ in 0..n {
                        let t = Instant::now();
                        get_once(&client, &http, &base, &id, kind != "sdk").await?;
                        per.push(ms(t.elapsed()));
                    }
                    if run == 0 {
                        continue; // warm-up
                    }
                    per.sort_by(f64::total_cmp);
                    med.push(percentile(&per, 0.5));
                    p99.push(percentile(&per, 0.99));
                }
                emit(
                    "s3",
                    name,
                    kind,
                    "ms/call",
                    &med,
                    json!({"p99": p99, "calls": n}),
                );
            }
        }
        // BENCH_GETS sequential gets and nothing else, for bench/run.py
        // to count instructions under callgrind: `sdk`, or `peer` (raw
        // reqwest, which decodes nothing).
        "get-count" => {
            let client = sdk(&base)?;
            let peer = args.get(5).map(String::as_str) == Some("peer");
            for _ in 0..gets() {
                get_once(&client, &http, &base, &id, peer).await?;
            }
        }
        "get-conc" => {
            let client = sdk(&base)?;
            let n = gets();
            let instances = client.instances();
            let t = timed(runs, || async {
                let all = futures::future::try_join_all((0..n).map(|_| instances.get(&id))).await?;
                Ok(all.len())
            })
            .await?;
            emit(
                "s4",
                "genesiscloud (core)",
                "sdk",
                "ms",
                &t,
                json!({"calls": n}),
            );
            let t = timed(runs, || async {
                let all = futures::future::try_join_all((0..n).map(|_| async {
                    let r = http
                        .get(format!("{base}/instances/{id}"))
                        .header("X-Auth-Token", TOKEN)
                        .send()
                        .await?
                        .error_for_status()?;
                    r.bytes().await
                }))
                .await?;
                Ok(all.len())
            })
            .await?;
            emit(
                "s4",
                "raw reqwest, no decoding",
                "limit",
                "ms",
                &t,
                json!({"calls": n}),
            );
        }
        "iterate" => {
            let t = Instant::now();
            let n = tokio::time::timeout(BUDGET, sdk_list(&sdk(&base)?)).await??;
            emit(
                "s5",
                "genesiscloud (core)",
                "sdk",
                "ms",
                &[ms(t.elapsed())],
                json!({"items": n}),
            );
        }
        "coldstart" => {
            let t = Instant::now();
            let client = sdk(&base)?;
            let made = t.elapsed();
            let page = client
                .images()
                .list_page(ListParams::default().per_page(1))
                .await?;
            let first = t.elapsed();
            emit(
                "s6",
                "genesiscloud (core)",
                "sdk",
                "ms",
                &[ms(first)],
                json!({"client_ms": ms(made), "first_call_ms": ms(first - made),
                        "items": page.items.len()}),
            );
        }
        _ => return Err(format!("unknown scenario {scenario:?}").into()),
    }
    Ok(())
}
