//! The article formats as one table of readers and writers: ANS, JSON blocks, plain text, Gutenberg, HTML, Markdown.
//!
//! Each format is a module with one [`Format`] entry: its name, file extensions, how its content
//! is recognised, its reader (one signature for all) and, for formats slots can be written
//! into, its slot writer. [`ALL`] lists them; adding a format is one module and one entry there.

pub mod ans;
pub(crate) mod collect;
pub mod gutenberg;
pub mod html;
pub mod json;
pub mod markdown;
mod slots;
pub(crate) mod structure;
pub mod text;

use std::ops::RangeInclusive;
use std::path::Path;

use crate::article::Article;
use crate::error::Error;
use crate::markup::HtmlOptions;
use crate::source::Declared;

pub(crate) use slots::insert_slots;
pub(crate) use slots::template;
pub use slots::{
    insert_at, slot_markup, slot_pieces, write_slots, SlotError, SlotRenderer, Slots, Written,
};

/// Every format, in the order they are listed to users. Sniffing prefers the first of equally
/// likely formats, so a format that refines another (WordPress block markup is HTML with
/// block comments) is listed before it.
pub static ALL: &[&Format] = &[
    &ans::FORMAT,
    &json::FORMAT,
    &text::FORMAT,
    &gutenberg::FORMAT,
    &html::FORMAT,
    &markdown::FORMAT,
];

/// A reader: an article (and its gaps' places, where the format has a body to write into)
/// from `text`, which `origin` names in errors. `html` are the rule file's `[html]` settings,
/// for formats that hold HTML.
pub type Reader = fn(origin: &str, text: &str, html: &HtmlOptions) -> Result<Parsed, Error>;

/// A slot writer: appends `markup` (one slot element) to `out`, the output so far, which ends
/// where the slot goes; `after` is the input that follows. Fails with a reason when the markup
/// cannot stand in this format.
pub type SlotWriter = fn(out: &mut String, after: &str, markup: &str) -> Result<(), String>;

/// How a format's bytes declare their encoding (HTML: `<meta charset>`).
pub type EncodingSniffer = fn(bytes: &[u8]) -> Option<Declared>;

/// How much a text looks like a format; [`sniff`] picks the most likely one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Likeness {
    /// Not this format.
    No,
    /// Anything can be read as this format (plain text).
    Fallback,
    /// Signs of the format (Markdown headings, fences, front matter...).
    Likely,
    /// Unmistakably this format (a JSON object, a tag at the start).
    Clear,
}

/// One article format: how it is named, recognised, read and written.
pub struct Format {
    pub(in crate::formats) name: &'static str,
    pub(in crate::formats) label: &'static str,
    pub(in crate::formats) extensions: &'static [&'static str],
    pub(in crate::formats) sniff: fn(&str) -> Likeness,
    /// How the input's bytes declare their encoding, for formats that can (HTML's
    /// `<meta charset>`); others are UTF-8 unless a byte order mark or the caller says.
    pub(in crate::formats) declared_encoding: Option<EncodingSniffer>,
    pub(in crate::formats) read: Reader,
    pub(in crate::formats) slots: Option<Slots>,
}

