//! The library's errors as Python exceptions: `adslot.RulesError` and `adslot.ArticleError`
//! (both `adslot.Error`, a `ValueError`) with every problem located, `OSError` for files.

use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyTuple, PyType};

/// What an error is about, which picks its Python class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A rule file: `adslot.RulesError`.
    Rules,
    /// An article or document: `adslot.ArticleError`.
    Article,
    /// The call itself (an unknown device): `adslot.Error`.
    Call,
}

/// One of the exception classes defined in `adslot/_errors.py`, imported once.
fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    static ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static RULES: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static ARTICLE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static PROBLEM: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let cell = match name {
        "RulesError" => &RULES,
        "ArticleError" => &ARTICLE,
        "Problem" => &PROBLEM,
        _ => &ERROR,
    };
    cell.import(py, "adslot._errors", name).cloned()
}

/// A located problem as an `adslot.Problem` (path, line, column, message, help).
pub fn problem<'py>(py: Python<'py>, d: &adslot::Diagnostic) -> PyResult<Bound<'py, PyAny>> {
    let (line, column) = match d.position {
        Some(p) => (Some(p.line), Some(p.column)),
        None => (None, None),
    };
    class(py, "Problem")?.call1((
        d.origin.as_str(),
        line,
        column,
        d.message.as_str(),
        d.help.as_deref(),
    ))
}

/// The problems of an error: each located diagnostic, or the error itself under its input's
/// name when it has one but no place (not UTF-8, too large).
fn diagnostics(error: &adslot::Error) -> Vec<adslot::Diagnostic> {
    let unplaced = |origin: &str| {
        let text = error.to_string();
        let message = text
            .strip_prefix(origin)
            .and_then(|t| t.strip_prefix(": "))
            .unwrap_or(&text)
            .to_string();
        vec![adslot::Diagnostic {
            origin: origin.to_string(),
            position: None,
            message,
            help: None,
        }]
    };
    match error {
        adslot::Error::Invalid(d) => d.clone(),
        adslot::Error::Utf8 { origin, .. } | adslot::Error::TooLarge { origin, .. } => {
            unplaced(origin)
        }
        _ => Vec::new(),
    }
}

/// `error` as a Python exception about `subject`, with the CLI's message.
pub fn to_py(py: Python<'_>, error: adslot::Error, subject: Subject) -> PyErr {
    match build(py, &error, subject) {
        Ok(e) => e,
        Err(e) => e,
    }
}

fn build(py: Python<'_>, error: &adslot::Error, subject: Subject) -> PyResult<PyErr> {
    if let adslot::Error::Io { origin, source } = error {
        // OSError(errno, strerror, filename) is FileNotFoundError, PermissionError, ... by errno.
        let os_error = py.get_type::<PyOSError>();
        let value = match source.raw_os_error() {
            Some(errno) => {
                let strerror = py.import("os")?.call_method1("strerror", (errno,))?;
                os_error.call1((errno, strerror, origin.as_str()))?
            }
            None => os_error.call1((error.to_string(),))?,
        };
        return Ok(PyErr::from_value(value));
    }
    let name = match (subject, error) {
        (_, adslot::Error::UnknownDevice { .. }) | (Subject::Call, _) => "Error",
        (Subject::Rules, _) => "RulesError",
        (Subject::Article, _) => "ArticleError",
    };
    let problems = diagnostics(error)
        .iter()
        .map(|d| problem(py, d))
        .collect::<PyResult<Vec<_>>>()?;
    let problems = PyTuple::new(py, problems)?;
    let value = class(py, name)?.call1((error.to_string(), problems))?;
    Ok(PyErr::from_value(value))
}
