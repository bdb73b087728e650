//! `Emulator` of `genesiscloud-sdk/testing`: the bundled API emulator, run
//! in-process on its own thread and runtime (not napi's), so a client in
//! the same process talks to it without either starving the other.

use std::sync::{Arc, Mutex};

use genesiscloud::{Error, Result};
use genesiscloud_emulator::{
    CertificateKind, Emulator as Server, EmulatorConfig, Fault, Seed, SeedSpec, TlsConfig,
};
use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::{guard, Outcome};
use crate::operations::millis;
use crate::task;

/// Options of `Emulator.start()`, as the wrapper passes them.
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

/// Starts an emulator on a free loopback port (or `port`).
#[napi(catch_unwind, ts_return_type = "Promise<NativeEmulator | NativeError>")]
pub fn start_emulator(
    env: &Env,
    options_json: Option<String>,
) -> napi::Result<PromiseRaw<'_, Outcome<NativeEmulator>>> {
    task::spawn(
        env,
        async move {
            let config = config(start_options(options_json.as_deref())?)?;
            let server = blocking(move || {
                Server::start_with(config).map_err(|e| {
                    Error::invalid_argument(format!("could not start the emulator: {e}"))
                })
            })
            .await?;
            Ok(NativeEmulator {
                base_url: server.base_url(),
                root_url: server.root_url(),
                token: server.token(),
                ca_path: server.ca_path().map(|p| p.to_string_lossy().into_owned()),
                server: Arc::new(Mutex::new(Some(server))),
            })
        },
        None,
    )
}

/// A running emulator.
#[napi]
pub struct NativeEmulator {
    /// `None` once stopped.
    server: Arc<Mutex<Option<Server>>>,
    base_url: String,
    root_url: String,
    token: String,
    ca_path: Option<String>,
}

/// Runs `f` on the server, unless it was stopped.
fn with<T>(server: &Mutex<Option<Server>>, f: impl FnOnce(&Server) -> T) -> Result<T> {
    let server = server.lock().unwrap_or_else(|e| e.into_inner());
    match server.as_ref() {
        Some(s) => Ok(f(s)),
        None => Err(Error::invalid_argument("the emulator was stopped")),
    }
}

#[napi]
impl NativeEmulator {
    /// `http://127.0.0.1:PORT/compute/v1`.
    #[napi(getter, catch_unwind)]
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// `http://127.0.0.1:PORT`.
    #[napi(getter, catch_unwind)]
    pub fn root_url(&self) -> String {
        self.root_url.clone()
    }

    /// With TLS, the file holding the CA certificate to trust (PEM).
    #[napi(getter, catch_unwind)]
    pub fn ca_path(&self) -> Option<String> {
        self.ca_path.clone()
    }

    /// A token the emulator accepts.
    #[napi(getter, catch_unwind)]
    pub fn token(&self) -> String {
        self.token.clone()
    }

    /// Injects a fault given as the control API's JSON.
    #[napi(catch_unwind, ts_return_type = "undefined | NativeError")]
    pub fn inject_fault(&self, fault_json: String) -> Outcome<()> {
        guard(|| {
            let spec: Value = serde_json::from_str(&fault_json)
                .map_err(|e| Error::invalid_argument(format!("invalid fault: {e}")))?;
            let fault = Fault::from_json(&spec).map_err(Error::invalid_argument)?;
            with(&self.server, |s| s.inject_fault(fault))
        })
    }

    /// Removes every injected fault.
    #[napi(catch_unwind, ts_return_type = "undefined | NativeError")]
    pub fn clear_faults(&self) -> Outcome<()> {
        guard(|| with(&self.server, Server::clear_faults))
    }

