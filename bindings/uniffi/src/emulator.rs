//! `Emulator` of the Kotlin package: the bundled API emulator, run
//! in-process on its own thread and runtime, so a client in the same
//! process talks to it without either starving the other.

use std::sync::{Arc, Mutex};

use genesiscloud::{Error, Result};
use genesiscloud_emulator::{
    CertificateKind, Emulator as Server, EmulatorConfig, Fault, Seed, SeedSpec, TlsConfig,
};
use serde::Deserialize;
use serde_json::{Map, Value};

use genesiscloud::operations::millis;

use crate::error::Outcome;

/// Options of `Emulator.start()`, as the wrapper passes them (JSON).
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

/// Reads the wrapper's JSON options, naming a bad one.
fn start_options(json: Option<&str>) -> Result<StartOptions> {
    match json {
        None => Ok(StartOptions::default()),
        Some(text) => serde_json::from_str(text)
            .map_err(|e| Error::invalid_argument(format!("invalid emulator option: {e}"))),
    }
}

/// `"default"`, `"legacy"`, `"empty"`, or a seed document (see docs/emulator.md).
fn seed(value: Option<Value>) -> Result<Seed> {
    match value {
        None => Ok(Seed::Default),
        Some(Value::String(s)) if Seed::named(&s).is_some() => {
            Ok(Seed::named(&s).unwrap_or_default())
        }
        Some(doc @ Value::Object(_)) => SeedSpec::from_json(&doc)
            .map(Seed::Custom)
            .map_err(Error::invalid_argument),
        Some(other) => Err(Error::invalid_argument(format!(
            "seed must be one of {} or a seed document, not {other}",
            Seed::NAMES.join(", ")
        ))),
    }
}

/// `"valid"` (default), `"expired"` or `"wrong-host"`.
fn certificate(value: Option<&str>) -> Result<CertificateKind> {
    match value {
        None | Some("valid") => Ok(CertificateKind::Valid),
        Some("expired") => Ok(CertificateKind::Expired),
        Some("wrong-host") => Ok(CertificateKind::WrongHost),
        Some(other) => Err(Error::invalid_argument(format!(
            "certificate must be \"valid\", \"expired\" or \"wrong-host\", not {other:?}"
        ))),
    }
}

fn config(o: StartOptions) -> Result<EmulatorConfig> {
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

/// A running emulator.
#[derive(uniffi::Object)]
pub struct NativeEmulator {
    /// `None` once stopped.
    server: Mutex<Option<Server>>,
    base_url: String,
    root_url: String,
    token: String,
    ca_path: Option<String>,
}

impl NativeEmulator {
    /// Runs `f` on the server, unless it was stopped.
    fn with<T>(&self, f: impl FnOnce(&Server) -> T) -> Result<T> {
        let server = self.server.lock().unwrap_or_else(|e| e.into_inner());
        match server.as_ref() {
            Some(s) => Ok(f(s)),
            None => Err(Error::invalid_argument("the emulator was stopped")),
        }
    }
}

fn invalid(what: &str) -> impl Fn(serde_json::Error) -> Error + '_ {
    move |e| Error::invalid_argument(format!("invalid {what}: {e}"))
}

#[uniffi::export]
impl NativeEmulator {
    /// Starts an emulator on a free loopback port (or `port`), with the
    /// options of `Emulator.start()` as JSON.
    #[uniffi::constructor]
    pub fn start(options_json: Option<String>) -> Outcome<Arc<NativeEmulator>> {
        let config = config(start_options(options_json.as_deref())?)?;
        let server = Server::start_with(config)
            .map_err(|e| Error::invalid_argument(format!("could not start the emulator: {e}")))?;
        Ok(Arc::new(NativeEmulator {
            base_url: server.base_url(),
            root_url: server.root_url(),
            token: server.token(),
            ca_path: server.ca_path().map(|p| p.to_string_lossy().into_owned()),
            server: Mutex::new(Some(server)),
        }))
    }

    /// The API's base URL (`http://127.0.0.1:PORT/compute/v1`).
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The server's root URL (`http://127.0.0.1:PORT`).
    pub fn root_url(&self) -> String {
        self.root_url.clone()
    }

