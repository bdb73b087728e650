//! Typed models for every schema and request body of the API.
//!
//! Every model keeps the API's field names and carries an `extra` map:
//! fields this SDK version does not know survive decoding and re-encoding,
//! so nothing is lost when Genesis Cloud adds a field. Nullable fields are
//! `Option`s that encode as `null`; optional fields are `Option`s that are
//! left out when `None`. Timestamps stay RFC 3339 strings, exactly as sent.

#[macro_use]
mod open;

mod account;
mod enums;
mod filesystem;
mod floating_ip;
mod image;
mod instance;
mod security_group;
mod snapshot;
mod ssh_key;
mod volume;

pub use account::*;
pub use enums::*;
pub use filesystem::*;
pub use floating_ip::*;
pub use image::*;
pub use instance::*;
pub use security_group::*;
pub use snapshot::*;
pub use ssh_key::*;
pub use volume::*;

use serde::Serialize;

/// Fields of a model this SDK version does not know, kept verbatim.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// An RFC 3339 timestamp, kept as the server wrote it so it re-encodes
/// unchanged.
pub type Timestamp = String;

/// A reference to another resource, as embedded in a model (`{"id", "name"}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ResourceRef {
    /// The referenced resource's id.
    pub id: String,
    /// The referenced resource's name.
    pub name: String,
    /// Fields this SDK version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_model!(ResourceRef { id, name });
