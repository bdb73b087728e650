//! The raw answer of a successful request (status, allow-listed headers,
//! request id, attempts, elapsed time), handed to the on_response callback
//! of gc_client_overrides.

use std::ffi::{c_char, c_void, CStr, CString};
use std::ptr;

use genesiscloud::ResponseInfo;

use crate::ffi;

/// What the API answered to one successful request, given to the
/// on_response callback of gc_client_overrides. Valid only during the
/// callback, as is every string it hands out: copy what you keep. Headers
/// pass through the log allow-list (content-type, content-length,
/// retry-after, x-request-id, user-agent): any other header keeps its name
/// and shows the value "REDACTED".
pub struct gc_response {
    info: ResponseInfo,
    method: CString,
    path: CString,
    request_id: Option<CString>,
    /// `info.headers()` as C strings, in the same order.
    headers: Vec<(CString, CString)>,
}

impl gc_response {
    fn new(info: &ResponseInfo) -> gc_response {
        gc_response {
            method: ffi::cstring(info.method()),
            path: ffi::cstring(info.path()),
            request_id: info.request_id().map(ffi::cstring),
            headers: info
                .headers()
                .iter()
                .map(|(n, v)| (ffi::cstring(n), ffi::cstring(v)))
                .collect(),
            info: info.clone(),
        }
    }
}

/// Called with the raw answer of every successful request of a client
/// derived with it (gc_client_with_options()): once for a single call, once
/// per page of a list (during the gc_pager_next() that received the page),
/// once per answered poll of a wait. It runs on the thread that made the
/// call, before the call returns, so keep it short. `response` and its
/// strings are valid only during the callback. The callback may read
/// `response` with the gc_response_* functions, but must not make requests
/// (such a call fails with GC_ERROR_INVALID_ARGUMENT). When the derived
/// client is used from several threads at once, the callback runs on each
/// of them, possibly at the same time, with the same `userdata`.
pub type gc_on_response =
    Option<unsafe extern "C" fn(response: *const gc_response, userdata: *mut c_void)>;

/// The C callback and its userdata, as the core's observer.
pub(crate) struct Observer {
    callback: unsafe extern "C" fn(*const gc_response, *mut c_void),
    userdata: *mut c_void,
}

// SAFETY: the core calls the observer inside the request's future, which
// `runtime::block_on` polls on the thread that made the C call (the core
// spawns no task for a request, nor for a pager's prefetched pages: they
// are polled by gc_pager_next), so the callback runs on the caller's
// thread. Sharing it between the threads that use one client is the
// caller's contract, stated on gc_on_response.
unsafe impl Send for Observer {}
unsafe impl Sync for Observer {}

impl Observer {
    /// The observer of `callback`, or `None` when it is NULL.
    pub(crate) fn new(callback: gc_on_response, userdata: *mut c_void) -> Option<Observer> {
        callback.map(|callback| Observer { callback, userdata })
    }

    /// Tells the callback of one answer. A panic making the gc_response
    /// is kept from the request (whose answer is fine): the callback is
    /// skipped.
    pub(crate) fn tell(&self, info: &ResponseInfo) {
        ffi::guard((), || {
            let response = gc_response::new(info);
            // SAFETY: the header asks for a callback that takes these
            // arguments; `response` outlives the call.
            unsafe { (self.callback)(&response, self.userdata) }
        })
    }
}

/// The HTTP status (200, 201, 204, ...), or 0 when `response` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_response_status(response: *const gc_response) -> i32 {
    ffi::guard(0, || {
        ffi::borrow(response).map_or(0, |r| i32::from(r.info.status()))
    })
}

/// The request's method ("GET", "POST", ...), or NULL when `response` is
/// NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_response_method(response: *const gc_response) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(response).map_or(ptr::null(), |r| r.method.as_ptr())
    })
}

/// The request's URL path with its query
/// ("/compute/v1/images?page=2&per_page=50"), or NULL when `response` is
/// NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_response_path(response: *const gc_response) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(response).map_or(ptr::null(), |r| r.path.as_ptr())
    })
}

/// The x-request-id the API gave this request (quote it to support), or
/// NULL when the answer had none or `response` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_response_request_id(response: *const gc_response) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(response)
            .and_then(|r| r.request_id.as_ref())
            .map_or(ptr::null(), |s| s.as_ptr())
    })
}

/// Attempts the request took, retries included (1 when the first one
/// answered), or 0 when `response` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_response_attempts(response: *const gc_response) -> u32 {
    ffi::guard(0, || ffi::borrow(response).map_or(0, |r| r.info.attempts()))
}

/// Milliseconds from the first attempt's start to this answer, retry
/// pauses included, or 0 when `response` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_response_elapsed_ms(response: *const gc_response) -> f64 {
    ffi::guard(0.0, || {
        ffi::borrow(response).map_or(0.0, |r| r.info.elapsed().as_secs_f64() * 1000.0)
    })
}

/// How many headers the answer had (a name received twice counts twice), or
/// 0 when `response` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_response_header_count(response: *const gc_response) -> usize {
    ffi::guard(0, || ffi::borrow(response).map_or(0, |r| r.headers.len()))
}

/// The name of header `index`, in the order received, in lower case; NULL
/// when `index` is out of range or `response` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_response_header_name(
    response: *const gc_response,
    index: usize,
) -> *const c_char {
    header_part(response, index, |(name, _)| name)
}

/// The value of header `index` (through the allow-list: "REDACTED" for a
/// header not on it); NULL when `index` is out of range or `response` is
/// NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_response_header_value(
    response: *const gc_response,
    index: usize,
) -> *const c_char {
    header_part(response, index, |(_, value)| value)
}

/// The name or the value (`pick`) of header `index`, NULL when there is
/// none.
unsafe fn header_part(
    response: *const gc_response,
    index: usize,
    pick: fn(&(CString, CString)) -> &CString,
) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(response)
            .and_then(|r| r.headers.get(index))
            .map_or(ptr::null(), |header| pick(header).as_ptr())
    })
}

/// The first value of header `name` (any case, e.g. "Content-Type"), or
/// NULL when the answer did not have it, or `response` or `name` is NULL
/// (or `name` is not UTF-8).
#[no_mangle]
pub unsafe extern "C" fn gc_response_header(
    response: *const gc_response,
    name: *const c_char,
) -> *const c_char {
    ffi::guard(ptr::null(), || {
        let Some(r) = ffi::borrow(response) else {
            return ptr::null();
        };
        if name.is_null() {
            return ptr::null();
        }
        let Ok(name) = CStr::from_ptr(name).to_str() else {
            return ptr::null();
        };
        // The core finds the header; its value is the same string as the
        // one at that place of `headers`.
        let Some(found) = r.info.header(name) else {
            return ptr::null();
        };
        r.info
            .headers()
            .iter()
            .zip(&r.headers)
            .find(|((_, value), _)| ptr::eq(value.as_str(), found))
            .map_or(ptr::null(), |(_, (_, value))| value.as_ptr())
    })
}
