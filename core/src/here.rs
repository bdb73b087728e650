//! Blocking calls that run on the caller's own thread, for the bindings
//! whose languages wait for an answer (C, Python's `Client`).
//!
//! A blocking call on a shared multi-thread runtime crosses threads twice:
//! the caller wakes the worker that owns the connection, and the worker
//! wakes the caller with the answer. On a loaded two-core machine those
//! wake-ups were a third of a `get` (0.18–0.21 ms, against 0.12–0.14 ms
//! with the call and its connection on one thread). So each thread that
//! makes blocking calls gets a current-thread runtime of its own, which
//! only it drives, and each client a connection pool per such runtime
//! (a connection belongs to the runtime that opened it, and makes progress
//! only while that runtime runs).
//!
//! Threads share nothing, so one thread's callback (a log handler, a
//! progress report) never stalls another thread's requests.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::runtime::{Builder, Handle, Runtime};

/// Numbers the threads' runtimes (from 1), so that a pool opened on one is
/// never used on another: a thread id can be reused, a runtime id cannot.
static NEXT_RUNTIME: AtomicU64 = AtomicU64::new(1);

/// A thread's runtime, and the process it was made in.
struct Local {
    runtime: Runtime,
    id: u64,
    pid: u32,
}

thread_local! {
    static LOCAL: RefCell<Option<Local>> = const { RefCell::new(None) };
    /// The id of this thread's runtime while [`block_on_here`] runs; 0
    /// otherwise.
    static RUNNING: Cell<u64> = const { Cell::new(0) };
}

/// Runs `future` to completion on the calling thread, with a runtime of
/// this thread's own driving its I/O and timers; the clients' requests made
/// inside it use connections of this thread.
///
/// Gives the future back, unstarted, when this thread cannot: it is inside
/// a tokio runtime already (a callback of an outer call, or a program with
/// its own runtime, which should `.await` instead), or no runtime could be
/// started. The caller then runs it another way.
///
/// ```
/// let answer = genesiscloud::block_on_here(async { 40 + 2 });
/// assert_eq!(answer.ok(), Some(42));
/// ```
pub fn block_on_here<F: Future>(future: F) -> Result<F::Output, F> {
    if RUNNING.get() != 0 || Handle::try_current().is_ok() {
        return Err(future);
    }
    LOCAL.with(|slot| {
        let Ok(mut local) = slot.try_borrow_mut() else {
            return Err(future);
        };
        let pid = std::process::id();
        if let Some(stale) = local.take_if(|l| l.pid != pid) {
            // A child after fork(): the runtime's epoll instance and sockets
            // are the parent's. Dropping it would deregister them there.
            std::mem::forget(stale);
        }
        let Local { runtime, id, .. } = match &mut *local {
            Some(made) => made,
            none => {
                let Ok(runtime) = Builder::new_current_thread().enable_all().build() else {
                    return Err(future);
                };
                let id = NEXT_RUNTIME.fetch_add(1, Ordering::Relaxed);
                none.insert(Local { runtime, id, pid })
            }
        };
        let _running = Running::set(*id);
        Ok(runtime.block_on(future))
    })
}

/// The id of this thread's runtime while a call runs on it.
pub(crate) fn running() -> Option<u64> {
    Some(RUNNING.get()).filter(|&id| id != 0)
}

/// Marks this thread's runtime as running until dropped (a panic included).
struct Running;

impl Running {
    fn set(id: u64) -> Running {
        RUNNING.set(id);
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.set(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_inside_a_call_is_given_back() {
        let nested = block_on_here(async { block_on_here(async { 1 }).is_err() });
        assert_eq!(nested.ok(), Some(true));
    }

    #[test]
    fn a_thread_inside_a_runtime_gets_its_future_back() {
        let rt = Builder::new_current_thread().build().unwrap();
        let given_back = rt.block_on(async { block_on_here(async { 1 }).is_err() });
        assert!(given_back);
    }

    #[test]
    fn each_thread_has_its_own_runtime_and_keeps_it() {
        let ids = || {
            let first = block_on_here(async { running() }).ok().flatten();
            let second = block_on_here(async { running() }).ok().flatten();
            (first, second)
        };
        let (a1, a2) = ids();
        let (b1, b2) = std::thread::spawn(ids).join().unwrap();
        assert!(a1.is_some() && b1.is_some());
        assert_eq!(a1, a2);
        assert_eq!(b1, b2);
        assert_ne!(a1, b1);
        assert_eq!(running(), None);
    }
}
