//! The base of every model class and the descriptor of its fields.
//!
//! A model is a thin object over the dict decoded from the API's JSON: the
//! dict is the single source of truth (so `to_dict()` gives back exactly
//! what was sent, unknown fields and enum values included), creating a model
//! costs one allocation, and fields are read lazily by `Field` descriptors
//! that `genesiscloud._model_base` installs from each class's annotations.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};

static DEEPCOPY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

fn deepcopy<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    DEEPCOPY
        .import(value.py(), "copy", "deepcopy")?
        .call1((value,))
}

/// Base class of the API's data objects (`Instance`, `Image`, …).
#[pyclass(subclass, frozen, module = "genesiscloud._native", name = "Model")]
pub(crate) struct Model {
    data: Py<PyDict>,
}

#[pymethods]
impl Model {
    /// Wraps the object's wire JSON, as a dict.
    #[new]
    #[pyo3(signature = (data, /))]
    fn new(data: Bound<'_, PyDict>) -> Model {
        Model {
            data: data.unbind(),
        }
    }

    /// The object as the API sent it (a deep copy), unknown fields included.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        deepcopy(self.data.bind(py).as_any())
    }

    fn __eq__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if !other.get_type().is(slf.get_type()) {
            return Ok(py.NotImplemented());
        }
        let Ok(other) = other.cast::<Model>() else {
            return Ok(py.NotImplemented());
        };
        let equal = slf.get().data.bind(py).eq(other.get().data.bind(py))?;
        Ok(pyo3::types::PyBool::new(py, equal)
            .to_owned()
            .into_any()
            .unbind())
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        let cls = slf.get_type();
        let data = slf.get().data.bind(py);
        let mut out = format!("{}(", cls.name()?);
        let mut first = true;
        if let Ok(names) = cls.getattr("_repr_fields") {
            for name in names.try_iter()? {
                let name = name?;
                if let Some(value) = data.get_item(&name)? {
                    if !first {
                        out.push_str(", ");
                    }
                    first = false;
                    out.push_str(&format!("{}={}", name.str()?, value.repr()?));
                }
            }
        }
        out.push(')');
        Ok(out)
    }

    /// Pickles as the class and its dict.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let args = PyTuple::new(py, [slf.get().data.bind(py)])?;
        PyTuple::new(py, [slf.get_type().into_any(), args.into_any()])
    }
}

/// What a field holds, and so how it is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A string, number, bool, list of those or free-form dict: copied when
    /// mutable, so the model stays unchanged.
    Plain,
    /// A nested object, wrapped in its model class (`None` stays `None`).
    Nested,
    /// A list of nested objects.
    NestedList,
}

/// Descriptor reading one key of a model's dict.
#[pyclass(frozen, module = "genesiscloud._native", name = "Field")]
pub(crate) struct Field {
    key: Py<PyString>,
    kind: Kind,
    cls: Option<Py<PyType>>,
}

#[pymethods]
impl Field {
    /// `key` in the wire JSON; `cls` wraps nested objects (`many` for a
    /// list of them).
    #[new]
    #[pyo3(signature = (key, cls=None, many=false))]
    fn new(py: Python<'_>, key: &str, cls: Option<Bound<'_, PyType>>, many: bool) -> Field {
        let kind = match (&cls, many) {
            (None, _) => Kind::Plain,
            (Some(_), false) => Kind::Nested,
            (Some(_), true) => Kind::NestedList,
        };
        Field {
            key: PyString::intern(py, key).unbind(),
            kind,
            cls: cls.map(Bound::unbind),
        }
    }

    fn __get__<'py>(
        slf: &Bound<'py, Self>,
        obj: Option<&Bound<'py, PyAny>>,
        _owner: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let Some(obj) = obj.filter(|o| !o.is_none()) else {
            return Ok(slf.clone().into_any());
        };
        let this = slf.get();
        let model = obj.cast::<Model>()?;
        let Some(value) = model.get().data.bind(py).get_item(this.key.bind(py))? else {
            return Ok(py.None().into_bound(py));
        };
        if value.is_none() {
            return Ok(value);
        }
        match (this.kind, &this.cls) {
            (Kind::Nested, Some(cls)) => cls.bind(py).call1((value,)),
            (Kind::NestedList, Some(cls)) => {
                let cls = cls.bind(py);
                let items = value
                    .try_iter()?
                    .map(|item| cls.call1((item?,)))
                    .collect::<PyResult<Vec<_>>>()?;
                Ok(PyList::new(py, items)?.into_any())
            }
            _ => {
                if let Ok(list) = value.cast::<PyList>() {
                    if list
                        .iter()
                        .all(|v| !v.is_instance_of::<PyList>() && !v.is_instance_of::<PyDict>())
                    {
                        return Ok(list.get_slice(0, list.len()).into_any());
                    }
                    return deepcopy(&value);
                }
                if value.is_instance_of::<PyDict>() {
                    return deepcopy(&value);
                }
                Ok(value)
            }
        }
    }
}
