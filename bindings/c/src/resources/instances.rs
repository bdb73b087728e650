//! Instances (`/instances`).

use std::ffi::c_char;

use genesiscloud::{Client, CreateInstanceSnapshot, Instance, InstanceAction, NoFilter};

use crate::client::gc_client;
use crate::error::{gc_error, gc_status, GC_OK};
use crate::object::{gc_object, gc_strings};
use crate::pagination::{self, gc_list_params, gc_page, gc_pager};
use crate::wait::gc_wait_options;
use crate::{client, ffi, runtime};

/// Fetches one page of instances (`GET /instances`): exactly one request.
/// `params` may be NULL (first page, the API's default size). On success
/// `*out` is a new page to free with gc_page_free().
#[no_mangle]
pub unsafe extern "C" fn gc_instances_list_page(
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_page,
    err: *mut *mut gc_error,
) -> gc_status {
    super::list_page::<Instance>(Client::instances, client, params, out, err)
}

/// Starts listing every instance lazily (`GET /instances`, page after page).
/// Sends nothing yet: items and errors come from gc_pager_next(). `params`
/// may be NULL. On success `*out` is a new pager to free with
/// gc_pager_free().
#[no_mangle]
pub unsafe extern "C" fn gc_instances_list(
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_pager,
    err: *mut *mut gc_error,
) -> gc_status {
    super::list::<Instance>(Client::instances, client, params, out, err)
}

/// Fetches one instance by id (`GET /instances/{id}`). On success `*out` is a
/// new object to free with gc_object_free(); GC_ERROR_NOT_FOUND when there
/// is no such instance.
#[no_mangle]
pub unsafe extern "C" fn gc_instances_get(
    client: *const gc_client,
    id: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::get::<Instance>(Client::instances, client, id, out, err)
}

/// Creates an instance (`POST /instances`). `body_json` is a JSON object with
/// the fields of `POST /instances` (name, hostname, type, image, region, and exactly one of ssh_keys and password; see the API reference); a missing required field or a wrong type is
/// GC_ERROR_INVALID_ARGUMENT before anything is sent. Not retried once it
/// may have reached the server. On success `*out` is the new instance, to
/// free with gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_instances_create(
    client: *const gc_client,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::create::<Instance>(Client::instances, client, body_json, out, err)
}

/// Changes an instance (`PATCH /instances/{id}`). `body_json` is a JSON object
/// with the fields of `PATCH /instances/{id}` (name, disk_size, is_protected, reservation_id, security_groups and volumes as a full id list or {"attach": id} / {"detach": id}). On success `*out` is the updated instance, to free with
/// gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_instances_update(
    client: *const gc_client,
    id: *const c_char,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::update::<Instance>(Client::instances, client, id, body_json, out, err)
}

/// Deletes an instance (`DELETE /instances/{id}`). It may linger while being
/// deleted; wait for "deleted" with gc_instances_wait_until() to know it is gone.
#[no_mangle]
pub unsafe extern "C" fn gc_instances_delete(
    client: *const gc_client,
    id: *const c_char,
    err: *mut *mut gc_error,
) -> gc_status {
    super::delete::<Instance>(Client::instances, client, id, err)
}

/// Blocks until the instance reaches `status` ("active", "stopped", "deleted", ...), polling `GET`
/// with backoff. `options` may be NULL for the defaults. On success `*out`
/// is the instance in that status (free it with gc_object_free()), or NULL
/// when `status` is "deleted" (the instance answered 404). Fails with
/// GC_ERROR_WAIT_TIMEOUT at the timeout or when the instance enters status
/// "error" (the error carries the wait progress), and with
/// GC_ERROR_NOT_FOUND when it disappears, unless that was asked for;
/// `options->on_progress`, if set, is told of each poll and stops the wait
/// (GC_ERROR_CANCELLED) by returning nonzero.
#[no_mangle]
pub unsafe extern "C" fn gc_instances_wait_until(
    client: *const gc_client,
    id: *const c_char,
    status: *const c_char,
    options: *const gc_wait_options,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::wait_until::<Instance>(Client::instances, client, id, status, options, out, err)
}

