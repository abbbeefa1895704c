//! The whole-page checker: is each slot inserted into a publisher's page inside the story?
//!
//! Written independently of adslot's reader: pages are parsed as a browser parses them
//! (html5ever, through `scraper`), and the story is the body extracted from the same page by
//! another tool (Mozilla Readability's expected output, `tests/fixtures/real/NAME.html`).
//!
//! # The verdict for one slot
//!
//! Each slot (an element carrying `data-adslot`) is judged alone: the page is parsed with that
//! slot and none of the others, so neighbouring slots never change a verdict. A slot is **in the
//! story** when all of these hold:
//!
//! 1. **It does not change the parse.** The page with the slot, minus the slot element, parses
//!    to the same tree (serialised) as the page without it, with no more parse errors. A `<div>`
//!    written inside a `<p>` closes the paragraph in a browser, one between table rows is moved
//!    before the table (an error): the slot split a block ([`Category::SplitsBlock`]).
//! 2. **No excluded region holds it.** No ancestor is hidden (`hidden`, `aria-hidden="true"`,
//!    inline `display:none` / `visibility:hidden`, hiding utility classes), chrome (`nav`, `aside`,
//!    `footer`, `form`, `dialog`, `template`, `noscript`, landmark roles, `nav`/`menu`/`masthead`/
//!    `footer`/`modal`/... class or id words), an existing ad (ad/advert/sponsor/GPT/`adsbygoogle`/
//!    Outbrain/Taboola words, `data-ad-*` attributes), a share bar, a newsletter or promo box, a
//!    related/recommended/popular box, comments, a sidebar, or a widget or player. Class and id
//!    values are split into words (at non-alphanumerics and lower-to-upper case changes,
//!    lowercased), so `share-tools`, `socialLinks` and `div-gpt-ad-123` are recognised but
//!    `header` or `download` are not ads. The classes of `<html>` and `<body>` describe the whole
//!    page (`has-sidebar`), so only their tags and hiding count. An excluded ancestor that holds
//!    half of the story's text or more is the story's wrapper, not a box in or beside it
//!    (Blogger puts each post in a `widget`, Drupal names layouts `two-col-sidebar`, ASP.NET
//!    wraps the whole body in a `<form>`), and does not count; hiding always counts, and so do
//!    `template` and `noscript`. The first hidden ancestor decides, else the innermost excluded
//!    one. No phrasing element (`span`, `a`, `em`, `label`, ...)
//!    holds the slot ([`Category::Inline`]), nor a block a slot must not split (`p`, `h1`-`h6`,
//!    `li`, `dt`, `dd`, `blockquote`, `figure`, `figcaption`, `picture`, `pre`, `caption`, or a
//!    data table's cell: a `td`/`th` without paragraphs, `div`s, headings or lists; cells that
//!    hold those are a table layout's columns and may take a slot).
//! 3. **The text on both sides is story text.** Text is what a reader of the page reads in its
//!    flow: every text node in document order outside `<head>`, `script`, `style`, `template`,
//!    `noscript` (parsed with scripting on, as a browser does), other slots, and the hidden and
//!    excluded regions of rule 2 that lie inside the story's container (the deepest element
//!    holding 90% of the story text found on the page): a slot between a story paragraph and a
//!    "Related" box inside the story is judged by the story text before it and the story text
//!    after the box, while a slot next to the site's footer meets the footer's text. Both sides are compared after
//!    [`normalise`]: all whitespace and invisible format characters dropped, so that line breaks,
//!    indentation and the spaces a parser puts between blocks never matter. The side's window
//!    is the [`WINDOW`] characters nearest the slot (fewer if the page has fewer); it must occur,
//!    contiguous, in the normalised story. A window shorter than [`WINDOW`] is accepted only if it
//!    holds the whole story's length or more. A side with no text at all (the document's start or
//!    end) is accepted when the other side is story text.
//!
//! Why a window and not "the nearest text node": nearest nodes are often `,` or `and` between two
//! links, which occur anywhere; 40 characters of story occur in the story and rarely elsewhere.

mod regions;

use scraper::{ElementRef, Html, Node};

