//! Filesystem operations; sizes only grow.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::body::JsonBody;
use crate::enums::{FilesystemType, Region, Status};
use crate::error::{ApiError, ApiResult};
use crate::lifecycle::{Lifecycle, Next};
use crate::render;
use crate::routes::{no_content, wrapped};
use crate::state::AppState;
use crate::store::{is_deleting, private_ip, Filesystem, ResourceKind};
use crate::time::Ts;

fn not_found(id: &str) -> ApiError {
    ApiError::not_found("filesystem", id)
}

pub(crate) async fn create(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.req_name("name")?;
    let region: Region = b.req_enum("region")?;
    let size = b.req_size("size")?;
    let kind: FilesystemType = b.opt_enum("type")?.unwrap_or(FilesystemType::Vast);
    let description = b.opt_str("description")?.unwrap_or("");
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let n = store.next_counter();
    let id = crate::ids::Id::generated(crate::ids::IdTag::Filesystem, n);
    let now = Ts::now();
    let _ = store.filesystems.push(Filesystem {
        id,
        name: name.into(),
        description: description.into(),
        region,
        size,
        kind,
        mount_base_path: Some(format!("/{name}").into()),
        mount_endpoint_range: Some([private_ip(n).into(), private_ip(n + 8).into()]),
        life: Lifecycle::transition(Status::Creating, Next::To(Status::Created), delay),
        created_at: now,
        updated_at: now,
    });
    store.watch(ResourceKind::Filesystems, id);
    let filesystem = store
        .filesystems
        .get(id)
        .ok_or_else(|| not_found(&id.to_string()))?;
    Ok(wrapped(
        StatusCode::CREATED,
        "filesystem",
        &render::filesystem(filesystem),
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
    let filesystem = store.filesystems.find(&id).ok_or_else(|| not_found(&id))?;
    let fid = filesystem.id;
    if is_deleting(filesystem.life.status) {
        return Err(ApiError::wrong_status(format!(
            "filesystem {id} is being deleted"
        )));
    }
    if let Some(size) = size {
        if size < filesystem.size {
            return Err(ApiError::shrink("filesystem size", filesystem.size, size));
        }
    }
    let Some(filesystem) = store.filesystems.get_mut(fid) else {
        return Err(not_found(&id));
    };
    if let Some(name) = name {
        filesystem.name = name.into();
    }
    if let Some(description) = description {
        filesystem.description = description.into();
    }
    if let Some(size) = size {
        filesystem.size = size;
    }
    filesystem.updated_at = Ts::now();
    let filesystem = store.filesystems.get(fid).ok_or_else(|| not_found(&id))?;
    Ok(wrapped(
        StatusCode::OK,
        "filesystem",
        &render::filesystem(filesystem),
    ))
}

pub(crate) async fn delete(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let filesystem = store.filesystems.find(&id).ok_or_else(|| not_found(&id))?;
    let fid = filesystem.id;
    if !is_deleting(filesystem.life.status) {
        if let Some(v) = store.filesystems.get_mut(fid) {
            v.life = Lifecycle::transition(Status::Deleting, Next::Gone, delay);
            v.updated_at = Ts::now();
        }
        store.watch(ResourceKind::Filesystems, fid);
    }
    Ok(no_content())
}
