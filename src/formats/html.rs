//! The HTML article reader: top-level blocks, with byte-exact gaps to insert slots at.
//!
//! # Why a hand-written tokenizer
//!
//! `lol_html` is a streaming *rewriter*: it reports byte ranges of tags, but passes text through
//! raw (entities undecoded), does no tree construction (no implied `</p>`, `</li>`, `</td>`), and
//! its callbacks need shared mutable state to rebuild nesting. Deciding where a block ends needs
//! exactly that nesting, so this module has a small tokenizer of its own: tags with quoted and
//! unquoted attributes, comments, CDATA, doctype, raw-text elements (`script`, `style`,
//! `textarea`, `title`, `iframe`, `noscript`, ...), void elements, and the common implied end
//! tags. It makes one forward pass for the content root and charset, and one for blocks; the open
//! element stack is explicit (no recursion) and capped at [`HtmlOptions::max_depth`], so work is
//! linear in the input for a fixed depth cap.
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
//! | `figure`, `picture`, `img` | `image` (a `figure` holding only a video/iframe: `embed`) |
//! | `figcaption` outside a figure | `caption` |
//! | `blockquote` | `quote` |
//! | `ul`, `ol`, `dl`, `menu` (and stray `li`) | `list` |
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

use std::borrow::Cow;
use std::collections::HashMap;

use super::{entities, Document, SourceMap};
use crate::article::{Article, Block, BlockKind};
use crate::error::Error;
use crate::markup::{HtmlOptions, Selector};
use crate::source::Position;

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
/// Errors: a declared charset other than UTF-8, or nesting deeper than `opts.max_depth`, each
/// with its line:column.
pub fn read(origin: &str, text: &str, opts: &HtmlOptions) -> Result<Document, Error> {
    let root = prescan(origin, text)?;
    let mut reader = Reader {
        text,
        origin,
        max_depth: opts.max_depth.max(1),
        headlines: opts.headlines_selector.as_ref(),
        ads: opts.existing_ad_selector.as_ref(),
        root_start: root,
        in_flow: root.is_none(),
        root_index: None,
        done: false,
        stack: Vec::new(),
        open_counts: HashMap::new(),
        block: None,
        run: None,
        opaque: None,
        skip: None,
        foreign: 0,
        blocks: Vec::new(),
        gaps: Vec::new(),
        last_end: None,
        end_of_root: None,
        seen_paragraph: false,
        seen_headline: false,
    };
    reader.run_tokens()?;
    let mut gaps = reader.gaps;
    let last = reader.last_end.or(reader.end_of_root).unwrap_or(text.len());
    gaps.push(last);
    Ok(Document {
        article: Article::new(reader.blocks),
        source_map: Some(SourceMap { gaps }),
    })
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

#[derive(Debug)]
struct Attr<'a> {
    /// Lowercased name.
    name: Cow<'a, str>,
    /// Value with character references decoded.
    value: Cow<'a, str>,
}

#[derive(Debug)]
enum Token<'a> {
    /// Text between tags, as written (`start..end`).
    Text { start: usize, end: usize },
    /// Content of a raw-text element (`script`, `style`, ...): never article text.
    RawText,
    Start {
        name: Cow<'a, str>,
        attrs: Vec<Attr<'a>>,
        self_closing: bool,
        start: usize,
        end: usize,
    },
    End {
        name: Cow<'a, str>,
        start: usize,
        end: usize,
    },
    /// Comment, doctype, CDATA, processing instruction; `doctype` marks `<!doctype`.
    Other { doctype: bool },
}

/// Elements whose content is not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

use crate::markup::VOID_ELEMENTS as VOID;

