//! Finding the story on a whole page by a content score: paragraph text credited to the elements around it, discounted by link density.
//!
//! The scoring follows Mozilla Readability's, which was measured on thousands of pages:
//!
//! - Text is counted as read, character references decoded (`&amp;` is one byte of text, not
//!   five): [`text_bytes`].
//! - A **paragraph** is a `p`, `pre`, `td` or `blockquote` with at least 25 bytes of text
//!   outside links, or the text an element holds directly (outside its child elements:
//!   `<br>`-separated posts), outside hidden elements. Its score is 1, plus one per comma, plus one per 100
//!   bytes of text (at most 3).
//! - The score goes to the paragraph's **ancestors**: all of it to the parent, half to the
//!   grandparent, and `1/(3k)` to the ancestor `k` levels up, up to 5 levels, and never past
//!   a region ([`super::regions`]): comments credit the comment box, not the page. An element that
//!   received a score is a **candidate**, with a bonus for its tag (`div` +5, `pre`/`td`/
//!   `blockquote` +3, lists and forms -3, headings -5) and its class and id words (`article`,
//!   `body`, `content`, `entry`, `post`, `story`, `text`... +25; `comment`, `footer`, `sidebar`,
//!   `related`, `share`, `widget`, ad words... -25).
//! - A candidate's final score is its score times `1 - link density` (the share of its text
//!   inside links): menus and link lists lose.
//! - The **top** candidate wins, then moves up to its smallest ancestor holding at least 3
//!   other candidates scoring 75% of its own: a story split into sibling columns is found
//!   whole.
//!
//! Work is one pass over the tokens the prescan reads, with a stack of open elements: linear in
//! the input for a fixed nesting.

use super::entities;
use super::regions::{self, words, RegionKind};
use super::tokenizer::Attr;

/// Words of a class or id that mark story containers.
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog",
    "story", "prose",
];

/// Words of a class or id that mark everything else.
const NEGATIVE: &[&str] = &[
    "comment",
    "comments",
    "footer",
    "sidebar",
    "share",
    "social",
    "related",
    "widget",
    "promo",
    "nav",
    "menu",
    "masthead",
    "sponsor",
    "ad",
    "ads",
    "popular",
    "recommended",
    "newsletter",
    "meta",
    "byline",
    "author",
    "tags",
    "card",
];

const PARAGRAPHS: &[&str] = &["p", "pre", "td", "blockquote"];

/// An open element.
struct Frame {
    name: String,
    start: usize,
    text_before: usize,
    link_before: usize,
    commas_before: usize,
    /// Text bytes directly inside it (not in child elements) and their commas.
    direct: usize,
    direct_commas: usize,
    score: f64,
    bonus: f64,
    /// Hidden: nothing inside it is scored.
    hidden: bool,
    /// A region (share bar, comments, sidebar...): its paragraphs credit the elements up to it
    /// and no further, so a page's comments never make the page's wrapper the story. (Regions
    /// do not stop scoring altogether: Drupal names whole layouts `two-col-sidebar`.)
    region: bool,
}

/// A scored element, closed.
#[derive(Clone, Copy, Debug)]
pub(super) struct Candidate {
    /// Start tag offset.
    pub(super) start: usize,
    /// Offset after its end (where it closed).
    pub(super) end: usize,
    /// Text bytes (non-whitespace) inside it.
    pub(super) text: usize,
    score: f64,
}

/// The streaming scorer the prescan feeds.
#[derive(Default)]
pub(super) struct Scorer {
    stack: Vec<Frame>,
    text: usize,
    link: usize,
    commas: usize,
    links_open: usize,
    excluded_open: usize,
    candidates: Vec<Candidate>,
}

/// The bytes of text `raw` (as written in the page) holds, without whitespace and with its
/// character references decoded, and its commas.
pub(super) fn text_bytes(raw: &str) -> (usize, usize) {
    let text = entities::decode(raw);
    let bytes = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    (bytes, text.matches([',', '，', '、']).count())
}

/// A paragraph's score for `bytes` of text with `commas` commas.
fn paragraph_score(bytes: usize, commas: usize) -> f64 {
    1.0 + commas as f64 + (bytes / 100).min(3) as f64
}

