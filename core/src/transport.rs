//! Sending one API call: authentication, timeouts, retries, body limits,
//! error mapping and request logs.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER,
};
use reqwest::{Method, StatusCode};
use thread_local::ThreadLocal;
use tokio::time::Instant;
use url::Url;

use crate::config::{AuthScheme, Settings};
use crate::connect_cause::ConnectCause;
use crate::error::{Error, ErrorKind, Result};
use crate::here;
use crate::rate_limit::RateLimiter;
use crate::response::ResponseInfo;
use crate::retry;
use crate::trust;
use crate::tuning::Tuning;

/// A connection pool with the client's settings and trust.
fn new_pool(settings: &Settings, tls: rustls::ClientConfig) -> Result<reqwest::Client> {
    let origin = settings.base_url.origin();
    // Follow a redirect only within the configured origin: the token
    // header goes with every request, and X-Auth-Token is not a header
    // reqwest knows to strip when the host changes.
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= 5 {
            attempt.error("too many redirects")
        } else if attempt.url().origin() == origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    });
    let mut headers = settings.default_headers.clone();
    headers.insert(
        reqwest::header::USER_AGENT,
        HeaderValue::from_str(&settings.user_agent)
            .map_err(|_| Error::invalid_argument("invalid user agent"))?,
    );
    let mut http = reqwest::Client::builder()
        .use_preconfigured_tls(tls)
        .default_headers(headers)
        .connect_timeout(settings.connect_timeout)
        .redirect(policy)
        .pool_idle_timeout(Duration::from_secs(60))
        .tcp_nodelay(true);
    if let Some(proxy) = &settings.proxy {
        http = http.proxy(proxy.to_reqwest()?);
    } else if settings.base_url.scheme() == "http" {
        // Plain http:// is a loopback host (the emulator): a proxy from
        // the environment would receive the token in clear, and could
        // not reach this machine's loopback anyway.
        http = http.no_proxy();
    }
    http.build().map_err(|e| {
        Error::new(ErrorKind::Connection, "could not set up the HTTP client").with_source(e)
    })
}

/// Headers whose values may be logged; every other value prints as
/// `REDACTED`, so no future auth header can leak by name.
const LOGGABLE_HEADERS: [&str; 5] = [
    "content-type",
    "content-length",
    "retry-after",
    "x-request-id",
    "user-agent",
];

/// One API call, before it is sent.
pub(crate) struct Call {
    pub(crate) method: Method,
    /// Path below the base URL, segments already encoded (`/instances/abc`).
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Option<Bytes>,
}

impl Call {
    pub(crate) fn new(method: Method, path: String) -> Call {
        Call {
            method,
            path,
            query: Vec::new(),
            body: None,
        }
    }
}

/// A successful (2xx) answer.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) attempts: u32,
}

impl Answer {
    /// Decodes the body; a failure is a `decode` error that keeps the
    /// status and the attempts it took to get this answer.
    pub(crate) fn decode<T>(&self, f: impl FnOnce(&[u8]) -> Result<T>) -> Result<T> {
        f(&self.body).map_err(|e| e.with_status(self.status).with_attempts(self.attempts))
    }
}

/// What one attempt produced, before the retry decision.
enum Attempt {
    Done(Answer),
    Failed { error: Error, retryable: bool },
}

/// The HTTP machinery of a client: one connection pool and its settings,
/// shared by the clients derived from it, each with its own [`Tuning`].
pub(crate) struct Transport {
    http: reqwest::Client,
    /// The pools of the threads that run calls themselves
    /// ([`crate::block_on_here`]), each tagged with the runtime its
    /// connections belong to.
    local: ThreadLocal<RefCell<Option<(u64, reqwest::Client)>>>,
    /// What a thread's pool is built with, as the shared one was.
    tls: rustls::ClientConfig,
    settings: Settings,
    limiter: Option<RateLimiter>,
}

