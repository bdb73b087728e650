//! The lazy lists behind `list()`: the core's `Paginator` runs in a tokio
//! task that hands batches of items, as JSON text, to the wrapper's async
//! iterator through a small bounded channel.
//!
//! A batch is every item ready at that moment (at least one, at most
//! [`genesiscloud::operations::BATCH_LIMIT`]) as one JSON array: one Promise and one `JSON.parse` per
//! page rather than per item. Pages keep arriving while JavaScript works
//! through the previous batch, and memory stays bounded: the paginator holds
//! a few pages, the channel [`QUEUED_BATCHES`] batches. Closing (the loop was
//! left, the signal aborted) or collecting the paginator aborts the task,
//! which drops the paginator and its requests in flight.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures::{FutureExt, StreamExt};
use genesiscloud::{Error, Result};
use napi::bindgen_prelude::PromiseRaw;
use napi::{Either, Env};
use napi_derive::napi;
use tokio::sync::{mpsc, Mutex};
use tokio::task::AbortHandle;
use tokio_util::sync::CancellationToken;

use crate::error::{NativeError, Outcome};
use crate::operations::{batches, Items};

/// Batches waiting for JavaScript before the task pauses.
const QUEUED_BATCHES: usize = 2;

/// What the task hands over.
enum Batch {
    /// A JSON array of items.
    Items(String),
    /// The list failed (or the task panicked); nothing follows.
    Failed(NativeError),
}

/// A running list.
#[napi]
pub struct NativePaginator {
    batches: Arc<Mutex<mpsc::Receiver<Batch>>>,
    task: AbortHandle,
    closed: CancellationToken,
}

impl NativePaginator {
    /// Starts the task driving `items` (or reporting why it cannot start).
    pub(crate) fn start(items: Result<Items>) -> NativePaginator {
        let (tx, rx) = mpsc::channel(QUEUED_BATCHES);
        let task = napi::bindgen_prelude::spawn(async move {
            let failed = tx.clone();
            let outcome = AssertUnwindSafe(async move {
                match items {
                    Ok(items) => pump(items, tx).await,
                    // Bad arguments surface where the items would come.
                    Err(e) => drop(tx.send(Batch::Failed(e.into())).await),
                }
            })
            .catch_unwind()
            .await;
            if let Err(payload) = outcome {
                let _ = failed
                    .send(Batch::Failed(NativeError::panicked(payload.as_ref())))
                    .await;
            }
        });
        NativePaginator {
            batches: Arc::new(Mutex::new(rx)),
            task: task.abort_handle(),
            closed: CancellationToken::new(),
        }
    }
}

#[napi]
impl NativePaginator {
    /// The next batch as a JSON array, `null` at the end, or the failure
    /// (after which the list is over).
    #[napi(catch_unwind, ts_return_type = "Promise<string | null | NativeError>")]
    pub fn next<'env>(
        &self,
        env: &'env Env,
    ) -> napi::Result<PromiseRaw<'env, Outcome<Option<String>>>> {
        let batches = self.batches.clone();
        let closed = self.closed.clone();
        env.spawn_future(async move {
            let mut batches = batches.lock().await;
            let batch = tokio::select! {
                biased;
                () = closed.cancelled() => Some(Batch::Failed(Error::cancelled().into())),
                batch = batches.recv() => batch,
            };
            Ok(match batch {
                None => Either::A(None),
                Some(Batch::Items(json)) => Either::A(Some(json)),
                Some(Batch::Failed(e)) => Either::B(e),
            })
        })
    }

    /// Stops the list: aborts the task (dropping the paginator and its
    /// requests in flight) and makes a pending `next()` report `cancelled`.
    /// Idempotent.
    #[napi(catch_unwind)]
    pub fn close(&self) {
        self.closed.cancel();
        self.task.abort();
    }
}

impl Drop for NativePaginator {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Moves batches of items to the channel until the list ends, fails, or
/// nobody listens any more.
async fn pump(items: Items, tx: mpsc::Sender<Batch>) {
    let mut batches = batches(items);
    while let Some(batch) = batches.next().await {
        let batch = match batch {
            Ok(json) => Batch::Items(json),
            Err(e) => Batch::Failed(e.into()),
        };
        if tx.send(batch).await.is_err() {
            return;
        }
    }
}
