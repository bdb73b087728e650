//! Fault injection: what a fault is (the JSON of `/_emulator/faults` and the
//! Rust type of `Emulator::inject_fault`), which requests it hits, and how
//! its `after`/`times` counters let a client recover.

use std::time::Duration;

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::store::ResourceKind;

/// What a fault does to the requests it hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Waits `latency_ms` (± `jitter_ms`), then answers normally.
    Latency,
    /// Answers `status` with a JSON error, an HTML page, nothing, or a raw body.
    Status,
    /// Answers 429 with a JSON error and an optional `Retry-After`.
    RateLimit,
    /// Closes the connection: at once, or after the head and `after_bytes`
    /// bytes of the real body.
    Drop,
    /// Answers the real status with its JSON body cut to `bytes` bytes.
    Truncate,
    /// Answers 200 `application/json` with a body that is not JSON.
    Malformed,
    /// Sends the real answer in `chunk_bytes` pieces every `chunk_delay_ms`.
    SlowBody,
    /// Answers `status` (307) with `Location: <location><path and query>`.
    Redirect,
    /// Answers normally, then adds `count` synthetic items of `resource` at
    /// the front of that list.
    Insert,
}

impl FaultKind {
    /// The wire name (`rate_limit`, `slow_body`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::Latency => "latency",
            FaultKind::Status => "status",
            FaultKind::RateLimit => "rate_limit",
            FaultKind::Drop => "drop",
            FaultKind::Truncate => "truncate",
            FaultKind::Malformed => "malformed",
            FaultKind::SlowBody => "slow_body",
            FaultKind::Redirect => "redirect",
            FaultKind::Insert => "insert",
        }
    }
}

/// One injected fault: which requests it hits (`method`, `path`, `query`,
/// `after`, `times`) and what it does (`kind` and that kind's parameters).
///
/// The JSON form is the same object, e.g.
/// `{"kind": "status", "status": 503, "path": "/compute/v1/images", "times": 2}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// What the fault does.
    pub kind: FaultKind,
    /// HTTP method to match (any when unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Glob on the path without query: `*` matches within one segment, `**`
    /// matches anything. A pattern that does not start with `/compute/v1`
    /// (or a wildcard) is also tried against the path relative to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Substring the raw query must contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Matching requests let through before the fault starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<u64>,
    /// Matching requests affected before the fault stops (forever if unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u64>,
    /// Chance (0 < p ≤ 1) that each request the fault would otherwise
    /// affect is affected, for a fault rate such as "5% of requests"
    /// (every one if unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<f64>,
    /// Seed of the `probability` draws, so that the same sequence of
    /// requests meets the same faults (random if unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// `latency`: delay before answering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    /// `latency`: random extra delay, up to this much.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jitter_ms: Option<u64>,
    /// `status`: the status to answer; `redirect`: 3xx status (default 307).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// `status`: `"json"` (default), `"html"`, `"empty"`, or a raw body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `status`, `rate_limit`: `Retry-After` value, sent verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<String>,
    /// `drop`: bytes of the real body sent before closing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_bytes: Option<usize>,
    /// `truncate`: bytes of the body kept (default half).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<usize>,
    /// `slow_body`: bytes per chunk (default 16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunk_bytes: Option<usize>,
    /// `slow_body`: pause between chunks (default 50 ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chunk_delay_ms: Option<u64>,
    /// `redirect`: URL prefix the original path and query are appended to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// `insert`: plural resource name (default: the list the path names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// `insert`: how many items (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
}

/// Default chunk size of `slow_body`.
pub(crate) const DEFAULT_CHUNK_BYTES: usize = 16;
/// Default pause of `slow_body`.
pub(crate) const DEFAULT_CHUNK_DELAY_MS: u64 = 50;

impl Fault {
    /// A fault of `kind` hitting every request, with default parameters.
    pub fn new(kind: FaultKind) -> Fault {
        Fault {
            kind,
            method: None,
            path: None,
            query: None,
            after: None,
            times: None,
            probability: None,
            seed: None,
            latency_ms: None,
            jitter_ms: None,
            status: None,
            body: None,
            retry_after: None,
            after_bytes: None,
            bytes: None,
            chunk_bytes: None,
            chunk_delay_ms: None,
            location: None,
            resource: None,
            count: None,
        }
    }

    /// Delays answers by `ms` milliseconds.
    pub fn latency(ms: u64) -> Fault {
        Fault {
            latency_ms: Some(ms),
            ..Fault::new(FaultKind::Latency)
        }
    }

