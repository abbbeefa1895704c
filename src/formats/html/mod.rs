//! The HTML format: the reader (top-level blocks, with byte-exact gaps) and its slot writing.
//!
//! # Why a hand-written tokenizer
//!
//! `lol_html` is a streaming *rewriter*: it reports byte ranges of tags, but passes text through
//! raw (entities undecoded), does no tree construction (no implied `</p>`, `</li>`, `</td>`), and
//! its callbacks need shared mutable state to rebuild nesting. Deciding where a block ends needs
//! exactly that nesting, so this module has a small tokenizer of its own: tags with quoted and
//! unquoted attributes, comments, CDATA, doctype, raw-text elements (`script`, `style`,
//! `textarea`, `title`, `iframe`, `noscript`, ...), void elements, and the common implied end
//! tags. It makes one forward pass for the content root ([`prescan`]), and one for
//! blocks ([`tree`]); the open element stack is explicit (no recursion) and capped at
//! [`HtmlOptions::max_depth`], so work is linear in the input for a fixed depth cap. The
//! [`tokenizer`] is public and keeps every token's span, comments included (WordPress block
//! comments are read from them).
//!
//! # What is a block
//!
//! The reader walks the *flow* of the content root and descends through wrappers (`div`,
//! `section`, `article`, `header`, `footer`, `aside`, `main`, `nav`, unknown and custom
//! elements). Block elements become one block each, with everything inside them:
//!
//! | element | kind |
//! |---|---|
//! | matches `existing_ad_selector` | `ad` (kept even when empty) |
//! | matches `headlines_selector` | `headlines` |
//! | `.twitter-tweet`, `.instagram-media`, `.tiktok-embed`, `iframe`, `video`, `audio`, `embed`, `object` | `embed` |
//! | `p` | `paragraph` (`image`/`embed` if it holds only that) |
//! | first `h1` before any paragraph | `headline` |
//! | other `h1`-`h6` | `heading` |
//! | `figure`, `picture`, `img`, `svg` | `image` (a `figure` holding only a video/iframe: `embed`; only text: `other`) |
//! | `figcaption` outside a figure | `caption` |
//! | `blockquote` | `quote` |
//! | `ul`, `ol`, `dl`, `menu` (and stray `li`) | `list` (`image` if it holds only pictures: a gallery) |
//! | `table` | `table` |
//! | `pre`, `form`, `details`, `address`, ... | `other` |
//!
//! A **figure is one `image` block**: there is no insertion point between an image and its
//! `figcaption` that lies outside the `<figure>`, so no gap may separate them. The caption's text
//! is kept as the block's `text` (image blocks have no text layout, so it does not add height).
//!
//! A **wrapper that holds no block elements** is itself a block: `<div>text</div>` is a
//! paragraph. **Bare text and inline elements** directly in a wrapper, between blocks, form a
//! `paragraph` (or `image`/`embed` when they hold only that); `<a>` is opaque, so a link is
//! never split even when it wraps blocks. Whitespace-only text, empty elements and `hr` make no
//! block. `script`, `style`, `template`, `noscript`, `head`, `select` contribute nothing.
//!
//! # Where gaps sit
//!
//! `gaps[i]` is the byte offset right **before block `i`'s start tag** (for bare text: its first
//! non-blank character), and the last gap is right **after the last block's end tag** (or where
//! it was implicitly closed). A gap between blocks from different wrappers therefore sits inside
//! the *next* block's wrapper, just before its start tag: never inside `p`, `h1`-`h6`, a list,
//! table, quote, figure or link, since those are blocks (or opaque) themselves.

mod content;
mod elements;
mod embeds;
mod entities;
mod media;
mod meta;
mod prescan;
mod regions;
mod score;
mod table_scope;
pub mod tokenizer;
mod tree;

use std::ops::Range;

use super::collect::HeadlineRule;
use super::{Format, Likeness, Parsed, Slots, SourceMap};
use crate::article::{Article, Block};
use crate::error::Error;
use crate::markup::HtmlOptions;
use crate::source::Position;

/// HTML: recognised by a tag (or comment, doctype) at the start; slots are written as they are.
pub static FORMAT: Format = Format {
    name: "html",
    label: "HTML",
    extensions: &["html", "htm"],
    sniff: looks_like_html,
    declared_encoding: Some(crate::source::prescan_meta),
    read,
    slots: Some(Slots {
        render: crate::formats::template,
        write: |out, _, markup| {
            out.push_str(markup);
            Ok(())
        },
    }),
};

