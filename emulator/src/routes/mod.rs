//! The 45 operations of the compute API, one module per resource.

mod account;
mod filesystems;
mod floating_ips;
mod images;
mod instances;
mod listing;
mod security_groups;
mod snapshots;
mod ssh_keys;
mod volumes;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;

use crate::error::{ApiError, METHOD_NOT_ALLOWED, NOT_FOUND};
use crate::state::AppState;
use crate::store::{Filesystem, FloatingIp, Instance, SecurityGroup, Snapshot, SshKey, Volume};

/// Routes relative to `/compute/v1`.
pub(crate) fn api_router() -> Router<AppState> {
    Router::new()
        .route("/images", get(images::list))
        .route(
            "/instances",
            get(listing::list::<Instance>).post(instances::create),
        )
        .route(
            "/instances/{id}",
            get(listing::get::<Instance>)
                .patch(instances::update)
                .delete(instances::delete),
        )
        .route(
            "/instances/{id}/actions",
            get(instances::actions).post(instances::act),
        )
        .route(
            "/instances/{id}/snapshots",
            get(instances::snapshots).post(instances::snapshot),
        )
        .route(
            "/instances/{id}/user-metadata",
            get(instances::user_metadata),
        )
        .route(
            "/snapshots",
            get(listing::list::<Snapshot>).post(snapshots::import),
        )
        .route(
            "/snapshots/{id}",
            get(listing::get::<Snapshot>)
                .patch(snapshots::update)
                .delete(snapshots::delete),
        )
        .route(
            "/snapshots/{id}/clone",
            axum::routing::post(snapshots::clone),
        )
        .route(
            "/volumes",
            get(listing::list::<Volume>).post(volumes::create),
        )
        .route(
            "/volumes/{id}",
            get(listing::get::<Volume>)
                .patch(volumes::update)
                .delete(volumes::delete),
        )
        .route(
            "/filesystems",
            get(listing::list::<Filesystem>).post(filesystems::create),
        )
        .route(
            "/filesystems/{id}",
            get(listing::get::<Filesystem>)
                .patch(filesystems::update)
                .delete(filesystems::delete),
        )
        .route(
            "/security-groups",
            get(listing::list::<SecurityGroup>).post(security_groups::create),
        )
        .route(
            "/security-groups/{id}",
            get(listing::get::<SecurityGroup>)
                .patch(security_groups::update)
                .delete(security_groups::delete),
        )
        .route(
            "/ssh-keys",
            get(listing::list::<SshKey>).post(ssh_keys::create),
        )
        .route(
            "/ssh-keys/{id}",
            get(listing::get::<SshKey>)
                .patch(ssh_keys::update)
                .delete(ssh_keys::delete),
        )
        .route(
            "/floating-ips",
            get(listing::list::<FloatingIp>).post(floating_ips::create),
        )
        .route(
            "/floating-ips/{id}",
            get(listing::get::<FloatingIp>)
                .patch(floating_ips::update)
                .delete(floating_ips::delete),
        )
        .route("/quotas", get(account::quotas))
        .route("/reservations", get(account::reservations))
        .route(
            "/availability/{region}/instances",
            get(account::availability),
        )
        .method_not_allowed_fallback(method_not_allowed)
}

/// 404 with the error body for paths no route serves.
pub(crate) async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        NOT_FOUND,
        format!("no such path: {}", uri.path()),
    )
}

/// 405 with the error body.
pub(crate) async fn method_not_allowed(
    method: axum::http::Method,
    uri: axum::http::Uri,
) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", uri.path()),
    )
}

/// A JSON answer from ready bytes.
pub(crate) fn json_bytes(status: StatusCode, body: Vec<u8>) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// `{"<key>": value}`.
pub(crate) fn wrapped<T: Serialize>(status: StatusCode, key: &str, value: &T) -> Response {
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(b"{\"");
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\":");
    // Views hold plain data: serialising into memory cannot fail.
    let _ = serde_json::to_writer(&mut out, value);
    out.push(b'}');
    json_bytes(status, out)
}

/// A value served as the whole body (SSH keys are not wrapped).
pub(crate) fn bare<T: Serialize>(status: StatusCode, value: &T) -> Response {
    json_bytes(status, serde_json::to_vec(value).unwrap_or_default())
}

/// 204: no body and, as the contract demands, no `Content-Type`.
pub(crate) fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}
