//! Many calls at once from one thread: a queue of calls that
//! gc_queue_next() and gc_queue_run() drive on the calling thread, as
//! libcurl's multi interface drives its transfers. Without it a C program
//! needs a thread per call in flight, and 100 threads making gets took
//! about twice as long as `curl_multi` with 100 transfers.

use std::collections::VecDeque;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::ptr::NonNull;
use std::thread::{self, ThreadId};

use futures::stream::FuturesUnordered;
use futures::{FutureExt, StreamExt};
use genesiscloud::{Client, Error, Result};

use crate::client::{self, gc_client};
use crate::error::{gc_error, gc_status, GC_DONE, GC_OK};
use crate::{ffi, runtime};

/// Calls queued on one client, to run many at once on the thread that
/// drives them, without a thread per call.
///
/// Each operation has a gc_queue_ function beside its blocking one, with
/// the same arguments but the queue first (gc_queue_instances_get() beside
/// gc_instances_get()). It checks and copies the arguments and returns at
/// once; the call runs in gc_queue_next() or gc_queue_run(), which write
/// its answer to its `*out` and its failure to its `*err`, as the blocking
/// function would have. At most `in_flight` calls run at a time, in the
/// order they were queued.
///
/// A queue is driven by one thread at a time; while calls are in flight
/// only the thread that started them may drive it (their connections
/// belong to that thread). Callbacks (the log, on_response, on_progress)
/// run on that thread during gc_queue_next() and gc_queue_run(), and must
/// not call the queue back.
pub struct gc_queue {
    client: Client,
    in_flight: usize,
    /// Queued, not started: a call is a future, which does nothing before
    /// it is first polled.
    waiting: VecDeque<Queued>,
    running: FuturesUnordered<Queued>,
    /// The next call's number: how many calls were queued since the queue
    /// was last empty.
    queued: usize,
    /// The thread whose runtime the running calls were started on.
    driver: Option<ThreadId>,
}

/// A queued call: it writes its answer or error where its caller asked,
/// then gives its number.
type Queued = Pin<Box<dyn Future<Output = usize>>>;

/// Where a queued call writes what it got: the `*out` or `*err` its caller
/// passed, which the header asks to stay valid until the call finishes or
/// the queue is freed.
pub(crate) struct Slot<T>(NonNull<*mut T>);

impl<T> Slot<T> {
    /// Moves `value` into the slot, as the blocking function's `ffi::give`.
    pub(crate) fn give(self, value: T) {
        // SAFETY: the caller keeps the slot valid until the call finishes
        // (the header's contract), and it finishes only once.
        unsafe { *self.0.as_ptr() = Box::into_raw(Box::new(value)) }
    }
}

/// A queued call's `out`: refused when NULL, cleared now so that a call
/// freed unfinished leaves NULL there.
pub(crate) unsafe fn out<T>(out: *mut *mut T) -> Result<Slot<T>> {
    Ok(Slot(NonNull::from(ffi::out(out)?)))
}

/// A queued call's `err`, which `ffi::call` has cleared: it must not be
/// NULL, as it is the only place the call's failure can go.
pub(crate) fn err(err: *mut *mut gc_error) -> Result<Slot<gc_error>> {
    NonNull::new(err).map(Slot).ok_or_else(|| {
        Error::invalid_argument(
            "`err` must not be NULL: a queued call's failure is written there when it finishes",
        )
    })
}

/// The queue a function was given.
///
/// Refused inside the library's threads and callbacks first, before the
/// pointer becomes a reference: a callback of one of the queue's own calls
/// runs while gc_queue_next() holds the queue.
pub(crate) unsafe fn arg<'a>(queue: *mut gc_queue) -> Result<&'a mut gc_queue> {
    runtime::refuse_own_threads()?;
    ffi::handle_mut(queue, "queue")
}

impl gc_queue {
    /// The client the queue's calls are made with.
    pub(crate) fn client(&self) -> Client {
        self.client.clone()
    }