pub use regions::words;
use regions::{data_cell, describe, excluded_by, StoryMap, PHRASING, UNSPLIT};

/// Characters of text, after [`normalise`], compared on each side of a slot.
pub const WINDOW: usize = 40;

/// Why a slot is not in the story.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Inside a hidden element: `hidden`, `aria-hidden`, `display:none`, a hiding class.
    Hidden,
    /// Inside an existing ad container (GPT, AdSense, Outbrain, Taboola, ad/sponsor classes).
    AdContainer,
    /// Inside a share or social bar.
    ShareBar,
    /// Inside a newsletter, subscribe or promo box.
    Newsletter,
    /// Inside a related, recommended or most-popular box.
    Related,
    /// Inside the comments.
    Comments,
    /// Inside a sidebar or rail.
    Sidebar,
    /// Inside a widget or player (video, poll, chart, score card).
    Widget,
    /// Inside site chrome: navigation, footer, aside, form, dialog, masthead, modal.
    Chrome,
    /// Inside a phrasing element (`span`, `a`, ...): a block in the middle of a line.
    Inline,
    /// Inside a block it must not split, or it changes how the page parses.
    SplitsBlock,
    /// The text next to it is not story text (site chrome without telling markup, or the story
    /// was not found).
    OutsideStory,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 12] = [
        Category::Hidden,
        Category::AdContainer,
        Category::ShareBar,
        Category::Newsletter,
        Category::Related,
        Category::Comments,
        Category::Sidebar,
        Category::Widget,
        Category::Chrome,
        Category::Inline,
        Category::SplitsBlock,
        Category::OutsideStory,
    ];

    /// The category's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Category::Hidden => "hidden",
            Category::AdContainer => "ad container",
            Category::ShareBar => "share bar",
            Category::Newsletter => "newsletter/promo",
            Category::Related => "related box",
            Category::Comments => "comments",
            Category::Sidebar => "sidebar",
            Category::Widget => "widget/player",
            Category::Chrome => "chrome",
            Category::Inline => "inline context",
            Category::SplitsBlock => "splits a block",
            Category::OutsideStory => "outside the story text",
        }
    }
}

/// A slot that is not in the story: why, and what the checker saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The failure's category.
    pub category: Category,
    /// What decided it: the region's element, or the text window that is not story text.
    pub detail: String,
}

/// The verdict for one slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotCheck {
    /// Byte offset of the slot's markup in the page with slots.
    pub offset: usize,
    /// `None` when the slot is in the story.
    pub failure: Option<Failure>,
}

/// Drops whitespace (Unicode `White_Space`) and invisible format characters (zero-width
/// spaces and joiners, word joiner, BOM, soft hyphen).
///
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}'
                )
        })
        .collect()
}

/// The story: the normalised text of an extracted article body.
#[derive(Clone, Debug)]
pub struct Story {
    text: String,
    chars: usize,
}

impl Story {
    /// The story of an extracted body (HTML fragment or document).
    pub fn from_body(html: &str) -> Story {
        let doc = Html::parse_document(html);
        let text: String = pieces(&doc, None)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t),
                Piece::Slot => None,
            })
            .collect();
        let chars = text.chars().count();
        Story { text, chars }
    }

    /// Whether `window` (normalised) occurs in the story.
    pub fn contains(&self, window: &str) -> bool {
        self.text.contains(window)
    }

    /// Characters of normalised story text.
    pub fn len(&self) -> usize {
        self.chars
    }
}

/// A page's text in document order, with the slot where it stands.
enum Piece {
    /// A text node, normalised, not empty.
    Text(String),
    /// The slot element.
    Slot,
}

/// Elements whose content is never laid out as text.
const NOT_TEXT: &[&str] = &["head", "script", "style", "template", "noscript"];

fn is_slot(node: &Node) -> bool {
    node.as_element()
        .is_some_and(|e| e.attr("data-adslot").is_some())
}

