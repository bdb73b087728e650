//! Status codes and the error object (the SDK contract, "Errors").

use std::any::Any;
use std::ffi::{c_char, CStr, CString};
use std::ptr;
use std::time::Duration;

use genesiscloud::{Error, ErrorKind};

use crate::ffi;

/// What a call returned: GC_OK, GC_DONE (pagers and queues only) or a
/// GC_ERROR_* code.
pub type gc_status = i32;

/// Success.
pub const GC_OK: gc_status = 0;
/// `invalid_argument`: the call was refused before anything was sent.
pub const GC_ERROR_INVALID_ARGUMENT: gc_status = 1;
/// `bad_request`: the server answered 400.
pub const GC_ERROR_BAD_REQUEST: gc_status = 2;
/// `authentication`: the server answered 401 (token missing, wrong or revoked).
pub const GC_ERROR_AUTHENTICATION: gc_status = 3;
/// `permission_denied`: the server answered 403.
pub const GC_ERROR_PERMISSION_DENIED: gc_status = 4;
/// `not_found`: the server answered 404.
pub const GC_ERROR_NOT_FOUND: gc_status = 5;
/// `conflict`: the server answered 409 (e.g. a resource in the wrong state).
pub const GC_ERROR_CONFLICT: gc_status = 6;
/// `unprocessable_entity`: the server answered 422.
pub const GC_ERROR_UNPROCESSABLE_ENTITY: gc_status = 7;
/// `rate_limited`: the server answered 429 and retries did not help.
pub const GC_ERROR_RATE_LIMITED: gc_status = 8;
/// `server_error`: the server answered 5xx and retries did not help.
pub const GC_ERROR_SERVER_ERROR: gc_status = 9;
/// `api_error`: any other non-2xx answer (including a refused redirect).
pub const GC_ERROR_API_ERROR: gc_status = 10;
/// `timeout`: no complete answer within the timeout or deadline, after retries.
pub const GC_ERROR_TIMEOUT: gc_status = 11;
/// `connection`: could not connect, connection reset, TLS failure, after retries.
pub const GC_ERROR_CONNECTION: gc_status = 12;
/// `decode`: a 2xx answer whose body is not what the API defines.
pub const GC_ERROR_DECODE: gc_status = 13;
/// `wait_timeout`: a wait_until gave up before the status was reached.
pub const GC_ERROR_WAIT_TIMEOUT: gc_status = 14;
/// `cancelled`: the call was cancelled.
pub const GC_ERROR_CANCELLED: gc_status = 15;
/// `internal`: a bug of the library caught at the boundary (a Rust panic),
/// reported instead of aborting the process; also the code of a failure
/// this version of the header has no code for.
pub const GC_ERROR_INTERNAL: gc_status = 16;
/// The former name of GC_ERROR_INTERNAL, kept so that code written against
/// an older header still compiles.
#[allow(dead_code)] // C's name only: the Rust side says GC_ERROR_INTERNAL.
pub const GC_ERROR_UNKNOWN: gc_status = GC_ERROR_INTERNAL;
/// gc_pager_next and gc_queue_next only: the list has no more items, the
/// queue no more calls.
pub const GC_DONE: gc_status = 17;

/// The C code of a core error kind; a kind added to a newer core maps to
/// GC_ERROR_INTERNAL instead of breaking this binding.
fn status_of(kind: ErrorKind) -> gc_status {
    match kind {
        ErrorKind::InvalidArgument => GC_ERROR_INVALID_ARGUMENT,
        ErrorKind::BadRequest => GC_ERROR_BAD_REQUEST,
        ErrorKind::Authentication => GC_ERROR_AUTHENTICATION,
        ErrorKind::PermissionDenied => GC_ERROR_PERMISSION_DENIED,
        ErrorKind::NotFound => GC_ERROR_NOT_FOUND,
        ErrorKind::Conflict => GC_ERROR_CONFLICT,
        ErrorKind::UnprocessableEntity => GC_ERROR_UNPROCESSABLE_ENTITY,
        ErrorKind::RateLimited => GC_ERROR_RATE_LIMITED,
        ErrorKind::ServerError => GC_ERROR_SERVER_ERROR,
        ErrorKind::ApiError => GC_ERROR_API_ERROR,
        ErrorKind::Timeout => GC_ERROR_TIMEOUT,
        ErrorKind::Connection => GC_ERROR_CONNECTION,
        ErrorKind::Decode => GC_ERROR_DECODE,
        ErrorKind::WaitTimeout => GC_ERROR_WAIT_TIMEOUT,
        ErrorKind::Cancelled => GC_ERROR_CANCELLED,
        _ => GC_ERROR_INTERNAL,
    }
}

