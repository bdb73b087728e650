//! The in-memory account: one ordered collection per resource, the counters
//! behind generated ids and addresses, and the settling of due transitions.

mod naming;
mod records;

pub(crate) use naming::*;

use std::collections::HashMap;
use std::time::Instant;

pub(crate) use records::*;

use crate::enums::{InstanceStatus, Status};
use crate::ids::{Id, IdBuildHasher, IdTag};
use crate::lifecycle::{Lifecycle, Next};
use crate::time::Ts;

/// The resources that lists, seeding and faults name by their plural.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ResourceKind {
    Images,
    Instances,
    Snapshots,
    Volumes,
    Filesystems,
    SecurityGroups,
    SshKeys,
    FloatingIps,
}

impl ResourceKind {
    pub(crate) const ALL: [ResourceKind; 8] = [
        ResourceKind::Images,
        ResourceKind::Instances,
        ResourceKind::Snapshots,
        ResourceKind::Volumes,
        ResourceKind::Filesystems,
        ResourceKind::SecurityGroups,
        ResourceKind::SshKeys,
        ResourceKind::FloatingIps,
    ];

    /// The snake-case plural used as the list key (`security_groups`).
    pub(crate) fn plural(self) -> &'static str {
        match self {
            ResourceKind::Images => "images",
            ResourceKind::Instances => "instances",
            ResourceKind::Snapshots => "snapshots",
            ResourceKind::Volumes => "volumes",
            ResourceKind::Filesystems => "filesystems",
            ResourceKind::SecurityGroups => "security_groups",
            ResourceKind::SshKeys => "ssh_keys",
            ResourceKind::FloatingIps => "floating_ips",
        }
    }

    /// Accepts the plural (`ssh_keys`) and the path segment (`ssh-keys`).
    pub(crate) fn parse(text: &str) -> Option<ResourceKind> {
        let text = text.replace('-', "_");
        Self::ALL.into_iter().find(|k| k.plural() == text)
    }

    pub(crate) fn tag(self) -> IdTag {
        match self {
            ResourceKind::Images => IdTag::Image,
            ResourceKind::Instances => IdTag::Instance,
            ResourceKind::Snapshots => IdTag::Snapshot,
            ResourceKind::Volumes => IdTag::Volume,
            ResourceKind::Filesystems => IdTag::Filesystem,
            ResourceKind::SecurityGroups => IdTag::SecurityGroup,
            ResourceKind::SshKeys => IdTag::SshKey,
            ResourceKind::FloatingIps => IdTag::FloatingIp,
        }
    }
}

/// Records in creation order with an id index. Lists read it backwards
/// (newest first), so an offset page is a slice and costs nothing to find.
pub(crate) struct Collection<T> {
    items: Vec<T>,
    index: HashMap<Id, u32, IdBuildHasher>,
}

