//! The native client: built from the wrapper's options, it starts single
//! calls (Promises) and lists (paginators) by operation name.

use std::collections::HashMap;

use genesiscloud::binding_settings::{Overrides, Settings};
use genesiscloud::{AuthScheme, Client, ClientOverrides, ResponseInfo, ResponseLog, Result};
use napi::bindgen_prelude::{Promise, PromiseRaw};
use napi::threadsafe_function::ThreadsafeFunction;
use napi::{Env, Status};
use napi_derive::napi;

use crate::cancel::CancelHandle;
use crate::error::{guard, Outcome};
use crate::operations;
use crate::pagination::NativePaginator;
use crate::progress::{self, ProgressReport};
use crate::task;

/// The settings of `new Client(options)`, already checked for type by the
/// wrapper; `undefined` keeps the core's default (or environment variable).
#[napi(object)]
pub struct ClientOptions {
    /// The API token (default `GENESISCLOUD_TOKEN`).
    pub token: Option<String>,
    /// The base URL (default `GENESISCLOUD_ENDPOINT`, else the public API).
    pub base_url: Option<String>,
    /// `"x-auth-token"` (default) or `"bearer"`.
    pub auth_scheme: Option<String>,
    /// Per-attempt timeout in milliseconds.
    pub timeout_ms: Option<f64>,
    /// Connect timeout in milliseconds.
    pub connect_timeout_ms: Option<f64>,
    /// Bound on a whole call in milliseconds.
    pub deadline_ms: Option<f64>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// Page size of auto-pagination.
    pub per_page: Option<u32>,
    /// Pages fetched at once by auto-pagination.
    pub concurrency: Option<u32>,
    /// Client-side rate limit.
    pub max_requests_per_second: Option<f64>,
    /// A PEM file of CA certificates trusted besides the system's store.
    pub ca_bundle: Option<String>,
    /// The forward proxy, replacing the environment's.
    pub proxy: Option<String>,
    /// `process.version`, for the user agent.
    pub node_version: String,
}

