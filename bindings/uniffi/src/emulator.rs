//! `Emulator` of the Kotlin package: the bundled API emulator, run
//! in-process on its own thread and runtime, so a client in the same
//! process talks to it without either starving the other.

use std::sync::{Arc, Mutex};

use genesiscloud::{Error, Result};
use genesiscloud_emulator::{options, Emulator as Server, Fault};
use serde_json::Value;

use crate::error::Outcome;

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
        let config =
            options::start_config(options_json.as_deref()).map_err(Error::invalid_argument)?;
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
        let (delay, latency, rate) =
            options::tunables(&changes_json).map_err(Error::invalid_argument)?;
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
            Some(text) => Some(options::reset_seed(&text).map_err(Error::invalid_argument)?),
        };
        Ok(self.with(|s| match seed {
            Some(seed) => s.reset_with(seed),
            None => s.reset(),
        })?)
    }

    /// Adds synthetic items, `{"images": N, …}` as JSON.
    pub fn seed(&self, counts_json: String) -> Outcome<()> {
        let counts = options::seed_counts(&counts_json).map_err(Error::invalid_argument)?;
        self.with(|s| {
            for (resource, n) in &counts {
                s.seed_synthetic(resource, *n)
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
