//! Runs every scenario of `tests/conformance/` through the Rust core.
//!
//! The format is described in `tests/conformance/README.md`; the Python,
//! Node and C runners read the very same files.
//!
//! `CONFORMANCE_DIR` runs another folder of scenarios (the fault matrix of
//! `tests/faults/` generates one); `CONFORMANCE_REPORT` appends one JSON
//! line per scenario (`file`, `passed`, `message`) to that file.
//! `GENESISCLOUD_LOG=trace` (or another level) prints the core's log to
//! stderr, as the fault matrix does for its canary-token scan.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use genesiscloud::{AuthScheme, Client, ClientOverrides, Error, ResponseInfo};
use genesiscloud_emulator::{Emulator, Fault, Seed};
use serde_json::{json, Map, Value};

mod typed_calls;

use typed_calls::{Recorder, StopWaiting};

type Outcome = Result<Value, Error>;

fn scenario_dir() -> PathBuf {
    std::env::var_os("CONFORMANCE_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/conformance"),
        PathBuf::from,
    )
}

/// Appends the outcome of one scenario to `$CONFORMANCE_REPORT`, if set.
fn report(file: &str, outcome: &Result<(), String>) {
    let Some(path) = std::env::var_os("CONFORMANCE_REPORT") else {
        return;
    };
    let line = json!({
        "language": "rust",
        "client": "Client",
        "file": file,
        "passed": outcome.is_ok(),
        "message": outcome.as_ref().err(),
    });
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("the report file opens");
    writeln!(f, "{line}").expect("the report is written");
}

/// The core's log on stderr at `$GENESISCLOUD_LOG`, if set; the in-process
/// emulators' own log stays off.
fn log_from_env() {
    let Ok(level) = std::env::var("GENESISCLOUD_LOG") else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::new(format!(
        "genesiscloud_emulator=off,genesiscloud={level}"
    ));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
}

#[test]
fn conformance_suite() {
    log_from_env();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let emulator = Emulator::start().expect("emulator starts");
    let second = Emulator::start().expect("second emulator starts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(scenario_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenario files found");
    let only = std::env::var("CONFORMANCE_ONLY").ok();
    let mut failures = Vec::new();
    let mut ran = 0;
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let scenario: Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        ran += 1;
        let outcome = runtime.block_on(run_scenario(&emulator, &second, &scenario));
        report(&name, &outcome);
        if let Err(msg) = outcome {
            failures.push(format!("{name}: {msg}"));
        }
    }
    println!(
        "conformance: {} passed, {} failed",
        ran - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "failing scenarios:\n{}",
        failures.join("\n")
    );
}

async fn run_scenario(emu: &Emulator, second: &Emulator, scenario: &Value) -> Result<(), String> {
    let setup = scenario.get("emulator").cloned().unwrap_or(json!({}));
    let seed = match setup.get("seed").and_then(Value::as_str) {
        None => Seed::Default,
        Some(name) => Seed::named(name).ok_or_else(|| format!("unknown seed {name:?}"))?,
    };
    emu.reset_with(seed);
    second.reset();
    let delay = setup
        .get("lifecycle_delay_ms")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let rate = setup
        .get("rate_limit")
        .and_then(Value::as_u64)
        .map(|r| r as u32);
    emu.configure(Some(Duration::from_millis(delay)), None, Some(rate));
    if let Some(Value::Object(counts)) = setup.get("synthetic") {
        for (resource, n) in counts {
            emu.seed_synthetic(resource, n.as_u64().unwrap_or(0) as usize)?;
        }
    }
    let client = build_client(emu, scenario.get("client").unwrap_or(&json!({})))?;
    let mut saved = Map::new();
    saved.insert("second_root".into(), json!(second.root_url()));
    saved.insert("emulator_root".into(), json!(emu.root_url()));
    saved.insert("emulator_token".into(), json!(emu.token()));
    let steps = scenario["steps"].as_array().ok_or("no steps")?;
    for (i, step) in steps.iter().enumerate() {
        run_step(emu, second, &client, step, &mut saved)
            .await
            .map_err(|m| format!("step {} ({}): {m}", i + 1, step["call"]))?;
    }
    Ok(())
}

