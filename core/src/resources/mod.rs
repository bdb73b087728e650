//! The resource groups (`client.instances()`, …): one generic group with
//! the operations every resource shares, and one file per resource for its
//! wire names and its own extra operations.

mod filesystems;
mod floating_ips;
mod images;
mod instances;
mod security_groups;
mod snapshots;
mod ssh_keys;
mod volumes;

use std::future::Future;
use std::marker::PhantomData;
use std::sync::Arc;

use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::client::Client;
use crate::decode;
use crate::error::Result;
use crate::pagination::{HasId, ListParams, Page, Paginator};
use crate::path;
use crate::response::Response;
use crate::transport::Call;
use crate::tuning::ClientOverrides;
use crate::wait::{self, WaitOptions};

/// A resource that can be listed.
///
/// Resources and their request types serialize both ways, so that the
/// operation table ([`crate::operations`]) can read requests from JSON and
/// answer with it.
pub trait Listed: HasId + Serialize + DeserializeOwned + Send + Unpin + 'static {
    /// Collection path below the base URL (`/security-groups`).
    const PATH: &'static str;
    /// Member holding the items of a page (`security_groups`).
    const PLURAL: &'static str;
    /// Filters the list accepts.
    type Filter: Serialize + DeserializeOwned + Clone + Default + Send + Sync + 'static;
}

/// A resource with get, create, update and delete.
pub trait Managed: Listed {
    /// Member wrapping a single object (`security_group`); `None` when the
    /// API answers the object bare (SSH keys).
    const SINGULAR: Option<&'static str>;
    /// Human name used in error messages (`security group`).
    const NAME: &'static str;
    /// Body of create.
    type Create: Serialize + DeserializeOwned + Send + Sync + 'static;
    /// Body of update.
    type Update: Serialize + DeserializeOwned + Send + Sync + 'static;
}

/// A resource with a lifecycle status that `wait_until` can watch.
pub trait Stateful: Managed {
    /// The current status as its wire string.
    fn status_str(&self) -> &str;
}

/// The operations of one resource, from `client.<resource>()`.
///
/// Every group lists (`list`, `list_page`); managed resources also `get`,
/// `create`, `update`, `delete`, and stateful ones `wait_until`. Instances
/// and snapshots add their own operations.
pub struct ResourceGroup<R> {
    pub(crate) client: Client,
    _r: PhantomData<fn() -> R>,
}

impl<R> ResourceGroup<R> {
    pub(crate) fn new(client: Client) -> ResourceGroup<R> {
        ResourceGroup {
            client,
            _r: PhantomData,
        }
    }

    /// The same group over a client with `overrides` (timeout, deadline,
    /// retries, paging, extra headers): the per-call options of the next
    /// call made through it, which shares this group's connections.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use genesiscloud::{Client, ClientOverrides};
    ///
    /// # async fn demo(client: Client) -> genesiscloud::Result<()> {
    /// let probe = ClientOverrides::new().max_retries(0).timeout(Duration::from_secs(2));
    /// let instance = client.instances().with_options(probe)?.get("my-id").await?;
    /// # let _ = instance; Ok(()) }
    /// ```
    ///
    /// Fails with `invalid_argument` for a value [`Client::with_options`]
    /// refuses.
    pub fn with_options(&self, overrides: ClientOverrides) -> Result<ResourceGroup<R>> {
        Ok(ResourceGroup::new(self.client.with_options(overrides)?))
    }

    /// Makes the calls of `op` on this group and returns their result with
    /// the raw answer of each request (see [`Client::with_response`]).
    ///
    /// ```no_run
    /// # async fn demo(client: genesiscloud::Client) -> genesiscloud::Result<()> {
    /// let got = client
    ///     .instances()
    ///     .with_response(|g| async move { g.get("my-id").await })
    ///     .await?;
    /// println!("{} {:?}", got.value().name, got.info().request_id());
    /// # Ok(()) }
    /// ```
    pub async fn with_response<T, F, Fut>(&self, op: F) -> Result<Response<T>>
    where
        F: FnOnce(ResourceGroup<R>) -> Fut,
        Fut: Future<Output = Result<T>>,
    {
        self.client
            .with_response(|client| op(ResourceGroup::new(client)))
            .await
    }
}

