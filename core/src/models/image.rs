use serde::{Deserialize, Serialize};

use super::{Extra, ImageType, OsType, Region, Timestamp};

/// An image an instance can boot from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Image {
    /// The image's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind of image (`cloud-image`; older accounts show other values).
    #[serde(rename = "type")]
    pub r#type: ImageType,
    /// Operating system family.
    pub os_type: OsType,
    /// Regions where the image is available.
    pub regions: Vec<Region>,
    /// Short stable name, if any.
    pub slug: Option<String>,
    /// Image family, if any.
    pub family: Option<String>,
    /// Known versions, if any.
    pub versions: Option<Vec<String>>,
    /// When the image was created.
    pub created_at: Timestamp,
    /// When the image was last changed.
    pub updated_at: Timestamp,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(Image {
    id,
    name,
    r#type: "type",
    os_type,
    regions,
    slug,
    family,
    versions,
    created_at,
    updated_at,
});

/// Filters for listing images.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ImageFilter {
    /// Only images of this type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub r#type: Option<ImageType>,
}
