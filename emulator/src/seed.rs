//! What the store starts with: the default account, synthetic bulk items,
//! and seed files (JSON describing an account; format in `docs/emulator.md`).

use std::path::Path;
use std::sync::Arc;

use serde_json::{json, Map, Value};

use crate::body::{self, JsonBody};
use crate::catalogue::{self, INSTANCE_TYPES};
use crate::config::Seed;
use crate::enums::*;
use crate::ids::{Id, IdTag};
use crate::key_format;
use crate::lifecycle::Lifecycle;
use crate::store::*;
use crate::time::Ts;

/// Largest number of synthetic items one request may add: enough for the
/// million-image test, small enough that a typo cannot exhaust memory.
pub(crate) const MAX_SYNTHETIC: usize = 5_000_000;

/// A parsed, checked seed file.
#[derive(Clone, Debug, PartialEq)]
pub struct SeedSpec {
    raw: Value,
}

impl SeedSpec {
    /// Checks a seed document by building it once (without the synthetic
    /// part, which cannot fail), so that errors surface at start-up.
    pub fn from_json(value: &Value) -> Result<SeedSpec, String> {
        let spec = SeedSpec { raw: value.clone() };
        let mut scratch = Store::empty();
        apply_spec(&mut scratch, &spec, false)?;
        Ok(spec)
    }

    /// Reads and checks a seed file.
    pub fn from_file(path: &Path) -> Result<SeedSpec, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read seed file {}: {e}", path.display()))?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| format!("seed file {} is not JSON: {e}", path.display()))?;
        SeedSpec::from_json(&value)
    }
}

/// A fresh store for a seed.
pub(crate) fn build(seed: &Seed) -> Store {
    let mut store = Store::empty();
    match seed {
        Seed::Default => default_account(&mut store),
        Seed::Empty => {}
        Seed::Custom(spec) => {
            if let Err(e) = apply_spec(&mut store, spec, true) {
                // Checked when the spec was made; only reachable if the
                // catalogue changed in between.
                tracing::warn!("seed file no longer applies: {e}");
            }
        }
    }
    store
}

fn text(s: &str) -> Box<str> {
    s.into()
}

fn at(y: i64, mo: u32, d: u32, h: u32, mi: u32) -> Ts {
    Ts::ymd_hms(y, mo, d, h, mi, 0, 0)
}

fn fixed(id: &str) -> Id {
    Id::parse(id).unwrap_or(Id(0))
}

#[allow(clippy::too_many_arguments)]
fn image(
    id: Id,
    name: &str,
    kind: &str,
    os_type: OsType,
    family: Option<&str>,
    slug: Option<&str>,
    versions: Option<&[&str]>,
    regions: RegionSet,
    created_at: Ts,
) -> Image {
    Image {
        id,
        name: text(name),
        family: family.map(Arc::from),
        slug: slug.map(text),
        versions: versions.map(|v| v.iter().map(|s| text(s)).collect()),
        regions,
        os_type,
        kind: Arc::from(kind),
        created_at,
        updated_at: created_at,
        extra: None,
    }
}

fn ssh_key(id: Id, name: &str, value: &str, created_at: Ts) -> SshKey {
    let info = key_format::inspect(value).unwrap_or(key_format::KeyInfo {
        kind: "ssh-ed25519",
        size: 256,
        fingerprint: String::new(),
    });
    SshKey {
        id,
        name: text(name),
        value: text(value),
        fingerprint: info.fingerprint.into(),
        size: info.size,
        kind: text(info.kind),
        created_at,
        updated_at: created_at,
    }
}

fn rule(direction: Direction, protocol: Protocol, ports: Option<(u16, u16)>) -> Rule {
    Rule {
        direction,
        protocol,
        port_range_min: ports.map(|p| p.0),
        port_range_max: ports.map(|p| p.1),
    }
}