impl<R: Listed> ResourceGroup<R> {
    /// Fetches exactly one page (`GET /<resource>?page=&per_page=`).
    pub async fn list_page(&self, params: ListParams<R::Filter>) -> Result<Page<R>> {
        list_page_at(&self.client, R::PATH.to_owned(), &params).await
    }

    /// Every item, lazily, with ordered concurrent prefetch (see
    /// [`Paginator`]). Bad parameters surface as the stream's first item.
    pub fn list(&self, params: ListParams<R::Filter>) -> Paginator<R> {
        paginate(&self.client, R::PATH.to_owned(), params)
    }
}

impl<R: Managed> ResourceGroup<R> {
    /// Fetches one resource by id.
    pub async fn get(&self, id: &str) -> Result<R> {
        let call = Call::new(Method::GET, member_path::<R>(id)?);
        let answer = self.client.send(call).await?;
        Client::decode(&answer, R::SINGULAR)
    }

    /// Creates a resource. It usually starts in a transitional status: use
    /// `wait_until` to wait for it.
    pub async fn create(&self, body: &R::Create) -> Result<R> {
        let call = Call::new(Method::POST, R::PATH.to_owned());
        let answer = self.client.send_json(call, body).await?;
        Client::decode(&answer, R::SINGULAR)
    }

    /// Changes a resource.
    pub async fn update(&self, id: &str, body: &R::Update) -> Result<R> {
        let call = Call::new(Method::PATCH, member_path::<R>(id)?);
        let answer = self.client.send_json(call, body).await?;
        Client::decode(&answer, R::SINGULAR)
    }

    /// Deletes a resource. It may linger in `deleting` for a while: wait
    /// for `"deleted"` to know it is gone.
    pub async fn delete(&self, id: &str) -> Result<()> {
        let call = Call::new(Method::DELETE, member_path::<R>(id)?);
        let answer = self.client.send(call).await?;
        Client::no_content(&answer)
    }
}

impl<R: Stateful> ResourceGroup<R> {
    /// Polls `get` until the resource reaches `status` (see
    /// [`WaitOptions`]); `"deleted"` waits until it answers 404.
    ///
    /// Returns the resource in that status, or `None` for `"deleted"`.
    /// Fails with `wait_timeout` at the deadline or when the resource
    /// enters `error`, and with `not_found` when it disappears, unless that
    /// is what was asked for.
    pub async fn wait_until(
        &self,
        id: &str,
        status: impl AsRef<str>,
        options: WaitOptions,
    ) -> Result<Option<R>> {
        member_path::<R>(id)?;
        wait::wait_until(self, id, status.as_ref(), options).await
    }
}

/// `/<resource>/<encoded id>`, refusing a bad id before anything is sent.
pub(crate) fn member_path<R: Managed>(id: &str) -> Result<String> {
    Ok(format!(
        "{}/{}",
        R::PATH,
        path::segment(id, &format!("{} id", R::NAME))?
    ))
}

pub(crate) async fn list_page_at<T: Listed, F: Serialize>(
    client: &Client,
    path: String,
    params: &ListParams<F>,
) -> Result<Page<T>> {
    let mut call = Call::new(Method::GET, path);
    call.query = params.query()?;
    let answer = client.send(call).await?;
    // Without a page size the API answers its default, 50.
    let expected = params.per_page.map_or(50, |n| n as usize);
    answer.decode(|b| decode::page(b, T::PLURAL, expected))
}

pub(crate) fn paginate<T: Listed, F: Serialize + Clone + Send + Sync + 'static>(
    client: &Client,
    path: String,
    params: ListParams<F>,
) -> Paginator<T> {
    let per_page = params.per_page.unwrap_or_else(|| client.per_page());
    let first = u64::from(params.page.unwrap_or(1));
    let concurrency = client.concurrency();
    let client = client.clone();
    let params = Arc::new(params);
    let fetch = Arc::new(move |page: u64| {
        let client = client.clone();
        let path = path.clone();
        let params = params.clone();
        Box::pin(async move {
            let mut this_page = ListParams::clone(&params);
            this_page.page = Some(u32::try_from(page).unwrap_or(u32::MAX));
            this_page.per_page = Some(per_page);
            list_page_at::<T, F>(&client, path, &this_page).await
        }) as futures::future::BoxFuture<'static, Result<Page<T>>>
    });
    Paginator::new(fetch, first, per_page, concurrency)
}
