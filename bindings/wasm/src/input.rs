//! Articles from JavaScript: an article object (as JSON text, from `JSON.stringify`), or a
//! document string read as the format asked for, else by its name's extension, else by its
//! content. Both arrive as UTF-8 bytes (the package's JavaScript encodes them with
//! `TextEncoder`: wasm-bindgen's own string copy, a loop over UTF-16 code units, cost a quarter
//! of a `place` call).

use adslot::formats::{self, Format};
use adslot::{Article, Document, ReadOptions, Rules};

use crate::errors::{Failure, Subject};

/// What an article was given as.
pub enum Source<'a> {
    /// An object's JSON text (UTF-8), named `name` in errors.
    Object(&'a [u8], &'a str),
    /// A document (UTF-8), named `name`, to read as `format` if given.
    Document(&'a [u8], &'a str, Option<&'static Format>),
}

/// An article read: from an object, or a document kept with its text.
pub enum Read {
    /// An object's article.
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

    /// The article, without the document's text.
    pub fn into_article(self) -> Article {
        match self {
            Read::Article(a) => a,
            Read::Document(d) => d.article().clone(),
        }
    }
}

impl<'a> Source<'a> {
    /// The source of `text` (UTF-8 bytes, or a `str`): an object's JSON when `object`, else a
    /// document in `format` (by name); a `call` error for an unknown format.
    pub fn new<T: AsRef<[u8]> + ?Sized>(
        text: &'a T,
        object: bool,
        format: Option<&str>,
        name: &'a str,
    ) -> Result<Source<'a>, Failure> {
        let text = text.as_ref();
        if object {
            return Ok(Source::Object(text, name));
        }
        let format = match format {
            None => None,
            Some(f) => Some(formats::by_name(f).ok_or_else(|| {
                let known: Vec<&str> = formats::ALL.iter().map(|f| f.name()).collect();
                Failure::call(format!(
                    "unknown format `{f}` (the formats: {})",
                    known.join(", ")
                ))
            })?),
        };
        Ok(Source::Document(text, name, format))
    }

    /// The article, read with `rules`' `[html]` settings.
    pub fn read(self, rules: &Rules) -> Result<Read, Failure> {
        match self {
            Source::Object(json, name) => object(json, name).map(Read::Article),
            Source::Document(..) => self.document(rules).map(Read::Document),
        }
    }

    /// The document, read with `rules`' `[html]` settings; an object is refused, as it has no
    /// document to write slots into.
    pub fn document(self, rules: &Rules) -> Result<Document, Failure> {
        let Source::Document(text, name, format) = self else {
            return Err(Failure::call(
                "insert() writes slots into a document (a string); an object has no document \
                 to write into: use place() for its plan",
            ));
        };
        // A string is text already: decoded as UTF-8 whatever a <meta charset> declares.
        let mut options = ReadOptions::default().with_encoding(encoding_rs::UTF_8);
        if let Some(format) = format {
            options = options.with_format(format);
        }
        Document::read_bytes(name, text.to_vec(), rules, &options)
            .map_err(|e| Failure::of(&e, Subject::Article))
    }
}

/// An article object, as the JSON reader would take it: the same keys, kinds and ranges, each
/// problem named by its key (`blocks[2].kind: unknown block kind ...`), as the Python binding
/// names a dict's.
fn object(json: &[u8], name: &str) -> Result<Article, Failure> {
    // serde_json alone on the hot path; only a failed reading is read again, tracking keys,
    // to say where.
    let article: Article = match serde_json::from_slice(json) {
        Ok(article) => article,
        Err(e) => return Err(located(json, name, e)),
    };
    if let Some((path, message)) = formats::geometry_out_of_range(&article) {
        return Err(at_key(name, &path, message));
    }
    Ok(article)
}

/// The error `e` of an object that does not read as an article, at its key (read again,
/// tracking keys; a reading that fails only at the end has no key).
fn located(json: &[u8], name: &str, e: serde_json::Error) -> Failure {
    let mut de = serde_json::Deserializer::from_slice(json);
    let (path, e) = match serde_path_to_error::deserialize::<_, Article>(&mut de) {
        Err(tracked) => (tracked.path().to_string(), tracked.into_inner()),
        Ok(_) => (String::new(), e),
    };
    // The place is the key: serde_json's line and column would be JSON.stringify's.
    let mut message = e.to_string();
    if e.line() > 0 {
        if let Some(at) = message.rfind(" at line ") {
            message.truncate(at);
        }
    }
    at_key(name, &path, message)
}

/// A problem of an article object, at `key` (`.` is the object itself).
fn at_key(name: &str, key: &str, message: String) -> Failure {
    let message = match key {
        "." | "" => message,
        key => format!("{key}: {message}"),
    };
    Failure::of(
        &adslot::Error::at(name, None, message, None),
        Subject::Article,
    )
}
