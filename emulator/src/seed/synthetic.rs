//! Synthetic bulk items (`POST /_emulator/seed`, the `insert` fault, a seed
//! file's `synthetic`): cheap, settled, with reproducible ids.

use std::sync::Arc;

use serde_json::Value;

use super::items::{key_record, rule};
use crate::catalogue::INSTANCE_TYPES;
use crate::enums::*;
use crate::ids::{Id, IdTag};
use crate::lifecycle::Lifecycle;
use crate::store::*;
use crate::time::Ts;

/// Largest number of synthetic items one request may add: enough for the
/// million-image test, small enough that a typo cannot exhaust memory.
pub(crate) const MAX_SYNTHETIC: usize = 5_000_000;

pub(crate) fn add(store: &mut Store, kind: ResourceKind, count: usize) {
    let now = Ts::now();
    let regions = Region::ALL;
    match kind {
        ResourceKind::Images => {
            store.images.reserve(count);
            let family: Arc<str> = Arc::from("synthetic");
            let cloud: Arc<str> = Arc::from("cloud-image");
            for _ in 0..count {
                let n = store.next_counter();
                let _ = store.images.push(Image {
                    id: Id::generated(IdTag::Image, n),
                    name: format!("Synthetic Image {n}").into(),
                    family: Some(family.clone()),
                    slug: Some(format!("synthetic-{n}").into()),
                    versions: None,
                    regions: RegionSet::all(),
                    os_type: OsType::Linux,
                    kind: cloud.clone(),
                    created_at: now,
                    updated_at: now,
                    extra: None,
                });
            }
        }
        ResourceKind::Instances => {
            store.instances.reserve(count);
            let image = store
                .images
                .newest_first()
                .find(|i| &*i.kind == "cloud-image")
                .map(|i| NamedRef {
                    id: i.id,
                    name: i.name.clone(),
                })
                .unwrap_or(NamedRef {
                    id: Id(0),
                    name: "synthetic".into(),
                });
            for _ in 0..count {
                let n = store.next_counter();
                let spec = &INSTANCE_TYPES[n as usize % INSTANCE_TYPES.len()];
                let region = spec.regions[n as usize % spec.regions.len()];
                let name = format!("synthetic-instance-{n}");
                let _ = store.instances.push(Instance {
                    id: Id::generated(IdTag::Instance, n),
                    dns_name: dns_name(&name, region).into(),
                    hostname: name.as_str().into(),
                    name: name.into(),
                    kind: Arc::from(spec.name),
                    region,
                    os_type: OsType::Linux,
                    image: image.clone(),
                    ssh_keys: Vec::new(),
                    security_groups: Vec::new(),
                    volumes: Vec::new(),
                    floating_ip: None,
                    private_ip: Some(private_ip(n).into()),
                    public_ip: Some(public_ip(n).into()),
                    placement_option: "AUTO".into(),
                    reservation_id: None,
                    disk_size: spec.disk_gib,
                    is_protected: false,
                    metadata: None,
                    life: Lifecycle::settled(InstanceStatus::Active),
                    created_at: now,
                    updated_at: now,
                });
            }
        }
        ResourceKind::Snapshots => {
            for _ in 0..count {
                let n = store.next_counter();
                let _ = store.snapshots.push(Snapshot {
                    id: Id::generated(IdTag::Snapshot, n),
                    name: format!("synthetic-snapshot-{n}").into(),
                    os_type: OsType::Linux,
                    region: regions[n as usize % regions.len()],
                    size: 80,
                    source_instance_id: None,
                    source_snapshot_id: None,
                    life: Lifecycle::settled(Status::Created),
                    created_at: now,
                    updated_at: now,
                });
            }
        }
        ResourceKind::Volumes => {
            for _ in 0..count {
                let n = store.next_counter();
                let _ = store.volumes.push(Volume {
                    id: Id::generated(IdTag::Volume, n),
                    name: format!("synthetic-volume-{n}").into(),
                    description: "".into(),
                    region: regions[n as usize % regions.len()],
                    size: 50,
                    kind: VolumeType::Ssd,
                    instances: Vec::new(),
                    life: Lifecycle::settled(Status::Created),
                    created_at: now,
                    updated_at: now,
                });
            }
        }
        ResourceKind::Filesystems => {
            for _ in 0..count {
                let n = store.next_counter();
                let _ = store.filesystems.push(Filesystem {
                    id: Id::generated(IdTag::Filesystem, n),
                    name: format!("synthetic-filesystem-{n}").into(),
                    description: "".into(),
                    region: regions[n as usize % regions.len()],
                    size: 100,
                    kind: FilesystemType::Vast,
                    mount_base_path: Some(format!("/synthetic-filesystem-{n}").into()),
                    mount_endpoint_range: Some([private_ip(n).into(), private_ip(n + 8).into()]),
                    life: Lifecycle::settled(Status::Created),
                    created_at: now,
                    updated_at: now,
                });
            }
        }
        ResourceKind::SecurityGroups => {
            for _ in 0..count {
                let n = store.next_counter();
                let _ = store.security_groups.push(SecurityGroup {
                    id: Id::generated(IdTag::SecurityGroup, n),
                    name: format!("synthetic-group-{n}").into(),
                    description: "".into(),
                    region: regions[n as usize % regions.len()],
                    is_internal: false,
                    rules: vec![rule(Direction::Egress, Protocol::All, None)],
                    life: Lifecycle::settled(Status::Created),
                    created_at: now,
                    updated_at: now,
                });
            }
        }
        ResourceKind::SshKeys => {
            for _ in 0..count {
                let n = store.next_counter();
                let value = format!("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{n:032x} synthetic-{n}");
                let _ = store.ssh_keys.push(key_record(
                    Id::generated(IdTag::SshKey, n),
                    &format!("synthetic-key-{n}"),
                    &value,
                    now,
                ));
            }
        }
        ResourceKind::FloatingIps => {
            for _ in 0..count {
                let n = store.next_counter();
                let _ = store.floating_ips.push(FloatingIp {
                    id: Id::generated(IdTag::FloatingIp, n),
                    name: format!("synthetic-ip-{n}").into(),
                    description: "".into(),
                    region: regions[n as usize % regions.len()],
                    version: IpVersion::V4,
                    is_public: true,
                    ip_address: Some(public_ip(n).into()),
                    instance: None,
                    life: Lifecycle::settled(Status::Created),
                    created_at: now,
                    updated_at: now,
                });
            }
        }
    }
}

/// Parses `{"images": 250, …}` into counts, rejecting unknown names.
pub(crate) fn counts(value: &Value) -> Result<Vec<(ResourceKind, usize)>, String> {
    let map = value
        .as_object()
        .ok_or("synthetic counts must be an object")?;
    let mut out = Vec::new();
    for (name, count) in map {
        let kind = ResourceKind::parse(name).ok_or_else(|| {
            format!(
                "unknown resource {name:?}; expected one of: {}",
                ResourceKind::ALL.map(|k| k.plural()).join(", ")
            )
        })?;
        let count = count
            .as_u64()
            .ok_or_else(|| format!("count of {name} must be a non-negative integer"))?;
        if count as usize > MAX_SYNTHETIC {
            return Err(format!("count of {name} is at most {MAX_SYNTHETIC}"));
        }
        out.push((kind, count as usize));
    }
    Ok(out)
}
