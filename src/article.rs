//! The article model: blocks of known kinds, the lede, and the gaps between blocks.

use serde::{Deserialize, Serialize};

mod cell;
mod region;
mod run;

pub use cell::Cell;
pub use region::Region;
pub use run::{runs_problem, Run};

/// What a block is. Rules name these kinds (`never_after = ["heading"]`, anchors...).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The article's title.
    Headline,
    /// The summary under the headline.
    Standfirst,
    /// Author and date line.
    Byline,
    /// The opening paragraph (explicit, or the first `paragraph`).
    Lede,
    /// Body text.
    #[default]
    Paragraph,
    /// A subheading.
    Heading,
    /// A photo or graphic.
    Image,
    /// The caption of an image.
    Caption,
    /// A block quote or pull quote.
    Quote,
    /// A bulleted or numbered list.
    List,
    /// A table.
    Table,
    /// A video, social post, iframe or other embedded object.
    Embed,
    /// The "latest headlines" / related stories block.
    Headlines,
    /// An ad already on the page: the engine keeps spacing to it.
    Ad,
    /// Anything else.
    Other,
}

impl BlockKind {
    /// Every kind, in declaration order.
    pub const ALL: [BlockKind; 15] = [
        BlockKind::Headline,
        BlockKind::Standfirst,
        BlockKind::Byline,
        BlockKind::Lede,
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::Image,
        BlockKind::Caption,
        BlockKind::Quote,
        BlockKind::List,
        BlockKind::Table,
        BlockKind::Embed,
        BlockKind::Headlines,
        BlockKind::Ad,
        BlockKind::Other,
    ];

    /// The kind's name as written in JSON and rule files.
    ///
    /// ```
    /// assert_eq!(adslot::BlockKind::Headlines.name(), "headlines");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Headline => "headline",
            BlockKind::Standfirst => "standfirst",
            BlockKind::Byline => "byline",
            BlockKind::Lede => "lede",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading => "heading",
            BlockKind::Image => "image",
            BlockKind::Caption => "caption",
            BlockKind::Quote => "quote",
            BlockKind::List => "list",
            BlockKind::Table => "table",
            BlockKind::Embed => "embed",
            BlockKind::Headlines => "headlines",
            BlockKind::Ad => "ad",
            BlockKind::Other => "other",
        }
    }

    /// Parses a kind name; the error carries the nearest valid name, if any is close.
    ///
    /// ```
    /// use adslot::BlockKind;
    /// assert_eq!(BlockKind::parse("quote"), Ok(BlockKind::Quote));
    /// assert_eq!(BlockKind::parse("paragrap"), Err(Some("paragraph")));
    /// ```
    pub fn parse(name: &str) -> Result<BlockKind, Option<&'static str>> {
        BlockKind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| crate::suggest::nearest(name, BlockKind::ALL.map(BlockKind::name)))
    }

    /// Whether blocks of this kind carry text that is laid out in lines.
    pub fn has_text_layout(self) -> bool {
        !matches!(self, BlockKind::Image | BlockKind::Embed | BlockKind::Ad)
    }
}

impl std::fmt::Display for BlockKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl<'de> Deserialize<'de> for BlockKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        BlockKind::parse(&name).map_err(|near| {
            let mut msg = format!("unknown block kind `{name}`");
            if let Some(help) = crate::suggest::did_you_mean(near) {
                msg.push_str(&format!(" ({help})"));
            }
            serde::de::Error::custom(msg)
        })
    }
}