struct Tokenizer<'a> {
    text: &'a str,
    pos: usize,
    /// Set after a raw-text element's start tag: its content runs to `</name`.
    raw: Option<&'static str>,
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'a> Tokenizer<'a> {
    fn new(text: &'a str) -> Tokenizer<'a> {
        Tokenizer {
            text,
            pos: 0,
            raw: None,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// Offset of `needle` at or after `from`, or the end of the text.
    fn find_from(&self, from: usize, needle: &str) -> Option<usize> {
        self.text.get(from..)?.find(needle).map(|i| from + i)
    }

    /// Where the raw text of `name` that starts at `from` ends: at `</name` + delimiter.
    fn raw_end(&self, from: usize, name: &str) -> usize {
        if name == "plaintext" {
            return self.text.len();
        }
        let b = self.bytes();
        let mut p = from;
        while let Some(q) = self.find_from(p, "</") {
            let after = q + 2 + name.len();
            let named = b
                .get(q + 2..after)
                .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()));
            if named
                && b.get(after)
                    .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
            {
                return q;
            }
            p = q + 2;
        }
        self.text.len()
    }

    /// Parses attributes from `i` to the tag's `>`; returns them, self-closing, and the end.
    /// `None` when the input ends inside the tag.
    fn attributes(&self, mut i: usize, keep: bool) -> Option<(Vec<Attr<'a>>, bool, usize)> {
        let b = self.bytes();
        let mut attrs = Vec::new();
        loop {
            let mut self_closing = false;
            while let Some(&c) = b.get(i) {
                if c == b'/' {
                    self_closing = b.get(i + 1) == Some(&b'>');
                    i += 1;
                } else if is_space(c) {
                    i += 1;
                } else {
                    break;
                }
            }
            match b.get(i) {
                None => return None,
                Some(b'>') => return Some((attrs, self_closing, i + 1)),
                Some(_) => {}
            }
            let name_start = i;
            if b.get(i) == Some(&b'=') {
                i += 1;
            }
            while b
                .get(i)
                .is_some_and(|&c| !is_space(c) && !matches!(c, b'/' | b'>' | b'='))
            {
                i += 1;
            }
            let name = self.text.get(name_start..i).unwrap_or("");
            while b.get(i).is_some_and(|&c| is_space(c)) {
                i += 1;
            }
            let mut value = "";
            if b.get(i) == Some(&b'=') {
                i += 1;
                while b.get(i).is_some_and(|&c| is_space(c)) {
                    i += 1;
                }
                match b.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let quote = if q == b'"' { "\"" } else { "'" };
                        let close = self.find_from(i + 1, quote)?;
                        value = self.text.get(i + 1..close).unwrap_or("");
                        i = close + 1;
                    }
                    Some(_) => {
                        let s = i;
                        while b.get(i).is_some_and(|&c| !is_space(c) && c != b'>') {
                            i += 1;
                        }
                        value = self.text.get(s..i).unwrap_or("");
                    }
                    None => return None,
                }
            }
            if keep {
                attrs.push(Attr {
                    name: lower(name),
                    value: entities::decode(value),
                });
            }
        }
    }

    fn tag_name_end(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut i = from;
        while b
            .get(i)
            .is_some_and(|&c| !is_space(c) && c != b'/' && c != b'>')
        {
            i += 1;
        }
        i
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let len = self.text.len();
        if self.pos >= len {
            return None;
        }
        let start = self.pos;
        if let Some(name) = self.raw.take() {
            let end = self.raw_end(start, name);
            if end > start {
                self.pos = end;
                return Some(Token::RawText);
            }
        }
        let b = self.bytes();
        if b[start] != b'<' {
            let end = self.find_from(start, "<").unwrap_or(len);
            self.pos = end;
            return Some(Token::Text { start, end });
        }
        let lone_lt = |t: &mut Self| {
            let end = t.find_from(start + 1, "<").unwrap_or(len);
            t.pos = end;
            Some(Token::Text { start, end })
        };
        let until = |t: &mut Self, from: usize, needle: &str| {
            t.pos = t.find_from(from, needle).map_or(len, |i| i + needle.len());
        };
        match b.get(start + 1) {
            Some(b'!') => {
                let rest = &b[start..];
                if rest.starts_with(b"<!--") {
                    if rest[4..].starts_with(b">") {
                        self.pos = start + 5;
                    } else if rest[4..].starts_with(b"->") {
                        self.pos = start + 6;
                    } else {
                        until(self, start + 4, "-->");
                    }
                    Some(Token::Other { doctype: false })
                } else if rest.starts_with(b"<![CDATA[") {
                    until(self, start + 9, "]]>");
                    Some(Token::Other { doctype: false })
                } else {
                    let doctype = rest
                        .get(2..9)
                        .is_some_and(|s| s.eq_ignore_ascii_case(b"doctype"));
                    until(self, start + 2, ">");
                    Some(Token::Other { doctype })
                }
            }
            Some(b'?') => {
                until(self, start + 2, ">");
                Some(Token::Other { doctype: false })
            }
            Some(b'/') => match b.get(start + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let name_end = self.tag_name_end(start + 2);
                    let name = lower(self.text.get(start + 2..name_end).unwrap_or(""));
                    match self.attributes(name_end, false) {
                        Some((_, _, end)) => {
                            self.pos = end;
                            Some(Token::End { name, start, end })
                        }
                        None => {
                            self.pos = len;
                            Some(Token::Other { doctype: false })
                        }
                    }
                }
                Some(b'>') => {
                    self.pos = start + 3;
                    Some(Token::Other { doctype: false })
                }
                Some(_) => {
                    until(self, start + 2, ">");
                    Some(Token::Other { doctype: false })
                }
                None => lone_lt(self),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = self.tag_name_end(start + 1);
                let name = lower(self.text.get(start + 1..name_end).unwrap_or(""));
                match self.attributes(name_end, true) {
                    Some((attrs, self_closing, end)) => {
                        self.pos = end;
                        self.raw = RAW_TEXT.iter().find(|&&r| r == name).copied();
                        Some(Token::Start {
                            name,
                            attrs,
                            self_closing,
                            start,
                            end,
                        })
                    }
                    None => {
                        self.pos = len;
                        Some(Token::Other { doctype: false })
                    }
                }
            }
            _ => lone_lt(self),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Pass 1: charset and content root

/// Checks declared charsets and finds the content root's start tag offset, if the input is a
/// whole document (doctype, `html`, `head` or `body` present) with an `article`, `main` or `body`.
fn prescan(origin: &str, text: &str) -> Result<Option<usize>, Error> {
    let mut whole = false;
    let mut body = None;
    let mut main = None;
    let mut best_article: Option<(usize, usize)> = None;
    let mut article_depth = 0usize;
    let mut article_start = 0;
    for token in Tokenizer::new(text) {
        match token {
            Token::Other { doctype: true } => whole = true,
            Token::Start {
                name, attrs, start, ..
            } => match &*name {
                "html" | "head" => whole = true,
                "body" => {
                    whole = true;
                    body.get_or_insert(start);
                }
                "main" => {
                    main.get_or_insert(start);
                }
                "article" => {
                    if article_depth == 0 {
                        article_start = start;
                    }
                    article_depth += 1;
                }
                "meta" => check_charset(origin, text, &attrs, start)?,
                _ => {}
            },
            Token::End { name, end, .. } if name == "article" && article_depth > 0 => {
                article_depth -= 1;
                if article_depth == 0 {
                    keep_largest(&mut best_article, article_start, end);
                }
            }
            _ => {}
        }
    }
    if article_depth > 0 {
        keep_largest(&mut best_article, article_start, text.len());
    }
    if !whole {
        return Ok(None);
    }
    Ok(best_article.map(|(s, _)| s).or(main).or(body))
}

fn keep_largest(best: &mut Option<(usize, usize)>, start: usize, end: usize) {
    let len = end.saturating_sub(start);
    if best.is_none_or(|(_, l)| len > l) {
        *best = Some((start, len));
    }
}

fn check_charset(origin: &str, text: &str, attrs: &[Attr<'_>], at: usize) -> Result<(), Error> {
    let get = |n: &str| attrs.iter().find(|a| a.name == n).map(|a| &*a.value);
    let declared = match get("charset") {
        Some(c) => Some(c.to_string()),
        None if get("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-type")) => {
            get("content").and_then(|c| {
                let lower = c.to_ascii_lowercase();
                let i = lower.find("charset=")?;
                Some(c[i + 8..].split(';').next().unwrap_or("").to_string())
            })
        }
        None => None,
    };
    let Some(declared) = declared else {
        return Ok(());
    };
    let label = declared.trim().trim_matches(['"', '\'']).trim();
    if label.eq_ignore_ascii_case("utf-8") || label.eq_ignore_ascii_case("utf8") {
        return Ok(());
    }
    Err(Error::at(
        origin,
        Some(Position::of(text, at)),
        format!("declares charset {label}; only UTF-8 is supported"),
        Some("convert the file to UTF-8 and fix its <meta charset>".to_string()),
    ))
}

// ---------------------------------------------------------------------------------------------
// Pass 2: blocks

/// Inline elements that may hold blocks in sloppy markup: descended through, but they do not
/// end a run of inline content.
const INLINE: &[&str] = &[
    "span", "b", "i", "em", "strong", "u", "s", "small", "big", "font", "sub", "sup", "mark",
    "abbr", "cite", "code", "dfn", "kbd", "q", "samp", "var", "time", "data", "bdi", "bdo", "ruby",
    "rt", "rp", "del", "ins", "tt", "strike", "nobr", "acronym", "output", "meter", "progress",
    "map", "slot", "br", "wbr", "input", "area", "source", "track",
];

/// Inline elements never split: everything inside is one piece of the run (no slot in a link).
const OPAQUE_INLINE: &[&str] = &["a", "button", "label", "svg", "math", "canvas"];

/// Elements whose content is never article text or blocks.
const SKIP: &[&str] = &[
    "script", "style", "template", "noscript", "head", "title", "textarea", "select", "datalist",
];

/// Start tags that close an open `p` (HTML's "close a p element").
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
    "plaintext",
    "xmp",
];