impl Format {
    /// The format's name, as users ask for it (`json`, `text`, `html`, `markdown`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The format's name in sentences (`JSON`, `plain text`, `HTML`, `Markdown`).
    pub fn label(&self) -> &'static str {
        self.label
    }

    /// File extensions (lowercase, without the dot) that mean this format.
    pub fn extensions(&self) -> &'static [&'static str] {
        self.extensions
    }

    /// How much `text` looks like this format.
    pub fn likeness(&self, text: &str) -> Likeness {
        (self.sniff)(text)
    }

    /// The encoding `bytes` declare in this format's own way (HTML: the WHATWG `<meta
    /// charset>` prescan), if the format has one and the bytes make a declaration.
    ///
    /// ```
    /// use adslot::formats::{html, markdown};
    /// let page = b"<meta charset=shift_jis><p>x</p>";
    /// assert_eq!(html::FORMAT.declared_encoding(page).unwrap().encoding.name(), "Shift_JIS");
    /// assert!(markdown::FORMAT.declared_encoding(page).is_none());
    /// ```
    pub fn declared_encoding(&self, bytes: &[u8]) -> Option<Declared> {
        self.declared_encoding.and_then(|declared| declared(bytes))
    }

    /// Whether slots can be written into inputs of this format.
    pub fn writes_slots(&self) -> bool {
        self.slots.is_some()
    }

    /// Reads `text` as this format; `origin` names it in errors. When the text fails to read
    /// and looks like another format, the error says so.
    ///
    /// ```
    /// use adslot::formats::{self, json, markdown};
    /// let opts = adslot::markup::HtmlOptions::default();
    /// let doc = markdown::FORMAT.read("a.md", "# Title\n\nText.\n", &opts).unwrap();
    /// assert_eq!(doc.article.blocks.len(), 2);
    /// let e = json::FORMAT.read("a.json", "<p>Hello</p>", &opts).unwrap_err();
    /// assert_eq!(e.to_string(), "a.json:1:1: expected value (the content looks like HTML, not JSON)");
    /// ```
    pub fn read(&self, origin: &str, text: &str, html: &HtmlOptions) -> Result<Parsed, Error> {
        (self.read)(origin, text, html).map_err(|mut e| {
            let seems = sniff(text);
            if seems != self {
                if let Error::Invalid(diagnostics) = &mut e {
                    for d in diagnostics.iter_mut().filter(|d| d.help.is_none()) {
                        d.help = Some(format!(
                            "the content looks like {}, not {}",
                            seems.label, self.label
                        ));
                    }
                }
            }
            e
        })
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.name == other.name
    }
}

impl Eq for Format {}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Format({})", self.name)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl serde::Serialize for Format {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

/// The format called `name`.
///
/// ```
/// assert_eq!(adslot::formats::by_name("markdown").unwrap().label(), "Markdown");
/// assert!(adslot::formats::by_name("docx").is_none());
/// ```
pub fn by_name(name: &str) -> Option<&'static Format> {
    ALL.iter().copied().find(|f| f.name == name)
}

/// The format a file name's extension names, if it names one.
///
/// ```
/// use adslot::formats::from_path;
/// assert_eq!(from_path("a/b.txt".as_ref()).unwrap().name(), "text");
/// assert_eq!(from_path("a/b.HTM".as_ref()).unwrap().name(), "html");
/// assert_eq!(from_path("a/b.md".as_ref()).unwrap().name(), "markdown");
/// assert!(from_path("-".as_ref()).is_none());
/// ```
pub fn from_path(path: &Path) -> Option<&'static Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    ALL.iter()
        .copied()
        .find(|f| f.extensions.contains(&ext.as_str()))
}

/// The format `text` most looks like (the first listed among equals): a JSON object is JSON,
/// a tag at the start is HTML, Markdown syntax is Markdown, anything else plain text.
///
/// ```
/// use adslot::formats::sniff;
/// assert_eq!(sniff(" {\"blocks\": []}").name(), "json");
/// assert_eq!(sniff("<!doctype html><p>x</p>").name(), "html");
/// assert_eq!(sniff("---\ntitle: x\n---\nText").name(), "markdown");
/// assert_eq!(sniff("Headline\n\nA paragraph.").name(), "text");
/// ```
pub fn sniff(text: &str) -> &'static Format {
    let mut best = &text::FORMAT;
    let mut best_likeness = Likeness::No;
    for &f in ALL {
        let l = f.likeness(text);
        if l > best_likeness {
            best = f;
            best_likeness = l;
        }
    }
    best
}

/// The heights a block may declare (`height_px`), in px: beyond 100,000 (135 phone screens)
/// a value is a mistake, not a block.
pub const HEIGHT_PX_RANGE: RangeInclusive<f64> = 0.0..=100_000.0;

/// The widths a block may declare (`width_px`, the width an image or embed is shown at when
/// narrower than the column), in px.
pub const WIDTH_PX_RANGE: RangeInclusive<f64> = 0.0..=100_000.0;

/// The width / height ratios a block may declare (`aspect`): from a 1:100 strip to a 100:1
/// banner.
pub const ASPECT_RANGE: RangeInclusive<f64> = 0.01..=100.0;

