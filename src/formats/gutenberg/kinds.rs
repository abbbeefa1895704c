//! What a top-level WordPress block is to the article: its kind, text and shape, from its name, attributes and HTML.

use crate::article::{Block, BlockKind};

/// What a block name says a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Paragraph,
    Heading,
    Image,
    Gallery,
    Quote,
    List,
    Table,
    Embed,
    Audio,
    Headlines,
    /// A layout block holding other blocks (columns, group...): one block, never entered.
    Container,
    /// Custom HTML, preformatted text, buttons, files...: one `other` block with its text.
    Other,
    /// Vertical space of a declared height.
    Spacer,
    /// Nothing a reader sees in the flow (a separator, the "more" marker, a page break).
    Nothing,
    /// This engine's own slot block: an ad already in the content.
    Ad,
}

/// The blocks whose names say what they are; every other block is read by its HTML.
static ROLES: &[(&str, Role)] = &[
    ("core/paragraph", Role::Paragraph),
    ("core/heading", Role::Heading),
    ("core/image", Role::Image),
    ("core/cover", Role::Image),
    ("core/gallery", Role::Gallery),
    ("core/quote", Role::Quote),
    ("core/pullquote", Role::Quote),
    ("core/list", Role::List),
    ("core/table", Role::Table),
    ("core/embed", Role::Embed),
    ("core/video", Role::Embed),
    ("core/audio", Role::Audio),
    ("core/latest-posts", Role::Headlines),
    ("core/rss", Role::Headlines),
    ("core/columns", Role::Container),
    ("core/column", Role::Container),
    ("core/group", Role::Container),
    ("core/row", Role::Container),
    ("core/stack", Role::Container),
    ("core/media-text", Role::Container),
    ("core/details", Role::Container),
    ("core/html", Role::Other),
    ("core/code", Role::Other),
    ("core/preformatted", Role::Other),
    ("core/verse", Role::Other),
    ("core/buttons", Role::Other),
    ("core/file", Role::Other),
    ("core/shortcode", Role::Other),
    ("core/footnotes", Role::Other),
    ("core/freeform", Role::Other),
    ("core/spacer", Role::Spacer),
    ("core/separator", Role::Nothing),
    ("core/more", Role::Nothing),
    ("core/nextpage", Role::Nothing),
    ("adslot/slot", Role::Ad),
];

/// The role of a block called `name`, if its name says.
pub(super) fn role(name: &str) -> Option<Role> {
    if name.starts_with("core-embed/") {
        // Embeds before WordPress 5.6 were one block per provider.
        return Some(Role::Embed);
    }
    ROLES.iter().find(|(n, _)| *n == name).map(|&(_, r)| r)
}

/// Chromium's height of an `<audio controls>` player.
const AUDIO_HEIGHT_PX: f64 = 54.0;

/// The article block of a top-level WordPress block: `role` (from its name, `None` when the
/// name is unknown), its attributes and `html`, the blocks the HTML reader finds in it.
pub(super) fn block(
    role: Option<Role>,
    attrs: &Attrs,
    children: usize,
    html: Vec<Block>,
) -> Option<Block> {
    let text = joined(&html);
    let one = (html.len() == 1).then(|| html[0].clone());
    // An element the rule file's `existing_ad_selector` names is an ad, whatever holds it.
    if let Some(b) = one.as_ref().filter(|b| b.kind == BlockKind::Ad) {
        return Some(b.clone());
    }
    let shaped = |kind, aspect: Option<f64>| Block {
        aspect: aspect.or_else(|| html.iter().find_map(|b| b.aspect)),
        ..Block::new(kind, text.clone())
    };
    let block = |b: Block| structured(b, &html);
    let Some(role) = role else {
        // Unknown blocks are what their HTML is: one block keeps its kind, several make one
        // `other`; a dynamic block with no HTML renders server-side, into something unknown.
        return Some(match one {
            Some(b) => b,
            None => Block::new(BlockKind::Other, text),
        });
    };
    Some(match role {
        Role::Paragraph => match one {
            Some(b) if matches!(b.kind, BlockKind::Image | BlockKind::Embed) => b,
            _ if text.is_empty() && html.is_empty() => return None,
            _ => block(Block::new(BlockKind::Paragraph, text)),
        },
        Role::Heading => {
            let kind = html
                .iter()
                .map(|b| b.kind)
                .find(|k| matches!(k, BlockKind::Headline | BlockKind::Heading))
                .unwrap_or(BlockKind::Heading);
            block(Block::new(kind, text))
        }
        Role::Image => block(shaped(BlockKind::Image, attrs.aspect())),
        // A gallery's tiles are its shape, not pictures stacked.
        Role::Gallery => shaped(BlockKind::Image, gallery_aspect(attrs, children, &html)),
        Role::Quote => block(Block::new(BlockKind::Quote, text)),
        Role::List => block(Block::new(BlockKind::List, text)),
        Role::Table => block(Block::new(BlockKind::Table, text)),
        Role::Embed => Block {
            text: String::new(),
            ..shaped(BlockKind::Embed, attrs.embed_aspect())
        },
        Role::Audio => Block {
            height_px: Some(AUDIO_HEIGHT_PX),
            ..Block::new(BlockKind::Embed, "")
        },
        Role::Headlines => Block::new(BlockKind::Headlines, text),
        Role::Container | Role::Other => block(Block::new(BlockKind::Other, text)),
        Role::Spacer => Block {
            height_px: Some(attrs.px("height").unwrap_or(100.0)),
            ..Block::new(BlockKind::Other, "")
        },
        Role::Nothing => return None,
        Role::Ad => Block {
            height_px: attrs.px("height").filter(|&h| h > 0.0),
            ..Block::new(BlockKind::Ad, "")
        },
    })
}

