//! One loader per resource of a seed document: each turns a full or partial
//! object with the API's field names into a store record, filling defaults.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::file::{duplicate, err, item_id, reference, references, status, times};
use crate::body::{self, JsonBody};
use crate::catalogue;
use crate::enums::*;
use crate::ids::{Id, IdTag};
use crate::key_format;
use crate::lifecycle::Lifecycle;
use crate::store::*;
use crate::time::Ts;

/// The optional `description` every regional resource has, empty when
/// absent.
fn description(item: &JsonBody) -> Result<Box<str>, String> {
    Ok(item
        .opt_str("description")
        .map_err(err)?
        .unwrap_or("")
        .into())
}

/// An SSH key record with its type, size and fingerprint read from `value`.
pub(super) fn key_record(id: Id, name: &str, value: &str, created_at: Ts) -> SshKey {
    let info = key_format::inspect(value).unwrap_or(key_format::KeyInfo {
        kind: "ssh-ed25519",
        size: 256,
        fingerprint: String::new(),
    });
    SshKey::new(id, name, value, info, created_at)
}

/// A security-group rule.
pub(super) fn rule(direction: Direction, protocol: Protocol, ports: Option<(u16, u16)>) -> Rule {
    Rule {
        direction,
        protocol,
        port_range_min: ports.map(|p| p.0),
        port_range_max: ports.map(|p| p.1),
    }
}

pub(super) fn image(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::Images)?;
    let (created_at, updated_at) = times(item)?;
    let regions = match item.get("regions") {
        None => RegionSet::all(),
        Some(value) => {
            let list = value.as_array().ok_or("`regions` must be an array")?;
            let parsed = list
                .iter()
                .map(|v| body::parse_enum::<Region>("regions", v).map_err(err))
                .collect::<Result<Vec<_>, _>>()?;
            RegionSet::of(&parsed)
        }
    };
    let versions = item
        .opt_str_list("versions")
        .map_err(err)?
        .map(|v| v.into_iter().map(Box::from).collect());
    let image = Image {
        id,
        name: item.req_name("name").map_err(err)?.into(),
        family: item.opt_str("family").map_err(err)?.map(Arc::from),
        slug: item.opt_str("slug").map_err(err)?.map(Box::from),
        versions,
        regions,
        os_type: item
            .opt_enum("os_type")
            .map_err(err)?
            .unwrap_or(OsType::Linux),
        kind: Arc::from(item.opt_str("type").map_err(err)?.unwrap_or("cloud-image")),
        created_at,
        updated_at,
        extra: image_extra(item),
    };
    store.images.push(image).map_err(duplicate)
}

/// Fields of `Image` the emulator knows; any other field of a seeded image is
/// rendered as given, as a newer API would send it.
const IMAGE_FIELDS: &[&str] = &[
    "id",
    "name",
    "type",
    "os_type",
    "family",
    "slug",
    "versions",
    "regions",
    "created_at",
    "updated_at",
];

fn image_extra(item: &JsonBody) -> Option<Box<Map<String, Value>>> {
    let extra: Map<String, Value> = item
        .0
        .iter()
        .filter(|(k, _)| !IMAGE_FIELDS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (!extra.is_empty()).then(|| Box::new(extra))
}

pub(super) fn ssh_key(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::SshKeys)?;
    let (created_at, updated_at) = times(item)?;
    let value = item.req_name("value").map_err(err)?;
    key_format::inspect(value)?;
    let mut key = key_record(id, item.req_name("name").map_err(err)?, value, created_at);
    key.updated_at = updated_at;
    store.ssh_keys.push(key).map_err(duplicate)
}

pub(crate) fn parse_rules(value: Option<&Value>) -> Result<Vec<Rule>, crate::error::ApiError> {
    use crate::error::ApiError;
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let list = value
        .as_array()
        .ok_or_else(|| body::type_error("rules", "an array of rules"))?;
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let Value::Object(map) = v else {
                return Err(body::type_error(&format!("rules[{i}]"), "an object"));
            };
            let r = JsonBody(map.clone());
            let field = |f: &str| format!("rules[{i}].{f}");
            let port = |f: &str| -> Result<Option<u16>, ApiError> {
                match r
                    .opt_int(f)
                    .map_err(|_| body::type_error(&field(f), "an integer"))?
                {
                    None => Ok(None),
                    Some(p) if (1..=65535).contains(&p) => Ok(Some(p as u16)),
                    Some(_) => Err(ApiError::invalid(format!(
                        "`{}` must be from 1 to 65535",
                        field(f)
                    ))),
                }
            };
            let direction = r
                .get("direction")
                .ok_or_else(|| ApiError::invalid(format!("`{}` is required", field("direction"))))
                .and_then(|v| body::parse_enum::<Direction>(&field("direction"), v))?;
            let protocol = r
                .get("protocol")
                .ok_or_else(|| ApiError::invalid(format!("`{}` is required", field("protocol"))))
                .and_then(|v| body::parse_enum::<Protocol>(&field("protocol"), v))?;
            let (min, max) = (port("port_range_min")?, port("port_range_max")?);
            if let (Some(a), Some(b)) = (min, max) {
                if a > b {
                    return Err(ApiError::invalid(format!(
                        "`{}` must not exceed `{}`",
                        field("port_range_min"),
                        field("port_range_max")
                    )));
                }
            }
            Ok(Rule {
                direction,
                protocol,
                port_range_min: min,
                port_range_max: max,
            })
        })
        .collect()
}

