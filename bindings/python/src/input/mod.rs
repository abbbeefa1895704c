//! Articles from Python: a dict in the JSON article shape, a document as `str` or `bytes` (format
//! asked for, else from `name`'s extension, else from the content), or a path to a file.

use std::path::PathBuf;

use adslot::formats::{self, Format};
use adslot::{Article, Document, ReadOptions, Rules};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyMapping, PyString};

mod fast;

/// What an article was given as, taken out of its Python objects (so it can cross threads).
pub enum Source {
    /// A dict, already converted.
    Article(Article),
    /// A document, to be read.
    Document(DocumentSource),
}

/// A document to read: its bytes and the name they are reported under, or a file.
pub enum DocumentSource {
    /// Bytes named by the caller.
    Bytes(String, Vec<u8>),
    /// A file to read.
    Path(PathBuf),
}

/// The name a document or dict without a `name=` is reported under.
pub const DEFAULT_NAME: &str = "<article>";

/// The format called `name`, or a `ValueError` listing the formats there are.
pub fn format(name: Option<&str>) -> PyResult<Option<&'static Format>> {
    let Some(name) = name else {
        return Ok(None);
    };
    formats::by_name(name).map(Some).ok_or_else(|| {
        let known: Vec<&str> = formats::ALL.iter().map(|f| f.name()).collect();
        PyValueError::new_err(format!(
            "unknown format `{name}` (the formats: {})",
            known.join(", ")
        ))
    })
}

/// Takes an article out of `obj`: a mapping is converted now (it needs the interpreter), a
/// document is copied to be read later, a path is kept.
pub fn take(obj: &Bound<'_, PyAny>, name: Option<&str>) -> Result<Source, Taken> {
    let name = name.unwrap_or(DEFAULT_NAME);
    if let Ok(text) = obj.cast::<PyString>() {
        let text = text.to_cow().map_err(Taken::Python)?;
        return Ok(Source::Document(DocumentSource::Bytes(
            name.to_string(),
            text.into_owned().into_bytes(),
        )));
    }
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(Source::Document(DocumentSource::Bytes(
            name.to_string(),
            bytes.as_bytes().to_vec(),
        )));
    }
    if obj.cast::<PyMapping>().is_ok() {
        return dict(obj, name).map(Source::Article);
    }
    if obj.hasattr("__fspath__").map_err(Taken::Python)? {
        let path: PathBuf = obj.extract().map_err(Taken::Python)?;
        return Ok(Source::Document(DocumentSource::Path(path)));
    }
    Err(Taken::Python(PyTypeError::new_err(format!(
        "an article is a dict (the JSON article shape), a str or bytes document, or a path; \
         got {}",
        obj.get_type().name().map_err(Taken::Python)?
    ))))
}

/// Why an article could not be taken: a problem of the article (raised as `ArticleError`),
/// or the wrong kind of object (a Python error as it is).
pub enum Taken {
    /// The article's own problem.
    Article(adslot::Error),
    /// Not an article at all.
    Python(PyErr),
}

impl DocumentSource {
    /// Reads the document with `rules`' `[html]` settings, as `format` if given. Needs no
    /// interpreter.
    pub fn read(
        self,
        rules: &Rules,
        format: Option<&'static Format>,
    ) -> Result<Document, adslot::Error> {
        let mut options = ReadOptions::default();
        if let Some(format) = format {
            options = options.with_format(format);
        }
        match self {
            DocumentSource::Bytes(name, bytes) => {
                Document::read_bytes(name, bytes, rules, &options)
            }
            DocumentSource::Path(path) => Document::read_path(path, rules, &options),
        }
    }
}

/// An article read: from a dict, or a document kept with its text.
pub enum Read {
    /// A dict's article.
    Article(Article),
    /// A document.
    Document(Document),
}

impl Read {
    /// The article.
    pub fn article(&self) -> &Article {
        match self {
            Read::Article(a) => a,
            Read::Document(d) => d.article(),
        }
    }
}

impl Source {
    /// Reads the article (a dict's is read already). Needs no interpreter.
    pub fn read(
        self,
        rules: &Rules,
        format: Option<&'static Format>,
    ) -> Result<Read, adslot::Error> {
        match self {
            Source::Article(article) => Ok(Read::Article(article)),
            Source::Document(d) => d.read(rules, format).map(Read::Document),
        }
    }
}

/// A dict in the JSON article shape, as the JSON reader would take it: the same keys, kinds
/// and ranges, each problem named by its key (`blocks[2].kind: unknown block kind ...`).
///
/// Two readings, as in the JSON reader: a walk of plain dicts, lists and strings that knows
/// the article's keys (the hot path: 5x faster than serde through `pythonize` on a
/// 2,000-word article), and when it meets anything else (a key it does not know, a value
/// of another type, a mapping that is not a dict) the serde reading of `Article` itself,
/// which takes every valid article and says where an invalid one is wrong.
fn dict(obj: &Bound<'_, PyAny>, name: &str) -> Result<Article, Taken> {
    let article = match fast::article(obj) {
        Some(article) => article,
        None => {
            let mut de = pythonize::Depythonizer::from_object(obj);
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let path = e.path().to_string();
                let message = e.into_inner().to_string();
                Taken::Article(at_key(name, &path, message))
            })?
        }
    };
    if let Some((path, message)) = formats::geometry_out_of_range(&article) {
        return Err(Taken::Article(at_key(name, &path, message)));
    }
    Ok(article)
}

/// A problem of a dict article, at `key` (`.` is the dict itself).
fn at_key(name: &str, key: &str, message: String) -> adslot::Error {
    let message = match key {
        "." | "" => message,
        key => format!("{key}: {message}"),
    };
    adslot::Error::at(name, None, message, None)
}
