//! The one description of the API's operations, as data: for each
//! operation of [`crate::operations`], its name, HTTP method and path, what
//! it answers and an example of its arguments.
//!
//! `make codegen` (`core/examples/codegen/`) renders from it, with the
//! models' and bodies' own descriptions (their `JsonSchema`): the Python
//! resource classes (sync and async), the Node resource methods and their
//! TypeScript declarations, the operation reference
//! (`docs/operations.md`), the list the Python and Node test suites check
//! their surfaces against (`tests/surface/operations.json`) and a C file
//! that names every C function (`tests/c/operations.h`), so that a missing
//! function fails to link; `make test` fails when a rendered file is
//! stale. The core's own
//! tests (`tests/api_description.rs`) run every entry against the emulator
//! and check that the request it sends is the method and path this table
//! states, so the description cannot drift from the code.

/// What an operation answers, which decides its shape in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One decoded object or list (`get`, `create`, `quotas`, …).
    Single,
    /// Nothing (`delete`, `perform_action`): 204.
    Empty,
    /// Exactly one page of a list, with `page`, `per_page`, `total_count`.
    Page,
    /// Every item of a list, fetched lazily page by page.
    Lazy,
    /// Polls `get` until a status is reached.
    Wait,
}

impl Kind {
    /// The kind's name in the rendered files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Empty => "empty",
            Kind::Page => "page",
            Kind::Lazy => "lazy",
            Kind::Wait => "wait",
        }
    }
}

/// The type of an operation's answer: of the whole answer for
/// [`Kind::Single`], of each item for the lists, of the resource for the
/// waits. Types are named as in Rust (`Instance`); the names are checked
/// when the crate compiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// No content.
    Nothing,
    /// One object of this model.
    Model(&'static str),
    /// A JSON array of this model, or of this enumeration's values.
    List(&'static str),
    /// A free-form JSON object.
    Object,
}

/// An argument an operation takes besides its id, its request body and the
/// paging of a list: a filter of a list, or the one field of a small body
/// that every language takes as a plain argument (`action`).
#[derive(Debug, Clone, Copy)]
pub struct Param {
    /// Its wire name.
    pub name: &'static str,
    /// `string`, or the Rust name of the open enumeration it takes
    /// (`Region`).
    pub ty: &'static str,
    /// Whether it must be given.
    pub required: bool,
    /// What it is, in one sentence.
    pub doc: &'static str,
}

/// One resource group (`client.instances`): the class or object each
/// language gives its operations.
#[derive(Debug, Clone, Copy)]
pub struct Group {
    /// Its name in the operations' names (`security_groups`).
    pub name: &'static str,
    /// What it holds, in one sentence.
    pub doc: &'static str,
    /// The Rust name of its resource's model (`SecurityGroup`).
    pub model: &'static str,
}

/// One operation of the SDK.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// The name every binding dispatches by: `<group>.<verb>` in snake_case
    /// (`instances.perform_action`), `client.<verb>` for the account calls.
    pub name: &'static str,
    /// The HTTP method of its (first) request.
    pub method: &'static str,
    /// The path of its (first) request below the base URL, `{id}` standing
    /// for the id argument (and `{region}` for the region of
    /// `client.availability`).
    pub path: &'static str,
    /// What it answers.
    pub kind: Kind,
    /// The type of what it answers.
    pub answer: Answer,
    /// The Rust name of its request body's type (`CreateInstance`), whose
    /// fields each language takes as keyword arguments or an object.
    pub body: Option<&'static str>,
    /// Its other arguments.
    pub params: &'static [Param],
    /// What it does, in one sentence.
    pub doc: &'static str,
    /// Example arguments as JSON (the id apart), as the conformance
    /// scenarios and `operations::prepare` take them.
    pub example: &'static str,
}

impl Operation {
    /// The resource group (`instances`), or `client`.
    pub fn group(&self) -> &'static str {
        self.name.split_once('.').map_or(self.name, |(g, _)| g)
    }

    /// The verb (`perform_action`).
    pub fn verb(&self) -> &'static str {
        self.name.split_once('.').map_or("", |(_, v)| v)
    }

    /// Whether the operation takes an id (its path names one).
    pub fn takes_id(&self) -> bool {
        self.path.contains("{id}")
    }

    const fn new(
        name: &'static str,
        method: &'static str,
        path: &'static str,
        kind: Kind,
        answer: Answer,
        doc: &'static str,
    ) -> Operation {
        Operation {
            name,
            method,
            path,
            kind,
            answer,
            body: None,
            params: &[],
            doc,
            example: "{}",
        }
    }

    const fn with_body(self, body: &'static str, example: &'static str) -> Operation {
        Operation {
            body: Some(body),
            example,
            ..self
        }
    }

    const fn with_params(self, params: &'static [Param], example: &'static str) -> Operation {
        Operation {
            params,
            example,
            ..self
        }
    }
}

