//! Client settings and their defaults (docs/sdk-contract.md, "Configuration").

use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use url::Url;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::proxy::ProxyUrl;
use crate::secret::{SecretString, Token};
use crate::trust::CaBundle;
use crate::tuning::Tuning;

/// The API's public endpoint.
pub const DEFAULT_BASE_URL: &str = "https://api.genesiscloud.com/compute/v1";
/// Environment variable holding the token.
pub const TOKEN_ENV: &str = "GENESISCLOUD_TOKEN";
/// Environment variable holding the base URL (as Genesis Cloud's Terraform
/// and Pulumi providers read it).
pub const ENDPOINT_ENV: &str = "GENESISCLOUD_ENDPOINT";
/// Default per-attempt timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Default page size of auto-pagination (the API's maximum).
pub const DEFAULT_PER_PAGE: u32 = 100;
/// Default number of pages fetched at once by auto-pagination.
pub const DEFAULT_CONCURRENCY: usize = 4;
/// Default cap on a response body, so a hostile or broken server cannot
/// exhaust memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;
/// The SDK's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The version of the compiler that built this crate (`1.95.0`), which the
/// user agent of a Rust caller names as its runtime.
pub const RUSTC_VERSION: &str = env!("GENESISCLOUD_RUSTC_VERSION");

/// How the token is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthScheme {
    /// `X-Auth-Token: <token>`, as the token guide, the Go client, Terraform
    /// and Pulumi send it.
    #[default]
    XAuthToken,
    /// `Authorization: Bearer <token>`, as the newest API docs prefer.
    Bearer,
}

impl AuthScheme {
    /// Parses `"x-auth-token"` or `"bearer"` (any case).
    pub fn parse(value: &str) -> Result<AuthScheme> {
        match value.to_ascii_lowercase().as_str() {
            "x-auth-token" | "x_auth_token" => Ok(AuthScheme::XAuthToken),
            "bearer" | "authorization" => Ok(AuthScheme::Bearer),
            other => Err(Error::invalid_argument(format!(
                "auth scheme must be \"x-auth-token\" or \"bearer\", not {other:?}"
            ))),
        }
    }
}

/// Validated settings shared by every request of a client and of every
/// client derived from it ([`Client::with_options`]): the connection pool is
/// built from them. The settings a derived client may change are its
/// [`Tuning`].
pub(crate) struct Settings {
    pub(crate) token: Token,
    pub(crate) auth_scheme: AuthScheme,
    pub(crate) base_url: Url,
    pub(crate) connect_timeout: Duration,
    pub(crate) max_requests_per_second: Option<f64>,
    pub(crate) max_response_bytes: usize,
    pub(crate) user_agent: String,
    pub(crate) default_headers: HeaderMap,
    pub(crate) ca_bundle: Option<CaBundle>,
    pub(crate) proxy: Option<ProxyUrl>,
}

/// Builds a [`Client`].
///
/// Unset token and base URL fall back to `GENESISCLOUD_TOKEN` and
/// `GENESISCLOUD_ENDPOINT`.
///
/// ```no_run
/// # fn main() -> genesiscloud::Result<()> {
/// use std::time::Duration;
/// let client = genesiscloud::Client::builder()
///     .token("my-secret-token")
///     .timeout(Duration::from_secs(30))
///     .max_retries(4)
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone, Default)]
#[must_use]
pub struct ClientBuilder {
    token: Option<Token>,
    auth_scheme: AuthScheme,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    deadline: Option<Duration>,
    max_retries: Option<u32>,
    per_page: Option<u32>,
    concurrency: Option<usize>,
    max_requests_per_second: Option<f64>,
    max_response_bytes: Option<usize>,
    language: Option<(String, String)>,
    user_agent: Option<String>,
    headers: Vec<(String, String)>,
    ca_bundle: Option<PathBuf>,
    proxy: Option<SecretString>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .field("auth_scheme", &self.auth_scheme)
            .field("base_url", &self.base_url)
            .field("ca_bundle", &self.ca_bundle)
            .field(
                "proxy",
                &self.proxy.as_ref().map(|p| {
                    ProxyUrl::parse(p.expose_secret()).map_or_else(
                        |_| "<not a valid URL>".to_owned(),
                        |u| u.redacted().to_owned(),
                    )
                }),
            )
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder with every setting at its default.
    pub fn new() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The API token (default: `GENESISCLOUD_TOKEN`).
    pub fn token(mut self, token: impl Into<Token>) -> ClientBuilder {
        self.token = Some(token.into());
        self
    }

