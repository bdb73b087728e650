//! The forward proxy of a client (the SDK contract, "Configuration").
//!
//! Without a `proxy` setting, reqwest reads `HTTPS_PROXY`, `HTTP_PROXY`,
//! `ALL_PROXY` and `NO_PROXY` (upper case first, then lower case) when the
//! client is built. The `proxy` setting replaces those proxies; `NO_PROXY`
//! still applies to it, as in curl. An `https://` API is always reached
//! through a CONNECT tunnel, so the proxy sees only the host and port.

use std::fmt;

use url::Url;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// A proxy URL that may carry credentials (`http://user:password@host:port`,
/// sent as basic auth to the proxy). It prints with its password replaced
/// by `***`, like the token.
#[derive(Clone)]
pub(crate) struct ProxyUrl {
    url: Zeroizing<String>,
    shown: String,
}

impl ProxyUrl {
    /// Checks a proxy URL: `http://` or `https://`, a host, and nothing
    /// after the port. The error never repeats the URL (it may hold a
    /// password).
    pub(crate) fn parse(raw: &str) -> Result<ProxyUrl> {
        let url = Url::parse(raw.trim())
            .map_err(|e| Error::invalid_argument(format!("proxy is not a URL: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::invalid_argument(format!(
                "proxy scheme must be http or https, not {}",
                url.scheme()
            )));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(Error::invalid_argument("proxy URL has no host"));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(Error::invalid_argument(
                "proxy URL must be scheme://[user:password@]host[:port], without a path",
            ));
        }
        Ok(ProxyUrl {
            shown: redact(&url),
            url: Zeroizing::new(url.into()),
        })
    }

    /// The URL with its password replaced by `***`.
    pub(crate) fn redacted(&self) -> &str {
        &self.shown
    }

    /// The reqwest proxy for every request, credentials included, honouring
    /// `NO_PROXY`.
    pub(crate) fn to_reqwest(&self) -> Result<reqwest::Proxy> {
        reqwest::Proxy::all(self.url.as_str())
            .map(|p| p.no_proxy(reqwest::NoProxy::from_env()))
            .map_err(|_| Error::invalid_argument("proxy URL is not usable"))
    }
}

impl fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

fn redact(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        let _ = shown.set_password(Some("***"));
    }
    shown.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn credentials_never_print() {
        let p = ProxyUrl::parse("http://alice:canary-pw@proxy.example:3128").unwrap();
        assert_eq!(p.redacted(), "http://alice:***@proxy.example:3128/");
        assert!(!format!("{p:?}").contains("canary"));
    }

    #[test]
    fn bad_proxies_are_refused_without_echoing_them() {
        for bad in [
            "socks5://u:canary@h:1080",
            "canary no url",
            "http://u:canary@h:1/path",
            "http://u:canary@h:1/?q",
        ] {
            let e = ProxyUrl::parse(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{bad}");
            assert!(e.message().starts_with("proxy"), "{}", e.message());
            assert!(!e.message().contains("canary"), "{}", e.message());
        }
    }
}