    /// Answers `status` with the JSON error body.
    pub fn status(status: u16) -> Fault {
        Fault {
            status: Some(status),
            ..Fault::new(FaultKind::Status)
        }
    }

    /// Answers 429.
    pub fn rate_limit() -> Fault {
        Fault::new(FaultKind::RateLimit)
    }

    /// Closes the connection without answering.
    pub fn drop_connection() -> Fault {
        Fault::new(FaultKind::Drop)
    }

    /// Sends the head and `bytes` bytes of the body, then closes.
    pub fn drop_after(bytes: usize) -> Fault {
        Fault {
            after_bytes: Some(bytes),
            ..Fault::new(FaultKind::Drop)
        }
    }

    /// Cuts the body to half its length.
    pub fn truncate() -> Fault {
        Fault::new(FaultKind::Truncate)
    }

    /// Answers a body that is not JSON.
    pub fn malformed() -> Fault {
        Fault::new(FaultKind::Malformed)
    }

    /// Sends the body slowly (16 bytes every 50 ms unless changed).
    pub fn slow_body() -> Fault {
        Fault::new(FaultKind::SlowBody)
    }

    /// Redirects to `location` followed by the original path and query.
    pub fn redirect(location: impl Into<String>) -> Fault {
        Fault {
            location: Some(location.into()),
            ..Fault::new(FaultKind::Redirect)
        }
    }

    /// Adds `count` synthetic items to `resource` after answering.
    pub fn insert(resource: impl Into<String>, count: usize) -> Fault {
        Fault {
            resource: Some(resource.into()),
            count: Some(count),
            ..Fault::new(FaultKind::Insert)
        }
    }

    /// Only requests with this method.
    pub fn method(mut self, method: impl Into<String>) -> Fault {
        self.method = Some(method.into().to_ascii_uppercase());
        self
    }

    /// Only requests whose path matches this glob.
    pub fn path(mut self, glob: impl Into<String>) -> Fault {
        self.path = Some(glob.into());
        self
    }

    /// Only requests whose raw query contains this text.
    pub fn query(mut self, text: impl Into<String>) -> Fault {
        self.query = Some(text.into());
        self
    }

    /// Lets `n` matching requests through first.
    pub fn after(mut self, n: u64) -> Fault {
        self.after = Some(n);
        self
    }

    /// Affects `n` matching requests, then stops.
    pub fn times(mut self, n: u64) -> Fault {
        self.times = Some(n);
        self
    }

    /// Affects each request it would otherwise affect with chance `p`.
    pub fn probability(mut self, p: f64) -> Fault {
        self.probability = Some(p);
        self
    }

    /// Seeds the draws of [`Fault::probability`].
    pub fn seed(mut self, seed: u64) -> Fault {
        self.seed = Some(seed);
        self
    }

    /// Sets the body of a `status` fault (`json`, `html`, `empty` or raw).
    pub fn body(mut self, body: impl Into<String>) -> Fault {
        self.body = Some(body.into());
        self
    }

    /// Sets the `Retry-After` header of a `status` or `rate_limit` fault.
    pub fn retry_after(mut self, value: impl Into<String>) -> Fault {
        self.retry_after = Some(value.into());
        self
    }

    /// Parses and checks the JSON form.
    pub fn from_json(value: &Value) -> Result<Fault, String> {
        let mut fault: Fault =
            serde_json::from_value(value.clone()).map_err(|e| format!("invalid fault: {e}"))?;
        if let Some(m) = &mut fault.method {
            *m = m.to_ascii_uppercase();
        }
        fault.validate()?;
        Ok(fault)
    }

