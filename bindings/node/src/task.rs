//! Running one core call as a JavaScript Promise on napi's tokio runtime:
//! racing the caller's cancellation, and resolving with the result or the
//! failure as data (a panic included), never rejecting.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use genesiscloud::Error;
use napi::bindgen_prelude::{PromiseRaw, ToNapiValue};
use napi::{Either, Env};
use tokio_util::sync::CancellationToken;

use crate::error::{NativeError, Outcome};

/// Spawns `call` and returns the Promise of its outcome.
pub(crate) fn spawn<T, F>(
    env: &Env,
    call: F,
    cancel: Option<CancellationToken>,
) -> napi::Result<PromiseRaw<'_, Outcome<T>>>
where
    T: ToNapiValue + Send + 'static,
    F: Future<Output = genesiscloud::Result<T>> + Send + 'static,
{
    env.spawn_future(async move { Ok(settle(call, cancel).await) })
}

/// Awaits `call` unless `cancel` fires first (dropping the call, which
/// drops its request), catching a panic.
pub(crate) async fn settle<T, F>(call: F, cancel: Option<CancellationToken>) -> Outcome<T>
where
    F: Future<Output = genesiscloud::Result<T>>,
{
    let call = AssertUnwindSafe(call).catch_unwind();
    let outcome = match cancel {
        Some(token) => tokio::select! {
            biased;
            () = token.cancelled() => Ok(Err(Error::cancelled())),
            done = call => done,
        },
        None => call.await,
    };
    match outcome {
        Ok(Ok(value)) => Either::A(value),
        Ok(Err(e)) => Either::B(NativeError::from(e)),
        Err(payload) => Either::B(NativeError::panicked(payload.as_ref())),
    }
}
