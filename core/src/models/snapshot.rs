use serde::{Deserialize, Serialize};

use super::{Extra, OsType, Region, SnapshotStatus, Timestamp};

/// A disk snapshot of an instance, or an imported disk image.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Snapshot {
    /// The snapshot's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Operating system family of the disk.
    pub os_type: OsType,
    /// Region the snapshot lives in.
    pub region: Region,
    /// Size in GiB.
    pub size: i64,
    /// Lifecycle status.
    pub status: SnapshotStatus,
    /// The instance it was taken from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_instance_id: Option<String>,
    /// The snapshot it was cloned from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_snapshot_id: Option<String>,
    /// When the snapshot was created.
    pub created_at: Timestamp,
    /// When the snapshot was last changed.
    pub updated_at: Timestamp,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(Snapshot {
    id,
    name,
    os_type,
    region,
    size,
    status,
    source_instance_id,
    source_snapshot_id,
    created_at,
    updated_at,
});

/// Body of `POST /snapshots`: import a disk image from a URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateSnapshot {
    /// Display name.
    pub name: String,
    /// Region to import into.
    pub region: Region,
    /// Size in GiB.
    pub size: i64,
    /// Where to download the disk image from.
    pub url: String,
    /// Operating system family of the disk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_type: Option<OsType>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CreateSnapshot {
    /// A body with the required fields; set the optional ones on the result.
    pub fn new(
        name: impl Into<String>,
        region: Region,
        size: i64,
        url: impl Into<String>,
    ) -> CreateSnapshot {
        CreateSnapshot {
            name: name.into(),
            region,
            size,
            url: url.into(),
            os_type: None,
            extra: Extra::new(),
        }
    }
}

/// Body of `PATCH /snapshots/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateSnapshot {
    /// New display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Body of `POST /snapshots/{id}/clone`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CloneSnapshot {
    /// Name of the copy.
    pub name: String,
    /// Region to copy into.
    pub region: Region,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CloneSnapshot {
    /// A body with the required fields.
    pub fn new(name: impl Into<String>, region: Region) -> CloneSnapshot {
        CloneSnapshot {
            name: name.into(),
            region,
            extra: Extra::new(),
        }
    }
}

/// Body of `POST /instances/{id}/snapshots`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateInstanceSnapshot {
    /// Display name.
    pub name: String,
    /// Also replicate the snapshot into this region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicated_region: Option<Region>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CreateInstanceSnapshot {
    /// A body with the required fields.
    pub fn new(name: impl Into<String>) -> CreateInstanceSnapshot {
        CreateInstanceSnapshot {
            name: name.into(),
            replicated_region: None,
            extra: Extra::new(),
        }
    }
}
