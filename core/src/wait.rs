//! Waiting for a resource to reach a status (docs/sdk-contract.md, "Waiting").

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use tokio::time::Instant;

use crate::error::{Error, ErrorKind, Result, WaitProgress};
use crate::resources::{ResourceGroup, Stateful};

/// The pseudo-status that waits until the resource answers 404.
pub const DELETED: &str = "deleted";

/// How `wait_until` polls, and whom it tells after each poll.
///
/// ```
/// use std::time::Duration;
/// let options = genesiscloud::WaitOptions::default()
///     .timeout(Duration::from_secs(300))
///     .on_progress(|p| {
///         eprint!("\rstatus={:?}, poll {}, {:.1} s", p.last_status, p.polls, p.waited.as_secs_f64());
///         Ok(())
///     });
/// assert_eq!(options.initial_interval, Duration::from_secs(1));
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct WaitOptions {
    /// Give up after this long (default 20 minutes, as the Terraform
    /// provider).
    pub timeout: Duration,
    /// First pause between polls (default 1 s); it doubles after each poll.
    pub initial_interval: Duration,
    /// Longest pause between polls (default 10 s).
    pub max_interval: Duration,
    /// Called after each poll that got an answer; none by default.
    progress: Option<Progress>,
}

/// The progress callback, made asynchronous so that a binding can wait for
/// another thread (an event loop) to run it without blocking the runtime.
type Hook = dyn FnMut(&WaitProgress) -> BoxFuture<'static, Result<()>> + Send;

/// Shared, so that options stay `Clone`: a clone calls the same callback.
#[derive(Clone)]
struct Progress(Arc<Mutex<Box<Hook>>>);

impl Progress {
    async fn tell(&self, seen: &WaitProgress) -> Result<()> {
        // The lock is released before the callback's future runs.
        let pending = (self.0.lock().unwrap_or_else(|e| e.into_inner()))(seen);
        pending.await
    }
}

impl fmt::Debug for WaitOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitOptions")
            .field("timeout", &self.timeout)
            .field("initial_interval", &self.initial_interval)
            .field("max_interval", &self.max_interval)
            .field("on_progress", &self.progress.is_some())
            .finish()
    }
}

impl Default for WaitOptions {
    fn default() -> WaitOptions {
        WaitOptions {
            timeout: Duration::from_secs(20 * 60),
            initial_interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(10),
            progress: None,
        }
    }
}

impl WaitOptions {
    /// Sets the overall timeout.
    pub fn timeout(mut self, timeout: Duration) -> WaitOptions {
        self.timeout = timeout;
        self
    }

    /// Sets the first and the longest pause between polls.
    pub fn intervals(mut self, initial: Duration, max: Duration) -> WaitOptions {
        self.initial_interval = initial;
        self.max_interval = max.max(initial);
        self
    }

    /// Calls `callback` after each poll that got an answer, the last one
    /// included, with the status seen (`None` when the resource answered
    /// 404), the polls so far and the time waited. It runs on the task
    /// that polls, before the wait decides anything: an `Err` it returns
    /// ends the wait with that very error (build one with
    /// [`Error::stopped`] or [`Error::new`]).
    pub fn on_progress<F>(self, mut callback: F) -> WaitOptions
    where
        F: FnMut(&WaitProgress) -> Result<()> + Send + 'static,
    {
        self.on_progress_async(move |seen| std::future::ready(callback(seen)))
    }

    /// Like [`on_progress`](WaitOptions::on_progress), for a callback that
    /// must wait for something (another thread, an event loop) before the
    /// wait goes on: the next poll waits for its future.
    pub fn on_progress_async<F, Fut>(mut self, mut callback: F) -> WaitOptions
    where
        F: FnMut(&WaitProgress) -> Fut + Send + 'static,
        Fut: Future<Output = Result<()>> + Send + 'static,
    {
        let hook: Box<Hook> = Box::new(move |seen| Box::pin(callback(seen)));
        self.progress = Some(Progress(Arc::new(Mutex::new(hook))));
        self
    }
}

pub(crate) async fn wait_until<R: Stateful>(
    group: &ResourceGroup<R>,
    id: &str,
    target: &str,
    options: WaitOptions,
) -> Result<Option<R>> {
    if target.trim().is_empty() {
        return Err(Error::invalid_argument(
            "the status to wait for must not be empty",
        ));
    }
    // No status has one, so the wait could only end at its timeout.
    if target.chars().any(char::is_control) {
        return Err(Error::invalid_argument(
            "the status to wait for contains a control character",
        ));
    }
    if options.initial_interval.is_zero() {
        return Err(Error::invalid_argument(
            "the poll interval must be positive",
        ));
    }
    let started = Instant::now();
    let mut interval = options.initial_interval;
    let mut polls = 0u32;
    let mut last_status: Option<String>;
    loop {
        polls += 1;
        let resource = match group.get(id).await {
            Ok(resource) => Some(resource),
            Err(e) if e.kind() == ErrorKind::NotFound && target == DELETED => None,
            Err(e) => return Err(e),
        };
        let status = resource.as_ref().map(|r| r.status_str().to_owned());
        if let Some(progress) = &options.progress {
            let seen = WaitProgress {
                last_status: status.clone(),
                polls,
                waited: started.elapsed(),
            };
            progress.tell(&seen).await?;
        }
        let Some(resource) = resource else {
            return Ok(None);
        };
        if status.as_deref() == Some(target) {
            return Ok(Some(resource));
        }
        if status.as_deref() == Some("error") {
            tracing::info!(id, target, polls, "resource entered status error");
            return Err(wait_failed(
                format!(
                    "{} {id} entered status `error` while waiting for `{target}`",
                    R::NAME
                ),
                status,
                polls,
                started.elapsed(),
            ));
        }
        last_status = status;
        let waited = started.elapsed();
        if waited >= options.timeout {
            return Err(wait_failed(
                format!(
                    "{} {id} did not reach `{target}` within {} s (last status `{}`)",
                    R::NAME,
                    options.timeout.as_secs_f64(),
                    last_status.as_deref().unwrap_or("unknown")
                ),
                last_status,
                polls,
                waited,
            ));
        }
        let pause = interval.min(options.timeout - waited);
        tracing::info!(
            id,
            target,
            status = last_status.as_deref(),
            polls,
            pause_ms = pause.as_millis() as u64,
            "waiting"
        );
        tokio::time::sleep(pause).await;
        interval = (interval * 2).min(options.max_interval);
    }
}

fn wait_failed(
    message: String,
    last_status: Option<String>,
    polls: u32,
    waited: Duration,
) -> Error {
    Error::new(ErrorKind::WaitTimeout, message).with_wait(WaitProgress {
        last_status,
        polls,
        waited,
    })
}