/// The SDK contract's string for each code, NUL-terminated for C.
fn code_name(status: gc_status) -> &'static CStr {
    match status {
        GC_OK => c"ok",
        GC_ERROR_INVALID_ARGUMENT => c"invalid_argument",
        GC_ERROR_BAD_REQUEST => c"bad_request",
        GC_ERROR_AUTHENTICATION => c"authentication",
        GC_ERROR_PERMISSION_DENIED => c"permission_denied",
        GC_ERROR_NOT_FOUND => c"not_found",
        GC_ERROR_CONFLICT => c"conflict",
        GC_ERROR_UNPROCESSABLE_ENTITY => c"unprocessable_entity",
        GC_ERROR_RATE_LIMITED => c"rate_limited",
        GC_ERROR_SERVER_ERROR => c"server_error",
        GC_ERROR_API_ERROR => c"api_error",
        GC_ERROR_TIMEOUT => c"timeout",
        GC_ERROR_CONNECTION => c"connection",
        GC_ERROR_DECODE => c"decode",
        GC_ERROR_WAIT_TIMEOUT => c"wait_timeout",
        GC_ERROR_CANCELLED => c"cancelled",
        GC_ERROR_INTERNAL => c"internal",
        GC_DONE => c"done",
        _ => c"unknown",
    }
}

/// What wait_until saw before it gave up.
struct WaitProgress {
    last_status: Option<CString>,
    polls: u32,
    waited: Duration,
}

/// A failure: its code, message and everything known about the request.
/// Immutable; free it with gc_error_free().
pub struct gc_error {
    code: gc_status,
    message: CString,
    http_status: u16,
    api_code: Option<CString>,
    request_id: Option<CString>,
    retry_after: Option<Duration>,
    attempts: u32,
    request_sent: bool,
    wait: Option<WaitProgress>,
}

impl gc_error {
    /// The C form of a core error.
    pub(crate) fn from_core(e: &Error) -> gc_error {
        gc_error {
            code: status_of(e.kind()),
            message: ffi::cstring(e.message()),
            http_status: e.status().unwrap_or(0),
            api_code: e.api_code().map(ffi::cstring),
            request_id: e.request_id().map(ffi::cstring),
            retry_after: e.retry_after(),
            attempts: e.attempts(),
            request_sent: e.request_sent(),
            wait: e.wait_progress().map(|w| WaitProgress {
                last_status: w.last_status.as_deref().map(ffi::cstring),
                polls: w.polls,
                waited: w.waited,
            }),
        }
    }

    /// A panic caught at the boundary, reported instead of aborting, in
    /// the core's words like every binding's.
    pub(crate) fn from_panic(payload: &(dyn Any + Send)) -> gc_error {
        gc_error::from_core(&Error::from_panic(payload))
    }

    pub(crate) fn code(&self) -> gc_status {
        self.code
    }
}

fn opt_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(ptr::null(), |s| s.as_ptr())
}

/// The SDK contract's stable string for a status: "invalid_argument", "not_found", ...;
/// "ok" for GC_OK, "done" for GC_DONE and "unknown" for any other value.
/// Static storage: never free it.
#[no_mangle]
pub extern "C" fn gc_error_code_name(status: gc_status) -> *const c_char {
    ffi::guard(c"unknown".as_ptr(), || code_name(status).as_ptr())
}

/// The error's code (a GC_ERROR_* value); GC_OK when `err` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_error_code(err: *const gc_error) -> gc_status {
    ffi::guard(GC_OK, || ffi::borrow(err).map_or(GC_OK, |e| e.code))
}