/// The name of a type of the crate, as a string: a misspelt or removed
/// type fails to compile instead of rendering a binding that names nothing.
macro_rules! ty {
    ($t:ident) => {{
        const _: Option<&crate::$t> = None;
        stringify!($t)
    }};
}

/// The list operations, the CRUD operations and the wait of a resource
/// group at `$path`, whose resource is `$model`.
macro_rules! group {
    (
        $group:literal, $path:literal, $what:literal, $model:ident,
        create: $create:ident $create_example:literal,
        update: $update:ident $update_example:literal $(,)?
    ) => {
        [
            Operation::new(
                concat!($group, ".list_page"),
                "GET",
                $path,
                Kind::Page,
                Answer::Model(ty!($model)),
                concat!("One page of ", $what, "."),
            ),
            Operation::new(
                concat!($group, ".list"),
                "GET",
                $path,
                Kind::Lazy,
                Answer::Model(ty!($model)),
                concat!("Every one of ", $what, ", lazily."),
            ),
            Operation::new(
                concat!($group, ".get"),
                "GET",
                concat!($path, "/{id}"),
                Kind::Single,
                Answer::Model(ty!($model)),
                concat!("One of ", $what, " by id."),
            ),
            Operation::new(
                concat!($group, ".create"),
                "POST",
                $path,
                Kind::Single,
                Answer::Model(ty!($model)),
                concat!("Creates one of ", $what, "."),
            )
            .with_body(ty!($create), $create_example),
            Operation::new(
                concat!($group, ".update"),
                "PATCH",
                concat!($path, "/{id}"),
                Kind::Single,
                Answer::Model(ty!($model)),
                concat!("Changes one of ", $what, "."),
            )
            .with_body(ty!($update), $update_example),
            Operation::new(
                concat!($group, ".delete"),
                "DELETE",
                concat!($path, "/{id}"),
                Kind::Empty,
                Answer::Nothing,
                concat!(
                    "Deletes one of ",
                    $what,
                    ". It may linger in a transitional status: wait for `deleted` to know it is gone."
                ),
            ),
        ]
    };
}

