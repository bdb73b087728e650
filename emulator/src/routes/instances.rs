//! The ten instance operations: CRUD, power actions, snapshots of an
//! instance and its user metadata.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::body::{ref_id, JsonBody};
use crate::catalogue;
use crate::enums::*;
use crate::error::{ApiError, ApiResult, IMAGE_INCOMPATIBLE, SIZE_SHRINK};
use crate::ids::Id;
use crate::lifecycle::{action_statuses, allowed_actions, Lifecycle, Next};
use crate::pagination::Query;
use crate::render;
use crate::routes::{json_bytes, no_content, wrapped};
use crate::state::AppState;
use crate::store::*;
use crate::time::Ts;

fn not_found(id: &str) -> ApiError {
    ApiError::not_found("instance", id)
}

/// Password rules of the API: 8–72 characters with an upper-case letter, a
/// lower-case letter and a digit.
fn check_password(password: &str) -> ApiResult<()> {
    let len = password.chars().count();
    let ok = (8..=72).contains(&len)
        && password.chars().any(|c| c.is_uppercase())
        && password.chars().any(|c| c.is_lowercase())
        && password.chars().any(|c| c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "`password` must be 8 to 72 characters with at least one upper-case letter, one lower-case letter and one digit",
        ))
    }
}

fn dedup(ids: Vec<Id>) -> Vec<Id> {
    let mut out: Vec<Id> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// A security group usable by an instance in `region`.
fn usable_group(store: &Store, text: &str, region: Region) -> ApiResult<Id> {
    let id = ref_id("security group", text)?;
    match store.security_groups.get(id) {
        Some(g) if g.region == region && !is_deleting(g.life.status) => Ok(id),
        Some(g) if g.region != region => Err(ApiError::unknown_reference(
            "security group",
            &format!("{text} in region {}", region.as_str()),
        )),
        _ => Err(ApiError::unknown_reference("security group", text)),
    }
}

/// A volume attachable to instance `owner` in `region`.
fn attachable_volume(
    store: &Store,
    text: &str,
    region: Region,
    owner: Option<Id>,
) -> ApiResult<Id> {
    let id = ref_id("volume", text)?;
    let volume = store
        .volumes
        .get(id)
        .ok_or_else(|| ApiError::unknown_reference("volume", text))?;
    if volume.region != region {
        return Err(ApiError::unknown_reference(
            "volume",
            &format!("{text} in region {}", region.as_str()),
        ));
    }
    if is_deleting(volume.life.status) {
        return Err(ApiError::wrong_status(format!(
            "volume {text} is being deleted"
        )));
    }
    if volume.instances.iter().any(|i| Some(*i) != owner) {
        return Err(ApiError::in_use(format!(
            "volume {text} is attached to another instance"
        )));
    }
    Ok(id)
}

pub(crate) async fn create(State(app): State<AppState>, body: Bytes) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.req_name("name")?;
    let hostname = b.req_name("hostname")?;
    let region: Region = b.req_enum("region")?;
    let type_name = b.req_str("type")?;
    let spec = catalogue::instance_type(type_name)
        .ok_or_else(|| ApiError::unknown_enum("type", type_name, &catalogue::type_names()))?;
    let image_text = b.req_str("image")?;
    let password = b.opt_str("password")?;
    let key_texts = b.opt_str_list("ssh_keys")?.unwrap_or_default();
    match (key_texts.is_empty(), password) {
        (false, Some(_)) => {
            return Err(ApiError::invalid(
                "`ssh_keys` and `password` are mutually exclusive",
            ))
        }
        (true, None) => {
            return Err(ApiError::invalid(
                "one of `ssh_keys` or `password` is required",
            ))
        }
        _ => {}
    }
    if let Some(p) = password {
        check_password(p)?;
    }
    let billing: Option<BillingType> = b.opt_enum("billing_type")?;
    for flag in [
        "destroy_on_shutdown",
        "public_ipv6",
        "reuse_long_term_subscription",
    ] {
        b.opt_bool(flag)?;
    }
    // The API protects long-term billed instances whatever the body says.
    let is_protected = b.opt_bool("is_protected")?.unwrap_or(false)
        || billing.is_some_and(BillingType::is_long_term);
    let disk_size = b.opt_size("disk_size")?;
    let placement = b.opt_str("placement_option")?.unwrap_or("AUTO");
    let floating_text = b.opt_str("floating_ip")?;
    let metadata = crate::metadata::check(b.get("metadata"))?;
    let reservation_text = b.opt_str("reservation_id")?;
    let group_texts = b.opt_str_list("security_groups")?;
    let volume_texts = b.opt_str_list("volumes")?.unwrap_or_default();

    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let image_id = ref_id("image", image_text)?;
    let (image, os_type) = if let Some(i) = store.images.get(image_id) {
        if !i.regions.contains(region) {
            return Err(ApiError::unprocessable(
                IMAGE_INCOMPATIBLE,
                format!(
                    "the selected image cannot be run in region {}",
                    region.as_str()
                ),
            ));
        }
        (
            NamedRef {
                id: i.id,
                name: i.name.clone(),
            },
            i.os_type,
        )
    } else if let Some(s) = store.snapshots.get(image_id) {
        if s.region != region || s.life.status != Status::Created {
            return Err(ApiError::unprocessable(
                IMAGE_INCOMPATIBLE,
                format!(
                    "snapshot {image_text} cannot be run in region {} now",
                    region.as_str()
                ),
            ));
        }
        (
            NamedRef {
                id: s.id,
                name: s.name.clone(),
            },
            s.os_type,
        )
    } else {
        return Err(ApiError::unknown_reference("image", image_text));
    };
    if !spec.regions.contains(&region) {
        return Err(ApiError::unprocessable(
            IMAGE_INCOMPATIBLE,
            format!(
                "instance type {type_name} is not offered in region {}",
                region.as_str()
            ),
        ));
    }
    let mut ssh_keys: Vec<NamedRef> = Vec::new();
    for text in key_texts {
        let key = ref_id("ssh key", text)
            .ok()
            .and_then(|id| store.ssh_keys.get(id))
            .ok_or_else(|| ApiError::unknown_reference("ssh key", text))?;
        if !ssh_keys.iter().any(|k| k.id == key.id) {
            ssh_keys.push(NamedRef {
                id: key.id,
                name: key.name.clone(),
            });
        }
    }
    let security_groups = match group_texts {
        Some(texts) => dedup(
            texts
                .iter()
                .map(|t| usable_group(&store, t, region))
                .collect::<ApiResult<Vec<_>>>()?,
        ),
        // Without a choice the API puts the instance in the region's
        // internal default group.
        None => store
            .security_groups
            .iter()
            .filter(|g| g.is_internal && g.region == region && &*g.name == "default")
            .map(|g| g.id)
            .take(1)
            .collect(),
    };
    let volumes = dedup(
        volume_texts
            .iter()
            .map(|t| attachable_volume(&store, t, region, None))
            .collect::<ApiResult<Vec<_>>>()?,
    );
    let floating_ip = match floating_text {
        None => None,
        Some(text) => {
            let id = ref_id("floating IP", text)?;
            let fip = store
                .floating_ips
                .get(id)
                .filter(|f| f.region == region && !is_deleting(f.life.status))
                .ok_or_else(|| ApiError::unknown_reference("floating IP", text))?;
            if fip.instance.is_some() {
                return Err(ApiError::in_use(format!(
                    "floating IP {text} is attached to another instance"
                )));
            }
            Some(id)
        }
    };
    let reservation_id = match reservation_text {
        None => None,
        Some(text) => Some(
            Id::parse(text)
                .filter(|id| store.reservation(*id).is_some())
                .ok_or_else(|| ApiError::unknown_reference("reservation", text))?,
        ),
    };
    let disk_size = disk_size.unwrap_or(spec.disk_gib);
    if disk_size < spec.disk_gib {
        return Err(ApiError::unprocessable(
            SIZE_SHRINK,
            format!(
                "`disk_size` must be at least {} GiB for {type_name}",
                spec.disk_gib
            ),
        ));
    }

    let n = store.next_counter();
    let id = Id::generated(crate::ids::IdTag::Instance, n);
    for v in &volumes {
        if let Some(v) = store.volumes.get_mut(*v) {
            v.instances.push(id);
        }
    }
    if let Some(f) = floating_ip.and_then(|f| store.floating_ips.get_mut(f)) {
        f.instance = Some(id);
    }
    let now = Ts::now();
    let instance = Instance {
        id,
        name: name.into(),
        hostname: hostname.into(),
        dns_name: dns_name(hostname, region).into(),
        kind: Arc::from(spec.name),
        region,
        os_type,
        image,
        ssh_keys,
        security_groups,
        volumes,
        floating_ip,
        private_ip: Some(private_ip(n).into()),
        public_ip: Some(public_ip(n).into()),
        placement_option: placement.into(),
        reservation_id,
        disk_size,
        is_protected,
        metadata,
        life: Lifecycle::transition(
            InstanceStatus::Creating,
            Next::To(InstanceStatus::Active),
            delay,
        ),
        created_at: now,
        updated_at: now,
    };
    let _ = store.instances.push(instance);
    store.watch(ResourceKind::Instances, id);
    let instance = store
        .instances
        .get(id)
        .ok_or_else(|| not_found(&id.to_string()))?;
    Ok(wrapped(
        StatusCode::CREATED,
        "instance",
        &render::instance(&store, instance),
    ))
}

