//! What happens to every request before and after its handler: request id,
//! logging, faults, latency, authentication and the rate limit.

use std::convert::Infallible;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;

use crate::auth::Credentials;
use crate::error::{
    error_body, ApiError, BODY_TOO_LARGE, INTERNAL, INVALID_FIELD, MALFORMED_BODY,
    METHOD_NOT_ALLOWED, NOT_FOUND, RATE_LIMITED,
};
use crate::faults::{Fault, FaultKind, DEFAULT_CHUNK_BYTES, DEFAULT_CHUNK_DELAY_MS};
use crate::ids::Id;
use crate::request_log::{self, scrub, RecordedRequest};
use crate::seed;
use crate::state::{lock, AppState};
use crate::store::ResourceKind;

/// Where the compute API lives.
pub(crate) const API_PREFIX: &str = "/compute/v1";

/// Largest request body read; the API's bodies are a few hundred bytes.
const BODY_LIMIT: usize = 1 << 20;

/// Marks a response whose connection must be closed without sending it;
/// [`crate::serve`] turns it into a connection error.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DropConnection;

/// The middleware around the whole router.
pub(crate) async fn handle(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let is_api = path == API_PREFIX || path.starts_with("/compute/v1/");
    let mut response = if is_api {
        api(app, req, next).await
    } else {
        json_errors(next.run(req).await).await
    };
    if let Ok(value) = HeaderValue::from_str(&request_id()) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

fn request_id() -> String {
    let random: u128 = rand::random();
    let v4 = (random & !(0xf000u128 << 64) & !(0xc000u128 << 48))
        | (0x4000u128 << 64)
        | (0x8000u128 << 48);
    Id(v4).to_string()
}

async fn api(app: AppState, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, BODY_LIMIT).await;
    let credentials = Credentials::from_headers(&parts.headers);
    let accepted = credentials.accepted(app.tokens()).map(str::to_owned);
    let secrets: Vec<&str> = app
        .tokens()
        .iter()
        .chain(credentials.tokens.iter())
        .map(String::as_str)
        .collect();
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);
    let entry = RecordedRequest {
        seq: 0,
        http_version: format!("{:?}", parts.version),
        method: method.clone(),
        path: scrub(&path, &secrets),
        query: query.as_deref().map(|q| scrub(q, &secrets)),
        headers: request_log::headers(&parts.headers, &secrets),
        auth: credentials.scheme.to_owned(),
        authenticated: accepted.is_some(),
        body: body
            .as_ref()
            .ok()
            .and_then(|b| request_log::body(b, &secrets)),
        status: None,
        fault: None,
    };
    let seq = lock(&app.0.log).start(entry);

    let plan = lock(&app.0.faults).plan(&method, &path, query.as_deref());
    let label = plan.label();
    // Recorded now so that a request whose connection dies still says why.
    lock(&app.0.log).set_fault(seq, label);
    let delay = app.tunables().latency + plan.latency;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }

    let finish = |response: Response| {
        let dropped = response.extensions().get::<DropConnection>().is_some()
            || response.extensions().get::<PartialDrop>().is_some();
        let status = if dropped {
            None
        } else {
            Some(response.status().as_u16())
        };
        lock(&app.0.log).finish(seq, status, label);
        response
    };

    if let Some(fault) = &plan.action {
        if let Some(response) = short_circuit(fault, &path, query.as_deref()) {
            return finish(response);
        }
    }

    let real = match (body, accepted) {
        (Err(_), _) => close_after(
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                BODY_TOO_LARGE,
                format!("the request body exceeds {BODY_LIMIT} bytes"),
            )
            .into_response(),
        ),
        (Ok(_), None) => ApiError::unauthorized().into_response(),
        (Ok(bytes), Some(token)) => {
            let limit = app.tunables().rate_limit;
            let admitted =
                limit.is_none_or(|n| lock(&app.0.limiter).admit(&token, n, Instant::now()));
            if admitted {
                json_errors(
                    next.run(Request::from_parts(parts, Body::from(bytes)))
                        .await,
                )
                .await
            } else {
                let mut r = ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    RATE_LIMITED,
                    "rate limit exceeded, retry later",
                )
                .into_response();
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                r
            }
        }
    };
    let response = match plan.action {
        Some(fault) => after_handler(&app, &fault, &path, real).await,
        None => real,
    };
    finish(response)
}

/// Gives the contract's error body to errors that axum produces itself
/// (an undecodable path parameter, a body over its limit), which come as
/// plain text; every error a client sees must be JSON.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if status.as_u16() < 400 || is_json {
        return response;
    }
    let (_, text) = split(response).await;
    let code = match status.as_u16() {
        400 => INVALID_FIELD,
        404 => NOT_FOUND,
        405 => METHOD_NOT_ALLOWED,
        413 => BODY_TOO_LARGE,
        415 => MALFORMED_BODY,
        _ => INTERNAL,
    };
    let message = String::from_utf8_lossy(&text).trim().to_owned();
    let message = if message.is_empty() {
        status.canonical_reason().unwrap_or("error").to_owned()
    } else {
        message
    };
    let response = ApiError::new(status, code, message).into_response();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        close_after(response)
    } else {
        response
    }
}