    /// Queues `call`; when it finishes, its answer goes to `deliver` and
    /// its failure (a panic included) to `err`.
    pub(crate) fn push<T>(
        &mut self,
        err: Slot<gc_error>,
        call: impl Future<Output = Result<T>> + 'static,
        deliver: impl FnOnce(T) + 'static,
    ) -> Result<gc_status> {
        if self.waiting.is_empty() && self.running.is_empty() {
            // Every earlier call has finished: a new batch, numbered from 0,
            // so that the numbers index the program's arrays of outs.
            self.queued = 0;
        }
        let number = self.queued;
        self.queued += 1;
        self.waiting.push_back(Box::pin(async move {
            let answered = AssertUnwindSafe(async move { call.await.map(deliver) });
            match answered.catch_unwind().await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => err.give(gc_error::from_core(&e)),
                Err(payload) => err.give(gc_error::from_panic(payload.as_ref())),
            }
            number
        }));
        Ok(GC_OK)
    }

    /// Starts waiting calls while fewer than `in_flight` run.
    fn start(&mut self) {
        while self.running.len() < self.in_flight {
            match self.waiting.pop_front() {
                Some(call) => self.running.push(call),
                None => break,
            }
        }
    }

    /// Refuses a thread other than the one whose runtime holds the calls
    /// in flight: their connections make progress only on that runtime.
    fn check_driver(&mut self) -> Result<()> {
        let me = thread::current().id();
        match self.driver {
            Some(other) if other != me && !self.running.is_empty() => Err(Error::invalid_argument(
                "the queue has calls in flight on another thread: drive it from the thread that started them",
            )),
            _ => {
                self.driver = Some(me);
                Ok(())
            }
        }
    }

    /// Runs calls until one finishes: its number, or `None` when no call
    /// is left.
    fn next(&mut self) -> Result<Option<usize>> {
        self.check_driver()?;
        self.start();
        if self.running.is_empty() {
            return Ok(None);
        }
        runtime::block_on(self.running.next())
    }

    /// Runs every call to its end.
    fn run(&mut self) -> Result<()> {
        self.check_driver()?;
        runtime::block_on(async {
            loop {
                self.start();
                if self.running.next().await.is_none() {
                    break;
                }
            }
        })
    }
}

/// A new queue on `client`, running at most `in_flight` calls at a time
/// (1 or more; over HTTP/1.1 each call in flight holds a connection of its
/// own, kept open afterwards for the thread's next calls).
///
/// The queue keeps the client alive: the client may be freed first. On
/// success `*out` is a new queue to free with gc_queue_free().
#[no_mangle]
pub unsafe extern "C" fn gc_queue_new(
    client: *const gc_client,
    in_flight: usize,
    out: *mut *mut gc_queue,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let client = client::arg(client)?;
        if in_flight == 0 {
            return Err(Error::invalid_argument("`in_flight` must be at least 1"));
        }
        ffi::give(
            out,
            gc_queue {
                client: client.clone(),
                in_flight,
                waiting: VecDeque::new(),
                running: FuturesUnordered::new(),
                queued: 0,
                driver: None,
            },
        );
        Ok(GC_OK)
    })
}

/// Runs the queue's calls on the calling thread until one of them
/// finishes, and gives its number in `*finished`: 0 for the first call
/// queued since the queue was last empty (new, or every call finished), 1
/// for the second, and so on.
///
/// Returns GC_OK when a call finished (its answer or error is in the
/// `*out` or `*err` it was queued with), and GC_DONE, with `*finished`
/// untouched, when no call is left. Calls start in the order they were
/// queued, at most `in_flight` at a time, but finish in any order.
#[no_mangle]
pub unsafe extern "C" fn gc_queue_next(
    queue: *mut gc_queue,
    finished: *mut usize,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let queue = arg(queue)?;
        let finished = ffi::handle_mut(finished, "finished")?;
        match queue.next()? {
            Some(number) => {
                *finished = number;
                Ok(GC_OK)
            }
            None => Ok(GC_DONE),
        }
    })
}

/// Runs every queued call to its end on the calling thread, at most
/// `in_flight` at a time.
///
/// GC_OK once no call is left, whatever the calls' own outcomes: each
/// call's answer or error is in the `*out` or `*err` it was queued with.
#[no_mangle]
pub unsafe extern "C" fn gc_queue_run(queue: *mut gc_queue, err: *mut *mut gc_error) -> gc_status {
    ffi::call(err, || {
        arg(queue)?.run()?;
        Ok(GC_OK)
    })
}

/// How many of the queue's calls have not finished yet (0 for NULL).
#[no_mangle]
pub unsafe extern "C" fn gc_queue_len(queue: *const gc_queue) -> usize {
    ffi::guard(0, || {
        ffi::borrow(queue).map_or(0, |q| q.waiting.len() + q.running.len())
    })
}

/// Frees a queue; NULL is ignored. Calls that have not finished are
/// dropped, their requests abandoned wherever they were, and their `*out`
/// and `*err` stay NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_queue_free(queue: *mut gc_queue) {
    ffi::guard((), || ffi::free(queue))
}
