//! The native client behind `genesiscloud.Client` and `AsyncClient`.
//!
//! It holds the core client and the builder that made it (and, for a client
//! made by `with_options`, the overrides that derived it): in a child
//! process after `fork()` the inherited client (whose connections belong to
//! the parent) is set aside and an identical one is built from them.

use std::sync::Mutex;

use genesiscloud::{AuthScheme, ClientBuilder, ClientOverrides};
use pyo3::prelude::*;

use crate::error::{guard, invalid_argument, to_pyerr};
use crate::extract;
use crate::json::decode;
use crate::operations::{self, seconds};
use crate::pagination::NativePager;
use crate::progress::{self, Runner};
use crate::responses::ResponseLog;
use crate::runtime::{self, ForkGuard};
use crate::{future, logging};

/// A configured connection to the API, safe to share between threads.
#[pyclass(frozen, module = "genesiscloud._native", name = "Client")]
pub(crate) struct Client {
    builder: ClientBuilder,
    /// The overrides of each `with_options` from the built client to this
    /// one, oldest first.
    overrides: Vec<ClientOverrides>,
    base_url: String,
    auth_scheme: &'static str,
    core: Mutex<Option<ForkGuard<genesiscloud::Client>>>,
}

impl Client {
    /// The core client of this process, rebuilt after a fork.
    fn core(&self, py: Python<'_>) -> PyResult<genesiscloud::Client> {
        logging::refresh(py);
        let mut core = self.core.lock().unwrap_or_else(|e| e.into_inner());
        match core.as_ref() {
            None => Err(invalid_argument(py, "the client is closed")),
            Some(c) if c.is_current() => Ok((**c).clone()),
            Some(_) => {
                let rebuilt = self
                    .builder
                    .clone()
                    .build()
                    .and_then(|built| {
                        self.overrides
                            .iter()
                            .try_fold(built, |c, o| c.with_options(o.clone()))
                    })
                    .map_err(|e| to_pyerr(py, &e))?;
                *core = Some(ForkGuard::new(rebuilt.clone()));
                Ok(rebuilt)
            }
        }
    }
}

