//! The operations of every resource group as generic helpers; one file per
//! resource holds its literal exports (so cbindgen sees them) and its own
//! extra operations.

// In the SDK contract's order, which the header follows; blank lines keep rustfmt from
// sorting them.
mod images;

mod instances;

mod snapshots;

mod volumes;

mod filesystems;

mod security_groups;

mod ssh_keys;

mod floating_ips;

mod account;

use std::ffi::c_char;

use genesiscloud::{Client, Listed, Managed, ResourceGroup, Stateful};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::client::{self, gc_client};
use crate::error::{gc_error, gc_status, GC_OK};
use crate::object::gc_object;
use crate::pagination::{self, gc_list_params, gc_page, gc_pager, FromParams};
use crate::wait::{self, gc_wait_options};
use crate::{ffi, runtime};

/// How an export names its group: `Client::instances`, ...
type Group<R> = fn(&Client) -> ResourceGroup<R>;

pub(crate) unsafe fn list_page<R>(
    group: Group<R>,
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_page,
    err: *mut *mut gc_error,
) -> gc_status
where
    R: Listed + Serialize,
    R::Filter: FromParams,
{
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let group = group(client::arg(client)?);
        let params = pagination::params(params)?;
        let page = runtime::block_on(group.list_page(params))??;
        ffi::give(out, gc_page::from_core(&page));
        Ok(GC_OK)
    })
}

pub(crate) unsafe fn list<R>(
    group: Group<R>,
    client: *const gc_client,
    params: *const gc_list_params,
    out: *mut *mut gc_pager,
    err: *mut *mut gc_error,
) -> gc_status
where
    R: Listed + Serialize,
    R::Filter: FromParams,
{
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let group = group(client::arg(client)?);
        let params = pagination::params(params)?;
        ffi::give(out, gc_pager::new(group.list(params)));
        Ok(GC_OK)
    })
}

pub(crate) unsafe fn get<R: Managed + Serialize>(
    group: Group<R>,
    client: *const gc_client,
    id: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let group = group(client::arg(client)?);
        let id = ffi::str_arg(id, "id")?;
        let found = runtime::block_on(group.get(id))??;
        ffi::give(out, gc_object::from_model(&found));
        Ok(GC_OK)
    })
}

pub(crate) unsafe fn create<R>(
    group: Group<R>,
    client: *const gc_client,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status
where
    R: Managed + Serialize,
    R::Create: DeserializeOwned,
{
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let group = group(client::arg(client)?);
        let body: R::Create = ffi::json_arg(body_json, "body_json")?;
        let created = runtime::block_on(group.create(&body))??;
        ffi::give(out, gc_object::from_model(&created));
        Ok(GC_OK)
    })
}

pub(crate) unsafe fn update<R>(
    group: Group<R>,
    client: *const gc_client,
    id: *const c_char,
    body_json: *const c_char,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status
where
    R: Managed + Serialize,
    R::Update: DeserializeOwned,
{
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let group = group(client::arg(client)?);
        let id = ffi::str_arg(id, "id")?;
        let body: R::Update = ffi::json_arg(body_json, "body_json")?;
        let updated = runtime::block_on(group.update(id, &body))??;
        ffi::give(out, gc_object::from_model(&updated));
        Ok(GC_OK)
    })
}

pub(crate) unsafe fn delete<R: Managed>(
    group: Group<R>,
    client: *const gc_client,
    id: *const c_char,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let group = group(client::arg(client)?);
        let id = ffi::str_arg(id, "id")?;
        runtime::block_on(group.delete(id))??;
        Ok(GC_OK)
    })
}

pub(crate) unsafe fn wait_until<R: Stateful + Serialize>(
    group: Group<R>,
    client: *const gc_client,
    id: *const c_char,
    status: *const c_char,
    options: *const gc_wait_options,
    out: *mut *mut gc_object,
    err: *mut *mut gc_error,
) -> gc_status {
    ffi::call(err, || {
        let out = ffi::out(out)?;
        let group = group(client::arg(client)?);
        let id = ffi::str_arg(id, "id")?;
        let status = ffi::str_arg(status, "status")?;
        let options = wait::options(ffi::borrow(options));
        if let Some(reached) = runtime::block_on(group.wait_until(id, status, options))?? {
            ffi::give(out, gc_object::from_model(&reached));
        }
        Ok(GC_OK)
    })
}