/// Elements that bound a search for an element to close ("scope" in the HTML standard).
const SCOPE: &[&str] = &[
    "html", "table", "td", "th", "caption", "marquee", "object", "template", "applet",
];

/// Table-internal tags, ignored (as browsers do) when no table is open.
const TABLE_PARTS: &[&str] = &[
    "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

const HEAD_CONTENT: &[&str] = &[
    "meta", "link", "title", "style", "script", "base", "noscript", "template",
];

const EMBED_TAGS: &[&str] = &["iframe", "video", "audio", "embed", "object"];
const EMBED_CLASSES: &[&str] = &["twitter-tweet", "instagram-media", "tiktok-embed"];

fn has_class(attrs: &[Attr<'_>], class: &str) -> bool {
    attrs
        .iter()
        .find(|a| a.name == "class")
        .is_some_and(|a| a.value.split_ascii_whitespace().any(|c| c == class))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    /// Outside the content root.
    Outside,
    /// A wrapper in the flow: the content root or an element descended through.
    Wrapper { blocks_before: usize, root: bool },
    /// A transparent inline element in the flow.
    Inline,
    /// Inside a block, an opaque inline, or skipped content.
    Inner,
    /// The start of an open block.
    Block,
    /// An opaque inline element in the flow (its content joins the run).
    Opaque,
    /// Skipped content (`script`, `head`, ...).
    Skip,
}

#[derive(Debug)]
struct Frame<'a> {
    name: Cow<'a, str>,
    role: Role,
    start: usize,
}

/// What a block's tag says it is; the final kind also depends on its content.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Tag {
    Paragraph,
    H1,
    Heading,
    Figure,
    Quote,
    List,
    Table,
    Embed,
    Caption,
    Ad,
    Headlines,
    Other,
    /// Bare inline content, or a wrapper holding only that.
    Run,
}