impl Transport {
    pub(crate) fn new(settings: Settings) -> Result<Transport> {
        let tls = trust::client_config(settings.ca_bundle.as_ref())?;
        if let Some(proxy) = &settings.proxy {
            tracing::debug!(proxy = proxy.redacted(), "requests go through a proxy");
        }
        let http = new_pool(&settings, tls.clone())?;
        let limiter = settings.max_requests_per_second.map(RateLimiter::new);
        Ok(Transport {
            http,
            local: ThreadLocal::new(),
            tls,
            settings,
            limiter,
        })
    }

    /// The pool of this call: the calling thread's own while it runs the
    /// call on its runtime, the shared one otherwise.
    fn pool(&self) -> Result<reqwest::Client> {
        let Some(runtime) = here::running() else {
            return Ok(self.http.clone());
        };
        let mut slot = self.local.get_or_default().borrow_mut();
        if let Some((made_on, http)) = slot.as_ref() {
            if *made_on == runtime {
                return Ok(http.clone());
            }
        }
        let http = new_pool(&self.settings, self.tls.clone())?;
        *slot = Some((runtime, http.clone()));
        Ok(http)
    }

    pub(crate) fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Sends a call with retries, returning the 2xx answer or the error.
    pub(crate) async fn execute(&self, call: &Call, tuning: &Tuning) -> Result<Answer> {
        let url = self.url(call);
        let idempotent = retry::is_idempotent(&call.method);
        let started = Instant::now();
        let deadline = tuning.deadline.map(|d| started + d);
        let mut request_sent = false;
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            if let Some(limiter) = &self.limiter {
                limiter.acquire().await;
            }
            let timeout = match deadline {
                Some(at) => {
                    let left = at.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Err(deadline_spent(attempt - 1, request_sent));
                    }
                    left.min(tuning.timeout)
                }
                None => tuning.timeout,
            };
            let t0 = Instant::now();
            let outcome = self
                .attempt(call, &url, &tuning.extra_headers, idempotent, timeout)
                .await;
            let elapsed_ms = t0.elapsed().as_millis() as u64;
            let (error, retryable) = match outcome {
                Attempt::Done(mut answer) => {
                    answer.attempts = attempt;
                    if let Some(observe) = &tuning.on_response {
                        observe(&ResponseInfo::new(
                            call.method.as_str(),
                            path_and_query(&url),
                            answer.status,
                            &answer.headers,
                            attempt,
                            started.elapsed(),
                        ));
                    }
                    tracing::debug!(
                        method = %call.method,
                        path = %call.path,
                        status = answer.status,
                        attempt,
                        elapsed_ms,
                        "request"
                    );
                    return Ok(answer);
                }
                Attempt::Failed { error, retryable } => (error, retryable),
            };
            request_sent |= error.request_sent();
            tracing::debug!(
                method = %call.method,
                path = %call.path,
                status = error.status(),
                attempt,
                elapsed_ms,
                error = error.code(),
                "request"
            );
            let error = error.with_attempts(attempt).with_request_sent(request_sent);
            let Some(wait) = retry::next_wait(&error, retryable, attempt, tuning.max_retries)
            else {
                return Err(error);
            };
            if let Some(at) = deadline {
                if Instant::now() + wait >= at {
                    return Err(deadline_spent(attempt, request_sent));
                }
            }
            tracing::info!(
                method = %call.method,
                path = %call.path,
                attempt,
                wait_ms = wait.as_millis() as u64,
                reason = error.code(),
                "retrying"
            );
            tokio::time::sleep(wait).await;
        }
    }

    fn url(&self, call: &Call) -> Url {
        // Only the path is parsed: the rest is the base URL's, checked when
        // the client was built (a whole parse was 8k instructions a call).
        let mut url = self.settings.base_url.clone();
        let prefix = url.path().trim_end_matches('/');
        let path = format!("{prefix}{}", call.path);
        url.set_path(&path);
        if !call.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&call.query);
        }
        url
    }

    async fn attempt(
        &self,
        call: &Call,
        url: &Url,
        extra_headers: &HeaderMap,
        idempotent: bool,
        timeout: Duration,
    ) -> Attempt {
        // The pool's default headers fill in only the names a request does
        // not set, so a derived client's header replaces one of them.
        let http = match self.pool() {
            Ok(http) => http,
            Err(error) => {
                return Attempt::Failed {
                    error,
                    retryable: false,
                }
            }
        };
        let mut req = http
            .request(call.method.clone(), url.clone())
            .headers(extra_headers.clone())
            .header(self.auth_header_name(), self.auth_header_value());
        if let Some(body) = &call.body {
            req = req
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body.clone());
        }
        let req = match req.build() {
            Ok(r) => r,
            Err(e) => {
                return Attempt::Failed {
                    error: Error::invalid_argument("could not build the request").with_source(e),
                    retryable: false,
                }
            }
        };
        if tracing::enabled!(tracing::Level::TRACE) {
            tracing::trace!(headers = %loggable(req.headers()), "request headers");
        }
        match tokio::time::timeout(timeout, self.exchange(&http, req)).await {
            Ok(Ok((status, headers, body))) => self.judge(status, headers, body, idempotent),
            Ok(Err(e)) => transport_failure(e, url, idempotent),
            Err(_) => Attempt::Failed {
                error: Error::new(
                    ErrorKind::Timeout,
                    format!("no complete answer within {} ms", timeout.as_millis()),
                )
                .with_request_sent(true),
                retryable: idempotent,
            },
        }
    }

    async fn exchange(
        &self,
        http: &reqwest::Client,
        req: reqwest::Request,
    ) -> std::result::Result<(StatusCode, HeaderMap, Result<Bytes>), reqwest::Error> {
        let mut resp = http.execute(req).await?;
        let status = resp.status();
        let headers = resp.headers().clone();
        if tracing::enabled!(tracing::Level::TRACE) {
            tracing::trace!(status = status.as_u16(), headers = %loggable(&headers), "response headers");
        }
        let limit = self.settings.max_response_bytes;
        if resp.content_length().is_some_and(|n| n > limit as u64) {
            return Ok((status, headers, Err(too_large(limit))));
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = resp.chunk().await? {
            if body.len() + chunk.len() > limit {
                return Ok((status, headers, Err(too_large(limit))));
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, headers, Ok(body.freeze())))
    }

    fn judge(
        &self,
        status: StatusCode,
        headers: HeaderMap,
        body: Result<Bytes>,
        idempotent: bool,
    ) -> Attempt {
        let request_id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let code = status.as_u16();
        let body = match body {
            Ok(b) => b,
            Err(e) => {
                return Attempt::Failed {
                    error: e
                        .with_status(code)
                        .with_request_id(request_id)
                        .with_request_sent(true),
                    retryable: false,
                }
            }
        };
        if status.is_success() {
            return Attempt::Done(Answer {
                status: code,
                headers,
                body,
                attempts: 0,
            });
        }
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
        let (api_code, message) = error_body(status, &headers, &body);
        let kind = ErrorKind::from_status(code);
        // A 429 means the server turned the request away unprocessed.
        let request_sent = code != 429;
        let error = Error::new(kind, message)
            .with_status(code)
            .with_api_code(api_code)
            .with_request_id(request_id)
            .with_retry_after(retry_after)
            .with_request_sent(request_sent);
        Attempt::Failed {
            error,
            retryable: retry::status_is_retryable(code, idempotent),
        }
    }

    fn auth_header_name(&self) -> reqwest::header::HeaderName {
        match self.settings.auth_scheme {
            AuthScheme::XAuthToken => reqwest::header::HeaderName::from_static("x-auth-token"),
            AuthScheme::Bearer => AUTHORIZATION,
        }
    }

    /// Built per request and marked sensitive, so the HTTP stack's own
    /// debug output redacts it and no long-lived copy outlives the
    /// zeroized [`crate::Token`].
    fn auth_header_value(&self) -> HeaderValue {
        let secret = self.settings.token.expose_secret();
        let mut value = match self.settings.auth_scheme {
            AuthScheme::XAuthToken => HeaderValue::from_str(secret),
            AuthScheme::Bearer => HeaderValue::from_str(&format!("Bearer {secret}")),
        }
        .unwrap_or_else(|_| HeaderValue::from_static(""));
        value.set_sensitive(true);
        value
    }
}

