//! The C library of the Genesis Cloud SDK: `libgenesiscloud` and
//! `include/genesiscloud.h`, a thin skin over the Rust core.
//!
//! Every export is written out literally (`#[no_mangle] pub unsafe extern
//! "C" fn`) so that cbindgen sees it, and its body runs through
//! [`ffi::call`] or [`ffi::guard`] so that no panic crosses into C. The
//! conventions every function follows (statuses, errors, ownership,
//! threads) are stated once at the top of the generated header.

// The exported names are the C API's (`gc_client`, `gc_status`, ...).
#![allow(non_camel_case_types)]
// Every export takes raw pointers under the same contract, which the header
// states once in its preamble instead of in a `# Safety` section per function.
#![allow(clippy::missing_safety_doc)]

// Declared in the order the header presents them (cbindgen follows it);
// the blank lines keep rustfmt from sorting them.
mod version;

mod error;

mod client;

mod response;

mod object;

mod fields;

mod pagination;

mod wait;

mod resources;

mod queue;

mod queued;

mod log;

mod emulator;

mod ffi;

mod runtime;

mod sigpipe;

#[cfg(debug_assertions)]
mod test_hooks;