    /// How the token is sent (default `X-Auth-Token`).
    pub fn auth_scheme(mut self, scheme: AuthScheme) -> ClientBuilder {
        self.auth_scheme = scheme;
        self
    }

    /// The API's base URL including `/compute/v1` (default:
    /// `GENESISCLOUD_ENDPOINT`, else the public endpoint). `http://` is
    /// accepted for loopback hosts only.
    pub fn base_url(mut self, url: impl Into<String>) -> ClientBuilder {
        self.base_url = Some(url.into());
        self
    }

    /// Timeout of one attempt, from connecting to the end of the body
    /// (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.timeout = Some(timeout);
        self
    }

    /// Timeout of establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Bound on a whole call: every attempt, backoff and `Retry-After` sleep
    /// (default none).
    pub fn deadline(mut self, deadline: Duration) -> ClientBuilder {
        self.deadline = Some(deadline);
        self
    }

    /// Retries after the first attempt (default 2; 0 turns retries off).
    pub fn max_retries(mut self, retries: u32) -> ClientBuilder {
        self.max_retries = Some(retries);
        self
    }

    /// Page size used by auto-pagination, 1–100 (default 100).
    pub fn per_page(mut self, per_page: u32) -> ClientBuilder {
        self.per_page = Some(per_page);
        self
    }

    /// Pages fetched at once by auto-pagination (default 4).
    pub fn concurrency(mut self, concurrency: usize) -> ClientBuilder {
        self.concurrency = Some(concurrency);
        self
    }

    /// Spaces requests to at most this many per second (default off).
    pub fn max_requests_per_second(mut self, rate: f64) -> ClientBuilder {
        self.max_requests_per_second = Some(rate);
        self
    }

    /// Largest response body accepted (default 64 MiB).
    pub fn max_response_bytes(mut self, bytes: usize) -> ClientBuilder {
        self.max_response_bytes = Some(bytes);
        self
    }

    /// Names the language binding in the user agent
    /// (`genesiscloud-sdk/<version> (<language>/<runtime version>)`).
    pub fn language(mut self, language: &str, runtime_version: &str) -> ClientBuilder {
        self.language = Some((language.to_owned(), runtime_version.to_owned()));
        self
    }

    /// Replaces the user agent entirely.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> ClientBuilder {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Adds a header sent with every request. Authentication headers are
    /// refused: use [`ClientBuilder::token`].
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> ClientBuilder {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A PEM file of one or more CA certificates to trust in addition to
    /// the operating system's store (default none). It is read when the
    /// client is built.
    pub fn ca_bundle(mut self, path: impl Into<PathBuf>) -> ClientBuilder {
        self.ca_bundle = Some(path.into());
        self
    }

    /// The forward proxy of every request, `http://[user:password@]host:port`
    /// (default: `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, in either case).
    /// It replaces the environment's proxies; `NO_PROXY` still applies. The
    /// password is sent only to the proxy and prints as `***`.
    pub fn proxy(mut self, url: impl Into<String>) -> ClientBuilder {
        self.proxy = Some(SecretString::new(url.into()));
        self
    }

    /// Validates the settings and builds the client.
    ///
    /// Fails with `invalid_argument` when no token is set anywhere, the base
    /// URL is not `https://` (or `http://` to a loopback host), a number
    /// is out of range, the `ca_bundle` file holds no readable certificate,
    /// or the proxy URL is not `http(s)://[user:password@]host[:port]`.
    pub fn build(self) -> Result<Client> {
        let (settings, tuning) = self.into_settings()?;
        Client::from_settings(settings, tuning)
    }

    fn into_settings(self) -> Result<(Settings, Tuning)> {
        let token = match self.token {
            Some(t) => t,
            None => std::env::var(TOKEN_ENV).map(Token::new).map_err(|_| {
                Error::invalid_argument(format!(
                    "no API token: pass one or set the {TOKEN_ENV} environment variable"
                ))
            })?,
        };
        if token.is_blank() {
            return Err(Error::invalid_argument(format!(
                "the API token is empty: pass one or set {TOKEN_ENV}"
            )));
        }
        if HeaderValue::from_str(token.expose_secret()).is_err()
            || token.expose_secret().chars().any(char::is_whitespace)
        {
            return Err(Error::invalid_argument(
                "the API token contains characters that cannot be sent in a header",
            ));
        }
        let raw_url = match self.base_url {
            Some(u) => u,
            None => std::env::var(ENDPOINT_ENV)
                .ok()
                .filter(|u| !u.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned()),
        };
        let base_url = parse_base_url(&raw_url)?;
        let timeout = positive(self.timeout, DEFAULT_TIMEOUT, "timeout")?;
        let connect_timeout = positive(
            self.connect_timeout,
            DEFAULT_CONNECT_TIMEOUT,
            "connect timeout",
        )?;
        let deadline = match self.deadline {
            Some(d) => Some(positive(Some(d), d, "deadline")?),
            None => None,
        };
        let per_page = check_per_page(self.per_page.unwrap_or(DEFAULT_PER_PAGE))?;
        let concurrency = check_concurrency(self.concurrency.unwrap_or(DEFAULT_CONCURRENCY))?;
        if let Some(rate) = self.max_requests_per_second {
            if !(rate.is_finite() && rate > 0.0) {
                return Err(Error::invalid_argument(format!(
                    "max_requests_per_second must be a positive number, not {rate}"
                )));
            }
        }
        let max_response_bytes = self
            .max_response_bytes
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES);
        if max_response_bytes == 0 {
            return Err(Error::invalid_argument(
                "max_response_bytes must be positive",
            ));
        }
        let user_agent = self.user_agent.unwrap_or_else(|| {
            let (lang, runtime) = self
                .language
                .unwrap_or_else(|| ("rust".to_owned(), RUSTC_VERSION.to_owned()));
            format!("genesiscloud-sdk/{VERSION} ({lang}/{runtime})")
        });
        if HeaderValue::from_str(&user_agent).is_err() {
            return Err(Error::invalid_argument(
                "user agent contains characters that cannot be sent in a header",
            ));
        }
        let default_headers = header_map(&self.headers)?;
        let ca_bundle = self.ca_bundle.as_deref().map(CaBundle::read).transpose()?;
        let proxy = self
            .proxy
            .as_ref()
            .map(|p| ProxyUrl::parse(p.expose_secret()))
            .transpose()?;
        let settings = Settings {
            token,
            auth_scheme: self.auth_scheme,
            base_url,
            connect_timeout,
            max_requests_per_second: self.max_requests_per_second,
            max_response_bytes,
            user_agent,
            default_headers,
            ca_bundle,
            proxy,
        };
        let tuning = Tuning {
            timeout,
            deadline,
            max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
            per_page,
            concurrency,
            extra_headers: HeaderMap::new(),
            on_response: None,
        };
        Ok((settings, tuning))
    }
}