    /// Checks that the kind's required parameters are there and sane.
    pub fn validate(&self) -> Result<(), String> {
        match self.kind {
            FaultKind::Status => match self.status {
                Some(s) if (200..=599).contains(&s) => {}
                Some(s) => return Err(format!("fault `status`: status {s} is not 200–599")),
                None => return Err("fault `status` needs `status`".into()),
            },
            FaultKind::Redirect => {
                if self.location.as_deref().is_none_or(str::is_empty) {
                    return Err("fault `redirect` needs `location`".into());
                }
                if let Some(s) = self.status {
                    if !(300..=399).contains(&s) {
                        return Err(format!("fault `redirect`: status {s} is not 3xx"));
                    }
                }
            }
            FaultKind::Latency if self.latency_ms.is_none() && self.jitter_ms.is_none() => {
                return Err("fault `latency` needs `latency_ms`".into());
            }
            FaultKind::SlowBody if self.chunk_bytes == Some(0) => {
                return Err("fault `slow_body`: `chunk_bytes` must be at least 1".into());
            }
            FaultKind::Insert => {
                if let Some(r) = &self.resource {
                    if ResourceKind::parse(r).is_none() {
                        return Err(format!("fault `insert`: unknown resource {r:?}"));
                    }
                }
                if self.count.unwrap_or(1) > 1_000_000 {
                    return Err("fault `insert`: `count` is at most 1000000".into());
                }
            }
            _ => {}
        }
        match (self.probability, self.seed) {
            (Some(p), _) if !(p > 0.0 && p <= 1.0) => {
                return Err(format!("fault: `probability` {p} is not in (0, 1]"));
            }
            (None, Some(_)) => return Err("fault: `seed` needs `probability`".into()),
            _ => {}
        }
        if let Some(m) = &self.method {
            if m.is_empty() || !m.bytes().all(|b| b.is_ascii_alphabetic()) {
                return Err(format!("fault: invalid method {m:?}"));
            }
        }
        Ok(())
    }

    fn matches(&self, method: &str, path: &str, query: Option<&str>) -> bool {
        if let Some(m) = &self.method {
            if !m.eq_ignore_ascii_case(method) {
                return false;
            }
        }
        if let Some(q) = &self.query {
            if !query.unwrap_or("").contains(q.as_str()) {
                return false;
            }
        }
        match &self.path {
            None => true,
            Some(pattern) => {
                glob(pattern.as_bytes(), path.as_bytes())
                    || (!pattern.starts_with("/compute/v1")
                        && !pattern.starts_with('*')
                        && path
                            .strip_prefix("/compute/v1")
                            .is_some_and(|rel| glob(pattern.as_bytes(), rel.as_bytes())))
            }
        }
    }
}

/// `*` matches within one path segment, `**` across segments.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.first() {
        None => text.is_empty(),
        Some(b'*') if pattern.get(1) == Some(&b'*') => {
            let rest = &pattern[2..];
            (0..=text.len()).any(|i| glob(rest, &text[i..]))
        }
        Some(b'*') => {
            let rest = &pattern[1..];
            for i in 0..=text.len() {
                if glob(rest, &text[i..]) {
                    return true;
                }
                if text.get(i) == Some(&b'/') {
                    break;
                }
            }
            false
        }
        Some(&c) => text.first() == Some(&c) && glob(&pattern[1..], &text[1..]),
    }
}

/// A registered fault with its counters.
#[derive(Clone, Debug)]
pub(crate) struct FaultEntry {
    pub id: u64,
    pub fault: Fault,
    /// Matching requests seen.
    pub matched: u64,
    /// Requests actually affected.
    pub applied: u64,
    /// Draws of `probability`.
    rng: SmallRng,
}

impl FaultEntry {
    pub(crate) fn to_json(&self) -> Value {
        let mut value = serde_json::to_value(&self.fault).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut value {
            map.insert("id".into(), self.id.into());
            map.insert("matched".into(), self.matched.into());
            map.insert("applied".into(), self.applied.into());
        }
        value
    }

    /// Counts a matching request and tells whether the fault acts on it.
    /// The chance is drawn last, so that with a seed the draws follow the
    /// requests the fault is armed for, whatever `after` and `times` say.
    fn hit(&mut self) -> bool {
        self.matched += 1;
        let active = self.matched > self.fault.after.unwrap_or(0)
            && self.fault.times.is_none_or(|t| self.applied < t)
            && self
                .fault
                .probability
                .is_none_or(|p| self.rng.random::<f64>() < p);
        if active {
            self.applied += 1;
        }
        active
    }
}

/// What the faults decided for one request.
#[derive(Default)]
pub(crate) struct Plan {
    pub latency: Duration,
    pub action: Option<Fault>,
}

impl Plan {
    /// The kind recorded in the request log.
    pub(crate) fn label(&self) -> Option<&'static str> {
        match (&self.action, self.latency.is_zero()) {
            (Some(f), _) => Some(f.kind.as_str()),
            (None, false) => Some("latency"),
            (None, true) => None,
        }
    }
}

/// The faults in injection order.
#[derive(Default)]
pub(crate) struct FaultRegistry {
    next_id: u64,
    entries: Vec<FaultEntry>,
}

