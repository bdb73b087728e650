//! Lists: the paging parameters, one page, and the pager that walks every
//! page (the SDK contract, "Pagination").

use std::ffi::c_char;
use std::ptr;

use futures::future::BoxFuture;
use futures::StreamExt;
use genesiscloud::operations;
use genesiscloud::{
    Error, HasId, ImageFilter, ImageType, ListParams, NoFilter, Page, Paginator, Result,
};
use serde::de::value::I64Deserializer;
use serde::de::IntoDeserializer;
use serde::{Deserialize, Serialize};

use crate::error::{gc_error, gc_status, GC_DONE, GC_OK};
use crate::object::gc_object;
use crate::{ffi, runtime};

/// `GC_UNSET` of the header (defined there by build.rs so that the macro is
/// parenthesised): any negative number means "not set".
const UNSET: i64 = -1;

/// Paging and filters of a list call. Start from gc_list_params_default()
/// (or pass NULL for all defaults): a zeroed struct asks for page 0, which
/// is refused.
#[repr(C)]
pub struct gc_list_params {
    /// Page to fetch, from 1 (for the pager: the page to start from);
    /// GC_UNSET for the first.
    pub page: i64,
    /// Page size, 1-100; GC_UNSET for the API's default (50) in a
    /// list_page, the client's per_page (100) in a pager.
    pub per_page: i64,
    /// Images only: list only images of this type ("cloud-image",
    /// "snapshot", ...); NULL for every type. Other lists refuse it.
    pub image_type: *const c_char,
}

fn default_params() -> gc_list_params {
    gc_list_params {
        page: UNSET,
        per_page: UNSET,
        image_type: ptr::null(),
    }
}

/// Parameters with nothing set: the first page, default page size, no filter.
#[no_mangle]
pub extern "C" fn gc_list_params_default() -> gc_list_params {
    ffi::guard(default_params(), default_params)
}

/// The filter of a resource's list, from the C parameters.
pub(crate) trait FromParams: Sized {
    /// The filter, or `invalid_argument` when the list does not take the
    /// given one.
    fn from_image_type(image_type: Option<&str>) -> Result<Self>;
}

impl FromParams for NoFilter {
    fn from_image_type(image_type: Option<&str>) -> Result<NoFilter> {
        match image_type {
            None => Ok(NoFilter::default()),
            Some(_) => Err(Error::invalid_argument(
                "`image_type` filters images only; this list takes no filter",
            )),
        }
    }
}

impl FromParams for ImageFilter {
    fn from_image_type(image_type: Option<&str>) -> Result<ImageFilter> {
        Ok(ImageFilter {
            r#type: image_type.map(ImageType::from),
        })
    }
}

/// A page number or size: negative is unset; one past `u32` is refused in
/// the words serde gives the same mistake in every other language.
fn number(value: i64, name: &str) -> Result<Option<u32>> {
    if value < 0 {
        return Ok(None);
    }
    let value: I64Deserializer<serde::de::value::Error> = value.into_deserializer();
    u32::deserialize(value)
        .map(Some)
        .map_err(|e| operations::argument_error(name, e))
}

/// The core's parameters; NULL means all defaults. The core checks the
/// numbers' ranges.
pub(crate) unsafe fn params<F: FromParams>(params: *const gc_list_params) -> Result<ListParams<F>> {
    let Some(p) = ffi::borrow(params) else {
        return Ok(ListParams {
            page: None,
            per_page: None,
            filter: F::from_image_type(None)?,
        });
    };
    Ok(ListParams {
        page: number(p.page, "page")?,
        per_page: number(p.per_page, "per_page")?,
        filter: F::from_image_type(ffi::opt_str_arg(p.image_type, "image_type")?)?,
    })
}

/// One page of a list, exactly as the API answered it. Immutable; free it
/// with gc_page_free().
pub struct gc_page {
    items: Vec<gc_object>,
    total_count: u64,
    page: u64,
    per_page: u64,
}

impl gc_page {
    pub(crate) fn from_core<T: Serialize + Send + Sync + 'static>(page: Page<T>) -> gc_page {
        gc_page {
            items: page.items.into_iter().map(gc_object::from_model).collect(),
            total_count: page.total_count,
            page: page.page,
            per_page: page.per_page,
        }
    }
}

