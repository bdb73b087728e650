//! The emulator's settings as the Node and Kotlin packages pass them: JSON
//! with camelCase names (`Emulator.start({ lifecycleDelayMs: 100 })`,
//! `emulator.configure(...)`), read once here so that both refuse the same
//! mistake with the same words. An error is the message of the binding's
//! `invalid_argument`.

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::{CertificateKind, EmulatorConfig, Seed, SeedSpec, TlsConfig};

/// Options of `Emulator.start()`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct StartOptions {
    seed: Option<Value>,
    lifecycle_delay_ms: Option<f64>,
    latency_ms: Option<f64>,
    rate_limit: Option<u32>,
    tokens: Option<Vec<String>>,
    port: Option<u16>,
    tls: Option<bool>,
    certificate: Option<String>,
    ca_out: Option<String>,
}

/// A number of milliseconds, refused as the SDK's own settings are.
fn millis(value: Option<f64>, what: &str) -> Result<Option<Duration>, String> {
    value
        .map(|ms| {
            Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| {
                format!("{what} must be a non-negative number of milliseconds, not {ms}")
            })
        })
        .transpose()
}

/// `"default"`, `"legacy"`, `"empty"`, or a seed document (see docs/emulator.md).
fn seed(value: Option<Value>) -> Result<Seed, String> {
    match value {
        None => Ok(Seed::Default),
        Some(Value::String(s)) if Seed::named(&s).is_some() => {
            Ok(Seed::named(&s).unwrap_or_default())
        }
        Some(doc @ Value::Object(_)) => SeedSpec::from_json(&doc).map(Seed::Custom),
        Some(other) => Err(format!(
            "seed must be one of {} or a seed document, not {other}",
            Seed::NAMES.join(", ")
        )),
    }
}

/// `"valid"` (default), `"expired"` or `"wrong-host"`.
fn certificate(value: Option<&str>) -> Result<CertificateKind, String> {
    match value {
        None | Some("valid") => Ok(CertificateKind::Valid),
        Some("expired") => Ok(CertificateKind::Expired),
        Some("wrong-host") => Ok(CertificateKind::WrongHost),
        Some(other) => Err(format!(
            "certificate must be \"valid\", \"expired\" or \"wrong-host\", not {other:?}"
        )),
    }
}

/// The configuration of `Emulator.start()` from its JSON options (none:
/// the defaults).
pub fn start_config(json: Option<&str>) -> Result<EmulatorConfig, String> {
    let o: StartOptions = match json {
        None => StartOptions::default(),
        Some(text) => {
            serde_json::from_str(text).map_err(|e| format!("invalid emulator option: {e}"))?
        }
    };
    let tls = match o.tls {
        Some(true) => Some(TlsConfig {
            certificate: certificate(o.certificate.as_deref())?,
            ca_out: o.ca_out.map(Into::into),
        }),
        _ => None,
    };
    let mut config = EmulatorConfig {
        seed: seed(o.seed)?,
        rate_limit: o.rate_limit,
        port: o.port.unwrap_or(0),
        tls,
        ..EmulatorConfig::default()
    };
    if let Some(tokens) = o.tokens {
        config.tokens = tokens;
    }
    if let Some(d) = millis(o.lifecycle_delay_ms, "lifecycleDelayMs")? {
        config.lifecycle_delay = d;
    }
    if let Some(d) = millis(o.latency_ms, "latencyMs")? {
        config.latency = d;
    }
    Ok(config)
}

/// The seed of `reset(seed)`, as JSON: a name or a seed document.
pub fn reset_seed(json: &str) -> Result<Seed, String> {
    seed(Some(
        serde_json::from_str(json).map_err(|e| format!("invalid seed: {e}"))?,
    ))
}

/// What `configure(changes)` changes: the lifecycle delay, the latency,
/// and the rate limit (`Some(None)` turns it off); `None` keeps a value.
pub type Tunables = (Option<Duration>, Option<Duration>, Option<Option<u32>>);

/// The tunables of `configure(changes)` from JSON: an absent key keeps its
/// value, and `"rateLimit": null` turns the rate limit off.
pub fn tunables(json: &str) -> Result<Tunables, String> {
    let changes: Map<String, Value> =
        serde_json::from_str(json).map_err(|e| format!("invalid configuration: {e}"))?;
    let ms = |key: &str| match changes.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_f64()
            .ok_or_else(|| format!("{key} must be a number"))
            .and_then(|n| millis(Some(n), key)),
    };
    let delay = ms("lifecycleDelayMs")?;
    let latency = ms("latencyMs")?;
    let rate = match changes.get("rateLimit") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(v) => Some(Some(
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or("rateLimit must be a non-negative integer or null")?,
        )),
    };
    if let Some(unknown) = changes
        .keys()
        .find(|k| !["lifecycleDelayMs", "latencyMs", "rateLimit"].contains(&k.as_str()))
    {
        return Err(format!("unknown emulator setting {unknown:?}"));
    }
    Ok((delay, latency, rate))
}

/// The synthetic items of `seed({"images": N, …})`, from JSON.
pub fn seed_counts(json: &str) -> Result<Vec<(String, usize)>, String> {
    let counts: Map<String, Value> =
        serde_json::from_str(json).map_err(|e| format!("invalid seed counts: {e}"))?;
    counts
        .into_iter()
        .map(|(resource, n)| {
            let n = n
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| format!("the count of {resource} must be a non-negative integer"))?;
            Ok((resource, n))
        })
        .collect()
}
