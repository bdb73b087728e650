//! A wait's `onProgress`, handed to the core as the wait's progress
//! callback.
//!
//! The wrapper passes a function of its own around the caller's: it calls
//! the caller's on the main thread, awaits what it returns, keeps what it
//! throws, and resolves `true` to go on or `false` to stop. A JavaScript
//! value cannot cross to another thread, so what was thrown stays with the
//! wrapper, which rethrows it when the wait ends with the stop; the core's
//! poll waits for the answer through napi's channel, blocking no thread.
//! The function is held weakly, so it never keeps Node's event loop alive
//! (the pending call does that), and it is released with the wait.

use std::sync::Arc;

use genesiscloud::{Error, WaitOptions};
use napi::bindgen_prelude::Promise;
use napi::threadsafe_function::ThreadsafeFunction;
use napi::Status;
use napi_derive::napi;

/// What the wait has seen after one poll.
#[napi(object)]
pub struct ProgressReport {
    /// The status this poll saw; none when the resource answered 404.
    pub status: Option<String>,
    /// Polls so far, this one included.
    pub polls: u32,
    /// Milliseconds since the wait started.
    pub elapsed_ms: f64,
}

/// The wrapper's function: resolves `true` to go on, `false` to stop.
pub type OnProgress =
    ThreadsafeFunction<ProgressReport, Promise<bool>, ProgressReport, Status, false, true>;

/// Why the wait stopped, for the error's message; the thrown value itself
/// stays with the wrapper.
#[derive(Debug)]
struct Stopped(String);

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Stopped {}

/// The options' transformation that adds `on_progress` as the wait's
/// progress callback.
pub(crate) fn watch(on_progress: OnProgress) -> impl FnOnce(WaitOptions) -> WaitOptions {
    let on_progress = Arc::new(on_progress);
    move |options| {
        options.on_progress_async(move |seen| {
            let report = ProgressReport {
                status: seen.last_status.clone(),
                polls: seen.polls,
                elapsed_ms: seen.waited.as_secs_f64() * 1000.0,
            };
            let on_progress = Arc::clone(&on_progress);
            async move {
                let verdict = match on_progress.call_async(report).await {
                    Ok(answer) => answer.await,
                    Err(e) => Err(e),
                };
                match verdict {
                    Ok(true) => Ok(()),
                    Ok(false) => Err(Error::stopped(Stopped("onProgress threw".to_owned()))),
                    // Node is shutting down, or the wrapper broke its promise.
                    Err(e) => Err(Error::stopped(Stopped(e.reason))),
                }
            }
        })
    }
}
