//! Excluded regions for the checker: hidden elements, chrome, ads, share bars, related boxes,
//! widgets (by tag, role, class and id words), inline contexts and blocks a slot must not split.

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::Html;
use scraper::{ElementRef, Node};

use super::{normalise, Category, Story};

/// Phrasing elements: a block inside one sits in the middle of a line.
pub(super) const PHRASING: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "button", "cite", "code", "data", "dfn", "em", "font",
    "i", "kbd", "label", "mark", "nobr", "option", "q", "s", "samp", "select", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
];

/// Blocks a slot must not split. (A slot straight inside `table`, `tbody` or `tr` is moved
/// out by the parser, which the parse-error check catches; cells are [`data_cell`]'s.)
#[rustfmt::skip]
pub(super) const UNSPLIT: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
    "figure", "figcaption", "picture", "pre", "caption",
];

/// Block elements that make a table cell a layout cell.
#[rustfmt::skip]
const CELL_BLOCKS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol",
];

/// A `td`/`th` of a data table: one holding no paragraph, `div`, heading, quote or list
/// besides the slot. Table-layout pages keep their story in cells full of paragraphs; a slot
/// there is fine, one among a data table's cells splits the table.
pub(super) fn data_cell(e: &ElementRef<'_>) -> bool {
    matches!(e.value().name(), "td" | "th")
        && !e.descendants().skip(1).any(|n| {
            n.value()
                .as_element()
                .is_some_and(|d| CELL_BLOCKS.contains(&d.name()) && d.attr("data-adslot").is_none())
        })
}

/// Class values that hide an element in every common CSS framework.
const HIDING_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "is-hidden",
    "u-hidden",
    "visually-hidden",
    "visuallyhidden",
    "sr-only",
    "screen-reader-text",
    "d-none",
    "invisible",
];

/// Whether `e` hides its content.
fn hidden(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || e.attr("type")
            .is_some_and(|v| v.eq_ignore_ascii_case("hidden"))
    {
        return true;
    }
    if e.classes()
        .any(|c| HIDING_CLASSES.iter().any(|h| c.eq_ignore_ascii_case(h)))
    {
        return true;
    }
    let style = e.attr("style").unwrap_or("").to_ascii_lowercase();
    style.split(';').any(|decl| {
        let Some((prop, value)) = decl.split_once(':') else {
            return false;
        };
        let value = value.replace("!important", "");
        let (prop, value) = (prop.trim(), value.trim());
        (prop == "display" && value == "none")
            || (prop == "visibility" && (value == "hidden" || value == "collapse"))
    })
}

/// The words of a class or id value: split at non-alphanumerics and lower-to-upper case
/// changes, lowercased (`socialShare-bar_2` gives `social share bar 2`).
pub fn words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

const AD_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "advertisements",
    "advertising",
    "adunit",
    "adslot",
    "adsbygoogle",
    "adsense",
    "dfp",
    "gpt",
    "mpu",
    "sponsor",
    "sponsors",
    "sponsored",
    "outbrain",
    "taboola",
    "trc",
    "dianomi",
    "doubleclick",
];
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "sharing",
    "sharebar",
    "sharetools",
    "social",
    "socials",
    "addthis",
    "sharethis",
    "shareaholic",
    "sociable",
];
const NEWSLETTER_WORDS: &[&str] = &[
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "subscriptions",
    "signup",
    "promo",
    "promos",
    "promotion",
    "promotions",
    "paywall",
    "optin",
];
const RELATED_WORDS: &[&str] = &[
    "related",
    "recommended",
    "recommendation",
    "recommendations",
    "popular",
    "trending",
    "mostread",
    "mostpopular",
    "readnext",
    "morestories",
];
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "discussion",
    "respond",
    "replies",
];
const SIDEBAR_WORDS: &[&str] = &["sidebar", "sidebars", "rail", "siderail"];
const WIDGET_WORDS: &[&str] = &[
    "widget",
    "widgets",
    "player",
    "players",
    "jwplayer",
    "videoplayer",
    "vjs",
    "controlbar",
    "chart",
    "charts",
    "poll",
    "polls",
    "quiz",
    "survey",
    "scorecard",
];
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "masthead",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "cookie",
    "cookies",
    "consent",
    "modal",
    "popup",
    "overlay",
    "toolbar",
    "topbar",
];
const CHROME_TAGS: &[&str] = &[
    "nav", "aside", "footer", "form", "dialog", "template", "noscript",
];
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "form",
    "menu",
    "menubar",
];

