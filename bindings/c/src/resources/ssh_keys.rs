//! SSH keys (`/ssh-keys`).

use std::ffi::c_char;

use genesiscloud::{Client, SshKey};

use crate::client::gc_client;
use crate::error::{gc_error, gc_status};
use crate::object::gc_object;
use crate::pagination::{gc_list_params, gc_page, gc_pager};

/// Fetches one page of SSH keys (`GET /ssh-keys`): exactly one request.
/// `params` may be NULL (first page, the API's default size). On success
/// `*out` is a new page to free with gc_page_free().
#[no_mangle]
pub unsafe extern "C" fn gc_ssh_keys_list_page(
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_page,
    err: *mut *mut gc_error,
) -> gc_status {
    super::list_page::<SshKey>(Client::ssh_keys, client, params, out, err)
}

/// Starts listing every SSH key lazily (`GET /ssh-keys`, page after page).
/// Sends nothing yet: items and errors come from gc_pager_next(). `params`
/// may be NULL. On success `*out` is a new pager to free with
/// gc_pager_free().
#[no_mangle]
pub unsafe extern "C" fn gc_ssh_keys_list(
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_pager,
    err: *mut *mut gc_error,
) -> gc_status {
    super::list::<SshKey>(Client::ssh_keys, client, params, out, err)
}

/// Fetches one SSH key by id (`GET /ssh-keys/{id}`). On success `*out` is a
/// new object to free with gc_object_free(); GC_ERROR_NOT_FOUND when there
/// is no such SSH key.
#[no_mangle]
pub unsafe extern "C" fn gc_ssh_keys_get(
    client: *const gc_client,
    id: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::get::<SshKey>(Client::ssh_keys, client, id, out, err)
}

/// Creates an SSH key (`POST /ssh-keys`). `body_json` is a JSON object with
/// the fields of `POST /ssh-keys` (name, and value: the public key); a missing required field or a wrong type is
/// GC_ERROR_INVALID_ARGUMENT before anything is sent. Not retried once it
/// may have reached the server. On success `*out` is the new SSH key, to
/// free with gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_ssh_keys_create(
    client: *const gc_client,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::create::<SshKey>(Client::ssh_keys, client, body_json, out, err)
}

/// Changes an SSH key (`PATCH /ssh-keys/{id}`). `body_json` is a JSON object
/// with the fields of `PATCH /ssh-keys/{id}` (name). On success `*out` is the updated SSH key, to free with
/// gc_object_free().
#[no_mangle]
pub unsafe extern "C" fn gc_ssh_keys_update(
    client: *const gc_client,
    id: *const c_char,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    super::update::<SshKey>(Client::ssh_keys, client, id, body_json, out, err)
}

/// Deletes an SSH key (`DELETE /ssh-keys/{id}`). It may linger while being
/// deleted.
#[no_mangle]
pub unsafe extern "C" fn gc_ssh_keys_delete(
    client: *const gc_client,
    id: *const c_char,
    err: *mut *mut gc_error,
) -> gc_status {
    super::delete::<SshKey>(Client::ssh_keys, client, id, err)
}
