//! Floating-IP operations; an address attached to an instance cannot be
//! deleted.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::body::JsonBody;
use crate::enums::{IpVersion, Region, Status};
use crate::error::{ApiError, ApiResult};
use crate::ids::{Id, IdTag};
use crate::lifecycle::{Lifecycle, Next};
use crate::render;
use crate::routes::{no_content, wrapped};
use crate::state::AppState;
use crate::store::{is_deleting, public_ip, FloatingIp, ResourceKind};
use crate::time::Ts;

fn not_found(id: &str) -> ApiError {
    ApiError::not_found("floating IP", id)
}

pub(crate) async fn create(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.req_name("name")?;
    let region: Region = b.req_enum("region")?;
    let description = b.opt_str("description")?.unwrap_or("");
    // Only IPv4 addresses can be created (CreateFloatingIPJSONBodyVersion).
    if let Some(version) = b.opt_str("version")? {
        if version != IpVersion::V4.as_str() {
            return Err(ApiError::unknown_enum(
                "version",
                version,
                IpVersion::V4.as_str(),
            ));
        }
    }
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let n = store.next_counter();
    let id = Id::generated(IdTag::FloatingIp, n);
    let now = Ts::now();
    let _ = store.floating_ips.push(FloatingIp {
        id,
        name: name.into(),
        description: description.into(),
        region,
        version: IpVersion::V4,
        is_public: true,
        ip_address: Some(public_ip(n).into()),
        instance: None,
        life: Lifecycle::transition(Status::Creating, Next::To(Status::Created), delay),
        created_at: now,
        updated_at: now,
    });
    store.watch(ResourceKind::FloatingIps, id);
    let fip = store
        .floating_ips
        .get(id)
        .ok_or_else(|| not_found(&id.to_string()))?;
    Ok(wrapped(
        StatusCode::CREATED,
        "floating_ip",
        &render::floating_ip(&store, fip),
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
    let mut store = app.store();
    let fip = store.floating_ips.find(&id).ok_or_else(|| not_found(&id))?;
    let fid = fip.id;
    if is_deleting(fip.life.status) {
        return Err(ApiError::wrong_status(format!(
            "floating IP {id} is being deleted"
        )));
    }
    let Some(fip) = store.floating_ips.get_mut(fid) else {
        return Err(not_found(&id));
    };
    if let Some(name) = name {
        fip.name = name.into();
    }
    if let Some(description) = description {
        fip.description = description.into();
    }
    fip.updated_at = Ts::now();
    let fip = store.floating_ips.get(fid).ok_or_else(|| not_found(&id))?;
    Ok(wrapped(
        StatusCode::OK,
        "floating_ip",
        &render::floating_ip(&store, fip),
    ))
}

pub(crate) async fn delete(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let fip = store.floating_ips.find(&id).ok_or_else(|| not_found(&id))?;
    let fid = fip.id;
    if fip.instance.is_some() {
        return Err(ApiError::in_use(format!(
            "floating IP {id} is attached to an instance"
        )));
    }
    if !is_deleting(fip.life.status) {
        if let Some(f) = store.floating_ips.get_mut(fid) {
            f.life = Lifecycle::transition(Status::Deleting, Next::Gone, delay);
            f.updated_at = Ts::now();
        }
        store.watch(ResourceKind::FloatingIps, fid);
    }
    Ok(no_content())
}