fn build_client(emu: &Emulator, c: &Value) -> Result<Client, String> {
    let token = match c.get("token").and_then(Value::as_str) {
        None | Some("$emulator_token") => emu.token(),
        Some(t) => t.to_owned(),
    };
    let mut b = Client::builder().token(token).base_url(emu.base_url());
    let ms = |k: &str| c.get(k).and_then(Value::as_u64).map(Duration::from_millis);
    if let Some(s) = c.get("auth_scheme").and_then(Value::as_str) {
        b = b.auth_scheme(AuthScheme::parse(s).map_err(|e| e.to_string())?);
    }
    if let Some(d) = ms("timeout_ms") {
        b = b.timeout(d);
    }
    if let Some(d) = ms("connect_timeout_ms") {
        b = b.connect_timeout(d);
    }
    if let Some(d) = ms("deadline_ms") {
        b = b.deadline(d);
    }
    if let Some(n) = c.get("max_retries").and_then(Value::as_u64) {
        b = b.max_retries(n as u32);
    }
    if let Some(n) = c.get("per_page").and_then(Value::as_u64) {
        b = b.per_page(n as u32);
    }
    if let Some(n) = c.get("concurrency").and_then(Value::as_u64) {
        b = b.concurrency(n as usize);
    }
    b.build().map_err(|e| e.to_string())
}

/// The client a step's `with_options` derives from the scenario's.
fn derive(client: &Client, o: &Value) -> Result<Client, Error> {
    let mut overrides = ClientOverrides::new();
    let ms = |k: &str| o.get(k).and_then(Value::as_u64).map(Duration::from_millis);
    if let Some(d) = ms("timeout_ms") {
        overrides = overrides.timeout(d);
    }
    if let Some(d) = ms("deadline_ms") {
        overrides = overrides.deadline(d);
    }
    if let Some(n) = o.get("max_retries").and_then(Value::as_u64) {
        overrides = overrides.max_retries(n as u32);
    }
    if let Some(n) = o.get("per_page").and_then(Value::as_u64) {
        overrides = overrides.per_page(n as u32);
    }
    if let Some(n) = o.get("concurrency").and_then(Value::as_u64) {
        overrides = overrides.concurrency(n as usize);
    }
    if let Some(Value::Object(headers)) = o.get("headers") {
        for (name, value) in headers {
            overrides = overrides.header(name, value.as_str().unwrap_or_default());
        }
    }
    client.with_options(overrides)
}

