//! `adslot._adslot`, the extension module of the Python package: each function translates its
//! arguments, calls the library with the interpreter released, and translates the answer.
#![forbid(unsafe_code)]

mod errors;
mod input;
mod many;
mod output;
mod rules;

use adslot::{engine, PlaceOptions};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use errors::Subject;
use input::{Source, Taken};
use rules::Rules;

/// Places ads in ``article`` by ``rules`` and returns the plan.
///
/// ``article`` is a dict in the JSON article shape (``{"id": ..., "blocks": [{"kind":
/// "paragraph", "text": "..."}, ...]}``), a document as ``str`` or ``bytes`` (read as
/// ``format``: ``"json"``, ``"text"``, ``"html"`` or ``"markdown"``; else from ``name``'s
/// extension; else from the content), or an ``os.PathLike`` to read. ``device`` defaults to
/// the rules' ``default_device``; ``explain=True`` adds every gap's verdict (``"gaps"``).
///
/// Returns plain dicts and lists with the keys of ``adslot place``'s JSON: ``id``,
/// ``device``, ``placements`` (``before_block``, ``slot``, ``ordinal``, ``anchor``,
/// ``words_above``, ``top_px``, ``height_px``), ``page_height_px``, ``density``, and when
/// there are any ``unplaced_anchors``, ``warnings`` and ``gaps``.
///
/// Raises ``adslot.ArticleError`` for an article that cannot be read (located: line and
/// column in a document, the key in a dict, as in ``blocks[2].kind``), ``adslot.Error`` for a
/// device the rules do not define. The interpreter is released while the article is read and
/// placed, so threads place in parallel.
#[pyfunction]
#[pyo3(signature = (article, rules, device = None, explain = false, *, format = None, name = None))]
fn place<'py>(
    py: Python<'py>,
    article: &Bound<'py, PyAny>,
    rules: &Bound<'py, Rules>,
    device: Option<String>,
    explain: bool,
    format: Option<&str>,
    name: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let format = input::format(format)?;
    let source = take(py, article, name, format)?;
    let rules = rules.get().inner.clone();
    let mut options = PlaceOptions::new().explain(explain);
    options.device = device;
    let plan = py.detach(|| {
        let read = source.read(&rules, format).map_err(article_error)?;
        adslot::place(read.article(), &rules, &options).map_err(call_error)
    });
    match plan {
        Ok(plan) => output::plan(py, &plan),
        Err((e, subject)) => Err(errors::to_py(py, e, subject)),
    }
}

/// Returns the document ``source`` with a slot element written at each placement: the
/// publisher's HTML or Markdown with slots, and not one other byte changed.
///
/// ``source`` is a ``str``, ``bytes`` or ``os.PathLike`` holding HTML or Markdown, read as
/// ``format`` (else from ``name``'s extension, else from the content); slots are written in
/// that same format, from the rules' ``[html] slot_template``. ``device`` defaults to the
/// rules' default device.
///
/// Raises ``adslot.ArticleError`` for a document that cannot be read or takes no slots (JSON
/// and plain text), ``adslot.Error`` for an unknown device.
#[pyfunction]
#[pyo3(signature = (source, rules, format = None, device = None, *, name = None))]
fn insert<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    rules: &Bound<'py, Rules>,
    format: Option<&str>,
    device: Option<String>,
    name: Option<&str>,
) -> PyResult<String> {
    let format = input::format(format)?;
    let source = take(py, source, name, format)?;
    let Source::Document(source) = source else {
        return Err(PyTypeError::new_err(
            "insert() writes slots into a document (str, bytes or a path); a dict has no \
             document to write into: use place() for its plan",
        ));
    };
    let rules = rules.get().inner.clone();
    let mut options = PlaceOptions::new();
    options.device = device;
    let out = py.detach(|| {
        let doc = source.read(&rules, format).map_err(article_error)?;
        let plan = adslot::place(doc.article(), &rules, &options).map_err(call_error)?;
        doc.write_slots(&plan, &rules).map_err(article_error)
    });
    out.map_err(|(e, subject)| errors::to_py(py, e, subject))
}

/// Returns the estimated geometry of ``article`` without ads: ``{"columns", "blocks":
/// [{"index", "lines", "top_px", "height_px"}], "height_px"}``, as ``adslot layout`` prints.
///
/// ``article`` is taken as by ``place``. The device (default: the rules' default device) comes
/// from ``rules`` (default: the built-in rules); ``columns`` breaks body text at that many
/// columns instead of the device's; ``hyphenate=True`` hyphenates words that do not fit
/// (en-US), as does a device whose rules say ``hyphenate = true``.
#[pyfunction(name = "layout")]
#[pyo3(signature = (article, device = None, columns = None, *, rules = None, hyphenate = false, format = None, name = None))]
#[allow(clippy::too_many_arguments)]
fn layout_of<'py>(
    py: Python<'py>,
    article: &Bound<'py, PyAny>,
    device: Option<String>,
    columns: Option<usize>,
    rules: Option<&Bound<'py, Rules>>,
    hyphenate: bool,
    format: Option<&str>,
    name: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    if columns == Some(0) {
        return Err(PyValueError::new_err("columns must be at least 1"));
    }
    let format = input::format(format)?;
    let source = take(py, article, name, format)?;
    let rules = match rules {
        Some(r) => r.get().inner.clone(),
        None => std::sync::Arc::new(adslot::Rules::default()),
    };
    let geometry = py.detach(|| {
        let device = rules.select_device(device.as_deref()).map_err(call_error)?;
        let read = source.read(&rules, format).map_err(article_error)?;
        Ok(engine::estimate(read.article(), device, columns, hyphenate))
    });
    match geometry {
        Ok(g) => output::to_py(py, &g),
        Err((e, subject)) => Err(errors::to_py(py, e, subject)),
    }
}

/// An article's source, or the Python exception for it: `ArticleError` for a dict with a bad
/// value, `TypeError` for what is not an article, `ValueError` for a dict given a format.
fn take(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    name: Option<&str>,
    format: Option<&'static adslot::formats::Format>,
) -> PyResult<Source> {
    let source = match input::take(obj, name) {
        Ok(source) => source,
        Err(Taken::Article(e)) => return Err(errors::to_py(py, e, Subject::Article)),
        Err(Taken::Python(e)) => return Err(e),
    };
    if let (Source::Article(_), Some(f)) = (&source, format) {
        return Err(PyValueError::new_err(format!(
            "format=\"{}\" is for documents (str, bytes, paths); a dict is an article already",
            f.name()
        )));
    }
    Ok(source)
}

/// An error of reading or writing the article.
fn article_error(e: adslot::Error) -> (adslot::Error, Subject) {
    (e, Subject::Article)
}

/// An error of the call's other arguments (an unknown device).
fn call_error(e: adslot::Error) -> (adslot::Error, Subject) {
    (e, Subject::Call)
}

/// adslot: places ads inside news articles by rules ad-ops people can read.
#[pymodule]
fn _adslot(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Rules>()?;
    m.add_function(wrap_pyfunction!(place, m)?)?;
    m.add_function(wrap_pyfunction!(insert, m)?)?;
    m.add_function(wrap_pyfunction!(layout_of, m)?)?;
    m.add_function(wrap_pyfunction!(many::place_many, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
