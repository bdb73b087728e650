//! Every operation of the API by its SPEC name (`instances.create`), turned
//! from JSON arguments into a core call whose result is JSON text.
//!
//! Arguments are read into the core's own request types with serde, so this
//! file names no field of the API: it only routes.

use std::future::Future;
use std::time::Duration;

use futures::future::BoxFuture;
use futures::stream::BoxStream;
use futures::StreamExt;
use genesiscloud::{
    Client, Error, HasId, InstanceAction, ListParams, Managed, Paginator, Region, ResourceGroup,
    Result, Stateful, WaitOptions,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// An operation ready to run, yielding its result as JSON text.
pub(crate) type Pending = BoxFuture<'static, Result<String>>;

/// The items of a list, each as JSON text.
pub(crate) type Items = BoxStream<'static, Result<String>>;

/// Paging and filters of `list` and `list_page` (`page`, `per_page`, and
/// the resource's filters beside them).
#[derive(Deserialize)]
struct PageArgs<F> {
    #[serde(default)]
    page: Option<u32>,
    #[serde(default)]
    per_page: Option<u32>,
    #[serde(flatten)]
    filter: F,
}

impl<F> From<PageArgs<F>> for ListParams<F> {
    fn from(args: PageArgs<F>) -> ListParams<F> {
        ListParams {
            page: args.page,
            per_page: args.per_page,
            filter: args.filter,
        }
    }
}

/// Arguments of `wait_until`, in milliseconds.
#[derive(Deserialize)]
struct WaitArgs {
    status: String,
    #[serde(default)]
    timeout_ms: Option<f64>,
    #[serde(default)]
    interval_ms: Option<f64>,
    #[serde(default)]
    max_interval_ms: Option<f64>,
}

#[derive(Deserialize)]
struct ActionArgs {
    action: InstanceAction,
}

#[derive(Deserialize)]
struct AvailabilityArgs {
    region: Region,
    #[serde(default)]
    placement: Option<String>,
}

/// A number of milliseconds from JavaScript as a duration.
pub(crate) fn millis(value: Option<f64>, what: &str) -> Result<Option<Duration>> {
    value
        .map(|ms| {
            Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| {
                Error::invalid_argument(format!(
                    "{what} must be a non-negative number of milliseconds, not {ms}"
                ))
            })
        })
        .transpose()
}

/// Reads JSON arguments (absent means `{}`) into a request type; a mismatch
/// is an `invalid_argument` error naming the field.
fn arguments<T: DeserializeOwned>(args: Option<&str>) -> Result<T> {
    serde_json::from_str(args.unwrap_or("{}"))
        .map_err(|e| Error::invalid_argument(format!("invalid arguments: {e}")))
}

/// Encodes a core result as JSON text.
fn encode<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| {
        Error::new(
            genesiscloud::ErrorKind::Decode,
            format!("could not re-encode the response: {e}"),
        )
    })
}

fn unknown(op: &str) -> Error {
    Error::invalid_argument(format!("unknown operation {op:?}"))
}

fn reply<T, F>(future: F) -> Pending
where
    T: Serialize,
    F: Future<Output = Result<T>> + Send + 'static,
{
    Box::pin(async move { encode(&future.await?) })
}

/// Prepares the single-answer operation `op` (everything but `list`).
pub(crate) fn prepare(
    client: &Client,
    op: &str,
    id: String,
    args: Option<&str>,
) -> Result<Pending> {
    let (group, verb) = op.split_once('.').ok_or_else(|| unknown(op))?;
    match (group, verb) {
        ("client", "quotas") => {
            let client = client.clone();
            Ok(reply(async move { client.quotas().await }))
        }
        ("client", "reservations") => {
            let client = client.clone();
            Ok(reply(async move { client.reservations().await }))
        }
        ("client", "availability") => {
            let a: AvailabilityArgs = arguments(args)?;
            let client = client.clone();
            Ok(reply(async move {
                client.availability(&a.region, a.placement.as_deref()).await
            }))
        }
        ("images", "list_page") => {
            let params: PageArgs<_> = arguments(args)?;
            let images = client.images();
            Ok(reply(async move { images.list_page(params.into()).await }))
        }
        ("instances", "actions") => {
            let instances = client.instances();
            Ok(reply(async move { instances.actions(&id).await }))
        }
        ("instances", "perform_action") => {
            let a: ActionArgs = arguments(args)?;
            let instances = client.instances();
            Ok(reply(async move {
                instances.perform_action(&id, a.action).await
            }))
        }
        ("instances", "list_snapshots_page") => {
            let params: PageArgs<_> = arguments(args)?;
            let instances = client.instances();
            Ok(reply(async move {
                instances.list_snapshots_page(&id, params.into()).await
            }))
        }
        ("instances", "create_snapshot") => {
            let body = arguments(args)?;
            let instances = client.instances();
            Ok(reply(
                async move { instances.create_snapshot(&id, &body).await },
            ))
        }
        ("instances", "user_metadata") => {
            let instances = client.instances();
            Ok(reply(async move { instances.user_metadata(&id).await }))
        }
        ("snapshots", "clone") => {
            let body = arguments(args)?;
            let snapshots = client.snapshots();
            Ok(reply(async move { snapshots.clone(&id, &body).await }))
        }
        ("instances", verb) => stateful(client.instances(), op, verb, id, args),
        ("snapshots", verb) => stateful(client.snapshots(), op, verb, id, args),
        ("volumes", verb) => stateful(client.volumes(), op, verb, id, args),
        ("filesystems", verb) => stateful(client.filesystems(), op, verb, id, args),
        ("security_groups", verb) => stateful(client.security_groups(), op, verb, id, args),
        ("floating_ips", verb) => stateful(client.floating_ips(), op, verb, id, args),
        ("ssh_keys", verb) => managed(client.ssh_keys(), op, verb, id, args),
        _ => Err(unknown(op)),
    }
}