    /// Changes tunables from JSON: an absent key keeps its value, and
    /// `"rateLimit": null` turns the rate limit off.
    #[napi(catch_unwind, ts_return_type = "undefined | NativeError")]
    pub fn configure(&self, changes_json: String) -> Outcome<()> {
        guard(|| {
            let changes: Map<String, Value> = serde_json::from_str(&changes_json)
                .map_err(|e| Error::invalid_argument(format!("invalid configuration: {e}")))?;
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
                            Error::invalid_argument(
                                "rateLimit must be a non-negative integer or null",
                            )
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
            with(&self.server, |s| s.configure(delay, latency, rate))
        })
    }

    /// Every `/compute/v1` request so far, oldest first, as a JSON array.
    #[napi(catch_unwind, ts_return_type = "string | NativeError")]
    pub fn requests(&self) -> Outcome<String> {
        guard(|| {
            let log = with(&self.server, Server::requests)?;
            serde_json::to_string(&log)
                .map_err(|e| Error::invalid_argument(format!("cannot encode the log: {e}")))
        })
    }

    /// Empties the request log.
    #[napi(catch_unwind, ts_return_type = "undefined | NativeError")]
    pub fn clear_requests(&self) -> Outcome<()> {
        guard(|| with(&self.server, Server::clear_requests))
    }

    /// Restores a seed (`"default"`, `"legacy"`, `"empty"` or a seed document, as JSON;
    /// absent: the one it started with) and clears faults, the request log
    /// and tunables; off the event loop, since a large seed takes a while
    /// to build.
    #[napi(catch_unwind, ts_return_type = "Promise<undefined | NativeError>")]
    pub fn reset<'env>(
        &self,
        env: &'env Env,
        seed_json: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Outcome<()>>> {
        let server = self.server.clone();
        task::spawn(
            env,
            async move {
                let seed = match seed_json {
                    None => None,
                    Some(text) => {
                        Some(seed(Some(serde_json::from_str(&text).map_err(|e| {
                            Error::invalid_argument(format!("invalid seed: {e}"))
                        })?))?)
                    }
                };
                blocking(move || {
                    with(&server, |s| match seed {
                        Some(seed) => s.reset_with(seed),
                        None => s.reset(),
                    })
                })
                .await
            },
            None,
        )
    }

    /// Adds synthetic items, `{"images": N, …}` as JSON, off the event loop.
    #[napi(catch_unwind, ts_return_type = "Promise<undefined | NativeError>")]
    pub fn seed<'env>(
        &self,
        env: &'env Env,
        counts_json: String,
    ) -> napi::Result<PromiseRaw<'env, Outcome<()>>> {
        let server = self.server.clone();
        task::spawn(
            env,
            async move {
                let counts: Map<String, Value> = serde_json::from_str(&counts_json)
                    .map_err(|e| Error::invalid_argument(format!("invalid seed counts: {e}")))?;
                blocking(move || {
                    with(&server, |s| {
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
                        Ok(())
                    })?
                })
                .await
            },
            None,
        )
    }

    /// Shuts the server down (idempotent); resolves once its thread ended.
    #[napi(catch_unwind, ts_return_type = "Promise<undefined | NativeError>")]
    pub fn stop<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, Outcome<()>>> {
        let server = self.server.clone();
        task::spawn(
            env,
            async move {
                let taken = server.lock().unwrap_or_else(|e| e.into_inner()).take();
                blocking(move || {
                    drop(taken);
                    Ok(())
                })
                .await
            },
            None,
        )
    }
}

/// Runs `f` on tokio's blocking pool; its panic carries on here, where
/// the task's guard reports it.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result,
        Err(e) => match e.try_into_panic() {
            Ok(payload) => std::panic::resume_unwind(payload),
            Err(_) => Err(Error::cancelled()),
        },
    }
}

/// Keeps the server's drop (which joins its thread) off the event loop when
/// the wrapper was collected without `stop()`.
impl Drop for NativeEmulator {
    fn drop(&mut self) {
        let taken = self.server.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(server) = taken {
            std::thread::spawn(move || drop(server));
        }
    }
}