/// One block of an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text (empty for images and embeds).
    #[serde(default)]
    pub text: String,
    /// Stretches of `text` set bold, italic, as code or smaller ([`Run`]), in order: measured
    /// in their faces where `text` is laid out as lines, with the block model in px mode
    /// (column mode and px mode without the block model count them as the text around them;
    /// a list's or quote's items and a table's cells, laid out apart from `text`, have none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<Run>,
    /// The publisher's id for the block, passed through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its rendered height, when the publisher knows it (images, embeds); wins over estimates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_px: Option<f64>,
    /// Its width/height ratio (images, embeds), used when `height_px` is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect: Option<f64>,
    /// The width it is shown at (images, embeds), when the markup fixes one: narrower than the
    /// column, it keeps this width (never stretched); wider, it is shrunk to the column. Absent:
    /// as wide as the column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_px: Option<f64>,
    /// A heading's level (1 to 6), when the reader knows it: its style is that level's
    /// (`[device.NAME.style.h3]`); absent, a headline is level 1 and a heading level 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// A list's items, or a quote's paragraphs, each laid out as lines of its own (a quote's
    /// in `blockquote p`, their margins collapsing); an empty item is an empty `li` (one line,
    /// its marker's). Empty: the whole `text` is one item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Each item's depth when a list nests lists (0: the list's own items, 1: those of a list
    /// inside one, ...): an item is indented by its list's indentation once more per level.
    /// Empty (or shorter than `items`): depth 0.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item_depths: Vec<u8>,
    /// A table's rows, each a list of its cells (a cell's text, or the blocks it holds);
    /// empty: the whole `text` is one cell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Vec<Cell>>,
    /// The blocks a quote (or another text block) holds when they are more than paragraphs (a
    /// table, a list), or a figure when its picture sits in a paragraph (then its caption is
    /// one of them), in order: stacked in the block's box, narrowed to it, in place of its
    /// items, text and pictures, which stay the whole text for word counts. The HTML reader
    /// fills it for a quote holding a table or a list and a figure holding a `p`; empty: the
    /// block's items or text are its lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Whether the text is preformatted (`pre`): its line breaks kept, set in the monospace
    /// face, not wrapped unless the style's `white-space` is `pre-wrap`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preformatted: bool,
    /// The element an image's pictures or an embed sit in, whose box they are laid out in (the
    /// HTML reader fills it). Absent: for an image, a figure when the block has caption text,
    /// else a picture of the content root (a bare `<img>`); for an embed, a box of the content
    /// root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<Container>,
    /// The pictures the block shows (its `<img>`s, in order), each as its markup sizes it: an
    /// image's or figure's pictures stacked, or pictures inside a paragraph or list, which add
    /// their height to the block's lines. Empty: an image block is one picture of the block's
    /// own `width_px`/`aspect`, a text block has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<Picture>,
    /// For an opaque block that is page furniture, not story (a share bar, a related box, site
    /// chrome...): which region it is. The HTML reader fills it for the regions it excludes;
    /// `[placement] never_beside_regions` keeps in-flow ads from standing directly beside one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
}

/// The element an image block's pictures or an embed sit in ([`Block::container`]), as JSON
/// `"figure"`, `"paragraph"` or `"list"`.
///
/// ```
/// let a = adslot::formats::json::read(
///     "a.json",
///     r#"{"blocks": [{"kind": "image", "aspect": 1.5, "container": "paragraph"}]}"#,
/// ).unwrap();
/// assert_eq!(a.blocks[0].container, Some(adslot::Container::Paragraph));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Container {
    /// A `<figure>`: the figure's margins and padding narrow the pictures (or the embed), a
    /// caption follows them (with or without one, the figure's box).
    Figure,
    /// A paragraph holding only pictures or an embed (`<p><img></p>`, `<p><iframe></p>`): the
    /// paragraph's margins around them.
    Paragraph,
    /// A list holding only pictures (`<ul><li><img></li>...</ul>`, a gallery): the list's box,
    /// its margins around them and its indentation narrowing them.
    List,
}

/// One picture as its markup sizes it: shown at `width_px` or the column's width, whichever is
/// narrower (never stretched beyond the column), `aspect` (width / height) giving its height,
/// or a fixed `height_px` when the shape is not known. Nothing known: as wide as the column, in
/// the device's `image_aspect`.
///
/// ```
/// let a = adslot::formats::json::read(
///     "a.json",
///     r#"{"blocks": [{"kind": "image", "pictures": [{"width_px": 60, "aspect": 1}, {}]}]}"#,
/// ).unwrap();
/// assert_eq!(a.blocks[0].pictures[0].width_px, Some(60.0));
/// assert_eq!(a.blocks[0].pictures[1], adslot::Picture::default());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Picture {
    /// The width the markup fixes, in CSS px.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_px: Option<f64>,
    /// A fixed height, when the shape is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_px: Option<f64>,
    /// Width / height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect: Option<f64>,
}

