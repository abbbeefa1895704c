//! Regions of a whole page a slot never enters: hidden elements, site chrome, existing ads, share bars, newsletter boxes, related boxes, comments, sidebars, widgets, players and the page's own graphics.
//!
//! Recognised from the element alone (its tag, `role`, `hidden`/`aria-hidden`, inline
//! `display:none`/`visibility:hidden`, ad attributes, and the *words* of its `class` and `id`),
//! so the reader decides when it meets the start tag. Class and id values are split into words
//! at non-alphanumerics and lower-to-upper case changes and lowercased: `share-tools`,
//! `socialLinks` and `div-gpt-ad-123` are recognised, while `header`, `download` or `shadow`
//! hold no ad. The prescan vetoes a region that holds most of the story (Blogger puts each post
//! in a `widget`, Drupal names layouts `two-col-sidebar`).

use super::tokenizer::Attr;
use crate::article::Region as Furniture;

/// What a region is to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RegionKind {
    /// Not shown: no block, no height, no text.
    Hidden,
    /// An ad already on the page: an `ad` block that spacing counts; its label is not text.
    Ad,
    /// Shown but not story: an opaque `other` block (it keeps its height), never entered,
    /// which names the kind of region it is ([`crate::article::Block::region`]).
    Excluded(Furniture),
    /// A graphic or app the page draws itself (an interactive chart, an infographic): an
    /// `embed` block, never entered, which the embed clearance keeps ads away from.
    Embed,
}

/// A region and why the reader made it one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Region {
    pub(super) kind: RegionKind,
    /// What marked it, for explanations: `hidden`, `ad`, `share`, `nav`...
    pub(super) reason: &'static str,
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

/// Word lists for shown regions, with the region each gives.
const EXCLUDED_WORDS: &[(Furniture, &[&str])] = &[
    (
        Furniture::Share,
        &[
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
        ],
    ),
    (
        Furniture::Newsletter,
        &[
            "newsletter",
            "newsletters",
            "subscribe",
            "subscription",
            "signup",
            "promo",
            "promos",
            "promotion",
            "paywall",
            "optin",
        ],
    ),
    (
        Furniture::Related,
        &[
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
        ],
    ),
    (
        Furniture::Comments,
        &["comment", "comments", "commentlist", "disqus", "respond"],
    ),
    (
        Furniture::Sidebar,
        &["sidebar", "sidebars", "rail", "siderail"],
    ),
    (
        Furniture::Widget,
        &[
            "widget",
            "widgets",
            "player",
            "jwplayer",
            "videoplayer",
            "vjs",
            "controlbar",
            "chart",
            "charts",
            "poll",
            "quiz",
            "scorecard",
        ],
    ),
    (
        Furniture::Chrome,
        &[
            "nav",
            "navbar",
            "navigation",
            "menu",
            "masthead",
            "breadcrumb",
            "breadcrumbs",
            "footer",
            "cookie",
            "consent",
            "modal",
            "popup",
            "overlay",
            "toolbar",
            "topbar",
        ],
    ),
];

/// Class and id words of graphics and apps drawn by the page itself: newsrooms' interactive
/// graphics (`interactive-embedded`, `element-interactive`), infographics, Datawrapper and
/// Flourish charts. Their labels, legends and credits are not story text.
const EMBED_WORDS: &[&str] = &[
    "interactive",
    "interactives",
    "graphic",
    "graphics",
    "infographic",
    "datawrapper",
    "flourish",
];

/// Tags that are chrome wherever they stand in a page's flow.
const CHROME_TAGS: &[&str] = &["nav", "aside", "footer", "form", "dialog", "menu"];

/// ARIA landmark roles of chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "form",
    "menubar",
];

/// Class values that hide an element in the common CSS frameworks.
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
];

/// The words of a class or id value: split at non-alphanumerics and lower-to-upper case
/// changes, lowercased (`socialShare-bar_2` gives `social share bar 2`).
pub(super) fn words(value: &str, out: &mut Vec<String>) {
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
}