/// The first geometry value of `article` outside its range (a block's or one of its
/// `pictures`' `height_px`, `width_px`, `aspect`), or the first run that does not lie on its
/// block's text ([`crate::article::runs_problem`], in the block or a block it holds), as its
/// path and the JSON reader's message: what the bindings, which read articles from objects,
/// report.
///
/// ```
/// let a = adslot::Article::new(vec![adslot::Block {
///     pictures: vec![adslot::Picture { aspect: Some(0.0), ..Default::default() }],
///     ..adslot::Block::default()
/// }]);
/// assert_eq!(
///     adslot::formats::geometry_out_of_range(&a),
///     Some(("blocks[0].pictures[0].aspect".to_string(), "aspect must be from 0.01 to 100, found 0".to_string()))
/// );
/// ```
pub fn geometry_out_of_range(article: &Article) -> Option<(String, String)> {
    let check = |at: &str, height: Option<f64>, width: Option<f64>, aspect: Option<f64>| {
        [
            ("height_px", height, HEIGHT_PX_RANGE),
            ("width_px", width, WIDTH_PX_RANGE),
            ("aspect", aspect, ASPECT_RANGE),
        ]
        .into_iter()
        .find_map(|(key, value, range)| {
            let v = value.filter(|v| !range.contains(v))?;
            let message = format!(
                "{key} must be from {} to {}, found {v}",
                range.start(),
                range.end()
            );
            Some((format!("{at}.{key}"), message))
        })
    };
    article.blocks.iter().enumerate().find_map(|(i, b)| {
        let at = format!("blocks[{i}]");
        if let Some(found) = runs_off_text(&at, b) {
            return Some(found);
        }
        check(&at, b.height_px, b.width_px, b.aspect).or_else(|| {
            b.pictures.iter().enumerate().find_map(|(j, p)| {
                check(
                    &format!("{at}.pictures[{j}]"),
                    p.height_px,
                    p.width_px,
                    p.aspect,
                )
            })
        })
    })
}

/// The first run of block `b` (at path `at`), or of a block it holds, that does not lie on its
/// text: its path and what is wrong.
fn runs_off_text(at: &str, b: &crate::article::Block) -> Option<(String, String)> {
    if let Some((j, problem)) = crate::article::runs_problem(&b.text, &b.runs) {
        return Some((format!("{at}.runs[{j}]"), problem));
    }
    b.blocks
        .iter()
        .enumerate()
        .find_map(|(k, n)| runs_off_text(&format!("{at}.blocks[{k}]"), n))
}

/// The first visible part of `text`: without a byte order mark and leading whitespace.
pub(crate) fn content_start(text: &str) -> &str {
    text.trim_start_matches('\u{feff}').trim_start()
}

/// Where each gap of an article lies in its source text, so writers insert and never rewrite.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct SourceMap {
    /// `gaps[i]` is the byte offset in the source where an ad before block `i` is inserted;
    /// the last entry is where an ad after the last block goes.
    pub gaps: Vec<usize>,
}

/// An article as a reader found it, with the map back to its input when the format has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The article's blocks.
    pub article: Article,
    /// Byte offsets of the gaps in the input (absent for JSON, which has no body).
    pub source_map: Option<SourceMap>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions_are_unique() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert_ne!(a.name, b.name);
                assert!(a.extensions.iter().all(|e| !b.extensions.contains(e)));
            }
            assert_eq!(by_name(a.name), Some(*a));
        }
    }

    #[test]
    fn sniffing_needs_clear_signs() {
        for (text, want) in [
            ("", "text"),
            ("\u{feff}\n {\"blocks\":[]}", "json"),
            ("<p>x</p>", "html"),
            ("<!-- wp:paragraph -->", "gutenberg"),
            ("<!doctype html><!-- wp:paragraph -->", "html"),
            ("< not a tag", "text"),
            ("Title\n\nText with a # sign and a - dash.", "text"),
            ("Title\n=====\n\nText", "markdown"),
            ("Intro\n\n## Section\n", "markdown"),
            ("Text\n\n```\ncode\n```\n", "markdown"),
            ("See [the report](https://example.com/r).", "markdown"),
            ("Text\n\n> quoted\n", "markdown"),
            ("Text\n\n- one\n- two\n", "markdown"),
        ] {
            assert_eq!(sniff(text).name, want, "{text:?}");
        }
    }
}
