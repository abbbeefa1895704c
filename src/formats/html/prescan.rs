//! The HTML reader's first pass: declared charsets, the content root of a whole document, and the regions too large to be boxes in it.

use super::elements;
use super::meta::Metadata;
use super::regions::{self, RegionKind};
use super::score::Scorer;
use super::tokenizer::{Attr, Token, Tokenizer};
use super::Origin;
use crate::error::Error;
use crate::markup::{Ancestor, HtmlOptions, Selector, VOID_ELEMENTS};

/// What the first pass found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Prescan {
    /// The content root's start tag offset, if the input is a whole document.
    pub(super) root: Option<usize>,
    /// Start tag offsets of elements that look like regions (ads, share bars, sidebars...) but
    /// hold half of the content root's text or more: they are the story's wrapper, not boxes
    /// in it, and the reader descends into them.
    pub(super) wrappers: Vec<usize>,
    /// Start tag offsets, ascending, of unknown or custom elements that hold block content:
    /// wrappers to the reader (the other unknown elements are inline).
    pub(super) block_unknowns: Vec<usize>,
    /// Start tag offsets, in document order, of the elements the rule file's selectors match
    /// (matched here, where every element's ancestors are known).
    pub(super) selected: Selected,
    /// The section and tags the page declares (`article:section` meta, JSON-LD, ...).
    pub(super) metadata: Metadata,
}

/// Start tag offsets of the elements each `[html]` selector matches, ascending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Selected {
    pub(super) headlines: Vec<usize>,
    pub(super) ads: Vec<usize>,
    pub(super) excluded: Vec<usize>,
}

impl Selected {
    fn has(list: &[usize], start: usize) -> bool {
        list.binary_search(&start).is_ok()
    }

    /// Whether the element starting at `start` is a `headlines` block by the rule file.
    pub(super) fn headlines(&self, start: usize) -> bool {
        Selected::has(&self.headlines, start)
    }

    /// Whether the element starting at `start` is an ad by the rule file.
    pub(super) fn ad(&self, start: usize) -> bool {
        Selected::has(&self.ads, start)
    }

    /// Whether the element starting at `start` is excluded by the rule file.
    pub(super) fn excluded(&self, start: usize) -> bool {
        Selected::has(&self.excluded, start)
    }
}

/// An element the pass keeps track of while it is open.
struct Open<'a> {
    name: std::borrow::Cow<'a, str>,
    start: usize,
    /// Text bytes seen before it opened.
    text_before: usize,
    /// Whether it is a region that is not hidden (a veto candidate).
    region: bool,
    /// Whether `itemprop` names it the article body.
    article_body: bool,
    /// Its attributes, kept only when the rule file has selectors (they match ancestors).
    attrs: Vec<(String, String)>,
    /// Whether it is the rule file's `content_selector`'s first match.
    content: bool,
    /// An unknown or custom element, and whether block content opened inside it.
    unknown: bool,
    holds_block: bool,
}

impl Ancestor for Open<'_> {
    fn name(&self) -> &str {
        &self.name
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A closed element of interest: its start and the text bytes inside it.
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    text: usize,
}