#[pymethods]
impl Client {
    /// Validates the settings and builds the client; unset token and base
    /// URL fall back to `GENESISCLOUD_TOKEN` and `GENESISCLOUD_ENDPOINT`.
    #[new]
    #[pyo3(signature = (
        *,
        token=None,
        base_url=None,
        auth_scheme=None,
        timeout=None,
        connect_timeout=None,
        deadline=None,
        max_retries=None,
        per_page=None,
        concurrency=None,
        max_requests_per_second=None,
        ca_bundle=None,
        proxy=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        token: Option<&Bound<'_, PyAny>>,
        base_url: Option<&Bound<'_, PyAny>>,
        auth_scheme: Option<&Bound<'_, PyAny>>,
        timeout: Option<&Bound<'_, PyAny>>,
        connect_timeout: Option<&Bound<'_, PyAny>>,
        deadline: Option<&Bound<'_, PyAny>>,
        max_retries: Option<&Bound<'_, PyAny>>,
        per_page: Option<&Bound<'_, PyAny>>,
        concurrency: Option<&Bound<'_, PyAny>>,
        max_requests_per_second: Option<&Bound<'_, PyAny>>,
        ca_bundle: Option<&Bound<'_, PyAny>>,
        proxy: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Client> {
        guard(|| {
            let fail = |e: genesiscloud::Error| to_pyerr(py, &e);
            let token = extract::text(py, token, "token")?;
            let base_url = extract::text(py, base_url, "base_url")?;
            let auth_scheme = extract::text(py, auth_scheme, "auth_scheme")?;
            let timeout = extract::number(py, timeout, "timeout")?;
            let connect_timeout = extract::number(py, connect_timeout, "connect_timeout")?;
            let deadline = extract::number(py, deadline, "deadline")?;
            let max_retries = extract::integer::<u32>(py, max_retries, "max_retries")?;
            let per_page = extract::integer::<u32>(py, per_page, "per_page")?;
            let concurrency = extract::integer::<usize>(py, concurrency, "concurrency")?;
            let max_requests_per_second =
                extract::number(py, max_requests_per_second, "max_requests_per_second")?;
            let ca_bundle = extract::text(py, ca_bundle, "ca_bundle")?;
            let proxy = extract::text(py, proxy, "proxy")?;
            let version = py.version_info();
            let mut builder = ClientBuilder::new().language(
                "python",
                &format!("{}.{}.{}", version.major, version.minor, version.patch),
            );
            if let Some(token) = token {
                builder = builder.token(token);
            }
            if let Some(url) = base_url {
                builder = builder.base_url(url);
            }
            if let Some(scheme) = auth_scheme {
                builder = builder.auth_scheme(AuthScheme::parse(&scheme).map_err(fail)?);
            }
            if let Some(t) = seconds(timeout, "timeout").map_err(fail)? {
                builder = builder.timeout(t);
            }
            if let Some(t) = seconds(connect_timeout, "connect_timeout").map_err(fail)? {
                builder = builder.connect_timeout(t);
            }
            if let Some(t) = seconds(deadline, "deadline").map_err(fail)? {
                builder = builder.deadline(t);
            }
            if let Some(n) = max_retries {
                builder = builder.max_retries(n);
            }
            if let Some(n) = per_page {
                builder = builder.per_page(n);
            }
            if let Some(n) = concurrency {
                builder = builder.concurrency(n);
            }
            if let Some(rate) = max_requests_per_second {
                builder = builder.max_requests_per_second(rate);
            }
            if let Some(path) = ca_bundle {
                builder = builder.ca_bundle(path);
            }
            if let Some(url) = proxy {
                builder = builder.proxy(url);
            }
            let core = builder.clone().build().map_err(fail)?;
            Ok(Client {
                builder,
                overrides: Vec::new(),
                base_url: core.base_url().to_owned(),
                auth_scheme: match core.auth_scheme() {
                    AuthScheme::Bearer => "bearer",
                    _ => "x-auth-token",
                },
                core: Mutex::new(Some(ForkGuard::new(core))),
            })
        })
    }

    /// A new client that overrides some settings of this one and shares its
    /// connection pool, token and every other setting; `None` keeps this
    /// client's value. This client is not changed. With `responses`, the
    /// raw answer of each successful request is recorded there.
    #[pyo3(signature = (
        *,
        timeout=None,
        deadline=None,
        max_retries=None,
        per_page=None,
        concurrency=None,
        headers=None,
        responses=None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn with_options(
        &self,
        py: Python<'_>,
        timeout: Option<&Bound<'_, PyAny>>,
        deadline: Option<&Bound<'_, PyAny>>,
        max_retries: Option<&Bound<'_, PyAny>>,
        per_page: Option<&Bound<'_, PyAny>>,
        concurrency: Option<&Bound<'_, PyAny>>,
        headers: Option<&Bound<'_, PyAny>>,
        responses: Option<PyRef<'_, ResponseLog>>,
    ) -> PyResult<Client> {
        guard(|| {
            let fail = |e: genesiscloud::Error| to_pyerr(py, &e);
            let timeout = extract::number(py, timeout, "timeout")?;
            let deadline = extract::number(py, deadline, "deadline")?;
            let max_retries = extract::integer::<u32>(py, max_retries, "max_retries")?;
            let per_page = extract::integer::<u32>(py, per_page, "per_page")?;
            let concurrency = extract::integer::<usize>(py, concurrency, "concurrency")?;
            let headers = extract::headers(py, headers, "headers")?;
            let mut overrides = ClientOverrides::new();
            if let Some(t) = seconds(timeout, "timeout").map_err(fail)? {
                overrides = overrides.timeout(t);
            }
            if let Some(t) = seconds(deadline, "deadline").map_err(fail)? {
                overrides = overrides.deadline(t);
            }
            if let Some(n) = max_retries {
                overrides = overrides.max_retries(n);
            }
            if let Some(n) = per_page {
                overrides = overrides.per_page(n);
            }
            if let Some(n) = concurrency {
                overrides = overrides.concurrency(n);
            }
            for (name, value) in headers {
                overrides = overrides.header(name, value);
            }
            if let Some(log) = responses {
                overrides = overrides.on_response(log.0.recorder());
            }
            let core = self
                .core(py)?
                .with_options(overrides.clone())
                .map_err(fail)?;
            let mut chain = self.overrides.clone();
            chain.push(overrides);
            Ok(Client {
                builder: self.builder.clone(),
                overrides: chain,
                base_url: self.base_url.clone(),
                auth_scheme: self.auth_scheme,
                core: Mutex::new(Some(ForkGuard::new(core))),
            })
        })
    }

