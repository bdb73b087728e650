//! The client: options with the SDK contract's defaults, creation and release.

use std::ffi::{c_char, c_void};
use std::ptr;
use std::time::Duration;

use genesiscloud::{
    AuthScheme, Client, ClientOverrides, Error, Result, DEFAULT_CONCURRENCY,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RETRIES, DEFAULT_PER_PAGE, DEFAULT_TIMEOUT,
};

use crate::error::{gc_error, gc_status, GC_OK};
use crate::response::{gc_on_response, Observer};
use crate::{ffi, runtime};

/// How the token is sent: one of the GC_AUTH_* values.
pub type gc_auth_scheme = i32;

/// `X-Auth-Token: <token>` (the default; what Genesis Cloud's token guide,
/// Go client, Terraform and Pulumi providers send).
pub const GC_AUTH_X_AUTH_TOKEN: gc_auth_scheme = 0;
/// `Authorization: Bearer <token>` (what the newest API docs prefer).
pub const GC_AUTH_BEARER: gc_auth_scheme = 1;

/// Settings of a client. Start from gc_client_options_default() and change
/// what you need; the strings are only read during gc_client_new().
#[repr(C)]
pub struct gc_client_options {
    /// The API token; NULL reads the GENESISCLOUD_TOKEN environment variable.
    pub token: *const c_char,
    /// The base URL including `/compute/v1`; NULL reads GENESISCLOUD_ENDPOINT,
    /// else https://api.genesiscloud.com/compute/v1. Plain http:// is
    /// accepted for loopback hosts only.
    pub base_url: *const c_char,
    /// How the token is sent (default GC_AUTH_X_AUTH_TOKEN).
    pub auth_scheme: gc_auth_scheme,
    /// Timeout of one attempt, from connecting to the end of the body, in
    /// milliseconds (default 60000; must be positive).
    pub timeout_ms: u64,
    /// Timeout of establishing a connection in milliseconds (default 10000;
    /// must be positive).
    pub connect_timeout_ms: u64,
    /// Bound on a whole call (every attempt, backoff and Retry-After sleep)
    /// in milliseconds; 0 (the default) means none.
    pub deadline_ms: u64,
    /// Retries after the first attempt (default 2; 0 turns retries off).
    pub max_retries: u32,
    /// Page size of auto-pagination, 1-100 (default 100).
    pub per_page: u32,
    /// Pages fetched at once by auto-pagination, 1-64 (default 4).
    pub concurrency: u32,
    /// Spaces requests to at most this many per second; 0 (the default)
    /// means no client-side limit.
    pub max_requests_per_second: f64,
    /// A PEM file of CA certificates trusted besides the operating
    /// system's store (SSL_CERT_FILE replaces that store); NULL for none.
    /// Read during gc_client_new(): a missing or empty file is
    /// GC_ERROR_INVALID_ARGUMENT.
    pub ca_bundle: *const c_char,
    /// Forward proxy, "http://[user:password@]host:port"; NULL uses
    /// HTTPS_PROXY, HTTP_PROXY or ALL_PROXY (either case). NO_PROXY applies
    /// to both. The password never appears in errors or logs.
    pub proxy: *const c_char,
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn default_options() -> gc_client_options {
    gc_client_options {
        token: ptr::null(),
        base_url: ptr::null(),
        auth_scheme: GC_AUTH_X_AUTH_TOKEN,
        timeout_ms: millis(DEFAULT_TIMEOUT),
        connect_timeout_ms: millis(DEFAULT_CONNECT_TIMEOUT),
        deadline_ms: 0,
        max_retries: DEFAULT_MAX_RETRIES,
        per_page: DEFAULT_PER_PAGE,
        concurrency: u32::try_from(DEFAULT_CONCURRENCY).unwrap_or(u32::MAX),
        max_requests_per_second: 0.0,
        ca_bundle: ptr::null(),
        proxy: ptr::null(),
    }
}

/// Options with every setting at the SDK contract's default (token and base URL NULL:
/// read from the environment).
#[no_mangle]
pub extern "C" fn gc_client_options_default() -> gc_client_options {
    ffi::guard(default_options(), default_options)
}

/// A Genesis Cloud API client: one connection pool and its settings. Safe
/// to use from many threads at once; free it with gc_client_free() once no
/// thread uses it any more.
pub struct gc_client {
    client: Client,
}

impl gc_client {
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }
}

