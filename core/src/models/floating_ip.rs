use serde::{Deserialize, Serialize};

use super::{Extra, FloatingIpVersion, Region, ResourceRef, ResourceStatus, Timestamp};

/// A public IP address that can move between instances.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FloatingIp {
    /// The floating IP's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Free-form description.
    pub description: String,
    /// The address, once assigned.
    pub ip_address: Option<String>,
    /// Whether the address is public.
    pub is_public: bool,
    /// Region the address belongs to.
    pub region: Region,
    /// Lifecycle status.
    pub status: ResourceStatus,
    /// IP version.
    pub version: FloatingIpVersion,
    /// The instance the address is attached to, if any.
    pub instance: Option<ResourceRef>,
    /// When the floating IP was created.
    pub created_at: Timestamp,
    /// When the floating IP was last changed.
    pub updated_at: Timestamp,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(FloatingIp {
    id,
    name,
    description,
    ip_address,
    is_public,
    region,
    status,
    version,
    instance,
    created_at,
    updated_at,
});

/// Body of `POST /floating-ips`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateFloatingIp {
    /// Display name.
    pub name: String,
    /// Region to reserve the address in.
    pub region: Region,
    /// Free-form description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// IP version (only `ipv4` today).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<FloatingIpVersion>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CreateFloatingIp {
    /// A body with the required fields; set the optional ones on the result.
    pub fn new(name: impl Into<String>, region: Region) -> CreateFloatingIp {
        CreateFloatingIp {
            name: name.into(),
            region,
            description: None,
            version: None,
            extra: Extra::new(),
        }
    }
}

/// Body of `PATCH /floating-ips/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateFloatingIp {
    /// New display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}