/// A header of `client.withOptions({ headers })`.
#[napi(object)]
pub struct Header {
    /// Its name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// The settings of `client.withOptions(options)`, already checked for type
/// by the wrapper; `undefined` keeps the parent client's value.
#[napi(object)]
pub struct DerivedOptions {
    /// Per-attempt timeout in milliseconds.
    pub timeout_ms: Option<f64>,
    /// Bound on a whole call in milliseconds.
    pub deadline_ms: Option<f64>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// Page size of auto-pagination.
    pub per_page: Option<u32>,
    /// Pages fetched at once by auto-pagination.
    pub concurrency: Option<u32>,
    /// Headers added to every request, in the order given.
    pub headers: Option<Vec<Header>>,
    /// Records the raw answer of each successful request, for
    /// `takeResponses()`.
    pub record_responses: Option<bool>,
}

fn overrides(o: DerivedOptions) -> Result<ClientOverrides> {
    Overrides {
        timeout_ms: o.timeout_ms,
        deadline_ms: o.deadline_ms,
        max_retries: o.max_retries,
        per_page: o.per_page,
        concurrency: o.concurrency,
        headers: o
            .headers
            .unwrap_or_default()
            .into_iter()
            .map(|h| (h.name, h.value))
            .collect(),
    }
    .into_overrides()
}

/// What `util.inspect` may show of a client: never the token.
#[napi(object)]
pub struct ClientDescription {
    /// The base URL requests go to.
    pub base_url: String,
    /// How the token is sent.
    pub auth_scheme: String,
}

/// The raw answer of one successful request.
#[napi(object)]
pub struct RawAnswer {
    /// The request's method.
    pub method: String,
    /// The request's URL path and query.
    pub path: String,
    /// The HTTP status.
    pub status: u32,
    /// Headers by lower-case name (the first of a repeated one), through
    /// the log allow-list.
    pub headers: HashMap<String, String>,
    /// The `x-request-id` of the answer.
    pub request_id: Option<String>,
    /// Attempts it took.
    pub attempts: u32,
    /// Milliseconds from the first attempt's start to this answer.
    pub elapsed_ms: f64,
}

impl From<&ResponseInfo> for RawAnswer {
    fn from(r: &ResponseInfo) -> RawAnswer {
        let mut headers = HashMap::new();
        for (name, value) in r.headers() {
            headers.entry(name.clone()).or_insert_with(|| value.clone());
        }
        RawAnswer {
            method: r.method().to_owned(),
            path: r.path().to_owned(),
            status: u32::from(r.status()),
            headers,
            request_id: r.request_id().map(str::to_owned),
            attempts: r.attempts(),
            elapsed_ms: r.elapsed().as_secs_f64() * 1000.0,
        }
    }
}

/// A core client.
#[napi]
pub struct NativeClient {
    inner: Client,
    /// Where the raw answers go, for a client derived with
    /// `recordResponses`.
    responses: Option<ResponseLog>,
}

/// Builds a client, or reports why the options are refused.
#[napi(catch_unwind, ts_return_type = "NativeClient | NativeError")]
pub fn create_client(options: ClientOptions) -> Outcome<NativeClient> {
    guard(|| {
        genesiscloud::stderr_log::init_from_env();
        build(options).map(|inner| NativeClient {
            inner,
            responses: None,
        })
    })
}

fn build(o: ClientOptions) -> Result<Client> {
    let version = o.node_version.trim_start_matches('v');
    Settings {
        token: o.token,
        base_url: o.base_url,
        auth_scheme: o.auth_scheme,
        timeout_ms: o.timeout_ms,
        connect_timeout_ms: o.connect_timeout_ms,
        deadline_ms: o.deadline_ms,
        max_retries: o.max_retries,
        per_page: o.per_page,
        concurrency: o.concurrency,
        max_requests_per_second: o.max_requests_per_second,
        ca_bundle: o.ca_bundle,
        proxy: o.proxy,
    }
    .apply(Client::builder().language("node", version))?
    .build()
}

#[napi]
impl NativeClient {
    /// Starts operation `op` (the SDK contract's snake_case name, `instances.get`) on
    /// `id` (empty when the operation takes none) with JSON `args`; resolves
    /// with the result's JSON text or the failure. A wait tells
    /// `onProgress` of each poll (see `progress.rs`).
    #[napi(catch_unwind, ts_return_type = "Promise<string | NativeError>")]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        op: String,
        id: String,
        args: Option<String>,
        cancel: Option<&CancelHandle>,
        on_progress: Option<
            ThreadsafeFunction<ProgressReport, Promise<bool>, ProgressReport, Status, false, true>,
        >,
    ) -> napi::Result<PromiseRaw<'env, Outcome<String>>> {
        let prepared = match on_progress {
            None => operations::prepare(&self.inner, &op, id, args.as_deref()),
            Some(f) => {
                operations::prepare_wait(&self.inner, &op, id, args.as_deref(), progress::watch(f))
            }
        };
        let cancel = cancel.map(CancelHandle::token);
        task::spawn(env, async move { prepared?.await }, cancel)
    }

    /// Starts the list `op` (`images.list`, `instances.list_snapshots`):
    /// its first page is requested at once (the wrapper calls this on the
    /// iterator's first `next()`).
    #[napi(catch_unwind)]
    pub fn list(&self, op: String, id: String, args: Option<String>) -> NativePaginator {
        NativePaginator::start(operations::paginate(&self.inner, &op, id, args.as_deref()))
    }

    /// A client sharing this one's connection pool and token, with the
    /// settings of `options` overridden; or why they are refused.
    #[napi(catch_unwind, ts_return_type = "NativeClient | NativeError")]
    pub fn with_options(&self, options: DerivedOptions) -> Outcome<NativeClient> {
        guard(|| {
            let responses = options
                .record_responses
                .unwrap_or(false)
                .then(ResponseLog::new);
            let mut settings = overrides(options)?;
            if let Some(log) = &responses {
                settings = settings.on_response(log.recorder());
            }
            let inner = self.inner.with_options(settings)?;
            Ok(NativeClient { inner, responses })
        })
    }

    /// The raw answers recorded since the last call, oldest first (none
    /// unless derived with `recordResponses`).
    #[napi(catch_unwind)]
    pub fn take_responses(&self) -> Vec<RawAnswer> {
        let Some(log) = &self.responses else {
            return Vec::new();
        };
        log.take().iter().map(RawAnswer::from).collect()
    }

    /// The base URL and auth scheme, for `util.inspect` and `toJSON`.
    #[napi(catch_unwind)]
    pub fn describe(&self) -> ClientDescription {
        ClientDescription {
            base_url: self.inner.base_url().to_owned(),
            auth_scheme: match self.inner.auth_scheme() {
                AuthScheme::Bearer => "bearer",
                _ => "x-auth-token",
            }
            .to_owned(),
        }
    }
}
