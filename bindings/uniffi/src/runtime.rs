//! The one tokio runtime the library owns, shared by every client: the
//! JVM has none, and uniffi polls a Rust future from Kotlin's own threads.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::OnceLock;

use futures::FutureExt;
use genesiscloud::{Error, Result};
use tokio::runtime::Runtime;
use tokio::task::JoinHandle;

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// The library's runtime, created on first use.
pub(crate) fn runtime() -> &'static Runtime {
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .thread_name("genesiscloud-runtime")
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("could not start the library's I/O threads: {e}"))
    })
}

/// A task on the runtime, aborted when dropped: a cancelled Kotlin
/// coroutine drops the future awaiting it, and the request in flight goes
/// with it at once rather than running on unobserved.
pub(crate) struct Task<T>(JoinHandle<Result<T>>);

impl<T> Drop for Task<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Runs `future` on the runtime; a panic in it is an `internal` error.
pub(crate) fn spawn<T: Send + 'static>(
    future: impl Future<Output = Result<T>> + Send + 'static,
) -> Task<T> {
    Task(runtime().spawn(async move {
        match AssertUnwindSafe(future).catch_unwind().await {
            Ok(result) => result,
            Err(payload) => Err(Error::from_panic(payload.as_ref())),
        }
    }))
}

impl<T> Task<T> {
    /// Its outcome.
    pub(crate) async fn join(mut self) -> Result<T> {
        match (&mut self.0).await {
            Ok(result) => result,
            Err(_) => Err(Error::cancelled()),
        }
    }
}
