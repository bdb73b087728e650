//! A client's settings as the Node and Kotlin packages hand them over:
//! durations in milliseconds, the auth scheme as text, and camelCase names
//! in the `invalid_argument` messages (`timeoutMs must be a non-negative
//! number of milliseconds, not -1`), so that both refuse the same mistake
//! with the same words. Each binding moves its own object's fields into
//! these, and the core does the rest.

use crate::config::{AuthScheme, ClientBuilder};
use crate::error::{Error, Result};
use crate::operations::millis;
use crate::tuning::ClientOverrides;

/// The settings of a new client; `None` keeps the core's default (or the
/// environment's).
#[derive(Debug, Default)]
pub struct Settings {
    /// The API token.
    pub token: Option<String>,
    /// The base URL.
    pub base_url: Option<String>,
    /// `"x-auth-token"` or `"bearer"`.
    pub auth_scheme: Option<String>,
    /// Per-attempt timeout in milliseconds.
    pub timeout_ms: Option<f64>,
    /// Connect timeout in milliseconds.
    pub connect_timeout_ms: Option<f64>,
    /// Bound on a whole call in milliseconds.
    pub deadline_ms: Option<f64>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// Page size of auto-pagination.
    pub per_page: Option<u32>,
    /// Pages fetched at once by auto-pagination.
    pub concurrency: Option<u32>,
    /// Client-side rate limit.
    pub max_requests_per_second: Option<f64>,
    /// A PEM file of CA certificates trusted besides the system's store.
    pub ca_bundle: Option<String>,
    /// The forward proxy, replacing the environment's.
    pub proxy: Option<String>,
}

impl Settings {
    /// `builder` with these settings applied, or why one is refused.
    pub fn apply(self, mut b: ClientBuilder) -> Result<ClientBuilder> {
        if let Some(token) = self.token {
            b = b.token(token);
        }
        if let Some(url) = self.base_url {
            b = b.base_url(url);
        }
        if let Some(scheme) = self.auth_scheme {
            b = b.auth_scheme(AuthScheme::parse(&scheme)?);
        }
        if let Some(d) = millis(self.timeout_ms, "timeoutMs")? {
            b = b.timeout(d);
        }
        if let Some(d) = millis(self.connect_timeout_ms, "connectTimeoutMs")? {
            b = b.connect_timeout(d);
        }
        if let Some(d) = millis(self.deadline_ms, "deadlineMs")? {
            b = b.deadline(d);
        }
        if let Some(n) = self.max_retries {
            b = b.max_retries(n);
        }
        if let Some(n) = self.per_page {
            b = b.per_page(n);
        }
        if let Some(n) = self.concurrency {
            b = b.concurrency(concurrency(n)?);
        }
        if let Some(rate) = self.max_requests_per_second {
            b = b.max_requests_per_second(rate);
        }
        if let Some(path) = self.ca_bundle {
            b = b.ca_bundle(path);
        }
        if let Some(url) = self.proxy {
            b = b.proxy(url);
        }
        Ok(b)
    }
}

/// The settings of a derived client; `None` keeps the parent's.
#[derive(Debug, Default)]
pub struct Overrides {
    /// Per-attempt timeout in milliseconds.
    pub timeout_ms: Option<f64>,
    /// Bound on a whole call in milliseconds.
    pub deadline_ms: Option<f64>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// Page size of auto-pagination.
    pub per_page: Option<u32>,
    /// Pages fetched at once by auto-pagination.
    pub concurrency: Option<u32>,
    /// Headers added to every request, as (name, value), in order.
    pub headers: Vec<(String, String)>,
}

impl Overrides {
    /// These settings as the core's overrides, or why one is refused.
    pub fn into_overrides(self) -> Result<ClientOverrides> {
        let mut out = ClientOverrides::new();
        if let Some(d) = millis(self.timeout_ms, "timeoutMs")? {
            out = out.timeout(d);
        }
        if let Some(d) = millis(self.deadline_ms, "deadlineMs")? {
            out = out.deadline(d);
        }
        if let Some(n) = self.max_retries {
            out = out.max_retries(n);
        }
        if let Some(n) = self.per_page {
            out = out.per_page(n);
        }
        if let Some(n) = self.concurrency {
            out = out.concurrency(concurrency(n)?);
        }
        for (name, value) in self.headers {
            out = out.header(name, value);
        }
        Ok(out)
    }
}

fn concurrency(n: u32) -> Result<usize> {
    usize::try_from(n).map_err(|_| Error::invalid_argument("concurrency is too large"))
}
