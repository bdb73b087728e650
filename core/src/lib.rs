//! # genesiscloud
//!
//! The Rust SDK for the [Genesis Cloud](https://www.genesiscloud.com)
//! compute API v1: every operation typed, lists paginated lazily with
//! concurrent prefetch, failures retried where safe, the token kept secret.
//! The Python, Node and C packages are thin skins over this crate.
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use genesiscloud::{Client, InstanceStatus, WaitOptions};
//!
//! # async fn demo() -> genesiscloud::Result<()> {
//! let client = Client::from_env()?; // GENESISCLOUD_TOKEN, GENESISCLOUD_ENDPOINT
//! let mut images = client.images().list(Default::default());
//! while let Some(image) = images.try_next().await? {
//!     println!("{} {}", image.id, image.name);
//! }
//! let instance = client.instances().get("my-instance-id").await?;
//! client
//!     .instances()
//!     .wait_until(&instance.id, InstanceStatus::Active, WaitOptions::default())
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! Errors carry a stable [`ErrorKind`] (`not_found`, `rate_limited`, …),
//! the number of attempts made, and [`Error::request_sent`]: whether the
//! server may have acted, which is what to check before retrying a failed
//! create by hand.

#![warn(missing_docs)]

pub mod api;
pub mod binding_settings;
mod client;
mod config;
mod connect_cause;
mod decode;
mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod here;
pub mod models;
pub mod operations;
mod pagination;
mod path;
mod proxy;
mod rate_limit;
mod resources;
mod response;
mod retry;
mod secret;
#[cfg(feature = "stderr-log")]
pub mod stderr_log;
mod transport;
mod trust;
mod tuning;
mod wait;

pub use client::Client;
pub use config::{
    AuthScheme, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONCURRENCY, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_PER_PAGE, DEFAULT_TIMEOUT,
    ENDPOINT_ENV, RUSTC_VERSION, TOKEN_ENV, VERSION,
};
pub use error::{Error, ErrorKind, Result, WaitProgress};
pub use here::block_on_here;
pub use models::*;
pub use pagination::{HasId, ListParams, NoFilter, Page, Paginator};
pub use resources::{Listed, Managed, ResourceGroup, Stateful};
pub use response::{OnResponse, Response, ResponseInfo, ResponseLog};
pub use secret::{SecretString, Token};
pub use tuning::ClientOverrides;
pub use wait::{WaitOptions, DELETED};

/// The group of image operations.
pub type Images = ResourceGroup<Image>;
/// The group of instance operations.
pub type Instances = ResourceGroup<Instance>;
/// The group of snapshot operations.
pub type Snapshots = ResourceGroup<Snapshot>;
/// The group of volume operations.
pub type Volumes = ResourceGroup<Volume>;
/// The group of filesystem operations.
pub type Filesystems = ResourceGroup<Filesystem>;
/// The group of security-group operations.
pub type SecurityGroups = ResourceGroup<SecurityGroup>;
/// The group of SSH-key operations.
pub type SshKeys = ResourceGroup<SshKey>;
/// The group of floating-IP operations.
pub type FloatingIps = ResourceGroup<FloatingIp>;
