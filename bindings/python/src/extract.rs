//! Plain arguments (ids, settings) read from Python objects with errors a
//! Python user expects: an `InvalidArgumentError` naming the parameter,
//! which is also the `TypeError` of a value of the wrong type and the
//! `ValueError` of a value the SDK refuses (a lone surrogate, a negative
//! count).
//!
//! pyo3's own conversions would raise `UnicodeEncodeError` or
//! `OverflowError` without saying which argument was wrong.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyMapping, PyString};

use crate::error::invalid_argument;

/// The `InvalidArgumentError` (a `TypeError` too) of `name` given a value
/// of the wrong type: it names the type, never the value, which may be the
/// token.
fn wrong_type(name: &str, expected: &str, value: &Bound<'_, PyAny>) -> PyErr {
    let actual = value
        .get_type()
        .name()
        .map_or_else(|_| "?".to_owned(), |n| n.to_string());
    invalid_argument(
        value.py(),
        format!("{name} must be {expected}, not {actual}"),
    )
}

fn given<'a, 'py>(value: Option<&'a Bound<'py, PyAny>>) -> Option<&'a Bound<'py, PyAny>> {
    value.filter(|v| !v.is_none())
}

/// A string argument; `None` when not given.
pub(crate) fn text(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<String>> {
    let Some(value) = given(value) else {
        return Ok(None);
    };
    let Ok(s) = value.cast::<PyString>() else {
        return Err(wrong_type(name, "a str", value));
    };
    // The value itself is not echoed: it may be the token.
    match s.to_cow() {
        Ok(s) => Ok(Some(s.into_owned())),
        Err(_) => Err(invalid_argument(
            py,
            format!("{name} is not valid Unicode text (it contains a lone surrogate)"),
        )),
    }
}

/// A whole-number argument that must fit `T`; `None` when not given.
pub(crate) fn integer<T: TryFrom<i128>>(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<T>> {
    let Some(value) = given(value) else {
        return Ok(None);
    };
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(wrong_type(name, "an int", value));
    }
    let fits = value
        .extract::<i128>()
        .ok()
        .and_then(|n| T::try_from(n).ok());
    match fits {
        Some(n) => Ok(Some(n)),
        None => Err(invalid_argument(
            py,
            format!("{name} is out of range: {value}"),
        )),
    }
}

/// A real-number argument (`int` or `float`); `None` when not given. The
/// caller checks its range.
pub(crate) fn number(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Option<f64>> {
    let Some(value) = given(value) else {
        return Ok(None);
    };
    if value.is_instance_of::<PyBool>()
        || !(value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>())
    {
        return Err(wrong_type(name, "a number", value));
    }
    value
        .extract::<f64>()
        .map(Some)
        .map_err(|_| invalid_argument(py, format!("{name} is out of range: {value}")))
}

/// A mapping of header names to values (`str` to `str`); empty when not
/// given. Values are never echoed: one may be a secret.
pub(crate) fn headers(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
) -> PyResult<Vec<(String, String)>> {
    let Some(value) = given(value) else {
        return Ok(Vec::new());
    };
    let Ok(mapping) = value.cast::<PyMapping>() else {
        return Err(wrong_type(name, "a mapping of str to str", value));
    };
    let mut out = Vec::new();
    for item in mapping.items()?.iter() {
        let (key, val): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let key_name = format!("a key of {name}");
        let key =
            text(py, Some(&key), &key_name)?.ok_or_else(|| wrong_type(&key_name, "a str", &key))?;
        let val_name = format!("the value of {name}[{key:?}]");
        let val =
            text(py, Some(&val), &val_name)?.ok_or_else(|| wrong_type(&val_name, "a str", &val))?;
        out.push((key, val));
    }
    Ok(out)
}
