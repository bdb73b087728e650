//! In-memory emulator of the Genesis Cloud compute API v1.
//!
//! Every SDK test (Rust, Python, Node, C) talks to this server instead of the
//! real API: it serves the 45 operations of `docs/api-contract.md` with the
//! contract's envelopes, pagination, validation and error bodies, moves
//! resources through their lifecycle lazily, and injects faults on demand
//! (latency, error statuses, dropped or truncated connections, redirects, …).
//!
//! ```no_run
//! use genesiscloud_emulator::{Emulator, Fault};
//!
//! let emulator = Emulator::start().unwrap();
//! println!("{} token {}", emulator.base_url(), emulator.token());
//! emulator.inject_fault(Fault::status(503).path("/compute/v1/images").times(2));
//! // … run a client against emulator.base_url() …
//! emulator.stop();
//! ```

#![warn(missing_docs)]

mod auth;
mod body;
mod catalogue;
mod config;
mod control;
mod emulator;
mod enums;
mod error;
mod faults;
mod ids;
mod key_format;
mod lifecycle;
mod metadata;
pub mod options;
mod pagination;
mod pipeline;
mod rate_limit;
mod render;
mod request_log;
mod routes;
mod seed;
mod server;
mod state;
mod store;
mod time;
mod tls;

pub use config::{default_token, EmulatorConfig, Seed, DEFAULT_TOKEN, TOKEN_ENV};
pub use emulator::Emulator;
pub use faults::{Fault, FaultKind};
pub use request_log::RecordedRequest;
pub use seed::SeedSpec;
pub use server::{router, serve, serve_tls};
pub use state::AppState;
pub use tls::{CertificateKind, TlsConfig, TlsServer};