/// A change to an id list in a PATCH: the full list, or one attach/detach.
enum ListChange<'a> {
    Replace(Vec<&'a str>),
    Attach(&'a str),
    Detach(&'a str),
}

fn list_change<'a>(b: &'a JsonBody, field: &str) -> ApiResult<Option<ListChange<'a>>> {
    let Some(value) = b.get(field) else {
        return Ok(None);
    };
    let shape = || {
        ApiError::invalid(format!(
            "`{field}` must be an array of ids, {{\"attach\": id}} or {{\"detach\": id}}"
        ))
    };
    match value {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().ok_or_else(shape))
            .collect::<ApiResult<Vec<_>>>()
            .map(|ids| Some(ListChange::Replace(ids))),
        Value::Object(map) if map.len() == 1 => match (map.get("attach"), map.get("detach")) {
            (Some(Value::String(id)), None) => Ok(Some(ListChange::Attach(id))),
            (None, Some(Value::String(id))) => Ok(Some(ListChange::Detach(id))),
            _ => Err(shape()),
        },
        _ => Err(shape()),
    }
}

/// The new list after a change, each added id checked by `check`.
fn apply_change(
    current: &[Id],
    change: ListChange<'_>,
    what: &str,
    check: impl Fn(&str) -> ApiResult<Id>,
) -> ApiResult<Vec<Id>> {
    match change {
        ListChange::Replace(texts) => Ok(dedup(
            texts
                .iter()
                .map(|t| check(t))
                .collect::<ApiResult<Vec<_>>>()?,
        )),
        ListChange::Attach(text) => {
            let id = check(text)?;
            let mut next = current.to_vec();
            if !next.contains(&id) {
                next.push(id);
            }
            Ok(next)
        }
        ListChange::Detach(text) => {
            let id = Id::parse(text)
                .filter(|id| current.contains(id))
                .ok_or_else(|| {
                    ApiError::unknown_reference(what, &format!("{text} attached to this instance"))
                })?;
            Ok(current.iter().copied().filter(|c| *c != id).collect())
        }
    }
}

