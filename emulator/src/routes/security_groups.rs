//! Security-group operations: reserved names, unique names per region,
//! internal groups read-only, groups in use not deletable.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::body::JsonBody;
use crate::enums::{Region, Status};
use crate::error::{ApiError, ApiResult};
use crate::ids::Id;
use crate::lifecycle::{Lifecycle, Next};
use crate::render;
use crate::routes::{no_content, wrapped};
use crate::seed::parse_rules;
use crate::state::AppState;
use crate::store::{is_deleting, ResourceKind, SecurityGroup, Store};
use crate::time::Ts;

fn not_found(id: &str) -> ApiError {
    ApiError::not_found("security group", id)
}

/// `default` and `standard` belong to the groups Genesis Cloud manages.
fn check_name(name: &str) -> ApiResult<()> {
    let lower = name.trim().to_ascii_lowercase();
    if lower == "default" || lower == "standard" {
        Err(ApiError::invalid(format!(
            "the security group name {name:?} is reserved"
        )))
    } else {
        Ok(())
    }
}

fn check_unique(store: &Store, name: &str, region: Region, except: Option<Id>) -> ApiResult<()> {
    let taken = store.security_groups.iter().any(|g| {
        &*g.name == name
            && g.region == region
            && Some(g.id) != except
            && !is_deleting(g.life.status)
    });
    if taken {
        Err(ApiError::name_in_use("security group", name))
    } else {
        Ok(())
    }
}

pub(crate) async fn create(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.req_name("name")?;
    check_name(name)?;
    let region: Region = b.req_enum("region")?;
    if !b.has("rules") {
        return Err(ApiError::invalid("`rules` is required"));
    }
    let rules = parse_rules(b.get("rules"))?;
    let description = b.opt_str("description")?.unwrap_or("");
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    check_unique(&store, name, region, None)?;
    let id = store.next_id(ResourceKind::SecurityGroups);
    let now = Ts::now();
    let _ = store.security_groups.push(SecurityGroup {
        id,
        name: name.into(),
        description: description.into(),
        region,
        is_internal: false,
        rules,
        life: Lifecycle::transition(Status::Creating, Next::To(Status::Created), delay),
        created_at: now,
        updated_at: now,
    });
    store.watch(ResourceKind::SecurityGroups, id);
    let group = store
        .security_groups
        .get(id)
        .ok_or_else(|| not_found(&id.to_string()))?;
    Ok(wrapped(
        StatusCode::CREATED,
        "security_group",
        &render::security_group(group),
    ))
}

pub(crate) async fn update(
    State(app): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.opt_name("name")?;
    if let Some(name) = name {
        check_name(name)?;
    }
    let description = b.opt_str("description")?;
    let rules = if b.has("rules") {
        Some(parse_rules(b.get("rules"))?)
    } else {
        None
    };
    let mut store = app.store();
    let group = store
        .security_groups
        .find(&id)
        .ok_or_else(|| not_found(&id))?;
    let (gid, region) = (group.id, group.region);
    if group.is_internal {
        return Err(ApiError::in_use(format!(
            "security group {id} is managed by Genesis Cloud"
        )));
    }
    if is_deleting(group.life.status) {
        return Err(ApiError::wrong_status(format!(
            "security group {id} is being deleted"
        )));
    }
    if let Some(name) = name {
        check_unique(&store, name, region, Some(gid))?;
    }
    let Some(group) = store.security_groups.get_mut(gid) else {
        return Err(not_found(&id));
    };
    if let Some(name) = name {
        group.name = name.into();
    }
    if let Some(description) = description {
        group.description = description.into();
    }
    if let Some(rules) = rules {
        group.rules = rules;
    }
    group.updated_at = Ts::now();
    Ok(wrapped(
        StatusCode::OK,
        "security_group",
        &render::security_group(group),
    ))
}

pub(crate) async fn delete(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let group = store
        .security_groups
        .find(&id)
        .ok_or_else(|| not_found(&id))?;
    let gid = group.id;
    if group.is_internal {
        return Err(ApiError::in_use(format!(
            "security group {id} is managed by Genesis Cloud"
        )));
    }
    let deleting = is_deleting(group.life.status);
    if store
        .instances
        .iter()
        .any(|i| i.security_groups.contains(&gid))
    {
        return Err(ApiError::in_use(format!(
            "security group {id} is used by an instance"
        )));
    }
    if !deleting {
        if let Some(g) = store.security_groups.get_mut(gid) {
            g.life = Lifecycle::transition(Status::Deleting, Next::Gone, delay);
            g.updated_at = Ts::now();
        }
        store.watch(ResourceKind::SecurityGroups, gid);
    }
    Ok(no_content())
}
