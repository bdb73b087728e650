//! An event loop's inbox: the results of `AsyncClient` calls the runtime
//! finished, waiting for the loop's own thread to hand them to their
//! asyncio futures.
//!
//! The runtime's threads never take the GIL to deliver a result. Taking it
//! from a tokio thread while the loop runs Python code waits for the
//! interpreter's switch interval (5 ms) and stalls that thread's other
//! requests meanwhile; with 100 calls in flight that was most of an
//! `AsyncClient`'s overhead. Instead a finished call is queued here and, when
//! the queue was empty, one byte is written to a socket the loop watches
//! (`loop.add_reader`): the loop then converts the whole queue to Python
//! objects and settles the futures in one go, holding the GIL it already has.

use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Mutex};

use pyo3::intern;
use pyo3::prelude::*;

use crate::error::internal;

/// What a finished call becomes on the loop: the future's result, or the
/// exception to set on it.
pub(crate) type Settle = Box<dyn FnOnce(Python<'_>) -> Result<Py<PyAny>, PyErr> + Send>;

/// One finished call: the asyncio future and how to settle it.
struct Delivery {
    future: Py<PyAny>,
    settle: Settle,
}

/// The part of an inbox the runtime's threads hold.
pub(crate) struct Queue {
    pending: Mutex<Vec<Delivery>>,
    /// Written by the runtime, one byte per wake-up.
    bell: UnixStream,
    /// Watched and read by the loop.
    ear: UnixStream,
}

impl Queue {
    /// Queues a finished call; rings the loop when it had nothing waiting.
    pub(crate) fn deliver(&self, future: Py<PyAny>, settle: Settle) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        let first = pending.is_empty();
        pending.push(Delivery { future, settle });
        drop(pending);
        if first {
            // A full socket (WouldBlock) already holds unread bytes, so the
            // loop will drain; any other failure leaves nobody to ring.
            let _ = (&self.bell).write(&[1]);
        }
    }
}

/// A loop's inbox (see the module's documentation); `genesiscloud._asyncio`
/// makes one per event loop and registers `drain` as its reader.
#[pyclass(frozen, module = "genesiscloud._native")]
pub(crate) struct Inbox {
    queue: Arc<Queue>,
}

impl Inbox {
    /// The queue the runtime delivers to.
    pub(crate) fn queue(&self) -> Arc<Queue> {
        Arc::clone(&self.queue)
    }
}

#[pymethods]
impl Inbox {
    #[new]
    fn new() -> PyResult<Self> {
        let sockets = UnixStream::pair().and_then(|(bell, ear)| {
            bell.set_nonblocking(true)?;
            ear.set_nonblocking(true)?;
            Ok((bell, ear))
        });
        let (bell, ear) =
            sockets.map_err(|e| internal(format!("could not make the asyncio inbox: {e}")))?;
        Ok(Inbox {
            queue: Arc::new(Queue {
                pending: Mutex::new(Vec::new()),
                bell,
                ear,
            }),
        })
    }

    /// The descriptor the loop watches.
    fn fileno(&self) -> i32 {
        self.queue.ear.as_raw_fd()
    }

    /// Settles every queued future; the loop calls it when the socket is
    /// readable.
    fn drain(&self, py: Python<'_>) {
        let mut bytes = [0u8; 64];
        // Read before taking the queue: a call queued after the take rings
        // again, so none waits for a wake-up that was already consumed.
        loop {
            match (&self.queue.ear).read(&mut bytes) {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(_) => break,
            }
        }
        let batch =
            std::mem::take(&mut *self.queue.pending.lock().unwrap_or_else(|e| e.into_inner()));
        for delivery in batch {
            if let Err(e) = settle(py, delivery) {
                e.write_unraisable(py, None);
            }
        }
    }
}

/// Sets a future's result or exception, unless it was cancelled meanwhile
/// (its request was then already dropped).
fn settle(py: Python<'_>, delivery: Delivery) -> PyResult<()> {
    let future = delivery.future.bind(py);
    if future.call_method0(intern!(py, "done"))?.is_truthy()? {
        return Ok(());
    }
    match (delivery.settle)(py) {
        Ok(value) => future.call_method1(intern!(py, "set_result"), (value,))?,
        Err(error) => future.call_method1(intern!(py, "set_exception"), (error.into_value(py),))?,
    };
    Ok(())
}
