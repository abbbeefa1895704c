//! The library's answers as plain Python dicts and lists, with the keys of the CLI's JSON (the
//! same serde types make both).

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::Serialize;

/// `value` as Python data: structs and maps as dicts, sequences as lists.
pub fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyDict>> {
    let object = pythonize::pythonize(py, value)?;
    Ok(object.cast_into::<PyDict>()?)
}
