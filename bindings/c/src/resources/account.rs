//! The account: quotas, reservations and availability.

use std::ffi::c_char;

use genesiscloud::Region;

use crate::client::{self, gc_client};
use crate::error::{gc_error, gc_status, GC_OK};
use crate::object::{gc_array, gc_object};
use crate::{ffi, runtime};

/// The account's quotas (`GET /quotas`, not paginated). On success `*out`
/// is a new array of objects (key, capacity, used, flavors) to free with
/// gc_array_free().
#[no_mangle]
pub unsafe extern "C" fn gc_quotas(
    client: *const gc_client,
    out: *mut *mut gc_array,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let client = client::arg(client)?;
        let quotas = runtime::block_on(client.quotas())??;
        ffi::give(out, gc_array::from_models(&quotas));
        Ok(GC_OK)
    })
}

/// The account's reservations (`GET /reservations`, not paginated). On
/// success `*out` is a new array of objects to free with gc_array_free().
#[no_mangle]
pub unsafe extern "C" fn gc_reservations(
    client: *const gc_client,
    out: *mut *mut gc_array,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let client = client::arg(client)?;
        let reservations = runtime::block_on(client.reservations())??;
        ffi::give(out, gc_array::from_models(&reservations));
        Ok(GC_OK)
    })
}

/// Which instance types can be created in `region` now
/// (`GET /availability/{region}/instances`); `placement` may be NULL. An
/// unknown region is GC_ERROR_BAD_REQUEST from the server. On success
/// `*out` is a new object (region, type, availability) to free with
/// gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_availability(
    client: *const gc_client,
    region: *const c_char,
    placement: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let client = client::arg(client)?;
        let region = Region::from(ffi::str_arg(region, "region")?);
        let placement = ffi::opt_str_arg(placement, "placement")?;
        let availability = runtime::block_on(client.availability(&region, placement))??;
        ffi::give(out, gc_object::from_model(&availability));
        Ok(GC_OK)
    })
}