fn looks_like_html(text: &str) -> Likeness {
    let b = super::content_start(text).as_bytes();
    match (b.first(), b.get(1)) {
        (Some(b'<'), Some(c)) if c.is_ascii_alphabetic() || matches!(c, b'!' | b'/' | b'?') => {
            Likeness::Clear
        }
        _ => Likeness::No,
    }
}

/// Reads an article from HTML: a body fragment, or a whole document (then its largest
/// `<article>`, else `<main>`, else `<body>` is the content root).
///
/// ```
/// use adslot::formats::{html, insert_at};
/// let src = "<h1>Title</h1><div><p>One &amp; two.</p></div><div><p>Three</p></div>";
/// let doc = html::read("a.html", src, &adslot::markup::HtmlOptions::default()).unwrap();
/// let kinds: Vec<_> = doc.article.blocks.iter().map(|b| b.kind.name()).collect();
/// assert_eq!(kinds, ["headline", "paragraph", "paragraph"]);
/// assert_eq!(doc.article.blocks[1].text, "One & two.");
/// let gaps = doc.source_map.unwrap().gaps;
/// assert_eq!(gaps, [0, 19, 51, 63]);
/// let out = insert_at(src, &[(gaps[2], "<div data-adslot></div>".to_string())]);
/// assert!(out.contains("</div><div><div data-adslot></div><p>Three"));
/// ```
///
/// `text` is decoded already, so a `<meta charset>` in it changes nothing here (reading bytes,
/// [`crate::Document`] decodes with the encoding it declares). Errors: nesting deeper than
/// `opts.max_depth`, with its line:column.
pub fn read(origin: &str, text: &str, opts: &HtmlOptions) -> Result<Parsed, Error> {
    let at = Origin {
        name: origin,
        whole: text,
        base: 0,
    };
    let scan = prescan::prescan(at, text, opts)?;
    let (blocks, gaps) = tree::blocks(at, text, &scan, opts, &mut HeadlineRule::default())?;
    let (section, tags) = scan.metadata.finish();
    Ok(Parsed {
        article: Article {
            section,
            tags,
            ..Article::new(blocks)
        },
        source_map: Some(SourceMap { gaps }),
    })
}

/// Reads the HTML at `range` of `whole` (an HTML block inside another format) as a fragment or
/// document of its own, with errors located in `whole` and the headline rule carried through.
pub(crate) fn read_embedded(
    origin: &str,
    whole: &str,
    range: Range<usize>,
    opts: &HtmlOptions,
    headline: &mut HeadlineRule,
) -> Result<Vec<Block>, Error> {
    let text = whole.get(range.clone()).unwrap_or("");
    let at = Origin {
        name: origin,
        whole,
        base: range.start,
    };
    let scan = prescan::prescan(at, text, opts)?;
    tree::blocks(at, text, &scan, opts, headline).map(|(blocks, _)| blocks)
}

/// As [`read_embedded`], with the gaps too: each block's, then the one after the last block,
/// as offsets in `whole`.
pub(crate) fn read_embedded_with_gaps(
    origin: &str,
    whole: &str,
    range: Range<usize>,
    opts: &HtmlOptions,
    headline: &mut HeadlineRule,
) -> Result<(Vec<Block>, Vec<usize>), Error> {
    let text = whole.get(range.clone()).unwrap_or("");
    let at = Origin {
        name: origin,
        whole,
        base: range.start,
    };
    let scan = prescan::prescan(at, text, opts)?;
    let (blocks, gaps) = tree::blocks(at, text, &scan, opts, headline)?;
    Ok((blocks, gaps.into_iter().map(|g| g + range.start).collect()))
}

/// Where the HTML being read lies: the input's name and whole text, and the offset of the
/// HTML in it, so that errors point into the input the user has.
#[derive(Clone, Copy, Debug)]
struct Origin<'a> {
    name: &'a str,
    whole: &'a str,
    base: usize,
}

impl Origin<'_> {
    /// An error at byte `offset` of the HTML being read.
    fn error(&self, offset: usize, message: String, help: Option<String>) -> Error {
        let position = Position::of(self.whole, self.base + offset);
        Error::at(self.name, Some(position), message, help)
    }
}

#[cfg(test)]
mod tests;