/// Checks the page size of auto-pagination.
pub(crate) fn check_per_page(per_page: u32) -> Result<u32> {
    if !(1..=100).contains(&per_page) {
        return Err(Error::invalid_argument(format!(
            "per_page must be between 1 and 100, not {per_page}"
        )));
    }
    Ok(per_page)
}

/// Checks the number of pages auto-pagination fetches at once.
pub(crate) fn check_concurrency(concurrency: usize) -> Result<usize> {
    if !(1..=64).contains(&concurrency) {
        return Err(Error::invalid_argument(format!(
            "concurrency must be between 1 and 64, not {concurrency}"
        )));
    }
    Ok(concurrency)
}

/// `value`, or `default` when unset, refused when zero.
pub(crate) fn positive(value: Option<Duration>, default: Duration, what: &str) -> Result<Duration> {
    let v = value.unwrap_or(default);
    if v.is_zero() {
        return Err(Error::invalid_argument(format!("{what} must be positive")));
    }
    Ok(v)
}

/// Checks headers to send with every request: valid names and values, and
/// never a credential, which only the token may set.
pub(crate) fn header_map(headers: &[(String, String)]) -> Result<HeaderMap> {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::invalid_argument(format!("{name:?} is not a valid header name")))?;
        if matches!(
            name.as_str(),
            "x-auth-token" | "authorization" | "proxy-authorization" | "cookie"
        ) {
            return Err(Error::invalid_argument(format!(
                "the {name} header cannot be set as a default header; pass the token instead"
            )));
        }
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::invalid_argument(format!("the value of header {name} is not valid"))
        })?;
        map.append(name, value);
    }
    Ok(map)
}