/// `b` with the structure its HTML gives (one HTML block's heading level, list items, table
/// rows, a quote's blocks, preformatted text, inline runs, an image's or embed's container;
/// every HTML block's pictures), where `b`'s kind uses it.
fn structured(mut b: Block, html: &[Block]) -> Block {
    if let [one] = html {
        if matches!(b.kind, BlockKind::Headline | BlockKind::Heading) {
            b.level = one.level;
        }
        if b.kind == BlockKind::List {
            b.items = one.items.clone();
            b.item_depths = one.item_depths.clone();
        }
        if b.kind == BlockKind::Table {
            b.rows = one.rows.clone();
        }
        if matches!(b.kind, BlockKind::Quote | BlockKind::Other) {
            b.blocks = one.blocks.clone();
        }
        if matches!(b.kind, BlockKind::Image | BlockKind::Embed) {
            // `core/image` and `core/embed` save a `<figure>`: laid out in the figure's box,
            // as in HTML.
            b.container = one.container;
        }
        if one.preformatted && b.kind.has_text_layout() {
            b.preformatted = true;
            b.text = one.text.clone();
        }
        // Its inline runs, when the block's text is that HTML block's.
        if b.text == one.text && !b.preformatted {
            b.runs = one.runs.clone();
        }
    }
    if b.kind != BlockKind::Image || b.aspect.is_none() {
        b.pictures = html
            .iter()
            .flat_map(|h| h.pictures.iter().copied())
            .collect();
    }
    b
}

/// The texts of `blocks`, one space between them.
pub(super) fn joined(blocks: &[Block]) -> String {
    let mut text = String::new();
    for b in blocks.iter().filter(|b| !b.text.is_empty()) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&b.text);
    }
    text
}

/// A gallery's shape: its images in `columns` (WordPress's default: as many as images, at
/// most 3) of square tiles (`imageCrop`, on by default), so width / height is columns / rows.
fn gallery_aspect(attrs: &Attrs, children: usize, html: &[Block]) -> Option<f64> {
    let images = match children {
        0 => attrs
            .value
            .as_ref()
            .and_then(|v| v.get("ids"))
            .and_then(|ids| ids.as_array())
            .map_or(html.len(), Vec::len),
        n => n,
    };
    if images == 0 {
        return None;
    }
    let columns = attrs
        .number("columns")
        .map_or(images.min(3), |c| (c.max(1.0) as usize).min(images));
    let rows = images.div_ceil(columns);
    Some(columns as f64 / rows as f64).filter(|a| crate::formats::ASPECT_RANGE.contains(a))
}

/// A block's attributes (its delimiter's JSON); absent or invalid JSON is no attributes, as
/// WordPress reads it.
#[derive(Debug, Default)]
pub(super) struct Attrs {
    value: Option<serde_json::Value>,
}

impl Attrs {
    pub(super) fn parse(json: Option<&str>) -> Attrs {
        Attrs {
            value: json.and_then(|j| serde_json::from_str(j).ok()),
        }
    }

    fn get(&self, key: &str) -> Option<&serde_json::Value> {
        self.value.as_ref()?.get(key)
    }

    fn number(&self, key: &str) -> Option<f64> {
        self.get(key)?.as_f64().filter(|n| n.is_finite())
    }

    /// A length in px: a number, or a string such as `"120px"` (other units are unknown).
    fn px(&self, key: &str) -> Option<f64> {
        let px = match self.get(key)? {
            serde_json::Value::Number(n) => n.as_f64()?,
            serde_json::Value::String(s) => s
                .trim()
                .strip_suffix("px")
                .unwrap_or(s)
                .trim()
                .parse()
                .ok()?,
            _ => return None,
        };
        Some(px).filter(|p| crate::formats::HEIGHT_PX_RANGE.contains(p))
    }

    /// An image's width / height from its `width` and `height` attributes.
    fn aspect(&self) -> Option<f64> {
        let (w, h) = (self.px("width")?, self.px("height")?);
        (h > 0.0)
            .then(|| w / h)
            .filter(|a| crate::formats::ASPECT_RANGE.contains(a))
    }

    /// An embed's width / height from its `wp-embed-aspect-W-H` class, as WordPress sets it.
    fn embed_aspect(&self) -> Option<f64> {
        let class = self.get("className")?.as_str()?;
        class.split_whitespace().find_map(|c| {
            let (w, h) = c.strip_prefix("wp-embed-aspect-")?.split_once('-')?;
            let (w, h): (f64, f64) = (w.parse().ok()?, h.parse().ok()?);
            (h > 0.0)
                .then(|| w / h)
                .filter(|a| crate::formats::ASPECT_RANGE.contains(a))
        })
    }
}
