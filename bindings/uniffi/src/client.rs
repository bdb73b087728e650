//! The native client: built from the Kotlin `ClientOptions`, it runs single
//! calls (suspending functions) and starts lists (pagers) by operation name.

use std::collections::HashMap;
use std::sync::Arc;

use genesiscloud::binding_settings::{Overrides, Settings};
use genesiscloud::operations;
use genesiscloud::{AuthScheme, Client, ClientOverrides, ResponseInfo, Result};

use crate::error::Outcome;
use crate::pager::NativePager;
use crate::progress::{self, ProgressListener};
use crate::runtime;

/// The settings of `Client(...)`; `null` keeps the core's default (or
/// environment variable).
#[derive(uniffi::Record)]
pub struct ClientSettings {
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
    /// The JVM's version (`java.version`), for the user agent.
    pub runtime_version: String,
}

/// The settings of `client.withOptions(...)`; `null` keeps the parent
/// client's value.
#[derive(uniffi::Record)]
pub struct DerivedSettings {
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
    pub headers: Vec<Header>,
    /// Told the raw answer of each successful request.
    pub on_response: Option<Arc<dyn ResponseListener>>,
}

/// A header of `withOptions(headers = ...)`.
#[derive(uniffi::Record)]
pub struct Header {
    /// Its name.
    pub name: String,
    /// Its value.
    pub value: String,
}

/// The raw answer of one successful request.
#[derive(uniffi::Record)]
pub struct RawAnswer {
    /// The request's method.
    pub method: String,
    /// The request's URL path and query.
    pub path: String,
    /// The HTTP status.
    pub status: u16,
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
            status: r.status(),
            headers,
            request_id: r.request_id().map(str::to_owned),
            attempts: r.attempts(),
            elapsed_ms: r.elapsed().as_secs_f64() * 1000.0,
        }
    }
}

/// Told the raw answer of each successful request of a derived client, on
/// the library's I/O thread that received it.
#[uniffi::export(with_foreign)]
pub trait ResponseListener: Send + Sync {
    /// One answer.
    fn on_response(&self, answer: RawAnswer);
}

/// A core client.
#[derive(uniffi::Object)]
pub struct NativeClient {
    inner: Client,
}

fn build(o: ClientSettings) -> Result<Client> {
    let builder = Settings {
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
    .apply(Client::builder().language("kotlin", &o.runtime_version))?;
    // The connection pool registers with the runtime it is built in.
    let _entered = runtime::runtime().enter();
    builder.build()
}

fn overrides(o: DerivedSettings) -> Result<ClientOverrides> {
    let mut out = Overrides {
        timeout_ms: o.timeout_ms,
        deadline_ms: o.deadline_ms,
        max_retries: o.max_retries,
        per_page: o.per_page,
        concurrency: o.concurrency,
        headers: o.headers.into_iter().map(|h| (h.name, h.value)).collect(),
    }
    .into_overrides()?;
    if let Some(listener) = o.on_response {
        out = out.on_response(move |r: &ResponseInfo| listener.on_response(RawAnswer::from(r)));
    }
    Ok(out)
}

#[uniffi::export]
impl NativeClient {
    /// Builds a client, or reports why the settings are refused.
    #[uniffi::constructor]
    pub fn new(settings: ClientSettings) -> Outcome<Arc<NativeClient>> {
        genesiscloud::stderr_log::init_from_env();
        Ok(Arc::new(NativeClient {
            inner: build(settings)?,
        }))
    }

    /// Runs operation `op` (the SDK contract's snake_case name,
    /// `instances.get`) on `id` (empty when the operation takes none) with
    /// JSON `args`; returns the result's JSON text. A wait tells `progress`
    /// of each poll.
    pub async fn call(
        &self,
        op: String,
        id: String,
        args: Option<String>,
        progress: Option<Arc<dyn ProgressListener>>,
    ) -> Outcome<String> {
        let prepared = match progress {
            None => operations::prepare(&self.inner, &op, id, args.as_deref())?,
            Some(listener) => operations::prepare_wait(
                &self.inner,
                &op,
                id,
                args.as_deref(),
                progress::watch(listener),
            )?,
        };
        Ok(runtime::spawn(prepared).join().await?)
    }

    /// Starts the list `op` (`images.list`, `instances.list_snapshots`):
    /// its first pages are requested at once.
    pub fn list(&self, op: String, id: String, args: Option<String>) -> Arc<NativePager> {
        let items = operations::paginate_json(&self.inner, &op, id, args.as_deref());
        Arc::new(NativePager::start(items))
    }

    /// A client sharing this one's connection pool and token, with the
    /// settings of `settings` overridden; or why they are refused.
    pub fn with_options(&self, settings: DerivedSettings) -> Outcome<Arc<NativeClient>> {
        let inner = self.inner.with_options(overrides(settings)?)?;
        Ok(Arc::new(NativeClient { inner }))
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    /// How the token is sent: `x-auth-token` or `bearer`.
    pub fn auth_scheme(&self) -> String {
        match self.inner.auth_scheme() {
            AuthScheme::Bearer => "bearer",
            _ => "x-auth-token",
        }
        .to_owned()
    }
}