pub(super) fn security_group(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::SecurityGroups)?;
    let (created_at, updated_at) = times(item)?;
    let group = SecurityGroup {
        id,
        name: item.req_name("name").map_err(err)?.into(),
        description: description(item)?,
        region: item.req_enum("region").map_err(err)?,
        is_internal: item.opt_bool("is_internal").map_err(err)?.unwrap_or(false),
        rules: parse_rules(item.get("rules")).map_err(err)?,
        life: status(item, Status::Created)?,
        created_at,
        updated_at,
    };
    store.security_groups.push(group).map_err(duplicate)
}

pub(super) fn volume(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::Volumes)?;
    let (created_at, updated_at) = times(item)?;
    let volume = Volume {
        id,
        name: item.req_name("name").map_err(err)?.into(),
        description: description(item)?,
        region: item.req_enum("region").map_err(err)?,
        size: item.opt_size("size").map_err(err)?.unwrap_or(50),
        kind: item
            .opt_enum("type")
            .map_err(err)?
            .unwrap_or(VolumeType::Ssd),
        instances: Vec::new(),
        life: status(item, Status::Created)?,
        created_at,
        updated_at,
    };
    store.volumes.push(volume).map_err(duplicate)
}

pub(super) fn filesystem(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::Filesystems)?;
    let (created_at, updated_at) = times(item)?;
    let name = item.req_name("name").map_err(err)?;
    let n = store.next_counter();
    let range = match item.opt_str_list("mount_endpoint_range").map_err(err)? {
        Some(list) if list.len() == 2 => [list[0].into(), list[1].into()],
        Some(_) => return Err("`mount_endpoint_range` must hold two addresses".into()),
        None => [private_ip(n).into(), private_ip(n + 8).into()],
    };
    let filesystem = Filesystem {
        id,
        description: description(item)?,
        region: item.req_enum("region").map_err(err)?,
        size: item.opt_size("size").map_err(err)?.unwrap_or(100),
        kind: item
            .opt_enum("type")
            .map_err(err)?
            .unwrap_or(FilesystemType::Vast),
        mount_base_path: Some(
            item.opt_str("mount_base_path")
                .map_err(err)?
                .map(Box::from)
                .unwrap_or_else(|| format!("/{name}").into()),
        ),
        mount_endpoint_range: Some(range),
        name: name.into(),
        life: status(item, Status::Created)?,
        created_at,
        updated_at,
    };
    store.filesystems.push(filesystem).map_err(duplicate)
}

pub(super) fn floating_ip(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::FloatingIps)?;
    let (created_at, updated_at) = times(item)?;
    let n = store.next_counter();
    let fip = FloatingIp {
        id,
        name: item.req_name("name").map_err(err)?.into(),
        description: description(item)?,
        region: item.req_enum("region").map_err(err)?,
        version: item
            .opt_enum("version")
            .map_err(err)?
            .unwrap_or(IpVersion::V4),
        is_public: item.opt_bool("is_public").map_err(err)?.unwrap_or(true),
        ip_address: Some(
            item.opt_str("ip_address")
                .map_err(err)?
                .map(Box::from)
                .unwrap_or_else(|| public_ip(n).into()),
        ),
        instance: None,
        life: status(item, Status::Created)?,
        created_at,
        updated_at,
    };
    store.floating_ips.push(fip).map_err(duplicate)
}

pub(super) fn reservation(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = match item.opt_str("id").map_err(err)? {
        Some(text) => Id::parse(text).ok_or_else(|| format!("`id` {text:?} is not UUID-shaped"))?,
        None => Id::generated(IdTag::Reservation, store.next_counter()),
    };
    if store.reservation(id).is_some() {
        return Err(duplicate(id));
    }
    let flavor = item.req_name("flavor_name").map_err(err)?;
    let capacity = match item.get("quota") {
        Some(Value::Object(q)) => q.get("capacity").and_then(Value::as_u64).unwrap_or(1),
        _ => item.opt_size("capacity").map_err(err)?.unwrap_or(1),
    };
    store.reservations.push(Reservation {
        id,
        flavor_name: flavor.into(),
        region: item.req_enum("region").map_err(err)?,
        metadata: item
            .get("metadata")
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new())),
        capacity,
    });
    Ok(())
}

