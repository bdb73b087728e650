//! Every operation of the API by its SDK contract name (`instances.create`), with
//! arguments read from JSON-shaped data and the result written as JSON text.
//!
//! This is the one routing table behind the Python and Node packages and the
//! conformance runner: a binding hands over the name, the id and the
//! arguments as they arrived (a Python dict, JSON text from JavaScript, a
//! [`serde_json::Value`]) and gets back a `'static` future of the result as
//! the API's own JSON. Arguments are read into the core's request types with
//! serde, so a missing or mistyped field is an `invalid_argument` error
//! naming it, raised before anything is sent.
//!
//! Names are `<group>.<verb>` in snake_case: `client.quotas`,
//! `client.reservations`, `client.availability`; `<group>.list_page`,
//! `get`, `create`, `update`, `delete` and `wait_until` for the resource
//! groups (images only list, SSH keys do not wait); `instances.actions`,
//! `perform_action`, `list_snapshots_page`, `create_snapshot`,
//! `user_metadata`; `snapshots.clone`. The lazy lists (`<group>.list`,
//! `instances.list_snapshots`) go through [`paginate`], since each binding
//! drives the paginator its own way.
//!
//! ```no_run
//! use genesiscloud::{operations, Client};
//! use serde_json::json;
//!
//! # async fn demo() -> genesiscloud::Result<()> {
//! let client = Client::from_env()?;
//! let stop = json!({"action": "stop"});
//! let answer = operations::prepare(&client, "instances.perform_action", "my-id", stop)?.await?;
//! assert_eq!(answer, "null");
//! let args = json!({"status": "stopped", "timeout": 600});
//! let stopped = operations::prepare(&client, "instances.wait_until", "my-id", args)?.await?;
//! println!("{stopped}");
//! # Ok(()) }
//! ```

use std::future::Future;
use std::time::Duration;

use futures::future::{BoxFuture, FutureExt};
use futures::stream::{BoxStream, StreamExt};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::Client;
use crate::error::{Error, ErrorKind, Result};
use crate::models::{InstanceAction, Region};
use crate::pagination::{ListParams, Paginator};
use crate::resources::{Listed, Managed, ResourceGroup, Stateful};
use crate::wait::WaitOptions;

/// A single-answer operation with its arguments read and checked; nothing
/// is sent until it is polled. It yields the result as JSON text (`null`
/// for the operations that answer nothing).
pub type Pending = BoxFuture<'static, Result<String>>;

/// The items of a lazy list, each as JSON text.
pub type Items = BoxStream<'static, Result<String>>;

/// Where an operation's arguments come from.
///
/// Implemented for [`serde_json::Value`], for JSON text (`&str`), and for
/// `Option` of either, where `None` means no arguments (`{}`). A binding
/// implements it for its own objects (a Python dict through `pythonize`).
pub trait Arguments {
    /// Reads the arguments into `T`; a mismatch is an `invalid_argument`
    /// error naming the field.
    fn read<T: DeserializeOwned>(self) -> Result<T>;
}

/// How deeply an argument may nest lists and objects. The API's bodies
/// nest a few levels; the bound keeps an absurdly deep value from
/// exhausting the stack on its way to JSON, and every language refuses at
/// the same depth with the same words (see [`too_deep`]).
pub const MAX_DEPTH: usize = 64;

impl Arguments for Value {
    fn read<T: DeserializeOwned>(self) -> Result<T> {
        if let Value::Object(fields) = &self {
            for (name, value) in fields {
                if depth(value, MAX_DEPTH + 1) > MAX_DEPTH {
                    return Err(too_deep(name));
                }
            }
        }
        serde_path_to_error::deserialize(self).map_err(invalid_arguments)
    }
}

/// Arguments as JSON text (from JavaScript and C): checked for depth before
/// they are parsed, then read like a [`Value`], so that a mistake gets the
/// same words as in a language that hands over its own objects, with no
/// parser position.
impl Arguments for &str {
    fn read<T: DeserializeOwned>(self) -> Result<T> {
        if let Some(field) = nested_too_deep(self) {
            return Err(too_deep(&field));
        }
        let value: Value = serde_json::from_str(self).map_err(|e| {
            Error::invalid_argument(format!("invalid arguments: not valid JSON: {e}"))
        })?;
        value.read()
    }
}