fn too_large(limit: usize) -> Error {
    Error::new(
        ErrorKind::Decode,
        format!("the response body exceeds the limit of {limit} bytes"),
    )
}

fn deadline_spent(attempts: u32, request_sent: bool) -> Error {
    Error::new(ErrorKind::Timeout, "the call's deadline was spent")
        .with_attempts(attempts)
        .with_request_sent(request_sent)
}

/// Classifies a failure below HTTP: could the server have acted, and will
/// trying again help?
fn transport_failure(e: reqwest::Error, url: &Url, idempotent: bool) -> Attempt {
    if e.is_connect() {
        if let Some(cause) = ConnectCause::of(&e, url.scheme() == "https") {
            // Nothing reached the server, and the next attempt would meet
            // the same certificate or proxy.
            return Attempt::Failed {
                error: Error::new(
                    ErrorKind::Connection,
                    cause.message(url.host_str().unwrap_or("the API")),
                )
                .with_source(e),
                retryable: false,
            };
        }
    }
    if e.is_redirect() {
        return Attempt::Failed {
            error: Error::new(ErrorKind::ApiError, "too many redirects").with_request_sent(true),
            retryable: false,
        };
    }
    if e.is_connect() {
        // Nothing reached the server: any method may try again.
        let kind = if e.is_timeout() {
            ErrorKind::Timeout
        } else {
            ErrorKind::Connection
        };
        return Attempt::Failed {
            error: Error::new(
                kind,
                format!("could not connect to the API: {}", root_cause(&e)),
            )
            .with_source(e),
            retryable: true,
        };
    }
    let kind = if e.is_timeout() {
        ErrorKind::Timeout
    } else {
        ErrorKind::Connection
    };
    Attempt::Failed {
        error: Error::new(
            kind,
            format!(
                "the connection failed during the request: {}",
                root_cause(&e)
            ),
        )
        .with_request_sent(true)
        .with_source(e),
        retryable: idempotent,
    }
}