/// The wait of the resource at `$path`.
macro_rules! wait {
    ($name:literal, $path:literal, $model:ident) => {
        Operation::new(
            $name,
            "GET",
            $path,
            Kind::Wait,
            Answer::Model(ty!($model)),
            "Polls until the resource reaches a status (`deleted`: until it is gone).",
        )
        .with_params(&[STATUS], r#"{"status": "deleted"}"#)
    };
}

/// The status a wait waits for.
const STATUS: Param = Param {
    name: "status",
    ty: "string",
    required: true,
    doc: "The status to reach; `deleted` waits until the resource answers 404.",
};

/// Every resource group, in the contract's order.
pub const GROUPS: [Group; 8] = [
    Group {
        name: "images",
        doc: "Images (list only).",
        model: ty!(Image),
    },
    Group {
        name: "instances",
        doc: "Instances, their actions, snapshots and metadata.",
        model: ty!(Instance),
    },
    Group {
        name: "snapshots",
        doc: "Snapshots of instances' disks, and imported disk images.",
        model: ty!(Snapshot),
    },
    Group {
        name: "volumes",
        doc: "Block-storage volumes.",
        model: ty!(Volume),
    },
    Group {
        name: "filesystems",
        doc: "Shared filesystems.",
        model: ty!(Filesystem),
    },
    Group {
        name: "security_groups",
        doc: "Security groups (firewall rules).",
        model: ty!(SecurityGroup),
    },
    Group {
        name: "ssh_keys",
        doc: "SSH keys.",
        model: ty!(SshKey),
    },
    Group {
        name: "floating_ips",
        doc: "Floating IPs.",
        model: ty!(FloatingIp),
    },
];

const ACCOUNT: [Operation; 3] = [
    Operation::new(
        "client.quotas",
        "GET",
        "/quotas",
        Kind::Single,
        Answer::List(ty!(Quota)),
        "The account's quotas.",
    ),
    Operation::new(
        "client.reservations",
        "GET",
        "/reservations",
        Kind::Single,
        Answer::List(ty!(Reservation)),
        "The account's reservations.",
    ),
    Operation::new(
        "client.availability",
        "GET",
        "/availability/{region}/instances",
        Kind::Single,
        Answer::Model(ty!(InstancesAvailability)),
        "Which instance types can be created in a region now.",
    )
    .with_params(
        &[
            Param {
                name: "region",
                ty: ty!(Region),
                required: true,
                doc: "The region to ask about.",
            },
            Param {
                name: "placement",
                ty: "string",
                required: false,
                doc: "A placement option within the region.",
            },
        ],
        r#"{"region": "NORD-NO-KRS-1"}"#,
    ),
];

/// The filter of the image lists.
const IMAGE_TYPE: [Param; 1] = [Param {
    name: "type",
    ty: ty!(ImageType),
    required: false,
    doc: "Only images of this type (`cloud-image`).",
}];

const IMAGES: [Operation; 2] = [
    Operation::new(
        "images.list_page",
        "GET",
        "/images",
        Kind::Page,
        Answer::Model(ty!(Image)),
        "One page of images; `type` filters them.",
    )
    .with_params(&IMAGE_TYPE, "{}"),
    Operation::new(
        "images.list",
        "GET",
        "/images",
        Kind::Lazy,
        Answer::Model(ty!(Image)),
        "Every image, lazily; `type` filters them.",
    )
    .with_params(&IMAGE_TYPE, "{}"),
];

const INSTANCES: [Operation; 6] = group!(
    "instances",
    "/instances",
    "the instances",
    Instance,
    create: CreateInstance r#"{"name": "trainer", "hostname": "trainer", "type": "vcpu-4_memory-12g_disk-80g_nvidia3080-1", "image": "00000000-0000-0000-0000-000000000000", "region": "NORD-NO-KRS-1", "password": "Secret123abc"}"#,
    update: UpdateInstance r#"{"name": "renamed"}"#,
);

const INSTANCE_EXTRAS: [Operation; 7] = [
    wait!("instances.wait_until", "/instances/{id}", Instance),
    Operation::new(
        "instances.actions",
        "GET",
        "/instances/{id}/actions",
        Kind::Single,
        Answer::List(ty!(InstanceAction)),
        "The actions the instance's current status allows.",
    ),
    Operation::new(
        "instances.perform_action",
        "POST",
        "/instances/{id}/actions",
        Kind::Empty,
        Answer::Nothing,
        "Starts, stops or resets the instance; an action its status does not allow fails with `conflict`.",
    )
    .with_params(
        &[Param {
            name: "action",
            ty: ty!(InstanceAction),
            required: true,
            doc: "`start`, `stop` or `reset`.",
        }],
        r#"{"action": "stop"}"#,
    ),
    Operation::new(
        "instances.list_snapshots_page",
        "GET",
        "/instances/{id}/snapshots",
        Kind::Page,
        Answer::Model(ty!(Snapshot)),
        "One page of the instance's snapshots.",
    ),
    Operation::new(
        "instances.list_snapshots",
        "GET",
        "/instances/{id}/snapshots",
        Kind::Lazy,
        Answer::Model(ty!(Snapshot)),
        "Every snapshot of the instance, lazily.",
    ),
    Operation::new(
        "instances.create_snapshot",
        "POST",
        "/instances/{id}/snapshots",
        Kind::Single,
        Answer::Model(ty!(Snapshot)),
        "Snapshots the instance's disk.",
    )
    .with_body(ty!(CreateInstanceSnapshot), r#"{"name": "backup"}"#),
    Operation::new(
        "instances.user_metadata",
        "GET",
        "/instances/{id}/user-metadata",
        Kind::Single,
        Answer::Object,
        "The metadata the instance was created with.",
    ),
];

const SNAPSHOTS: [Operation; 6] = group!(
    "snapshots",
    "/snapshots",
    "the snapshots",
    Snapshot,
    create: CreateSnapshot r#"{"name": "imported", "region": "NORD-NO-KRS-1", "size": 10, "url": "https://example.com/disk.img"}"#,
    update: UpdateSnapshot r#"{"name": "renamed"}"#,
);

const SNAPSHOT_EXTRAS: [Operation; 2] = [
    wait!("snapshots.wait_until", "/snapshots/{id}", Snapshot),
    Operation::new(
        "snapshots.clone",
        "POST",
        "/snapshots/{id}/clone",
        Kind::Single,
        Answer::Model(ty!(Snapshot)),
        "Copies a snapshot, possibly into another region.",
    )
    .with_body(
        ty!(CloneSnapshot),
        r#"{"name": "copy", "region": "NORD-NO-KRS-1"}"#,
    ),
];

const VOLUMES: [Operation; 6] = group!(
    "volumes",
    "/volumes",
    "the volumes",
    Volume,
    create: CreateVolume r#"{"name": "data", "region": "NORD-NO-KRS-1", "size": 50, "type": "ssd"}"#,
    update: UpdateVolume r#"{"size": 100}"#,
);

const FILESYSTEMS: [Operation; 6] = group!(
    "filesystems",
    "/filesystems",
    "the filesystems",
    Filesystem,
    create: CreateFilesystem r#"{"name": "shared", "region": "NORD-NO-KRS-1", "size": 100}"#,
    update: UpdateFilesystem r#"{"size": 200}"#,
);

const SECURITY_GROUPS: [Operation; 6] = group!(
    "security_groups",
    "/security-groups",
    "the security groups",
    SecurityGroup,
    create: CreateSecurityGroup r#"{"name": "web", "region": "NORD-NO-KRS-1", "rules": [{"direction": "ingress", "protocol": "tcp", "port_range_min": 443, "port_range_max": 443}]}"#,
    update: UpdateSecurityGroup r#"{"description": "HTTPS in"}"#,
);

const SSH_KEYS: [Operation; 6] = group!(
    "ssh_keys",
    "/ssh-keys",
    "the SSH keys",
    SshKey,
    create: CreateSshKey r#"{"name": "laptop", "value": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVnXhGKRLFkqOJJ5TcOMs3BBvVuuPGAPJ4sPnfMg2kG me@laptop"}"#,
    update: UpdateSshKey r#"{"name": "renamed"}"#,
);

const FLOATING_IPS: [Operation; 6] = group!(
    "floating_ips",
    "/floating-ips",
    "the floating IPs",
    FloatingIp,
    create: CreateFloatingIp r#"{"name": "ingress", "region": "NORD-NO-KRS-1"}"#,
    update: UpdateFloatingIp r#"{"name": "renamed"}"#,
);

const VOLUME_WAIT: [Operation; 1] = [wait!("volumes.wait_until", "/volumes/{id}", Volume)];
const FILESYSTEM_WAIT: [Operation; 1] = [wait!(
    "filesystems.wait_until",
    "/filesystems/{id}",
    Filesystem
)];
const SECURITY_GROUP_WAIT: [Operation; 1] = [wait!(
    "security_groups.wait_until",
    "/security-groups/{id}",
    SecurityGroup
)];
const FLOATING_IP_WAIT: [Operation; 1] = [wait!(
    "floating_ips.wait_until",
    "/floating-ips/{id}",
    FloatingIp
)];
const fn concat<const N: usize>(parts: &[&[Operation]]) -> [Operation; N] {
    let mut out = [ACCOUNT[0]; N];
    let (mut i, mut k) = (0, 0);
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[k] = parts[i][j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(k == N, "OPERATIONS' length is the sum of its parts");
    out
}

/// Every operation of the SDK, grouped as the contract lists them: 60 SDK
/// operations over the API's 45 (each list has a paged and a lazy form,
/// and the waits are the SDK's own).
pub const OPERATIONS: [Operation; 60] = concat(&[
    &ACCOUNT,
    &IMAGES,
    &INSTANCES,
    &INSTANCE_EXTRAS,
    &SNAPSHOTS,
    &SNAPSHOT_EXTRAS,
    &VOLUMES,
    &VOLUME_WAIT,
    &FILESYSTEMS,
    &FILESYSTEM_WAIT,
    &SECURITY_GROUPS,
    &SECURITY_GROUP_WAIT,
    &SSH_KEYS,
    &FLOATING_IPS,
    &FLOATING_IP_WAIT,
]);
