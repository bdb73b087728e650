//! Token checking: `X-Auth-Token: T` or `Authorization: Bearer T`, compared
//! in constant time against the configured tokens.

use axum::http::HeaderMap;

/// The credentials a request presented.
pub(crate) struct Credentials {
    /// `x-auth-token`, `bearer` or `none`, as recorded in the log.
    pub scheme: &'static str,
    /// Every token presented (both headers may be sent).
    pub tokens: Vec<String>,
}

impl Credentials {
    pub(crate) fn from_headers(headers: &HeaderMap) -> Credentials {
        let mut tokens = Vec::new();
        let mut scheme = "none";
        let bearer = headers
            .get_all(axum::http::header::AUTHORIZATION)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| {
                let (kind, rest) = v.trim().split_once(' ')?;
                kind.eq_ignore_ascii_case("bearer")
                    .then(|| rest.trim().to_owned())
            })
            .collect::<Vec<_>>();
        if !bearer.is_empty() {
            scheme = "bearer";
            tokens.extend(bearer);
        }
        let x_auth = headers
            .get_all("x-auth-token")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(|v| v.trim().to_owned())
            .collect::<Vec<_>>();
        if !x_auth.is_empty() {
            scheme = "x-auth-token";
            tokens.extend(x_auth);
        }
        Credentials { scheme, tokens }
    }

    /// The first presented token that is configured.
    pub(crate) fn accepted<'a>(&'a self, configured: &[String]) -> Option<&'a str> {
        self.tokens
            .iter()
            .find(|t| !t.is_empty() && configured.iter().any(|c| constant_time_eq(c, t)))
            .map(String::as_str)
    }
}

/// Compares without an early exit, so response timing does not reveal how
/// much of a guessed token was right.
fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= (x ^ y) as usize;
    }
    diff == 0
}
