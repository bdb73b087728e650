//! When to retry a failed attempt and how long to wait before the next one
//! (docs/sdk-contract.md, "Retries").

use std::time::{Duration, SystemTime};

use rand::Rng;
use reqwest::Method;

use crate::error::Error;

/// First backoff step when the server gave no `Retry-After`.
pub(crate) const BACKOFF_BASE: Duration = Duration::from_millis(500);
/// Largest backoff step.
pub(crate) const BACKOFF_CAP: Duration = Duration::from_secs(8);
/// A `Retry-After` longer than this is not slept through: the call fails at
/// once so a script does not hang for minutes without a word.
pub(crate) const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Whether a method may be repeated after the server may have acted on it.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::PUT | Method::DELETE | Method::HEAD
    )
}

/// Whether an HTTP status is worth another attempt.
///
/// 429 means the server did not act, so any method may retry; the 5xx
/// answers may come after the server acted, so only idempotent methods do.
pub(crate) fn status_is_retryable(status: u16, idempotent: bool) -> bool {
    match status {
        429 => true,
        500 | 502 | 503 | 504 => idempotent,
        _ => false,
    }
}

/// How long to wait before the next attempt after `error` on attempt
/// number `attempt`, or `None` to give up and return the error.
pub(crate) fn next_wait(
    error: &Error,
    retryable: bool,
    attempt: u32,
    max_retries: u32,
) -> Option<Duration> {
    if !retryable || attempt > max_retries {
        return None;
    }
    match error.retry_after() {
        Some(after) if after > MAX_RETRY_AFTER => None,
        Some(after) => Some(after),
        None => Some(backoff(attempt)),
    }
}

/// Full-jitter exponential backoff before retry number `retry` (1-based):
/// a uniform pick in `[0, min(cap, base * 2^(retry-1))]`.
pub(crate) fn backoff(retry: u32) -> Duration {
    let ceiling = backoff_ceiling(retry);
    let millis = ceiling.as_millis() as u64;
    Duration::from_millis(rand::rng().random_range(0..=millis))
}

/// The upper bound of [`backoff`] for retry number `retry`.
pub(crate) fn backoff_ceiling(retry: u32) -> Duration {
    let exp = retry.saturating_sub(1).min(16);
    BACKOFF_BASE.saturating_mul(1 << exp).min(BACKOFF_CAP)
}

/// The longest `Retry-After` kept (about 31 years): a larger one means the
/// same to a caller, and could overflow the clock arithmetic built on it.
pub(crate) const MAX_RETRY_AFTER_SECS: u64 = 1_000_000_000;

/// Parses a `Retry-After` value: delta-seconds or an HTTP date.
///
/// A date in the past means "now". Garbage yields `None`, and the caller
/// falls back to backoff.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 (or an f64) still means "a very long time".
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs.min(MAX_RETRY_AFTER_SECS)));
    }
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0)
            .then(|| Duration::from_secs_f64(secs.min(MAX_RETRY_AFTER_SECS as f64)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let wait = at.duration_since(now).unwrap_or(Duration::ZERO);
    Some(wait.min(Duration::from_secs(MAX_RETRY_AFTER_SECS)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        assert_eq!(parse_retry_after("2", now), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("1.5", now),
            Some(Duration::from_millis(1500))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(30))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(30));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
        let huge = Some(Duration::from_secs(MAX_RETRY_AFTER_SECS));
        assert_eq!(parse_retry_after("18446744073709551615", now), huge);
        assert_eq!(parse_retry_after("99999999999999999999999", now), huge);
        assert_eq!(parse_retry_after(&"9".repeat(400), now), huge);
        assert_eq!(
            parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", now),
            huge
        );
        assert_eq!(parse_retry_after("-3", now), None);
        assert_eq!(parse_retry_after("", now), None);
    }

    #[test]
    fn backoff_doubles_from_half_a_second_up_to_eight() {
        let ceilings: Vec<u128> = (1..=7).map(|r| backoff_ceiling(r).as_millis()).collect();
        assert_eq!(ceilings, [500, 1000, 2000, 4000, 8000, 8000, 8000]);
        assert_eq!(backoff_ceiling(u32::MAX), BACKOFF_CAP);
        for retry in 1..=10 {
            assert!(backoff(retry) <= backoff_ceiling(retry));
        }
    }

    #[test]
    fn backoff_is_jittered() {
        let picks: std::collections::HashSet<Duration> = (0..50).map(|_| backoff(4)).collect();
        assert!(picks.len() > 10, "full jitter spreads the waits");
    }

    #[test]
    fn next_wait_honours_retry_after_and_the_retry_budget() {
        use crate::ErrorKind;
        let limited = |secs| {
            Error::new(ErrorKind::RateLimited, "slow down")
                .with_retry_after(Some(Duration::from_secs(secs)))
        };
        assert_eq!(
            next_wait(&limited(3), true, 1, 2),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            next_wait(&limited(60), true, 1, 2),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            next_wait(&limited(61), true, 1, 2),
            None,
            "over 60 s fails at once"
        );
        assert_eq!(next_wait(&limited(1), true, 3, 2), None, "budget spent");
        assert_eq!(next_wait(&limited(1), false, 1, 2), None, "not retryable");
        assert_eq!(next_wait(&limited(1), true, 1, 0), None, "retries off");
        let plain = Error::new(ErrorKind::ServerError, "boom");
        let wait = next_wait(&plain, true, 2, 2).unwrap();
        assert!(wait <= Duration::from_secs(1));
    }

    #[test]
    fn which_statuses_retry() {
        assert!(status_is_retryable(429, false));
        assert!(status_is_retryable(503, true));
        assert!(!status_is_retryable(503, false));
        assert!(!status_is_retryable(501, true));
        assert!(!status_is_retryable(404, true));
        assert!(is_idempotent(&Method::DELETE));
        assert!(!is_idempotent(&Method::POST));
        assert!(!is_idempotent(&Method::PATCH));
    }
}
