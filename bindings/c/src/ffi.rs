//! The boundary between C and Rust: panics caught, pointers and strings
//! checked, results handed out. Every export's body runs through [`call`]
//! (fallible functions) or [`guard`] (accessors and `_free`).

use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use genesiscloud::operations::Arguments;
use genesiscloud::{Error, Result};
use serde::de::DeserializeOwned;

use crate::error::{gc_error, gc_status};

/// Runs a fallible body: its status on success; on failure (or panic) the
/// error's code, with the error handed out through `err` when not NULL.
pub(crate) unsafe fn call(
    err: *mut *mut gc_error,
    body: impl FnOnce() -> Result<gc_status>,
) -> gc_status {
    if !err.is_null() {
        *err = ptr::null_mut();
    }
    let failure = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(status)) => return status,
        Ok(Err(e)) => gc_error::from_core(&e),
        Err(payload) => gc_error::from_panic(payload.as_ref()),
    };
    let code = failure.code();
    if !err.is_null() {
        *err = Box::into_raw(Box::new(failure));
    }
    code
}

/// Runs an infallible body, answering `fallback` should it panic.
pub(crate) fn guard<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// A handle passed in, or `None` for NULL.
pub(crate) unsafe fn borrow<'a, T>(handle: *const T) -> Option<&'a T> {
    handle.as_ref()
}

/// A handle that must not be NULL.
pub(crate) unsafe fn handle<'a, T>(handle: *const T, name: &str) -> Result<&'a T> {
    handle
        .as_ref()
        .ok_or_else(|| Error::invalid_argument(format!("`{name}` must not be NULL")))
}

/// A pager or other handle the call changes.
pub(crate) unsafe fn handle_mut<'a, T>(handle: *mut T, name: &str) -> Result<&'a mut T> {
    handle
        .as_mut()
        .ok_or_else(|| Error::invalid_argument(format!("`{name}` must not be NULL")))
}

/// An out-parameter: refused when NULL, cleared otherwise so that the
/// caller never sees a stale pointer after a failure.
pub(crate) unsafe fn out<'a, T>(out: *mut *mut T) -> Result<&'a mut *mut T> {
    let slot = out
        .as_mut()
        .ok_or_else(|| Error::invalid_argument("`out` must not be NULL"))?;
    *slot = ptr::null_mut();
    Ok(slot)
}

/// Moves a result into an out-parameter.
pub(crate) fn give<T>(slot: &mut *mut T, value: T) {
    *slot = Box::into_raw(Box::new(value));
}

/// A required string argument.
pub(crate) unsafe fn str_arg<'a>(s: *const c_char, name: &str) -> Result<&'a str> {
    if s.is_null() {
        return Err(Error::invalid_argument(format!(
            "`{name}` must not be NULL"
        )));
    }
    CStr::from_ptr(s)
        .to_str()
        .map_err(|_| Error::invalid_argument(format!("`{name}` is not valid UTF-8")))
}

/// An optional string argument: NULL is `None`.
pub(crate) unsafe fn opt_str_arg<'a>(s: *const c_char, name: &str) -> Result<Option<&'a str>> {
    if s.is_null() {
        Ok(None)
    } else {
        str_arg(s, name).map(Some)
    }
}

/// A request body given as JSON, read into the core's body type by the
/// core's argument reader, the one Python and Node use: a missing, mistyped
/// or too deeply nested field is refused before anything is sent, in the
/// same words as in every other language.
pub(crate) unsafe fn json_arg<T: DeserializeOwned>(s: *const c_char, name: &str) -> Result<T> {
    str_arg(s, name)?.read()
}

/// A C string of `s`; an interior NUL (which C cannot represent) becomes
/// U+FFFD so that nothing is silently cut short.
pub(crate) fn cstring(s: &str) -> CString {
    CString::new(s)
        .unwrap_or_else(|_| CString::new(s.replace('\0', "\u{FFFD}")).unwrap_or_default())
}

/// Frees a handle created by `Box::into_raw`; NULL is ignored.
pub(crate) unsafe fn free<T>(handle: *mut T) {
    if !handle.is_null() {
        drop(Box::from_raw(handle));
    }
}