fn tag_bonus(name: &str) -> f64 {
    match name {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn class_bonus(attrs: &[Attr<'_>]) -> f64 {
    let mut ws = Vec::new();
    for a in attrs.iter().filter(|a| a.name == "class" || a.name == "id") {
        words(&a.value, &mut ws);
    }
    let has = |list: &[&str]| ws.iter().any(|w| list.contains(&w.as_str()));
    let mut bonus = 0.0;
    if has(POSITIVE) {
        bonus += 25.0;
    }
    if has(NEGATIVE) {
        bonus -= 25.0;
    }
    bonus
}

impl Scorer {
    /// A start tag (`void`: no content follows, nothing to close).
    pub(super) fn start(&mut self, name: &str, attrs: &[Attr<'_>], start: usize, void: bool) {
        if void {
            return;
        }
        let region = regions::classify(name, attrs);
        // Hidden text, and a form control's label, is no story text.
        let hidden = region.is_some_and(|r| r.kind == RegionKind::Hidden)
            || matches!(
                name,
                "button" | "select" | "textarea" | "datalist" | "template"
            );
        if hidden {
            self.excluded_open += 1;
        }
        if name == "a" {
            self.links_open += 1;
        }
        self.stack.push(Frame {
            name: name.to_string(),
            start,
            text_before: self.text,
            link_before: self.link,
            commas_before: self.commas,
            direct: 0,
            direct_commas: 0,
            score: 0.0,
            bonus: tag_bonus(name) + class_bonus(attrs),
            hidden,
            region: region.is_some(),
        });
    }

    /// Text as written in the page (counted decoded: [`text_bytes`]).
    pub(super) fn text(&mut self, raw: &str) {
        if self.excluded_open > 0 {
            return;
        }
        let (bytes, commas) = text_bytes(raw);
        self.text += bytes;
        self.commas += commas;
        if self.links_open > 0 {
            self.link += bytes;
        } else if let Some(top) = self.stack.last_mut() {
            top.direct += bytes;
            top.direct_commas += commas;
        }
    }

    /// An end tag: closes the innermost open element of that name and those inside it.
    pub(super) fn end(&mut self, name: &str, end: usize) {
        if let Some(i) = self.stack.iter().rposition(|f| f.name == name) {
            while self.stack.len() > i {
                self.close(end);
            }
        }
    }

    fn close(&mut self, end: usize) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if frame.hidden {
            self.excluded_open = self.excluded_open.saturating_sub(1);
        }
        if frame.name == "a" {
            self.links_open = self.links_open.saturating_sub(1);
        }
        let text = self.text - frame.text_before;
        let link = self.link - frame.link_before;
        if self.excluded_open == 0 && !frame.hidden {
            if PARAGRAPHS.contains(&frame.name.as_str()) && text - link >= 25 {
                let commas = self.commas - frame.commas_before;
                self.credit(paragraph_score(text, commas), 0);
            } else if frame.direct >= 25 {
                // Text straight inside: a paragraph whose parent is this element.
                let s = paragraph_score(frame.direct, frame.direct_commas);
                self.record(&frame, end, text, link, frame.score + s);
                self.credit(s, 1);
                return;
            }
        }
        if frame.score > 0.0 {
            self.record(&frame, end, text, link, frame.score);
        }
    }

    /// Credits a paragraph's score to the open elements around it, `skip` levels up already.
    fn credit(&mut self, s: f64, skip: usize) {
        let n = self.stack.len();
        for level in skip..5 {
            let Some(i) = n.checked_sub(1 + level - skip) else {
                break;
            };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                k => 3.0 * k as f64,
            };
            self.stack[i].score += s / divider;
            if self.stack[i].region {
                break;
            }
        }
    }

    fn record(&mut self, frame: &Frame, end: usize, text: usize, link: usize, score: f64) {
        let density = if text == 0 {
            0.0
        } else {
            link as f64 / text as f64
        };
        self.candidates.push(Candidate {
            start: frame.start,
            end,
            text,
            score: (score + frame.bonus) * (1.0 - density),
        });
    }

    /// Closes what is still open at the end of the input (`len`) and names the story's
    /// container, if any element scored.
    pub(super) fn finish(mut self, len: usize) -> Option<Candidate> {
        while !self.stack.is_empty() {
            self.close(len);
        }
        let top = *self
            .candidates
            .iter()
            .max_by(|a, b| a.score.total_cmp(&b.score))?;
        if top.score <= 0.0 {
            return None;
        }
        let contains = |outer: &Candidate, inner: &Candidate| {
            outer.start <= inner.start && inner.end <= outer.end && outer.start != inner.start
        };
        let alternatives: Vec<&Candidate> = self
            .candidates
            .iter()
            .filter(|c| c.start != top.start && c.score >= 0.75 * top.score && !contains(&top, c))
            .collect();
        let mut ancestors: Vec<&Candidate> = self
            .candidates
            .iter()
            .filter(|c| contains(c, &top))
            .collect();
        ancestors.sort_by_key(|c| c.end - c.start);
        for a in ancestors {
            if alternatives.iter().filter(|c| contains(a, c)).count() >= 3 {
                return Some(*a);
            }
        }
        Some(top)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokenizer::{Token, Tokenizer};
    use super::*;

    fn story_start(src: &str) -> Option<usize> {
        let mut s = Scorer::default();
        for t in Tokenizer::new(src) {
            match t {
                Token::Start {
                    name, attrs, start, ..
                } => {
                    let void = crate::markup::VOID_ELEMENTS.contains(&&*name);
                    s.start(&name, &attrs, start, void)
                }
                Token::Text { start, end } => s.text(&src[start..end]),
                Token::End { name, end, .. } => s.end(&name, end),
                _ => {}
            }
        }
        s.finish(src.len()).map(|c| c.start)
    }

    const PARA: &str = "<p>The council met on Monday, and after a long debate, it voted to \
                        approve the budget for the coming year.</p>";

    #[test]
    fn the_container_of_the_paragraphs_wins_over_a_link_list_and_a_card() {
        let story = format!("<div id=s>{}</div>", PARA.repeat(5));
        let src = format!(
            "<body><ul>{}</ul><article><p>A card with a short teaser text in it, to read more.</p>\
             </article>{story}</body>",
            "<li><a href=x>A link to another section of the site</a></li>".repeat(20)
        );
        assert_eq!(story_start(&src), src.find("<div id=s>"));
    }

    #[test]
    fn a_story_split_into_columns_is_found_whole() {
        let col = format!("<div class=col><div>{}</div></div>", PARA.repeat(3));
        let src = format!(
            "<body><section id=s>{}</section><div>{PARA}</div></body>",
            col.repeat(4)
        );
        assert_eq!(story_start(&src), src.find("<section id=s>"));
    }

    #[test]
    fn hidden_and_excluded_text_scores_nothing() {
        let src = format!(
            "<body><div id=s>{}</div><div class=comments>{}</div><div hidden>{}</div></body>",
            PARA.repeat(2),
            PARA.repeat(6),
            PARA.repeat(6)
        );
        assert_eq!(story_start(&src), src.find("<div id=s>"));
    }

    #[test]
    fn br_separated_text_is_scored_as_paragraphs() {
        let text = "A post written with line breaks, not paragraphs, as old blogs are.<br><br>";
        let src = format!(
            "<body><div id=s>{}</div><div><p>Short.</p></div></body>",
            text.repeat(6)
        );
        assert_eq!(story_start(&src), src.find("<div id=s>"));
    }

    #[test]
    fn character_references_count_as_the_text_they_stand_for() {
        // 50 bytes as written, 10 characters of text: too short for a paragraph.
        let refs = format!("<body><div><p>{}</p></div></body>", "&amp;".repeat(10));
        assert_eq!(story_start(&refs), None);
        // The same length written out is one.
        let plain = format!("<body><div><p>{}</p></div></body>", "&".repeat(30));
        assert_eq!(story_start(&plain), plain.find("<div>"));
        assert_eq!(text_bytes("a&amp;b &#233;&nbsp;c, d"), (8, 1));
    }

    #[test]
    fn no_paragraph_no_candidate() {
        assert_eq!(story_start("<body><div>Hi</div></body>"), None);
    }
}
