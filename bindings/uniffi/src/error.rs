//! Failures as plain data for the Kotlin wrapper, which throws the
//! `GenesisCloudException` subclass of the code.

use genesiscloud::Error;

/// An SDK failure: the SDK contract's code and every field the core reported.
#[derive(Debug, uniffi::Error)]
pub enum NativeError {
    /// The one variant: every failure has the same fields.
    Failed {
        /// The SDK contract's stable code (`not_found`, …), or `internal` for a bug.
        code: String,
        /// The message, without the code prefix.
        detail: String,
        /// The full text: code, message, status, API code, request id, attempts.
        text: String,
        /// The HTTP status, when a response was received.
        status: Option<u16>,
        /// The API's own error code, when the body carried one.
        api_code: Option<String>,
        /// The server's request id, when it sent one.
        request_id: Option<String>,
        /// Seconds the server asked to wait (`Retry-After`).
        retry_after: Option<f64>,
        /// HTTP attempts made.
        attempts: u32,
        /// Whether the server may have acted on the request.
        request_sent: bool,
        /// `wait_timeout`: the last status seen.
        last_status: Option<String>,
        /// `wait_timeout`: how many polls were made.
        polls: Option<u32>,
        /// `wait_timeout`: milliseconds waited.
        waited_ms: Option<f64>,
    },
}

impl std::fmt::Display for NativeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let NativeError::Failed { text, .. } = self;
        f.write_str(text)
    }
}

impl std::error::Error for NativeError {}

impl From<Error> for NativeError {
    fn from(e: Error) -> NativeError {
        let wait = e.wait_progress();
        NativeError::Failed {
            code: e.code().to_owned(),
            detail: e.message().to_owned(),
            text: e.to_string(),
            status: e.status(),
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

/// What an export returns.
pub(crate) type Outcome<T> = Result<T, NativeError>;
