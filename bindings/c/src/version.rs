//! The library's version at run time, to compare with the header's
//! `GC_VERSION_*` macros.

use std::ffi::{c_char, CStr};

use crate::ffi;

const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => panic!("the crate version contains no NUL"),
    };

/// The version of the library actually loaded, e.g. `"0.1.0"` (static
/// storage). It may differ from GC_VERSION_STRING when a program was built
/// against another header.
#[no_mangle]
pub extern "C" fn gc_version() -> *const c_char {
    ffi::guard(VERSION.as_ptr(), || VERSION.as_ptr())
}
