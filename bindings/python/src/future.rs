//! Awaitables for `AsyncClient`: a Rust future spawned on the runtime,
//! delivered to an `asyncio.Future` of the caller's event loop.
//!
//! Cancelling the asyncio future (or the task awaiting it) aborts the tokio
//! task, which drops the request. The result goes to the loop's inbox
//! (`crate::inbox`), which converts it to Python objects on the loop's
//! thread; a loop that cannot watch a socket (`add_reader`: Windows'
//! proactor loop, some custom loops) gets it converted on the tokio thread
//! and handed over with `call_soon_threadsafe` instead.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::FutureExt;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use tokio::task::AbortHandle;

use crate::error::{panic_message, to_pyerr};
use crate::inbox::{Inbox, Queue, Settle};
use crate::runtime;

static GET_RUNNING_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static INBOX: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static RESOLVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The running event loop of this thread (`asyncio.get_running_loop()`).
pub(crate) fn running_loop(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    GET_RUNNING_LOOP
        .import(py, "asyncio", "get_running_loop")?
        .call0()
}

/// Where a finished call goes.
enum Destination {
    Inbox(Arc<Queue>),
    Threadsafe(Py<PyAny>),
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
    let inbox = INBOX
        .import(py, "genesiscloud._asyncio", "_inbox")?
        .call1((&event_loop,))?;
    let destination = match inbox.cast::<Inbox>() {
        Ok(inbox) => Destination::Inbox(inbox.get().queue()),
        Err(_) => Destination::Threadsafe(event_loop.unbind()),
    };
    let target = py_future.clone().unbind();
    let task = runtime::handle(py)?.spawn(async move {
        let outcome = AssertUnwindSafe(future).catch_unwind().await;
        let finish: Settle = Box::new(move |py: Python<'_>| settle(py, outcome, convert));
        match destination {
            Destination::Inbox(queue) => queue.deliver(target, finish),
            Destination::Threadsafe(event_loop) => {
                let _ = Python::try_attach(|py| {
                    let (value, exception) = match finish(py) {
                        Ok(value) => (value, py.None()),
                        Err(e) => (py.None(), e.into_value(py).into_any()),
                    };
                    let delivered = RESOLVE
                        .import(py, "genesiscloud._asyncio", "_resolve")
                        .and_then(|resolve| {
                            event_loop.call_method1(
                                py,
                                "call_soon_threadsafe",
                                (resolve, target, value, exception),
                            )
                        });
                    if delivered.is_err() {
                        // The loop was closed meanwhile: nobody is waiting any more.
                        PyErr::take(py);
                    }
                });
            }
        }
    });
    py_future.call_method1(
        "add_done_callback",
        (Canceller {
            task: task.abort_handle(),
        },),
    )?;
    Ok(py_future)
}

/// A finished call's result as a Python value, or the exception to raise.
fn settle<T, C>(
    py: Python<'_>,
    outcome: Result<genesiscloud::Result<T>, Box<dyn Any + Send>>,
    convert: C,
) -> PyResult<Py<PyAny>>
where
    C: for<'a> FnOnce(Python<'a>, T) -> PyResult<Bound<'a, PyAny>>,
{
    match outcome {
        Ok(Ok(output)) => convert(py, output).map(Bound::unbind),
        Ok(Err(error)) => Err(to_pyerr(py, &error)),
        Err(payload) => Err(crate::error::internal(panic_message(payload.as_ref()))),
    }
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