/// The innermost cause's text: reqwest's own text repeats the URL, the
/// innermost one says what actually happened ("connection reset").
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// The API's `code` and a useful message from an error answer, whatever its
/// body: JSON error, empty, or a proxy's HTML page.
pub(crate) fn error_body(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> (Option<String>, String) {
    #[derive(serde::Deserialize)]
    struct ApiError {
        code: Option<serde_json::Value>,
        message: Option<String>,
    }
    let reason = status.canonical_reason().unwrap_or("unknown status");
    if let Ok(e) = serde_json::from_slice::<ApiError>(body) {
        let code = e.code.map(|c| {
            let text = match c {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            one_line(&text, MAX_API_CODE_CHARS)
        });
        let message = e
            .message
            .map(|m| one_line(&m, MAX_SERVER_TEXT_CHARS))
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| format!("HTTP {} {reason}", status.as_u16()));
        return (code, message);
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return (
            None,
            format!("HTTP {} {reason} with an empty body", status.as_u16()),
        );
    }
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map_or_else(|| "no content type".to_owned(), |ct| one_line(ct, 64));
    let snippet = one_line(&String::from_utf8_lossy(&body[..body.len().min(512)]), 120);
    (
        None,
        format!(
            "HTTP {} {reason} with a non-JSON body ({content_type}): {snippet}",
            status.as_u16()
        ),
    )
}

/// The most of a server's own message an error repeats: any real API
/// message fits, a 64 MiB one does not end up in every log line.
pub(crate) const MAX_SERVER_TEXT_CHARS: usize = 512;

/// The most of the API's own error code an error keeps (real ones are five
/// digits).
pub(crate) const MAX_API_CODE_CHARS: usize = 64;

/// A server's text made safe for one log or terminal line: whitespace runs
/// (newlines included, so no forged log lines) become one space, other
/// control characters (escape sequences, NUL) become U+FFFD, and it is cut
/// at `max_chars` characters, marked with an ellipsis.
fn one_line(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let space = (!out.is_empty()).then_some(' ');
        for c in space.into_iter().chain(word.chars()) {
            if chars == max_chars {
                out.push('…');
                return out;
            }
            out.push(if c.is_control() { '\u{FFFD}' } else { c });
            chars += 1;
        }
    }
    out
}

