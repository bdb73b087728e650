use serde::{Deserialize, Serialize};

use super::{Extra, InstanceBillingType, InstanceStatus, OsType, Region, ResourceRef, Timestamp};
use crate::secret::SecretString;

/// A virtual machine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Instance {
    /// The instance's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Host name inside the machine.
    pub hostname: String,
    /// DNS name of the machine.
    pub dns_name: String,
    /// Instance type, e.g. `vcpu-4_memory-12g_disk-80g_nvidia3080-1`.
    #[serde(rename = "type")]
    pub r#type: String,
    /// Lifecycle status.
    pub status: InstanceStatus,
    /// Region the instance runs in.
    pub region: Region,
    /// Operating system family.
    pub os_type: OsType,
    /// The image it was created from.
    pub image: ResourceRef,
    /// Placement option it was created with.
    pub placement_option: String,
    /// Private address, once assigned.
    pub private_ip: Option<String>,
    /// Public address, once assigned.
    pub public_ip: Option<String>,
    /// The attached floating IP, if any.
    pub floating_ip: Option<ResourceRef>,
    /// The reservation it runs under, if any.
    pub reservation_id: Option<String>,
    /// Security groups applied to it.
    pub security_groups: Vec<ResourceRef>,
    /// SSH keys installed on it.
    pub ssh_keys: Vec<ResourceRef>,
    /// Volumes attached to it.
    pub volumes: Vec<ResourceRef>,
    /// Root disk size in GiB, when reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk_size: Option<i64>,
    /// When the instance was created.
    pub created_at: Timestamp,
    /// When the instance was last changed.
    pub updated_at: Timestamp,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(Instance {
    id,
    name,
    hostname,
    dns_name,
    r#type: "type",
    status,
    region,
    os_type,
    image,
    placement_option,
    private_ip,
    public_ip,
    floating_ip,
    reservation_id,
    security_groups,
    ssh_keys,
    volumes,
    disk_size,
    created_at,
    updated_at,
});

/// Start-up data handed to a new instance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstanceMetadata {
    /// A script run once at first boot (at most 64 KiB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startup_script: Option<String>,
    /// cloud-init user data, in parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_data: Option<Vec<InstanceUserData>>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One part of an instance's cloud-init user data (`InstanceUserData`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct InstanceUserData {
    /// Content type of the part, e.g. `text/cloud-config` or
    /// `text/x-shellscript`.
    #[serde(rename = "type")]
    pub r#type: String,
    /// File name of the part, when it needs one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The part itself.
    pub content: String,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl InstanceUserData {
    /// A part of `type` with `content` and no file name.
    pub fn new(r#type: impl Into<String>, content: impl Into<String>) -> InstanceUserData {
        InstanceUserData {
            r#type: r#type.into(),
            filename: None,
            content: content.into(),
            extra: Extra::new(),
        }
    }
}

/// Body of `POST /instances`.
///
/// Exactly one of `ssh_keys` and `password` must be given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateInstance {
    /// Display name.
    pub name: String,
    /// Host name inside the machine.
    pub hostname: String,
    /// Instance type, e.g. `vcpu-4_memory-12g_disk-80g_nvidia3080-1`.
    #[serde(rename = "type")]
    pub r#type: String,
    /// Image id to boot from.
    pub image: String,
    /// Region to run in.
    pub region: Region,
    /// SSH key ids to install.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssh_keys: Option<Vec<String>>,
    /// Password of the default user (8–72 characters with upper, lower case
    /// and digits). The core holds it as a secret: it prints as `***`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<SecretString>,
    /// Security group ids to apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<String>>,
    /// Volume ids to attach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volumes: Option<Vec<String>>,
    /// Floating IP id to attach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floating_ip: Option<String>,
    /// Root disk size in GiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disk_size: Option<i64>,
    /// How the instance is billed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_type: Option<InstanceBillingType>,
    /// Refuse deletion until unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_protected: Option<bool>,
    /// Delete the instance when it shuts itself down.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destroy_on_shutdown: Option<bool>,
    /// Also assign a public IPv6 address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_ipv6: Option<bool>,
    /// Placement option within the region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement_option: Option<String>,
    /// Reservation to run under.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reservation_id: Option<String>,
    /// Reuse an existing long-term subscription.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reuse_long_term_subscription: Option<String>,
    /// Start-up data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<InstanceMetadata>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CreateInstance {
    /// A body with the required fields; set the optional ones on the result
    /// (at least `ssh_keys` or `password`).
    pub fn new(
        name: impl Into<String>,
        hostname: impl Into<String>,
        r#type: impl Into<String>,
        image: impl Into<String>,
        region: Region,
    ) -> CreateInstance {
        CreateInstance {
            name: name.into(),
            hostname: hostname.into(),
            r#type: r#type.into(),
            image: image.into(),
            region,
            ssh_keys: None,
            password: None,
            security_groups: None,
            volumes: None,
            floating_ip: None,
            disk_size: None,
            billing_type: None,
            is_protected: None,
            destroy_on_shutdown: None,
            public_ipv6: None,
            placement_option: None,
            reservation_id: None,
            reuse_long_term_subscription: None,
            metadata: None,
            extra: Extra::new(),
        }
    }
}

/// How `PATCH /instances/{id}` changes a list of attached ids: the whole
/// list, or one attach or detach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum AttachmentUpdate {
    /// Replace the whole list.
    Set(Vec<String>),
    /// Attach one more security group or volume.
    #[cfg_attr(feature = "schema", schemars(title = "Attach"))]
    Attach {
        /// The id to attach.
        attach: String,
    },
    /// Detach one security group or volume.
    #[cfg_attr(feature = "schema", schemars(title = "Detach"))]
    Detach {
        /// The id to detach.
        detach: String,
    },
}

/// Body of `PATCH /instances/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateInstance {
    /// New display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New root disk size in GiB (may only grow).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disk_size: Option<i64>,
    /// Protect from (or allow) deletion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_protected: Option<bool>,
    /// Move under a reservation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reservation_id: Option<String>,
    /// Change the security groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<AttachmentUpdate>,
    /// Change the attached volumes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volumes: Option<AttachmentUpdate>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn user_data_is_a_list_of_parts_keeping_unknown_fields() {
        let wire = json!({
            "startup_script": "#!/bin/sh\n",
            "user_data": [
                {"type": "text/cloud-config", "filename": "a.yaml", "content": "#cloud-config\n"},
                {"type": "text/x-shellscript", "content": "echo", "encoding": "plain"},
            ],
        });
        let metadata: InstanceMetadata = serde_json::from_value(wire.clone()).unwrap();
        let parts = metadata.user_data.as_deref().unwrap();
        assert_eq!(parts[0].filename.as_deref(), Some("a.yaml"));
        assert_eq!(parts[1].extra["encoding"], "plain");
        assert_eq!(serde_json::to_value(&metadata).unwrap(), wire);
        assert!(
            serde_json::from_value::<InstanceMetadata>(json!({"user_data": "#cloud-config"}))
                .is_err()
        );
    }
}
