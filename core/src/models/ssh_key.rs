use serde::{Deserialize, Serialize};

use super::{Extra, Timestamp};

/// A public SSH key that can be installed on new instances.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SshKey {
    /// The key's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The public key, in OpenSSH format.
    pub value: String,
    /// The key's fingerprint.
    pub fingerprint: String,
    /// Key algorithm (`ssh-ed25519`, `ssh-rsa`, …).
    #[serde(rename = "type")]
    pub r#type: String,
    /// Key size in bits.
    pub size: i64,
    /// When the key was added.
    pub created_at: Timestamp,
    /// When the key was last changed.
    pub updated_at: Timestamp,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(SshKey {
    id,
    name,
    value,
    fingerprint,
    r#type: "type",
    size,
    created_at,
    updated_at,
});

/// Body of `POST /ssh-keys`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateSshKey {
    /// Display name.
    pub name: String,
    /// The public key, in OpenSSH format.
    pub value: String,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CreateSshKey {
    /// A body with the required fields.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> CreateSshKey {
        CreateSshKey {
            name: name.into(),
            value: value.into(),
            extra: Extra::new(),
        }
    }
}

/// Body of `PATCH /ssh-keys/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateSshKey {
    /// New display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Fields to send that this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}
