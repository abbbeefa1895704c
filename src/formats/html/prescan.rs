//! The HTML reader's first pass: the content root of a whole document, and the regions too large to be boxes in it.

use super::elements;
use super::meta::Metadata;
use super::regions::{self, RegionKind};
use super::score::Scorer;
use super::tokenizer::{Token, Tokenizer};
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
    /// Start tag offsets, ascending, of link boxes inside the content root: wrappers
    /// ([`elements::WRAPPERS`]) holding two links or more whose text is mostly link text
    /// ([`LINK_BOX_DENSITY`]), and less than half of the root's text. Related-links and
    /// "more on this" boxes without telling class names; the reader makes each one opaque
    /// `other` block.
    pub(super) link_boxes: Vec<usize>,
    /// Start tag offsets, in document order, of the elements the rule file's selectors match
    /// (matched here, where every element's ancestors are known).
    pub(super) selected: Selected,
    /// The section and tags the page declares (`article:section` meta, JSON-LD, ...).
    pub(super) metadata: Metadata,
}

impl Prescan {
    /// What this pass found inside `range` of its text, as offsets from the range's start: the
    /// prescan of content read again on its own (a table cell's), its selectors matched with
    /// every ancestor known. No root (it is a fragment), no metadata.
    pub(super) fn within(&self, range: &std::ops::Range<usize>) -> Prescan {
        // The lists keep their order (ascending ones stay ascending).
        let keep = |list: &[usize]| -> Vec<usize> {
            list.iter()
                .filter(|o| range.contains(o))
                .map(|o| o - range.start)
                .collect()
        };
        Prescan {
            root: None,
            wrappers: keep(&self.wrappers),
            block_unknowns: keep(&self.block_unknowns),
            link_boxes: keep(&self.link_boxes),
            selected: Selected {
                headlines: keep(&self.selected.headlines),
                ads: keep(&self.selected.ads),
                excluded: keep(&self.selected.excluded),
            },
            metadata: Metadata::default(),
        }
    }
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

/// The share of a wrapper's text inside links above which it is a link box (Mozilla
/// Readability drops containers whose link density passes 0.5).
pub(super) const LINK_BOX_DENSITY: f64 = 0.5;

/// An element the pass keeps track of while it is open.
struct Open<'a> {
    name: std::borrow::Cow<'a, str>,
    start: usize,
    /// Text bytes seen before it opened, and of those, the ones inside links.
    text_before: usize,
    link_before: usize,
    /// Links (`a` start tags) seen before it opened.
    links_before: usize,
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

/// Counts of what the pass has read so far: text bytes (non-whitespace), those inside links,
/// and links.
#[derive(Clone, Copy, Default)]
struct Counts {
    text: usize,
    link: usize,
    links: usize,
}

/// Finds the content root: in a whole document (doctype, `html`,
/// `head` or `body` present), the element `itemprop="articleBody"` marks (the one with the most
/// text when several do), else the element the content score picks ([`super::score`]), else
/// the largest `<article>`, else `<main>`, else `<body>`; the rule file's `content_selector`
/// wins over all of these, in fragments too. A declared charset is not the reader's concern:
/// its text is decoded already (`source::prescan_meta` found the encoding from the bytes).
pub(super) fn prescan(
    _origin: Origin<'_>,
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
    let mut counts = Counts::default();
    let mut links_open = 0usize;
    let mut regions: Vec<Span> = Vec::new();
    let mut marked: Vec<Span> = Vec::new();
    let mut landmarks: Vec<Span> = Vec::new();
    let mut content_span: Option<Span> = None;
    let mut block_unknowns: Vec<usize> = Vec::new();
    let mut link_boxes: Vec<Span> = Vec::new();
    let mut metadata = Metadata::default();
    let mut close = |o: Open<'_>, end: usize, counts: Counts| {
        if o.unknown && o.holds_block {
            block_unknowns.push(o.start);
        }
        let span = Span {
            start: o.start,
            end,
            text: counts.text - o.text_before,
        };
        let link = counts.link - o.link_before;
        if elements::WRAPPERS.contains(&&*o.name)
            && counts.links - o.links_before >= 2
            && link as f64 > LINK_BOX_DENSITY * span.text as f64
        {
            link_boxes.push(span);
        }
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
                let (bytes, _) = super::score::text_bytes(raw);
                counts.text += bytes;
                if links_open > 0 {
                    counts.link += bytes;
                }
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
                    let before = counts;
                    if name == "a" {
                        links_open += 1;
                        counts.links += 1;
                    }
                    stack.push(Open {
                        name,
                        start,
                        text_before: before.text,
                        link_before: before.link,
                        links_before: before.links,
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
                            if o.name == "a" {
                                links_open = links_open.saturating_sub(1);
                            }
                            close(o, end, counts);
                        }
                    }
                }
            }
            Token::RawText { start, end } => metadata.raw_text(text.get(start..end).unwrap_or("")),
            _ => {}
        }
    }
    while let Some(o) = stack.pop() {
        close(o, text.len(), counts);
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
            link_boxes: Vec::new(),
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
        root_span.map_or((0, text.len(), counts.text), |s| (s.start, s.end, s.text));
    let wrappers = regions
        .iter()
        .filter(|r| r.start > root_start && r.end <= root_end && 2 * r.text >= root_text)
        .map(|r| r.start)
        .collect();
    let mut link_boxes: Vec<usize> = link_boxes
        .iter()
        .filter(|r| r.start > root_start && r.end <= root_end && 2 * r.text < root_text)
        .map(|r| r.start)
        .collect();
    link_boxes.sort_unstable();
    block_unknowns.sort_unstable();
    Ok(Prescan {
        root,
        wrappers,
        block_unknowns,
        link_boxes,
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
