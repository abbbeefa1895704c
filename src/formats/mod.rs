//! Readers and writers of article formats: JSON blocks, plain text, HTML and Markdown.

pub(crate) mod collect;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use std::path::Path;

use crate::article::Article;
use crate::error::Error;

/// The formats an article can be read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// `{"blocks": [{"kind": ..., "text": ...}]}`.
    Json,
    /// Paragraphs separated by blank lines, the first one the headline.
    Text,
    /// An HTML article body or whole page.
    Html,
    /// CommonMark with tables and optional front matter.
    Markdown,
}

impl InputFormat {
    /// The format implied by a file name's extension, if it names one.
    ///
    /// ```
    /// use adslot::formats::InputFormat;
    /// assert_eq!(InputFormat::from_path("a/b.txt".as_ref()), Some(InputFormat::Text));
    /// assert_eq!(InputFormat::from_path("a/b.HTM".as_ref()), Some(InputFormat::Html));
    /// assert_eq!(InputFormat::from_path("a/b.md".as_ref()), Some(InputFormat::Markdown));
    /// assert_eq!(InputFormat::from_path("-".as_ref()), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(InputFormat::Json),
            "txt" | "text" => Some(InputFormat::Text),
            "html" | "htm" => Some(InputFormat::Html),
            "md" | "markdown" => Some(InputFormat::Markdown),
            _ => None,
        }
    }
}

/// Where each gap of an article lies in its source text, so writers insert and never rewrite.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SourceMap {
    /// `gaps[i]` is the byte offset in the source where an ad before block `i` is inserted;
    /// the last entry is where an ad after the last block goes.
    pub gaps: Vec<usize>,
}

/// An article read from some input, with the map back to that input when the format has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The article's blocks.
    pub article: Article,
    /// Byte offsets of the gaps in the input (absent for JSON, which has no body to insert into).
    pub source_map: Option<SourceMap>,
}

/// Reads an article from `text` in `format`; `origin` names the input in errors. `html` is
/// used only for [`InputFormat::Html`].
///
/// ```
/// use adslot::formats::{read, InputFormat};
/// use adslot::markup::HtmlOptions;
/// let opts = HtmlOptions::default();
/// let doc = read("story.txt", "Headline\n\nFirst paragraph.\n", InputFormat::Text, &opts).unwrap();
/// assert_eq!(doc.article.blocks.len(), 2);
/// let doc = read("story.html", "<h1>H</h1><p>P</p>", InputFormat::Html, &opts).unwrap();
/// assert_eq!(doc.article.blocks.len(), 2);
/// ```
pub fn read(
    origin: &str,
    text: &str,
    format: InputFormat,
    html: &crate::markup::HtmlOptions,
) -> Result<Document, Error> {
    match format {
        InputFormat::Json => Ok(Document {
            article: json::read(origin, text)?,
            source_map: None,
        }),
        InputFormat::Text => Ok(text::read(text)),
        InputFormat::Html => html::read(origin, text, html),
        InputFormat::Markdown => markdown::read(origin, text, html),
    }
}

/// Copies `source` with each `(offset, markup)` inserted at its byte offset, nothing else changed.
///
/// Insertions must be sorted by offset; those at the same offset keep their order.
///
/// ```
/// let out = adslot::formats::insert_at("ab", &[(1, "<x>".to_string())]);
/// assert_eq!(out, "a<x>b");
/// ```
pub fn insert_at(source: &str, insertions: &[(usize, String)]) -> String {
    let extra: usize = insertions.iter().map(|(_, m)| m.len()).sum();
    let mut out = String::with_capacity(source.len() + extra);
    let mut copied = 0;
    for (offset, markup) in insertions {
        let at = (*offset).clamp(copied, source.len());
        out.push_str(&source[copied..at]);
        out.push_str(markup);
        copied = at;
    }
    out.push_str(&source[copied..]);
    out
}
