//! Start-up configuration of an emulator and the values that the control API
//! may override while it runs.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use crate::seed::SeedSpec;
use crate::tls::TlsConfig;

/// The token every emulator accepts unless configured otherwise.
pub const DEFAULT_TOKEN: &str = "gc-emulator-token";

/// Environment variable that replaces [`DEFAULT_TOKEN`] for every emulator
/// started without explicit tokens. The test command sets it to a random
/// canary so that a token leaking into any output is caught by a scan.
pub const TOKEN_ENV: &str = "GENESISCLOUD_EMULATOR_TOKEN";

/// The token an emulator accepts when none is configured: `$GENESISCLOUD_EMULATOR_TOKEN`
/// when set and not empty, [`DEFAULT_TOKEN`] otherwise.
pub fn default_token() -> String {
    std::env::var(TOKEN_ENV)
        .ok()
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| DEFAULT_TOKEN.to_owned())
}

/// Lifecycle delay used when none is configured: long enough for a test to
/// see `creating`, short enough not to slow a suite down.
pub(crate) const DEFAULT_LIFECYCLE_DELAY: Duration = Duration::from_millis(300);

/// What the store holds at start-up and after a reset.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Seed {
    /// A small realistic account as today's API shows it: `cloud-image`
    /// images, instances (one protected), volumes, SSH keys, security
    /// groups, floating IPs, snapshots, a filesystem and reservations.
    #[default]
    Default,
    /// The default account plus the contract's three 2020 example images
    /// with types today's API no longer defines (`distribution`,
    /// `snapshot`): for checking that clients accept values they don't know.
    Legacy,
    /// Nothing at all: every list is empty.
    Empty,
    /// A seed file (see `docs/emulator.md`), already parsed and checked.
    Custom(SeedSpec),
}

impl Seed {
    /// The names of the built-in seeds, as `--seed`, the control API, the
    /// bindings and seed files' `base` accept them.
    pub const NAMES: [&'static str; 3] = ["default", "legacy", "empty"];

    /// The built-in seed called `name`.
    pub fn named(name: &str) -> Option<Seed> {
        match name {
            "default" => Some(Seed::Default),
            "legacy" => Some(Seed::Legacy),
            "empty" => Some(Seed::Empty),
            _ => None,
        }
    }
}

/// How to start an emulator.
#[derive(Clone, Debug)]
pub struct EmulatorConfig {
    /// Tokens accepted as `X-Auth-Token` or `Authorization: Bearer`.
    pub tokens: Vec<String>,
    /// Time a resource stays in a transitional status (`creating`,
    /// `starting`, `deleting`, …); zero makes the next read see the outcome.
    pub lifecycle_delay: Duration,
    /// Added before every `/compute/v1` answer.
    pub latency: Duration,
    /// Requests per second allowed per token; `None` (or 0) means no limit.
    pub rate_limit: Option<u32>,
    /// Initial content of the store.
    pub seed: Seed,
    /// Address to listen on; loopback by default.
    pub host: IpAddr,
    /// Port to listen on; 0 picks a free one.
    pub port: u16,
    /// Serve HTTPS with a throwaway CA; `None` serves plain HTTP.
    pub tls: Option<TlsConfig>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            tokens: vec![default_token()],
            lifecycle_delay: DEFAULT_LIFECYCLE_DELAY,
            latency: Duration::ZERO,
            rate_limit: None,
            seed: Seed::Default,
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            tls: None,
        }
    }
}

/// The part of the configuration that `/_emulator/config` may change and
/// `/_emulator/reset` restores.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Tunables {
    pub lifecycle_delay: Duration,
    pub latency: Duration,
    pub rate_limit: Option<u32>,
}

impl Tunables {
    pub(crate) fn from_config(config: &EmulatorConfig) -> Self {
        Tunables {
            lifecycle_delay: config.lifecycle_delay,
            latency: config.latency,
            rate_limit: config.rate_limit.filter(|&n| n > 0),
        }
    }
}
