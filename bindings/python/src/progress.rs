//! A wait's `on_progress` callable, handed to the core as the wait's
//! progress callback.
//!
//! The blocking client calls it on the tokio thread that polls, attached
//! to the interpreter only for the call (the caller's thread waits with the
//! GIL released, so it is free). `AsyncClient` schedules it on the caller's
//! event loop, where asyncio code must run, and awaits an awaitable it
//! returns there; the poll after it waits for the answer through a
//! oneshot channel, blocking no tokio thread. What the callable raises
//! stops the wait as the source of a `cancelled` error (`Error::stopped`),
//! which `error::to_pyerr` raises again as the very same object.

use std::sync::Mutex;

use futures::channel::oneshot;
use genesiscloud::{Error, WaitOptions, WaitProgress};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::error::invalid_argument;

static PROGRESS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static RUN_ON_LOOP: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Where the callable runs.
pub(crate) enum Runner {
    /// The tokio thread that polls (the blocking client).
    Here,
    /// This event loop (`AsyncClient`).
    OnLoop(Py<PyAny>),
}

/// The options' transformation that adds `callback` as the wait's progress
/// callback; `invalid_argument` when it cannot be called.
pub(crate) fn watch(
    py: Python<'_>,
    callback: &Bound<'_, PyAny>,
    runner: Runner,
) -> PyResult<impl FnOnce(WaitOptions) -> WaitOptions> {
    if !callback.is_callable() {
        let kind = callback.get_type().name()?;
        return Err(invalid_argument(
            py,
            format!("on_progress must be callable, not {kind}"),
        ));
    }
    let callback = callback.clone().unbind();
    Ok(move |options: WaitOptions| match runner {
        Runner::Here => options.on_progress(move |seen| call_here(&callback, seen)),
        Runner::OnLoop(event_loop) => {
            options.on_progress_async(move |seen| call_on_loop(&event_loop, &callback, seen))
        }
    })
}

/// `genesiscloud.WaitProgress` of what the wait has seen.
fn progress<'py>(py: Python<'py>, seen: &WaitProgress) -> PyResult<Bound<'py, PyAny>> {
    PROGRESS
        .import(py, "genesiscloud._wait", "WaitProgress")?
        .call1((
            seen.last_status.as_deref(),
            seen.polls,
            seen.waited.as_secs_f64(),
        ))
}

fn call_here(callback: &Py<PyAny>, seen: &WaitProgress) -> genesiscloud::Result<()> {
    let outcome = Python::try_attach(|py| -> PyResult<()> {
        callback.call1(py, (progress(py, seen)?,))?;
        Ok(())
    });
    match outcome {
        Some(Ok(())) => Ok(()),
        Some(Err(raised)) => Err(Error::stopped(raised)),
        // The interpreter is exiting: nobody is waiting any more.
        None => Err(Error::cancelled()),
    }
}

fn call_on_loop(
    event_loop: &Py<PyAny>,
    callback: &Py<PyAny>,
    seen: &WaitProgress,
) -> impl std::future::Future<Output = genesiscloud::Result<()>> + Send + 'static {
    let (tx, rx) = oneshot::channel();
    let scheduled = Python::try_attach(|py| -> PyResult<()> {
        let run = RUN_ON_LOOP.import(py, "genesiscloud._asyncio", "_run_progress")?;
        let done = ProgressDone {
            tx: Mutex::new(Some(tx)),
        };
        event_loop.call_method1(
            py,
            "call_soon_threadsafe",
            (run, callback.clone_ref(py), progress(py, seen)?, done),
        )?;
        Ok(())
    });
    async move {
        match scheduled {
            Some(Ok(())) => match rx.await {
                Ok(None) => Ok(()),
                Ok(Some(raised)) => Err(Error::stopped(raised)),
                // Dropped uncalled: the loop closed with the callback queued.
                Err(_) => Err(Error::cancelled()),
            },
            // The loop is closed: nobody is waiting any more.
            Some(Err(raised)) => Err(Error::stopped(raised)),
            None => Err(Error::cancelled()),
        }
    }
}

/// Called on the loop when the callback (and what it returned) finished,
/// with what it raised or `None`.
#[pyclass(frozen, module = "genesiscloud._native")]
pub(crate) struct ProgressDone {
    tx: Mutex<Option<oneshot::Sender<Option<PyErr>>>>,
}

#[pymethods]
impl ProgressDone {
    fn __call__(&self, raised: Option<Bound<'_, PyAny>>) {
        let tx = self.tx.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(tx) = tx {
            // The wait may have been cancelled meanwhile: then nobody listens.
            let _ = tx.send(raised.map(PyErr::from_value));
        }
    }
}
