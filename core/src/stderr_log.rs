//! `GENESISCLOUD_LOG=debug` (or `trace`, `info`, `warn`, `error`): the
//! core's request log, printed to stderr, for the bindings whose language
//! has no logging of its own to hand it to (Node, Kotlin). Feature
//! `stderr-log`.

use std::sync::Once;

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The variable that turns the log on.
pub const LOG_ENV: &str = "GENESISCLOUD_LOG";

static INIT: Once = Once::new();

/// Installs the stderr log once, if the variable asks for it; a
/// subscriber the application installed first wins.
pub fn init_from_env() {
    INIT.call_once(|| {
        let Some(level) = std::env::var(LOG_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<LevelFilter>().ok())
        else {
            return;
        };
        // Only the SDK's own lines: the in-process emulator logs under a
        // target that shares the prefix, and would drown them.
        let targets = Targets::new()
            .with_target("genesiscloud", level)
            .with_target("genesiscloud_emulator", LevelFilter::OFF);
        let fmt = tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .with_ansi(false);
        // Another subscriber already installed in this process wins.
        let _ = tracing_subscriber::registry()
            .with(fmt)
            .with(targets)
            .try_init();
    });
}
