//! [`Emulator`]: a server on its own thread and runtime, usable from plain
//! synchronous code (C, Python) and from inside another runtime alike.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::config::{EmulatorConfig, Seed};
use crate::faults::Fault;
use crate::request_log::RecordedRequest;
use crate::server::{serve, serve_tls};
use crate::state::AppState;
use crate::tls::TlsServer;

/// The CA certificate of an HTTPS emulator, on disk for clients to trust.
struct CaFile {
    path: PathBuf,
    /// Made by the emulator in the temporary directory, so removed by it.
    temporary: bool,
}

/// A running emulator. Dropping it (or [`Emulator::stop`]) shuts the server
/// down and joins its thread.
pub struct Emulator {
    state: AppState,
    addr: SocketAddr,
    ca: Option<CaFile>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Emulator {
    // By hand so that no token can ever reach a debug print.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// Starts an emulator with the default configuration.
    pub fn start() -> std::io::Result<Emulator> {
        Emulator::start_with(EmulatorConfig::default())
    }

    /// Starts an emulator; returns once it accepts connections.
    pub fn start_with(config: EmulatorConfig) -> std::io::Result<Emulator> {
        let listener = std::net::TcpListener::bind((config.host, config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let state = AppState::new(&config);
        let tls = match &config.tls {
            None => None,
            Some(tls_config) => {
                let server = TlsServer::generate(tls_config.certificate)?;
                let ca = match &tls_config.ca_out {
                    Some(path) => CaFile {
                        path: path.clone(),
                        temporary: false,
                    },
                    None => CaFile {
                        path: std::env::temp_dir().join(format!(
                            "genesiscloud-emulator-ca-{}-{}.pem",
                            std::process::id(),
                            addr.port()
                        )),
                        temporary: true,
                    },
                };
                server.write_ca(&ca.path)?;
                Some((server, ca))
            }
        };
        let (tls, ca) = tls.unzip();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("genesiscloud-emulator-worker")
            .enable_all()
            .build()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let served = state.clone();
        let thread = std::thread::Builder::new()
            .name("genesiscloud-emulator".into())
            .spawn(move || {
                runtime.block_on(async move {
                    match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => {
                            let stopped = async {
                                let _ = rx.await;
                            };
                            let _ = match tls {
                                Some(tls) => serve_tls(listener, served, tls, stopped).await,
                                None => serve(listener, served, stopped).await,
                            };
                        }
                        Err(e) => tracing::error!("emulator cannot listen: {e}"),
                    }
                });
                // Slow bodies and sleeping faults must not hold up a test's
                // teardown.
                runtime.shutdown_timeout(Duration::from_millis(100));
            })?;
        Ok(Emulator {
            state,
            addr,
            ca,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://HOST:PORT/compute/v1` (`https://` with TLS): what a client
    /// uses as base URL.
    pub fn base_url(&self) -> String {
        format!("{}/compute/v1", self.root_url())
    }

    /// `http://HOST:PORT` (`https://` with TLS): the control API lives
    /// under it at `/_emulator`.
    pub fn root_url(&self) -> String {
        let scheme = if self.ca.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// With TLS, the file holding the CA certificate (PEM) that signed the
    /// server's certificate: what a client passes as `ca_bundle`.
    pub fn ca_path(&self) -> Option<&Path> {
        self.ca.as_ref().map(|ca| ca.path.as_path())
    }

    /// The first configured token.
    pub fn token(&self) -> String {
        self.state.token()
    }

    /// The shared state, for embedding the router elsewhere.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Adds a fault (see [`Fault`]); faults act in injection order.
    pub fn inject_fault(&self, fault: Fault) {
        self.state.inject_fault(fault);
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.state.clear_faults();
    }

    /// Restores the configured seed and clears faults, the request log and
    /// tunables changed since start.
    pub fn reset(&self) {
        self.state.reset();
    }

    /// Like [`Emulator::reset`] with another seed.
    pub fn reset_with(&self, seed: Seed) {
        self.state.reset_with(seed);
    }

    /// Changes tunables; `None` leaves one unchanged, `Some(None)` turns the
    /// rate limit off.
    pub fn configure(
        &self,
        lifecycle_delay: Option<Duration>,
        latency: Option<Duration>,
        rate_limit: Option<Option<u32>>,
    ) {
        self.state.configure(lifecycle_delay, latency, rate_limit);
    }

    /// Adds `count` synthetic items of a resource (`images`, `instances`,
    /// `snapshots`, `volumes`, `filesystems`, `security_groups`, `ssh_keys`,
    /// `floating_ips`).
    pub fn seed_synthetic(&self, resource: &str, count: usize) -> Result<(), String> {
        self.state.seed_synthetic(resource, count)
    }

    /// Every `/compute/v1` request so far, oldest first, tokens redacted.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.requests()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.state.clear_requests();
    }

    /// Shuts the server down and waits for its thread.
    pub fn stop(self) {}
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        if let Some(ca) = self.ca.take().filter(|ca| ca.temporary) {
            let _ = std::fs::remove_file(ca.path);
        }
    }
}