#[derive(Debug, Default)]
struct Content {
    text: String,
    pending_space: bool,
    images: usize,
    figures: usize,
    embeds: usize,
    aspect: Option<f64>,
}

impl Content {
    fn push_text(&mut self, raw: &str) {
        for c in entities::decode(raw).chars() {
            if c.is_whitespace() {
                self.pending_space = !self.text.is_empty();
            } else {
                if self.pending_space {
                    self.text.push(' ');
                    self.pending_space = false;
                }
                self.text.push(c);
            }
        }
    }

    fn soft_break(&mut self) {
        self.pending_space = !self.text.is_empty();
    }

    fn element(&mut self, name: &str, attrs: &[Attr<'_>]) {
        match name {
            "img" => {
                self.images += 1;
                self.note_aspect(attrs);
            }
            "figure" | "picture" => self.figures += 1,
            n if EMBED_TAGS.contains(&n) => {
                self.embeds += 1;
                self.note_aspect(attrs);
            }
            _ => {}
        }
        if !INLINE.contains(&name) && !OPAQUE_INLINE.contains(&name) || name == "br" {
            self.soft_break();
        }
    }

    fn note_aspect(&mut self, attrs: &[Attr<'_>]) {
        if self.aspect.is_some() {
            return;
        }
        let dim = |n: &str| -> Option<f64> {
            let v = attrs.iter().find(|a| a.name == n)?.value.trim();
            let digits = v.bytes().take_while(u8::is_ascii_digit).count();
            let x: f64 = v.get(..digits)?.parse().ok()?;
            (x > 0.0 && !v[digits..].starts_with('%')).then_some(x)
        };
        if let (Some(w), Some(h)) = (dim("width"), dim("height")) {
            self.aspect = Some(w / h);
        }
    }
}

#[derive(Debug)]
struct Open {
    tag: Tag,
    start: usize,
    content: Content,
}

struct Reader<'a, 'o> {
    text: &'a str,
    origin: &'o str,
    max_depth: usize,
    headlines: Option<&'o Selector>,
    ads: Option<&'o Selector>,
    /// Offset of the content root's start tag, if the input is a whole document.
    root_start: Option<usize>,
    in_flow: bool,
    root_index: Option<usize>,
    done: bool,
    stack: Vec<Frame<'a>>,
    /// How many elements of each name are open: searches for one to close are skipped when
    /// none is, which keeps deep stacks from making the work quadratic.
    open_counts: HashMap<Box<str>, usize>,
    /// The open block and its stack index.
    block: Option<(usize, Open)>,
    /// Inline content collected in the flow since the last block boundary.
    run: Option<Open>,
    /// Stack index of the opaque inline element the run is inside.
    opaque: Option<usize>,
    /// Stack index of the skipped element being read through.
    skip: Option<usize>,
    /// Open `svg`/`math` elements: there `<x/>` closes itself.
    foreign: usize,
    blocks: Vec<Block>,
    gaps: Vec<usize>,
    last_end: Option<usize>,
    end_of_root: Option<usize>,
    seen_paragraph: bool,
    seen_headline: bool,
}

impl<'a> Reader<'a, '_> {
    fn run_tokens(&mut self) -> Result<(), Error> {
        let text = self.text;
        for token in Tokenizer::new(text) {
            match token {
                Token::Text { start, end } => self.on_text(start, end),
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                    start,
                    end,
                } => self.on_start(name, &attrs, self_closing, start, end)?,
                Token::End { name, start, end } => self.on_end(&name, start, end),
                Token::RawText | Token::Other { .. } => {}
            }
            if self.done {
                return Ok(());
            }
        }
        let len = text.len();
        self.pop_to(0, len, len);
        if self.in_flow && !self.done {
            // The virtual root of a fragment (or a root left open) ends with the input.
            self.flush_run(len);
            self.end_of_root.get_or_insert(len);
        }
        Ok(())
    }

