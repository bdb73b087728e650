//! The raw answers of a call, for `on_response=` and `with_raw_response`:
//! the core records them while the call runs, and the package hands them to
//! Python after it returns, on the caller's thread.

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Where a derived client records the raw answer of each successful
/// request (one per page of a list).
#[pyclass(frozen, module = "genesiscloud._native", name = "ResponseLog")]
#[derive(Default)]
pub(crate) struct ResponseLog(pub(crate) genesiscloud::ResponseLog);

#[pymethods]
impl ResponseLog {
    #[new]
    fn new() -> ResponseLog {
        ResponseLog::default()
    }

    /// The answers recorded since the last call, oldest first, as dicts:
    /// `method`, `path`, `status`, `headers` (lower-case name to value),
    /// `request_id`, `attempts`, `elapsed` (seconds).
    fn take<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.0
            .take()
            .iter()
            .map(|r| {
                let headers = PyDict::new(py);
                for (name, value) in r.headers() {
                    // The first of a repeated header, as `ResponseInfo::header`.
                    if !headers.contains(name)? {
                        headers.set_item(name, value)?;
                    }
                }
                let d = PyDict::new(py);
                d.set_item("method", r.method())?;
                d.set_item("path", r.path())?;
                d.set_item("status", r.status())?;
                d.set_item("headers", headers)?;
                d.set_item("request_id", r.request_id())?;
                d.set_item("attempts", r.attempts())?;
                d.set_item("elapsed", r.elapsed().as_secs_f64())?;
                Ok(d)
            })
            .collect()
    }
}
