//! Moving values between the core's serde types and Python objects.
//!
//! Results travel as JSON: the core's typed values are encoded off the GIL
//! (on tokio's threads), and Python's C-accelerated `json.loads` builds the
//! dicts, which measured faster than building them object by object from
//! Rust. Arguments travel the other way with `pythonize`.

use genesiscloud::{Error, ErrorKind};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyBytes;
use serde::de::DeserializeOwned;
use serde::Serialize;

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
pub(crate) fn arguments<T: DeserializeOwned>(
    args: Option<&Bound<'_, PyAny>>,
) -> genesiscloud::Result<T> {
    let parsed = match args {
        Some(args) if !args.is_none() => pythonize::depythonize(args),
        _ => {
            return serde_json::from_value(serde_json::Value::Object(Default::default()))
                .map_err(|e| Error::invalid_argument(format!("missing arguments: {e}")))
        }
    };
    parsed.map_err(|e| Error::invalid_argument(format!("invalid arguments: {e}")))
}
