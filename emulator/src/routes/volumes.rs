//! Volume operations; sizes only grow and attached volumes cannot be deleted.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::body::JsonBody;
use crate::enums::{Region, Status, VolumeType};
use crate::error::{ApiError, ApiResult};
use crate::lifecycle::{Lifecycle, Next};
use crate::render;
use crate::routes::{no_content, wrapped};
use crate::state::AppState;
use crate::store::{is_deleting, ResourceKind, Volume};
use crate::time::Ts;

fn not_found(id: &str) -> ApiError {
    ApiError::not_found("volume", id)
}

pub(crate) async fn create(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.req_name("name")?;
    let region: Region = b.req_enum("region")?;
    let size = b.req_size("size")?;
    let kind: VolumeType = b.opt_enum("type")?.unwrap_or(VolumeType::Ssd);
    let description = b.opt_str("description")?.unwrap_or("");
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let id = store.next_id(ResourceKind::Volumes);
    let now = Ts::now();
    let _ = store.volumes.push(Volume {
        id,
        name: name.into(),
        description: description.into(),
        region,
        size,
        kind,
        instances: Vec::new(),
        life: Lifecycle::transition(Status::Creating, Next::To(Status::Created), delay),
        created_at: now,
        updated_at: now,
    });
    store.watch(ResourceKind::Volumes, id);
    let volume = store
        .volumes
        .get(id)
        .ok_or_else(|| not_found(&id.to_string()))?;
    Ok(wrapped(
        StatusCode::CREATED,
        "volume",
        &render::volume(&store, volume),
    ))
}

pub(crate) async fn update(
    State(app): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.opt_name("name")?;
    let description = b.opt_str("description")?;
    let size = b.opt_size("size")?;
    let mut store = app.store();
    let volume = store.volumes.find(&id).ok_or_else(|| not_found(&id))?;
    let vid = volume.id;
    if is_deleting(volume.life.status) {
        return Err(ApiError::wrong_status(format!(
            "volume {id} is being deleted"
        )));
    }
    if let Some(size) = size {
        if size < volume.size {
            return Err(ApiError::shrink("volume size", volume.size, size));
        }
    }
    let Some(volume) = store.volumes.get_mut(vid) else {
        return Err(not_found(&id));
    };
    if let Some(name) = name {
        volume.name = name.into();
    }
    if let Some(description) = description {
        volume.description = description.into();
    }
    if let Some(size) = size {
        volume.size = size;
    }
    volume.updated_at = Ts::now();
    let volume = store.volumes.get(vid).ok_or_else(|| not_found(&id))?;
    Ok(wrapped(
        StatusCode::OK,
        "volume",
        &render::volume(&store, volume),
    ))
}

pub(crate) async fn delete(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let volume = store.volumes.find(&id).ok_or_else(|| not_found(&id))?;
    let vid = volume.id;
    if !volume.instances.is_empty() {
        return Err(ApiError::in_use(format!(
            "volume {id} is attached to an instance; detach it first"
        )));
    }
    if !is_deleting(volume.life.status) {
        if let Some(v) = store.volumes.get_mut(vid) {
            v.life = Lifecycle::transition(Status::Deleting, Next::Gone, delay);
            v.updated_at = Ts::now();
        }
        store.watch(ResourceKind::Volumes, vid);
    }
    Ok(no_content())
}
