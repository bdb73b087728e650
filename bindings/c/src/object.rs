//! Results: one object with typed accessors and its JSON, and the arrays
//! that non-paginated calls answer.

use std::ffi::{c_char, CString};
use std::ptr;
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::Value;

use crate::{ffi, fields};

/// One API object (an instance, an image, a quota, ...). Immutable; the
/// strings it hands out are borrowed and stay valid until it is freed.
pub struct gc_object {
    source: Source,
    /// The strings of [`FIELDS`], each made on its first request: a pager
    /// makes one object per item, and most callers read one or two fields.
    fields: [OnceLock<Option<CString>>; FIELDS.len()],
    json: OnceLock<CString>,
}

/// The fields with an accessor of their own, by index.
const FIELDS: [&str; 5] = ["id", "name", "status", "created_at", "region"];
const ID: usize = 0;
const NAME: usize = 1;
const STATUS: usize = 2;
const CREATED_AT: usize = 3;
const REGION: usize = 4;

/// What an object is made of: the decoded model itself, read field by
/// field through its `Serialize` (`fields.rs`), or JSON the core answered
/// untyped.
enum Source {
    Model(Box<dyn Model>),
    Value(Value),
}

/// A decoded model, as an object needs it.
trait Model: Send + Sync {
    fn text_field(&self, name: &str) -> Option<String>;
    fn json(&self) -> String;
}

impl<T: Serialize + Send + Sync> Model for T {
    fn text_field(&self, name: &str) -> Option<String> {
        fields::text_field(self, name)
    }

    fn json(&self) -> String {
        // Models hold JSON data with string keys only, which always encodes.
        serde_json::to_string(self).expect("a model encodes as JSON")
    }
}

impl gc_object {
    /// The object of a decoded model, with the API's field names and every
    /// field the server sent, unknown ones included.
    pub(crate) fn from_model<T: Serialize + Send + Sync + 'static>(model: T) -> gc_object {
        gc_object::from_source(Source::Model(Box::new(model)))
    }

    pub(crate) fn from_value(value: Value) -> gc_object {
        gc_object::from_source(Source::Value(value))
    }

    fn from_source(source: Source) -> gc_object {
        gc_object {
            source,
            fields: Default::default(),
            json: OnceLock::new(),
        }
    }

    /// Field `FIELDS[index]` as a C string, or `None` when it is absent or
    /// not a string.
    fn field(&self, index: usize) -> Option<&CString> {
        self.fields[index]
            .get_or_init(|| {
                let name = FIELDS[index];
                match &self.source {
                    Source::Model(model) => model.text_field(name).map(|s| ffi::cstring(&s)),
                    Source::Value(value) => {
                        value.get(name).and_then(Value::as_str).map(ffi::cstring)
                    }
                }
            })
            .as_ref()
    }

    fn json(&self) -> &CString {
        // JSON escapes NUL, so the text never contains one.
        self.json.get_or_init(|| {
            ffi::cstring(&match &self.source {
                Source::Model(model) => model.json(),
                Source::Value(value) => value.to_string(),
            })
        })
    }
}

unsafe fn field(object: *const gc_object, index: usize) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(object)
            .and_then(|o| o.field(index))
            .map_or(ptr::null(), |s| s.as_ptr())
    })
}

/// The object's `id`, or NULL when it has none (quotas, availability).
/// Borrowed: valid until the object (or the page or array holding it) is freed.
#[no_mangle]
pub unsafe extern "C" fn gc_object_id(object: *const gc_object) -> *const c_char {
    field(object, ID)
}

/// The object's `name`, or NULL when it has none. Borrowed like gc_object_id.
#[no_mangle]
pub unsafe extern "C" fn gc_object_name(object: *const gc_object) -> *const c_char {
    field(object, NAME)
}

/// The object's `status` (`active`, `created`, or a value newer than this
/// library), or NULL when it has none. Borrowed like gc_object_id.
#[no_mangle]
pub unsafe extern "C" fn gc_object_status(object: *const gc_object) -> *const c_char {
    field(object, STATUS)
}

