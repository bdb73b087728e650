//! The one error type of the SDK and its stable kinds.
//!
//! Every failure carries an [`ErrorKind`] whose [`ErrorKind::as_str`] code is
//! the same string in every language binding (see `docs/sdk-contract.md`, "Errors").

use std::fmt;
use std::time::Duration;

/// A `Result` whose error is the SDK's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The stable classification of an [`Error`].
///
/// Bindings map the kind, never the individual causes, so that a newer core
/// never surprises an older binding. The enum is `#[non_exhaustive]` for the
/// same reason: match it with a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The call was refused before anything was sent.
    InvalidArgument,
    /// The server answered 400.
    BadRequest,
    /// The server answered 401: the token is missing, wrong or revoked.
    Authentication,
    /// The server answered 403.
    PermissionDenied,
    /// The server answered 404.
    NotFound,
    /// The server answered 409, e.g. a resource in the wrong state.
    Conflict,
    /// The server answered 422.
    UnprocessableEntity,
    /// The server answered 429 and retries did not help.
    RateLimited,
    /// The server answered 5xx and retries did not help.
    ServerError,
    /// Any other non-2xx answer (including a refused redirect).
    ApiError,
    /// No complete answer arrived within the timeout or deadline.
    Timeout,
    /// Could not connect, the connection was reset, or TLS failed.
    Connection,
    /// A 2xx answer whose body is not what the API defines.
    Decode,
    /// `wait_until` gave up before the status was reached.
    WaitTimeout,
    /// The caller cancelled the call.
    Cancelled,
    /// A bug of the SDK caught at the language boundary (a Rust panic),
    /// reported instead of crashing the host process.
    Internal,
}

impl ErrorKind {
    /// Every kind, in the order of the contract's code table.
    pub const ALL: [ErrorKind; 16] = [
        ErrorKind::InvalidArgument,
        ErrorKind::BadRequest,
        ErrorKind::Authentication,
        ErrorKind::PermissionDenied,
        ErrorKind::NotFound,
        ErrorKind::Conflict,
        ErrorKind::UnprocessableEntity,
        ErrorKind::RateLimited,
        ErrorKind::ServerError,
        ErrorKind::ApiError,
        ErrorKind::Timeout,
        ErrorKind::Connection,
        ErrorKind::Decode,
        ErrorKind::WaitTimeout,
        ErrorKind::Cancelled,
        ErrorKind::Internal,
    ];

    /// The stable string code, identical in every language.
    ///
    /// ```
    /// assert_eq!(genesiscloud::ErrorKind::NotFound.as_str(), "not_found");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Authentication => "authentication",
            ErrorKind::PermissionDenied => "permission_denied",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::UnprocessableEntity => "unprocessable_entity",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::ServerError => "server_error",
            ErrorKind::ApiError => "api_error",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Connection => "connection",
            ErrorKind::Decode => "decode",
            ErrorKind::WaitTimeout => "wait_timeout",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Internal => "internal",
        }
    }

    /// The kind for a non-2xx HTTP status.
    pub fn from_status(status: u16) -> ErrorKind {
        match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Authentication,
            403 => ErrorKind::PermissionDenied,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::UnprocessableEntity,
            429 => ErrorKind::RateLimited,
            500..=599 => ErrorKind::ServerError,
            _ => ErrorKind::ApiError,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What `wait_until` has seen: handed to the progress callback after each
/// poll (see [`WaitOptions::on_progress`](crate::WaitOptions::on_progress)),
/// and carried by the error when the wait gives up
/// ([`ErrorKind::WaitTimeout`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitProgress {
    /// The status of the last poll; `None` when it answered 404 (the
    /// resource is gone) or, on an error, when no poll succeeded.
    pub last_status: Option<String>,
    /// How many times the resource was polled.
    pub polls: u32,
    /// How long the wait lasted.
    pub waited: Duration,
}

