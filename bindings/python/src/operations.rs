//! The core's operation table (`genesiscloud::operations`) fed with
//! keyword arguments from Python.
//!
//! Each operation becomes a `'static` future of its JSON-encoded result,
//! which the blocking client runs in place and the asyncio client spawns;
//! each list becomes a pager whose task drives the typed paginator.

use futures::future::BoxFuture;
use futures::TryFutureExt;
use genesiscloud::operations::{self, Arguments, Lister};
use genesiscloud::{Client, Listed, Paginator, Result, WaitOptions};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;

use crate::json::{arguments, Encoded};
use crate::pagination::PagerCore;

pub(crate) use genesiscloud::operations::seconds;

/// An operation ready to run, yielding its result as JSON.
pub(crate) type Pending = BoxFuture<'static, Result<Encoded>>;

/// Keyword arguments: a dict, or `None` for none.
struct Kwargs<'a, 'py>(Option<&'a Bound<'py, PyAny>>);

impl Arguments for Kwargs<'_, '_> {
    fn read<T: DeserializeOwned>(self) -> Result<T> {
        arguments(self.0)
    }
}

/// Prepares the single-answer operation `op` (everything but `list`).
pub(crate) fn prepare(
    client: &Client,
    op: &str,
    id: String,
    args: Option<&Bound<'_, PyAny>>,
) -> Result<Pending> {
    let pending = operations::prepare(client, op, id, Kwargs(args))?;
    Ok(Box::pin(pending.map_ok(String::into_bytes)))
}

/// Prepares `<group>.wait_until` like [`prepare`], `watch` adding the
/// progress callback.
pub(crate) fn prepare_wait(
    client: &Client,
    op: &str,
    id: String,
    args: Option<&Bound<'_, PyAny>>,
    watch: impl FnOnce(WaitOptions) -> WaitOptions,
) -> Result<Pending> {
    let pending = operations::prepare_wait(client, op, id, Kwargs(args), watch)?;
    Ok(Box::pin(pending.map_ok(String::into_bytes)))
}

/// Hands a list's paginator to a new pager.
struct StartPager<'py>(Python<'py>);

impl Lister for StartPager<'_> {
    type Output = PyResult<PagerCore>;

    fn list<T: Listed>(self, items: Paginator<T>) -> PyResult<PagerCore> {
        PagerCore::start(self.0, items)
    }
}

/// Starts the auto-paginating list `op` (`<group>.list` or
/// `instances.list_snapshots`).
pub(crate) fn paginate(
    py: Python<'_>,
    client: &Client,
    op: &str,
    id: String,
    args: Option<&Bound<'_, PyAny>>,
) -> PyResult<Result<PagerCore>> {
    match operations::paginate(client, op, id, Kwargs(args), StartPager(py)) {
        Ok(pager) => pager.map(Ok),
        Err(e) => Ok(Err(e)),
    }
}