/// The `invalid_argument` error of the argument `name` whose value nests
/// lists or objects more than [`MAX_DEPTH`] levels deep; bindings that must
/// refuse such a value before handing it over use it too.
pub fn too_deep(name: &str) -> Error {
    argument_error(
        name,
        format!("nests lists or objects more than {MAX_DEPTH} levels deep"),
    )
}

/// How many levels of lists and objects `value` nests, counted up to
/// `limit` (so the walk stays shallow whatever the value).
fn depth(value: &Value, limit: usize) -> usize {
    if limit == 0 {
        return 0;
    }
    let inner = match value {
        Value::Array(items) => items.iter().map(|v| depth(v, limit - 1)).max(),
        Value::Object(fields) => fields.values().map(|v| depth(v, limit - 1)).max(),
        _ => return 0,
    };
    1 + inner.unwrap_or(0)
}

/// The top-level field of the JSON object `text` whose value nests more
/// than [`MAX_DEPTH`] levels, found by a scan of the brackets (outside
/// strings) that needs no stack, so that no depth can overflow the parser.
/// `None` when nothing is too deep, or when `text` is not an object (the
/// parser then says what is wrong).
fn nested_too_deep(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let (mut level, mut i) = (0usize, 0usize);
    let mut key: Option<(usize, usize)> = None;
    let mut expect_key = false;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if level == 1 && expect_key {
                    key = Some((start, i.min(bytes.len())));
                    expect_key = false;
                }
            }
            b'{' | b'[' => {
                level += 1;
                if level == 1 {
                    expect_key = bytes[i] == b'{';
                } else if level > MAX_DEPTH + 1 {
                    let name = key.map_or("?", |(a, b)| &text[a..b]);
                    return Some(name.to_owned());
                }
            }
            b'}' | b']' => level = level.saturating_sub(1),
            b',' if level == 1 => expect_key = true,
            _ => {}
        }
        i += 1;
    }
    None
}

impl<A: Arguments> Arguments for Option<A> {
    fn read<T: DeserializeOwned>(self) -> Result<T> {
        match self {
            Some(args) => args.read(),
            None => Value::Object(serde_json::Map::new()).read(),
        }
    }
}

fn invalid_arguments(e: serde_path_to_error::Error<serde_json::Error>) -> Error {
    argument_error(&e.path().to_string(), e.inner())
}

/// The `invalid_argument` error of an argument that could not be read:
/// `path` names it the way `serde_path_to_error` prints paths (`name`,
/// `volumes[1]`), and `.` or `?` when it is not known.
///
/// For a binding that reads its own objects with `serde_path_to_error`
/// before [`Arguments::read`], so that both steps word their errors alike.
pub fn argument_error(path: &str, cause: impl std::fmt::Display) -> Error {
    if path == "." || path == "?" {
        Error::invalid_argument(format!("invalid arguments: {cause}"))
    } else {
        Error::invalid_argument(format!("invalid argument `{path}`: {cause}"))
    }
}

/// Receives the paginator of a lazy list, whichever resource it lists (see
/// [`paginate`]).
pub trait Lister {
    /// What the lister makes of the paginator.
    type Output;

    /// Takes the paginator; nothing has been sent yet.
    fn list<T: Listed>(self, items: Paginator<T>) -> Self::Output;
}

/// A number of seconds (from Python) as a duration; `what` names the
/// setting in the `invalid_argument` error a negative, infinite or NaN
/// value gets.
pub fn seconds(value: Option<f64>, what: &str) -> Result<Option<Duration>> {
    value
        .map(|s| {
            Duration::try_from_secs_f64(s).map_err(|_| {
                Error::invalid_argument(format!(
                    "{what} must be a non-negative number of seconds, not {s}"
                ))
            })
        })
        .transpose()
}