pub(super) fn instance(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::Instances)?;
    let (created_at, updated_at) = times(item)?;
    let name = item.req_name("name").map_err(err)?;
    let region: Region = item.req_enum("region").map_err(err)?;
    let kind = item.req_name("type").map_err(err)?;
    let spec =
        catalogue::instance_type(kind).ok_or_else(|| format!("unknown instance type {kind:?}"))?;
    let image_value = item.get("image").ok_or("`image` is required")?;
    let image_id = reference(image_value).ok_or("`image` must be an id or {\"id\": …}")?;
    let (image, os_type) = if let Some(i) = store.images.get(image_id) {
        (
            NamedRef {
                id: i.id,
                name: i.name.clone(),
            },
            i.os_type,
        )
    } else if let Some(s) = store.snapshots.get(image_id) {
        (
            NamedRef {
                id: s.id,
                name: s.name.clone(),
            },
            s.os_type,
        )
    } else {
        return Err(format!("image {image_id} does not exist"));
    };
    let mut ssh_keys = Vec::new();
    for key in references(item, "ssh_keys")? {
        let k = store
            .ssh_keys
            .get(key)
            .ok_or_else(|| format!("ssh key {key} does not exist"))?;
        ssh_keys.push(NamedRef {
            id: k.id,
            name: k.name.clone(),
        });
    }
    let security_groups = references(item, "security_groups")?;
    if let Some(g) = security_groups
        .iter()
        .find(|g| !store.security_groups.contains(**g))
    {
        return Err(format!("security group {g} does not exist"));
    }
    let volumes = references(item, "volumes")?;
    for v in &volumes {
        let volume = store
            .volumes
            .get_mut(*v)
            .ok_or_else(|| format!("volume {v} does not exist"))?;
        volume.instances.push(id);
    }
    let floating_ip = match item.get("floating_ip") {
        None => None,
        Some(v) => Some(reference(v).ok_or("`floating_ip` must be an id or {\"id\": …}")?),
    };
    if let Some(f) = floating_ip {
        let fip = store
            .floating_ips
            .get_mut(f)
            .ok_or_else(|| format!("floating IP {f} does not exist"))?;
        fip.instance = Some(id);
    }
    let reservation_id = match item.opt_str("reservation_id").map_err(err)? {
        None => None,
        Some(text) => {
            let r = Id::parse(text).filter(|r| store.reservation(*r).is_some());
            Some(r.ok_or_else(|| format!("reservation {text:?} does not exist"))?)
        }
    };
    let billing: Option<BillingType> = item.opt_enum("billing_type").map_err(err)?;
    let hostname = item.opt_name("hostname").map_err(err)?.unwrap_or(name);
    let n = store.next_counter();
    let instance = Instance {
        id,
        name: name.into(),
        hostname: hostname.into(),
        dns_name: item
            .opt_str("dns_name")
            .map_err(err)?
            .map(Box::from)
            .unwrap_or_else(|| dns_name(hostname, region).into()),
        kind: Arc::from(spec.name),
        region,
        os_type: item.opt_enum("os_type").map_err(err)?.unwrap_or(os_type),
        image,
        ssh_keys,
        security_groups,
        volumes,
        floating_ip,
        private_ip: Some(
            item.opt_str("private_ip")
                .map_err(err)?
                .map(Box::from)
                .unwrap_or_else(|| private_ip(n).into()),
        ),
        public_ip: Some(
            item.opt_str("public_ip")
                .map_err(err)?
                .map(Box::from)
                .unwrap_or_else(|| public_ip(n).into()),
        ),
        placement_option: item
            .opt_str("placement_option")
            .map_err(err)?
            .unwrap_or("AUTO")
            .into(),
        reservation_id,
        disk_size: item
            .opt_size("disk_size")
            .map_err(err)?
            .unwrap_or(spec.disk_gib),
        is_protected: item.opt_bool("is_protected").map_err(err)?.unwrap_or(false)
            || billing.is_some_and(BillingType::is_long_term),
        metadata: crate::metadata::check(item.get("metadata")).map_err(err)?,
        life: Lifecycle::settled(
            item.opt_enum("status")
                .map_err(err)?
                .unwrap_or(InstanceStatus::Active),
        ),
        created_at,
        updated_at,
    };
    store.instances.push(instance).map_err(duplicate)
}

pub(super) fn snapshot(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::Snapshots)?;
    let (created_at, updated_at) = times(item)?;
    let optional_id = |field: &str| -> Result<Option<Id>, String> {
        item.opt_str(field)
            .map_err(err)?
            .map(|t| Id::parse(t).ok_or_else(|| format!("`{field}` {t:?} is not UUID-shaped")))
            .transpose()
    };
    let snapshot = Snapshot {
        id,
        name: item.req_name("name").map_err(err)?.into(),
        os_type: item
            .opt_enum("os_type")
            .map_err(err)?
            .unwrap_or(OsType::Linux),
        region: item.req_enum("region").map_err(err)?,
        size: item.opt_size("size").map_err(err)?.unwrap_or(80),
        source_instance_id: optional_id("source_instance_id")?,
        source_snapshot_id: optional_id("source_snapshot_id")?,
        life: status(item, Status::Created)?,
        created_at,
        updated_at,
    };
    store.snapshots.push(snapshot).map_err(duplicate)
}
