//! Forwards the core's `tracing` events to Python's `logging` module, under
//! the `genesiscloud` logger.
//!
//! Events happen on tokio's threads. Attaching to Python there costs a GIL
//! acquisition, so the layer first compares the event's level with the
//! logger's effective level, cached without the GIL and refreshed on every
//! call from Python (which holds the GIL anyway).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU8, Ordering};

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::Registry;

/// The logger's effective level (Python's numbers: 10 debug … 50 critical);
/// `OFF` until the first refresh and while the logger is disabled.
static THRESHOLD: AtomicU8 = AtomicU8::new(OFF);
const OFF: u8 = u8::MAX;

static LOGGER: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Installs the forwarding layer as the process's tracing subscriber, once.
pub(crate) fn install() {
    let subscriber = Registry::default().with(PythonLogging);
    // Fails only if a subscriber is already installed (the module was
    // loaded twice, or an embedding application set one): keep it.
    let _ = tracing::subscriber::set_global_default(subscriber);
}

/// Re-reads the `genesiscloud` logger's effective level.
pub(crate) fn refresh(py: Python<'_>) {
    let threshold = logger(py)
        .and_then(|logger| {
            if logger.getattr("disabled")?.is_truthy()? {
                return Ok(OFF);
            }
            let level: i64 = logger.call_method0("getEffectiveLevel")?.extract()?;
            Ok(u8::try_from(level.max(1)).unwrap_or(OFF))
        })
        .unwrap_or(OFF);
    THRESHOLD.store(threshold, Ordering::Relaxed);
}

fn logger(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    LOGGER
        .get_or_try_init(py, || {
            py.import("logging")?
                .call_method1("getLogger", ("genesiscloud",))
                .map(Bound::unbind)
        })
        .map(|l| l.bind(py))
}

fn python_level(level: &Level) -> u8 {
    match *level {
        Level::ERROR => 40,
        Level::WARN => 30,
        Level::INFO => 20,
        Level::DEBUG => 10,
        _ => 5,
    }
}

/// Only the core's own events; the emulator and the HTTP stack stay quiet.
fn is_core(metadata: &Metadata<'_>) -> bool {
    let target = metadata.target();
    target == "genesiscloud" || target.starts_with("genesiscloud::")
}

struct PythonLogging;

impl<S: Subscriber> Layer<S> for PythonLogging {
    fn register_callsite(
        &self,
        metadata: &'static Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        if is_core(metadata) {
            // The level can change at any time from Python: ask every time.
            tracing::subscriber::Interest::sometimes()
        } else {
            tracing::subscriber::Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>, _ctx: Context<'_, S>) -> bool {
        is_core(metadata) && python_level(metadata.level()) >= THRESHOLD.load(Ordering::Relaxed)
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut line = Line::default();
        event.record(&mut line);
        let level = python_level(event.metadata().level());
        // During interpreter shutdown there is no one left to log to.
        let _ = Python::try_attach(|py| {
            if let Ok(logger) = logger(py) {
                if logger
                    .call_method1("log", (level, "%s", line.text()))
                    .is_err()
                {
                    // A failing handler must not break the request.
                    PyErr::take(py);
                }
            }
        });
    }
}

/// `message key=value key=value`, in the order the event gave them.
#[derive(Default)]
struct Line {
    message: String,
    fields: String,
}

impl Line {
    fn text(self) -> String {
        if self.message.is_empty() {
            self.fields.trim_start().to_owned()
        } else {
            self.message + &self.fields
        }
    }
}

impl Visit for Line {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message.push_str(value);
        } else {
            let _ = write!(self.fields, " {}={}", field.name(), value);
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else {
            let _ = write!(self.fields, " {}={:?}", field.name(), value);
        }
    }
}