pub(crate) async fn update(
    State(app): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.opt_name("name")?;
    let is_protected = b.opt_bool("is_protected")?;
    let disk_size = b.opt_size("disk_size")?;
    let reservation_text = b.opt_str("reservation_id")?;
    let groups_change = list_change(&b, "security_groups")?;
    let volumes_change = list_change(&b, "volumes")?;

    let mut store = app.store();
    let instance = store.instances.find(&id).ok_or_else(|| not_found(&id))?;
    let (iid, region, status) = (instance.id, instance.region, instance.life.status);
    if status == InstanceStatus::Deleting {
        return Err(ApiError::wrong_status(format!(
            "instance {id} is being deleted"
        )));
    }
    if let Some(size) = disk_size {
        if size < instance.disk_size {
            return Err(ApiError::shrink("disk_size", instance.disk_size, size));
        }
    }
    let reservation_id = match reservation_text {
        None => None,
        Some(text) => Some(
            Id::parse(text)
                .filter(|r| store.reservation(*r).is_some())
                .ok_or_else(|| ApiError::unknown_reference("reservation", text))?,
        ),
    };
    let new_groups = match groups_change {
        None => None,
        Some(change) => Some(apply_change(
            &instance.security_groups,
            change,
            "security group",
            |t| usable_group(&store, t, region),
        )?),
    };
    let old_volumes = instance.volumes.clone();
    let new_volumes = match volumes_change {
        None => None,
        Some(change) => Some(apply_change(&old_volumes, change, "volume", |t| {
            attachable_volume(&store, t, region, Some(iid))
        })?),
    };

    if let Some(volumes) = &new_volumes {
        for v in old_volumes.iter().filter(|v| !volumes.contains(v)) {
            if let Some(v) = store.volumes.get_mut(*v) {
                v.instances.retain(|i| *i != iid);
            }
        }
        for v in volumes.iter().filter(|v| !old_volumes.contains(v)) {
            if let Some(v) = store.volumes.get_mut(*v) {
                v.instances.push(iid);
            }
        }
    }
    let Some(instance) = store.instances.get_mut(iid) else {
        return Err(not_found(&id));
    };
    if let Some(name) = name {
        instance.name = name.into();
    }
    if let Some(p) = is_protected {
        instance.is_protected = p;
    }
    if let Some(size) = disk_size {
        instance.disk_size = size;
    }
    if reservation_id.is_some() {
        instance.reservation_id = reservation_id;
    }
    if let Some(groups) = new_groups {
        instance.security_groups = groups;
    }
    if let Some(volumes) = new_volumes {
        instance.volumes = volumes;
    }
    instance.updated_at = Ts::now();
    let instance = store.instances.get(iid).ok_or_else(|| not_found(&id))?;
    Ok(wrapped(
        StatusCode::OK,
        "instance",
        &render::instance(&store, instance),
    ))
}

