//! The Rust conformance runner's calls, made through the core's typed API
//! (`client.instances().get(id)`), not through the JSON operation table
//! the bindings share (`genesiscloud::operations`), so that a mistake in
//! that table cannot pass in every language at once.
//!
//! Arguments are read into the typed requests with the core's argument
//! reader (`Arguments`), so a bad argument gets the words every language
//! gives it; results are written back as JSON for the scenario's checks.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::TryStreamExt;
use genesiscloud::operations::Arguments;
use genesiscloud::{
    Client, Error, InstanceAction, ListParams, Listed, Managed, Region, ResourceGroup, Result,
    Stateful, WaitOptions, WaitProgress,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Paging and filters of `list` and `list_page`.
#[derive(Deserialize)]
#[serde(bound = "F: DeserializeOwned")]
struct Paging<F> {
    #[serde(default)]
    page: Option<u32>,
    #[serde(default)]
    per_page: Option<u32>,
    #[serde(flatten)]
    filter: F,
}

fn paging<F: DeserializeOwned>(args: &Value) -> Result<ListParams<F>> {
    let p: Paging<F> = args.clone().read()?;
    Ok(ListParams {
        page: p.page,
        per_page: p.per_page,
        filter: p.filter,
    })
}

/// `wait_until`'s arguments, in the scenarios' milliseconds.
#[derive(Deserialize)]
struct Wait {
    status: String,
    timeout_ms: Option<u64>,
    interval_ms: Option<u64>,
    max_interval_ms: Option<u64>,
}

impl Wait {
    fn options(&self) -> WaitOptions {
        let d = WaitOptions::default();
        let ms = |v: Option<u64>, default: Duration| v.map_or(default, Duration::from_millis);
        WaitOptions::default()
            .timeout(ms(self.timeout_ms, d.timeout))
            .intervals(
                ms(self.interval_ms, d.initial_interval),
                ms(self.max_interval_ms, d.max_interval),
            )
    }
}

/// A step's `progress`: records what the wait's callback is given, and
/// stops the wait at poll `stop_at_poll` with an error of the runner's own.
#[derive(Clone, Default)]
pub struct Recorder {
    /// Every call of the callback, in order.
    pub seen: Arc<Mutex<Vec<WaitProgress>>>,
    /// The poll whose callback stops the wait.
    pub stop_at_poll: Option<u32>,
}

/// What the runner's callback stops a wait with; the wait must end with it.
#[derive(Debug)]
pub struct StopWaiting;

impl std::fmt::Display for StopWaiting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stopped by the conformance runner")
    }
}

impl std::error::Error for StopWaiting {}

impl Recorder {
    fn watch(&self, options: WaitOptions) -> WaitOptions {
        let recorder = self.clone();
        options.on_progress(move |seen| {
            recorder.seen.lock().unwrap().push(seen.clone());
            match recorder.stop_at_poll {
                Some(n) if seen.polls >= n => Err(Error::stopped(StopWaiting)),
                _ => Ok(()),
            }
        })
    }
}

#[derive(Deserialize)]
struct Action {
    action: InstanceAction,
}

#[derive(Deserialize)]
struct Availability {
    region: Region,
    placement: Option<String>,
}

fn to_json<T: Serialize>(value: T) -> Value {
    serde_json::to_value(value).expect("typed results encode as JSON")
}

async fn listed<R: Listed>(
    g: &ResourceGroup<R>,
    verb: &str,
    args: &Value,
) -> Result<Option<Value>> {
    Ok(Some(match verb {
        "list_page" => to_json(g.list_page(paging(args)?).await?),
        "list" => to_json(g.list(paging(args)?).try_collect::<Vec<R>>().await?),
        _ => return Ok(None),
    }))
}

