//! Moving values between the core's serde types and Python objects.
//!
//! Results travel as JSON: the core's typed values are encoded off the GIL
//! (on tokio's threads), and Python's C-accelerated `json.loads` builds the
//! dicts, which measured faster than building them object by object from
//! Rust. Arguments travel the other way with `pythonize`, through a JSON
//! value.

use genesiscloud::operations::{argument_error, Arguments};
use genesiscloud::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyBytes;
use pythonize::Depythonizer;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A result encoded as JSON, ready for `json.loads`.
pub(crate) type Encoded = Vec<u8>;

/// Encodes a core result.
pub(crate) fn encode<T: Serialize>(value: &T) -> genesiscloud::Result<Encoded> {
    serde_json::to_vec(value).map_err(|e| {
        Error::new(
            ErrorKind::Decode,
            format!("could not re-encode the response: {e}"),
        )
    })
}

/// Decodes an encoded result into Python objects.
pub(crate) fn decode<'py>(py: Python<'py>, encoded: Encoded) -> PyResult<Bound<'py, PyAny>> {
    LOADS
        .import(py, "json", "loads")?
        .call1((PyBytes::new(py, &encoded),))
}

/// Reads keyword arguments (a dict, or `None` for none) into a request
/// type; a mismatch is an `invalid_argument` error naming the field.
///
/// The arguments pass through a JSON value first so that types are as
/// strict as the wire's: pythonize alone would read any object as a `bool`
/// by its truthiness (`is_protected="no"` would protect the instance).
pub(crate) fn arguments<T: DeserializeOwned>(
    args: Option<&Bound<'_, PyAny>>,
) -> genesiscloud::Result<T> {
    let value = match args {
        Some(args) if !args.is_none() => {
            serde_path_to_error::deserialize(&mut Depythonizer::from_object(args))
                .map_err(|e| argument_error(&e.path().to_string(), e.inner()))?
        }
        _ => Value::Object(Default::default()),
    };
    value.read()
}
