//! `adslot.Rules`: a loaded rule file, shared read-only by every call and thread that uses it.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::errors::{self, Subject};

/// A loaded rule file: the policy, anchors, slot sizes and devices.
///
/// Load one with ``Rules.from_toml(text, name="rules.toml")`` or ``Rules.from_path(path)``;
/// ``Rules()`` is the built-in rules (every default, devices ``mobile`` and ``desktop``).
/// Every problem of a file is raised at once as ``adslot.RulesError``, each located.
/// Rules are immutable and can be shared by threads; they pickle as their TOML text.
#[pyclass(module = "adslot", name = "Rules", frozen)]
pub struct Rules {
    pub inner: Arc<adslot::Rules>,
    /// The file's text and name, for pickling (`None`: the built-in rules).
    source: Option<(String, String)>,
}

impl Rules {
    fn load(py: Python<'_>, text: String, name: String) -> PyResult<Rules> {
        let loaded = py.detach(|| adslot::Rules::from_toml(&name, &text));
        match loaded {
            Ok(rules) => Ok(Rules {
                inner: Arc::new(rules),
                source: Some((text, name)),
            }),
            Err(e) => Err(errors::to_py(py, e, Subject::Rules)),
        }
    }
}

#[pymethods]
impl Rules {
    /// The built-in rules: every default, devices ``mobile`` and ``desktop``, no anchors.
    #[new]
    fn new() -> Rules {
        Rules {
            inner: Arc::new(adslot::Rules::default()),
            source: None,
        }
    }

    /// Parses a rule file's TOML ``text``; ``name`` names it in errors and warnings.
    ///
    /// Raises ``adslot.RulesError`` with every problem of the file (``.problems``), each at its
    /// line and column, with the message ``adslot check`` prints.
    #[staticmethod]
    #[pyo3(signature = (text, name = "rules.toml".to_string()), text_signature = "(text, name=\"rules.toml\")")]
    fn from_toml(py: Python<'_>, text: String, name: String) -> PyResult<Rules> {
        Rules::load(py, text, name)
    }

    /// Reads and parses the rule file at ``path`` (a ``str`` or ``os.PathLike``).
    ///
    /// Raises ``OSError`` (``FileNotFoundError``, ...) when it cannot be read, and
    /// ``adslot.RulesError`` as ``from_toml`` does.
    #[staticmethod]
    fn from_path(py: Python<'_>, path: PathBuf) -> PyResult<Rules> {
        let read = py.detach(|| {
            let limit = adslot::source::DEFAULT_MAX_INPUT_BYTES;
            let bytes = adslot::source::read_input(&path, limit)?;
            let name = adslot::source::display_name(&path);
            let text = adslot::source::decode(&name, &bytes)?.to_string();
            Ok::<_, adslot::Error>((text, name))
        });
        match read {
            Ok((text, name)) => Rules::load(py, text, name),
            Err(e) => Err(errors::to_py(py, e, Subject::Rules)),
        }
    }

    /// The rule file's name for itself (its top-level ``name``).
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The device used when none is asked for.
    #[getter]
    fn default_device(&self) -> &str {
        &self.inner.default_device
    }

    /// The names of the devices, ``mobile`` and ``desktop`` always among them.
    #[getter]
    fn devices<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.inner.device_names())
    }

    /// What the file probably did not mean although it is valid, as ``adslot.Problem`` values.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self
            .inner
            .warnings
            .iter()
            .map(|d| errors::problem(py, d))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// The summary ``adslot check`` prints, as data: ``name``, ``warnings`` (``Problem``
    /// values), ``anchors``, ``slots`` (sizes, and the height each device reserves), ``html``
    /// (every ``[html]`` key, ``None`` when unset) and ``devices`` (columns, viewport, in-flow
    /// slot, and the rules each changes from the defaults, with their values).
    fn check<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let summary = adslot::rules::Summary::of(&self.inner);
        let out = crate::output::to_py(py, &summary)?;
        // Warnings as Problem values, like an error's problems.
        out.set_item("warnings", self.warnings(py)?)?;
        Ok(out)
    }

    fn __repr__(&self) -> String {
        match &self.source {
            Some((_, name)) => format!(
                "<adslot.Rules `{}` from {name}: devices {}>",
                self.inner.name,
                self.inner.device_names().join(", ")
            ),
            None => "<adslot.Rules: the built-in rules>".to_string(),
        }
    }

    /// Pickles as the TOML text and name: loading again gives the same rules.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let class = py.get_type::<Rules>();
        match &this.source {
            Some((text, name)) => (class.getattr("from_toml")?, (text, name)).into_pyobject(py),
            None => (class, PyTuple::empty(py)).into_pyobject(py),
        }
    }
}
