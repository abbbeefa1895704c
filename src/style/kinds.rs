//! The block model's kinds: which element of the publisher's page each kind of block is (a chain
//! of elements inside the content root), and the rule file's values for each.

use serde::Serialize;

/// A kind of block with a style of its own (`[device.NAME.style.KIND]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StyleKind {
    /// Body paragraphs.
    Body,
    /// The lede (the first paragraph).
    Lede,
    /// The standfirst.
    Standfirst,
    /// The byline.
    Byline,
    /// Level-1 headings (the headline).
    H1,
    /// Level-2 headings.
    H2,
    /// Level-3 headings.
    H3,
    /// Level-4 headings.
    H4,
    /// Level-5 headings.
    H5,
    /// Level-6 headings.
    H6,
    /// A figure (image and caption).
    Figure,
    /// A caption.
    Caption,
    /// A block quote.
    Quote,
    /// A list (its margins and the items' indentation).
    List,
    /// A list item.
    ListItem,
    /// A table.
    Table,
    /// A table cell.
    TableCell,
    /// Preformatted text.
    Pre,
}

impl StyleKind {
    /// Every kind, in order (`as usize` indexes this).
    pub const ALL: [StyleKind; 18] = [
        StyleKind::Body,
        StyleKind::Lede,
        StyleKind::Standfirst,
        StyleKind::Byline,
        StyleKind::H1,
        StyleKind::H2,
        StyleKind::H3,
        StyleKind::H4,
        StyleKind::H5,
        StyleKind::H6,
        StyleKind::Figure,
        StyleKind::Caption,
        StyleKind::Quote,
        StyleKind::List,
        StyleKind::ListItem,
        StyleKind::Table,
        StyleKind::TableCell,
        StyleKind::Pre,
    ];

    /// The name in `[device.NAME.style.KIND]`.
    ///
    /// ```
    /// assert_eq!(adslot::style::StyleKind::ListItem.name(), "list_item");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            StyleKind::Body => "body",
            StyleKind::Lede => "lede",
            StyleKind::Standfirst => "standfirst",
            StyleKind::Byline => "byline",
            StyleKind::H1 => "h1",
            StyleKind::H2 => "h2",
            StyleKind::H3 => "h3",
            StyleKind::H4 => "h4",
            StyleKind::H5 => "h5",
            StyleKind::H6 => "h6",
            StyleKind::Figure => "figure",
            StyleKind::Caption => "caption",
            StyleKind::Quote => "quote",
            StyleKind::List => "list",
            StyleKind::ListItem => "list_item",
            StyleKind::Table => "table",
            StyleKind::TableCell => "table_cell",
            StyleKind::Pre => "pre",
        }
    }

    /// The kind called `name`, or the nearest name.
    pub fn parse(name: &str) -> Result<StyleKind, Option<&'static str>> {
        StyleKind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| crate::suggest::nearest(name, StyleKind::ALL.map(StyleKind::name)))
    }

    /// The element chain, inside the content root, that stands for this kind unless the rule
    /// file's `selector` says otherwise.
    pub fn default_selector(self) -> &'static str {
        match self {
            StyleKind::Body | StyleKind::Lede | StyleKind::Standfirst | StyleKind::Byline => "p",
            StyleKind::H1 => "h1",
            StyleKind::H2 => "h2",
            StyleKind::H3 => "h3",
            StyleKind::H4 => "h4",
            StyleKind::H5 => "h5",
            StyleKind::H6 => "h6",
            StyleKind::Figure => "figure",
            StyleKind::Caption => "figure > figcaption",
            StyleKind::Quote => "blockquote",
            StyleKind::List => "ul",
            StyleKind::ListItem => "ul > li",
            StyleKind::Table => "table",
            StyleKind::TableCell => "table > tbody > tr > td",
            StyleKind::Pre => "pre",
        }
    }

    /// The kind of a heading level (1 to 6).
    pub fn heading(level: u8) -> StyleKind {
        match level {
            0 | 1 => StyleKind::H1,
            2 => StyleKind::H2,
            3 => StyleKind::H3,
            4 => StyleKind::H4,
            5 => StyleKind::H5,
            _ => StyleKind::H6,
        }
    }
}

/// One element of a chain: its tag and attributes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainElement {
    /// Tag name (lowercase).
    pub tag: String,
    /// Attributes (`class`, `id`, and any `[name=value]`).
    pub attrs: Vec<(String, String)>,
}

/// Parses an element chain: compounds of a tag, `.class`, `#id` and `[attr=value]` separated
/// by spaces or `>` (`article.story > div.body p`); each compound is one element, the child of
/// the one before it; a compound without a tag is a `div`.
///
/// ```
/// use adslot::style::parse_chain;
/// let chain = parse_chain("article.story > .body p#lede").unwrap();
/// assert_eq!(chain.len(), 3);
/// assert_eq!(chain[1].tag, "div");
/// assert_eq!(chain[2].attrs, [("id".to_string(), "lede".to_string())]);
/// assert!(parse_chain("p:hover").is_err());
/// ```
pub fn parse_chain(text: &str) -> Result<Vec<ChainElement>, String> {
    let mut out = Vec::new();
    for part in text.split(|c: char| c.is_whitespace() || c == '>') {
        if part.is_empty() {
            continue;
        }
        let mut el = ChainElement {
            tag: String::new(),
            attrs: Vec::new(),
        };
        let mut classes: Vec<&str> = Vec::new();
        let mut rest = part;
        let ident = |s: &str| {
            s.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || !c.is_ascii()))
                .unwrap_or(s.len())
        };
        let n = ident(rest);
        if n > 0 {
            el.tag = rest[..n].to_ascii_lowercase();
            rest = &rest[n..];
        }
        while !rest.is_empty() {
            let (sigil, tail) = rest.split_at(1);
            match sigil {
                "." | "#" => {
                    let n = ident(tail);
                    if n == 0 {
                        return Err(format!("`{sigil}` without a name in `{part}`"));
                    }
                    if sigil == "." {
                        classes.push(&tail[..n]);
                    } else {
                        el.attrs.push(("id".to_string(), tail[..n].to_string()));
                    }
                    rest = &tail[n..];
                }
                "[" => {
                    let close = tail.find(']').ok_or(format!("unclosed `[` in `{part}`"))?;
                    let inner = &tail[..close];
                    let (name, value) = inner.split_once('=').unwrap_or((inner, ""));
                    let value = value.trim().trim_matches(['"', '\'']);
                    el.attrs
                        .push((name.trim().to_ascii_lowercase(), value.to_string()));
                    rest = &tail[close + 1..];
                }
                _ => {
                    return Err(format!(
                        "`{part}` is not an element (tag, .class, #id, [attr=value])"
                    ))
                }
            }
        }
        if el.tag.is_empty() {
            el.tag = "div".to_string();
        }
        if !classes.is_empty() {
            el.attrs.push(("class".to_string(), classes.join(" ")));
        }
        out.push(el);
    }
    if out.is_empty() {
        return Err("no element".to_string());
    }
    Ok(out)
}
