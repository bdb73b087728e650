//! `Emulator` of `genesiscloud-sdk/testing`: the bundled API emulator, run
//! in-process on its own thread and runtime (not napi's), so a client in
//! the same process talks to it without either starving the other.

use std::sync::{Arc, Mutex};

use genesiscloud::{Error, Result};
use genesiscloud_emulator::{options, Emulator as Server, Fault};
use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;

use crate::error::{guard, Outcome};
use crate::task;

/// Starts an emulator on a free loopback port (or `port`).
#[napi(catch_unwind, ts_return_type = "Promise<NativeEmulator | NativeError>")]
pub fn start_emulator(
    env: &Env,
    options_json: Option<String>,
) -> napi::Result<PromiseRaw<'_, Outcome<NativeEmulator>>> {
    task::spawn(
        env,
        async move {
            let config =
                options::start_config(options_json.as_deref()).map_err(Error::invalid_argument)?;
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
            let (delay, latency, rate) =
                options::tunables(&changes_json).map_err(Error::invalid_argument)?;
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
                        Some(options::reset_seed(&text).map_err(Error::invalid_argument)?)
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
                let counts = options::seed_counts(&counts_json).map_err(Error::invalid_argument)?;
                blocking(move || {
                    with(&server, |s| {
                        for (resource, n) in &counts {
                            s.seed_synthetic(resource, *n)
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
