use serde::{Deserialize, Serialize};

use super::{Extra, FilesystemType, Region, ResourceStatus, Timestamp};

/// A shared network filesystem.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Filesystem {
    /// The filesystem's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Free-form description.
    pub description: String,
    /// Region the filesystem lives in.
    pub region: Region,
    /// Size in GiB.
    pub size: i64,
    /// Lifecycle status.
    pub status: ResourceStatus,
    /// Kind of filesystem.
    #[serde(rename = "type")]
    pub r#type: FilesystemType,
    /// Base path to mount, once known.
    pub mount_base_path: Option<String>,
    /// Addresses to mount from, once known.
    pub mount_endpoint_range: Option<Vec<String>>,
    /// When the filesystem was created.
    pub created_at: Timestamp,
    /// When the filesystem was last changed.
    pub updated_at: Timestamp,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(Filesystem {
    id,
    name,
    description,
    region,
    size,
    status,
    r#type: "type",
    mount_base_path,
    mount_endpoint_range,
    created_at,
    updated_at,
});

/// Body of `POST /filesystems`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateFilesystem {
    /// Display name.
    pub name: String,
    /// Region to create the filesystem in.
    pub region: Region,
    /// Size in GiB.
    pub size: i64,
    /// Free-form description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Kind of filesystem.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<FilesystemType>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CreateFilesystem {
    /// A body with the required fields; set the optional ones on the result.
    pub fn new(name: impl Into<String>, region: Region, size: i64) -> CreateFilesystem {
        CreateFilesystem {
            name: name.into(),
            region,
            size,
            description: None,
            r#type: None,
            extra: Extra::new(),
        }
    }
}

/// Body of `PATCH /filesystems/{id}`. The size may only grow.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateFilesystem {
    /// New display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New size in GiB (larger than the current one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}