pub(crate) async fn delete(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let instance = store.instances.find(&id).ok_or_else(|| not_found(&id))?;
    let iid = instance.id;
    if instance.is_protected {
        return Err(ApiError::in_use(format!(
            "instance {id} is protected; unset `is_protected` before deleting it"
        )));
    }
    if instance.life.status != InstanceStatus::Deleting {
        if let Some(instance) = store.instances.get_mut(iid) {
            instance.life = Lifecycle::transition(InstanceStatus::Deleting, Next::Gone, delay);
            instance.updated_at = Ts::now();
        }
        store.watch(ResourceKind::Instances, iid);
    }
    Ok(no_content())
}

pub(crate) async fn actions(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let store = app.store();
    let instance = store.instances.find(&id).ok_or_else(|| not_found(&id))?;
    let actions = allowed_actions(instance.life.status);
    Ok(wrapped(StatusCode::OK, "actions", &actions))
}

pub(crate) async fn act(
    State(app): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let action: InstanceAction = b.req_enum("action")?;
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let instance = store.instances.find(&id).ok_or_else(|| not_found(&id))?;
    let (iid, status) = (instance.id, instance.life.status);
    if !allowed_actions(status).contains(&action) {
        return Err(ApiError::wrong_status(format!(
            "action {} is not allowed while the instance is {}",
            action.as_str(),
            status.as_str()
        )));
    }
    let (during, after) = action_statuses(action);
    if let Some(instance) = store.instances.get_mut(iid) {
        instance.life = Lifecycle::transition(during, Next::To(after), delay);
        instance.updated_at = Ts::now();
    }
    store.watch(ResourceKind::Instances, iid);
    Ok(no_content())
}

pub(crate) async fn snapshots(
    State(app): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let page = Query::parse(query.as_deref()).page()?;
    let store = app.store();
    let iid = store.instances.find(&id).ok_or_else(|| not_found(&id))?.id;
    let matching = || {
        store
            .snapshots
            .newest_first()
            .filter(|s| s.source_instance_id == Some(iid))
    };
    let body = render::paginated(
        "snapshots",
        matching()
            .skip(page.offset())
            .take(page.limit())
            .map(render::snapshot),
        matching().count(),
        page.page,
        page.per_page,
    );
    Ok(json_bytes(StatusCode::OK, body))
}

pub(crate) async fn snapshot(
    State(app): State<AppState>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let b = JsonBody::parse(&body)?;
    let name = b.req_name("name")?;
    let _: Option<Region> = b.opt_enum("replicated_region")?;
    let delay = app.lifecycle_delay();
    let mut store = app.store();
    let instance = store.instances.find(&id).ok_or_else(|| not_found(&id))?;
    if !matches!(
        instance.life.status,
        InstanceStatus::Active | InstanceStatus::Stopped
    ) {
        return Err(ApiError::wrong_status(format!(
            "cannot snapshot an instance that is {}",
            instance.life.status.as_str()
        )));
    }
    let now = Ts::now();
    let (region, size, os_type, source) = (
        instance.region,
        instance.disk_size,
        instance.os_type,
        instance.id,
    );
    let sid = store.next_id(ResourceKind::Snapshots);
    let _ = store.snapshots.push(Snapshot {
        id: sid,
        name: name.into(),
        os_type,
        region,
        size,
        source_instance_id: Some(source),
        source_snapshot_id: None,
        life: Lifecycle::transition(Status::Creating, Next::To(Status::Created), delay),
        created_at: now,
        updated_at: now,
    });
    store.watch(ResourceKind::Snapshots, sid);
    let snapshot = store.snapshots.get(sid).ok_or_else(|| not_found(&id))?;
    Ok(wrapped(
        StatusCode::CREATED,
        "snapshot",
        &render::snapshot(snapshot),
    ))
}

pub(crate) async fn user_metadata(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let store = app.store();
    let instance = store.instances.find(&id).ok_or_else(|| not_found(&id))?;
    let metadata = instance
        .metadata
        .clone()
        .unwrap_or_else(|| Value::Object(Map::new()));
    Ok(crate::routes::bare(StatusCode::OK, &metadata))
}
