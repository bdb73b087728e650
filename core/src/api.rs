//! The one description of the API's operations, as data: for each
//! operation of [`crate::operations`], its name, HTTP method and path, what
//! it answers and an example of its arguments.
//!
//! `make codegen` (`core/examples/codegen/`) renders from it the
//! operation reference (`docs/operations.md`), the list the Python and
//! Node test suites check their surfaces against
//! (`tests/surface/operations.json`) and a C file that names every C
//! function (`tests/c/operations.h`), so that a missing function fails to
//! link; `make test` fails when a rendered file is stale. The core's own
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

/// One operation of the SDK.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// The name every binding dispatches by: `<group>.<verb>` in snake_case
    /// (`instances.perform_action`), `client.<verb>` for the account calls.
    pub name: &'static str,
    /// The HTTP method of its (first) request.
    pub method: &'static str,
    /// The path of its (first) request below the base URL, `{id}` standing
    /// for the id argument.
    pub path: &'static str,
    /// What it answers.
    pub kind: Kind,
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
}

macro_rules! op {
    ($name:expr, $method:expr, $path:expr, $kind:ident, $doc:expr) => {
        op!($name, $method, $path, $kind, $doc, "{}")
    };
    ($name:expr, $method:expr, $path:expr, $kind:ident, $doc:expr, $example:expr) => {
        Operation {
            name: $name,
            method: $method,
            path: $path,
            kind: Kind::$kind,
            doc: $doc,
            example: $example,
        }
    };
}

/// The list operations, the CRUD operations and the wait of a resource
/// group at `$path`.
macro_rules! group {
    ($group:literal, $path:literal, $what:literal, create: $create:literal, update: $update:literal) => {
        [
            op!(
                concat!($group, ".list_page"),
                "GET",
                $path,
                Page,
                concat!("One page of ", $what, ".")
            ),
            op!(
                concat!($group, ".list"),
                "GET",
                $path,
                Lazy,
                concat!("Every one of ", $what, ", lazily.")
            ),
            op!(
                concat!($group, ".get"),
                "GET",
                concat!($path, "/{id}"),
                Single,
                concat!("One of ", $what, " by id.")
            ),
            op!(
                concat!($group, ".create"),
                "POST",
                $path,
                Single,
                concat!("Creates one of ", $what, "."),
                $create
            ),
            op!(
                concat!($group, ".update"),
                "PATCH",
                concat!($path, "/{id}"),
                Single,
                concat!("Changes one of ", $what, "."),
                $update
            ),
            op!(
                concat!($group, ".delete"),
                "DELETE",
                concat!($path, "/{id}"),
                Empty,
                concat!("Deletes one of ", $what, ".")
            ),
        ]
    };
}

const fn wait(name: &'static str, path: &'static str) -> Operation {
    Operation {
        name,
        method: "GET",
        path,
        kind: Kind::Wait,
        doc: "Polls until the resource reaches a status (`deleted`: until it is gone).",
        example: r#"{"status": "deleted"}"#,
    }
}

const ACCOUNT: [Operation; 3] = [
    op!(
        "client.quotas",
        "GET",
        "/quotas",
        Single,
        "The account's quotas."
    ),
    op!(
        "client.reservations",
        "GET",
        "/reservations",
        Single,
        "The account's reservations."
    ),
    op!(
        "client.availability",
        "GET",
        "/availability/NORD-NO-KRS-1/instances",
        Single,
        "Which instance types can be created in a region now.",
        r#"{"region": "NORD-NO-KRS-1"}"#
    ),
];

const IMAGES: [Operation; 2] = [
    op!(
        "images.list_page",
        "GET",
        "/images",
        Page,
        "One page of images; `type` filters them."
    ),
    op!(
        "images.list",
        "GET",
        "/images",
        Lazy,
        "Every image, lazily; `type` filters them."
    ),
];

const INSTANCES: [Operation; 6] = group!(
    "instances",
    "/instances",
    "the instances",
    create: r#"{"name": "trainer", "hostname": "trainer", "type": "vcpu-4_memory-12g_disk-80g_nvidia3080-1", "image": "00000000-0000-0000-0000-000000000000", "region": "NORD-NO-KRS-1", "password": "Secret123abc"}"#,
    update: r#"{"name": "renamed"}"#
);

