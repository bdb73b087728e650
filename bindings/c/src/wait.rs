//! Waiting for a status (the SDK contract, "Waiting").

use std::time::Duration;

use genesiscloud::WaitOptions;

use crate::ffi;

/// How wait_until polls. Start from gc_wait_options_default(), or pass
/// NULL for the defaults.
#[repr(C)]
pub struct gc_wait_options {
    /// Give up with GC_ERROR_WAIT_TIMEOUT after this many milliseconds
    /// (default 1200000: 20 minutes, as the Terraform provider).
    pub timeout_ms: u64,
    /// First pause between polls in milliseconds (default 1000); it doubles
    /// after each poll. Must be positive.
    pub interval_ms: u64,
    /// Longest pause between polls in milliseconds (default 10000).
    pub max_interval_ms: u64,
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn default_options() -> gc_wait_options {
    let core = WaitOptions::default();
    gc_wait_options {
        timeout_ms: millis(core.timeout),
        interval_ms: millis(core.initial_interval),
        max_interval_ms: millis(core.max_interval),
    }
}

/// The default wait options (the SDK contract: poll from 1 s growing to 10 s, give up
/// after 20 minutes).
#[no_mangle]
pub extern "C" fn gc_wait_options_default() -> gc_wait_options {
    ffi::guard(default_options(), default_options)
}

/// The core's options; NULL means the defaults.
pub(crate) fn options(options: Option<&gc_wait_options>) -> WaitOptions {
    let Some(o) = options else {
        return WaitOptions::default();
    };
    WaitOptions::default()
        .timeout(Duration::from_millis(o.timeout_ms))
        .intervals(
            Duration::from_millis(o.interval_ms),
            Duration::from_millis(o.max_interval_ms),
        )
}
