//! The one tokio runtime of the process, and blocking on it from Python;
//! single calls of the blocking client run on the caller's thread instead.
//!
//! The runtime is created on first use, replaced in a child process after
//! `fork()` (tokio's threads do not survive it), and shut down with a bounded
//! wait when the interpreter exits, so no worker thread is left trying to
//! attach to a finalizing interpreter.

use std::future::Future;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Mutex;
use std::time::Duration;

use futures::FutureExt;
use pyo3::prelude::*;
use tokio::runtime::{Builder, Handle, Runtime};
use tokio::task::AbortHandle;

use crate::error::{internal, panic_message};

/// How often a blocked call wakes up to let Python run signal handlers
/// (Ctrl-C), so `KeyboardInterrupt` arrives promptly during a slow request.
const SIGNAL_CHECK_INTERVAL: Duration = Duration::from_millis(50);

/// How long interpreter exit waits for in-flight tasks to wind down.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(2);

/// Bumped in every forked child: everything built on the runtime of an
/// earlier generation belongs to the parent and must not be touched.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// The runtime and the generation it was built in. The lock is only taken
/// while attached to Python, so no thread holds it when `os.fork()` runs
/// (the forking thread holds the GIL).
static RUNTIME: Mutex<Option<(u64, Runtime)>> = Mutex::new(None);

/// The current fork generation.
pub(crate) fn generation() -> u64 {
    GENERATION.load(Ordering::Acquire)
}

/// A handle to the runtime of this process, creating it if needed.
pub(crate) fn handle(_py: Python<'_>) -> PyResult<Handle> {
    let mut slot = RUNTIME.lock().unwrap_or_else(|e| e.into_inner());
    let current = generation();
    if let Some((born, runtime)) = slot.as_ref() {
        if *born == current {
            return Ok(runtime.handle().clone());
        }
    }
    if let Some((_, inherited)) = slot.take() {
        // The parent's runtime: its threads do not exist here and its
        // shutdown would wait for them forever.
        std::mem::forget(inherited);
    }
    let runtime = Builder::new_multi_thread()
        .worker_threads(worker_threads())
        .thread_name("genesiscloud-worker")
        .enable_all()
        .build()
        .map_err(|e| internal(format!("could not start the SDK's I/O threads: {e}")))?;
    let handle = runtime.handle().clone();
    *slot = Some((current, runtime));
    Ok(handle)
}

fn worker_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().clamp(1, 4))
        .unwrap_or(2)
}

/// Runs a call to completion on this thread, with the GIL released, on a
/// runtime of the thread's own (`genesiscloud::block_on_here`): no hop to
/// a worker and back. Like [`block_on`] it stops every 50 ms to run
/// Python's signal handlers; if one raises, the call is dropped, which
/// cancels the request. A thread that cannot (a callback of a call on this
/// thread calling the SDK again) runs it with [`block_on`].
pub(crate) fn block_on_here<F>(py: Python<'_>, future: F) -> PyResult<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut call = Box::pin(AssertUnwindSafe(future).catch_unwind());
    loop {
        let running = &mut call;
        let step = py.detach(move || {
            // The timer is made inside: it needs the runtime it runs on.
            let slice = async move { tokio::time::timeout(SIGNAL_CHECK_INTERVAL, running).await };
            match genesiscloud::block_on_here(slice) {
                Ok(Ok(Ok(output))) => Step::Done(output),
                Ok(Ok(Err(payload))) => Step::Panicked(panic_message(payload.as_ref())),
                Ok(Err(_)) => Step::Slept,
                Err(_) => Step::Elsewhere,
            }
        });
        match step {
            Step::Done(output) => return Ok(output),
            Step::Panicked(message) => return Err(internal(message)),
            Step::Slept => py.check_signals()?,
            Step::Elsewhere => {
                return block_on(py, call)?.map_err(|p| internal(panic_message(p.as_ref())))
            }
        }
    }
}

/// How far one slice of [`block_on_here`] got.
enum Step<T> {
    Done(T),
    Panicked(String),
    /// The slice ended with the call still running.
    Slept,
    /// This thread cannot run the call itself.
    Elsewhere,
}

/// Runs `future` to completion on the runtime while this thread waits with
/// the GIL released, waking every 50 ms to run Python's signal handlers; if
/// one raises (Ctrl-C), the task is aborted, which cancels the request, and
/// the exception propagates.
///
/// The waiting thread uses no tokio timer, so a thread still blocked here
/// when the runtime shuts down at interpreter exit gets an error rather
/// than a panic.
pub(crate) fn block_on<F>(py: Python<'_>, future: F) -> PyResult<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    let (tx, mut rx) = std::sync::mpsc::sync_channel(1);
    let task = handle(py)?.spawn(async move {
        let output = AssertUnwindSafe(future).catch_unwind().await;
        let _ = tx.send(output);
    });
    let _abort = AbortOnDrop(task.abort_handle());
    loop {
        // A unique borrow moved in: the receiver is `Send` but not `Sync`.
        let waiting = &mut rx;
        match py.detach(move || waiting.recv_timeout(SIGNAL_CHECK_INTERVAL)) {
            Ok(Ok(output)) => return Ok(output),
            Ok(Err(payload)) => return Err(internal(panic_message(payload.as_ref()))),
            Err(RecvTimeoutError::Timeout) => py.check_signals()?,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(internal(
                    "the SDK's I/O threads were stopped: the interpreter is exiting".to_owned(),
                ))
            }
        }
    }
}

/// Aborts a task when the caller stops waiting for it.
struct AbortOnDrop(AbortHandle);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Called in the child after `os.fork()`: the next use builds a new runtime.
#[pyfunction]
pub(crate) fn _after_fork_in_child() {
    GENERATION.fetch_add(1, Ordering::AcqRel);
}

/// Called at interpreter exit: stops the runtime, waiting at most 2 s.
#[pyfunction]
pub(crate) fn _shutdown(py: Python<'_>) {
    let taken = RUNTIME.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some((born, runtime)) = taken {
        if born == generation() {
            py.detach(|| runtime.shutdown_timeout(SHUTDOWN_TIMEOUT));
        } else {
            std::mem::forget(runtime);
        }
    }
}

/// A value tied to the runtime of one fork generation: dropped normally in
/// the process that made it, leaked in a forked child, where dropping it
/// would touch the parent's threads, sockets and event loop.
pub(crate) struct ForkGuard<T> {
    value: ManuallyDrop<T>,
    born: u64,
}

impl<T> ForkGuard<T> {
    pub(crate) fn new(value: T) -> ForkGuard<T> {
        ForkGuard {
            value: ManuallyDrop::new(value),
            born: generation(),
        }
    }

    /// Whether the value belongs to this process.
    pub(crate) fn is_current(&self) -> bool {
        self.born == generation()
    }
}

impl<T> Deref for ForkGuard<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> Drop for ForkGuard<T> {
    fn drop(&mut self) {
        if self.is_current() {
            // SAFETY: `value` is never used again after this.
            unsafe { ManuallyDrop::drop(&mut self.value) }
        }
    }
}
