//! Logs (the SDK contract, "Logs"): the core's `tracing` events, delivered to a callback
//! the program registers. Nothing is logged until it does.

use std::ffi::{c_char, c_void};
use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Once, RwLock};

use tracing::field::{Field, Visit};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

use crate::ffi;

/// Severity of a log line: one of the GC_LOG_* values, from the most
/// verbose to the most severe.
pub type gc_log_level = i32;

/// Header values and other fine detail.
pub const GC_LOG_TRACE: gc_log_level = 0;
/// One line per HTTP request (method, path, status, attempt, elapsed ms).
pub const GC_LOG_DEBUG: gc_log_level = 1;
/// Retries and waits.
pub const GC_LOG_INFO: gc_log_level = 2;
/// Something unexpected that the library worked around.
pub const GC_LOG_WARN: gc_log_level = 3;
/// A failure.
pub const GC_LOG_ERROR: gc_log_level = 4;

/// Receives one log line: its level, the line (borrowed: valid only during
/// the call; copy it to keep it) and the userdata given to
/// gc_set_log_callback(). It may be called from any thread, several at
/// once, and must not call back into the library.
pub type gc_log_callback = Option<
    unsafe extern "C" fn(level: gc_log_level, message: *const c_char, userdata: *mut c_void),
>;

#[derive(Clone, Copy)]
struct Sink {
    callback: unsafe extern "C" fn(gc_log_level, *const c_char, *mut c_void),
    userdata: *mut c_void,
    min_level: gc_log_level,
}

// SAFETY: the header requires the callback (and so its userdata) to be
// usable from any thread.
unsafe impl Send for Sink {}
unsafe impl Sync for Sink {}

static SINK: RwLock<Option<Sink>> = RwLock::new(None);
/// The registered minimum level, or above GC_LOG_ERROR when none is
/// registered: checked on every event without taking the lock.
static MIN_LEVEL: AtomicI32 = AtomicI32::new(GC_LOG_ERROR + 1);
static INSTALL: Once = Once::new();

/// Only the core's events: the emulator's and the HTTP stack's are not the
/// SDK's log.
fn is_core(target: &str) -> bool {
    target == "genesiscloud" || target.starts_with("genesiscloud::")
}

fn level_of(level: &Level) -> gc_log_level {
    match *level {
        Level::TRACE => GC_LOG_TRACE,
        Level::DEBUG => GC_LOG_DEBUG,
        Level::INFO => GC_LOG_INFO,
        Level::WARN => GC_LOG_WARN,
        _ => GC_LOG_ERROR,
    }
}

/// Renders an event as `message key=value key=value`.
#[derive(Default)]
struct Line {
    message: String,
    fields: String,
}

impl Visit for Line {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.record_debug(field, &format_args!("{value}"));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else {
            let _ = write!(self.fields, " {}={value:?}", field.name());
        }
    }
}

struct CallbackLayer;

impl<S: Subscriber> Layer<S> for CallbackLayer {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        // "sometimes": the level check must run per event because the
        // callback and its level can change at any time.
        if is_core(metadata.target()) {
            Interest::sometimes()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>, _: Context<'_, S>) -> bool {
        is_core(metadata.target())
            && level_of(metadata.level()) >= MIN_LEVEL.load(Ordering::Relaxed)
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let sink = *SINK.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(sink) = sink else { return };
        let level = level_of(event.metadata().level());
        if level < sink.min_level {
            return;
        }
        let mut line = Line::default();
        event.record(&mut line);
        let text = ffi::cstring(&format!("{}{}", line.message, line.fields));
        // SAFETY: the program registered this callback for exactly this call.
        unsafe { (sink.callback)(level, text.as_ptr(), sink.userdata) };
    }
}

/// Sends the library's log lines at `min_level` or more severe to
/// `callback` (NULL stops logging). The SDK contract, "Logs": one line per request at
/// GC_LOG_DEBUG, retries and waits at GC_LOG_INFO; headers only from an
/// allow-list, so the token never appears in a line. `min_level` outside
/// GC_LOG_TRACE..GC_LOG_ERROR is clamped to that range. Process-wide; may
/// be called at any time from any thread.
#[no_mangle]
pub unsafe extern "C" fn gc_set_log_callback(
    callback: gc_log_callback,
    userdata: *mut c_void,
    min_level: gc_log_level,
) {
    ffi::guard((), || {
        let min_level = min_level.clamp(GC_LOG_TRACE, GC_LOG_ERROR);
        let sink = callback.map(|callback| Sink {
            callback,
            userdata,
            min_level,
        });
        if sink.is_some() {
            // A Rust program embedding the library may have its own
            // subscriber already; it then keeps the events.
            INSTALL.call_once(|| {
                let _ = tracing::subscriber::set_global_default(
                    tracing_subscriber::registry().with(CallbackLayer),
                );
            });
        }
        *SINK
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = sink;
        MIN_LEVEL.store(
            if sink.is_some() {
                min_level
            } else {
                GC_LOG_ERROR + 1
            },
            Ordering::Relaxed,
        );
    })
}