const INSTANCE_EXTRAS: [Operation; 7] = [
    wait("instances.wait_until", "/instances/{id}"),
    op!(
        "instances.actions",
        "GET",
        "/instances/{id}/actions",
        Single,
        "The actions the instance's status allows."
    ),
    op!(
        "instances.perform_action",
        "POST",
        "/instances/{id}/actions",
        Empty,
        "Starts, stops or resets the instance.",
        r#"{"action": "stop"}"#
    ),
    op!(
        "instances.list_snapshots_page",
        "GET",
        "/instances/{id}/snapshots",
        Page,
        "One page of the instance's snapshots."
    ),
    op!(
        "instances.list_snapshots",
        "GET",
        "/instances/{id}/snapshots",
        Lazy,
        "Every snapshot of the instance, lazily."
    ),
    op!(
        "instances.create_snapshot",
        "POST",
        "/instances/{id}/snapshots",
        Single,
        "Snapshots the instance's disk.",
        r#"{"name": "backup"}"#
    ),
    op!(
        "instances.user_metadata",
        "GET",
        "/instances/{id}/user-metadata",
        Single,
        "The metadata the instance was created with."
    ),
];

const SNAPSHOTS: [Operation; 6] = group!(
    "snapshots",
    "/snapshots",
    "the snapshots",
    create: r#"{"name": "imported", "region": "NORD-NO-KRS-1", "size": 10, "url": "https://example.com/disk.img"}"#,
    update: r#"{"name": "renamed"}"#
);

const SNAPSHOT_EXTRAS: [Operation; 2] = [
    wait("snapshots.wait_until", "/snapshots/{id}"),
    op!(
        "snapshots.clone",
        "POST",
        "/snapshots/{id}/clone",
        Single,
        "Copies a snapshot, possibly into another region.",
        r#"{"name": "copy", "region": "NORD-NO-KRS-1"}"#
    ),
];

const VOLUMES: [Operation; 6] = group!(
    "volumes",
    "/volumes",
    "the volumes",
    create: r#"{"name": "data", "region": "NORD-NO-KRS-1", "size": 50, "type": "ssd"}"#,
    update: r#"{"size": 100}"#
);

const FILESYSTEMS: [Operation; 6] = group!(
    "filesystems",
    "/filesystems",
    "the filesystems",
    create: r#"{"name": "shared", "region": "NORD-NO-KRS-1", "size": 100}"#,
    update: r#"{"size": 200}"#
);

const SECURITY_GROUPS: [Operation; 6] = group!(
    "security_groups",
    "/security-groups",
    "the security groups",
    create: r#"{"name": "web", "region": "NORD-NO-KRS-1", "rules": [{"direction": "ingress", "protocol": "tcp", "port_range_min": 443, "port_range_max": 443}]}"#,
    update: r#"{"description": "HTTPS in"}"#
);

const SSH_KEYS: [Operation; 6] = group!(
    "ssh_keys",
    "/ssh-keys",
    "the SSH keys",
    create: r#"{"name": "laptop", "value": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHVnXhGKRLFkqOJJ5TcOMs3BBvVuuPGAPJ4sPnfMg2kG me@laptop"}"#,
    update: r#"{"name": "renamed"}"#
);

const FLOATING_IPS: [Operation; 6] = group!(
    "floating_ips",
    "/floating-ips",
    "the floating IPs",
    create: r#"{"name": "ingress", "region": "NORD-NO-KRS-1"}"#,
    update: r#"{"name": "renamed"}"#
);

const VOLUME_WAIT: [Operation; 1] = [wait("volumes.wait_until", "/volumes/{id}")];
const FILESYSTEM_WAIT: [Operation; 1] = [wait("filesystems.wait_until", "/filesystems/{id}")];
const SECURITY_GROUP_WAIT: [Operation; 1] =
    [wait("security_groups.wait_until", "/security-groups/{id}")];
const FLOATING_IP_WAIT: [Operation; 1] = [wait("floating_ips.wait_until", "/floating-ips/{id}")];

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