impl<T: Record> Collection<T> {
    pub(crate) fn new() -> Self {
        Collection {
            items: Vec::new(),
            index: HashMap::default(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    pub(crate) fn reserve(&mut self, additional: usize) {
        self.items.reserve(additional);
        self.index.reserve(additional);
    }

    pub(crate) fn get(&self, id: Id) -> Option<&T> {
        self.index.get(&id).map(|&i| &self.items[i as usize])
    }

    pub(crate) fn get_mut(&mut self, id: Id) -> Option<&mut T> {
        self.index.get(&id).map(|&i| &mut self.items[i as usize])
    }

    /// Looks up an id as it appears in a path or body.
    pub(crate) fn find(&self, text: &str) -> Option<&T> {
        Id::parse(text).and_then(|id| self.get(id))
    }

    pub(crate) fn contains(&self, id: Id) -> bool {
        self.index.contains_key(&id)
    }

    /// Adds the newest record. A duplicate id replaces nothing: the caller
    /// (seed files) is told, because two records with one id would make the
    /// index lie.
    pub(crate) fn push(&mut self, item: T) -> Result<(), Id> {
        let id = item.id();
        if self.index.contains_key(&id) {
            return Err(id);
        }
        self.index.insert(id, self.items.len() as u32);
        self.items.push(item);
        Ok(())
    }

    pub(crate) fn remove(&mut self, id: Id) -> Option<T> {
        let pos = self.index.remove(&id)? as usize;
        let item = self.items.remove(pos);
        for later in &self.items[pos..] {
            if let Some(slot) = self.index.get_mut(&later.id()) {
                *slot -= 1;
            }
        }
        Some(item)
    }

    /// Newest first.
    pub(crate) fn newest_first(&self) -> impl Iterator<Item = &T> {
        self.items.iter().rev()
    }

    /// The `offset`-th to `offset + limit`-th newest records, newest first.
    pub(crate) fn page(&self, offset: usize, limit: usize) -> impl Iterator<Item = &T> {
        let len = self.items.len();
        let end = len.saturating_sub(offset);
        let start = end.saturating_sub(limit);
        self.items[start..end].iter().rev()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.iter()
    }

    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.items.iter_mut()
    }
}

/// The whole emulated account.
pub(crate) struct Store {
    counter: u64,
    pub images: Collection<Image>,
    pub instances: Collection<Instance>,
    pub snapshots: Collection<Snapshot>,
    pub volumes: Collection<Volume>,
    pub filesystems: Collection<Filesystem>,
    pub security_groups: Collection<SecurityGroup>,
    pub ssh_keys: Collection<SshKey>,
    pub floating_ips: Collection<FloatingIp>,
    pub reservations: Vec<Reservation>,
    /// Resources with a transition in flight; settling only looks at these,
    /// never at the (possibly huge) collections.
    pending: Vec<(ResourceKind, Id)>,
}

enum Step {
    Waiting,
    Done,
    Gone,
}

fn step<T: Record, S: Copy>(
    items: &mut Collection<T>,
    id: Id,
    now: Instant,
    parts: impl Fn(&mut T) -> (&mut Lifecycle<S>, &mut Ts),
) -> Step {
    let Some(item) = items.get_mut(id) else {
        return Step::Done;
    };
    let (life, updated_at) = parts(item);
    match life.due(now) {
        None if life.pending.is_some() => Step::Waiting,
        None => Step::Done,
        Some(Next::Gone) => Step::Gone,
        Some(Next::To(status)) => {
            *life = Lifecycle::settled(status);
            *updated_at = Ts::now();
            Step::Done
        }
    }
}

impl Store {
    pub(crate) fn empty() -> Store {
        Store {
            counter: 0,
            images: Collection::new(),
            instances: Collection::new(),
            snapshots: Collection::new(),
            volumes: Collection::new(),
            filesystems: Collection::new(),
            security_groups: Collection::new(),
            ssh_keys: Collection::new(),
            floating_ips: Collection::new(),
            reservations: Vec::new(),
            pending: Vec::new(),
        }
    }

    /// A fresh sequence number; ids, names and addresses derive from it so
    /// that the same operations always produce the same values.
    pub(crate) fn next_counter(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    pub(crate) fn next_id(&mut self, kind: ResourceKind) -> Id {
        let n = self.next_counter();
        Id::generated(kind.tag(), n)
    }

    /// Registers a resource whose lifecycle has a deadline.
    pub(crate) fn watch(&mut self, kind: ResourceKind, id: Id) {
        self.pending.push((kind, id));
    }

    /// Applies every transition whose deadline has passed.
    pub(crate) fn settle(&mut self, now: Instant) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        for (kind, id) in pending {
            let outcome = match kind {
                ResourceKind::Instances => step(&mut self.instances, id, now, |i| {
                    (&mut i.life, &mut i.updated_at)
                }),
                ResourceKind::Snapshots => step(&mut self.snapshots, id, now, |s| {
                    (&mut s.life, &mut s.updated_at)
                }),
                ResourceKind::Volumes => step(&mut self.volumes, id, now, |v| {
                    (&mut v.life, &mut v.updated_at)
                }),
                ResourceKind::Filesystems => step(&mut self.filesystems, id, now, |f| {
                    (&mut f.life, &mut f.updated_at)
                }),
                ResourceKind::SecurityGroups => step(&mut self.security_groups, id, now, |g| {
                    (&mut g.life, &mut g.updated_at)
                }),
                ResourceKind::FloatingIps => step(&mut self.floating_ips, id, now, |f| {
                    (&mut f.life, &mut f.updated_at)
                }),
                ResourceKind::Images | ResourceKind::SshKeys => Step::Done,
            };
            match outcome {
                Step::Waiting => self.pending.push((kind, id)),
                Step::Done => {}
                Step::Gone => self.remove(kind, id),
            }
        }
    }

    /// Removes a resource for good and drops the links other resources hold
    /// to it, so no answer ever names a resource that 404s.
    pub(crate) fn remove(&mut self, kind: ResourceKind, id: Id) {
        match kind {
            ResourceKind::Instances => {
                if let Some(instance) = self.instances.remove(id) {
                    for vid in &instance.volumes {
                        if let Some(v) = self.volumes.get_mut(*vid) {
                            v.instances.retain(|i| *i != id);
                        }
                    }
                    if let Some(fid) = instance.floating_ip {
                        if let Some(f) = self.floating_ips.get_mut(fid) {
                            f.instance = None;
                        }
                    }
                }
            }
            ResourceKind::Volumes => {
                if let Some(volume) = self.volumes.remove(id) {
                    for iid in &volume.instances {
                        if let Some(i) = self.instances.get_mut(*iid) {
                            i.volumes.retain(|v| *v != id);
                        }
                    }
                }
            }
            ResourceKind::SecurityGroups => {
                self.security_groups.remove(id);
                for i in self.instances.iter_mut() {
                    i.security_groups.retain(|g| *g != id);
                }
            }
            ResourceKind::FloatingIps => {
                if let Some(fip) = self.floating_ips.remove(id) {
                    if let Some(iid) = fip.instance {
                        if let Some(i) = self.instances.get_mut(iid) {
                            i.floating_ip = None;
                        }
                    }
                }
            }
            ResourceKind::Snapshots => {
                self.snapshots.remove(id);
            }
            ResourceKind::Filesystems => {
                self.filesystems.remove(id);
            }
            ResourceKind::SshKeys => {
                self.ssh_keys.remove(id);
            }
            ResourceKind::Images => {
                self.images.remove(id);
            }
        }
    }

    /// How many items each resource holds.
    pub(crate) fn totals(&self) -> Vec<(ResourceKind, usize)> {
        ResourceKind::ALL
            .into_iter()
            .map(|k| (k, self.count(k)))
            .collect()
    }

    pub(crate) fn count(&self, kind: ResourceKind) -> usize {
        match kind {
            ResourceKind::Images => self.images.len(),
            ResourceKind::Instances => self.instances.len(),
            ResourceKind::Snapshots => self.snapshots.len(),
            ResourceKind::Volumes => self.volumes.len(),
            ResourceKind::Filesystems => self.filesystems.len(),
            ResourceKind::SecurityGroups => self.security_groups.len(),
            ResourceKind::SshKeys => self.ssh_keys.len(),
            ResourceKind::FloatingIps => self.floating_ips.len(),
        }
    }

    pub(crate) fn reservation(&self, id: Id) -> Option<&Reservation> {
        self.reservations.iter().find(|r| r.id == id)
    }
}

/// Whether a resource with the common status set is being deleted.
pub(crate) fn is_deleting(status: Status) -> bool {
    matches!(status, Status::Deleting | Status::PendingDelete)
}

/// Whether an instance counts as gone for quotas and availability.
pub(crate) fn instance_is_deleting(status: InstanceStatus) -> bool {
    status == InstanceStatus::Deleting
}