impl FaultRegistry {
    pub(crate) fn add(&mut self, fault: Fault) -> u64 {
        self.next_id += 1;
        let rng = match fault.seed {
            Some(seed) => SmallRng::seed_from_u64(seed),
            None => SmallRng::from_rng(&mut rand::rng()),
        };
        self.entries.push(FaultEntry {
            id: self.next_id,
            fault,
            matched: 0,
            applied: 0,
            rng,
        });
        self.next_id
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    pub(crate) fn remove(&mut self, id: u64) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.id != id);
        self.entries.len() != before
    }

    pub(crate) fn list(&self) -> Vec<FaultEntry> {
        self.entries.clone()
    }

    /// Every matching latency fault adds its delay; the first other fault
    /// that acts wins, and faults behind it do not count the request, so
    /// their `after` and `times` refer to requests that reach them.
    pub(crate) fn plan(&mut self, method: &str, path: &str, query: Option<&str>) -> Plan {
        let mut plan = Plan::default();
        for entry in &mut self.entries {
            if !entry.fault.matches(method, path, query) {
                continue;
            }
            if entry.fault.kind == FaultKind::Latency {
                if entry.hit() {
                    let base = entry.fault.latency_ms.unwrap_or(0);
                    let jitter = match entry.fault.jitter_ms {
                        Some(j) if j > 0 => rand::random_range(0..=j),
                        _ => 0,
                    };
                    plan.latency += Duration::from_millis(base + jitter);
                }
                continue;
            }
            if plan.action.is_some() {
                continue;
            }
            if entry.hit() {
                plan.action = Some(entry.fault.clone());
            }
        }
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob(b"/compute/v1/*", b"/compute/v1/images"));
        assert!(!glob(b"/compute/v1/*", b"/compute/v1/instances/abc"));
        assert!(glob(
            b"/compute/v1/**",
            b"/compute/v1/instances/abc/actions"
        ));
        assert!(glob(
            b"/compute/v1/instances/*/actions",
            b"/compute/v1/instances/x/actions"
        ));
        assert!(glob(b"**/actions", b"/compute/v1/instances/x/actions"));
        assert!(!glob(b"/compute/v1/images", b"/compute/v1/images/x"));
        let relative = Fault::status(500).path("/images");
        assert!(relative.matches("GET", "/compute/v1/images", None));
    }

    #[test]
    fn after_and_times_count_matching_requests() {
        let mut registry = FaultRegistry::default();
        registry.add(Fault::status(503).after(1).times(2));
        let kinds: Vec<bool> = (0..5)
            .map(|_| {
                registry
                    .plan("GET", "/compute/v1/images", None)
                    .action
                    .is_some()
            })
            .collect();
        assert_eq!(kinds, [false, true, true, false, false]);
    }

    #[test]
    fn probability_picks_a_seeded_share_and_respects_times() {
        let pattern = |seed| {
            let mut registry = FaultRegistry::default();
            registry.add(Fault::status(503).probability(0.05).seed(seed));
            (0..4000)
                .map(|_| registry.plan("GET", "/x", None).action.is_some())
                .collect::<Vec<bool>>()
        };
        let first = pattern(7);
        let hits = first.iter().filter(|&&hit| hit).count();
        assert!((120..=280).contains(&hits), "{hits} of 4000 at 5%");
        assert_eq!(first, pattern(7), "the same seed, the same requests");
        assert_ne!(first, pattern(8));

        let mut registry = FaultRegistry::default();
        registry.add(Fault::status(503).probability(0.5).times(3));
        let hits = (0..1000)
            .filter(|_| registry.plan("GET", "/x", None).action.is_some())
            .count();
        assert_eq!(hits, 3);
    }

    #[test]
    fn json_form_is_checked() {
        assert!(Fault::from_json(&serde_json::json!({"kind": "status"})).is_err());
        assert!(Fault::from_json(&serde_json::json!({"kind": "nope"})).is_err());
        assert!(Fault::from_json(&serde_json::json!({"kind": "drop", "typo": 1})).is_err());
        for p in [0.0, -0.1, 1.5] {
            let fault = serde_json::json!({"kind": "drop", "probability": p});
            assert!(Fault::from_json(&fault).is_err(), "{p}");
        }
        assert!(Fault::from_json(&serde_json::json!({"kind": "drop", "seed": 1})).is_err());
        let f = Fault::from_json(
            &serde_json::json!({"kind": "status", "status": 502, "method": "get"}),
        )
        .unwrap();
        assert_eq!(f.method.as_deref(), Some("GET"));
    }
}