/// The actions the instance's current status allows
/// (`GET /instances/{id}/actions`): "start", "stop", "reset", or values
/// newer than this library. On success `*out` is a new list to free with
/// gc_strings_free().
#[no_mangle]
pub unsafe extern "C" fn gc_instances_actions(
    client: *const gc_client,
    id: *const c_char,
    out: *mut *mut gc_strings,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let client = client::arg(client)?;
        let id = ffi::str_arg(id, "id")?;
        let actions = runtime::block_on(client.instances().actions(id))??;
        let names: Vec<&str> = actions.iter().map(InstanceAction::as_str).collect();
        ffi::give(out, gc_strings::new(&names));
        Ok(GC_OK)
    })
}

/// Starts, stops or resets an instance (`POST /instances/{id}/actions`):
/// `action` is "start", "stop" or "reset". The status then moves through
/// starting/stopping/resetting; an action the current status does not
/// allow fails with GC_ERROR_CONFLICT (or another 4xx code).
#[no_mangle]
pub unsafe extern "C" fn gc_instances_perform_action(
    client: *const gc_client,
    id: *const c_char,
    action: *const c_char,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let client = client::arg(client)?;
        let id = ffi::str_arg(id, "id")?;
        let action = InstanceAction::from(ffi::str_arg(action, "action")?);
        runtime::block_on(client.instances().perform_action(id, action))??;
        Ok(GC_OK)
    })
}

/// Fetches one page of an instance's snapshots
/// (`GET /instances/{id}/snapshots`). `params` may be NULL; it takes no
/// image_type. On success `*out` is a new page to free with gc_page_free().
#[no_mangle]
pub unsafe extern "C" fn gc_instances_list_snapshots_page(
    client: *const gc_client,
    id: *const c_char,
    params: *const gc_list_params,
    out: *mut *mut gc_page,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let client = client::arg(client)?;
        let id = ffi::str_arg(id, "id")?;
        let params = pagination::params::<NoFilter>(params)?;
        let page = runtime::block_on(client.instances().list_snapshots_page(id, params))??;
        ffi::give(out, gc_page::from_core(&page));
        Ok(GC_OK)
    })
}

/// Starts listing every snapshot of an instance lazily. Sends nothing yet;
/// an empty id is reported by the first gc_pager_next(). On success `*out`
/// is a new pager to free with gc_pager_free().
#[no_mangle]
pub unsafe extern "C" fn gc_instances_list_snapshots(
    client: *const gc_client,
    id: *const c_char,
    params: *const gc_list_params,
    out: *mut *mut gc_pager,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let client = client::arg(client)?;
        let id = ffi::str_arg(id, "id")?;
        let params = pagination::params::<NoFilter>(params)?;
        ffi::give(
            out,
            gc_pager::new(client.instances().list_snapshots(id, params)),
        );
        Ok(GC_OK)
    })
}

/// Snapshots an instance's disk (`POST /instances/{id}/snapshots`).
/// `body_json` is a JSON object with name and optionally replicated_region.
/// On success `*out` is the new snapshot, to free with gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_instances_create_snapshot(
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
        let body: CreateInstanceSnapshot = ffi::json_arg(body_json, "body_json")?;
        let snapshot = runtime::block_on(client.instances().create_snapshot(id, &body))??;
        ffi::give(out, gc_object::from_model(&snapshot));
        Ok(GC_OK)
    })
}

/// The metadata an instance was created with
/// (`GET /instances/{id}/user-metadata`), a free-form object: read it with
/// gc_object_json(). On success `*out` is a new object to free with
/// gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_instances_user_metadata(
    client: *const gc_client,
    id: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let client = client::arg(client)?;
        let id = ffi::str_arg(id, "id")?;
        let metadata = runtime::block_on(client.instances().user_metadata(id))??;
        ffi::give(
            out,
            gc_object::from_value(serde_json::Value::Object(metadata)),
        );
        Ok(GC_OK)
    })
}