/// Rules of the internal `default` group: SSH and ping in, everything out.
fn default_rules() -> Vec<Rule> {
    vec![
        rule(Direction::Ingress, Protocol::Tcp, Some((22, 22))),
        rule(Direction::Ingress, Protocol::Icmp, None),
        rule(Direction::Egress, Protocol::All, None),
    ]
}

/// Name, OS, family, slug, versions, regions and creation time of a seeded
/// cloud image.
type CloudImage = (
    &'static str,
    OsType,
    &'static str,
    &'static str,
    &'static [&'static str],
    RegionSet,
    Ts,
);

/// The default account. Ids other than the contract's three images come
/// from the counter, so they are the same on every run.
fn default_account(store: &mut Store) {
    use Region::*;
    let all = RegionSet::all();
    let gpu_regions = RegionSet::of(&[
        NordNoKrs1, EucDeMuc1, EuwNlAms1, NaCaMnz1, NaCaPrg1, EuwGbMnc1,
    ]);
    let mut images = vec![
        image(
            fixed("13614a2e-eabe-444a-aada-150f24a8c216"),
            "dddddd_snapshot_2020-03-11",
            "snapshot",
            OsType::Linux,
            None,
            None,
            None,
            RegionSet::of(&[NordNoKrs1]),
            Ts::parse("2020-03-11T11:52:39.566Z").unwrap_or(Ts(0)),
        ),
        image(
            fixed("e987a351-dc06-43f0-8712-f60ced372ee4"),
            "Ubuntu 18.04",
            "distribution",
            OsType::Linux,
            Some("ubuntu"),
            Some("ubuntu-18.04"),
            Some(&["18.04"]),
            all,
            Ts::parse("2020-03-16T14:21:59.652Z").unwrap_or(Ts(0)),
        ),
        image(
            fixed("7b1644e2-d97d-4725-a927-0028bc60bc28"),
            "Ubuntu 16.04",
            "distribution",
            OsType::Linux,
            Some("ubuntu"),
            Some("ubuntu-16.04"),
            Some(&["16.04"]),
            all,
            Ts::parse("2020-03-16T14:22:00.755Z").unwrap_or(Ts(0)),
        ),
    ];
    let cloud: [CloudImage; 7] = [
        (
            "Ubuntu 20.04",
            OsType::Linux,
            "ubuntu",
            "ubuntu-20.04",
            &["2023.01.10"],
            RegionSet::of(&[NordNoKrs1, EucDeMuc1]),
            at(2023, 1, 10, 9, 0),
        ),
        (
            "Debian 12",
            OsType::Linux,
            "debian",
            "debian-12",
            &["2023.07.01"],
            all,
            at(2023, 7, 1, 12, 0),
        ),
        (
            "Windows Server 2022",
            OsType::Windows,
            "windows",
            "windows-server-2022",
            &["2023.11.20"],
            RegionSet::of(&[NordNoKrs1, EucDeMuc1, EuwNlAms1]),
            at(2023, 11, 20, 8, 30),
        ),
        (
            "Ubuntu 22.04",
            OsType::Linux,
            "ubuntu",
            "ubuntu-22.04",
            &["2024.05.02", "2024.01.15"],
            all,
            at(2024, 5, 2, 10, 0),
        ),
        (
            "Ubuntu 22.04 + CUDA 12.4",
            OsType::Linux,
            "ubuntu-cuda",
            "ubuntu-22.04-cuda-12.4",
            &["2024.06.15"],
            gpu_regions,
            at(2024, 6, 15, 14, 0),
        ),
        (
            "Ubuntu 24.04",
            OsType::Linux,
            "ubuntu",
            "ubuntu-24.04",
            &["2025.01.20"],
            all,
            at(2025, 1, 20, 11, 0),
        ),
        (
            "Ubuntu 24.04 + CUDA 12.8 + PyTorch",
            OsType::Linux,
            "ubuntu-ml",
            "ubuntu-24.04-cuda-12.8-pytorch",
            &["2025.04.01"],
            gpu_regions,
            at(2025, 4, 1, 16, 45),
        ),
    ];
    for (name, os, family, slug, versions, regions, created) in cloud {
        let id = store.next_id(ResourceKind::Images);
        images.push(image(
            id,
            name,
            "cloud-image",
            os,
            Some(family),
            Some(slug),
            Some(versions),
            regions,
            created,
        ));
    }
    // The newest image carries fields api-models.md does not list yet, as a
    // newer API would send them.
    if let Some(newest) = images.last_mut() {
        if let serde_json::Value::Object(extra) = serde_json::json!({
            "architecture": "x86_64",
            "marketplace": {"publisher": "Genesis Cloud", "listing_id": "ml-stack-2025", "tags": ["pytorch", "cuda"]}
        }) {
            newest.extra = Some(Box::new(extra));
        }
    }
    let by_name = |images: &[Image], name: &str| {
        images.iter().find(|i| &*i.name == name).map(|i| NamedRef {
            id: i.id,
            name: i.name.clone(),
        })
    };
    let cuda = by_name(&images, "Ubuntu 22.04 + CUDA 12.4");
    let noble = by_name(&images, "Ubuntu 24.04");
    let debian = by_name(&images, "Debian 12");
    for i in images {
        let _ = store.images.push(i);
    }

    let alice_id = store.next_id(ResourceKind::SshKeys);
    let alice = ssh_key(
        alice_id,
        "alice@laptop",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh1cXJvYmFyZGVtb2tleWZvcmdlbmVzaXNjbG91ZA alice@laptop",
        at(2024, 2, 1, 9, 15),
    );
    let ci_id = store.next_id(ResourceKind::SshKeys);
    let ci = ssh_key(
        ci_id,
        "ci-deploy",
        &format!(
            "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAACAQ{} ci@build",
            "Cx7genesisEmuKey".repeat(42)
        ),
        at(2024, 3, 1, 17, 0),
    );
    let alice_ref = NamedRef {
        id: alice.id,
        name: alice.name.clone(),
    };
    let ci_ref = NamedRef {
        id: ci.id,
        name: ci.name.clone(),
    };
    let _ = store.ssh_keys.push(alice);
    let _ = store.ssh_keys.push(ci);

    let mut default_group = std::collections::HashMap::new();
    for region in Region::ALL {
        let id = store.next_id(ResourceKind::SecurityGroups);
        default_group.insert(*region, id);
        let _ = store.security_groups.push(SecurityGroup {
            id,
            name: text("default"),
            description: text("Default security group, managed by Genesis Cloud"),
            region: *region,
            is_internal: true,
            rules: default_rules(),
            life: Lifecycle::settled(Status::Created),
            created_at: at(2023, 1, 1, 0, 0),
            updated_at: at(2023, 1, 1, 0, 0),
        });
    }
    let web = store.next_id(ResourceKind::SecurityGroups);
    let _ = store.security_groups.push(SecurityGroup {
        id: web,
        name: text("web"),
        description: text("HTTP and HTTPS from anywhere"),
        region: NordNoKrs1,
        is_internal: false,
        rules: vec![
            rule(Direction::Ingress, Protocol::Tcp, Some((80, 80))),
            rule(Direction::Ingress, Protocol::Tcp, Some((443, 443))),
            rule(Direction::Egress, Protocol::All, None),
        ],
        life: Lifecycle::settled(Status::Created),
        created_at: at(2024, 2, 10, 10, 0),
        updated_at: at(2024, 2, 10, 10, 0),
    });
    let ssh_only = store.next_id(ResourceKind::SecurityGroups);
    let _ = store.security_groups.push(SecurityGroup {
        id: ssh_only,
        name: text("ssh-only"),
        description: text("SSH from the office"),
        region: EucDeMuc1,
        is_internal: false,
        rules: vec![rule(Direction::Ingress, Protocol::Tcp, Some((22, 22)))],
        life: Lifecycle::settled(Status::Created),
        created_at: at(2024, 2, 11, 10, 0),
        updated_at: at(2024, 2, 11, 10, 0),
    });

    let data = store.next_id(ResourceKind::Volumes);
    let scratch = store.next_id(ResourceKind::Volumes);
    for (id, name, size, kind, created) in [
        (data, "data-01", 100, VolumeType::Ssd, at(2024, 4, 1, 8, 0)),
        (
            scratch,
            "scratch",
            500,
            VolumeType::Hdd,
            at(2024, 4, 2, 8, 0),
        ),
    ] {
        let _ = store.volumes.push(Volume {
            id,
            name: text(name),
            description: text(""),
            region: NordNoKrs1,
            size,
            kind,
            instances: Vec::new(),
            life: Lifecycle::settled(Status::Created),
            created_at: created,
            updated_at: created,
        });
    }

    let fs = store.next_id(ResourceKind::Filesystems);
    let _ = store.filesystems.push(Filesystem {
        id: fs,
        name: text("shared-datasets"),
        description: text("Training data shared by the team"),
        region: NordNoKrs1,
        size: 1000,
        kind: FilesystemType::Vast,
        mount_base_path: Some(text("/shared-datasets")),
        mount_endpoint_range: Some([text("10.32.0.10"), text("10.32.0.20")]),
        life: Lifecycle::settled(Status::Created),
        created_at: at(2024, 4, 5, 9, 0),
        updated_at: at(2024, 4, 5, 9, 0),
    });

    let train_ip = store.next_id(ResourceKind::FloatingIps);
    let spare_ip = store.next_id(ResourceKind::FloatingIps);
    for (id, name, region, address, created) in [
        (
            train_ip,
            "train-ip",
            NordNoKrs1,
            "100.64.10.10",
            at(2024, 4, 10, 9, 0),
        ),
        (
            spare_ip,
            "spare-ip",
            EucDeMuc1,
            "100.64.10.11",
            at(2024, 4, 11, 9, 0),
        ),
    ] {
        let _ = store.floating_ips.push(FloatingIp {
            id,
            name: text(name),
            description: text(""),
            region,
            version: IpVersion::V4,
            is_public: true,
            ip_address: Some(text(address)),
            instance: None,
            life: Lifecycle::settled(Status::Created),
            created_at: created,
            updated_at: created,
        });
    }

    let h100_reservation = Id::generated(IdTag::Reservation, store.next_counter());
    let rtx_reservation = Id::generated(IdTag::Reservation, store.next_counter());
    store.reservations = vec![
        Reservation {
            id: h100_reservation,
            flavor_name: text("vcpu-24_memory-240g_disk-800g_nvidiah100-1"),
            region: EuwNlAms1,
            metadata: json!({"contract": "GC-RES-2025-0042", "term": "prepaid-12-month", "starts_at": "2025-01-01T00:00:00Z"}),
            capacity: 4,
        },
        Reservation {
            id: rtx_reservation,
            flavor_name: text("vcpu-4_memory-12g_disk-80g_nvidia3080-1"),
            region: NordNoKrs1,
            metadata: json!({"contract": "GC-RES-2024-0007", "term": "prepaid-6-month"}),
            capacity: 8,
        },
    ];

    let placeholder = || NamedRef {
        id: Id(0),
        name: text("unknown"),
    };
    struct Spec {
        name: &'static str,
        kind: &'static str,
        region: Region,
        image: Option<NamedRef>,
        keys: Vec<NamedRef>,
        groups: Vec<Id>,
        volumes: Vec<Id>,
        floating_ip: Option<Id>,
        status: InstanceStatus,
        protected: bool,
        reservation: Option<Id>,
        disk: u64,
        metadata: Option<Value>,
        created: Ts,
    }
    let specs = [
        Spec {
            name: "train-01",
            kind: "vcpu-4_memory-12g_disk-80g_nvidia3080-1",
            region: NordNoKrs1,
            image: cuda,
            keys: vec![alice_ref.clone()],
            groups: vec![default_group[&NordNoKrs1], web],
            volumes: vec![data],
            floating_ip: Some(train_ip),
            status: InstanceStatus::Active,
            protected: false,
            reservation: Some(rtx_reservation),
            disk: 80,
            metadata: Some(
                json!({"startup_script": "#!/bin/bash\nnvidia-smi > /var/log/gpu.txt\n"}),
            ),
            created: at(2025, 1, 15, 9, 0),
        },
        Spec {
            name: "inference-eu",
            kind: "vcpu-8_memory-24g_disk-80g_nvidia3080-2",
            region: EucDeMuc1,
            image: noble.clone(),
            keys: vec![ci_ref.clone()],
            groups: vec![default_group[&EucDeMuc1], ssh_only],
            volumes: vec![],
            floating_ip: None,
            status: InstanceStatus::Stopped,
            protected: false,
            reservation: None,
            disk: 120,
            metadata: None,
            created: at(2025, 2, 3, 14, 30),
        },
        Spec {
            name: "prod-db",
            kind: "vcpu-8_memory-32g_disk-80g",
            region: NordNoKrs1,
            image: debian,
            keys: vec![alice_ref, ci_ref.clone()],
            groups: vec![default_group[&NordNoKrs1]],
            volumes: vec![],
            floating_ip: None,
            status: InstanceStatus::Active,
            protected: true,
            reservation: None,
            disk: 200,
            metadata: None,
            created: at(2025, 2, 20, 7, 45),
        },
        Spec {
            name: "h100-finetune",
            kind: "vcpu-24_memory-240g_disk-800g_nvidiah100-1",
            region: EuwNlAms1,
            image: noble,
            keys: vec![ci_ref],
            groups: vec![default_group[&EuwNlAms1]],
            volumes: vec![],
            floating_ip: None,
            status: InstanceStatus::Active,
            protected: false,
            reservation: Some(h100_reservation),
            disk: 800,
            metadata: Some(json!({"user_data": "#cloud-config\npackages: [htop]\n"})),
            created: at(2025, 3, 5, 12, 0),
        },
    ];
    let mut train_id = None;
    for spec in specs {
        let n = store.next_counter();
        let id = Id::generated(IdTag::Instance, n);
        let image = spec.image.unwrap_or_else(placeholder);
        let os_type = store
            .images
            .get(image.id)
            .map(|i| i.os_type)
            .unwrap_or(OsType::Linux);
        for v in &spec.volumes {
            if let Some(v) = store.volumes.get_mut(*v) {
                v.instances.push(id);
            }
        }
        if let Some(f) = spec.floating_ip.and_then(|f| store.floating_ips.get_mut(f)) {
            f.instance = Some(id);
        }
        if spec.name == "train-01" {
            train_id = Some(id);
        }
        let _ = store.instances.push(Instance {
            id,
            name: text(spec.name),
            hostname: text(spec.name),
            dns_name: dns_name(spec.name, spec.region).into(),
            kind: Arc::from(spec.kind),
            region: spec.region,
            os_type,
            image,
            ssh_keys: spec.keys,
            security_groups: spec.groups,
            volumes: spec.volumes,
            floating_ip: spec.floating_ip,
            private_ip: Some(private_ip(n).into()),
            public_ip: Some(public_ip(n).into()),
            placement_option: text("AUTO"),
            reservation_id: spec.reservation,
            disk_size: spec.disk,
            is_protected: spec.protected,
            metadata: spec.metadata,
            life: Lifecycle::settled(spec.status),
            created_at: spec.created,
            updated_at: spec.created,
        });
    }

    let backup = store.next_id(ResourceKind::Snapshots);
    let imported = store.next_id(ResourceKind::Snapshots);
    let copy = store.next_id(ResourceKind::Snapshots);
    for (id, name, region, size, src_instance, src_snapshot, created) in [
        (
            backup,
            "train-01-2025-01-15",
            NordNoKrs1,
            80,
            train_id,
            None,
            at(2025, 1, 15, 18, 0),
        ),
        (
            imported,
            "imported-base",
            EucDeMuc1,
            20,
            None,
            None,
            at(2025, 1, 20, 8, 0),
        ),
        (
            copy,
            "train-01-2025-01-15-muc",
            EucDeMuc1,
            80,
            None,
            Some(backup),
            at(2025, 1, 16, 9, 0),
        ),
    ] {
        let _ = store.snapshots.push(Snapshot {
            id,
            name: text(name),
            os_type: OsType::Linux,
            region,
            size,
            source_instance_id: src_instance,
            source_snapshot_id: src_snapshot,
            life: Lifecycle::settled(Status::Created),
            created_at: created,
            updated_at: created,
        });
    }
}