/// The text and slots of `doc` in document order (explicit stack: pages nest deeply). With
/// `skip_regions`, the text of hidden and excluded regions (as [`excluded_by`] sees them for
/// `story`) inside the story's container ([`StoryMap::root`]) is left out: boxes in the story are
/// not read as its flow, while the site's chrome around the story still is.
fn pieces(doc: &Html, skip_regions: Option<&StoryMap<'_>>) -> Vec<Piece> {
    let mut out = Vec::new();
    let root = skip_regions.and_then(|map| map.root(doc));
    let mut stack = vec![(doc.tree.root(), false)];
    while let Some((node, in_story)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                let n = normalise(t);
                if !n.is_empty() {
                    out.push(Piece::Text(n));
                }
                continue;
            }
            v if is_slot(v) => {
                out.push(Piece::Slot);
                continue;
            }
            Node::Element(e) if NOT_TEXT.contains(&e.name()) => continue,
            Node::Element(_) if in_story => {
                if let (Some(map), Some(e)) = (skip_regions, ElementRef::wrap(node)) {
                    if excluded_by(std::slice::from_ref(&e), map).is_some() {
                        continue;
                    }
                }
            }
            _ => {}
        }
        let in_story = in_story || root.is_some_and(|r| r.id() == node.id());
        let children: Vec<_> = node.children().collect();
        stack.extend(children.into_iter().rev().map(|c| (c, in_story)));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Finding the slots in the page's text

