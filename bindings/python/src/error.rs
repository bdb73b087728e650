//! Turning the core's errors, and panics, into the Python exceptions of
//! `genesiscloud._errors`.
//!
//! The exception classes live in Python because some have two bases
//! (`InvalidArgumentError` is also a `ValueError`, `APITimeoutError` also a
//! `TimeoutError`), which pyo3 cannot declare; Rust calls one constructor
//! there with the error's fields. Only the error's kind (its code) chooses
//! the class, so a kind this binding does not know still becomes a
//! `GenesisCloudError`.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use genesiscloud::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;

static FROM_NATIVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static CANCELLED: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The Python exception for a core error; for a wait stopped by its
/// progress callback, the very exception the callback raised.
pub(crate) fn to_pyerr(py: Python<'_>, error: &Error) -> PyErr {
    let raised = std::error::Error::source(error).and_then(|s| s.downcast_ref::<PyErr>());
    if let Some(raised) = raised {
        return raised.clone_ref(py);
    }
    match exception(py, error) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

fn exception<'py>(py: Python<'py>, error: &Error) -> PyResult<Bound<'py, PyAny>> {
    if error.kind() == ErrorKind::Cancelled {
        let cls = CANCELLED.import(py, "asyncio", "CancelledError")?;
        return cls.call1((error.message(),));
    }
    let fields = PyDict::new(py);
    fields.set_item("code", error.code())?;
    fields.set_item("message", error.message())?;
    fields.set_item("text", error.to_string())?;
    fields.set_item("status", error.status())?;
    fields.set_item("api_code", error.api_code())?;
    fields.set_item("request_id", error.request_id())?;
    fields.set_item("retry_after", error.retry_after().map(|d| d.as_secs_f64()))?;
    fields.set_item("attempts", error.attempts())?;
    fields.set_item("request_sent", error.request_sent())?;
    if let Some(wait) = error.wait_progress() {
        fields.set_item("last_status", wait.last_status.as_deref())?;
        fields.set_item("polls", wait.polls)?;
        fields.set_item("waited", wait.waited.as_secs_f64())?;
    }
    build(py, &fields)
}

fn build<'py>(py: Python<'py>, fields: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyAny>> {
    FROM_NATIVE
        .import(py, "genesiscloud._errors", "_from_native")?
        .call((), Some(fields))
}

/// An `InternalError` (code `internal`): a bug in the SDK, never a
/// `PanicException` (which `except Exception` would not catch).
pub(crate) fn internal(message: String) -> PyErr {
    let error = Error::new(ErrorKind::Internal, message);
    Python::attach(|py| to_pyerr(py, &error))
}

/// The message of a caught panic, worded by the core like every binding's.
pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> String {
    Error::from_panic(payload).message().to_owned()
}

/// Runs the body of an exported function, turning a panic into an
/// `internal` `GenesisCloudError`.
pub(crate) fn guard<T>(body: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => Err(internal(panic_message(payload.as_ref()))),
    }
}

/// An `invalid_argument` error for the Python caller.
pub(crate) fn invalid_argument(py: Python<'_>, message: impl Into<String>) -> PyErr {
    to_pyerr(py, &Error::invalid_argument(message))
}