/// An SDK failure: what went wrong, and whether the server may have acted.
///
/// The token never appears in its `Display` or `Debug` output: messages are
/// built from statuses, API error bodies and fixed texts only.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    message: String,
    status: Option<u16>,
    api_code: Option<String>,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    attempts: u32,
    request_sent: bool,
    wait: Option<WaitProgress>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// A new error of `kind` with a human-readable message.
    ///
    /// `attempts` starts at 0 and `request_sent` at false; the transport
    /// fills them in.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                status: None,
                api_code: None,
                request_id: None,
                retry_after: None,
                attempts: 0,
                request_sent: false,
                wait: None,
                source: None,
            }),
        }
    }

    /// An `invalid_argument` error: the call was refused before sending.
    pub fn invalid_argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidArgument, message)
    }

    /// The `internal` error of a panic caught at a language boundary: a bug
    /// of the SDK, reported with the panic's message instead of crashing
    /// the host process. Every binding words it this way.
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Error {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Error::new(
            ErrorKind::Internal,
            format!("internal error in the Genesis Cloud SDK (please report it): {what}"),
        )
    }

    /// A `cancelled` error, for bindings whose caller cancelled a call.
    pub fn cancelled() -> Error {
        Error::new(ErrorKind::Cancelled, "the call was cancelled")
    }

    /// The `cancelled` error a progress callback returns to stop a wait,
    /// with what stopped it as its [`source`](std::error::Error::source):
    /// a binding keeps its caller's exception there, to raise that very
    /// exception again.
    pub fn stopped(source: impl std::error::Error + Send + Sync + 'static) -> Error {
        Error::new(
            ErrorKind::Cancelled,
            format!("the progress callback stopped the wait: {source}"),
        )
        .with_source(source)
    }

    /// The stable kind of this error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The stable string code of the kind (`"not_found"`, …).
    pub fn code(&self) -> &'static str {
        self.inner.kind.as_str()
    }

    /// The message, without the code prefix that `Display` adds.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// The API's own error code (`"02035"`, …), when the body carried one.
    pub fn api_code(&self) -> Option<&str> {
        self.inner.api_code.as_deref()
    }

    /// The server's `X-Request-Id`, when it sent one: quote it to support.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// How long the server asked to wait (`Retry-After`), when it said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// How many HTTP attempts were made (0 when refused before sending).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// Whether the server may have acted on the request.
    ///
    /// `false` means nothing reached the network, so retrying is safe. `true`
    /// on a `POST` that failed means the resource may exist: look before you
    /// create it again.
    pub fn request_sent(&self) -> bool {
        self.inner.request_sent
    }

    /// What `wait_until` saw, on a `wait_timeout` error.
    pub fn wait_progress(&self) -> Option<&WaitProgress> {
        self.inner.wait.as_ref()
    }

    pub(crate) fn with_status(mut self, status: u16) -> Error {
        self.inner.status = Some(status);
        self
    }

    pub(crate) fn with_api_code(mut self, code: Option<String>) -> Error {
        self.inner.api_code = code;
        self
    }

    pub(crate) fn with_request_id(mut self, id: Option<String>) -> Error {
        self.inner.request_id = id;
        self
    }

    pub(crate) fn with_retry_after(mut self, after: Option<Duration>) -> Error {
        self.inner.retry_after = after;
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Error {
        self.inner.attempts = attempts;
        self
    }

    pub(crate) fn with_request_sent(mut self, sent: bool) -> Error {
        self.inner.request_sent = sent;
        self
    }

    pub(crate) fn with_wait(mut self, wait: WaitProgress) -> Error {
        self.inner.wait = Some(wait);
        self
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        self.inner.source = Some(Box::new(source));
        self
    }

    fn render(&self) -> String {
        let i = &self.inner;
        let mut out = format!("{}: {}", i.kind.as_str(), i.message);
        if let Some(status) = i.status {
            out.push_str(&format!(" (HTTP {status}"));
            if let Some(code) = &i.api_code {
                out.push_str(&format!(", code {code}"));
            }
            if let Some(id) = &i.request_id {
                out.push_str(&format!(", request id {id}"));
            }
            out.push(')');
        }
        if i.attempts > 1 {
            out.push_str(&format!(" after {} attempts", i.attempts));
        }
        out
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("Error")
            .field("kind", &i.kind)
            .field("message", &i.message)
            .field("status", &i.status)
            .field("api_code", &i.api_code)
            .field("request_id", &i.request_id)
            .field("retry_after", &i.retry_after)
            .field("attempts", &i.attempts)
            .field("request_sent", &i.request_sent)
            .field("wait", &i.wait)
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static))
    }
}

/// Asserts that a setting was refused as `invalid_argument` with a message
/// naming `needle` (the builder's and the overrides' tests).
#[cfg(test)]
pub(crate) fn assert_refused(error: Option<Error>, needle: &str) {
    let e = error.expect("the setting was accepted");
    assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{e}");
    assert!(
        e.message().contains(needle),
        "{} lacks {needle}",
        e.message()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_spec_table() {
        let codes: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            codes,
            [
                "invalid_argument",
                "bad_request",
                "authentication",
                "permission_denied",
                "not_found",
                "conflict",
                "unprocessable_entity",
                "rate_limited",
                "server_error",
                "api_error",
                "timeout",
                "connection",
                "decode",
                "wait_timeout",
                "cancelled",
                "internal"
            ]
        );
    }

    #[test]
    fn status_maps_to_kind() {
        assert_eq!(ErrorKind::from_status(404), ErrorKind::NotFound);
        assert_eq!(ErrorKind::from_status(503), ErrorKind::ServerError);
        assert_eq!(ErrorKind::from_status(418), ErrorKind::ApiError);
        assert_eq!(ErrorKind::from_status(307), ErrorKind::ApiError);
    }

    #[test]
    fn display_names_code_status_and_request_id() {
        let e = Error::new(ErrorKind::NotFound, "instance not found")
            .with_status(404)
            .with_api_code(Some("00404".into()))
            .with_request_id(Some("req-1".into()))
            .with_attempts(1);
        assert_eq!(
            e.to_string(),
            "not_found: instance not found (HTTP 404, code 00404, request id req-1)"
        );
    }
}
