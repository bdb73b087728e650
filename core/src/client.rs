//! The client: one connection pool, its settings, and the resource groups.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use bytes::Bytes;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::config::{AuthScheme, ClientBuilder, Settings};
use crate::decode;
use crate::error::{Error, Result};
use crate::models::{
    Filesystem, FloatingIp, Image, Instance, InstancesAvailability, Quota, Region, Reservation,
    SecurityGroup, Snapshot, SshKey, Volume,
};
use crate::path;
use crate::resources::ResourceGroup;
use crate::response::{Response, ResponseLog};
use crate::transport::{Answer, Call, Transport};
use crate::tuning::{ClientOverrides, Tuning};

/// A Genesis Cloud API client.
///
/// Cheap to clone (an `Arc` inside) and safe to share across threads and
/// tasks: every clone uses the same connection pool, and so does every
/// client derived from it with [`Client::with_options`].
///
/// ```no_run
/// # async fn demo() -> genesiscloud::Result<()> {
/// let client = genesiscloud::Client::from_env()?;
/// let page = client.images().list_page(Default::default()).await?;
/// println!("{} images", page.total_count);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Arc<Transport>,
    tuning: Arc<Tuning>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.transport.settings();
        f.debug_struct("Client")
            .field("base_url", &s.base_url.as_str())
            .field("token", &"***")
            .field("auth_scheme", &s.auth_scheme)
            .field("max_retries", &self.tuning.max_retries)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with every setting at its default.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client for `token` with every other setting at its default
    /// (`GENESISCLOUD_ENDPOINT` is still honoured for the base URL).
    pub fn new(token: impl Into<crate::Token>) -> Result<Client> {
        ClientBuilder::new().token(token).build()
    }

    /// A client configured from `GENESISCLOUD_TOKEN` and
    /// `GENESISCLOUD_ENDPOINT`.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::new().build()
    }

    pub(crate) fn from_settings(settings: Settings, tuning: Tuning) -> Result<Client> {
        Ok(Client {
            transport: Arc::new(Transport::new(settings)?),
            tuning: Arc::new(tuning),
        })
    }

    /// A new client that changes some settings of this one: `timeout`,
    /// `deadline`, `max_retries`, `per_page`, `concurrency`, and headers
    /// added to every request. It shares this client's connection pool (no
    /// new connection is opened), token, base URL and every other setting;
    /// this client is not changed.
    ///
    /// The settings the connection pool is built with (connect timeout,
    /// proxy, trusted CAs, rate limit, response size cap, user agent) and
    /// the token, base URL and auth scheme cannot be overridden: build
    /// another client with [`Client::builder`] for those.
    ///
    /// Fails with `invalid_argument`, as [`ClientBuilder::build`] does, when
    /// a value is out of range or a header is invalid or an authentication
    /// header (`X-Auth-Token`, `Authorization`, …).
    ///
    /// ```no_run
    /// # async fn demo() -> genesiscloud::Result<()> {
    /// use std::time::Duration;
    /// use genesiscloud::{Client, ClientOverrides};
    /// let client = Client::from_env()?;
    /// let impatient = client.with_options(
    ///     ClientOverrides::new().timeout(Duration::from_secs(5)).max_retries(0),
    /// )?;
    /// let quotas = impatient.quotas().await?;
    /// # Ok(()) }
    /// ```
    pub fn with_options(&self, overrides: ClientOverrides) -> Result<Client> {
        Ok(Client {
            transport: Arc::clone(&self.transport),
            tuning: Arc::new(self.tuning.derive(overrides)?),
        })
    }

    /// Makes the calls of `op` through a client derived from this one, and
    /// returns their result with the raw answer of each request: status,
    /// headers (through the log allow-list), request id, attempts and
    /// elapsed time.
    ///
    /// ```no_run
    /// # async fn demo(client: genesiscloud::Client) -> genesiscloud::Result<()> {
    /// let created = client
    ///     .with_response(|c| async move { c.quotas().await })
    ///     .await?;
    /// println!("request id {:?}", created.info().request_id());
    /// # Ok(()) }
    /// ```
    ///
    /// Fails as `op` fails, and with `invalid_argument` when `op` made no
    /// request (a lazy list it never read).
    pub async fn with_response<T, F, Fut>(&self, op: F) -> Result<Response<T>>
    where
        F: FnOnce(Client) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        let log = ResponseLog::new();
        let client = self.with_options(ClientOverrides::new().on_response(log.recorder()))?;
        let value = op(client).await?;
        Response::new(value, log.take()).ok_or_else(|| {
            Error::invalid_argument("the operation given to with_response made no request")
        })
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.transport.settings().base_url.as_str()
    }

    /// How the token is sent.
    pub fn auth_scheme(&self) -> AuthScheme {
        self.transport.settings().auth_scheme
    }

    /// Images (list only).
    pub fn images(&self) -> ResourceGroup<Image> {
        ResourceGroup::new(self.clone())
    }

    /// Instances, their actions, snapshots and metadata.
    pub fn instances(&self) -> ResourceGroup<Instance> {
        ResourceGroup::new(self.clone())
    }

    /// Snapshots.
    pub fn snapshots(&self) -> ResourceGroup<Snapshot> {
        ResourceGroup::new(self.clone())
    }

    /// Volumes.
    pub fn volumes(&self) -> ResourceGroup<Volume> {
        ResourceGroup::new(self.clone())
    }

    /// Filesystems.
    pub fn filesystems(&self) -> ResourceGroup<Filesystem> {
        ResourceGroup::new(self.clone())
    }

    /// Security groups.
    pub fn security_groups(&self) -> ResourceGroup<SecurityGroup> {
        ResourceGroup::new(self.clone())
    }

    /// SSH keys.
    pub fn ssh_keys(&self) -> ResourceGroup<SshKey> {
        ResourceGroup::new(self.clone())
    }

    /// Floating IPs.
    pub fn floating_ips(&self) -> ResourceGroup<FloatingIp> {
        ResourceGroup::new(self.clone())
    }

    /// The account's quotas (`GET /quotas`).
    pub async fn quotas(&self) -> Result<Vec<Quota>> {
        let answer = self.send(Call::new(Method::GET, "/quotas".into())).await?;
        answer.decode(|b| decode::wrapped(b, "quotas"))
    }

    /// The account's reservations (`GET /reservations`).
    pub async fn reservations(&self) -> Result<Vec<Reservation>> {
        let answer = self
            .send(Call::new(Method::GET, "/reservations".into()))
            .await?;
        answer.decode(|b| decode::wrapped(b, "reservations"))
    }

    /// Which instance types can be created in `region` now
    /// (`GET /availability/{region}/instances`). `region` is a [`Region`],
    /// a reference to one, or its name.
    pub async fn availability(
        &self,
        region: impl Into<Region>,
        placement: Option<&str>,
    ) -> Result<InstancesAvailability> {
        let region: Region = region.into();
        let region = path::segment(region.as_str(), "region")?;
        let mut call = Call::new(Method::GET, format!("/availability/{region}/instances"));
        if let Some(p) = placement {
            call.query.push(("placement".into(), p.into()));
        }
        let answer = self.send(call).await?;
        answer.decode(|b| decode::wrapped(b, "availability"))
    }

    pub(crate) fn per_page(&self) -> u32 {
        self.tuning.per_page
    }

    pub(crate) fn concurrency(&self) -> usize {
        self.tuning.concurrency
    }

    /// Sends a call and returns its 2xx answer.
    pub(crate) async fn send(&self, call: Call) -> Result<Answer> {
        self.transport.execute(&call, &self.tuning).await
    }

    /// Sends a call with a JSON body.
    pub(crate) async fn send_json<B: Serialize + ?Sized>(
        &self,
        mut call: Call,
        body: &B,
    ) -> Result<Answer> {
        let json = serde_json::to_vec(body)
            .map_err(|e| Error::invalid_argument(format!("could not encode the body: {e}")))?;
        call.body = Some(Bytes::from(json));
        self.send(call).await
    }

    /// Decodes an answer either wrapped in `key` or bare.
    pub(crate) fn decode<T: DeserializeOwned>(
        answer: &Answer,
        key: Option<&'static str>,
    ) -> Result<T> {
        answer.decode(|body| match key {
            Some(k) => decode::wrapped(body, k),
            None => decode::bare(body, "body"),
        })
    }

    /// Checks the answer of an operation that returns nothing (`204`).
    pub(crate) fn no_content(answer: &Answer) -> Result<()> {
        answer.decode(decode::no_content)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_client_shares_the_connection_pool_and_token() {
        let parent = Client::builder()
            .token("t")
            .base_url("http://127.0.0.1:9/compute/v1")
            .build()
            .unwrap();
        let child = parent
            .with_options(ClientOverrides::new().max_retries(0))
            .unwrap();
        assert!(Arc::ptr_eq(&parent.transport, &child.transport));
        assert!(!Arc::ptr_eq(&parent.tuning, &child.tuning));
        assert_eq!(parent.tuning.max_retries, 2);
        assert_eq!(child.tuning.max_retries, 0);
    }
}
