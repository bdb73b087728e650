//! Volumes (`/volumes`).

use std::ffi::c_char;

use genesiscloud::{Client, Volume};

use crate::client::gc_client;
use crate::error::{gc_error, gc_status};
use crate::object::gc_object;
use crate::pagination::{gc_list_params, gc_page, gc_pager};
use crate::wait::gc_wait_options;

/// Fetches one page of volumes (`GET /volumes`): exactly one request.
/// `params` may be NULL (first page, the API's default size). On success
/// `*out` is a new page to free with gc_page_free().
#[no_mangle]
pub unsafe extern "C" fn gc_volumes_list_page(
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_page,
    err: *mut *mut gc_error,
) -> gc_status {
    super::list_page::<Volume>(Client::volumes, client, params, out, err)
}

/// Starts listing every volume lazily (`GET /volumes`, page after page).
/// Sends nothing yet: items and errors come from gc_pager_next(). `params`
/// may be NULL. On success `*out` is a new pager to free with
/// gc_pager_free().
#[no_mangle]
pub unsafe extern "C" fn gc_volumes_list(
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_pager,
    err: *mut *mut gc_error,
) -> gc_status {
    super::list::<Volume>(Client::volumes, client, params, out, err)
}

/// Fetches one volume by id (`GET /volumes/{id}`). On success `*out` is a
/// new object to free with gc_object_free(); GC_ERROR_NOT_FOUND when there
/// is no such volume.
#[no_mangle]
pub unsafe extern "C" fn gc_volumes_get(
    client: *const gc_client,
    id: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::get::<Volume>(Client::volumes, client, id, out, err)
}

/// Creates a volume (`POST /volumes`). `body_json` is a JSON object with
/// the fields of `POST /volumes` (name, region, size in GiB, and optionally description and type "hdd" or "ssd"); a missing required field or a wrong type is
/// GC_ERROR_INVALID_ARGUMENT before anything is sent. Not retried once it
/// may have reached the server. On success `*out` is the new volume, to
/// free with gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_volumes_create(
    client: *const gc_client,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::create::<Volume>(Client::volumes, client, body_json, out, err)
}

/// Changes a volume (`PATCH /volumes/{id}`). `body_json` is a JSON object
/// with the fields of `PATCH /volumes/{id}` (name, description, size, which may only grow). On success `*out` is the updated volume, to free with
/// gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_volumes_update(
    client: *const gc_client,
    id: *const c_char,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::update::<Volume>(Client::volumes, client, id, body_json, out, err)
}

/// Deletes a volume (`DELETE /volumes/{id}`). It may linger while being
/// deleted; wait for "deleted" with gc_volumes_wait_until() to know it is gone.
#[no_mangle]
pub unsafe extern "C" fn gc_volumes_delete(
    client: *const gc_client,
    id: *const c_char,
    err: *mut *mut gc_error,
) -> gc_status {
    super::delete::<Volume>(Client::volumes, client, id, err)
}

/// Blocks until the volume reaches `status` ("created", "deleted", ...), polling `GET`
/// with backoff. `options` may be NULL for the defaults. On success `*out`
/// is the volume in that status (free it with gc_object_free()), or NULL
/// when `status` is "deleted" (the volume answered 404). Fails with
/// GC_ERROR_WAIT_TIMEOUT at the timeout or when the volume enters status
/// "error" (the error carries the wait progress), and with
/// GC_ERROR_NOT_FOUND when it disappears, unless that was asked for;
/// `options->on_progress`, if set, is told of each poll and stops the wait
/// (GC_ERROR_CANCELLED) by returning nonzero.
#[no_mangle]
pub unsafe extern "C" fn gc_volumes_wait_until(
    client: *const gc_client,
    id: *const c_char,
    status: *const c_char,
    options: *const gc_wait_options,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::wait_until::<Volume>(Client::volumes, client, id, status, options, out, err)
}