async fn run_step(
    emu: &Emulator,
    second: &Emulator,
    client: &Client,
    step: &Value,
    saved: &mut Map<String, Value>,
) -> Result<(), String> {
    emu.clear_faults();
    emu.clear_requests();
    second.clear_requests();
    for fault in step
        .get("faults")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let fault = substitute(fault, saved)?;
        emu.inject_fault(Fault::from_json(&fault)?);
    }
    let call = step["call"].as_str().ok_or("no call")?;
    let args = substitute(step.get("args").unwrap_or(&json!({})), saved)?;
    let recorder = step.get("progress").map(|p| Recorder {
        stop_at_poll: p
            .get("stop_at_poll")
            .and_then(Value::as_u64)
            .map(|n| n as u32),
        ..Recorder::default()
    });
    let started = Instant::now();
    // A step's per-call `options` go the way Rust takes them: through a
    // client (or group) derived for the call.
    let base = match step.get("with_options").or_else(|| step.get("options")) {
        None => Ok(client.clone()),
        Some(o) => derive(client, o),
    };
    let mut responses = None;
    let rec = recorder.as_ref();
    let outcome = match base {
        Err(e) => Err(e),
        // A `responses` step asks for the raw answers the Rust way.
        Ok(c) if step.get("responses") == Some(&Value::Bool(true)) => c
            .with_response(|c| async move { dispatch(&c, call, args, rec).await })
            .await
            .map(|r| {
                let (value, infos) = r.into_parts();
                responses = Some(infos.iter().map(response_json).collect::<Vec<_>>());
                value
            }),
        Ok(c) => dispatch(&c, call, args, rec).await,
    };
    let elapsed = started.elapsed();
    let expect = substitute(step.get("expect").unwrap_or(&json!({})), saved)?;
    if let Some(recorder) = &recorder {
        check_progress(recorder, &outcome, expect.get("progress"))?;
    }
    check_outcome(&outcome, &expect)?;
    if let Some(min) = expect.get("min_elapsed_ms").and_then(Value::as_u64) {
        if elapsed < Duration::from_millis(min) {
            return Err(format!(
                "min_elapsed_ms: expected at least {min} ms, the call took {} ms",
                elapsed.as_millis()
            ));
        }
    }
    if let Some(want) = expect.get("responses") {
        check_responses(responses.as_deref().unwrap_or_default(), want)?;
    }
    if let Some(req) = expect.get("requests") {
        check_requests(
            &serde_json::to_value(emu.requests()).unwrap(),
            req,
            "requests",
        )?;
    }
    if let Some(req) = expect.get("second_requests") {
        check_requests(
            &serde_json::to_value(second.requests()).unwrap(),
            req,
            "second_requests",
        )?;
    }
    if let (Some(name), Ok(value)) = (step.get("save").and_then(Value::as_str), &outcome) {
        saved.insert(name.to_owned(), value.clone());
    }
    Ok(())
}

