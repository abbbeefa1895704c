//! What HTML elements are to the reader: inline, opaque, skipped, embeds, and the parsing rules for implied end tags.

use super::tokenizer::Attr;

/// Inline elements that may hold blocks in sloppy markup: descended through, but they do not
/// end a run of inline content.
pub(super) const INLINE: &[&str] = &[
    "span", "b", "i", "em", "strong", "u", "s", "small", "big", "font", "sub", "sup", "mark",
    "abbr", "cite", "code", "dfn", "kbd", "q", "samp", "var", "time", "data", "bdi", "bdo", "ruby",
    "rt", "rp", "del", "ins", "tt", "strike", "nobr", "acronym", "output", "meter", "progress",
    "map", "slot", "br", "wbr", "input", "area", "source", "track",
];

/// Inline elements never split: everything inside is one piece of the run (no slot in a link).
pub(super) const OPAQUE_INLINE: &[&str] = &["a", "button", "label", "svg", "math", "canvas"];

/// Elements whose content is never article text or blocks: scripts and styles, and form
/// controls, whose labels are the page's interface ("Preview red theme", "Load more"), which
/// Readability drops too.
pub(super) const SKIP: &[&str] = &[
    "script", "style", "template", "noscript", "head", "title", "textarea", "select", "datalist",
    "button",
];

/// Start tags that close an open `p` (HTML's "close a p element").
pub(super) const CLOSES_P: &[&str] = &[
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
pub(super) const SCOPE: &[&str] = &[
    "html", "table", "td", "th", "caption", "marquee", "object", "template", "applet",
];

/// What bounds a search in HTML's table scope: a table's end tags and its row and cell start
/// tags look no further out than the innermost table.
pub(super) const TABLE_SCOPE: &[&str] = &["html", "table", "template"];

/// End tags that close the cells open inside them (searched in table scope).
pub(super) const TABLE_ENDS: &[&str] = &["tr", "tbody", "thead", "tfoot", "table"];

/// Table-internal tags, ignored (as browsers do) when no table is open.
pub(super) const TABLE_PARTS: &[&str] = &[
    "caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr",
];

pub(super) const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

pub(super) const HEAD_CONTENT: &[&str] = &[
    "meta", "link", "title", "style", "script", "base", "noscript", "template",
];

pub(super) const EMBED_TAGS: &[&str] = &["iframe", "video", "audio", "embed", "object"];
pub(super) const EMBED_CLASSES: &[&str] = &["twitter-tweet", "instagram-media", "tiktok-embed"];

pub(super) fn has_class(attrs: &[Attr<'_>], class: &str) -> bool {
    attrs
        .iter()
        .find(|a| a.name == "class")
        .is_some_and(|a| a.value.split_ascii_whitespace().any(|c| c == class))
}

/// Elements the reader treats as wrappers: descended through, their content read as the flow.
pub(super) const WRAPPERS: &[&str] = &[
    "html", "body", "div", "section", "article", "header", "footer", "aside", "main", "nav",
    "center", "hgroup", "search", "span",
];

/// Elements that start a block of their own (besides wrappers and embeds).
pub(super) const BLOCK_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "picture",
    "img",
    "figcaption",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "menu",
    "dir",
    "li",
    "dd",
    "dt",
    "table",
    "pre",
    "form",
    "fieldset",
    "details",
    "summary",
    "address",
    "listing",
    "xmp",
    "plaintext",
    "legend",
    "hr",
    "dialog",
];

/// An element HTML does not define (a custom element such as `mjx-container`, or a made-up
/// tag): inline unless it holds blocks, as browsers lay it out (`display: inline`).
pub(super) fn is_unknown(name: &str) -> bool {
    !(WRAPPERS.contains(&name)
        || BLOCK_TAGS.contains(&name)
        || INLINE.contains(&name)
        || OPAQUE_INLINE.contains(&name)
        || SKIP.contains(&name)
        || TABLE_PARTS.contains(&name)
        || EMBED_TAGS.contains(&name)
        || HEAD_CONTENT.contains(&name)
        || crate::markup::VOID_ELEMENTS.contains(&name)
        || matches!(
            name,
            "head" | "option" | "optgroup" | "frameset" | "marquee" | "applet"
        ))
}

/// Whether an element starts block content (a block or a wrapper), which makes an unknown
/// element holding it a wrapper too.
pub(super) fn is_block_level(name: &str) -> bool {
    (WRAPPERS.contains(&name) && name != "span")
        || BLOCK_TAGS.contains(&name)
        || EMBED_TAGS.contains(&name)
}
