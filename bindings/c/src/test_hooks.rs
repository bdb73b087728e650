//! Hooks for the library's own tests, compiled into debug builds only and
//! left out of the header (tests declare them themselves).

use genesiscloud::operations;

use crate::client::gc_client;
use crate::error::{gc_error, gc_status, GC_OK};
use crate::{ffi, runtime};

/// Runs an operation that panics inside the library's runtime, the way a
/// bug in a real call would: the caller must get GC_ERROR_INTERNAL and an
/// error object, and the process must go on.
#[no_mangle]
pub unsafe extern "C" fn gc__panic_for_tests(
    client: *const gc_client,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let client = ffi::handle(client, "client")?;
        let pending = operations::prepare(client.client(), "__test.panic", "", None::<&str>)?;
        runtime::block_on(pending)??;
        Ok(GC_OK)
    })
}