/// A number of milliseconds (from JavaScript or C) as a duration; `what`
/// names the setting in the `invalid_argument` error a negative, infinite
/// or NaN value gets.
pub fn millis(value: Option<f64>, what: &str) -> Result<Option<Duration>> {
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

/// Arguments of `wait_until`. Each duration comes in seconds (`timeout`,
/// Python's spelling) or in milliseconds (`timeout_ms`, JavaScript's and
/// the conformance scenarios'), so every binding passes its own unit on.
#[derive(Deserialize)]
struct WaitArgs {
    status: String,
    #[serde(default)]
    timeout: Option<f64>,
    #[serde(default)]
    timeout_ms: Option<f64>,
    #[serde(default)]
    interval: Option<f64>,
    #[serde(default)]
    interval_ms: Option<f64>,
    #[serde(default)]
    max_interval: Option<f64>,
    #[serde(default)]
    max_interval_ms: Option<f64>,
}

impl WaitArgs {
    fn options(&self) -> Result<WaitOptions> {
        let defaults = WaitOptions::default();
        let timeout = duration(self.timeout, self.timeout_ms, "timeout")?;
        let initial = duration(self.interval, self.interval_ms, "interval")?;
        let max = duration(self.max_interval, self.max_interval_ms, "max_interval")?;
        Ok(WaitOptions::default()
            .timeout(timeout.unwrap_or(defaults.timeout))
            .intervals(
                initial.unwrap_or(defaults.initial_interval),
                max.unwrap_or(defaults.max_interval),
            ))
    }
}

/// The duration `name` given in seconds or as `<name>_ms`, not both.
fn duration(secs: Option<f64>, ms: Option<f64>, name: &str) -> Result<Option<Duration>> {
    match (secs, ms) {
        (Some(_), Some(_)) => Err(Error::invalid_argument(format!(
            "give {name} (seconds) or {name}_ms (milliseconds), not both"
        ))),
        (Some(_), None) => seconds(secs, name),
        (None, _) => millis(ms, &format!("{name}_ms")),
    }
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

fn unknown(operation: &str) -> Error {
    Error::invalid_argument(format!("unknown operation {operation:?}"))
}

/// Encodes a core result as JSON text.
fn encode<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| {
        Error::new(
            ErrorKind::Decode,
            format!("could not re-encode the response: {e}"),
        )
    })
}

fn reply<T, F>(future: F) -> Pending
where
    T: Serialize,
    F: Future<Output = Result<T>> + Send + 'static,
{
    Box::pin(async move { encode(&future.await?) })
}

/// Prepares the single-answer operation `operation` on `id` (empty, or
/// ignored, for operations that take none) with `args`.
///
/// Fails with `invalid_argument` for an unknown name (the lazy lists
/// included: see [`paginate`]) and for arguments that do not fit; a bad id
/// fails when the future runs, before anything is sent.
pub fn prepare(
    client: &Client,
    operation: &str,
    id: impl Into<String>,
    args: impl Arguments,
) -> Result<Pending> {
    let id = id.into();
    let (group, verb) = operation
        .split_once('.')
        .ok_or_else(|| unknown(operation))?;
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
            let a: AvailabilityArgs = args.read()?;
            let client = client.clone();
            Ok(reply(async move {
                client.availability(&a.region, a.placement.as_deref()).await
            }))
        }
        ("images", "list_page") => {
            let params: PageArgs<_> = args.read()?;
            let images = client.images();
            Ok(reply(async move { images.list_page(params.into()).await }))
        }
        ("instances", "actions") => {
            let instances = client.instances();
            Ok(reply(async move { instances.actions(&id).await }))
        }
        ("instances", "perform_action") => {
            let a: ActionArgs = args.read()?;
            let instances = client.instances();
            Ok(reply(async move {
                instances.perform_action(&id, a.action).await
            }))
        }
        ("instances", "list_snapshots_page") => {
            let params: PageArgs<_> = args.read()?;
            let instances = client.instances();
            Ok(reply(async move {
                instances.list_snapshots_page(&id, params.into()).await
            }))
        }
        ("instances", "create_snapshot") => {
            let body = args.read()?;
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
            let body = args.read()?;
            let snapshots = client.snapshots();
            Ok(reply(async move { snapshots.clone(&id, &body).await }))
        }
        ("instances", verb) => stateful(client.instances(), operation, verb, id, args),
        ("snapshots", verb) => stateful(client.snapshots(), operation, verb, id, args),
        ("volumes", verb) => stateful(client.volumes(), operation, verb, id, args),
        ("filesystems", verb) => stateful(client.filesystems(), operation, verb, id, args),
        ("security_groups", verb) => stateful(client.security_groups(), operation, verb, id, args),
        ("floating_ips", verb) => stateful(client.floating_ips(), operation, verb, id, args),
        ("ssh_keys", verb) => managed(client.ssh_keys(), operation, verb, id, args),
        // A panic on demand, so that each binding's tests can see one come
        // back as `internal` with the host process alive. Debug builds
        // only: no release artifact can be made to panic on purpose.
        #[cfg(debug_assertions)]
        ("__test", "panic") => Ok(Box::pin(async { panic!("forced by the test hook") })),
        _ => Err(unknown(operation)),
    }
}

