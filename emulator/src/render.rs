//! JSON views of the records, with exactly the fields of `docs/api-models.md`:
//! required and nullable fields always present (`null` when unset), names of
//! linked resources looked up at render time so renames show everywhere.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::enums::*;
use crate::ids::Id;
use crate::store::*;
use crate::time::Ts;

#[derive(Serialize)]
struct IdName<'a> {
    id: Id,
    name: &'a str,
}

/// An image as listed.
#[derive(Serialize)]
pub(crate) struct ImageView<'a> {
    id: Id,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    os_type: OsType,
    family: Option<&'a str>,
    slug: Option<&'a str>,
    versions: Option<&'a [Box<str>]>,
    regions: RegionSet,
    created_at: Ts,
    updated_at: Ts,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    extra: Option<&'a serde_json::Map<String, Value>>,
}

pub(crate) fn image(i: &Image) -> ImageView<'_> {
    ImageView {
        id: i.id,
        name: &i.name,
        kind: &i.kind,
        os_type: i.os_type,
        family: i.family.as_deref(),
        slug: i.slug.as_deref(),
        versions: i.versions.as_deref(),
        regions: i.regions,
        created_at: i.created_at,
        updated_at: i.updated_at,
        extra: i.extra.as_deref(),
    }
}

/// An instance, with linked names resolved from the store.
pub(crate) struct InstanceView<'a> {
    store: &'a Store,
    i: &'a Instance,
}

pub(crate) fn instance<'a>(store: &'a Store, i: &'a Instance) -> InstanceView<'a> {
    InstanceView { store, i }
}

impl Serialize for InstanceView<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (i, store) = (self.i, self.store);
        let status = i.life.status;
        // Addresses are handed out by the time an instance boots; while it is
        // still being created the API shows none.
        let booted = status != InstanceStatus::Creating;
        let security_groups: Vec<IdName> = i
            .security_groups
            .iter()
            .filter_map(|g| {
                store.security_groups.get(*g).map(|g| IdName {
                    id: g.id,
                    name: &g.name,
                })
            })
            .collect();
        let volumes: Vec<IdName> = i
            .volumes
            .iter()
            .filter_map(|v| {
                store.volumes.get(*v).map(|v| IdName {
                    id: v.id,
                    name: &v.name,
                })
            })
            .collect();
        let floating_ip = i
            .floating_ip
            .and_then(|f| store.floating_ips.get(f))
            .map(|f| IdName {
                id: f.id,
                name: &f.name,
            });
        let ssh_keys: Vec<IdName> = i
            .ssh_keys
            .iter()
            .map(|k| IdName {
                id: k.id,
                name: &k.name,
            })
            .collect();

        let mut st = s.serialize_struct("Instance", 21)?;
        st.serialize_field("id", &i.id)?;
        st.serialize_field("name", &*i.name)?;
        st.serialize_field("hostname", &*i.hostname)?;
        st.serialize_field("dns_name", &*i.dns_name)?;
        st.serialize_field("type", &*i.kind)?;
        st.serialize_field("status", &status)?;
        st.serialize_field("region", &i.region)?;
        st.serialize_field("os_type", &i.os_type)?;
        st.serialize_field(
            "image",
            &IdName {
                id: i.image.id,
                name: &i.image.name,
            },
        )?;
        st.serialize_field("ssh_keys", &ssh_keys)?;
        st.serialize_field("security_groups", &security_groups)?;
        st.serialize_field("volumes", &volumes)?;
        st.serialize_field("floating_ip", &floating_ip)?;
        st.serialize_field("private_ip", &i.private_ip.as_deref().filter(|_| booted))?;
        st.serialize_field("public_ip", &i.public_ip.as_deref().filter(|_| booted))?;
        st.serialize_field("placement_option", &*i.placement_option)?;
        st.serialize_field("reservation_id", &i.reservation_id)?;
        st.serialize_field("disk_size", &i.disk_size)?;
        st.serialize_field("created_at", &i.created_at)?;
        st.serialize_field("updated_at", &i.updated_at)?;
        st.end()
    }
}

/// A snapshot; the source ids are optional fields, absent when unset.
#[derive(Serialize)]
pub(crate) struct SnapshotView<'a> {
    id: Id,
    name: &'a str,
    status: Status,
    region: Region,
    size: u64,
    os_type: OsType,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_instance_id: Option<Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_snapshot_id: Option<Id>,
    created_at: Ts,
    updated_at: Ts,
}

pub(crate) fn snapshot(s: &Snapshot) -> SnapshotView<'_> {
    SnapshotView {
        id: s.id,
        name: &s.name,
        status: s.life.status,
        region: s.region,
        size: s.size,
        os_type: s.os_type,
        source_instance_id: s.source_instance_id,
        source_snapshot_id: s.source_snapshot_id,
        created_at: s.created_at,
        updated_at: s.updated_at,
    }
}

/// A volume, with the names of the instances it is attached to.
#[derive(Serialize)]
pub(crate) struct VolumeView<'a> {
    id: Id,
    name: &'a str,
    description: &'a str,
    #[serde(rename = "type")]
    kind: VolumeType,
    size: u64,
    status: Status,
    region: Region,
    instances: Vec<IdName<'a>>,
    created_at: Ts,
    updated_at: Ts,
}

