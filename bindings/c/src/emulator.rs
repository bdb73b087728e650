//! The bundled emulator, for tests and examples in C: a local server of the
//! whole API with fault injection, running on its own threads.

use std::ffi::{c_char, CString};
use std::ptr;
use std::time::Duration;

use genesiscloud::{Error, Result};
use genesiscloud_emulator::{CertificateKind, Emulator, EmulatorConfig, Fault, Seed, TlsConfig};

use crate::error::{gc_error, gc_status, GC_OK};
use crate::ffi;
use crate::sigpipe;

/// A running emulator. Its functions may be called from any thread; stop
/// it with gc_emulator_stop().
pub struct gc_emulator {
    emulator: Emulator,
    base_url: CString,
    root_url: CString,
    token: CString,
    ca_path: Option<CString>,
}

unsafe fn arg<'a>(emu: *const gc_emulator) -> Result<&'a Emulator> {
    Ok(&ffi::handle(emu, "emu")?.emulator)
}

/// Starts an emulator on a free loopback port, seeded with the default
/// account (example images, instances, volumes, ...), and returns once it
/// accepts connections. On success `*out` is a new emulator to stop with
/// gc_emulator_stop().
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_start(
    out: *mut *mut gc_emulator,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || start(out, EmulatorConfig::default()))
}

unsafe fn start(out: *mut *mut gc_emulator, config: EmulatorConfig) -> Result<gc_status> {
    let out = ffi::out(out)?;
    // The emulator's threads start here and inherit this thread's mask:
    // they write to connections the client may have closed.
    let blocked = sigpipe::Blocked::new();
    let started = Emulator::start_with(config);
    drop(blocked);
    let emulator = started.map_err(|e| {
        Error::new(
            genesiscloud::ErrorKind::Connection,
            format!("could not start the emulator: {e}"),
        )
    })?;
    ffi::give(
        out,
        gc_emulator {
            base_url: ffi::cstring(&emulator.base_url()),
            root_url: ffi::cstring(&emulator.root_url()),
            token: ffi::cstring(&emulator.token()),
            ca_path: emulator
                .ca_path()
                .map(|p| ffi::cstring(&p.to_string_lossy())),
            emulator,
        },
    );
    Ok(GC_OK)
}

/// Like gc_emulator_start(), serving HTTPS (HTTP/2 and HTTP/1.1) with a
/// certificate for the loopback names signed by a throwaway CA, whose
/// certificate gc_emulator_ca_path() names. `certificate` is "valid" (or
/// NULL), "expired" or "wrong-host"; the last two test how a client
/// refuses them. Anything else is GC_ERROR_INVALID_ARGUMENT.
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_start_tls(
    certificate: *const c_char,
    out: *mut *mut gc_emulator,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let certificate = match ffi::opt_str_arg(certificate, "certificate")? {
            None | Some("valid") => CertificateKind::Valid,
            Some("expired") => CertificateKind::Expired,
            Some("wrong-host") => CertificateKind::WrongHost,
            Some(other) => {
                return Err(Error::invalid_argument(format!(
                    "certificate must be \"valid\", \"expired\" or \"wrong-host\", not {other:?}"
                )))
            }
        };
        let config = EmulatorConfig {
            tls: Some(TlsConfig {
                certificate,
                ca_out: None,
            }),
            ..EmulatorConfig::default()
        };
        start(out, config)
    })
}

/// With TLS, the file holding the CA certificate (PEM) a client must trust:
/// pass it as the client's ca_bundle. NULL without TLS or when `emu` is
/// NULL. Borrowed like gc_emulator_base_url; the file is removed by
/// gc_emulator_stop().
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_ca_path(emu: *const gc_emulator) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(emu)
            .and_then(|e| e.ca_path.as_ref())
            .map_or(ptr::null(), |p| p.as_ptr())
    })
}

/// The base URL to give a client (`http://127.0.0.1:PORT/compute/v1`).
/// Borrowed: valid until gc_emulator_stop(emu). NULL when `emu` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_base_url(emu: *const gc_emulator) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(emu).map_or(ptr::null(), |e| e.base_url.as_ptr())
    })
}

/// The root URL (`http://127.0.0.1:PORT`); its control API lives under
/// `/_emulator`. Borrowed like gc_emulator_base_url.
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_root_url(emu: *const gc_emulator) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(emu).map_or(ptr::null(), |e| e.root_url.as_ptr())
    })
}

/// The token the emulator accepts (a test value, not a secret). Borrowed
/// like gc_emulator_base_url.
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_token(emu: *const gc_emulator) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(emu).map_or(ptr::null(), |e| e.token.as_ptr())
    })
}

