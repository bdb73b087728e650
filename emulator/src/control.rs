//! The control API under `/_emulator`: reset, tunables, bulk seeding, faults
//! and the request log. It needs no token and is not logged, so tests can
//! steer the emulator without disturbing what they observe.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use crate::config::Seed;
use crate::error::{ApiError, ApiResult, MALFORMED_BODY};
use crate::faults::Fault;
use crate::routes::{bare, method_not_allowed, no_content};
use crate::seed;
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route("/reset", post(reset))
        .route("/config", get(config).post(configure))
        .route("/seed", post(seed_synthetic))
        .route("/faults", get(faults).post(add_faults).delete(clear_faults))
        .route("/faults/{id}", delete(remove_fault))
        .route("/requests", get(requests).delete(clear_requests))
        .method_not_allowed_fallback(method_not_allowed)
}

fn body_value(bytes: &[u8]) -> ApiResult<Option<Value>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(bytes).map(Some).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            MALFORMED_BODY,
            format!("the body is not valid JSON: {e}"),
        )
    })
}

fn object(value: Option<Value>) -> ApiResult<Map<String, Value>> {
    match value {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(ApiError::invalid("the body must be a JSON object")),
    }
}

fn totals(app: &AppState) -> Value {
    let map: Map<String, Value> = app
        .totals()
        .into_iter()
        .map(|(k, n)| (k.to_owned(), json!(n)))
        .collect();
    Value::Object(map)
}

async fn health(State(app): State<AppState>) -> Response {
    bare(StatusCode::OK, &json!({"ok": true, "total": totals(&app)}))
}

async fn reset(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let body = object(body_value(&body)?)?;
    let seed = match body.get("seed") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if Seed::named(s).is_some() => Seed::named(s),
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "`seed` must be one of {}, got {other}",
                Seed::NAMES.join(", ")
            )))
        }
    };
    let state = app.clone();
    tokio::task::spawn_blocking(move || match seed {
        Some(seed) => state.reset_with(seed),
        None => state.reset(),
    })
    .await
    .map_err(|e| ApiError::invalid(format!("reset failed: {e}")))?;
    Ok(bare(StatusCode::OK, &json!({"total": totals(&app)})))
}

fn config_json(app: &AppState) -> Value {
    let t = app.tunables();
    json!({
        "lifecycle_delay_ms": t.lifecycle_delay.as_millis() as u64,
        "latency_ms": t.latency.as_millis() as u64,
        "rate_limit": t.rate_limit,
    })
}

async fn config(State(app): State<AppState>) -> Response {
    bare(StatusCode::OK, &config_json(&app))
}

async fn configure(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let body = object(body_value(&body)?)?;
    let millis = |field: &str| -> ApiResult<Option<Duration>> {
        match body.get(field) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .map(|ms| Some(Duration::from_millis(ms)))
                .ok_or_else(|| {
                    ApiError::invalid(format!("`{field}` must be a non-negative integer"))
                }),
        }
    };
    let lifecycle_delay = millis("lifecycle_delay_ms")?;
    let latency = millis("latency_ms")?;
    let rate_limit = match body.get("rate_limit") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(v) => match v.as_u64() {
            Some(n) if n <= u32::MAX as u64 => Some(Some(n as u32)),
            _ => {
                return Err(ApiError::invalid(
                    "`rate_limit` must be a non-negative integer or null",
                ))
            }
        },
    };
    if let Some(key) = body
        .keys()
        .find(|k| !["lifecycle_delay_ms", "latency_ms", "rate_limit"].contains(&k.as_str()))
    {
        return Err(ApiError::invalid(format!("unknown setting {key:?}")));
    }
    app.configure(lifecycle_delay, latency, rate_limit);
    Ok(bare(StatusCode::OK, &config_json(&app)))
}

async fn seed_synthetic(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let value = body_value(&body)?.unwrap_or_else(|| json!({}));
    let counts = seed::synthetic_counts(&value).map_err(ApiError::invalid)?;
    let state = app.clone();
    // A million items take a while to build; keep the runtime's workers free.
    tokio::task::spawn_blocking(move || {
        for (kind, count) in counts {
            let _ = state.seed_synthetic(kind.plural(), count);
        }
    })
    .await
    .map_err(|e| ApiError::invalid(format!("seeding failed: {e}")))?;
    Ok(bare(StatusCode::OK, &json!({"total": totals(&app)})))
}

async fn faults(State(app): State<AppState>) -> Response {
    let list: Vec<Value> = app.fault_entries().iter().map(|e| e.to_json()).collect();
    bare(StatusCode::OK, &json!({"faults": list}))
}

async fn add_faults(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let value = body_value(&body)?
        .ok_or_else(|| ApiError::invalid("a fault or an array of faults is required"))?;
    let items = match value {
        Value::Array(items) => items,
        single => vec![single],
    };
    // Parse all first so that one bad fault leaves none half-installed.
    let parsed = items
        .iter()
        .enumerate()
        .map(|(i, v)| Fault::from_json(v).map_err(|e| ApiError::invalid(format!("fault {i}: {e}"))))
        .collect::<ApiResult<Vec<_>>>()?;
    let ids: Vec<u64> = parsed.into_iter().map(|f| app.inject_fault(f)).collect();
    Ok(bare(StatusCode::OK, &json!({"ids": ids})))
}

async fn clear_faults(State(app): State<AppState>) -> Response {
    app.clear_faults();
    no_content()
}

async fn remove_fault(State(app): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    match id.parse::<u64>() {
        Ok(n) if app.remove_fault(n) => Ok(no_content()),
        _ => Err(ApiError::not_found("fault", &id)),
    }
}

async fn requests(State(app): State<AppState>) -> Response {
    bare(StatusCode::OK, &json!({"requests": app.requests()}))
}

async fn clear_requests(State(app): State<AppState>) -> Response {
    app.clear_requests();
    no_content()
}