/// Asks the client not to reuse the connection: the rest of an oversized
/// body is never read, so the connection cannot carry another request.
fn close_after(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Faults that replace the answer altogether (the operation does not run).
fn short_circuit(fault: &Fault, path: &str, query: Option<&str>) -> Option<Response> {
    let retry_after = fault
        .retry_after
        .as_deref()
        .and_then(|v| HeaderValue::from_str(v).ok());
    let mut response = match fault.kind {
        FaultKind::Status => status_answer(fault),
        FaultKind::RateLimit => json_response(
            StatusCode::TOO_MANY_REQUESTS,
            error_body(RATE_LIMITED, "rate limit exceeded, retry later"),
        ),
        FaultKind::Drop if fault.after_bytes.is_none() => {
            let mut r = StatusCode::INTERNAL_SERVER_ERROR.into_response();
            r.extensions_mut().insert(DropConnection);
            return Some(r);
        }
        FaultKind::Malformed => json_response(
            StatusCode::OK,
            b"{\"data\": [{\"id\": <html>this is not JSON</html>".to_vec(),
        ),
        FaultKind::Redirect => {
            let status = StatusCode::from_u16(fault.status.unwrap_or(307))
                .unwrap_or(StatusCode::TEMPORARY_REDIRECT);
            let prefix = fault
                .location
                .as_deref()
                .unwrap_or("")
                .trim_end_matches('/');
            let target = match query {
                Some(q) => format!("{prefix}{path}?{q}"),
                None => format!("{prefix}{path}"),
            };
            let mut r = status.into_response();
            if let Ok(v) = HeaderValue::from_str(&target) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        _ => return None,
    };
    if let (Some(v), FaultKind::Status | FaultKind::RateLimit) = (retry_after, fault.kind) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    Some(response)
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

fn status_answer(fault: &Fault) -> Response {
    let status = StatusCode::from_u16(fault.status.unwrap_or(500))
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let reason = status.canonical_reason().unwrap_or("Error");
    match fault.body.as_deref().unwrap_or("json") {
        "json" => json_response(
            status,
            error_body(
                &format!("9{:04}", status.as_u16()),
                &format!("injected fault: {} {reason}", status.as_u16()),
            ),
        ),
        "html" => {
            let page = format!(
                "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
                code = status.as_u16()
            );
            let mut r = (status, page).into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            r
        }
        "empty" => {
            let mut r = status.into_response();
            r.headers_mut().remove(header::CONTENT_TYPE);
            r
        }
        raw => {
            let kind = if serde_json::from_str::<serde_json::Value>(raw).is_ok() {
                "application/json"
            } else {
                "text/plain; charset=utf-8"
            };
            let mut r = (status, raw.to_owned()).into_response();
            r.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            r
        }
    }
}

/// Faults that alter or follow the real answer.
async fn after_handler(app: &AppState, fault: &Fault, path: &str, real: Response) -> Response {
    match fault.kind {
        FaultKind::Truncate => {
            let (mut parts, body) = split(real).await;
            let keep = fault.bytes.unwrap_or(body.len() / 2).min(body.len());
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(body.slice(..keep)))
        }
        FaultKind::SlowBody => {
            let (mut parts, body) = split(real).await;
            let size = fault.chunk_bytes.unwrap_or(DEFAULT_CHUNK_BYTES).max(1);
            let pause =
                Duration::from_millis(fault.chunk_delay_ms.unwrap_or(DEFAULT_CHUNK_DELAY_MS));
            set_length(&mut parts.headers, body.len());
            let chunks: Vec<Bytes> = (0..body.len())
                .step_by(size)
                .map(|i| body.slice(i..(i + size).min(body.len())))
                .collect();
            let stream = futures::stream::iter(chunks.into_iter().enumerate()).then(
                move |(i, chunk)| async move {
                    if i > 0 {
                        tokio::time::sleep(pause).await;
                    }
                    Ok::<_, Infallible>(chunk)
                },
            );
            Response::from_parts(parts, Body::from_stream(stream))
        }
        FaultKind::Drop => {
            let (mut parts, body) = split(real).await;
            let keep = fault.after_bytes.unwrap_or(0).min(body.len());
            set_length(&mut parts.headers, body.len());
            let head = body.slice(..keep);
            let stream = futures::stream::iter([Ok(head)]).chain(futures::stream::once(async {
                // Give the server time to flush what was sent before failing
                // the body, which makes it close the connection.
                tokio::time::sleep(Duration::from_millis(50)).await;
                Err(std::io::Error::other("injected fault: connection dropped"))
            }));
            let mut response = Response::from_parts(parts, Body::from_stream(stream));
            response.extensions_mut().insert(PartialDrop);
            response
        }
        FaultKind::Insert => {
            let kind = fault
                .resource
                .as_deref()
                .and_then(ResourceKind::parse)
                .or_else(|| resource_of(path));
            if let Some(kind) = kind {
                seed::add_synthetic(&mut app.store(), kind, fault.count.unwrap_or(1));
            }
            real
        }
        _ => real,
    }
}

/// Marks a response whose body is cut off by a `drop` fault: logged with a
/// `null` status, since the client never receives a whole answer.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PartialDrop;

/// The list a path names (`/compute/v1/instances/x/snapshots` → snapshots).
fn resource_of(path: &str) -> Option<ResourceKind> {
    let rel = path.strip_prefix(API_PREFIX)?;
    let segments: Vec<&str> = rel.split('/').filter(|s| !s.is_empty()).collect();
    segments.iter().rev().find_map(|s| ResourceKind::parse(s))
}

fn set_length(headers: &mut HeaderMap, len: usize) {
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
}

async fn split(response: Response) -> (axum::http::response::Parts, Bytes) {
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    (parts, bytes)
}