fn stateful<R: Stateful>(
    group: ResourceGroup<R>,
    operation: &str,
    verb: &str,
    id: String,
    args: impl Arguments,
) -> Result<Pending> {
    if verb != "wait_until" {
        return managed(group, operation, verb, id, args);
    }
    wait(group, id, args, |options| options)
}

/// Prepares `<group>.wait_until` like [`prepare`], handing the options read
/// from `args` to `watch`, which adds what JSON cannot carry: a binding's
/// progress callback ([`WaitOptions::on_progress_async`]).
pub fn prepare_wait(
    client: &Client,
    operation: &str,
    id: impl Into<String>,
    args: impl Arguments,
    watch: impl FnOnce(WaitOptions) -> WaitOptions,
) -> Result<Pending> {
    let id = id.into();
    match operation {
        "instances.wait_until" => wait(client.instances(), id, args, watch),
        "snapshots.wait_until" => wait(client.snapshots(), id, args, watch),
        "volumes.wait_until" => wait(client.volumes(), id, args, watch),
        "filesystems.wait_until" => wait(client.filesystems(), id, args, watch),
        "security_groups.wait_until" => wait(client.security_groups(), id, args, watch),
        "floating_ips.wait_until" => wait(client.floating_ips(), id, args, watch),
        _ => Err(unknown(operation)),
    }
}

fn wait<R: Stateful>(
    group: ResourceGroup<R>,
    id: String,
    args: impl Arguments,
    watch: impl FnOnce(WaitOptions) -> WaitOptions,
) -> Result<Pending> {
    let a: WaitArgs = args.read()?;
    let options = watch(a.options()?);
    Ok(reply(async move {
        group.wait_until(&id, &a.status, options).await
    }))
}

fn managed<R: Managed>(
    group: ResourceGroup<R>,
    operation: &str,
    verb: &str,
    id: String,
    args: impl Arguments,
) -> Result<Pending> {
    match verb {
        "list_page" => {
            let params: PageArgs<R::Filter> = args.read()?;
            Ok(reply(async move { group.list_page(params.into()).await }))
        }
        "get" => Ok(reply(async move { group.get(&id).await })),
        "create" => {
            let body: R::Create = args.read()?;
            Ok(reply(async move { group.create(&body).await }))
        }
        "update" => {
            let body: R::Update = args.read()?;
            Ok(reply(async move { group.update(&id, &body).await }))
        }
        "delete" => Ok(reply(async move { group.delete(&id).await })),
        _ => Err(unknown(operation)),
    }
}

/// Starts the lazy list `operation` (`<group>.list`, or
/// `instances.list_snapshots` of instance `id`) with `args` (`page`,
/// `per_page` and the resource's filters) and hands its paginator to
/// `lister`. Nothing is sent until the paginator is polled.
pub fn paginate<L: Lister>(
    client: &Client,
    operation: &str,
    id: impl AsRef<str>,
    args: impl Arguments,
    lister: L,
) -> Result<L::Output> {
    let (group, verb) = operation
        .split_once('.')
        .ok_or_else(|| unknown(operation))?;
    Ok(match (group, verb) {
        ("images", "list") => lister.list(client.images().list(page(args)?)),
        ("instances", "list") => lister.list(client.instances().list(page(args)?)),
        ("instances", "list_snapshots") => {
            lister.list(client.instances().list_snapshots(id.as_ref(), page(args)?))
        }
        ("snapshots", "list") => lister.list(client.snapshots().list(page(args)?)),
        ("volumes", "list") => lister.list(client.volumes().list(page(args)?)),
        ("filesystems", "list") => lister.list(client.filesystems().list(page(args)?)),
        ("security_groups", "list") => lister.list(client.security_groups().list(page(args)?)),
        ("ssh_keys", "list") => lister.list(client.ssh_keys().list(page(args)?)),
        ("floating_ips", "list") => lister.list(client.floating_ips().list(page(args)?)),
        _ => return Err(unknown(operation)),
    })
}

fn page<F: DeserializeOwned>(args: impl Arguments) -> Result<ListParams<F>> {
    args.read::<PageArgs<F>>().map(ListParams::from)
}

/// [`paginate`] with every item encoded as JSON text.
pub fn paginate_json(
    client: &Client,
    operation: &str,
    id: impl AsRef<str>,
    args: impl Arguments,
) -> Result<Items> {
    paginate(client, operation, id, args, EncodeEach)
}

