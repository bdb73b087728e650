//! The lazy lists behind `list()`: the core's paginator runs in a tokio
//! task that hands batches of items, as one JSON array each, to the
//! wrapper's `Flow` through a small bounded channel.
//!
//! A batch is every item ready at that moment (see
//! [`genesiscloud::operations::batches`]): one crossing and one parse per
//! page rather than per item. Pages keep arriving while Kotlin works
//! through the previous batch, and memory stays bounded. Closing the pager
//! (the collector stopped or was cancelled) aborts the task, which drops
//! the paginator and its requests in flight.

use std::panic::AssertUnwindSafe;

use futures::{FutureExt, StreamExt};
use genesiscloud::operations::{batches, Items};
use genesiscloud::{Error, Result};
use tokio::sync::{mpsc, Mutex};
use tokio::task::AbortHandle;

use crate::error::Outcome;
use crate::runtime;

/// Batches waiting for Kotlin before the task pauses.
const QUEUED_BATCHES: usize = 2;

/// A running list.
#[derive(uniffi::Object)]
pub struct NativePager {
    batches: Mutex<mpsc::Receiver<Result<String>>>,
    task: AbortHandle,
}

impl NativePager {
    /// Starts the task driving `items` (or reporting why it cannot start).
    pub(crate) fn start(items: Result<Items>) -> NativePager {
        let (tx, rx) = mpsc::channel(QUEUED_BATCHES);
        let task = runtime::runtime().spawn(async move {
            let failed = tx.clone();
            let outcome = AssertUnwindSafe(async move {
                match items {
                    Ok(items) => {
                        let mut batches = batches(items);
                        while let Some(batch) = batches.next().await {
                            if tx.send(batch).await.is_err() {
                                break;
                            }
                        }
                    }
                    // Bad arguments surface where the items would come.
                    Err(e) => drop(tx.send(Err(e)).await),
                }
            })
            .catch_unwind()
            .await;
            if let Err(payload) = outcome {
                let _ = failed.send(Err(Error::from_panic(payload.as_ref()))).await;
            }
        });
        NativePager {
            batches: Mutex::new(rx),
            task: task.abort_handle(),
        }
    }
}

#[uniffi::export]
impl NativePager {
    /// The next batch as a JSON array, `null` at the end; a failure ends
    /// the list.
    pub async fn next_batch(&self) -> Outcome<Option<String>> {
        let mut batches = self.batches.lock().await;
        match batches.recv().await {
            None => Ok(None),
            Some(batch) => Ok(Some(batch?)),
        }
    }

    /// Stops the list: aborts the task, dropping the paginator and its
    /// requests in flight. Idempotent.
    pub fn stop(&self) {
        self.task.abort();
    }
}

impl Drop for NativePager {
    fn drop(&mut self) {
        self.task.abort();
    }
}