/// Adds `count` synthetic items of a resource, newest last (so first in
/// lists), each settled in its final status.
pub(crate) fn add_synthetic(store: &mut Store, kind: ResourceKind, count: usize) {
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
                let _ = store.ssh_keys.push(ssh_key(
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
pub(crate) fn synthetic_counts(value: &Value) -> Result<Vec<(ResourceKind, usize)>, String> {
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

const SPEC_KEYS: &[&str] = &[
    "base",
    "synthetic",
    "images",
    "ssh_keys",
    "security_groups",
    "volumes",
    "filesystems",
    "floating_ips",
    "reservations",
    "instances",
    "snapshots",
];

fn apply_spec(store: &mut Store, spec: &SeedSpec, with_synthetic: bool) -> Result<(), String> {
    let root = spec
        .raw
        .as_object()
        .ok_or("a seed file must be a JSON object")?;
    if let Some(key) = root.keys().find(|k| !SPEC_KEYS.contains(&k.as_str())) {
        return Err(format!(
            "unknown key {key:?} in seed file; expected one of: {}",
            SPEC_KEYS.join(", ")
        ));
    }
    match root.get("base").map(|b| b.as_str()) {
        None | Some(Some("empty")) => {}
        Some(Some("default")) => default_account(store),
        _ => return Err("`base` must be \"default\" or \"empty\"".into()),
    }
    let items = |key: &str| -> Result<Vec<JsonBody>, String> {
        match root.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Value::Object(m) => Ok(JsonBody(m.clone())),
                    _ => Err(format!("{key}[{i}] must be an object")),
                })
                .collect(),
            Some(_) => Err(format!("`{key}` must be an array")),
        }
    };
    let loaders: [(&str, Loader); 9] = [
        ("images", load_image),
        ("ssh_keys", load_ssh_key),
        ("security_groups", load_security_group),
        ("volumes", load_volume),
        ("filesystems", load_filesystem),
        ("floating_ips", load_floating_ip),
        ("reservations", load_reservation),
        ("instances", load_instance),
        ("snapshots", load_snapshot),
    ];
    for (key, loader) in loaders {
        for (i, item) in items(key)?.iter().enumerate() {
            loader(store, item).map_err(|e| format!("{key}[{i}]: {e}"))?;
        }
    }
    if let Some(synthetic) = root.get("synthetic") {
        let counts = synthetic_counts(synthetic)?;
        if with_synthetic {
            for (kind, count) in counts {
                add_synthetic(store, kind, count);
            }
        }
    }
    Ok(())
}

type Loader = fn(&mut Store, &JsonBody) -> Result<(), String>;

fn err(e: crate::error::ApiError) -> String {
    e.message
}

/// The item's `id`, or a generated one.
fn item_id(store: &mut Store, item: &JsonBody, kind: ResourceKind) -> Result<Id, String> {
    match item.opt_str("id").map_err(err)? {
        Some(text) => Id::parse(text).ok_or_else(|| format!("`id` {text:?} is not UUID-shaped")),
        None => Ok(store.next_id(kind)),
    }
}

fn item_time(item: &JsonBody, field: &str, default: Ts) -> Result<Ts, String> {
    match item.opt_str(field).map_err(err)? {
        Some(text) => {
            Ts::parse(text).ok_or_else(|| format!("`{field}` {text:?} is not an RFC 3339 time"))
        }
        None => Ok(default),
    }
}

fn times(item: &JsonBody) -> Result<(Ts, Ts), String> {
    let created = item_time(item, "created_at", Ts::now())?;
    Ok((created, item_time(item, "updated_at", created)?))
}

fn duplicate(id: Id) -> String {
    format!("duplicate id {id}")
}

fn status(item: &JsonBody, default: Status) -> Result<Lifecycle<Status>, String> {
    Ok(Lifecycle::settled(
        item.opt_enum("status").map_err(err)?.unwrap_or(default),
    ))
}

/// A reference given as `"id"` or `{"id": …}`.
fn reference(value: &Value) -> Option<Id> {
    match value {
        Value::String(s) => Id::parse(s),
        Value::Object(m) => m.get("id").and_then(Value::as_str).and_then(Id::parse),
        _ => None,
    }
}

fn references(item: &JsonBody, field: &str) -> Result<Vec<Id>, String> {
    match item.get(field) {
        None => Ok(Vec::new()),
        Some(Value::Array(list)) => list
            .iter()
            .map(|v| {
                reference(v).ok_or_else(|| format!("`{field}` holds an invalid reference {v}"))
            })
            .collect(),
        Some(_) => Err(format!("`{field}` must be an array")),
    }
}

fn load_image(store: &mut Store, item: &JsonBody) -> Result<(), String> {
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
        extra: None,
    };
    store.images.push(image).map_err(duplicate)
}

