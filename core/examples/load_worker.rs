//! The Rust worker of the load and soak tests (`tests/load/run.py`, which
//! also describes the settings): many tasks share one `Client` against an
//! emulator, and one JSON line of results goes to stdout.
//!
//! ```sh
//! GENESISCLOUD_ENDPOINT=… GENESISCLOUD_TOKEN=… LOAD_MODE=load LOAD_GET_ID=… \
//!     cargo run -p genesiscloud --example load_worker
//! ```

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use genesiscloud::{
    Client, CreateInstance, CreateSecurityGroup, CreateSshKey, Error, ListParams, Region,
    SecurityGroupRule, SecurityGroupRuleDirection, SecurityGroupRuleProtocol, UpdateSecurityGroup,
    UpdateSshKey, WaitOptions,
};
use serde_json::json;

/// Attempts a call makes when every retry is spent (`max_retries` 2).
const MAX_ATTEMPTS: u32 = 3;
/// Kept from the unexpected errors, to show what went wrong.
const MAX_EXAMPLES: usize = 10;
/// A public key the emulator accepts; only key names must be unique.
const SSH_KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFRlc3RLZXlGb3JUaGVFbXVsYXRvcg load@worker";

/// How the SDK contract's retry rules treat a call: reads and deletes are retried after
/// anything transient, writes only after a 429.
#[derive(Clone, Copy)]
enum Class {
    Read,
    Write,
    Delete,
}

/// Whether a soak call may fail this way under the injected faults.
fn expected(class: Class, err: &Error) -> bool {
    let attempts = err.attempts();
    match (err.code(), class) {
        ("decode", _) => true,
        ("rate_limited", _) => attempts == MAX_ATTEMPTS,
        ("server_error" | "timeout" | "connection", Class::Write) => {
            (1..=MAX_ATTEMPTS).contains(&attempts)
        }
        ("server_error" | "timeout" | "connection", _) => attempts == MAX_ATTEMPTS,
        // A retried DELETE whose first attempt did act finds nothing left.
        ("not_found", Class::Delete) => attempts >= 2,
        _ => false,
    }
}

#[derive(Default)]
struct Stats {
    calls: u64,
    errors: BTreeMap<String, u64>,
    unexpected: u64,
    examples: Vec<String>,
}

struct Worker {
    client: Client,
    faults: bool,
    stats: Mutex<Stats>,
    started: Instant,
    /// `(ms since start, VmRSS in KiB, open fds)`.
    samples: Mutex<Vec<(u64, u64, usize)>>,
}

impl Worker {
    /// Counts one call; an error is checked against the SDK contract when faults are on,
    /// and unexpected otherwise.
    fn record<T>(&self, what: &str, class: Class, result: &Result<T, Error>) {
        let mut stats = self.stats.lock().unwrap();
        stats.calls += 1;
        if let Err(err) = result {
            *stats.errors.entry(err.code().to_owned()).or_default() += 1;
            if !self.faults || !expected(class, err) {
                let line = format!(
                    "{what}: {} after {} attempts: {}",
                    err.code(),
                    err.attempts(),
                    err.message()
                );
                self.unexpected(&mut stats, line);
            }
        }
    }

    /// Counts a call that succeeded with the wrong answer.
    fn wrong(&self, line: String) {
        let mut stats = self.stats.lock().unwrap();
        *stats.errors.entry("wrong_result".to_owned()).or_default() += 1;
        self.unexpected(&mut stats, line);
    }

    fn unexpected(&self, stats: &mut Stats, line: String) {
        stats.unexpected += 1;
        if stats.examples.len() < MAX_EXAMPLES {
            stats.examples.push(line);
        }
    }

    fn sample(&self) {
        let ms = self.started.elapsed().as_millis() as u64;
        self.samples
            .lock()
            .unwrap()
            .push((ms, rss_kb(), open_fds()));
    }
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set"))
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} is not a number"))
        })
        .unwrap_or(default)
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count())
}

fn rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Runs `count` calls of `load_call`, `concurrency` at a time.
async fn batch(worker: &Arc<Worker>, get_id: &Arc<str>, count: u64, concurrency: u64) {
    let next = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (worker, get_id, next) = (worker.clone(), get_id.clone(), next.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= count {
                        break;
                    }
                    load_call(&worker, &get_id, i).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("a load task panicked");
    }
}

/// Call `i` of the load: a `get` or a `list_page`, alternately.
async fn load_call(worker: &Worker, get_id: &str, i: u64) {
    if i % 2 == 0 {
        let result = worker.client.instances().get(get_id).await;
        worker.record("instances.get", Class::Read, &result);
    } else {
        let params = ListParams::default()
            .page((i / 2 % 5 + 1) as u32)
            .per_page(20);
        let result = worker.client.images().list_page(params).await;
        worker.record("images.list_page", Class::Read, &result);
    }
}