fn stateful<R>(
    group: ResourceGroup<R>,
    op: &str,
    verb: &str,
    id: String,
    args: Option<&str>,
) -> Result<Pending>
where
    R: Stateful + Serialize,
    R::Create: DeserializeOwned + 'static,
    R::Update: DeserializeOwned + 'static,
    R::Filter: DeserializeOwned,
{
    if verb != "wait_until" {
        return managed(group, op, verb, id, args);
    }
    let a: WaitArgs = arguments(args)?;
    let mut options = WaitOptions::default();
    if let Some(timeout) = millis(a.timeout_ms, "timeoutMs")? {
        options = options.timeout(timeout);
    }
    let initial = millis(a.interval_ms, "intervalMs")?.unwrap_or(options.initial_interval);
    let max = millis(a.max_interval_ms, "maxIntervalMs")?.unwrap_or(options.max_interval);
    options = options.intervals(initial, max);
    Ok(reply(async move {
        group.wait_until(&id, &a.status, options).await
    }))
}

fn managed<R>(
    group: ResourceGroup<R>,
    op: &str,
    verb: &str,
    id: String,
    args: Option<&str>,
) -> Result<Pending>
where
    R: Managed + Serialize,
    R::Create: DeserializeOwned + 'static,
    R::Update: DeserializeOwned + 'static,
    R::Filter: DeserializeOwned,
{
    match verb {
        "list_page" => {
            let params: PageArgs<R::Filter> = arguments(args)?;
            Ok(reply(async move { group.list_page(params.into()).await }))
        }
        "get" => Ok(reply(async move { group.get(&id).await })),
        "create" => {
            let body: R::Create = arguments(args)?;
            Ok(reply(async move { group.create(&body).await }))
        }
        "update" => {
            let body: R::Update = arguments(args)?;
            Ok(reply(async move { group.update(&id, &body).await }))
        }
        "delete" => Ok(reply(async move { group.delete(&id).await })),
        _ => Err(unknown(op)),
    }
}

/// Starts the auto-paginating list `op` (`<group>.list` or
/// `instances.list_snapshots`); nothing is sent until it is polled.
pub(crate) fn paginate(client: &Client, op: &str, id: String, args: Option<&str>) -> Result<Items> {
    let (group, verb) = op.split_once('.').ok_or_else(|| unknown(op))?;
    match (group, verb) {
        ("images", "list") => items(args, |p| client.images().list(p)),
        ("instances", "list") => items(args, |p| client.instances().list(p)),
        ("instances", "list_snapshots") => {
            items(args, |p| client.instances().list_snapshots(&id, p))
        }
        ("snapshots", "list") => items(args, |p| client.snapshots().list(p)),
        ("volumes", "list") => items(args, |p| client.volumes().list(p)),
        ("filesystems", "list") => items(args, |p| client.filesystems().list(p)),
        ("security_groups", "list") => items(args, |p| client.security_groups().list(p)),
        ("ssh_keys", "list") => items(args, |p| client.ssh_keys().list(p)),
        ("floating_ips", "list") => items(args, |p| client.floating_ips().list(p)),
        _ => Err(unknown(op)),
    }
}

fn items<F, T>(
    args: Option<&str>,
    list: impl FnOnce(ListParams<F>) -> Paginator<T>,
) -> Result<Items>
where
    F: DeserializeOwned,
    T: HasId + Serialize + Send + Unpin + 'static,
{
    let params: PageArgs<F> = arguments(args)?;
    Ok(list(params.into())
        .map(|item| item.and_then(|i| encode(&i)))
        .boxed())
}