/// Checks declared charsets and finds the content root: in a whole document (doctype, `html`,
/// `head` or `body` present), the element `itemprop="articleBody"` marks (the one with the most
/// text when several do), else the element the content score picks ([`super::score`]), else
/// the largest `<article>`, else `<main>`, else `<body>`; the rule file's `content_selector`
/// wins over all of these, in fragments too.
pub(super) fn prescan(
    origin: Origin<'_>,
    text: &str,
    opts: &HtmlOptions,
) -> Result<Prescan, Error> {
    let selectors = [
        opts.headlines_selector.as_ref(),
        opts.existing_ad_selector.as_ref(),
        opts.exclude_selector.as_ref(),
        opts.content_selector.as_ref(),
    ];
    let keep_attrs = selectors.iter().any(Option::is_some);
    let mut selected = Selected::default();
    let mut content: Option<usize> = None;
    let mut whole = false;
    let mut body = None;
    let mut main = None;
    let mut best_article: Option<(usize, usize)> = None;
    let mut article_depth = 0usize;
    let mut article_start = 0;
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut scorer = Scorer::default();
    let mut text_bytes = 0usize;
    let mut regions: Vec<Span> = Vec::new();
    let mut marked: Vec<Span> = Vec::new();
    let mut landmarks: Vec<Span> = Vec::new();
    let mut content_span: Option<Span> = None;
    let mut block_unknowns: Vec<usize> = Vec::new();
    let mut metadata = Metadata::default();
    let mut close = |o: Open<'_>, end: usize, text_bytes: usize| {
        if o.unknown && o.holds_block {
            block_unknowns.push(o.start);
        }
        let span = Span {
            start: o.start,
            end,
            text: text_bytes - o.text_before,
        };
        if o.region {
            regions.push(span);
        }
        if o.article_body {
            marked.push(span);
        }
        if matches!(&*o.name, "article" | "main" | "body") {
            landmarks.push(span);
        }
        if o.content {
            content_span = Some(span);
        }
    };
    for token in Tokenizer::new(text) {
        match token {
            Token::Doctype { .. } => whole = true,
            Token::Text { start, end } => {
                let raw = text.get(start..end).unwrap_or("");
                text_bytes += raw.bytes().filter(|b| !b.is_ascii_whitespace()).count();
                scorer.text(raw);
            }
            Token::Start {
                name,
                attrs,
                start,
                self_closing: _,
                ..
            } => {
                match &*name {
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
                    "meta" => check_charset(origin, &attrs, start)?,
                    _ => {}
                }
                let void = VOID_ELEMENTS.contains(&&*name);
                metadata.start(&name, &attrs);
                scorer.start(&name, &attrs, start, void);
                if elements::is_block_level(&name) {
                    for o in stack.iter_mut().rev() {
                        if o.holds_block {
                            break;
                        }
                        o.holds_block = true;
                    }
                }
                let mut is_content = false;
                if keep_attrs {
                    let attr = |n: &str| attrs.iter().find(|a| a.name == n).map(|a| &*a.value);
                    let path: Vec<&Open<'_>> = stack.iter().rev().collect();
                    let hit =
                        |s: Option<&Selector>| s.is_some_and(|s| s.matches_in(&name, attr, &path));
                    let [headlines, ads, excluded, story] = selectors.map(hit);
                    if headlines {
                        selected.headlines.push(start);
                    }
                    if ads {
                        selected.ads.push(start);
                    }
                    if excluded {
                        selected.excluded.push(start);
                    }
                    if story && content.is_none() {
                        content = Some(start);
                        is_content = true;
                    }
                }
                if !void {
                    let region = regions::classify(&name, &attrs)
                        .is_some_and(|r| r.kind != RegionKind::Hidden);
                    let article_body = attrs.iter().any(|a| {
                        a.name == "itemprop"
                            && a.value.split_ascii_whitespace().any(|v| v == "articleBody")
                    });
                    let unknown = elements::is_unknown(&name);
                    stack.push(Open {
                        name,
                        start,
                        text_before: text_bytes,
                        region,
                        article_body,
                        attrs: if keep_attrs {
                            attrs
                                .iter()
                                .map(|a| (a.name.to_string(), a.value.to_string()))
                                .collect()
                        } else {
                            Vec::new()
                        },
                        content: is_content,
                        unknown,
                        holds_block: false,
                    });
                }
            }
            Token::End { name, end, .. } => {
                scorer.end(&name, end);
                if name == "article" && article_depth > 0 {
                    article_depth -= 1;
                    if article_depth == 0 {
                        keep_largest(&mut best_article, article_start, end);
                    }
                }
                if let Some(i) = stack.iter().rposition(|o| o.name == name) {
                    while stack.len() > i {
                        if let Some(o) = stack.pop() {
                            close(o, end, text_bytes);
                        }
                    }
                }
            }
            Token::RawText { start, end } => metadata.raw_text(text.get(start..end).unwrap_or("")),
            _ => {}
        }
    }
    while let Some(o) = stack.pop() {
        close(o, text.len(), text_bytes);
    }
    if article_depth > 0 {
        keep_largest(&mut best_article, article_start, text.len());
    }
    if !whole {
        block_unknowns.sort_unstable();
        return Ok(Prescan {
            root: content,
            wrappers: Vec::new(),
            block_unknowns,
            selected,
            metadata,
        });
    }
    let scored = scorer.finish(text.len()).map(|c| Span {
        start: c.start,
        end: c.end,
        text: c.text,
    });
    let marked = content_span.or(marked
        .iter()
        .copied()
        .max_by_key(|s| s.text)
        .filter(|s| s.text > 0)
        .or(scored));
    let root = marked
        .map(|s| s.start)
        .or(best_article.map(|(s, _)| s))
        .or(main)
        .or(body);
    let root_span = root.and_then(|r| landmarks.iter().chain(&marked).find(|s| s.start == r));
    let (root_start, root_end, root_text) =
        root_span.map_or((0, text.len(), text_bytes), |s| (s.start, s.end, s.text));
    let wrappers = regions
        .iter()
        .filter(|r| r.start > root_start && r.end <= root_end && 2 * r.text >= root_text)
        .map(|r| r.start)
        .collect();
    block_unknowns.sort_unstable();
    Ok(Prescan {
        root,
        wrappers,
        block_unknowns,
        selected,
        metadata,
    })
}

fn keep_largest(best: &mut Option<(usize, usize)>, start: usize, end: usize) {
    let len = end.saturating_sub(start);
    if best.is_none_or(|(_, l)| len > l) {
        *best = Some((start, len));
    }
}

fn check_charset(origin: Origin<'_>, attrs: &[Attr<'_>], at: usize) -> Result<(), Error> {
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
    Err(origin.error(
        at,
        format!("declares charset {label}; only UTF-8 is supported"),
        Some("convert the file to UTF-8 and fix its <meta charset>".to_string()),
    ))
}