fn get<'a>(attrs: &'a [Attr<'_>], name: &str) -> Option<&'a str> {
    attrs.iter().find(|a| a.name == name).map(|a| &*a.value)
}

/// Whether the element's own attributes hide it.
pub(super) fn is_hidden(attrs: &[Attr<'_>]) -> bool {
    if get(attrs, "hidden").is_some()
        || get(attrs, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if get(attrs, "class").is_some_and(|c| {
        c.split_ascii_whitespace()
            .any(|c| HIDING_CLASSES.iter().any(|h| c.eq_ignore_ascii_case(h)))
    }) {
        return true;
    }
    get(attrs, "style").is_some_and(|style| {
        super::media::declarations(style).any(|(prop, value)| {
            (prop == "display" && value == "none")
                || (prop == "visibility" && matches!(value.as_str(), "hidden" | "collapse"))
        })
    })
}

/// The region the element `name` with `attrs` is, if any.
///
/// Order: hidden first (a hidden ad or share bar takes no room), then ads, then the shown
/// regions by class and id words, then chrome tags and roles. `html`, `body`, `head` and
/// `main` are never regions.
pub(super) fn classify(name: &str, attrs: &[Attr<'_>]) -> Option<Region> {
    if matches!(name, "html" | "body" | "head" | "main") {
        // The page itself: its classes describe the page (`has-sidebar`), and anti-flicker
        // snippets hide `<body>` until scripts run.
        return None;
    }
    let region = |kind, reason| Some(Region { kind, reason });
    let excluded = |r: Furniture| region(RegionKind::Excluded(r), r.name());
    if is_hidden(attrs) {
        return region(RegionKind::Hidden, "hidden");
    }
    if attrs.iter().any(|a| {
        a.name == "data-ad" || a.name.starts_with("data-ad-") || a.name == "data-google-query-id"
    }) {
        return region(RegionKind::Ad, "ad");
    }
    let mut ws = Vec::new();
    for v in [get(attrs, "class"), get(attrs, "id")]
        .into_iter()
        .flatten()
    {
        words(v, &mut ws);
    }
    let any = |list: &[&str]| ws.iter().any(|w| list.contains(&w.as_str()));
    let pair = |a: &str, bs: &[&str]| {
        ws.windows(2)
            .any(|w| w[0] == a && bs.contains(&w[1].as_str()))
    };
    if any(AD_WORDS) {
        return region(RegionKind::Ad, "ad");
    }
    for &(furniture, list) in EXCLUDED_WORDS {
        if any(list) {
            return excluded(furniture);
        }
    }
    if pair("sign", &["up"]) {
        return excluded(Furniture::Newsletter);
    }
    if pair("most", &["read", "popular", "viewed", "shared", "emailed"]) {
        return excluded(Furniture::Related);
    }
    if pair("side", &["bar"]) {
        return excluded(Furniture::Sidebar);
    }
    if any(EMBED_WORDS) {
        return region(RegionKind::Embed, "graphic");
    }
    let role = get(attrs, "role").unwrap_or("").trim().to_ascii_lowercase();
    if CHROME_TAGS.contains(&name) || CHROME_ROLES.contains(&role.as_str()) {
        return excluded(Furniture::Chrome);
    }
    None
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn attrs(list: &[(&'static str, &'static str)]) -> Vec<Attr<'static>> {
        list.iter()
            .map(|&(n, v)| Attr {
                name: Cow::Borrowed(n),
                value: Cow::Borrowed(v),
            })
            .collect()
    }

    fn reason(name: &str, list: &[(&'static str, &'static str)]) -> Option<&'static str> {
        classify(name, &attrs(list)).map(|r| r.reason)
    }

    #[test]
    fn words_split_at_case_and_punctuation() {
        let mut w = Vec::new();
        words("socialShare-bar_2 div-gpt-ad OUTBRAIN", &mut w);
        assert_eq!(
            w,
            ["social", "share", "bar", "2", "div", "gpt", "ad", "outbrain"]
        );
    }

    #[test]
    fn ads_are_recognised_by_gpt_adsense_outbrain_taboola_and_data_ad() {
        for list in [
            [("id", "div-gpt-ad-1234-0")],
            [("class", "adsbygoogle")],
            [("class", "OUTBRAIN")],
            [("id", "taboola-below-article")],
            [("class", "story-ad")],
            [("data-ad-slot", "12")],
            [("class", "sponsored-content")],
        ] {
            assert_eq!(reason("div", &list), Some("ad"), "{list:?}");
        }
    }

    #[test]
    fn words_inside_words_do_not_count() {
        for class in [
            "header",
            "download",
            "loaded",
            "shadow",
            "navy",
            "badge",
            "article-body",
        ] {
            assert_eq!(reason("div", &[("class", class)]), None, "{class}");
        }
    }

    #[test]
    fn hiding_wins_and_is_read_from_style() {
        assert_eq!(
            reason("div", &[("class", "ad"), ("hidden", "")]),
            Some("hidden")
        );
        assert_eq!(
            reason("div", &[("style", "color:red; DISPLAY: none !important")]),
            Some("hidden")
        );
        assert_eq!(
            reason("div", &[("style", "visibility:hidden")]),
            Some("hidden")
        );
        assert_eq!(reason("div", &[("aria-hidden", "true")]), Some("hidden"));
        assert_eq!(reason("div", &[("aria-hidden", "false")]), None);
        assert_eq!(reason("div", &[("style", "display:block")]), None);
    }

    #[test]
    fn shown_regions_by_words_tags_and_roles() {
        assert_eq!(reason("div", &[("class", "share-tools")]), Some("share"));
        assert_eq!(
            reason("section", &[("class", "c-newsletter")]),
            Some("newsletter")
        );
        assert_eq!(reason("div", &[("class", "signUp")]), Some("newsletter"));
        assert_eq!(reason("div", &[("id", "most-read")]), Some("related"));
        assert_eq!(reason("div", &[("id", "comments")]), Some("comments"));
        assert_eq!(reason("div", &[("class", "right-rail")]), Some("sidebar"));
        assert_eq!(reason("div", &[("class", "video-player")]), Some("widget"));
        assert_eq!(
            reason("section", &[("class", "interactive-embedded")]),
            Some("graphic")
        );
        assert_eq!(reason("nav", &[]), Some("chrome"));
        assert_eq!(reason("aside", &[]), Some("chrome"));
        assert_eq!(reason("div", &[("role", "complementary")]), Some("chrome"));
        assert_eq!(reason("div", &[]), None);
    }
}
