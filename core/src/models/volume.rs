use serde::{Deserialize, Serialize};

use super::{Extra, Region, ResourceRef, Timestamp, VolumeStatus, VolumeType};

/// A block-storage volume.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Volume {
    /// The volume's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Free-form description.
    pub description: String,
    /// Region the volume lives in.
    pub region: Region,
    /// Size in GiB.
    pub size: i64,
    /// Lifecycle status.
    pub status: VolumeStatus,
    /// Storage class.
    #[serde(rename = "type")]
    pub r#type: VolumeType,
    /// Instances the volume is attached to.
    pub instances: Vec<ResourceRef>,
    /// When the volume was created.
    pub created_at: Timestamp,
    /// When the volume was last changed.
    pub updated_at: Timestamp,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(Volume {
    id,
    name,
    description,
    region,
    size,
    status,
    r#type: "type",
    instances,
    created_at,
    updated_at,
});

/// Body of `POST /volumes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateVolume {
    /// Display name.
    pub name: String,
    /// Region to create the volume in.
    pub region: Region,
    /// Size in GiB (at least 1).
    pub size: i64,
    /// Free-form description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Storage class.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<VolumeType>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CreateVolume {
    /// A body with the required fields; set the optional ones on the result.
    pub fn new(name: impl Into<String>, region: Region, size: i64) -> CreateVolume {
        CreateVolume {
            name: name.into(),
            region,
            size,
            description: None,
            r#type: None,
            extra: Extra::new(),
        }
    }
}

/// Body of `PATCH /volumes/{id}`. The size may only grow.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateVolume {
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