    /// The token it accepts.
    pub fn token(&self) -> String {
        self.token.clone()
    }

    /// The PEM file of its CA, when it serves TLS.
    pub fn ca_path(&self) -> Option<String> {
        self.ca_path.clone()
    }

    /// Adds a fault, as JSON (see docs/emulator.md).
    pub fn inject_fault(&self, fault_json: String) -> Outcome<()> {
        let spec: Value = serde_json::from_str(&fault_json).map_err(invalid("fault"))?;
        let fault = Fault::from_json(&spec).map_err(Error::invalid_argument)?;
        Ok(self.with(|s| s.inject_fault(fault))?)
    }

    /// Removes every injected fault.
    pub fn clear_faults(&self) -> Outcome<()> {
        Ok(self.with(Server::clear_faults)?)
    }

    /// Changes tunables from JSON: an absent key keeps its value, and
    /// `"rateLimit": null` turns the rate limit off.
    pub fn configure(&self, changes_json: String) -> Outcome<()> {
        let changes: Map<String, Value> =
            serde_json::from_str(&changes_json).map_err(invalid("configuration"))?;
        let (delay, latency, rate) = tunables(&changes)?;
        Ok(self.with(|s| s.configure(delay, latency, rate))?)
    }

    /// Every `/compute/v1` request so far, oldest first, as a JSON array.
    pub fn requests(&self) -> Outcome<String> {
        let log = self.with(Server::requests)?;
        Ok(serde_json::to_string(&log).map_err(invalid("request log"))?)
    }

    /// Empties the request log.
    pub fn clear_requests(&self) -> Outcome<()> {
        Ok(self.with(Server::clear_requests)?)
    }

    /// Restores a seed (`"default"`, `"legacy"`, `"empty"` or a seed
    /// document, as JSON; absent: the one it started with) and clears
    /// faults, the request log and tunables.
    pub fn reset(&self, seed_json: Option<String>) -> Outcome<()> {
        let seed = match seed_json {
            None => None,
            Some(text) => Some(seed(Some(
                serde_json::from_str(&text).map_err(invalid("seed"))?,
            ))?),
        };
        Ok(self.with(|s| match seed {
            Some(seed) => s.reset_with(seed),
            None => s.reset(),
        })?)
    }

    /// Adds synthetic items, `{"images": N, …}` as JSON.
    pub fn seed(&self, counts_json: String) -> Outcome<()> {
        let counts: Map<String, Value> =
            serde_json::from_str(&counts_json).map_err(invalid("seed counts"))?;
        self.with(|s| {
            for (resource, n) in &counts {
                let n = n
                    .as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .ok_or_else(|| {
                        Error::invalid_argument(format!(
                            "the count of {resource} must be a non-negative integer"
                        ))
                    })?;
                s.seed_synthetic(resource, n)
                    .map_err(Error::invalid_argument)?;
            }
            Ok::<(), Error>(())
        })??;
        Ok(())
    }

    /// Shuts the server down and waits for its thread (idempotent).
    pub fn stop(&self) {
        let taken = self.server.lock().unwrap_or_else(|e| e.into_inner()).take();
        drop(taken);
    }
}

/// The tunables of `configure`: lifecycle delay, latency, and the rate
/// limit (`Some(None)` turns it off).
type Tunables = (
    Option<std::time::Duration>,
    Option<std::time::Duration>,
    Option<Option<u32>>,
);

fn tunables(changes: &Map<String, Value>) -> Result<Tunables> {
    let ms = |key: &str| match changes.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_f64()
            .ok_or_else(|| Error::invalid_argument(format!("{key} must be a number")))
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
                .ok_or_else(|| {
                    Error::invalid_argument("rateLimit must be a non-negative integer or null")
                })?,
        )),
    };
    if let Some(unknown) = changes
        .keys()
        .find(|k| !["lifecycleDelayMs", "latencyMs", "rateLimit"].contains(&k.as_str()))
    {
        return Err(Error::invalid_argument(format!(
            "unknown emulator setting {unknown:?}"
        )));
    }
    Ok((delay, latency, rate))
}