    fn on_text(&mut self, start: usize, end: usize) {
        let mut start = start;
        if start == 0 && self.text.starts_with('\u{feff}') {
            // The byte order mark is kept in the source, but it is not text.
            start = 3;
        }
        let raw = self.text.get(start..end).unwrap_or("");
        if self.skip.is_some() || !self.in_flow {
            return;
        }
        if let Some((_, open)) = &mut self.block {
            open.content.push_text(raw);
            return;
        }
        let blank = raw
            .find(|c: char| !c.is_whitespace())
            .map_or(raw.len(), |i| i);
        if blank == raw.len() && self.opaque.is_none() {
            if let Some(run) = &mut self.run {
                run.content.soft_break();
            }
            return;
        }
        let run = self.run.get_or_insert_with(|| Open {
            tag: Tag::Run,
            start: start + blank,
            content: Content::default(),
        });
        run.content.push_text(raw);
    }

    fn on_start(
        &mut self,
        name: Cow<'a, str>,
        attrs: &[Attr<'_>],
        self_closing: bool,
        start: usize,
        end: usize,
    ) -> Result<(), Error> {
        self.close_implied(&name, start);
        let void = VOID.contains(&&*name) || (self_closing && self.foreign > 0);

        if self.root_start == Some(start) {
            self.block = None;
            self.run = None;
            self.opaque = None;
            self.skip = None;
            self.in_flow = true;
            self.root_index = Some(self.stack.len());
            let role = Role::Wrapper {
                blocks_before: 0,
                root: true,
            };
            return self.push(name, role, start, void);
        }
        if self.skip.is_some() || !self.in_flow {
            let role = if self.in_flow {
                Role::Inner
            } else {
                Role::Outside
            };
            return self.push(name, role, start, void);
        }
        if let Some((_, open)) = &mut self.block {
            open.content.element(&name, attrs);
            return self.push_inner(name, start, void);
        }
        if self.opaque.is_some() {
            if let Some(run) = &mut self.run {
                run.content.element(&name, attrs);
            }
            return self.push_inner(name, start, void);
        }
        if SKIP.contains(&&*name) {
            self.skip = Some(self.stack.len());
            return self.push(name, Role::Skip, start, void);
        }
        if TABLE_PARTS.contains(&&*name) {
            // Outside a table, browsers ignore these tags; their content joins the flow.
            return Ok(());
        }
        let tag = self.block_tag(&name, attrs);
        if let Some(tag) = tag {
            self.flush_run(start);
            let mut content = Content::default();
            content.element(&name, attrs);
            content.soft_break();
            let open = Open {
                tag,
                start,
                content,
            };
            if void {
                self.finish(open, end);
                return Ok(());
            }
            self.block = Some((self.stack.len(), open));
            return self.push(name, Role::Block, start, false);
        }
        if name == "hr" {
            self.flush_run(start);
            return Ok(());
        }
        let opaque = OPAQUE_INLINE.contains(&&*name);
        if opaque || INLINE.contains(&&*name) {
            if void && self.run.is_none() {
                // A lone `<br>` or `<input>` starts nothing.
                return Ok(());
            }
            let run = self.run.get_or_insert_with(|| Open {
                tag: Tag::Run,
                start,
                content: Content::default(),
            });
            run.content.element(&name, attrs);
            if opaque && !void {
                self.opaque = Some(self.stack.len());
                return self.push(name, Role::Opaque, start, false);
            }
            return self.push(name, Role::Inline, start, void);
        }
        // Everything else is a wrapper: `div`, `section`, `article`, `header`, `footer`, `aside`,
        // `main`, `nav`, `center`, and unknown or custom elements.
        self.flush_run(start);
        let role = Role::Wrapper {
            blocks_before: self.blocks.len(),
            root: false,
        };
        self.push(name, role, start, void)
    }

    /// The block an element in the flow starts, if it is one.
    fn block_tag(&self, name: &str, attrs: &[Attr<'_>]) -> Option<Tag> {
        let attr = |n: &str| attrs.iter().find(|a| a.name == n).map(|a| &*a.value);
        if self.ads.is_some_and(|s| s.matches(name, attr)) {
            return Some(Tag::Ad);
        }
        if self.headlines.is_some_and(|s| s.matches(name, attr)) {
            return Some(Tag::Headlines);
        }
        if EMBED_CLASSES.iter().any(|c| has_class(attrs, c)) || EMBED_TAGS.contains(&name) {
            return Some(Tag::Embed);
        }
        Some(match name {
            "p" => Tag::Paragraph,
            "h1" => Tag::H1,
            "h2" | "h3" | "h4" | "h5" | "h6" => Tag::Heading,
            "figure" | "picture" | "img" => Tag::Figure,
            "figcaption" => Tag::Caption,
            "blockquote" => Tag::Quote,
            "ul" | "ol" | "dl" | "menu" | "dir" | "li" | "dd" | "dt" => Tag::List,
            "table" => Tag::Table,
            "pre" | "form" | "fieldset" | "details" | "summary" | "address" | "listing" | "xmp"
            | "plaintext" | "legend" => Tag::Other,
            _ => return None,
        })
    }

    fn push_inner(&mut self, name: Cow<'a, str>, start: usize, void: bool) -> Result<(), Error> {
        if SKIP.contains(&&*name) && !void {
            self.skip = Some(self.stack.len());
            return self.push(name, Role::Skip, start, false);
        }
        self.push(name, Role::Inner, start, void)
    }

    fn push(
        &mut self,
        name: Cow<'a, str>,
        role: Role,
        start: usize,
        void: bool,
    ) -> Result<(), Error> {
        if void {
            return Ok(());
        }
        if self.stack.len() >= self.max_depth {
            return Err(Error::at(
                self.origin,
                Some(Position::of(self.text, start)),
                format!("nesting deeper than {} elements", self.max_depth),
                Some("check for unclosed tags, or raise max_depth".to_string()),
            ));
        }
        if name == "svg" || name == "math" {
            self.foreign += 1;
        }
        match self.open_counts.get_mut(&*name) {
            Some(n) => *n += 1,
            None => {
                self.open_counts.insert(name.as_ref().into(), 1);
            }
        }
        self.stack.push(Frame { name, role, start });
        Ok(())
    }

    /// Pops elements a start tag `name` closes implicitly (`<p>a<p>b`, `<li>a<li>b`, ...).
    fn close_implied(&mut self, name: &str, at: usize) {
        if self.stack.is_empty() {
            return;
        }
        if CLOSES_P.contains(&name) {
            self.close_in_scope(&["p"], &["button"], at);
        }
        match name {
            "li" => self.close_in_scope(&["li"], &["ul", "ol", "menu"], at),
            "dd" | "dt" => self.close_in_scope(&["dd", "dt"], &["dl"], at),
            "td" | "th" => self.close_in_scope(&["td", "th"], &["tr", "table"], at),
            "tr" => self.close_in_scope(&["tr"], &["table", "tbody", "thead", "tfoot"], at),
            "tbody" | "thead" | "tfoot" => {
                self.close_in_scope(&["tbody", "thead", "tfoot"], &["table"], at)
            }
            "option" => self.close_in_scope(&["option"], &["select"], at),
            "a" => self.close_in_scope(&["a"], &[], at),
            "body" => self.close_in_scope(&["head"], &[], at),
            n if HEADINGS.contains(&n)
                && self
                    .stack
                    .last()
                    .is_some_and(|f| HEADINGS.contains(&&*f.name)) =>
            {
                let top = self.stack.len() - 1;
                self.pop_to(top, at, at);
            }
            _ => {}
        }
        if !HEAD_CONTENT.contains(&name) && self.stack.last().is_some_and(|f| f.name == "head") {
            let top = self.stack.len() - 1;
            self.pop_to(top, at, at);
        }
    }

    fn is_open(&self, name: &str) -> bool {
        self.open_counts.get(name).is_some_and(|&n| n > 0)
    }

    fn close_in_scope(&mut self, targets: &[&str], stops: &[&str], at: usize) {
        if !targets.iter().any(|t| self.is_open(t)) {
            return;
        }
        for i in (0..self.stack.len()).rev() {
            let n = &*self.stack[i].name;
            if targets.contains(&n) {
                self.pop_to(i, at, at);
                return;
            }
            if stops.contains(&n) || SCOPE.contains(&n) {
                return;
            }
        }
    }

    fn on_end(&mut self, name: &str, start: usize, end: usize) {
        if name == "br" {
            if let Some((_, open)) = &mut self.block {
                open.content.soft_break();
            } else if let Some(run) = &mut self.run {
                run.content.soft_break();
            }
            return;
        }
        if !self.is_open(name) {
            return;
        }
        for i in (0..self.stack.len()).rev() {
            let n = &*self.stack[i].name;
            if n == name {
                self.pop_to(i, start, end);
                return;
            }
            if SCOPE.contains(&n) {
                return;
            }
        }
    }

    /// Pops frames down to and including `index`. The frame at `index` closes with its end tag
    /// at `content_end..element_end`; frames above it close implicitly at `content_end`.
    fn pop_to(&mut self, index: usize, content_end: usize, element_end: usize) {
        while self.stack.len() > index {
            let Some(frame) = self.stack.pop() else {
                return;
            };
            let i = self.stack.len();
            let element_end = if i == index { element_end } else { content_end };
            if frame.name == "svg" || frame.name == "math" {
                self.foreign = self.foreign.saturating_sub(1);
            }
            if let Some(n) = self.open_counts.get_mut(&*frame.name) {
                *n = n.saturating_sub(1);
            }
            if self.skip == Some(i) {
                self.skip = None;
            }
            if self.opaque == Some(i) {
                self.opaque = None;
            }
            match frame.role {
                Role::Block => {
                    if let Some((_, open)) = self.block.take() {
                        self.finish(open, element_end);
                    }
                }
                Role::Wrapper { root: true, .. } => {
                    self.flush_run(content_end);
                    self.end_of_root = Some(content_end);
                    self.in_flow = false;
                    self.done = true;
                }
                Role::Wrapper { blocks_before, .. } => {
                    if self.blocks.len() == blocks_before {
                        if let Some(mut run) = self.run.take() {
                            // A wrapper of inline content only is itself the block.
                            run.start = frame.start;
                            self.finish(run, element_end);
                        }
                    } else {
                        self.flush_run(content_end);
                    }
                }
                Role::Outside | Role::Inline | Role::Inner | Role::Opaque | Role::Skip => {}
            }
        }
    }

    fn flush_run(&mut self, end: usize) {
        if let Some(run) = self.run.take() {
            self.finish(run, end);
        }
    }

    /// Turns a closed block into a `Block` and its gap, or drops it when it holds nothing.
    fn finish(&mut self, open: Open, end: usize) {
        let c = open.content;
        let has_text = !c.text.is_empty();
        let media = if c.embeds > 0 && c.images == 0 {
            Some(BlockKind::Embed)
        } else if c.images > 0 || c.figures > 0 {
            Some(BlockKind::Image)
        } else if c.embeds > 0 {
            Some(BlockKind::Embed)
        } else {
            None
        };
        let text_or_media = |k: BlockKind| if has_text { Some(k) } else { media };
        let kind = match open.tag {
            Tag::Ad => Some(BlockKind::Ad),
            Tag::Headlines => Some(BlockKind::Headlines),
            Tag::Embed => Some(BlockKind::Embed),
            Tag::Figure => Some(media.unwrap_or(BlockKind::Image)),
            Tag::Paragraph => text_or_media(BlockKind::Paragraph),
            Tag::Run if c.figures > 0 => Some(BlockKind::Image),
            Tag::Run => text_or_media(BlockKind::Paragraph),
            Tag::H1 if has_text && !self.seen_paragraph && !self.seen_headline => {
                self.seen_headline = true;
                Some(BlockKind::Headline)
            }
            Tag::H1 | Tag::Heading => text_or_media(BlockKind::Heading),
            Tag::Caption => text_or_media(BlockKind::Caption),
            Tag::Quote => text_or_media(BlockKind::Quote),
            Tag::List => text_or_media(BlockKind::List),
            Tag::Table => text_or_media(BlockKind::Table),
            Tag::Other => text_or_media(BlockKind::Other),
        };
        let Some(kind) = kind else {
            return;
        };
        if kind == BlockKind::Paragraph {
            self.seen_paragraph = true;
        }
        let aspect = if kind.has_text_layout() {
            None
        } else {
            c.aspect
        };
        self.blocks.push(Block {
            kind,
            text: c.text,
            aspect,
            ..Block::default()
        });
        self.gaps.push(open.start);
        self.last_end = Some(end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<&'static str> {
        read("t", src, &HtmlOptions::default())
            .unwrap()
            .article
            .blocks
            .iter()
            .map(|b| b.kind.name())
            .collect()
    }

    #[test]
    fn wrappers_are_descended_and_inline_wrappers_are_blocks() {
        assert_eq!(
            kinds("<div><div>text</div><section><p>a</p>tail<ul><li>x</ul></section></div>"),
            ["paragraph", "paragraph", "paragraph", "list"]
        );
    }

    #[test]
    fn implied_end_tags() {
        let doc = read("t", "<p>a<p>b<div>c</div>", &HtmlOptions::default()).unwrap();
        assert_eq!(doc.article.blocks.len(), 3);
        assert_eq!(doc.source_map.unwrap().gaps, [0, 4, 8, 20]);
    }

    #[test]
    fn figure_is_one_image_with_caption_text() {
        let doc = read(
            "t",
            "<figure><img width=600 height=400><figcaption>Cap &amp; tion</figcaption></figure>",
            &HtmlOptions::default(),
        )
        .unwrap();
        let b = &doc.article.blocks[0];
        assert_eq!(
            (b.kind, b.text.as_str(), b.aspect),
            (BlockKind::Image, "Cap & tion", Some(1.5))
        );
    }

    #[test]
    fn whole_document_uses_largest_article() {
        let src = "<!doctype html><html><body><p>nav</p><article><p>x</p></article>\
                   <article><h1>T</h1><p>y</p><p>z</p></article></body></html>";
        assert_eq!(kinds(src), ["headline", "paragraph", "paragraph"]);
    }

    #[test]
    fn selectors() {
        let opts = HtmlOptions::default()
            .with_headlines_selector(Selector::parse(".related").unwrap())
            .with_existing_ad_selector(Selector::parse("div[data-ad], #top").unwrap());
        let doc = read(
            "t",
            "<div id=top></div><p>a</p><div data-ad></div><div class='x related'><p>h</p></div>",
            &opts,
        )
        .unwrap();
        let k: Vec<_> = doc.article.blocks.iter().map(|b| b.kind.name()).collect();
        assert_eq!(k, ["ad", "paragraph", "ad", "headlines"]);
    }

    #[test]
    fn depth_is_a_located_error() {
        let src = format!("\n{}", "<div>".repeat(300));
        let e = read("t.html", &src, &HtmlOptions::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("t.html:2:1281: nesting deeper than 256 elements"),
            "{e}"
        );
    }
}
