//! Snapshot operations: list, import from a URL, get, rename, delete, clone.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::body::JsonBody;
use crate::enums::{OsType, Region, Status};
use crate::error::{ApiError, ApiResult};
use crate::lifecycle::{Lifecycle, Next};
use crate::render;
use crate::routes::{no_content, wrapped};
use crate::state::AppState;
use crate::store::{is_deleting, ResourceKind, Snapshot};
use crate::time::Ts;

fn not_found(id: &str) -> ApiError {
    ApiError::not_found("snapshot", id)
}

/// A source URL must be absolute http(s): the API downloads it.
fn check_url(text: &str) -> ApiResult<()> {
    match url::Url::parse(text) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(ApiError::invalid("`url` must be an http or https URL")),
    }
}

fn new_snapshot(
    app: &AppState,
    name: &str,
    region: Region,
    size: u64,
    os_type: OsType,
    source_snapshot_id: Option<crate::ids::Id>,
) -> ApiResult<Response> {
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let id = store.next_id(ResourceKind::Snapshots);
    let now = Ts::now();
    let _ = store.snapshots.push(Snapshot {
        id,
        name: name.into(),
        os_type,
        region,
        size,
        source_instance_id: None,
        source_snapshot_id,
        life: Lifecycle::transition(Status::Creating, Next::To(Status::Created), delay),
        created_at: now,
        updated_at: now,
    });
    store.watch(ResourceKind::Snapshots, id);
    let snapshot = store
        .snapshots
        .get(id)
        .ok_or_else(|| not_found(&id.to_string()))?;
    Ok(wrapped(
        StatusCode::CREATED,
        "snapshot",
        &render::snapshot(snapshot),
    ))
}

pub(crate) async fn import(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.req_name("name")?;
    let region: Region = b.req_enum("region")?;
    let size = b.req_size("size")?;
    let url = b.req_str("url")?;
    let os_type: OsType = b.opt_enum("os_type")?.unwrap_or(OsType::Linux);
    check_url(url)?;
    new_snapshot(&app, name, region, size, os_type, None)
}

pub(crate) async fn clone(
    State(app): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.req_name("name")?;
    let region: Region = b.req_enum("region")?;
    let (size, os_type, source) = {
        let store = app.store();
        let source = store.snapshots.find(&id).ok_or_else(|| not_found(&id))?;
        if source.life.status != Status::Created {
            return Err(ApiError::wrong_status(format!(
                "snapshot {id} is {}; only a created snapshot can be cloned",
                source.life.status.as_str()
            )));
        }
        (source.size, source.os_type, source.id)
    };
    new_snapshot(&app, name, region, size, os_type, Some(source))
}

pub(crate) async fn update(
    State(app): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.opt_name("name")?;
    let mut store = app.store();
    let snapshot = store.snapshots.find(&id).ok_or_else(|| not_found(&id))?;
    let sid = snapshot.id;
    if is_deleting(snapshot.life.status) {
        return Err(ApiError::wrong_status(format!(
            "snapshot {id} is being deleted"
        )));
    }
    let Some(snapshot) = store.snapshots.get_mut(sid) else {
        return Err(not_found(&id));
    };
    if let Some(name) = name {
        snapshot.name = name.into();
    }
    snapshot.updated_at = Ts::now();
    Ok(wrapped(
        StatusCode::OK,
        "snapshot",
        &render::snapshot(snapshot),
    ))
}

pub(crate) async fn delete(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let snapshot = store.snapshots.find(&id).ok_or_else(|| not_found(&id))?;
    let sid = snapshot.id;
    if !is_deleting(snapshot.life.status) {
        if let Some(s) = store.snapshots.get_mut(sid) {
            s.life = Lifecycle::transition(Status::Deleting, Next::Gone, delay);
            s.updated_at = Ts::now();
        }
        store.watch(ResourceKind::Snapshots, sid);
    }
    Ok(no_content())
}