unsafe fn build(options: &gc_client_options) -> Result<Client> {
    let scheme = match options.auth_scheme {
        GC_AUTH_X_AUTH_TOKEN => AuthScheme::XAuthToken,
        GC_AUTH_BEARER => AuthScheme::Bearer,
        other => {
            return Err(Error::invalid_argument(format!(
                "auth_scheme must be GC_AUTH_X_AUTH_TOKEN or GC_AUTH_BEARER, not {other}"
            )))
        }
    };
    // C has no runtime version of its own: the library's version names it.
    let mut builder = Client::builder()
        .language("c", env!("CARGO_PKG_VERSION"))
        .auth_scheme(scheme)
        .timeout(Duration::from_millis(options.timeout_ms))
        .connect_timeout(Duration::from_millis(options.connect_timeout_ms))
        .max_retries(options.max_retries)
        .per_page(options.per_page)
        .concurrency(usize::try_from(options.concurrency).unwrap_or(usize::MAX));
    if let Some(token) = ffi::opt_str_arg(options.token, "token")? {
        builder = builder.token(token);
    }
    if let Some(url) = ffi::opt_str_arg(options.base_url, "base_url")? {
        builder = builder.base_url(url);
    }
    if options.deadline_ms > 0 {
        builder = builder.deadline(Duration::from_millis(options.deadline_ms));
    }
    if options.max_requests_per_second != 0.0 {
        builder = builder.max_requests_per_second(options.max_requests_per_second);
    }
    if let Some(path) = ffi::opt_str_arg(options.ca_bundle, "ca_bundle")? {
        builder = builder.ca_bundle(path);
    }
    if let Some(url) = ffi::opt_str_arg(options.proxy, "proxy")? {
        builder = builder.proxy(url);
    }
    runtime::enter(|| builder.build())
}

/// Creates a client. `options` may be NULL for every default. Fails with
/// GC_ERROR_INVALID_ARGUMENT when no token is set anywhere (the message
/// names GENESISCLOUD_TOKEN), the base URL is not https:// (or http:// to a
/// loopback host), or a number is out of range. Makes no request. On
/// success `*out` is a new client to free with gc_client_free().
#[no_mangle]
pub unsafe extern "C" fn gc_client_new(
    options: *const gc_client_options,
    out: *mut *mut gc_client,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let defaults = default_options();
        let options = ffi::borrow(options).unwrap_or(&defaults);
        let client = build(options)?;
        ffi::give(out, gc_client { client });
        Ok(GC_OK)
    })
}

/// Frees a client; the token it held is wiped from memory. Accepts NULL.
/// Pagers created from it keep working until they are freed.
#[no_mangle]
pub unsafe extern "C" fn gc_client_free(client: *mut gc_client) {
    ffi::guard((), || {
        if !client.is_null() {
            runtime::enter(|| ffi::free(client));
        }
    })
}

/// One header of gc_client_overrides: a name and its value, both read only
/// during gc_client_with_options().
#[repr(C)]
pub struct gc_header {
    /// The header's name, e.g. "X-Trace-Id".
    pub name: *const c_char,
    /// Its value.
    pub value: *const c_char,
}

/// What gc_client_with_options() changes. Start from
/// gc_client_overrides_default(), where nothing is overridden, and set what
/// you need: a number left at GC_UNSET (any negative value) keeps the
/// parent's setting. Only these settings can differ between a client and
/// the clients derived from it; the rest (token, base URL, auth scheme,
/// connect timeout, proxy, ca_bundle, rate limit) belong to the connection
/// pool they share.
#[repr(C)]
pub struct gc_client_overrides {
    /// Timeout of one attempt in milliseconds; must be positive.
    pub timeout_ms: i64,
    /// Bound on a whole call in milliseconds; must be positive (unlike
    /// gc_client_options, 0 does not mean none: a derived client cannot
    /// drop its parent's deadline).
    pub deadline_ms: i64,
    /// Retries after the first attempt; 0 turns retries off.
    pub max_retries: i64,
    /// Page size of auto-pagination, 1-100.
    pub per_page: i64,
    /// Pages fetched at once by auto-pagination, 1-64.
    pub concurrency: i64,
    /// `headers_len` headers sent with every request of the derived client
    /// on top of the parent's, each replacing one of the same name; NULL
    /// when `headers_len` is 0. The authentication headers (X-Auth-Token,
    /// Authorization, ...) are refused with GC_ERROR_INVALID_ARGUMENT.
    pub headers: *const gc_header,
    /// The number of entries of `headers`.
    pub headers_len: usize,
    /// Told of the raw answer (gc_response) of every successful request of
    /// the derived client, on the thread that made the call; it replaces
    /// the parent's. NULL (the default) keeps the parent's, if any.
    pub on_response: gc_on_response,
    /// Passed to on_response unchanged (default NULL). It must stay valid
    /// while the derived client, or a pager made from it, is in use.
    pub on_response_userdata: *mut c_void,
}