impl Block {
    /// A block of `kind` with `text`.
    ///
    /// ```
    /// use adslot::{Block, BlockKind};
    /// let b = Block::new(BlockKind::Paragraph, "Some words.");
    /// assert_eq!(b.text, "Some words.");
    /// ```
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Block {
        Block {
            kind,
            text: text.into(),
            ..Block::default()
        }
    }

    /// The depth of item `i` ([`Block::item_depths`]; 0 where it gives none).
    ///
    /// ```
    /// use adslot::{Block, BlockKind};
    /// let list = Block { item_depths: vec![0, 1], ..Block::new(BlockKind::List, "a b c") };
    /// assert_eq!((list.item_depth(1), list.item_depth(2)), (1, 0));
    /// ```
    pub fn item_depth(&self, i: usize) -> u8 {
        self.item_depths.get(i).copied().unwrap_or(0)
    }
}

/// An article: an optional id and language, its metadata (section, tags, type), and its
/// blocks in reading order.
///
/// Gap `i` stands before block `i`; gap `blocks.len()` is after the last block. The metadata
/// is what `[[when]]` rule sets match (JSON `section`, `tags`, `type`; HTML pages give
/// `article:section` and `article:tag` meta or JSON-LD; the CLI's `--section`, `--tag` and
/// `--type` override it).
///
/// ```
/// let a = adslot::formats::json::read(
///     "a.json",
///     r#"{"section": "Business", "tags": ["markets"], "type": "liveblog", "blocks": []}"#,
/// ).unwrap();
/// assert_eq!(a.section.as_deref(), Some("Business"));
/// assert_eq!(a.tags, ["markets"]);
/// assert_eq!(a.kind.as_deref(), Some("liveblog"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// The publisher's id, echoed in the output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// BCP 47 language tag, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The section of the site the article is in (`business`, `sport`, ...), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The article's tags (keywords), if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The article's type (`news`, `liveblog`, `opinion`, ...), if known; JSON `type`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
}

impl Article {
    /// Each block's kind name, in order: what reader tests compare.
    #[cfg(test)]
    pub(crate) fn kinds(&self) -> Vec<&'static str> {
        self.blocks.iter().map(|b| b.kind.name()).collect()
    }

    /// Each block's kind name and text, in order: what reader tests compare.
    #[cfg(test)]
    pub(crate) fn kinds_and_texts(&self) -> Vec<(&'static str, &str)> {
        self.blocks
            .iter()
            .map(|b| (b.kind.name(), b.text.as_str()))
            .collect()
    }

    /// An article of these blocks.
    pub fn new(blocks: Vec<Block>) -> Article {
        Article {
            blocks,
            ..Article::default()
        }
    }

    /// Words in the whole article (see [`crate::words::count`]).
    ///
    /// ```
    /// use adslot::{Article, Block, BlockKind::*};
    /// let a = Article::new(vec![Block::new(Headline, "A title"), Block::new(Paragraph, "one two three")]);
    /// assert_eq!(a.words(), 5);
    /// ```
    pub fn words(&self) -> u64 {
        self.blocks
            .iter()
            .map(|b| crate::words::count(&b.text))
            .sum()
    }

    /// Number of gaps: one before each block and one after the last.
    pub fn gap_count(&self) -> usize {
        self.blocks.len() + 1
    }

    /// The lede: the block of kind `lede` if any, else the first `paragraph`.
    ///
    /// ```
    /// use adslot::{Article, Block, BlockKind::*};
    /// let a = Article::new(vec![Block::new(Headline, "H"), Block::new(Paragraph, "P")]);
    /// assert_eq!(a.lede(), Some(1));
    /// ```
    pub fn lede(&self) -> Option<usize> {
        self.blocks
            .iter()
            .position(|b| b.kind == BlockKind::Lede)
            .or_else(|| {
                self.blocks
                    .iter()
                    .position(|b| b.kind == BlockKind::Paragraph)
            })
    }

    /// Each block's kind as rules see it: the lede counts as `lede`, not `paragraph`.
    pub fn effective_kinds(&self) -> Vec<BlockKind> {
        let lede = self.lede();
        self.blocks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                if Some(i) == lede {
                    BlockKind::Lede
                } else {
                    b.kind
                }
            })
            .collect()
    }
}