async fn managed<R: Managed>(
    g: &ResourceGroup<R>,
    verb: &str,
    id: &str,
    args: &Value,
) -> Result<Option<Value>> {
    if let Some(v) = listed(g, verb, args).await? {
        return Ok(Some(v));
    }
    Ok(Some(match verb {
        "get" => to_json(g.get(id).await?),
        "create" => to_json(g.create(&args.clone().read::<R::Create>()?).await?),
        "update" => to_json(g.update(id, &args.clone().read::<R::Update>()?).await?),
        "delete" => to_json(g.delete(id).await?),
        _ => return Ok(None),
    }))
}

async fn stateful<R: Stateful>(
    g: &ResourceGroup<R>,
    verb: &str,
    id: &str,
    args: &Value,
    progress: Option<&Recorder>,
) -> Result<Option<Value>> {
    if verb != "wait_until" {
        return managed(g, verb, id, args).await;
    }
    let w: Wait = args.clone().read()?;
    let options = match progress {
        Some(recorder) => recorder.watch(w.options()),
        None => w.options(),
    };
    Ok(Some(to_json(g.wait_until(id, &w.status, options).await?)))
}

async fn account(client: &Client, verb: &str, args: &Value) -> Result<Option<Value>> {
    Ok(Some(match verb {
        "quotas" => to_json(client.quotas().await?),
        "reservations" => to_json(client.reservations().await?),
        "availability" => {
            let a: Availability = args.clone().read()?;
            to_json(
                client
                    .availability(&a.region, a.placement.as_deref())
                    .await?,
            )
        }
        _ => return Ok(None),
    }))
}

async fn instance_only(
    client: &Client,
    verb: &str,
    id: &str,
    args: &Value,
) -> Result<Option<Value>> {
    let instances = client.instances();
    Ok(Some(match verb {
        "actions" => to_json(instances.actions(id).await?),
        "perform_action" => {
            let a: Action = args.clone().read()?;
            to_json(instances.perform_action(id, a.action).await?)
        }
        "list_snapshots_page" => to_json(instances.list_snapshots_page(id, paging(args)?).await?),
        "list_snapshots" => to_json(
            instances
                .list_snapshots(id, paging(args)?)
                .try_collect::<Vec<_>>()
                .await?,
        ),
        "create_snapshot" => to_json(instances.create_snapshot(id, &args.clone().read()?).await?),
        "user_metadata" => to_json(instances.user_metadata(id).await?),
        _ => return Ok(None),
    }))
}

/// Makes `call` (`<group>.<verb>`) on `id` with `args` through the typed
/// API, a wait reporting its progress to `progress`; an unknown call is an
/// `invalid_argument` error, as in the table.
pub async fn call(
    client: &Client,
    call: &str,
    id: &str,
    args: &Value,
    progress: Option<&Recorder>,
) -> Result<Value> {
    let (group, verb) = call.split_once('.').unwrap_or((call, ""));
    let answer = match group {
        "client" => account(client, verb, args).await?,
        "images" => listed(&client.images(), verb, args).await?,
        "instances" => match instance_only(client, verb, id, args).await? {
            Some(v) => Some(v),
            None => stateful(&client.instances(), verb, id, args, progress).await?,
        },
        "snapshots" if verb == "clone" => Some(to_json(
            client.snapshots().clone(id, &args.clone().read()?).await?,
        )),
        "snapshots" => stateful(&client.snapshots(), verb, id, args, progress).await?,
        "volumes" => stateful(&client.volumes(), verb, id, args, progress).await?,
        "filesystems" => stateful(&client.filesystems(), verb, id, args, progress).await?,
        "security_groups" => stateful(&client.security_groups(), verb, id, args, progress).await?,
        "floating_ips" => stateful(&client.floating_ips(), verb, id, args, progress).await?,
        "ssh_keys" => managed(&client.ssh_keys(), verb, id, args).await?,
        _ => None,
    };
    answer.ok_or_else(|| Error::invalid_argument(format!("unknown operation {call:?}")))
}
