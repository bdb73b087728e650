//! The lazy lists behind `list()`: the core's `Paginator` runs in a tokio
//! task that hands batches of items, JSON-encoded, to Python through a
//! small bounded channel.
//!
//! Pages keep arriving while Python works through the previous batch, and
//! memory stays bounded: the paginator holds a few pages, the channel two
//! batches. Dropping the pager (the loop was left, the iterator collected)
//! aborts the task, which drops the paginator and its requests in flight.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use futures::{FutureExt, StreamExt};
use genesiscloud::{Error, HasId, Paginator};
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde::Serialize;
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use crate::error::{guard, internal, invalid_argument, panic_message, to_pyerr};
use crate::json::{decode, encode, Encoded};
use crate::runtime::{self, ForkGuard};

/// Most items sent to Python at once.
const BATCH_LIMIT: usize = 256;
/// Batches waiting for Python before the task pauses.
const QUEUED_BATCHES: usize = 2;
/// `total_count` before the first page arrived.
const UNKNOWN: u64 = u64::MAX;

/// What the task hands over.
enum Batch {
    /// A JSON array of items.
    Items(Encoded),
    /// The list failed; nothing follows.
    Failed(Error),
    /// A bug: the task panicked.
    Panicked(String),
}

struct Shared {
    batches: tokio::sync::Mutex<mpsc::Receiver<Batch>>,
    total_count: AtomicU64,
}

/// A running list: the task and the receiving end of its channel.
pub(crate) struct PagerCore {
    shared: Arc<Shared>,
    task: AbortHandle,
}

impl PagerCore {
    /// Spawns the task driving `paginator`.
    pub(crate) fn start<T>(py: Python<'_>, paginator: Paginator<T>) -> PyResult<PagerCore>
    where
        T: HasId + Serialize + Send + Unpin + 'static,
    {
        let (tx, rx) = mpsc::channel(QUEUED_BATCHES);
        let shared = Arc::new(Shared {
            batches: tokio::sync::Mutex::new(rx),
            total_count: AtomicU64::new(UNKNOWN),
        });
        let feed = shared.clone();
        let task = runtime::handle(py)?.spawn(async move {
            let panicked = tx.clone();
            if let Err(payload) = AssertUnwindSafe(pump(paginator, tx, feed))
                .catch_unwind()
                .await
            {
                let _ = panicked
                    .send(Batch::Panicked(panic_message(payload.as_ref())))
                    .await;
            }
        });
        Ok(PagerCore {
            shared,
            task: task.abort_handle(),
        })
    }
}

impl Drop for PagerCore {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Moves items from the paginator to the channel, in batches of whatever
/// is ready, until the list ends, fails, or nobody listens any more.
async fn pump<T>(mut items: Paginator<T>, tx: mpsc::Sender<Batch>, shared: Arc<Shared>)
where
    T: HasId + Serialize + Send + Unpin + 'static,
{
    loop {
        let mut batch = Vec::new();
        let mut failure = None;
        let mut finished = false;
        match items.next().await {
            None => return,
            Some(Ok(item)) => batch.push(item),
            Some(Err(e)) => failure = Some(e),
        }
        while failure.is_none() && batch.len() < BATCH_LIMIT {
            match items.next().now_or_never() {
                Some(Some(Ok(item))) => batch.push(item),
                Some(Some(Err(e))) => failure = Some(e),
                Some(None) => {
                    finished = true;
                    break;
                }
                None => break,
            }
        }
        if let Some(total) = items.total_count() {
            shared.total_count.store(total, Ordering::Relaxed);
        }
        if !batch.is_empty() {
            let sent = match encode(&batch) {
                Ok(json) => Batch::Items(json),
                Err(e) => Batch::Failed(e),
            };
            if tx.send(sent).await.is_err() {
                return;
            }
        }
        if let Some(e) = failure {
            let _ = tx.send(Batch::Failed(e)).await;
            return;
        }
        if finished {
            return;
        }
    }
}

/// A batch as Python sees it: a list of dicts, empty at the end.
fn batch_to_py(py: Python<'_>, batch: Option<Batch>) -> PyResult<Bound<'_, PyAny>> {
    match batch {
        None => Ok(PyList::empty(py).into_any()),
        Some(Batch::Items(json)) => decode(py, json),
        Some(Batch::Failed(e)) => Err(to_pyerr(py, &e)),
        Some(Batch::Panicked(message)) => Err(internal(message)),
    }
}

/// The native side of `genesiscloud.Pager` and `AsyncPager`: hands out the
/// items of a list in batches of dicts.
#[pyclass(frozen, module = "genesiscloud._native", name = "Pager")]
pub(crate) struct NativePager {
    core: Mutex<Option<ForkGuard<PagerCore>>>,
}

impl NativePager {
    pub(crate) fn new(core: PagerCore) -> NativePager {
        NativePager {
            core: Mutex::new(Some(ForkGuard::new(core))),
        }
    }

    /// The running list, `None` once closed.
    fn shared(&self, py: Python<'_>) -> PyResult<Option<Arc<Shared>>> {
        let core = self.core.lock().unwrap_or_else(|e| e.into_inner());
        match core.as_ref() {
            None => Ok(None),
            Some(c) if c.is_current() => Ok(Some(c.shared.clone())),
            Some(_) => Err(invalid_argument(
                py,
                "this list was started before os.fork(); start a new one in the child process",
            )),
        }
    }
}

#[pymethods]
impl NativePager {
    /// The next batch of items, waiting for it with the GIL released; an
    /// empty list at the end.
    fn next_batch<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let Some(shared) = self.shared(py)? else {
                return batch_to_py(py, None);
            };
            let batch =
                runtime::block_on(py, async move { shared.batches.lock().await.recv().await })?;
            batch_to_py(py, batch)
        })
    }

    /// The next batch if one is ready now, else `None`.
    fn try_next_batch<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        guard(|| {
            let Some(shared) = self.shared(py)? else {
                return batch_to_py(py, None).map(Some);
            };
            let Ok(mut batches) = shared.batches.try_lock() else {
                return Ok(None);
            };
            match batches.try_recv() {
                Ok(batch) => batch_to_py(py, Some(batch)).map(Some),
                Err(mpsc::error::TryRecvError::Empty) => Ok(None),
                Err(mpsc::error::TryRecvError::Disconnected) => batch_to_py(py, None).map(Some),
            }
        })
    }

    /// An asyncio future of the next batch.
    fn next_batch_async<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let shared = self.shared(py)?;
            crate::future::spawn(
                py,
                async move {
                    Ok(match shared {
                        Some(shared) => shared.batches.lock().await.recv().await,
                        None => None,
                    })
                },
                batch_to_py,
            )
        })
    }

    /// How many items the whole list has, once the first page arrived.
    #[getter]
    fn total_count(&self) -> Option<u64> {
        let core = self.core.lock().unwrap_or_else(|e| e.into_inner());
        core.as_ref()
            .map(|c| c.shared.total_count.load(Ordering::Relaxed))
            .filter(|&n| n != UNKNOWN)
    }

    /// Stops the list now, cancelling its requests in flight.
    fn close(&self) {
        let taken = self.core.lock().unwrap_or_else(|e| e.into_inner()).take();
        drop(taken);
    }
}