/// Most items in one batch of [`batches`].
pub const BATCH_LIMIT: usize = 1000;

/// The items of a lazy list in batches, each one JSON array of every item
/// ready at that moment (at least one, at most [`BATCH_LIMIT`]), so that a
/// binding hands one batch across its boundary per page rather than one
/// item at a time. A failure comes after the items before it, and ends the
/// stream.
pub fn batches(items: Items) -> BoxStream<'static, Result<String>> {
    // The failure is held back for the next turn, once the items before it
    // were handed over; `None` as the stream ends it.
    let start = (Some(items.fuse()), None::<Error>);
    futures::stream::unfold(start, |(items, failure)| async move {
        let mut items = items?;
        if let Some(e) = failure {
            return Some((Err(e), (None, None)));
        }
        let mut batch = String::from("[");
        match items.next().await? {
            Ok(item) => batch.push_str(&item),
            Err(e) => return Some((Err(e), (None, None))),
        }
        let mut count = 1;
        let mut failure = None;
        while count < BATCH_LIMIT {
            match items.next().now_or_never() {
                Some(Some(Ok(item))) => {
                    batch.push(',');
                    batch.push_str(&item);
                    count += 1;
                }
                Some(Some(Err(e))) => {
                    failure = Some(e);
                    break;
                }
                Some(None) | None => break,
            }
        }
        batch.push(']');
        Some((Ok(batch), (Some(items), failure)))
    })
    .boxed()
}

/// The lister of [`paginate_json`].
struct EncodeEach;

impl Lister for EncodeEach {
    type Output = Items;

    fn list<T: Listed>(self, items: Paginator<T>) -> Items {
        items.map(|item| item.and_then(|i| encode(&i))).boxed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::CreateSshKey;

    fn nested(levels: usize) -> String {
        format!("{}{}", "[".repeat(levels), "]".repeat(levels))
    }

    fn message(e: Error) -> String {
        e.message().to_owned()
    }

    #[test]
    fn text_and_values_are_refused_alike_at_the_same_depth() {
        let ok = format!(
            r#"{{"name": "k", "value": "v", "x": {}}}"#,
            nested(MAX_DEPTH)
        );
        let deep = format!(
            r#"{{"name": "k", "value": "v", "x": {}}}"#,
            nested(MAX_DEPTH + 1)
        );
        assert!(ok.as_str().read::<CreateSshKey>().is_ok());
        let want = "invalid argument `x`: nests lists or objects more than 64 levels deep";
        let from_text = deep.as_str().read::<CreateSshKey>().unwrap_err();
        assert_eq!(from_text.kind(), ErrorKind::InvalidArgument);
        assert_eq!(message(from_text), want);
        let value: Value = serde_json::from_str(&deep).unwrap();
        assert_eq!(message(value.read::<CreateSshKey>().unwrap_err()), want);
        let value: Value = serde_json::from_str(&ok).unwrap();
        assert!(value.read::<CreateSshKey>().is_ok());
    }

    #[test]
    fn a_depth_no_parser_could_survive_is_refused_without_recursion() {
        let body = format!(r#"{{"name": "k", "extra": {}}}"#, nested(1_000_000));
        let e = body.as_str().read::<CreateSshKey>().unwrap_err();
        assert_eq!(
            message(e),
            "invalid argument `extra`: nests lists or objects more than 64 levels deep"
        );
        let e = nested(10_000).as_str().read::<CreateSshKey>().unwrap_err();
        assert_eq!(
            message(e),
            "invalid arguments: nests lists or objects more than 64 levels deep"
        );
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let name = format!(r#"a\"{}"#, "[".repeat(200));
        let body = format!(r#"{{"name": "{name}", "value": "v"}}"#);
        let key: CreateSshKey = body.as_str().read().unwrap();
        assert!(key.name.ends_with('['));
    }

    #[test]
    fn mistakes_read_the_same_from_text_and_from_values() {
        let text = r#"{"name": 5, "value": "v"}"#;
        let from_text = message(text.read::<CreateSshKey>().unwrap_err());
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            from_text,
            message(value.read::<CreateSshKey>().unwrap_err())
        );
        assert_eq!(
            from_text,
            "invalid argument `name`: invalid type: integer `5`, expected a string"
        );
        let missing = message(r#"{"name": "k"}"#.read::<CreateSshKey>().unwrap_err());
        assert_eq!(missing, "invalid arguments: missing field `value`");
    }
}