/// How many items this page holds (0 when `page` is NULL).
#[no_mangle]
pub unsafe extern "C" fn gc_page_len(page: *const gc_page) -> usize {
    ffi::guard(0, || ffi::borrow(page).map_or(0, |p| p.items.len()))
}

/// The item at `index`, or NULL when out of range. Borrowed: valid until
/// gc_page_free(page); do not free it.
#[no_mangle]
pub unsafe extern "C" fn gc_page_get(page: *const gc_page, index: usize) -> *const gc_object {
    ffi::guard(ptr::null(), || {
        ffi::borrow(page)
            .and_then(|p| p.items.get(index))
            .map_or(ptr::null(), |o| o as *const gc_object)
    })
}

/// How many items the whole list has, across pages, as the server said.
#[no_mangle]
pub unsafe extern "C" fn gc_page_total_count(page: *const gc_page) -> u64 {
    ffi::guard(0, || ffi::borrow(page).map_or(0, |p| p.total_count))
}

/// This page's number, from 1.
#[no_mangle]
pub unsafe extern "C" fn gc_page_number(page: *const gc_page) -> u64 {
    ffi::guard(0, || ffi::borrow(page).map_or(0, |p| p.page))
}

/// The page size the server used.
#[no_mangle]
pub unsafe extern "C" fn gc_page_per_page(page: *const gc_page) -> u64 {
    ffi::guard(0, || ffi::borrow(page).map_or(0, |p| p.per_page))
}

/// Frees a page and the objects in it. Accepts NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_page_free(page: *mut gc_page) {
    ffi::guard((), || ffi::free(page))
}

/// A core paginator of any resource, seen as a source of objects.
trait Source: Send {
    fn next_object(&mut self) -> BoxFuture<'_, Option<Result<gc_object>>>;
    fn total_count(&self) -> Option<u64>;
}

impl<T> Source for Paginator<T>
where
    T: HasId + Serialize + Send + Sync + Unpin + 'static,
{
    fn next_object(&mut self) -> BoxFuture<'_, Option<Result<gc_object>>> {
        Box::pin(async move {
            self.next()
                .await
                .map(|item| item.map(gc_object::from_model))
        })
    }

    fn total_count(&self) -> Option<u64> {
        Paginator::total_count(self)
    }
}

/// Every item of a list, fetched lazily a few pages ahead (up to the
/// client's concurrency), each item once, in order. Use it from one thread
/// at a time; freeing it cancels the requests in flight.
pub struct gc_pager {
    source: Box<dyn Source>,
}

impl gc_pager {
    pub(crate) fn new<T>(paginator: Paginator<T>) -> gc_pager
    where
        T: HasId + Serialize + Send + Sync + Unpin + 'static,
    {
        gc_pager {
            source: Box::new(paginator),
        }
    }
}

/// Blocks until the next item is there. Returns GC_OK with `*out` set to a
/// new object (free it with gc_object_free()), GC_DONE with `*out` NULL at
/// the end of the list, or an error code (with `*err`); after an error the
/// pager is finished and answers GC_DONE.
#[no_mangle]
pub unsafe extern "C" fn gc_pager_next(
    pager: *mut gc_pager,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let pager = ffi::handle_mut(pager, "pager")?;
        match runtime::block_on_workers(pager.source.next_object())? {
            Some(item) => {
                ffi::give(out, item?);
                Ok(GC_OK)
            }
            None => Ok(GC_DONE),
        }
    })
}

/// The list's total_count as the latest page reported it, or -1 before the
/// first page arrived.
#[no_mangle]
pub unsafe extern "C" fn gc_pager_total_count(pager: *const gc_pager) -> i64 {
    ffi::guard(-1, || {
        ffi::borrow(pager)
            .and_then(|p| p.source.total_count())
            .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX))
    })
}

/// Frees a pager, cancelling the requests it has in flight. Accepts NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_pager_free(pager: *mut gc_pager) {
    ffi::guard((), || {
        if !pager.is_null() {
            runtime::enter(|| ffi::free(pager));
        }
    })
}
