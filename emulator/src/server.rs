//! The HTTP side: the router (API, control API, fallbacks, middleware) and
//! the accept loop, which is ours rather than `axum::serve` because a `drop`
//! fault must be able to close a connection without answering.

use std::future::Future;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::from_fn_with_state;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::control;
use crate::pipeline::{self, DropConnection};
use crate::routes::{self, method_not_allowed, not_found};
use crate::state::AppState;

/// The complete application: `/compute/v1` (authenticated, logged, subject
/// to faults) and `/_emulator` (the control API).
///
/// Served by anything that serves an axum router, it behaves identically
/// except for the `drop` fault without `after_bytes`, which only
/// [`serve`] can turn into a closed connection (elsewhere it answers an
/// empty 500).
pub fn router(state: AppState) -> Router {
    Router::new()
        .nest("/compute/v1", routes::api_router())
        .nest("/_emulator", control::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state.clone(), pipeline::handle))
        .with_state(state)
}

/// The error that makes hyper close a connection without a response.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by an injected fault")]
struct Dropped;

/// Serves [`router`] on `listener` until `shutdown` completes, then closes
/// every open connection.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let app = router(state);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        while connections.try_join_next().is_some() {}
        let accepted = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of descriptors or a connection reset before accept:
                // wait a little instead of spinning, then keep serving.
                tracing::debug!("accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(5)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let app = app.clone();
            async move {
                let response = app
                    .oneshot(req.map(Body::new))
                    .await
                    .unwrap_or_else(|e| match e {});
                if response.extensions().get::<DropConnection>().is_some() {
                    Err(Dropped)
                } else {
                    Ok(response)
                }
            }
        });
        connections.spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            if let Err(e) = connection.await {
                tracing::trace!("connection ended: {e}");
            }
        });
    }
    connections.abort_all();
    Ok(())
}