async fn load(worker: Arc<Worker>) -> serde_json::Value {
    let get_id: Arc<str> = env("LOAD_GET_ID").into();
    let concurrency = env_u64("LOAD_CONCURRENCY", 256);
    let warmup = env_u64("LOAD_WARMUP", 1024);
    let requests = env_u64("LOAD_REQUESTS", 10_000);
    worker.sample();
    batch(&worker, &get_id, warmup, concurrency).await;
    worker.sample();
    let started = Instant::now();
    batch(&worker, &get_id, requests, concurrency).await;
    let elapsed = started.elapsed();
    worker.sample();
    json!({"measured": requests, "elapsed_ms": elapsed.as_millis() as u64})
}

/// What every soak task shares.
struct Soak {
    worker: Arc<Worker>,
    prefix: String,
    region: Region,
    image_id: String,
    instance_type: String,
    get_id: String,
    images: u64,
}

impl Soak {
    /// Operation `op` of the soak's cycle of ten.
    async fn step(&self, op: u64, name: String, seq: u64) {
        let w = &self.worker;
        match op {
            0 | 8 => {
                let params = ListParams::default()
                    .page((seq % 5 + 1) as u32)
                    .per_page(100);
                let result = w.client.images().list_page(params).await;
                w.record("images.list_page", Class::Read, &result);
                if let Ok(page) = result {
                    if page.total_count != self.images {
                        w.wrong(format!(
                            "images.list_page: total_count {}",
                            page.total_count
                        ));
                    }
                }
            }
            1 | 6 => {
                let result = w.client.instances().get(&self.get_id).await;
                w.record("instances.get", Class::Read, &result);
                if matches!(&result, Ok(i) if i.id != self.get_id) {
                    w.wrong("instances.get: another instance".into());
                }
            }
            2 => {
                let result: Result<Vec<_>, Error> = w
                    .client
                    .images()
                    .list(ListParams::default())
                    .try_collect()
                    .await;
                w.record("images.list", Class::Read, &result);
                if let Ok(items) = result {
                    if items.len() as u64 != self.images {
                        w.wrong(format!(
                            "images.list: {} of {} images",
                            items.len(),
                            self.images
                        ));
                    }
                }
            }
            3 => self.ssh_key_cycle(name).await,
            4 => {
                let params = ListParams::default().per_page(50);
                let result = w.client.instances().list_page(params).await;
                w.record("instances.list_page", Class::Read, &result);
            }
            5 => self.security_group_cycle(name).await,
            7 => self.instance_cycle(name).await,
            _ => {
                let result = w.client.ssh_keys().list_page(ListParams::default()).await;
                w.record("ssh_keys.list_page", Class::Read, &result);
            }
        }
    }

    async fn ssh_key_cycle(&self, name: String) {
        let w = &self.worker;
        let keys = w.client.ssh_keys();
        let created = keys.create(&CreateSshKey::new(name, SSH_KEY)).await;
        w.record("ssh_keys.create", Class::Write, &created);
        let Ok(key) = created else { return };
        let renamed = format!("{}-r", key.name);
        let update = UpdateSshKey {
            name: Some(renamed.clone()),
            ..Default::default()
        };
        let updated = keys.update(&key.id, &update).await;
        w.record("ssh_keys.update", Class::Write, &updated);
        if matches!(&updated, Ok(k) if k.name != renamed) {
            w.wrong("ssh_keys.update: name not changed".into());
        }
        let fetched = keys.get(&key.id).await;
        w.record("ssh_keys.get", Class::Read, &fetched);
        let deleted = keys.delete(&key.id).await;
        w.record("ssh_keys.delete", Class::Delete, &deleted);
    }

    async fn security_group_cycle(&self, name: String) {
        let w = &self.worker;
        let groups = w.client.security_groups();
        let rule = SecurityGroupRule::new(
            SecurityGroupRuleDirection::Ingress,
            SecurityGroupRuleProtocol::Tcp,
            Some((443, 443)),
        );
        let body = CreateSecurityGroup::new(name, self.region.clone(), vec![rule]);
        let created = groups.create(&body).await;
        w.record("security_groups.create", Class::Write, &created);
        let Ok(group) = created else { return };
        let update = UpdateSecurityGroup {
            description: Some("soaked".into()),
            ..Default::default()
        };
        let updated = groups.update(&group.id, &update).await;
        w.record("security_groups.update", Class::Write, &updated);
        let deleted = groups.delete(&group.id).await;
        w.record("security_groups.delete", Class::Delete, &deleted);
    }

    async fn instance_cycle(&self, name: String) {
        let w = &self.worker;
        let instances = w.client.instances();
        let mut body = CreateInstance::new(
            name.clone(),
            name,
            self.instance_type.clone(),
            self.image_id.clone(),
            self.region.clone(),
        );
        body.password = Some("Soak-pass-1234".into());
        let created = instances.create(&body).await;
        w.record("instances.create", Class::Write, &created);
        let Ok(instance) = created else { return };
        let options = WaitOptions::default()
            .timeout(Duration::from_secs(60))
            .intervals(Duration::from_millis(100), Duration::from_millis(400));
        let waited = instances.wait_until(&instance.id, "active", options).await;
        w.record("instances.wait_until", Class::Read, &waited);
        let deleted = instances.delete(&instance.id).await;
        w.record("instances.delete", Class::Delete, &deleted);
    }

