//! `genesiscloud.testing.Emulator`: the bundled API emulator, run in-process
//! on its own threads.

use std::sync::Mutex;

use genesiscloud_emulator::{
    CertificateKind, Emulator as Server, EmulatorConfig, Fault, Seed, TlsConfig,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::error::guard;
use crate::json::{decode, encode};
use crate::operations::seconds;

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn parse_seed(seed: &str) -> PyResult<Seed> {
    Seed::named(seed).ok_or_else(|| {
        value_error(format!(
            "seed must be one of {}, not {seed:?}",
            Seed::NAMES.join(", ")
        ))
    })
}

fn parse_certificate(certificate: &str) -> PyResult<CertificateKind> {
    match certificate {
        "valid" => Ok(CertificateKind::Valid),
        "expired" => Ok(CertificateKind::Expired),
        "wrong-host" => Ok(CertificateKind::WrongHost),
        other => Err(value_error(format!(
            "certificate must be \"valid\", \"expired\" or \"wrong-host\", not {other:?}"
        ))),
    }
}

/// A running emulator.
#[pyclass(frozen, module = "genesiscloud._native", name = "Emulator")]
pub(crate) struct Emulator {
    server: Mutex<Option<Server>>,
    base_url: String,
    root_url: String,
    token: String,
    ca_path: Option<String>,
}

impl Emulator {
    /// Runs `f` on the server, unless it was stopped.
    fn with<T>(&self, f: impl FnOnce(&Server) -> T) -> PyResult<T> {
        let server = self.server.lock().unwrap_or_else(|e| e.into_inner());
        match server.as_ref() {
            Some(s) => Ok(f(s)),
            None => Err(value_error("the emulator was stopped")),
        }
    }
}

#[pymethods]
impl Emulator {
    /// Starts an emulator on a random loopback port.
    #[new]
    #[pyo3(signature = (
        *,
        seed="default",
        lifecycle_delay=None,
        latency=None,
        rate_limit=None,
        tls=false,
        certificate="valid",
        ca_out=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        seed: &str,
        lifecycle_delay: Option<f64>,
        latency: Option<f64>,
        rate_limit: Option<u32>,
        tls: bool,
        certificate: &str,
        ca_out: Option<std::path::PathBuf>,
    ) -> PyResult<Emulator> {
        guard(|| {
            let mut config = EmulatorConfig {
                seed: parse_seed(seed)?,
                rate_limit,
                tls: tls.then_some(TlsConfig {
                    certificate: parse_certificate(certificate)?,
                    ca_out,
                }),
                ..EmulatorConfig::default()
            };
            if let Some(d) = seconds(lifecycle_delay, "lifecycle_delay").map_err(value_error)? {
                config.lifecycle_delay = d;
            }
            if let Some(d) = seconds(latency, "latency").map_err(value_error)? {
                config.latency = d;
            }
            let server = py
                .detach(|| Server::start_with(config))
                .map_err(|e| value_error(format!("could not start the emulator: {e}")))?;
            Ok(Emulator {
                base_url: server.base_url(),
                root_url: server.root_url(),
                token: server.token(),
                ca_path: server.ca_path().map(|p| p.to_string_lossy().into_owned()),
                server: Mutex::new(Some(server)),
            })
        })
    }

    /// The API's base URL (`http://127.0.0.1:PORT/compute/v1`).
    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The server's root URL (`http://127.0.0.1:PORT`).
    #[getter]
    fn root_url(&self) -> &str {
        &self.root_url
    }

    /// With TLS, the file holding the CA certificate to trust (PEM).
    #[getter]
    fn ca_path(&self) -> Option<&str> {
        self.ca_path.as_deref()
    }

    /// A token the emulator accepts.
    #[getter]
    fn token(&self) -> &str {
        &self.token
    }

    /// Injects a fault given as the control API's JSON (a dict).
    fn inject_fault(&self, fault: &Bound<'_, PyAny>) -> PyResult<()> {
        guard(|| {
            let spec: serde_json::Value = pythonize::depythonize(fault).map_err(value_error)?;
            let fault = Fault::from_json(&spec).map_err(value_error)?;
            self.with(|s| s.inject_fault(fault))
        })
    }

    /// Removes every injected fault.
    fn clear_faults(&self) -> PyResult<()> {
        guard(|| self.with(Server::clear_faults))
    }

    /// Restores the initial state with `seed` (`"default"`, `"legacy"` or `"empty"`),
    /// and clears faults and the request log.
    fn reset(&self, seed: &str) -> PyResult<()> {
        guard(|| {
            let seed = parse_seed(seed)?;
            self.with(|s| {
                s.reset_with(seed);
                s.clear_faults();
                s.clear_requests();
            })
        })
    }

    /// Changes settings while running; `None` keeps a setting, except the
    /// rate limit, which changes when `set_rate_limit` is true.
    fn configure(
        &self,
        lifecycle_delay: Option<f64>,
        latency: Option<f64>,
        set_rate_limit: bool,
        rate_limit: Option<u32>,
    ) -> PyResult<()> {
        guard(|| {
            let delay = seconds(lifecycle_delay, "lifecycle_delay").map_err(value_error)?;
            let latency = seconds(latency, "latency").map_err(value_error)?;
            let rate = set_rate_limit.then_some(rate_limit);
            self.with(|s| s.configure(delay, latency, rate))
        })
    }

    /// Adds `count` synthetic items of `resource` (`"images"`, …).
    fn seed(&self, resource: &str, count: usize) -> PyResult<()> {
        guard(|| {
            self.with(|s| s.seed_synthetic(resource, count))?
                .map_err(value_error)
        })
    }

    /// The request log, as a list of dicts.
    fn requests<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let log = self.with(Server::requests)?;
            let json = encode(&log).map_err(|e| value_error(e.message()))?;
            decode(py, json)
        })
    }

    /// Empties the request log.
    fn clear_requests(&self) -> PyResult<()> {
        guard(|| self.with(Server::clear_requests))
    }

    /// Stops the server (idempotent).
    fn stop(&self, py: Python<'_>) -> PyResult<()> {
        guard(|| {
            let taken = self.server.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(server) = taken {
                py.detach(|| server.stop());
            }
            Ok(())
        })
    }
}