/// Byte ranges of the slot elements in `page`: start tags with a `data-adslot` attribute, to
/// their matching end tags (same-name start and end tags counted).
pub fn slot_ranges(page: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = page[from..].find("data-adslot") {
        let at = from + found;
        from = at + "data-adslot".len();
        let Some(lt) = page[..at].rfind('<') else {
            continue;
        };
        let inside_tag = page[lt..at].find('>').is_none()
            && page[..at].ends_with(|c: char| c.is_ascii_whitespace())
            && page[from..].starts_with(|c: char| c == '=' || c == '>' || c.is_ascii_whitespace());
        let name: String = page[lt + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !inside_tag || name.is_empty() {
            continue;
        }
        let Some(gt) = page[from..].find('>').map(|i| from + i + 1) else {
            continue;
        };
        let (open, close) = (format!("<{name}"), format!("</{name}>"));
        let (mut depth, mut i) = (1, gt);
        while depth > 0 {
            let Some(c) = page[i..].find(&close).map(|j| i + j) else {
                i = page.len();
                break;
            };
            match page[i..].find(&open).map(|j| i + j) {
                Some(o) if o < c => {
                    depth += 1;
                    i = o + open.len();
                }
                _ => {
                    depth -= 1;
                    i = c + close.len();
                }
            }
        }
        out.push(lt..i);
        from = i;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Judging the slots

/// Judges every slot of `with_slots` (a page as `adslot place --format html` prints it)
/// against `story`, each slot alone (see the module documentation).
pub fn check_page(with_slots: &str, story: &Story) -> Vec<SlotCheck> {
    let ranges = slot_ranges(with_slots);
    let mut original = String::with_capacity(with_slots.len());
    let mut slots = Vec::new();
    let mut copied = 0;
    for r in &ranges {
        original.push_str(&with_slots[copied..r.start]);
        slots.push((original.len(), &with_slots[r.clone()], r.start));
        copied = r.end;
    }
    original.push_str(&with_slots[copied..]);
    let parsed = Html::parse_document(&original);
    let reference = (parsed.html(), parsed.errors.len());
    slots
        .into_iter()
        .map(|(at, markup, offset)| {
            let src = format!("{}{markup}{}", &original[..at], &original[at..]);
            SlotCheck {
                offset,
                failure: check_one(&src, &reference, story),
            }
        })
        .collect()
}

/// The verdict for the one slot in `src`; `reference` is the serialised parse without it and
/// its count of parse errors.
fn check_one(src: &str, reference: &(String, usize), story: &Story) -> Option<Failure> {
    let mut doc = Html::parse_document(src);
    let map = StoryMap::new(&doc, story);
    let fail = |category, detail: String| Some(Failure { category, detail });
    let Some(slot) = doc.tree.root().descendants().find(|n| is_slot(n.value())) else {
        return fail(
            Category::SplitsBlock,
            "the slot is not an element in the parse (inside raw text)".into(),
        );
    };
    let ancestors: Vec<ElementRef> = slot.ancestors().filter_map(ElementRef::wrap).collect();
    if let Some((category, e)) = excluded_by(&ancestors, &map) {
        return fail(category, describe(e.value()));
    }
    if let Some(e) = ancestors
        .iter()
        .find(|e| PHRASING.contains(&e.value().name()))
    {
        return fail(Category::Inline, describe(e.value()));
    }
    if let Some(e) = ancestors
        .iter()
        .find(|e| UNSPLIT.contains(&e.value().name()) || data_cell(e))
    {
        return fail(Category::SplitsBlock, describe(e.value()));
    }
    let texts = pieces(&doc, Some(&map));
    let at = texts
        .iter()
        .position(|p| matches!(p, Piece::Slot))
        .unwrap_or(texts.len());
    let need = WINDOW.min(story.len()).max(1);
    let before = window(texts[..at].iter().rev(), need, true);
    let after = window(texts[at..].iter().skip(1), need, false);
    let ok = |w: &str| story.contains(w);
    let verdict = match (before.is_empty(), after.is_empty()) {
        (true, true) => Err("no text on either side".to_string()),
        (true, false) if ok(&after) => Ok(()),
        (false, true) if ok(&before) => Ok(()),
        (false, false) if ok(&before) && ok(&after) => Ok(()),
        _ => Err(format!(
            "{} | {}",
            if before.is_empty() || ok(&before) {
                "(story)".to_string()
            } else {
                format!("before: {before:?}")
            },
            if after.is_empty() || ok(&after) {
                "(story)".to_string()
            } else {
                format!("after: {after:?}")
            },
        )),
    };
    if let Err(why) = verdict {
        return fail(Category::OutsideStory, why);
    }
    let slot_id = slot.id();
    if let Some(mut node) = doc.tree.get_mut(slot_id) {
        node.detach();
    }
    if doc.errors.len() > reference.1 {
        return fail(
            Category::SplitsBlock,
            format!(
                "the slot adds parse errors: {:?}",
                &doc.errors[reference.1..]
            ),
        );
    }
    if doc.html() != reference.0 {
        return fail(
            Category::SplitsBlock,
            "the page parses differently with the slot (an implied end tag)".into(),
        );
    }
    None
}

/// The `need` characters of text nearest the slot, walking `pieces` away from it (`rev`: the
/// pieces come nearest first and are read backwards).
fn window<'a>(pieces: impl Iterator<Item = &'a Piece>, need: usize, rev: bool) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let mut have = 0;
    for p in pieces {
        if let Piece::Text(t) = p {
            parts.push(t);
            have += t.chars().count();
            if have >= need {
                break;
            }
        }
    }
    if rev {
        parts.reverse();
        let all: String = parts.concat();
        let skip = all.chars().count().saturating_sub(need);
        all.chars().skip(skip).collect()
    } else {
        parts.concat().chars().take(need).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Checking the checker

/// Story text the checker would call excluded: for each text node of `page` (no slots) whose
/// normalised text has at least [`WINDOW`] characters and occurs in `story`, its characters,
/// and of those the ones under a hidden or excluded ancestor, with that ancestor.
pub fn story_text_excluded(page: &str, story: &Story) -> (usize, usize, Vec<String>) {
    let doc = Html::parse_document(page);
    let map = StoryMap::new(&doc, story);
    let (mut total, mut excluded, mut why) = (0, 0, Vec::new());
    for node in doc.tree.root().descendants() {
        let Node::Text(t) = node.value() else {
            continue;
        };
        let n = normalise(t);
        let len = n.chars().count();
        if len < WINDOW || !story.contains(&n) {
            continue;
        }
        let ancestors: Vec<ElementRef> = node.ancestors().filter_map(ElementRef::wrap).collect();
        if ancestors
            .iter()
            .any(|e| NOT_TEXT.contains(&e.value().name()))
        {
            continue;
        }
        total += len;
        if let Some((c, e)) = excluded_by(&ancestors, &map) {
            excluded += len;
            why.push(format!("{}: {}", c.name(), describe(e.value())));
        }
    }
    (total, excluded, why)
}
