//! SSH-key operations. Keys have no status: a delete takes effect at once,
//! and single keys are served unwrapped.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::body::JsonBody;
use crate::error::{ApiError, ApiResult};
use crate::ids::Id;
use crate::key_format;
use crate::render;
use crate::routes::{bare, no_content};
use crate::state::AppState;
use crate::store::{ResourceKind, SshKey, Store};
use crate::time::Ts;

fn not_found(id: &str) -> ApiError {
    ApiError::not_found("ssh key", id)
}

fn check_unique(store: &Store, name: &str, except: Option<Id>) -> ApiResult<()> {
    if store
        .ssh_keys
        .iter()
        .any(|k| &*k.name == name && Some(k.id) != except)
    {
        Err(ApiError::name_in_use("ssh key", name))
    } else {
        Ok(())
    }
}

pub(crate) async fn create(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.req_name("name")?;
    let value = b.req_name("value")?.trim();
    let info = key_format::inspect(value).map_err(ApiError::invalid)?;
    let mut store = app.store();
    check_unique(&store, name, None)?;
    let id = store.next_id(ResourceKind::SshKeys);
    let key = SshKey::new(id, name, value, info, Ts::now());
    let response = bare(StatusCode::CREATED, &render::ssh_key(&key));
    let _ = store.ssh_keys.push(key);
    Ok(response)
}

pub(crate) async fn update(
    State(app): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.opt_name("name")?;
    let mut store = app.store();
    let kid = store.ssh_keys.find(&id).ok_or_else(|| not_found(&id))?.id;
    if let Some(name) = name {
        check_unique(&store, name, Some(kid))?;
    }
    let Some(key) = store.ssh_keys.get_mut(kid) else {
        return Err(not_found(&id));
    };
    if let Some(name) = name {
        key.name = name.into();
    }
    key.updated_at = Ts::now();
    Ok(bare(StatusCode::OK, &render::ssh_key(key)))
}

pub(crate) async fn delete(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let mut store = app.store();
    let kid = store.ssh_keys.find(&id).ok_or_else(|| not_found(&id))?.id;
    store.remove(ResourceKind::SshKeys, kid);
    Ok(no_content())
}
