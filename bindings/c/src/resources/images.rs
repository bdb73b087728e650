//! Images (`/images`): list only.

use genesiscloud::{Client, Image};

use crate::client::gc_client;
use crate::error::{gc_error, gc_status};
use crate::pagination::{gc_list_params, gc_page, gc_pager};

/// Fetches one page of images (`GET /images`): exactly one request.
/// `params` may be NULL (first page, the API's default size); its
/// image_type filters by type. On success `*out` is a new page to free
/// with gc_page_free().
#[no_mangle]
pub unsafe extern "C" fn gc_images_list_page(
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_page,
    err: *mut *mut gc_error,
) -> gc_status {
    super::list_page::<Image>(Client::images, client, params, out, err)
}

/// Starts listing every image lazily (`GET /images`, page after page).
/// Sends nothing yet: items and errors come from gc_pager_next(). `params`
/// may be NULL; its image_type filters by type. On success `*out` is a new
/// pager to free with gc_pager_free().
#[no_mangle]
pub unsafe extern "C" fn gc_images_list(
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_pager,
    err: *mut *mut gc_error,
) -> gc_status {
    super::list::<Image>(Client::images, client, params, out, err)
}