/// The human-readable message, without the code; never contains the token.
/// Borrowed: valid until gc_error_free(err). NULL when `err` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_error_message(err: *const gc_error) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(err).map_or(ptr::null(), |e| e.message.as_ptr())
    })
}

/// The HTTP status of the answer, or 0 when no answer was received.
#[no_mangle]
pub unsafe extern "C" fn gc_error_http_status(err: *const gc_error) -> i32 {
    ffi::guard(0, || {
        ffi::borrow(err).map_or(0, |e| i32::from(e.http_status))
    })
}

/// The API's own error code (e.g. "02035"), or NULL when the answer carried
/// none. Borrowed: valid until gc_error_free(err).
#[no_mangle]
pub unsafe extern "C" fn gc_error_api_code(err: *const gc_error) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(err).map_or(ptr::null(), |e| opt_ptr(&e.api_code))
    })
}

/// The server's request id (quote it to support), or NULL when it sent
/// none. Borrowed: valid until gc_error_free(err).
#[no_mangle]
pub unsafe extern "C" fn gc_error_request_id(err: *const gc_error) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(err).map_or(ptr::null(), |e| opt_ptr(&e.request_id))
    })
}

/// How long the server asked to wait (`Retry-After`) in seconds, or -1.0
/// when it did not say. Set on GC_ERROR_RATE_LIMITED.
#[no_mangle]
pub unsafe extern "C" fn gc_error_retry_after(err: *const gc_error) -> f64 {
    ffi::guard(-1.0, || {
        ffi::borrow(err)
            .and_then(|e| e.retry_after)
            .map_or(-1.0, |d| d.as_secs_f64())
    })
}

/// How many HTTP attempts were made (0 when refused before sending).
#[no_mangle]
pub unsafe extern "C" fn gc_error_attempts(err: *const gc_error) -> u32 {
    ffi::guard(0, || ffi::borrow(err).map_or(0, |e| e.attempts))
}

/// Whether the server may have acted on the request. false: nothing reached
/// the network, retrying is safe. true on a failed create: the resource may
/// exist, look before creating it again.
#[no_mangle]
pub unsafe extern "C" fn gc_error_request_sent(err: *const gc_error) -> bool {
    ffi::guard(false, || ffi::borrow(err).is_some_and(|e| e.request_sent))
}

/// Whether the error carries wait progress (GC_ERROR_WAIT_TIMEOUT only).
#[no_mangle]
pub unsafe extern "C" fn gc_error_has_wait_progress(err: *const gc_error) -> bool {
    ffi::guard(false, || ffi::borrow(err).is_some_and(|e| e.wait.is_some()))
}

/// The last status wait_until saw, or NULL when none (no poll succeeded, or
/// no wait progress). Borrowed: valid until gc_error_free(err).
#[no_mangle]
pub unsafe extern "C" fn gc_error_wait_last_status(err: *const gc_error) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(err)
            .and_then(|e| e.wait.as_ref())
            .map_or(ptr::null(), |w| opt_ptr(&w.last_status))
    })
}

/// How many times wait_until polled (0 without wait progress).
#[no_mangle]
pub unsafe extern "C" fn gc_error_wait_polls(err: *const gc_error) -> u32 {
    ffi::guard(0, || {
        ffi::borrow(err)
            .and_then(|e| e.wait.as_ref())
            .map_or(0, |w| w.polls)
    })
}

/// How long wait_until waited, in milliseconds (0 without wait progress).
#[no_mangle]
pub unsafe extern "C" fn gc_error_wait_elapsed_ms(err: *const gc_error) -> u64 {
    ffi::guard(0, || {
        ffi::borrow(err)
            .and_then(|e| e.wait.as_ref())
            .map_or(0, |w| {
                u64::try_from(w.waited.as_millis()).unwrap_or(u64::MAX)
            })
    })
}

/// Frees an error and every string borrowed from it. Accepts NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_error_free(err: *mut gc_error) {
    ffi::guard((), || ffi::free(err))
}