/// Parses and checks the base URL: `https://`, or `http://` to loopback.
pub(crate) fn parse_base_url(raw: &str) -> Result<Url> {
    let url = Url::parse(raw.trim())
        .map_err(|e| Error::invalid_argument(format!("base URL {raw:?} is not a URL: {e}")))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid_argument(
            "base URL must not carry credentials; pass the token instead",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::invalid_argument(
            "base URL must not have a query or fragment",
        ));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(Error::invalid_argument(format!(
                "refusing plain http:// to {}: the token would travel unencrypted; use https:// (http:// is allowed for loopback hosts only)",
                url.host_str().unwrap_or("")
            )))
        }
        other => {
            return Err(Error::invalid_argument(format!(
                "base URL scheme must be https, not {other}"
            )))
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::invalid_argument("base URL has no host"));
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn settings(b: ClientBuilder) -> Result<(Settings, Tuning)> {
        b.into_settings()
    }

    #[test]
    fn defaults_follow_spec() {
        let (s, t) = settings(ClientBuilder::new().token("t").base_url(DEFAULT_BASE_URL)).unwrap();
        assert_eq!(t.timeout, Duration::from_secs(60));
        assert_eq!(s.connect_timeout, Duration::from_secs(10));
        assert_eq!(t.max_retries, 2);
        assert_eq!(t.per_page, 100);
        assert_eq!(t.concurrency, 4);
        assert_eq!(t.deadline, None);
        assert_eq!(s.auth_scheme, AuthScheme::XAuthToken);
        assert!(s.user_agent.starts_with("genesiscloud-sdk/"));
    }

    #[test]
    fn http_only_for_loopback() {
        for ok in [
            "http://127.0.0.1:8080/compute/v1",
            "http://localhost/compute/v1",
            "http://[::1]:1/x",
            "https://api.genesiscloud.com/compute/v1",
        ] {
            assert!(parse_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.genesiscloud.com/compute/v1",
            "http://10.0.0.1/",
            "ftp://x/",
            "not a url",
            "https://user:pw@host/",
        ] {
            let e = parse_base_url(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
        }
    }

    #[test]
    fn refuses_bad_settings_naming_them() {
        let base = || ClientBuilder::new().token("t").base_url(DEFAULT_BASE_URL);
        let cases = [
            (base().per_page(0), "per_page"),
            (base().per_page(101), "per_page"),
            (base().concurrency(0), "concurrency"),
            (base().timeout(Duration::ZERO), "timeout"),
            (
                base().max_requests_per_second(-1.0),
                "max_requests_per_second",
            ),
            (base().header("X-Auth-Token", "x"), "x-auth-token"),
            (
                ClientBuilder::new().token(" ").base_url(DEFAULT_BASE_URL),
                "GENESISCLOUD_TOKEN",
            ),
            (
                ClientBuilder::new()
                    .token("a\nb")
                    .base_url(DEFAULT_BASE_URL),
                "token",
            ),
        ];
        for (builder, needle) in cases {
            crate::error::assert_refused(settings(builder).err(), needle);
        }
    }

    #[test]
    fn builder_debug_hides_token() {
        let b = ClientBuilder::new().token("canary-secret");
        assert!(!format!("{b:?}").contains("canary"));
    }

    #[test]
    fn builder_debug_hides_the_proxy_password() {
        let b = ClientBuilder::new().proxy("http://u:canary-pw@proxy.test:3128");
        let shown = format!("{b:?}");
        assert!(!shown.contains("canary"), "{shown}");
        assert!(shown.contains("http://u:***@proxy.test:3128/"), "{shown}");
    }

    #[test]
    fn ca_bundle_and_proxy_are_checked_at_construction() {
        let base = || ClientBuilder::new().token("t").base_url(DEFAULT_BASE_URL);
        let e = settings(base().ca_bundle("/nonexistent/ca.pem"))
            .err()
            .unwrap();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(e.message().contains("ca_bundle"), "{}", e.message());
        let e = settings(base().proxy("ftp://u:canary@h")).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(!e.message().contains("canary"), "{}", e.message());
    }
}
