//! Waiting for a resource to reach a status (docs/sdk-contract.md, "Waiting").

use std::time::Duration;

use tokio::time::Instant;

use crate::error::{Error, ErrorKind, Result, WaitProgress};
use crate::resources::{ResourceGroup, Stateful};

/// The pseudo-status that waits until the resource answers 404.
pub const DELETED: &str = "deleted";

/// How `wait_until` polls.
///
/// ```
/// use std::time::Duration;
/// let options = genesiscloud::WaitOptions::default().timeout(Duration::from_secs(300));
/// assert_eq!(options.initial_interval, Duration::from_secs(1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WaitOptions {
    /// Give up after this long (default 20 minutes, as the Terraform
    /// provider).
    pub timeout: Duration,
    /// First pause between polls (default 1 s); it doubles after each poll.
    pub initial_interval: Duration,
    /// Longest pause between polls (default 10 s).
    pub max_interval: Duration,
}

impl Default for WaitOptions {
    fn default() -> WaitOptions {
        WaitOptions {
            timeout: Duration::from_secs(20 * 60),
            initial_interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(10),
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
        match group.get(id).await {
            Ok(resource) => {
                let status = resource.status_str().to_owned();
                if status == target {
                    return Ok(Some(resource));
                }
                if status == "error" {
                    tracing::info!(id, target, polls, "resource entered status error");
                    return Err(wait_failed(
                        format!(
                            "{} {id} entered status `error` while waiting for `{target}`",
                            R::NAME
                        ),
                        Some(status),
                        polls,
                        started.elapsed(),
                    ));
                }
                last_status = Some(status);
            }
            Err(e) if e.kind() == ErrorKind::NotFound && target == DELETED => return Ok(None),
            Err(e) => return Err(e),
        }
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