fn default_overrides() -> gc_client_overrides {
    gc_client_overrides {
        timeout_ms: -1,
        deadline_ms: -1,
        max_retries: -1,
        per_page: -1,
        concurrency: -1,
        headers: ptr::null(),
        headers_len: 0,
        on_response: None,
        on_response_userdata: ptr::null_mut(),
    }
}

/// Overrides with nothing overridden: every number GC_UNSET, no headers,
/// on_response and its userdata NULL.
#[no_mangle]
pub extern "C" fn gc_client_overrides_default() -> gc_client_overrides {
    ffi::guard(default_overrides(), default_overrides)
}

/// A number of gc_client_overrides: `None` when unset (negative).
fn set<T: TryFrom<i64>>(value: i64, name: &str) -> Result<Option<T>> {
    if value < 0 {
        return Ok(None);
    }
    T::try_from(value)
        .map(Some)
        .map_err(|_| Error::invalid_argument(format!("`{name}` is out of range: {value}")))
}

unsafe fn overrides(o: &gc_client_overrides) -> Result<ClientOverrides> {
    let mut out = ClientOverrides::new();
    if let Some(ms) = set::<u64>(o.timeout_ms, "timeout_ms")? {
        out = out.timeout(Duration::from_millis(ms));
    }
    if let Some(ms) = set::<u64>(o.deadline_ms, "deadline_ms")? {
        out = out.deadline(Duration::from_millis(ms));
    }
    if let Some(n) = set(o.max_retries, "max_retries")? {
        out = out.max_retries(n);
    }
    if let Some(n) = set(o.per_page, "per_page")? {
        out = out.per_page(n);
    }
    if let Some(n) = set(o.concurrency, "concurrency")? {
        out = out.concurrency(n);
    }
    if o.headers_len > 0 {
        if o.headers.is_null() {
            return Err(Error::invalid_argument(
                "`headers` must not be NULL when `headers_len` is not 0",
            ));
        }
        for (i, h) in std::slice::from_raw_parts(o.headers, o.headers_len)
            .iter()
            .enumerate()
        {
            let name = ffi::str_arg(h.name, &format!("headers[{i}].name"))?;
            let value = ffi::str_arg(h.value, &format!("headers[{i}].value"))?;
            out = out.header(name, value);
        }
    }
    if let Some(observer) = Observer::new(o.on_response, o.on_response_userdata) {
        out = out.on_response(move |info| observer.tell(info));
    }
    Ok(out)
}

/// Creates a client that overrides some settings of `parent` and shares
/// its connection pool (no new connection is opened), token and every
/// other setting; `parent` is not changed. `overrides` may be NULL to
/// change nothing. Fails with GC_ERROR_INVALID_ARGUMENT, in
/// gc_client_new()'s words, for a value out of range, an invalid header or
/// an authentication header. Makes no request. On success `*out` is a new
/// client to free with gc_client_free(); either client may be freed first.
#[no_mangle]
pub unsafe extern "C" fn gc_client_with_options(
    parent: *const gc_client,
    overrides: *const gc_client_overrides,
    out: *mut *mut gc_client,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let parent = ffi::handle(parent, "parent")?;
        let defaults = default_overrides();
        let changes = self::overrides(ffi::borrow(overrides).unwrap_or(&defaults))?;
        let client = parent.client.with_options(changes)?;
        ffi::give(out, gc_client { client });
        Ok(GC_OK)
    })
}

/// The client argument of an operation.
pub(crate) unsafe fn arg<'a>(client: *const gc_client) -> Result<&'a Client> {
    Ok(ffi::handle(client, "client")?.client())
}
