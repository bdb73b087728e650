//! Failures as plain data for the JavaScript wrapper, which builds the
//! `Error` subclass of the code (napi's async rejections cannot carry one).

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use genesiscloud::Error;
use napi_derive::napi;

/// An SDK failure: the SDK contract's code and every field the core reported.
#[napi(object)]
pub struct NativeError {
    /// The SDK contract's stable code (`not_found`, …), or `internal` for a bug.
    pub code: String,
    /// The message, without the code prefix.
    pub message: String,
    /// The full text: code, message, status, API code, request id, attempts.
    pub text: String,
    /// The HTTP status, when a response was received.
    pub status: Option<u32>,
    /// The API's own error code, when the body carried one.
    pub api_code: Option<String>,
    /// The server's request id, when it sent one.
    pub request_id: Option<String>,
    /// Seconds the server asked to wait (`Retry-After`).
    pub retry_after: Option<f64>,
    /// HTTP attempts made.
    pub attempts: u32,
    /// Whether the server may have acted on the request.
    pub request_sent: bool,
    /// `wait_timeout`: the last status seen.
    pub last_status: Option<String>,
    /// `wait_timeout`: how many polls were made.
    pub polls: Option<u32>,
    /// `wait_timeout`: milliseconds waited.
    pub waited_ms: Option<f64>,
}

impl From<&Error> for NativeError {
    fn from(e: &Error) -> NativeError {
        let wait = e.wait_progress();
        NativeError {
            code: e.code().to_owned(),
            message: e.message().to_owned(),
            text: e.to_string(),
            status: e.status().map(u32::from),
            api_code: e.api_code().map(str::to_owned),
            request_id: e.request_id().map(str::to_owned),
            retry_after: e.retry_after().map(|d| d.as_secs_f64()),
            attempts: e.attempts(),
            request_sent: e.request_sent(),
            last_status: wait.and_then(|w| w.last_status.clone()),
            polls: wait.map(|w| w.polls),
            waited_ms: wait.map(|w| w.waited.as_secs_f64() * 1000.0),
        }
    }
}

impl From<Error> for NativeError {
    fn from(e: Error) -> NativeError {
        NativeError::from(&e)
    }
}

impl NativeError {
    /// An `internal` error for a caught panic, worded by the core.
    pub(crate) fn panicked(payload: &(dyn Any + Send)) -> NativeError {
        NativeError::from(Error::from_panic(payload))
    }
}

/// What a fallible export returns: its value, or the failure as data.
pub(crate) type Outcome<T> = napi::Either<T, NativeError>;

/// Runs the body of a synchronous export, turning an SDK error or a panic
/// into a [`NativeError`] for the wrapper to throw.
pub(crate) fn guard<T>(body: impl FnOnce() -> genesiscloud::Result<T>) -> Outcome<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => napi::Either::A(value),
        Ok(Err(e)) => napi::Either::B(NativeError::from(e)),
        Err(payload) => napi::Either::B(NativeError::panicked(payload.as_ref())),
    }
}
