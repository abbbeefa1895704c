//! `place_many`: a list of articles placed on the Rust thread pool, the interpreter released.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rayon::prelude::*;

use crate::errors::{self, Subject};
use crate::input::{self, Source, Taken};
use crate::rules::Rules;

/// One article's outcome: its plan, or its error and what the error is about.
type Outcome = Result<adslot::Plan, (adslot::Error, Subject)>;

/// Places every article of ``articles`` (an iterable of what ``place`` takes) by ``rules`` on
/// ``threads`` Rust threads (default: one per core), and returns the plans in order.
///
/// Dicts are converted first, with the interpreter held; then the documents are read and
/// every article placed in parallel with it released. Article ``i`` is reported under the
/// name ``articles[i]`` (or ``names[i]``, when ``names`` is given, whose extension may also
/// give the format). ``format``, ``device`` and ``explain`` are as for ``place``.
///
/// A bad article raises its ``adslot.ArticleError`` (the first one, in order) unless
/// ``return_exceptions=True``: then its place in the list holds the exception instead, and
/// the others their plans, so one bad article among many costs only its own answer.
#[pyfunction]
#[pyo3(signature = (articles, rules, device = None, explain = false, *, threads = None, format = None, names = None, return_exceptions = false))]
#[allow(clippy::too_many_arguments)]
pub fn place_many<'py>(
    py: Python<'py>,
    articles: &Bound<'py, PyAny>,
    rules: &Bound<'py, Rules>,
    device: Option<String>,
    explain: bool,
    threads: Option<usize>,
    format: Option<&str>,
    names: Option<Vec<String>>,
    return_exceptions: bool,
) -> PyResult<Bound<'py, PyList>> {
    let format = input::format(format)?;
    let pool = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?,
        ),
        None => None,
    };
    // Dicts need the interpreter: they are converted here, in order, errors kept in place.
    let mut sources: Vec<Result<Source, adslot::Error>> = Vec::new();
    for (i, obj) in articles.try_iter()?.enumerate() {
        let obj = obj?;
        let name = match &names {
            Some(names) => names.get(i).cloned().ok_or_else(|| {
                PyValueError::new_err(format!("names has {} entries, articles more", names.len()))
            })?,
            None => format!("articles[{i}]"),
        };
        match input::take(&obj, Some(&name)) {
            Ok(Source::Article(_)) if format.is_some() => {
                return Err(PyValueError::new_err(format!(
                    "articles[{i}] is a dict: format= is for documents (str, bytes, paths)"
                )))
            }
            Ok(source) => sources.push(Ok(source)),
            Err(Taken::Article(e)) => sources.push(Err(e)),
            Err(Taken::Python(e)) => return Err(e),
        }
    }
    if let Some(names) = &names {
        if names.len() != sources.len() {
            return Err(PyValueError::new_err(format!(
                "names has {} entries for {} articles",
                names.len(),
                sources.len()
            )));
        }
    }
    let rules = rules.get().inner.clone();
    let mut options = adslot::PlaceOptions::new().explain(explain);
    options.device = device;
    let outcomes: Vec<Outcome> = py
        .detach(|| {
            // Fail once for an unknown device, rather than once per article.
            rules.select_device(options.device.as_deref())?;
            let run = || {
                sources
                    .into_par_iter()
                    .map(|source| {
                        let read = source
                            .and_then(|s| s.read(&rules, format))
                            .map_err(|e| (e, Subject::Article))?;
                        adslot::place(read.article(), &rules, &options)
                            .map_err(|e| (e, Subject::Call))
                    })
                    .collect()
            };
            Ok(match &pool {
                Some(pool) => pool.install(run),
                None => run(),
            })
        })
        .map_err(|e| errors::to_py(py, e, Subject::Call))?;
    let out = PyList::empty(py);
    for outcome in outcomes {
        match outcome {
            Ok(plan) => out.append(crate::output::plan(py, &plan)?)?,
            Err((e, subject)) => {
                let error = errors::to_py(py, e, subject);
                if !return_exceptions {
                    return Err(error);
                }
                out.append(error.into_value(py))?;
            }
        }
    }
    Ok(out)
}
