//! The settings a derived client may change ([`crate::Client::with_options`])
//! and the overrides that change them.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::config::{check_concurrency, check_per_page, header_map, positive};
use crate::error::Result;
use crate::response::{OnResponse, ResponseInfo};

/// The settings of one client that are not part of its connection pool:
/// a derived client has its own, and shares everything else.
#[derive(Clone)]
pub(crate) struct Tuning {
    pub(crate) timeout: Duration,
    pub(crate) deadline: Option<Duration>,
    pub(crate) max_retries: u32,
    pub(crate) per_page: u32,
    pub(crate) concurrency: usize,
    /// Sent with every request on top of the pool's default headers (the
    /// builder's), replacing one of the same name.
    pub(crate) extra_headers: HeaderMap,
    /// Told of every successful request's raw answer.
    pub(crate) on_response: Option<OnResponse>,
}

impl Tuning {
    /// These settings with `overrides` applied, each checked as the builder
    /// checks it, so a bad value gets the constructor's message.
    pub(crate) fn derive(&self, overrides: ClientOverrides) -> Result<Tuning> {
        let mut tuning = self.clone();
        if let Some(t) = overrides.timeout {
            tuning.timeout = positive(Some(t), t, "timeout")?;
        }
        if let Some(d) = overrides.deadline {
            tuning.deadline = Some(positive(Some(d), d, "deadline")?);
        }
        if let Some(n) = overrides.max_retries {
            tuning.max_retries = n;
        }
        if let Some(n) = overrides.per_page {
            tuning.per_page = check_per_page(n)?;
        }
        if let Some(n) = overrides.concurrency {
            tuning.concurrency = check_concurrency(n)?;
        }
        if let Some(observer) = overrides.on_response {
            tuning.on_response = Some(observer);
        }
        let added = header_map(&overrides.headers)?;
        for name in added.keys() {
            tuning.extra_headers.remove(name);
        }
        for (name, value) in &added {
            tuning.extra_headers.append(name, value.clone());
        }
        Ok(tuning)
    }
}

/// The settings a derived client changes ([`crate::Client::with_options`]);
/// every setting left unset keeps the parent's value.
///
/// Only the settings that act on one call can change: `timeout`,
/// `deadline`, `max_retries`, `per_page`, `concurrency` and extra headers.
/// The token, base URL, auth scheme, connect timeout, rate limit, response
/// size cap, user agent, trusted CAs and proxy belong to the connection pool
/// the derived client shares, so they are not here: build a new client with
/// [`crate::ClientBuilder`] to change them.
///
/// ```no_run
/// # fn main() -> genesiscloud::Result<()> {
/// use std::time::Duration;
/// use genesiscloud::{Client, ClientOverrides};
/// let client = Client::from_env()?;
/// let patient = client.with_options(
///     ClientOverrides::new()
///         .timeout(Duration::from_secs(300))
///         .max_retries(5)
///         .header("X-Trace-Id", "nightly-backup"),
/// )?;
/// # Ok(()) }
/// ```
#[derive(Clone, Default)]
#[must_use]
pub struct ClientOverrides {
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    max_retries: Option<u32>,
    per_page: Option<u32>,
    concurrency: Option<usize>,
    headers: Vec<(String, String)>,
    on_response: Option<OnResponse>,
}

impl fmt::Debug for ClientOverrides {
    /// Header values are left out: a caller may pass a secret in one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("ClientOverrides")
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("max_retries", &self.max_retries)
            .field("per_page", &self.per_page)
            .field("concurrency", &self.concurrency)
            .field("headers", &names)
            .field("on_response", &self.on_response.is_some())
            .finish()
    }
}

impl ClientOverrides {
    /// Overrides that change nothing.
    pub fn new() -> ClientOverrides {
        ClientOverrides::default()
    }

    /// Timeout of one attempt, from connecting to the end of the body
    /// (must be positive).
    pub fn timeout(mut self, timeout: Duration) -> ClientOverrides {
        self.timeout = Some(timeout);
        self
    }

    /// Bound on a whole call: every attempt, backoff and `Retry-After`
    /// sleep (must be positive). A derived client cannot drop its parent's
    /// deadline, only replace it.
    pub fn deadline(mut self, deadline: Duration) -> ClientOverrides {
        self.deadline = Some(deadline);
        self
    }

