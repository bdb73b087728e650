//! `genesiscloud._native`: the Python extension module of the Genesis Cloud
//! SDK.
//!
//! It holds no API logic of its own: it converts Python arguments into the
//! Rust core's request types, runs the core's futures on one process-wide
//! tokio runtime (blocking with the GIL released, or as asyncio futures),
//! and converts results and errors back. The idiomatic Python surface
//! (resource groups, models, exceptions, stubs) is the `genesiscloud`
//! package around it.

use pyo3::prelude::*;

mod client;
mod emulator;
mod error;
mod extract;
mod future;
mod inbox;
mod json;
mod logging;
mod models;
mod operations;
mod pagination;
mod progress;
mod responses;
mod runtime;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", genesiscloud::VERSION)?;
    m.add_class::<client::Client>()?;
    m.add_class::<pagination::NativePager>()?;
    m.add_class::<models::Model>()?;
    m.add_class::<models::Field>()?;
    m.add_class::<future::Canceller>()?;
    m.add_class::<inbox::Inbox>()?;
    m.add_class::<progress::ProgressDone>()?;
    m.add_class::<emulator::Emulator>()?;
    m.add_class::<responses::ResponseLog>()?;
    m.add_function(wrap_pyfunction!(runtime::_after_fork_in_child, m)?)?;
    m.add_function(wrap_pyfunction!(runtime::_shutdown, m)?)?;
    logging::install();
    Ok(())
}