/// The excluded region `e` is, if any. `page_level`: `<html>`/`<body>`, whose classes
/// describe the whole page and do not count.
fn region(e: &scraper::node::Element, page_level: bool) -> Option<Category> {
    if !page_level {
        if e.attrs().any(|(name, _)| {
            name == "data-ad" || name.starts_with("data-ad-") || name == "data-google-query-id"
        }) {
            return Some(Category::AdContainer);
        }
        let mut ws: Vec<String> = Vec::new();
        for v in [e.attr("class"), e.attr("id")].into_iter().flatten() {
            ws.extend(words(v));
        }
        let pair = |a: &str, bs: &[&str]| {
            ws.windows(2)
                .any(|w| w[0] == a && bs.contains(&w[1].as_str()))
        };
        let any = |list: &[&str]| ws.iter().any(|w| list.contains(&w.as_str()));
        let found = if any(AD_WORDS) {
            Some(Category::AdContainer)
        } else if any(SHARE_WORDS) {
            Some(Category::ShareBar)
        } else if any(NEWSLETTER_WORDS) || pair("sign", &["up"]) {
            Some(Category::Newsletter)
        } else if any(RELATED_WORDS)
            || pair(
                "most",
                &[
                    "read",
                    "popular",
                    "viewed",
                    "shared",
                    "emailed",
                    "commented",
                ],
            )
        {
            Some(Category::Related)
        } else if any(COMMENT_WORDS) {
            Some(Category::Comments)
        } else if any(SIDEBAR_WORDS) || pair("side", &["bar"]) {
            Some(Category::Sidebar)
        } else if any(WIDGET_WORDS) {
            Some(Category::Widget)
        } else if any(CHROME_WORDS) {
            Some(Category::Chrome)
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    let role = e.attr("role").unwrap_or("").trim().to_ascii_lowercase();
    if CHROME_TAGS.contains(&e.name()) || CHROME_ROLES.contains(&role.as_str()) {
        return Some(Category::Chrome);
    }
    None
}

/// Where the story's text lies in one parsed page: the characters of story text under each
/// node (text nodes of at least 12 characters, normalised, that occur in the story).
pub(super) struct StoryMap<'s> {
    story: &'s Story,
    under: HashMap<NodeId, usize>,
}

impl<'s> StoryMap<'s> {
    /// Counts the story text of every node of `doc`, in one pass.
    pub(super) fn new(doc: &Html, story: &'s Story) -> StoryMap<'s> {
        let mut under: HashMap<NodeId, usize> = HashMap::new();
        for node in doc.tree.root().descendants() {
            let Node::Text(t) = node.value() else {
                continue;
            };
            let n = normalise(t);
            let len = n.chars().count();
            if len >= 12 && story.contains(&n) {
                for a in node.ancestors() {
                    *under.entry(a.id()).or_default() += len;
                }
            }
        }
        StoryMap { story, under }
    }

    fn under(&self, node: &NodeRef<'_, Node>) -> usize {
        self.under.get(&node.id()).copied().unwrap_or(0)
    }

    /// The story's container: the deepest element holding at least 90% of the story text
    /// found on the page (`None` when the page holds none).
    pub(super) fn root<'a>(&self, doc: &'a Html) -> Option<NodeRef<'a, Node>> {
        let mut node = doc.tree.root();
        let total = self.under(&node);
        if total == 0 {
            return None;
        }
        'down: loop {
            for child in node.children() {
                if 10 * self.under(&child) >= 9 * total {
                    node = child;
                    continue 'down;
                }
            }
            return Some(node);
        }
    }
}

/// The hidden or excluded region among `ancestors` (innermost first) that holds a node: the
/// first hidden one, else the innermost excluded one that is a box and not the story's wrapper
/// (one holding half of the story's text or more: Blogger puts each post in a `widget`, Drupal
/// names layouts `two-col-sidebar`, ASP.NET pages wrap the whole body in a `<form>`).
pub(super) fn excluded_by<'a, 'b>(
    ancestors: &'b [ElementRef<'a>],
    map: &StoryMap<'_>,
) -> Option<(Category, &'b ElementRef<'a>)> {
    if let Some(e) = ancestors.iter().find(|e| hidden(e.value())) {
        return Some((Category::Hidden, e));
    }
    ancestors.iter().find_map(|e| {
        let page_level = matches!(e.value().name(), "html" | "body");
        let category = region(e.value(), page_level)?;
        let never_shown = matches!(e.value().name(), "template" | "noscript");
        let wrapper = 2 * map.under(e) >= map.story.len();
        (never_shown || !wrapper).then_some((category, e))
    })
}

/// `<tag id=".." class="..">`, for failure details.
pub(super) fn describe(e: &scraper::node::Element) -> String {
    let mut s = format!("<{}", e.name());
    for name in ["id", "class", "role", "style", "aria-hidden"] {
        if let Some(v) = e.attr(name) {
            let v: String = v.chars().take(60).collect();
            s.push_str(&format!(" {name}=\"{v}\""));
        }
    }
    s.push('>');
    s
}
