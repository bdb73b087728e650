//! The one tokio runtime the library owns: created on first use, shared by
//! every client, never the caller's (C has none). Single calls run on the
//! caller's thread instead; pagers load pages ahead on the library's.

use std::future::Future;
use std::sync::OnceLock;

use genesiscloud::{Error, Result};

use crate::sigpipe;
use tokio::runtime::{Handle, Runtime};

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// The library's runtime, created on first use.
///
/// Failing to start threads is an internal error: the panic is caught at
/// the boundary and reported as GC_ERROR_INTERNAL.
fn runtime() -> &'static Runtime {
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .thread_name("genesiscloud-runtime")
            .on_thread_start(sigpipe::block_on_own_thread)
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("could not start the library's I/O threads: {e}"))
    })
}

/// Runs a call to completion on the calling thread, on a runtime of this
/// thread's own (`genesiscloud::block_on_here`): no hop to the library's
/// threads and back, and no thread's callback stalls another's requests.
pub(crate) fn block_on<F: Future>(future: F) -> Result<F::Output> {
    refuse_own_threads()?;
    let _blocked = sigpipe::Blocked::new();
    Ok(genesiscloud::block_on_here(future).unwrap_or_else(|future| runtime().block_on(future)))
}

/// Runs `future` on the calling thread with the library's threads driving
/// its I/O: a pager's pages keep loading between two calls of the program.
pub(crate) fn block_on_workers<F: Future>(future: F) -> Result<F::Output> {
    refuse_own_threads()?;
    // The caller's thread does I/O too (a connection's TLS handshake).
    let _blocked = sigpipe::Blocked::new();
    Ok(runtime().block_on(future))
}

/// A call from inside a runtime (a log callback calling back into the
/// library) would panic in tokio.
pub(crate) fn refuse_own_threads() -> Result<()> {
    if Handle::try_current().is_ok() {
        return Err(Error::invalid_argument(
            "libgenesiscloud cannot be called from inside its own threads (e.g. from the log callback)",
        ));
    }
    Ok(())
}

/// Runs `f` (building a client, dropping a pager) inside the runtime's
/// context, for code that may need it to register or cancel I/O.
pub(crate) fn enter<T>(f: impl FnOnce() -> T) -> T {
    let _guard = runtime().enter();
    f()
}
