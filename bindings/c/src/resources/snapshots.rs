//! Snapshots (`/snapshots`).

use std::ffi::c_char;

use genesiscloud::{Client, CloneSnapshot, Snapshot};

use crate::client::gc_client;
use crate::error::{gc_error, gc_status, GC_OK};
use crate::object::gc_object;
use crate::pagination::{gc_list_params, gc_page, gc_pager};
use crate::wait::gc_wait_options;
use crate::{client, ffi, runtime};

/// Fetches one page of snapshots (`GET /snapshots`): exactly one request.
/// `params` may be NULL (first page, the API's default size). On success
/// `*out` is a new page to free with gc_page_free().
#[no_mangle]
pub unsafe extern "C" fn gc_snapshots_list_page(
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_page,
    err: *mut *mut gc_error,
) -> gc_status {
    super::list_page::<Snapshot>(Client::snapshots, client, params, out, err)
}

/// Starts listing every snapshot lazily (`GET /snapshots`, page after page).
/// Sends nothing yet: items and errors come from gc_pager_next(). `params`
/// may be NULL. On success `*out` is a new pager to free with
/// gc_pager_free().
#[no_mangle]
pub unsafe extern "C" fn gc_snapshots_list(
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_pager,
    err: *mut *mut gc_error,
) -> gc_status {
    super::list::<Snapshot>(Client::snapshots, client, params, out, err)
}

/// Fetches one snapshot by id (`GET /snapshots/{id}`). On success `*out` is a
/// new object to free with gc_object_free(); GC_ERROR_NOT_FOUND when there
/// is no such snapshot.
#[no_mangle]
pub unsafe extern "C" fn gc_snapshots_get(
    client: *const gc_client,
    id: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::get::<Snapshot>(Client::snapshots, client, id, out, err)
}

/// Creates a snapshot (`POST /snapshots`). `body_json` is a JSON object with
/// the fields of `POST /snapshots` (name, region, size, url, and optionally os_type): imports a disk image from a URL; a missing required field or a wrong type is
/// GC_ERROR_INVALID_ARGUMENT before anything is sent. Not retried once it
/// may have reached the server. On success `*out` is the new snapshot, to
/// free with gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_snapshots_create(
    client: *const gc_client,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::create::<Snapshot>(Client::snapshots, client, body_json, out, err)
}

/// Changes a snapshot (`PATCH /snapshots/{id}`). `body_json` is a JSON object
/// with the fields of `PATCH /snapshots/{id}` (name). On success `*out` is the updated snapshot, to free with
/// gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_snapshots_update(
    client: *const gc_client,
    id: *const c_char,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::update::<Snapshot>(Client::snapshots, client, id, body_json, out, err)
}

/// Deletes a snapshot (`DELETE /snapshots/{id}`). It may linger while being
/// deleted; wait for "deleted" with gc_snapshots_wait_until() to know it is gone.
#[no_mangle]
pub unsafe extern "C" fn gc_snapshots_delete(
    client: *const gc_client,
    id: *const c_char,
    err: *mut *mut gc_error,
) -> gc_status {
    super::delete::<Snapshot>(Client::snapshots, client, id, err)
}

/// Blocks until the snapshot reaches `status` ("active", "deleted", ...), polling `GET`
/// with backoff. `options` may be NULL for the defaults. On success `*out`
/// is the snapshot in that status (free it with gc_object_free()), or NULL
/// when `status` is "deleted" (the snapshot answered 404). Fails with
/// GC_ERROR_WAIT_TIMEOUT at the timeout or when the snapshot enters status
/// "error" (the error carries the wait progress), and with
/// GC_ERROR_NOT_FOUND when it disappears, unless that was asked for;
/// `options->on_progress`, if set, is told of each poll and stops the wait
/// (GC_ERROR_CANCELLED) by returning nonzero.
#[no_mangle]
pub unsafe extern "C" fn gc_snapshots_wait_until(
    client: *const gc_client,
    id: *const c_char,
    status: *const c_char,
    options: *const gc_wait_options,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::wait_until::<Snapshot>(Client::snapshots, client, id, status, options, out, err)
}

/// Copies a snapshot, possibly into another region
/// (`POST /snapshots/{id}/clone`). `body_json` is a JSON object with name
/// and region. On success `*out` is the new snapshot, to free with
/// gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_snapshots_clone(
    client: *const gc_client,
    id: *const c_char,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let client = client::arg(client)?;
        let id = ffi::str_arg(id, "id")?;
        let body: CloneSnapshot = ffi::json_arg(body_json, "body_json")?;
        let snapshot = runtime::block_on(client.snapshots().clone(id, &body))??;
        ffi::give(out, gc_object::from_model(&snapshot));
        Ok(GC_OK)
    })
}