/// Replaces `"$name.path"` strings with values saved by earlier steps, and
/// `"$repeat:N:text"` with `text` N times.
fn substitute(v: &Value, saved: &Map<String, Value>) -> Result<Value, String> {
    Ok(match v {
        Value::String(s) if s.starts_with("$repeat:") => {
            let (count, text) = s["$repeat:".len()..]
                .split_once(':')
                .ok_or_else(|| format!("{s}: expected $repeat:N:text"))?;
            let count: usize = count
                .parse()
                .map_err(|_| format!("{s}: {count:?} is not a count"))?;
            Value::String(text.repeat(count))
        }
        Value::String(s) if s.starts_with('$') => {
            let mut parts = s[1..].split('.');
            let mut cur = saved
                .get(parts.next().unwrap_or(""))
                .ok_or_else(|| format!("nothing saved as {s}"))?;
            for p in parts {
                cur = cur.get(p).ok_or_else(|| format!("{s}: no field {p}"))?;
            }
            cur.clone()
        }
        Value::Array(a) => Value::Array(
            a.iter()
                .map(|x| substitute(x, saved))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| Ok((k.clone(), substitute(x, saved)?)))
                .collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

/// Removes the string argument `key` (absent is empty).
fn take(args: &mut Value, key: &str) -> Result<String, String> {
    match args.as_object_mut().and_then(|o| o.remove(key)) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!("argument {key} must be a string, got {other}")),
        None => Ok(String::new()),
    }
}

/// Makes `call` through the core's typed API (see `typed_calls`), the id
/// apart.
async fn dispatch(
    client: &Client,
    call: &str,
    mut args: Value,
    progress: Option<&Recorder>,
) -> Outcome {
    let id = take(&mut args, "id").map_err(Error::invalid_argument)?;
    if call.ends_with(".wait_until") {
        // Scenarios poll fast unless they say otherwise.
        let interval = args
            .get("interval_ms")
            .and_then(Value::as_u64)
            .unwrap_or(50);
        args["interval_ms"] = json!(interval);
        args["max_interval_ms"] = json!(interval * 4);
    }
    typed_calls::call(client, call, &id, &args, progress).await
}

/// Checks what a step's progress callback was given: polls numbered from 1
/// in order, time waited never going back, a stop ending the wait with the
/// callback's own error, and the step's `expect.progress`.
fn check_progress(
    recorder: &Recorder,
    outcome: &Outcome,
    want: Option<&Value>,
) -> Result<(), String> {
    let seen = recorder.seen.lock().unwrap().clone();
    for (i, pair) in seen.windows(2).enumerate() {
        if pair[1].waited < pair[0].waited {
            return Err(format!(
                "progress: the time waited went back at call {}",
                i + 2
            ));
        }
    }
    if let Some(i) = seen.iter().zip(1..).position(|(p, n)| p.polls != n) {
        return Err(format!(
            "progress: call {} reported poll {}",
            i + 1,
            seen[i].polls
        ));
    }
    if recorder.stop_at_poll.is_some() {
        let own = outcome.as_ref().err().and_then(|e| {
            std::error::Error::source(e).and_then(|s| s.downcast_ref::<StopWaiting>())
        });
        if own.is_none() {
            return Err(format!(
                "progress: the wait did not end with the callback's error: {outcome:?}"
            ));
        }
    }
    let Some(want) = want else {
        return Ok(());
    };
    let mut statuses: Vec<Value> = Vec::new();
    for p in &seen {
        let status = json!(p.last_status);
        if statuses.last() != Some(&status) {
            statuses.push(status);
        }
    }
    if let Some(w) = want.get("statuses") {
        if &Value::Array(statuses.clone()) != w {
            return Err(format!("progress.statuses: expected {w}, got {statuses:?}"));
        }
    }
    if let Some(n) = want.get("polls").and_then(Value::as_u64) {
        if seen.len() as u64 != n {
            return Err(format!("progress.polls: expected {n}, got {}", seen.len()));
        }
    }
    if let Some(n) = want.get("min_polls").and_then(Value::as_u64) {
        if (seen.len() as u64) < n {
            return Err(format!(
                "progress.min_polls: expected at least {n}, got {}",
                seen.len()
            ));
        }
    }
    Ok(())
}

fn check_outcome(outcome: &Outcome, expect: &Value) -> Result<(), String> {
    match (outcome, expect.get("error")) {
        (Err(e), Some(want)) => check_error(e, want),
        (Err(e), None) => Err(format!("expected success, got {e}")),
        (Ok(v), Some(want)) => Err(format!("expected error {want}, got success: {v}")),
        (Ok(v), None) => check_result(v, expect),
    }
}

fn check_error(e: &Error, want: &Value) -> Result<(), String> {
    let got = json!({
        "code": e.code(),
        "message": e.message(),
        "status": e.status(),
        "api_code": e.api_code(),
        "attempts": e.attempts(),
        "request_sent": e.request_sent(),
    });
    for (k, v) in want.as_object().ok_or("error must be an object")? {
        if got.get(k) != Some(v) {
            return Err(format!("error.{k}: expected {v}, got {} ({e})", got[k]));
        }
    }
    Ok(())
}

fn items(v: &Value) -> Option<&Vec<Value>> {
    v.as_array()
        .or_else(|| v.get("items").and_then(Value::as_array))
}

fn check_result(v: &Value, expect: &Value) -> Result<(), String> {
    if let Some(want) = expect.get("result") {
        subset(v, want, "result")?;
    }
    if let Some(n) = expect.get("count").and_then(Value::as_u64) {
        let got = items(v).ok_or("count: result is not a list")?.len() as u64;
        if got != n {
            return Err(format!("count: expected {n}, got {got}"));
        }
    }
    let ids = || -> Result<Vec<Value>, String> {
        Ok(items(v)
            .ok_or("ids: result is not a list")?
            .iter()
            .map(|i| i["id"].clone())
            .collect())
    };
    if let Some(want) = expect.get("ids") {
        let got = Value::Array(ids()?);
        if &got != want {
            return Err(format!("ids: expected {want}, got {got}"));
        }
    }
    if expect.get("unique_ids") == Some(&Value::Bool(true)) {
        let all = ids()?;
        let set: std::collections::HashSet<String> = all.iter().map(Value::to_string).collect();
        if set.len() != all.len() {
            return Err(format!(
                "unique_ids: {} ids, {} distinct",
                all.len(),
                set.len()
            ));
        }
    }
    if let Some(wanted) = expect.get("contains").and_then(Value::as_array) {
        let list = items(v).ok_or("contains: result is not a list")?;
        for w in wanted {
            if !list.iter().any(|item| subset(item, w, "").is_ok()) {
                return Err(format!("contains: no element matches {w}"));
            }
        }
    }
    Ok(())
}

fn subset(got: &Value, want: &Value, at: &str) -> Result<(), String> {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            for (k, wv) in w {
                let gv = g.get(k).ok_or_else(|| format!("{at}.{k}: missing"))?;
                subset(gv, wv, &format!("{at}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(g), Value::Array(w)) => {
            if g.len() != w.len() {
                return Err(format!(
                    "{at}: expected {} elements, got {}",
                    w.len(),
                    g.len()
                ));
            }
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                subset(gv, wv, &format!("{at}[{i}]"))?;
            }
            Ok(())
        }
        (g, w) if g == w => Ok(()),
        (Value::Number(g), Value::Number(w)) if g.as_f64() == w.as_f64() => Ok(()),
        (g, w) => Err(format!("{at}: expected {w}, got {g}")),
    }
}

/// A raw answer as the scenarios name its parts.
fn response_json(r: &ResponseInfo) -> Value {
    let headers: Map<String, Value> = r
        .headers()
        .iter()
        .map(|(n, v)| (n.clone(), json!(v)))
        .collect();
    json!({
        "method": r.method(),
        "path": r.path(),
        "status": r.status(),
        "headers": headers,
        "request_id": r.request_id(),
        "attempts": r.attempts(),
        "elapsed_ms": r.elapsed().as_secs_f64() * 1000.0,
    })
}

/// Checks the raw answers of a `responses` step: how many, what each and
/// the last one hold, and request ids that are the answers' own and differ.
fn check_responses(got: &[Value], want: &Value) -> Result<(), String> {
    if let Some(n) = want.get("count").and_then(Value::as_u64) {
        if got.len() as u64 != n {
            return Err(format!("responses.count: expected {n}, got {}", got.len()));
        }
    }
    if let Some(w) = want.get("each") {
        for (i, r) in got.iter().enumerate() {
            subset(r, w, &format!("responses[{i}]"))?;
        }
    }
    if let Some(w) = want.get("last") {
        subset(
            got.last().ok_or("responses.last: none")?,
            w,
            "responses.last",
        )?;
    }
    if want.get("request_ids") == Some(&Value::Bool(true)) {
        let mut seen = std::collections::HashSet::new();
        for r in got {
            let id = r["request_id"].as_str().unwrap_or_default();
            if id.is_empty() || r["headers"]["x-request-id"] != json!(id) || !seen.insert(id) {
                return Err(format!("responses.request_ids: bad or repeated id in {r}"));
            }
        }
    }
    Ok(())
}

fn check_requests(log: &Value, want: &Value, what: &str) -> Result<(), String> {
    let reqs = log.as_array().ok_or("request log is not a list")?;
    if let Some(n) = want.get("count").and_then(Value::as_u64) {
        if reqs.len() as u64 != n {
            let seen: Vec<String> = reqs
                .iter()
                .map(|r| format!("{} {} -> {}", r["method"], r["path"], r["status"]))
                .collect();
            return Err(format!(
                "{what}.count: expected {n}, got {} {seen:?}",
                reqs.len()
            ));
        }
    }
    for key in ["auth", "method"] {
        if let Some(w) = want.get(key) {
            if let Some(r) = reqs.iter().find(|r| r.get(key) != Some(w)) {
                return Err(format!("{what}.{key}: expected {w}, got {}", r[key]));
            }
        }
    }
    if let Some(Value::Object(headers)) = want.get("headers") {
        for (name, w) in headers {
            if let Some(r) = reqs
                .iter()
                .find(|r| r["headers"].get(name).unwrap_or(&Value::Null) != w)
            {
                return Err(format!(
                    "{what}.headers.{name}: expected {w}, got {}",
                    r["headers"][name]
                ));
            }
        }
    }
    Ok(())
}