pub(crate) fn volume<'a>(store: &'a Store, v: &'a Volume) -> VolumeView<'a> {
    VolumeView {
        id: v.id,
        name: &v.name,
        description: &v.description,
        kind: v.kind,
        size: v.size,
        status: v.life.status,
        region: v.region,
        instances: v
            .instances
            .iter()
            .filter_map(|i| {
                store.instances.get(*i).map(|i| IdName {
                    id: i.id,
                    name: &i.name,
                })
            })
            .collect(),
        created_at: v.created_at,
        updated_at: v.updated_at,
    }
}

/// A filesystem; mount details appear once it is created.
#[derive(Serialize)]
pub(crate) struct FilesystemView<'a> {
    id: Id,
    name: &'a str,
    description: &'a str,
    #[serde(rename = "type")]
    kind: FilesystemType,
    size: u64,
    status: Status,
    region: Region,
    mount_base_path: Option<&'a str>,
    mount_endpoint_range: Option<&'a [Box<str>; 2]>,
    created_at: Ts,
    updated_at: Ts,
}

pub(crate) fn filesystem(f: &Filesystem) -> FilesystemView<'_> {
    let ready = f.life.status != Status::Creating;
    FilesystemView {
        id: f.id,
        name: &f.name,
        description: &f.description,
        kind: f.kind,
        size: f.size,
        status: f.life.status,
        region: f.region,
        mount_base_path: f.mount_base_path.as_deref().filter(|_| ready),
        mount_endpoint_range: f.mount_endpoint_range.as_ref().filter(|_| ready),
        created_at: f.created_at,
        updated_at: f.updated_at,
    }
}

#[derive(Serialize)]
struct RuleView {
    direction: Direction,
    protocol: Protocol,
    port_range_min: Option<u16>,
    port_range_max: Option<u16>,
}

/// A security group.
#[derive(Serialize)]
pub(crate) struct SecurityGroupView<'a> {
    id: Id,
    name: &'a str,
    description: &'a str,
    region: Region,
    is_internal: bool,
    status: Status,
    rules: Vec<RuleView>,
    created_at: Ts,
    updated_at: Ts,
}

pub(crate) fn security_group(g: &SecurityGroup) -> SecurityGroupView<'_> {
    SecurityGroupView {
        id: g.id,
        name: &g.name,
        description: &g.description,
        region: g.region,
        is_internal: g.is_internal,
        status: g.life.status,
        rules: g
            .rules
            .iter()
            .map(|r| RuleView {
                direction: r.direction,
                protocol: r.protocol,
                port_range_min: r.port_range_min,
                port_range_max: r.port_range_max,
            })
            .collect(),
        created_at: g.created_at,
        updated_at: g.updated_at,
    }
}

/// An SSH key (served unwrapped by the API).
#[derive(Serialize)]
pub(crate) struct SshKeyView<'a> {
    id: Id,
    name: &'a str,
    value: &'a str,
    fingerprint: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    size: u32,
    created_at: Ts,
    updated_at: Ts,
}

pub(crate) fn ssh_key(k: &SshKey) -> SshKeyView<'_> {
    SshKeyView {
        id: k.id,
        name: &k.name,
        value: &k.value,
        fingerprint: &k.fingerprint,
        kind: &k.kind,
        size: k.size,
        created_at: k.created_at,
        updated_at: k.updated_at,
    }
}

/// A floating IP; its address appears once it is created.
#[derive(Serialize)]
pub(crate) struct FloatingIpView<'a> {
    id: Id,
    name: &'a str,
    description: &'a str,
    region: Region,
    version: IpVersion,
    is_public: bool,
    status: Status,
    ip_address: Option<&'a str>,
    instance: Option<IdName<'a>>,
    created_at: Ts,
    updated_at: Ts,
}

pub(crate) fn floating_ip<'a>(store: &'a Store, f: &'a FloatingIp) -> FloatingIpView<'a> {
    FloatingIpView {
        id: f.id,
        name: &f.name,
        description: &f.description,
        region: f.region,
        version: f.version,
        is_public: f.is_public,
        status: f.life.status,
        ip_address: f
            .ip_address
            .as_deref()
            .filter(|_| f.life.status != Status::Creating),
        instance: f
            .instance
            .and_then(|i| store.instances.get(i))
            .map(|i| IdName {
                id: i.id,
                name: &i.name,
            }),
        created_at: f.created_at,
        updated_at: f.updated_at,
    }
}

/// A reservation with its usage counted from the instances that use it.
pub(crate) fn reservation(store: &Store, r: &Reservation) -> Value {
    let used = store
        .instances
        .iter()
        .filter(|i| i.reservation_id == Some(r.id) && !instance_is_deleting(i.life.status))
        .count();
    serde_json::json!({
        "id": r.id,
        "flavor_name": &*r.flavor_name,
        "region": r.region,
        "metadata": r.metadata,
        "quota": {"capacity": r.capacity, "used": used},
    })
}

/// Writes `{"<key>": [items…], "total_count", "page", "per_page"}`.
pub(crate) fn paginated<T: Serialize>(
    key: &str,
    items: impl Iterator<Item = T>,
    total: usize,
    page: u64,
    per_page: u64,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(b"{\"");
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\":[");
    for (n, item) in items.enumerate() {
        if n > 0 {
            out.push(b',');
        }
        // Views serialise plain data; writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut out, &item);
    }
    out.extend_from_slice(
        format!("],\"total_count\":{total},\"page\":{page},\"per_page\":{per_page}}}").as_bytes(),
    );
    out
}
