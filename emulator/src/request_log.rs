//! The log of `/compute/v1` requests that tests read back: what a client
//! sent (with every token redacted) and what it was answered.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Requests kept; older ones are forgotten so a long soak cannot exhaust
/// memory.
pub(crate) const LOG_CAPACITY: usize = 100_000;

/// Text that replaces secrets in the log.
pub(crate) const REDACTED: &str = "REDACTED";

/// Headers whose value is always a credential.
const SECRET_HEADERS: &[&str] = &[
    "x-auth-token",
    "authorization",
    "proxy-authorization",
    "cookie",
];

/// One request as the emulator saw it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedRequest {
    /// Arrival order, from 1.
    pub seq: u64,
    /// Protocol the request came with: `HTTP/1.1` or `HTTP/2.0`.
    #[serde(default)]
    pub http_version: String,
    /// HTTP method.
    pub method: String,
    /// Path without query.
    pub path: String,
    /// Raw query string, if any.
    pub query: Option<String>,
    /// Headers by lower-case name (repeated headers joined with `, `);
    /// credentials replaced by `REDACTED`.
    pub headers: BTreeMap<String, String>,
    /// Scheme the token came with: `x-auth-token`, `bearer` or `none`.
    pub auth: String,
    /// Whether the token was accepted.
    pub authenticated: bool,
    /// The body as JSON (a string if it was not JSON), or `null` if empty.
    pub body: Option<Value>,
    /// Status answered; `null` if the connection was dropped (by a fault or
    /// by the client) before an answer.
    pub status: Option<u16>,
    /// Kind of the fault that acted on the request, if any.
    pub fault: Option<String>,
}

/// Replaces every occurrence of the given secrets.
pub(crate) fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        if out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
        let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        if encoded != *secret && out.contains(&encoded) {
            out = out.replace(&encoded, REDACTED);
        }
    }
    out
}

/// Builds the header map of a log entry.
pub(crate) fn headers(map: &axum::http::HeaderMap, secrets: &[&str]) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in map {
        let name = name.as_str().to_ascii_lowercase();
        let value = if SECRET_HEADERS.contains(&name.as_str()) {
            REDACTED.to_owned()
        } else {
            scrub(&String::from_utf8_lossy(value.as_bytes()), secrets)
        };
        out.entry(name)
            .and_modify(|v| {
                v.push_str(", ");
                v.push_str(&value);
            })
            .or_insert(value);
    }
    out
}

/// Decodes a logged body: JSON when it parses, text otherwise.
pub(crate) fn body(bytes: &[u8], secrets: &[&str]) -> Option<Value> {
    if bytes.is_empty() {
        return None;
    }
    let text = scrub(&String::from_utf8_lossy(bytes), secrets);
    Some(serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

/// The bounded log.
#[derive(Default)]
pub(crate) struct RequestLog {
    next_seq: u64,
    entries: VecDeque<RecordedRequest>,
}

impl RequestLog {
    /// Records a request and returns its sequence number.
    pub(crate) fn start(&mut self, mut entry: RecordedRequest) -> u64 {
        self.next_seq += 1;
        entry.seq = self.next_seq;
        if self.entries.len() == LOG_CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
        self.next_seq
    }

    /// Fills in the outcome of a request still in the log.
    pub(crate) fn finish(&mut self, seq: u64, status: Option<u16>, fault: Option<&str>) {
        let Some(first) = self.entries.front().map(|e| e.seq) else {
            return;
        };
        if seq < first {
            return;
        }
        if let Some(entry) = self.entries.get_mut((seq - first) as usize) {
            if entry.seq == seq {
                entry.status = status;
                entry.fault = fault.map(str::to_owned);
            }
        }
    }

    pub(crate) fn set_fault(&mut self, seq: u64, fault: Option<&str>) {
        let Some(first) = self.entries.front().map(|e| e.seq) else {
            return;
        };
        if let Some(entry) = seq
            .checked_sub(first)
            .and_then(|i| self.entries.get_mut(i as usize))
        {
            entry.fault = fault.map(str::to_owned);
        }
    }

    pub(crate) fn all(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
    }

    /// Forgets every entry; sequence numbers keep growing so that a test
    /// never confuses an old entry with a new one.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}