/// The object's `created_at` (RFC 3339, as the server wrote it), or NULL.
/// Borrowed like gc_object_id.
#[no_mangle]
pub unsafe extern "C" fn gc_object_created_at(object: *const gc_object) -> *const c_char {
    field(object, CREATED_AT)
}

/// The object's `region` (e.g. "NORD-NO-KRS-1"), or NULL when it has none.
/// Borrowed like gc_object_id.
#[no_mangle]
pub unsafe extern "C" fn gc_object_region(object: *const gc_object) -> *const c_char {
    field(object, REGION)
}

/// The whole object as JSON with the API's field names: every field the
/// server sent, unknown fields and enum values included. Borrowed like
/// gc_object_id; NULL when `object` is NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_object_json(object: *const gc_object) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(object).map_or(ptr::null(), |o| o.json().as_ptr())
    })
}

/// Frees an object you own (from a get, create, update, wait_until or
/// gc_pager_next). Never free an object borrowed from a page or array.
/// Accepts NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_object_free(object: *mut gc_object) {
    ffi::guard((), || ffi::free(object))
}

/// The objects of a non-paginated list (gc_quotas, gc_reservations).
/// Immutable; free it with gc_array_free().
pub struct gc_array {
    items: Vec<gc_object>,
}

impl gc_array {
    pub(crate) fn from_models<T: Serialize + Send + Sync + 'static>(models: Vec<T>) -> gc_array {
        gc_array {
            items: models.into_iter().map(gc_object::from_model).collect(),
        }
    }
}

/// How many objects the array holds (0 when `array` is NULL).
#[no_mangle]
pub unsafe extern "C" fn gc_array_len(array: *const gc_array) -> usize {
    ffi::guard(0, || ffi::borrow(array).map_or(0, |a| a.items.len()))
}

/// The object at `index`, or NULL when out of range. Borrowed: valid until
/// gc_array_free(array); do not free it.
#[no_mangle]
pub unsafe extern "C" fn gc_array_get(array: *const gc_array, index: usize) -> *const gc_object {
    ffi::guard(ptr::null(), || {
        ffi::borrow(array)
            .and_then(|a| a.items.get(index))
            .map_or(ptr::null(), |o| o as *const gc_object)
    })
}

/// Frees an array and the objects in it. Accepts NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_array_free(array: *mut gc_array) {
    ffi::guard((), || ffi::free(array))
}

/// A list of strings (the actions an instance allows). Immutable; free it
/// with gc_strings_free().
pub struct gc_strings {
    items: Vec<CString>,
}

impl gc_strings {
    pub(crate) fn new<S: AsRef<str>>(items: &[S]) -> gc_strings {
        gc_strings {
            items: items.iter().map(|s| ffi::cstring(s.as_ref())).collect(),
        }
    }
}

/// How many strings the list holds (0 when `strings` is NULL).
#[no_mangle]
pub unsafe extern "C" fn gc_strings_len(strings: *const gc_strings) -> usize {
    ffi::guard(0, || ffi::borrow(strings).map_or(0, |s| s.items.len()))
}

/// The string at `index`, or NULL when out of range. Borrowed: valid until
/// gc_strings_free(strings).
#[no_mangle]
pub unsafe extern "C" fn gc_strings_get(strings: *const gc_strings, index: usize) -> *const c_char {
    ffi::guard(ptr::null(), || {
        ffi::borrow(strings)
            .and_then(|s| s.items.get(index))
            .map_or(ptr::null(), |s| s.as_ptr())
    })
}

/// Frees a list of strings. Accepts NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_strings_free(strings: *mut gc_strings) {
    ffi::guard((), || ffi::free(strings))
}

/// Frees a string the library gave you to own (gc_emulator_requests_json).
/// Accepts NULL.
#[no_mangle]
pub unsafe extern "C" fn gc_string_free(s: *mut c_char) {
    ffi::guard((), || {
        if !s.is_null() {
            drop(CString::from_raw(s));
        }
    })
}
