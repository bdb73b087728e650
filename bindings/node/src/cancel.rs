//! The native half of an `AbortSignal`: the wrapper calls `cancel()` on
//! 'abort', and the call racing it in Rust stops at once.

use napi_derive::napi;
use tokio_util::sync::CancellationToken;

/// A cancellation flag shared with the calls it was passed to.
#[napi]
#[derive(Default)]
pub struct CancelHandle {
    token: CancellationToken,
}

#[napi]
impl CancelHandle {
    /// A handle that is not cancelled yet.
    #[napi(constructor, catch_unwind)]
    pub fn new() -> CancelHandle {
        CancelHandle::default()
    }

    /// Cancels every call this handle was passed to; idempotent.
    #[napi(catch_unwind)]
    pub fn cancel(&self) {
        self.token.cancel();
    }
}

impl CancelHandle {
    /// The token a spawned call watches.
    pub(crate) fn token(&self) -> CancellationToken {
        self.token.clone()
    }
}
