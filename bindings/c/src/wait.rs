//! Waiting for a status (the SDK contract, "Waiting").

use std::ffi::{c_char, c_void};
use std::fmt;
use std::ptr;
use std::time::Duration;

use genesiscloud::{Error, WaitOptions, WaitProgress};

use crate::ffi;

/// What a wait has seen after one poll, given to the progress callback.
#[repr(C)]
pub struct gc_wait_progress {
    /// The status this poll saw, or NULL when the resource answered 404
    /// (it is gone). Borrowed: valid only during the callback.
    pub status: *const c_char,
    /// How many polls were made so far, this one included (1, 2, ...).
    pub polls: u32,
    /// Milliseconds since the wait started.
    pub elapsed_ms: u64,
}

/// Called by wait_until after each poll that got an answer, the last one
/// included, on the thread that called wait_until, before the next pause.
/// Return 0 to go on; any other value stops the wait at once: the call
/// returns GC_ERROR_CANCELLED, and its error's message ends with the value
/// returned ("the progress callback stopped the wait: it returned 1").
/// The callback must not call back into the library (such a call fails
/// with GC_ERROR_INVALID_ARGUMENT).
pub type gc_wait_progress_callback =
    Option<unsafe extern "C" fn(progress: *const gc_wait_progress, userdata: *mut c_void) -> i32>;

/// How wait_until polls, and whom it tells. Start from
/// gc_wait_options_default(), or pass NULL for the defaults.
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
    /// Told after each poll (default NULL: nobody).
    pub on_progress: gc_wait_progress_callback,
    /// Passed to on_progress unchanged (default NULL).
    pub userdata: *mut c_void,
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
        on_progress: None,
        userdata: ptr::null_mut(),
    }
}

/// The default wait options (the SDK contract: poll from 1 s growing to 10 s, give up
/// after 20 minutes, no progress callback).
#[no_mangle]
pub extern "C" fn gc_wait_options_default() -> gc_wait_options {
    ffi::guard(default_options(), default_options)
}

/// The C callback and its userdata, as the core's progress callback.
struct Watcher {
    callback: unsafe extern "C" fn(*const gc_wait_progress, *mut c_void) -> i32,
    userdata: *mut c_void,
}

// SAFETY: the wait runs on the caller's thread (`runtime::block_on` drives
// the future there, and the core spawns nothing for it), so the callback
// and its userdata never leave the thread that passed them in.
unsafe impl Send for Watcher {}

impl Watcher {
    fn tell(&self, seen: &WaitProgress) -> genesiscloud::Result<()> {
        let status = seen.last_status.as_deref().map(ffi::cstring);
        let progress = gc_wait_progress {
            status: status.as_ref().map_or(ptr::null(), |s| s.as_ptr()),
            polls: seen.polls,
            elapsed_ms: millis(seen.waited),
        };
        // SAFETY: the header asks for a callback that takes these arguments.
        match unsafe { (self.callback)(&progress, self.userdata) } {
            0 => Ok(()),
            returned => Err(Error::stopped(Returned(returned))),
        }
    }
}

/// What a C callback returned to stop the wait, for the error's message.
#[derive(Debug)]
struct Returned(i32);

impl fmt::Display for Returned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "it returned {}", self.0)
    }
}

impl std::error::Error for Returned {}

/// The core's options; NULL means the defaults.
pub(crate) fn options(options: Option<&gc_wait_options>) -> WaitOptions {
    let Some(o) = options else {
        return WaitOptions::default();
    };
    let core = WaitOptions::default()
        .timeout(Duration::from_millis(o.timeout_ms))
        .intervals(
            Duration::from_millis(o.interval_ms),
            Duration::from_millis(o.max_interval_ms),
        );
    match o.on_progress {
        None => core,
        Some(callback) => {
            let watcher = Watcher {
                callback,
                userdata: o.userdata,
            };
            core.on_progress(move |seen| watcher.tell(seen))
        }
    }
}