    /// The base URL requests go to.
    #[getter]
    fn base_url(&self) -> &str {
        &self.base_url
    }

    /// How the token is sent: `"x-auth-token"` or `"bearer"`.
    #[getter]
    fn auth_scheme(&self) -> &'static str {
        self.auth_scheme
    }

    /// Whether `close()` was called.
    #[getter]
    fn closed(&self) -> bool {
        self.core
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_none()
    }

    /// Releases the connection pool; later calls fail.
    fn close(&self) {
        let taken = self.core.lock().unwrap_or_else(|e| e.into_inner()).take();
        drop(taken);
    }

    /// Runs operation `op` (`"instances.get"`, …) with the GIL released and
    /// returns its decoded JSON result; a wait tells `on_progress` of each
    /// poll.
    #[pyo3(signature = (op, id=None, args=None, on_progress=None))]
    fn call<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        id: Option<&Bound<'py, PyAny>>,
        args: Option<&Bound<'py, PyAny>>,
        on_progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let id = extract::text(py, id, "id")?.unwrap_or_default();
            let core = self.core(py)?;
            let pending = match on_progress.filter(|c| !c.is_none()) {
                None => operations::prepare(&core, op, id, args),
                Some(callback) => {
                    let watch = progress::watch(py, callback, Runner::Here)?;
                    operations::prepare_wait(&core, op, id, args, watch)
                }
            }
            .map_err(|e| to_pyerr(py, &e))?;
            let encoded = runtime::block_on_here(py, pending)?.map_err(|e| to_pyerr(py, &e))?;
            decode(py, encoded)
        })
    }

    /// Like `call`, as an asyncio future of the running loop, on which
    /// `on_progress` runs (an awaitable it returns is awaited there).
    #[pyo3(signature = (op, id=None, args=None, on_progress=None))]
    fn call_async<'py>(
        &self,
        py: Python<'py>,
        op: &str,
        id: Option<&Bound<'py, PyAny>>,
        args: Option<&Bound<'py, PyAny>>,
        on_progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let id = extract::text(py, id, "id")?.unwrap_or_default();
            let core = self.core(py)?;
            let pending = match on_progress.filter(|c| !c.is_none()) {
                None => operations::prepare(&core, op, id, args),
                Some(callback) => {
                    let event_loop = future::running_loop(py)?.unbind();
                    let watch = progress::watch(py, callback, Runner::OnLoop(event_loop))?;
                    operations::prepare_wait(&core, op, id, args, watch)
                }
            }
            .map_err(|e| to_pyerr(py, &e))?;
            future::spawn(py, pending, decode)
        })
    }

    /// Starts the lazy list `op` (`"images.list"`, …).
    #[pyo3(signature = (op, id=None, args=None))]
    fn paginate(
        &self,
        py: Python<'_>,
        op: &str,
        id: Option<&Bound<'_, PyAny>>,
        args: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<NativePager> {
        guard(|| {
            let id = extract::text(py, id, "id")?.unwrap_or_default();
            let core = self.core(py)?;
            let pager =
                operations::paginate(py, &core, op, id, args)?.map_err(|e| to_pyerr(py, &e))?;
            Ok(NativePager::new(pager))
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "Client(base_url={:?}, auth_scheme={:?})",
            self.base_url, self.auth_scheme
        )
    }
}
