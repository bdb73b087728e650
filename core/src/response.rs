//! The raw answer of a successful request, for callers who ask for it:
//! the status, headers and request id that support asks for, and what it
//! took (attempts, time).

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::transport::loggable_value;

/// What the API answered to one successful request.
///
/// Headers pass through the log allow-list (`content-type`,
/// `content-length`, `retry-after`, `x-request-id`, `user-agent`): any
/// other header keeps its name and shows `REDACTED`, so no credential can
/// reach a log through it.
#[derive(Clone, PartialEq, Eq)]
pub struct ResponseInfo {
    method: String,
    path: String,
    status: u16,
    headers: Vec<(String, String)>,
    request_id: Option<String>,
    attempts: u32,
    elapsed: Duration,
}

impl fmt::Debug for ResponseInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseInfo")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("attempts", &self.attempts)
            .field("elapsed", &self.elapsed)
            .field("headers", &self.headers)
            .finish()
    }
}

impl ResponseInfo {
    pub(crate) fn new(
        method: &str,
        path: String,
        status: u16,
        headers: &HeaderMap,
        attempts: u32,
        elapsed: Duration,
    ) -> ResponseInfo {
        let request_id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let headers = headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    loggable_value(name, value).to_owned(),
                )
            })
            .collect();
        ResponseInfo {
            method: method.to_owned(),
            path,
            status,
            headers,
            request_id,
            attempts,
            elapsed,
        }
    }

    /// The request's method (`GET`).
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The request's URL path, with its query
    /// (`/compute/v1/images?page=2&per_page=50`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The HTTP status (`200`, `201`, `204`).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The answer's headers in the order received, names in lower case,
    /// values through the log allow-list.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first value of header `name` (any case), if the answer had it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `x-request-id` the API gave this request: quote it to support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// Attempts it took, retries included (1 when the first one answered).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Time from the first attempt's start to this answer, retry pauses
    /// included.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

/// Called with the raw answer of every successful request of a client (see
/// [`crate::ClientOverrides::on_response`]); for a list, once per page.
pub type OnResponse = Arc<dyn Fn(&ResponseInfo) + Send + Sync>;

/// A result and the raw answers of the requests that produced it, from
/// [`crate::Client::with_response`].
#[derive(Debug, Clone)]
pub struct Response<T> {
    value: T,
    responses: Vec<ResponseInfo>,
}

impl<T> Response<T> {
    /// The parsed result.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The parsed result, dropping the raw answers.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The raw answer of the last request (of a list, its last page).
    pub fn info(&self) -> &ResponseInfo {
        self.responses
            .last()
            .expect("a Response is only made with at least one answer")
    }

    /// The raw answer of every request, in the order they were answered:
    /// one for a single call, one per page for a list.
    pub fn responses(&self) -> &[ResponseInfo] {
        &self.responses
    }

    /// The result and every raw answer.
    pub fn into_parts(self) -> (T, Vec<ResponseInfo>) {
        (self.value, self.responses)
    }

    pub(crate) fn new(value: T, responses: Vec<ResponseInfo>) -> Option<Response<T>> {
        (!responses.is_empty()).then_some(Response { value, responses })
    }
}

/// Raw answers collected by an [`OnResponse`] observer, for bindings that
/// hand them to their language after the call returns, on the caller's
/// thread. Clones share one buffer.
#[derive(Clone, Default)]
pub struct ResponseLog(Arc<Mutex<Vec<ResponseInfo>>>);

impl fmt::Debug for ResponseLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ResponseLog").finish_non_exhaustive()
    }
}

impl ResponseLog {
    /// An empty log.
    pub fn new() -> ResponseLog {
        ResponseLog::default()
    }

    /// An observer that appends every answer to this log.
    pub fn recorder(&self) -> impl Fn(&ResponseInfo) + Send + Sync + 'static {
        let log = self.0.clone();
        move |info| {
            log.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(info.clone())
        }
    }

    /// The answers recorded since the last `take`, oldest first.
    pub fn take(&self) -> Vec<ResponseInfo> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn headers_pass_the_log_allow_list_and_the_request_id_is_kept() {
        let mut h = HeaderMap::new();
        h.insert("content-type", HeaderValue::from_static("application/json"));
        h.insert("x-request-id", HeaderValue::from_static("req-1"));
        h.insert("set-cookie", HeaderValue::from_static("session=canary"));
        let info = ResponseInfo::new("GET", "/x".into(), 200, &h, 2, Duration::ZERO);
        assert_eq!(info.header("Content-Type"), Some("application/json"));
        assert_eq!(info.header("set-cookie"), Some("REDACTED"));
        assert_eq!(info.request_id(), Some("req-1"));
        assert_eq!(info.attempts(), 2);
        assert!(!format!("{info:?}").contains("canary"));
    }

    #[test]
    fn a_log_hands_out_each_answer_once() {
        let log = ResponseLog::new();
        let record = log.recorder();
        let info = ResponseInfo::new(
            "GET",
            "/x".into(),
            200,
            &HeaderMap::new(),
            1,
            Duration::ZERO,
        );
        record(&info);
        record(&info);
        assert_eq!(log.take().len(), 2);
        assert!(log.take().is_empty());
    }
}
