//! A wait's `onProgress`, handed to the core as the wait's progress
//! callback.
//!
//! The Kotlin wrapper implements the listener around the caller's suspend
//! function: it calls it, keeps what it throws, and answers `true` to go
//! on or `false` to stop. A Kotlin exception cannot cross into Rust, so the
//! wrapper rethrows it itself when the wait ends with the stop; the core's
//! poll waits for the answer without blocking a thread.

use std::sync::Arc;

use genesiscloud::{Error, WaitOptions};

/// What the wait has seen after one poll.
#[derive(uniffi::Record)]
pub struct ProgressReport {
    /// The status this poll saw; none when the resource answered 404.
    pub status: Option<String>,
    /// Polls so far, this one included.
    pub polls: u32,
    /// Milliseconds since the wait started.
    pub elapsed_ms: f64,
}

/// The wrapper's listener: answers `true` to go on, `false` to stop.
#[uniffi::export(with_foreign)]
#[async_trait::async_trait]
pub trait ProgressListener: Send + Sync {
    /// After each poll.
    async fn on_progress(&self, report: ProgressReport) -> bool;
}

/// Why the wait stopped, for the error's message; the thrown exception
/// itself stays with the wrapper.
#[derive(Debug)]
struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("onProgress threw")
    }
}

impl std::error::Error for Stopped {}

/// The options' transformation that adds `listener` as the wait's
/// progress callback.
pub(crate) fn watch(
    listener: Arc<dyn ProgressListener>,
) -> impl FnOnce(WaitOptions) -> WaitOptions {
    move |options| {
        options.on_progress_async(move |seen| {
            let report = ProgressReport {
                status: seen.last_status.clone(),
                polls: seen.polls,
                elapsed_ms: seen.waited.as_secs_f64() * 1000.0,
            };
            let listener = Arc::clone(&listener);
            async move {
                if listener.on_progress(report).await {
                    Ok(())
                } else {
                    Err(Error::stopped(Stopped))
                }
            }
        })
    }
}