fn load_ssh_key(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::SshKeys)?;
    let (created_at, updated_at) = times(item)?;
    let value = item.req_name("value").map_err(err)?;
    key_format::inspect(value)?;
    let mut key = ssh_key(id, item.req_name("name").map_err(err)?, value, created_at);
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

fn load_security_group(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::SecurityGroups)?;
    let (created_at, updated_at) = times(item)?;
    let group = SecurityGroup {
        id,
        name: item.req_name("name").map_err(err)?.into(),
        description: item
            .opt_str("description")
            .map_err(err)?
            .unwrap_or("")
            .into(),
        region: item.req_enum("region").map_err(err)?,
        is_internal: item.opt_bool("is_internal").map_err(err)?.unwrap_or(false),
        rules: parse_rules(item.get("rules")).map_err(err)?,
        life: status(item, Status::Created)?,
        created_at,
        updated_at,
    };
    store.security_groups.push(group).map_err(duplicate)
}

fn load_volume(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::Volumes)?;
    let (created_at, updated_at) = times(item)?;
    let volume = Volume {
        id,
        name: item.req_name("name").map_err(err)?.into(),
        description: item
            .opt_str("description")
            .map_err(err)?
            .unwrap_or("")
            .into(),
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

fn load_filesystem(store: &mut Store, item: &JsonBody) -> Result<(), String> {
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
        description: item
            .opt_str("description")
            .map_err(err)?
            .unwrap_or("")
            .into(),
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

fn load_floating_ip(store: &mut Store, item: &JsonBody) -> Result<(), String> {
    let id = item_id(store, item, ResourceKind::FloatingIps)?;
    let (created_at, updated_at) = times(item)?;
    let n = store.next_counter();
    let fip = FloatingIp {
        id,
        name: item.req_name("name").map_err(err)?.into(),
        description: item
            .opt_str("description")
            .map_err(err)?
            .unwrap_or("")
            .into(),
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

fn load_reservation(store: &mut Store, item: &JsonBody) -> Result<(), String> {
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

fn load_instance(store: &mut Store, item: &JsonBody) -> Result<(), String> {
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
        is_protected: item.opt_bool("is_protected").map_err(err)?.unwrap_or(false),
        metadata: item.get("metadata").cloned(),
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

fn load_snapshot(store: &mut Store, item: &JsonBody) -> Result<(), String> {
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
