//! Awaitables for `AsyncClient`: a Rust future spawned on the runtime,
//! delivered to an `asyncio.Future` of the caller's event loop.
//!
//! Cancelling the asyncio future (or the task awaiting it) aborts the tokio
//! task, which drops the request. The result is converted to Python objects
//! on the tokio thread, then handed to the loop with `call_soon_threadsafe`.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use tokio::task::AbortHandle;

use crate::error::{panic_message, to_pyerr};
use crate::runtime;

static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static RESOLVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The running event loop of this thread (`asyncio.get_running_loop()`).
pub(crate) fn running_loop(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    GET_RUNNING_LOOP
        .import(py, "asyncio", "get_running_loop")?
        .call0()
}

/// Spawns `future` and returns an `asyncio.Future` of the running loop that
/// resolves to `convert(output)`, or raises the error's exception.
pub(crate) fn spawn<'py, T, F, C>(
    py: Python<'py>,
    future: F,
    convert: C,
) -> PyResult<Bound<'py, PyAny>>
where
    T: Send + 'static,
    F: Future<Output = genesiscloud::Result<T>> + Send + 'static,
    C: for<'a> FnOnce(Python<'a>, T) -> PyResult<Bound<'a, PyAny>> + Send + 'static,
{
    let event_loop = running_loop(py)?;
    let py_future = event_loop.call_method0("create_future")?;
    let target = (event_loop.unbind(), py_future.clone().unbind());
    let task = runtime::handle(py)?.spawn(async move {
        let outcome = AssertUnwindSafe(future).catch_unwind().await;
        let _ = Python::try_attach(|py| {
            let (event_loop, py_future) = target;
            let (value, exception) = match outcome {
                Ok(Ok(output)) => match convert(py, output) {
                    Ok(value) => (value.unbind(), py.None()),
                    Err(e) => (py.None(), e.into_value(py).into_any()),
                },
                Ok(Err(error)) => (py.None(), to_pyerr(py, &error).into_value(py).into_any()),
                Err(payload) => {
                    let error = crate::error::internal(panic_message(payload.as_ref()));
                    (py.None(), error.into_value(py).into_any())
                }
            };
            let delivered = RESOLVE
                .import(py, "genesiscloud._asyncio", "_resolve")
                .and_then(|resolve| {
                    event_loop.call_method1(
                        py,
                        "call_soon_threadsafe",
                        (resolve, py_future, value, exception),
                    )
                });
            if delivered.is_err() {
                // The loop was closed meanwhile: nobody is waiting any more.
                PyErr::take(py);
            }
        });
    });
    py_future.call_method1(
        "add_done_callback",
        (Canceller {
            task: task.abort_handle(),
        },),
    )?;
    Ok(py_future)
}

/// Done-callback of the asyncio future: a cancelled future aborts its task.
#[pyclass(frozen, module = "genesiscloud._native")]
pub(crate) struct Canceller {
    task: AbortHandle,
}

#[pymethods]
impl Canceller {
    fn __call__(&self, future: &Bound<'_, PyAny>) -> PyResult<()> {
        if future.call_method0("cancelled")?.is_truthy()? {
            self.task.abort();
        }
        Ok(())
    }
}
