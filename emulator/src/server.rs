//! The HTTP side: the router (API, control API, fallbacks, middleware) and
//! the accept loop, which is ours rather than `axum::serve` because a `drop`
//! fault must be able to close a connection without answering, and because
//! `--tls` serves HTTP/2 or HTTP/1.1 as ALPN chose.

use std::future::Future;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::from_fn_with_state;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

use crate::control;
use crate::pipeline::{self, DropConnection};
use crate::routes::{self, method_not_allowed, not_found};
use crate::state::AppState;
use crate::tls::TlsServer;

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
    accept_loop(listener, state, None, shutdown).await
}

/// Like [`serve`], over HTTPS with `tls`: HTTP/2 when the client's ALPN
/// asks for it, HTTP/1.1 otherwise.
pub async fn serve_tls(
    listener: TcpListener,
    state: AppState,
    tls: TlsServer,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let acceptor = TlsAcceptor::from(tls.config);
    accept_loop(listener, state, Some(acceptor), shutdown).await
}

/// A client that connects and never finishes its handshake must not hold
/// a task forever.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

async fn accept_loop(
    listener: TcpListener,
    state: AppState,
    tls: Option<TlsAcceptor>,
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
        let tls = tls.clone();
        connections.spawn(async move {
            let Some(acceptor) = tls else {
                return serve_connection(stream, app, false).await;
            };
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(stream)) => {
                    let h2 = stream.get_ref().1.alpn_protocol() == Some(b"h2");
                    serve_connection(stream, app, h2).await;
                }
                Ok(Err(e)) => tracing::debug!("TLS handshake failed: {e}"),
                Err(_) => tracing::debug!("TLS handshake timed out"),
            }
        });
    }
    connections.abort_all();
    Ok(())
}

/// Serves one connection with HTTP/2 or HTTP/1.1.
async fn serve_connection<S>(stream: S, app: Router, h2: bool)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let app = app.clone();
        async move {
            let response = app
                .oneshot(req.map(Body::new))
                .await
                .unwrap_or_else(|e| match e {});
            // Over HTTP/2 the error resets the stream rather than the
            // connection, which other requests may share.
            if response.extensions().get::<DropConnection>().is_some() {
                Err(Dropped)
            } else {
                Ok(response)
            }
        }
    });
    let io = TokioIo::new(stream);
    let result = if h2 {
        hyper::server::conn::http2::Builder::new(TokioExecutor::new())
            .timer(TokioTimer::new())
            .serve_connection(io, service)
            .await
    } else {
        hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .keep_alive(true)
            .serve_connection(io, service)
            .await
    };
    if let Err(e) = result {
        tracing::trace!("connection ended: {e}");
    }
}