/// Renders headers for a log line from the allow-list.
pub(crate) fn loggable(headers: &HeaderMap) -> String {
    let mut out = String::new();
    for (name, value) in headers {
        let shown = loggable_value(name, value);
        let _ = write!(
            out,
            "{}{name}: {shown}",
            if out.is_empty() { "" } else { ", " }
        );
    }
    out
}

/// A header's value as logs and raw answers show it: itself when its name
/// is on the allow-list, `REDACTED` otherwise.
pub(crate) fn loggable_value<'a>(name: &HeaderName, value: &'a HeaderValue) -> &'a str {
    if LOGGABLE_HEADERS.contains(&name.as_str()) {
        value.to_str().unwrap_or("<binary>")
    } else {
        "REDACTED"
    }
}

/// The URL below the origin, as a raw answer names its request.
fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_shows_only_allowed_header_values() {
        let mut h = HeaderMap::new();
        h.insert("x-auth-token", HeaderValue::from_static("canary-1"));
        h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer canary-2"));
        h.insert("x-future-auth", HeaderValue::from_static("canary-3"));
        h.insert("x-request-id", HeaderValue::from_static("req-9"));
        let line = loggable(&h);
        assert!(!line.contains("canary"), "{line}");
        assert!(line.contains("x-request-id: req-9"));
        assert!(line.contains("x-auth-token: REDACTED"));
    }

    #[test]
    fn error_bodies_of_every_shape_give_a_message() {
        let h = HeaderMap::new();
        let (code, msg) = error_body(
            StatusCode::NOT_FOUND,
            &h,
            br#"{"code":"00404","message":"instance not found"}"#,
        );
        assert_eq!(code.as_deref(), Some("00404"));
        assert_eq!(msg, "instance not found");
        let (code, msg) = error_body(StatusCode::BAD_GATEWAY, &h, b"");
        assert_eq!(code, None);
        assert_eq!(msg, "HTTP 502 Bad Gateway with an empty body");
        let mut html = HeaderMap::new();
        html.insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
        let (_, msg) = error_body(
            StatusCode::BAD_GATEWAY,
            &html,
            b"<html><body>\n<h1>502 Bad Gateway</h1></body></html>",
        );
        assert!(msg.starts_with("HTTP 502 Bad Gateway with a non-JSON body (text/html): <html>"));
        let (_, msg) = error_body(StatusCode::IM_A_TEAPOT, &h, &[0xff, 0xfe, 0x00]);
        assert!(msg.contains("non-JSON"));
    }

    #[test]
    fn a_servers_text_cannot_forge_log_lines_or_flood_them() {
        let h = HeaderMap::new();
        let (code, msg) = error_body(
            StatusCode::BAD_REQUEST,
            &h,
            br#"{"code": "1\n2", "message": "bad\r\nINFO forged line \u001b[2J\u0000 end"}"#,
        );
        assert_eq!(code.as_deref(), Some("1 2"));
        assert_eq!(msg, "bad INFO forged line \u{FFFD}[2J\u{FFFD} end");
        let huge = format!(
            r#"{{"code": "{}", "message": "{}"}}"#,
            "9".repeat(500),
            "x".repeat(1 << 20)
        );
        let (code, msg) = error_body(StatusCode::BAD_REQUEST, &h, huge.as_bytes());
        assert_eq!(code.unwrap().chars().count(), MAX_API_CODE_CHARS + 1);
        assert_eq!(msg.chars().count(), MAX_SERVER_TEXT_CHARS + 1);
        assert!(msg.ends_with('…'));
        let (_, msg) = error_body(StatusCode::BAD_GATEWAY, &h, b"<p>\x1b]0;owned\x07</p>");
        assert!(!msg.chars().any(char::is_control), "{msg:?}");
        let (_, msg) = error_body(StatusCode::BAD_REQUEST, &h, br#"{"message": "\u0000"}"#);
        assert_eq!(msg, "\u{FFFD}");
        let (_, msg) = error_body(StatusCode::BAD_REQUEST, &h, br#"{"message": " \n\t "}"#);
        assert_eq!(msg, "HTTP 400 Bad Request");
    }
}