/// Adds a fault, given as the JSON object that `POST /_emulator/faults`
/// takes (e.g. `{"kind": "status", "status": 503, "times": 1}`; see
/// docs/emulator.md). Faults act in the order they were added. An invalid
/// fault is GC_ERROR_INVALID_ARGUMENT.
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_inject_fault(
    emu: *const gc_emulator,
    fault_json: *const c_char,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let emulator = arg(emu)?;
        let value: serde_json::Value = ffi::json_arg(fault_json, "fault_json")?;
        let fault = Fault::from_json(&value).map_err(Error::invalid_argument)?;
        emulator.inject_fault(fault);
        Ok(GC_OK)
    })
}

/// Removes every fault. Does nothing when `emu` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_clear_faults(emu: *const gc_emulator) {
    ffi::guard((), || {
        if let Some(e) = ffi::borrow(emu) {
            e.emulator.clear_faults();
        }
    })
}

/// Restores a seed and clears faults, the request log and the settings of
/// gc_emulator_configure(). `seed` is NULL or "default" (the default
/// account), "legacy" (the default account plus the contract's 2020 images,
/// whose types today's API no longer defines) or "empty" (every list empty).
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_reset(
    emu: *const gc_emulator,
    seed: *const c_char,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let emulator = arg(emu)?;
        let seed = match ffi::opt_str_arg(seed, "seed")? {
            None => Seed::Default,
            Some(name) => Seed::named(name).ok_or_else(|| {
                Error::invalid_argument(format!(
                    "`seed` must be NULL or one of {}, not {name:?}",
                    Seed::NAMES.join(", ")
                ))
            })?,
        };
        emulator.reset_with(seed);
        Ok(GC_OK)
    })
}

fn duration(ms: i64) -> Option<Duration> {
    u64::try_from(ms).ok().map(Duration::from_millis)
}

/// Changes the emulator's behaviour; pass GC_UNSET (any negative value) to
/// leave a setting unchanged. `lifecycle_delay_ms`: how long resources stay
/// in transitional statuses (0: the next read sees the outcome).
/// `latency_ms`: added before every API answer. `rate_limit`: requests per
/// second per token, 0 for no limit.
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_configure(
    emu: *const gc_emulator,
    lifecycle_delay_ms: i64,
    latency_ms: i64,
    rate_limit: i64,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let emulator = arg(emu)?;
        let rate_limit = match rate_limit {
            n if n < 0 => None,
            0 => Some(None),
            n => Some(Some(u32::try_from(n).map_err(|_| {
                Error::invalid_argument(format!("`rate_limit` is out of range: {n}"))
            })?)),
        };
        emulator.configure(
            duration(lifecycle_delay_ms),
            duration(latency_ms),
            rate_limit,
        );
        Ok(GC_OK)
    })
}

/// Adds `count` synthetic items of a resource ("images", "instances",
/// "snapshots", "volumes", "filesystems", "security_groups", "ssh_keys",
/// "floating_ips"); an unknown resource is GC_ERROR_INVALID_ARGUMENT.
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_seed(
    emu: *const gc_emulator,
    resource: *const c_char,
    count: usize,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let emulator = arg(emu)?;
        let resource = ffi::str_arg(resource, "resource")?;
        emulator
            .seed_synthetic(resource, count)
            .map_err(Error::invalid_argument)?;
        Ok(GC_OK)
    })
}

/// Every `/compute/v1` request the emulator received since the last reset
/// or clear, oldest first, as a JSON array of objects (seq, method, path,
/// query, headers, auth, authenticated, body, status, fault); tokens are
/// redacted. On success `*out` is a string you own: free it with
/// gc_string_free().
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_requests_json(
    emu: *const gc_emulator,
    out: *mut *mut c_char,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let emulator = arg(emu)?;
        let json = serde_json::to_string(&emulator.requests())
            .expect("the request log is plain JSON data");
        *out = ffi::cstring(&json).into_raw();
        Ok(GC_OK)
    })
}

/// Empties the request log. Does nothing when `emu` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_clear_requests(emu: *const gc_emulator) {
    ffi::guard((), || {
        if let Some(e) = ffi::borrow(emu) {
            e.emulator.clear_requests();
        }
    })
}

/// Stops the emulator, waits for its threads and frees it, with every
/// string borrowed from it. Accepts NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_emulator_stop(emu: *mut gc_emulator) {
    ffi::guard((), || ffi::free(emu))
}