    /// Retries after the first attempt (0 turns retries off).
    pub fn max_retries(mut self, retries: u32) -> ClientOverrides {
        self.max_retries = Some(retries);
        self
    }

    /// Page size used by auto-pagination, 1–100.
    pub fn per_page(mut self, per_page: u32) -> ClientOverrides {
        self.per_page = Some(per_page);
        self
    }

    /// Pages fetched at once by auto-pagination, 1–64.
    pub fn concurrency(mut self, concurrency: usize) -> ClientOverrides {
        self.concurrency = Some(concurrency);
        self
    }

    /// Adds a header sent with every request of the derived client, on top
    /// of the parent's; it replaces a header of the same name. Refused, as
    /// by [`crate::ClientBuilder::header`], for the authentication headers.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> ClientOverrides {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Calls `observer` with the raw answer (status, headers, request id,
    /// attempts, elapsed time) of every successful request of the derived
    /// client: once for a single call, once per page for a list. It
    /// replaces the parent's observer. It runs on the thread that received
    /// the answer, so keep it short; [`crate::Client::with_response`]
    /// collects the answers of one call for you.
    pub fn on_response(
        mut self,
        observer: impl Fn(&ResponseInfo) + Send + Sync + 'static,
    ) -> ClientOverrides {
        self.on_response = Some(Arc::new(observer));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Tuning {
        Tuning {
            timeout: Duration::from_secs(60),
            deadline: None,
            max_retries: 2,
            per_page: 100,
            concurrency: 4,
            extra_headers: HeaderMap::new(),
            on_response: None,
        }
    }

    #[test]
    fn unset_overrides_keep_every_setting() {
        let t = base().derive(ClientOverrides::new()).unwrap();
        assert_eq!(t.timeout, Duration::from_secs(60));
        assert_eq!(t.deadline, None);
        assert_eq!((t.max_retries, t.per_page, t.concurrency), (2, 100, 4));
        assert!(t.extra_headers.is_empty());
    }

    #[test]
    fn headers_add_to_the_parents_and_replace_the_same_name() {
        let parent = base()
            .derive(ClientOverrides::new().header("X-A", "1").header("X-B", "1"))
            .unwrap();
        let child = parent
            .derive(ClientOverrides::new().header("x-b", "2").header("X-C", "2"))
            .unwrap();
        let shown = |t: &Tuning, n: &str| {
            t.extra_headers
                .get(n)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        assert_eq!(shown(&child, "x-a").as_deref(), Some("1"));
        assert_eq!(shown(&child, "x-b").as_deref(), Some("2"));
        assert_eq!(child.extra_headers.get_all("x-b").iter().count(), 1);
        assert_eq!(shown(&child, "x-c").as_deref(), Some("2"));
        assert_eq!(shown(&parent, "x-b").as_deref(), Some("1"));
        assert_eq!(shown(&parent, "x-c"), None);
    }

    #[test]
    fn bad_values_get_the_builders_messages() {
        let cases = [
            (
                ClientOverrides::new().timeout(Duration::ZERO),
                "timeout must be positive",
            ),
            (
                ClientOverrides::new().deadline(Duration::ZERO),
                "deadline must be positive",
            ),
            (
                ClientOverrides::new().per_page(101),
                "per_page must be between 1 and 100, not 101",
            ),
            (
                ClientOverrides::new().concurrency(0),
                "concurrency must be between 1 and 64, not 0",
            ),
            (
                ClientOverrides::new().header("Authorization", "x"),
                "authorization header",
            ),
            (
                ClientOverrides::new().header("X-Auth-Token", "x"),
                "x-auth-token header",
            ),
            (
                ClientOverrides::new().header("bad name", "x"),
                "not a valid header name",
            ),
        ];
        for (overrides, needle) in cases {
            crate::error::assert_refused(base().derive(overrides).err(), needle);
        }
    }

    #[test]
    fn debug_leaves_header_values_out() {
        let o = ClientOverrides::new().header("X-Api-Key", "canary-value");
        let shown = format!("{o:?}");
        assert!(!shown.contains("canary"), "{shown}");
        assert!(shown.contains("X-Api-Key"), "{shown}");
    }
}
