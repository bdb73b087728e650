//! The typed records the store keeps: compact on purpose (ids as integers,
//! times as milliseconds, shared strings for repeated values) so that a
//! million seeded images fit in a few hundred MiB.

use std::sync::Arc;

use serde_json::Value;

use crate::enums::*;
use crate::ids::Id;
use crate::key_format::KeyInfo;
use crate::lifecycle::Lifecycle;
use crate::time::Ts;

/// Access to a record's id, for the generic collection.
pub(crate) trait Record {
    fn id(&self) -> Id;
}

macro_rules! record {
    ($($t:ty),+) => {$( impl Record for $t { fn id(&self) -> Id { self.id } } )+};
}

record!(
    Image,
    Instance,
    Snapshot,
    Volume,
    Filesystem,
    SecurityGroup,
    SshKey,
    FloatingIp
);

pub(crate) struct Image {
    pub id: Id,
    pub name: Box<str>,
    pub family: Option<Arc<str>>,
    pub slug: Option<Box<str>>,
    pub versions: Option<Box<[Box<str>]>>,
    pub regions: RegionSet,
    pub os_type: OsType,
    /// Kept as text: the contract's legacy images say `distribution` and
    /// `snapshot`, today's say `cloud-image`.
    pub kind: Arc<str>,
    pub created_at: Ts,
    pub updated_at: Ts,
    /// Fields from a newer API than api-models.md, rendered as they are, so
    /// clients can prove they keep what they do not know. Boxed: almost
    /// every image has none, and a million images must stay small.
    pub extra: Option<Box<serde_json::Map<String, serde_json::Value>>>,
}

/// A reference rendered as `{"id", "name"}` whose name is frozen when made
/// (an instance keeps showing the key it was created with).
#[derive(Clone)]
pub(crate) struct NamedRef {
    pub id: Id,
    pub name: Box<str>,
}

pub(crate) struct Instance {
    pub id: Id,
    pub name: Box<str>,
    pub hostname: Box<str>,
    pub dns_name: Box<str>,
    pub kind: Arc<str>,
    pub region: Region,
    pub os_type: OsType,
    pub image: NamedRef,
    pub ssh_keys: Vec<NamedRef>,
    pub security_groups: Vec<Id>,
    pub volumes: Vec<Id>,
    pub floating_ip: Option<Id>,
    pub private_ip: Option<Box<str>>,
    pub public_ip: Option<Box<str>>,
    pub placement_option: Box<str>,
    pub reservation_id: Option<Id>,
    pub disk_size: u64,
    pub is_protected: bool,
    pub metadata: Option<Value>,
    pub life: Lifecycle<InstanceStatus>,
    pub created_at: Ts,
    pub updated_at: Ts,
}

pub(crate) struct Snapshot {
    pub id: Id,
    pub name: Box<str>,
    pub os_type: OsType,
    pub region: Region,
    pub size: u64,
    pub source_instance_id: Option<Id>,
    pub source_snapshot_id: Option<Id>,
    pub life: Lifecycle<Status>,
    pub created_at: Ts,
    pub updated_at: Ts,
}

pub(crate) struct Volume {
    pub id: Id,
    pub name: Box<str>,
    pub description: Box<str>,
    pub region: Region,
    pub size: u64,
    pub kind: VolumeType,
    pub instances: Vec<Id>,
    pub life: Lifecycle<Status>,
    pub created_at: Ts,
    pub updated_at: Ts,
}

pub(crate) struct Filesystem {
    pub id: Id,
    pub name: Box<str>,
    pub description: Box<str>,
    pub region: Region,
    pub size: u64,
    pub kind: FilesystemType,
    pub mount_base_path: Option<Box<str>>,
    pub mount_endpoint_range: Option<[Box<str>; 2]>,
    pub life: Lifecycle<Status>,
    pub created_at: Ts,
    pub updated_at: Ts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rule {
    pub direction: Direction,
    pub protocol: Protocol,
    pub port_range_min: Option<u16>,
    pub port_range_max: Option<u16>,
}

pub(crate) struct SecurityGroup {
    pub id: Id,
    pub name: Box<str>,
    pub description: Box<str>,
    pub region: Region,
    pub is_internal: bool,
    pub rules: Vec<Rule>,
    pub life: Lifecycle<Status>,
    pub created_at: Ts,
    pub updated_at: Ts,
}

pub(crate) struct SshKey {
    pub id: Id,
    pub name: Box<str>,
    pub value: Box<str>,
    pub fingerprint: Box<str>,
    pub size: u32,
    pub kind: Box<str>,
    pub created_at: Ts,
    pub updated_at: Ts,
}

impl SshKey {
    /// A key created at `created_at`, with what `info` read from `value`.
    pub fn new(id: Id, name: &str, value: &str, info: KeyInfo, created_at: Ts) -> SshKey {
        SshKey {
            id,
            name: name.into(),
            value: value.into(),
            fingerprint: info.fingerprint.into(),
            size: info.size,
            kind: info.kind.into(),
            created_at,
            updated_at: created_at,
        }
    }
}

pub(crate) struct FloatingIp {
    pub id: Id,
    pub name: Box<str>,
    pub description: Box<str>,
    pub region: Region,
    pub version: IpVersion,
    pub is_public: bool,
    pub ip_address: Option<Box<str>>,
    pub instance: Option<Id>,
    pub life: Lifecycle<Status>,
    pub created_at: Ts,
    pub updated_at: Ts,
}

pub(crate) struct Reservation {
    pub id: Id,
    pub flavor_name: Box<str>,
    pub region: Region,
    pub metadata: Value,
    pub capacity: u64,
}