    /// Deletes what failed writes left behind (a POST that timed out may
    /// still have created its resource): everything named with this
    /// worker's prefix that is not already being deleted, in rounds until a
    /// complete listing finds nothing. Returns what the first and the last
    /// complete listings found (`None`: no listing got through).
    async fn cleanup(&self) -> (Option<u64>, Option<u64>) {
        let (mut first, mut last) = (None, None);
        for _ in 0..5 {
            let mut found = 0;
            let w = &self.worker;
            let keys: Result<Vec<_>, Error> = w
                .client
                .ssh_keys()
                .list(ListParams::default())
                .try_collect()
                .await;
            w.record("ssh_keys.list", Class::Read, &keys);
            for key in keys.iter().flatten() {
                if key.name.starts_with(&self.prefix) {
                    found += 1;
                    let r = w.client.ssh_keys().delete(&key.id).await;
                    w.record("ssh_keys.delete", Class::Delete, &r);
                }
            }
            let groups: Result<Vec<_>, Error> = w
                .client
                .security_groups()
                .list(ListParams::default())
                .try_collect()
                .await;
            w.record("security_groups.list", Class::Read, &groups);
            for group in groups.iter().flatten() {
                if group.name.starts_with(&self.prefix) && group.status.as_str() != "deleting" {
                    found += 1;
                    let r = w.client.security_groups().delete(&group.id).await;
                    w.record("security_groups.delete", Class::Delete, &r);
                }
            }
            let instances: Result<Vec<_>, Error> = w
                .client
                .instances()
                .list(ListParams::default())
                .try_collect()
                .await;
            w.record("instances.list", Class::Read, &instances);
            for instance in instances.iter().flatten() {
                if instance.name.starts_with(&self.prefix) && instance.status.as_str() != "deleting"
                {
                    found += 1;
                    let r = w.client.instances().delete(&instance.id).await;
                    w.record("instances.delete", Class::Delete, &r);
                }
            }
            if keys.is_ok() && groups.is_ok() && instances.is_ok() {
                first.get_or_insert(found);
                last = Some(found);
                if found == 0 {
                    break;
                }
            }
        }
        (first, last)
    }
}

async fn soak(worker: Arc<Worker>) -> serde_json::Value {
    let seconds = env_u64("SOAK_SECONDS", 60);
    let concurrency = env_u64("SOAK_CONCURRENCY", 16);
    let sample = Duration::from_millis(env_u64("SOAK_SAMPLE_MS", 2000));
    let soak = Arc::new(Soak {
        worker: worker.clone(),
        prefix: env("SOAK_PREFIX"),
        region: Region::from(env("SOAK_REGION")),
        image_id: env("SOAK_IMAGE_ID"),
        instance_type: env("SOAK_INSTANCE_TYPE"),
        get_id: env("LOAD_GET_ID"),
        images: env_u64("SOAK_IMAGES", 0),
    });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let sampler = {
        let worker = worker.clone();
        tokio::spawn(async move {
            loop {
                worker.sample();
                tokio::time::sleep(sample).await;
            }
        })
    };
    let tasks: Vec<_> = (0..concurrency)
        .map(|task| {
            let soak = soak.clone();
            tokio::spawn(async move {
                let mut seq = 0;
                while Instant::now() < deadline {
                    let name = format!("{}-{task}-{seq}", soak.prefix);
                    soak.step((task + seq) % 10, name, seq).await;
                    seq += 1;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("a soak task panicked");
    }
    sampler.abort();
    worker.sample();
    let (leaked, leftover) = soak.cleanup().await;
    json!({"leaked": leaked, "leftover": leftover})
}

/// The core's log at `$GENESISCLOUD_LOG` on stderr, which run.py keeps in
/// target/load/ for the canary scan of make test.
fn log_from_env() {
    let Ok(level) = std::env::var("GENESISCLOUD_LOG") else {
        return;
    };
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(format!(
            "genesiscloud={level}"
        )))
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
}

#[tokio::main]
async fn main() {
    log_from_env();
    let mode = env("LOAD_MODE");
    let faults = mode == "soak";
    let mut builder = Client::builder().max_retries(MAX_ATTEMPTS - 1);
    if faults {
        builder = builder.timeout(Duration::from_millis(env_u64("SOAK_TIMEOUT_MS", 2000)));
    }
    let worker = Arc::new(Worker {
        client: builder.build().expect("client"),
        faults,
        stats: Mutex::default(),
        started: Instant::now(),
        samples: Mutex::default(),
    });
    let mut out = if faults {
        soak(worker.clone()).await
    } else {
        load(worker.clone()).await
    };
    let stats = worker.stats.lock().unwrap();
    let extra = json!({
        "binding": "rust",
        "mode": mode,
        "calls": stats.calls,
        "errors": stats.errors,
        "unexpected": stats.unexpected,
        "examples": stats.examples,
        "samples": *worker.samples.lock().unwrap(),
        "wall_ms": worker.started.elapsed().as_millis() as u64,
    });
    if let (Some(out), serde_json::Value::Object(extra)) = (out.as_object_mut(), extra) {
        out.extend(extra);
    }
    println!("{out}");
}
