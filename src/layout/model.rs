//! The block model as the layout reads it: each kind of block's box (margins, padding, borders,
//! text indent, font size, line height, content width, white-space) from a device's computed
//! styles, made once per device when its rule file gives a stylesheet or style keys.

use crate::article::{Block, BlockKind, Container};
use crate::style::{ComputedStyle, StyleKind, Styles, VerticalBox};

/// How a box's text wraps (CSS `white-space`, the values that change line counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrap {
    /// `normal`, `pre-line` and the like: lines wrap at the box's width.
    Normal,
    /// `pre`, `nowrap`: line breaks kept, no wrapping.
    Pre,
    /// `pre-wrap`, `break-spaces`: line breaks kept, and lines wrap.
    PreWrap,
}

/// One box of the block model: its vertical edges and how its text is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KindBox {
    /// Margins, padding and borders, and whether it contains its children's margins.
    pub edges: VerticalBox,
    /// The width its lines are broken at (its content box), in px.
    pub width_px: f64,
    /// Its font size in px.
    pub font_px: f64,
    /// Its line height in px; `None` for `normal` (the face's metrics decide).
    pub line_px: Option<f64>,
    /// `text-indent` of its first line, in px.
    pub indent_px: f64,
    /// `letter-spacing` and `word-spacing`, in px.
    pub spacing_px: (f64, f64),
    /// How its text wraps.
    pub wrap: Wrap,
    /// Its left and right padding and borders, in px.
    pub horizontal_px: f64,
    /// Whether its text is set in the heading face (headings).
    pub heading: bool,
    /// Whether it shows a list marker (`display: list-item`, a `list-style-type` other than
    /// `none`): the marker makes a line even when the box holds no text.
    pub marker: bool,
}

impl KindBox {
    fn of(style: &ComputedStyle, heading: bool) -> KindBox {
        let wrap = match style.white_space {
            "pre" | "nowrap" => Wrap::Pre,
            "pre-wrap" | "break-spaces" => Wrap::PreWrap,
            _ => Wrap::Normal,
        };
        KindBox {
            edges: VerticalBox::of(style),
            width_px: style.content_width_px.max(0.0),
            font_px: style.font_px,
            line_px: style.line_height_px(),
            indent_px: style.text_indent_px,
            spacing_px: (
                style.letter_spacing_px.unwrap_or(0.0),
                style.word_spacing_px,
            ),
            wrap,
            horizontal_px: style.padding.horizontal() + style.border.horizontal(),
            heading,
            marker: style.display == crate::style::Display::ListItem
                && &*style.list_style_type != "none",
        }
    }

    /// The same box with no vertical margins (a box whose margins another box holds).
    fn without_margins(mut self) -> KindBox {
        self.edges.margin_top = 0.0;
        self.edges.margin_bottom = 0.0;
        self
    }
}

/// A device's block model: the box of every [`StyleKind`], plus the nested boxes the layout
/// opens inside them (a quote's paragraph), and the column width.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockModel {
    /// The content root's content width: the column the blocks sit in.
    pub column_width_px: f64,
    /// `border-spacing` of tables (horizontal, vertical), in px.
    pub border_spacing_px: (f64, f64),
    kinds: Vec<KindBox>,
    quote_paragraph: KindBox,
    embed: KindBox,
    ad: KindBox,
    /// The `height` the stylesheet gives an `iframe` in the content root, if any.
    player_height_px: Option<f64>,
}

impl BlockModel {
    /// The block model of these styles.
    ///
    /// ```
    /// use adslot::layout::BlockModel;
    /// use adslot::style::{StyleKind, Styles};
    /// let m = BlockModel::new(&Styles::for_profile(17.0, 27.0, 343.0, 375.0, 740.0));
    /// let h2 = m.kind(StyleKind::H2);
    /// assert_eq!((h2.font_px, h2.edges.margin_top), (25.5, 0.83 * 25.5)); // h2 { font-size: 1.5em; margin: 0.83em 0 }
    /// assert_eq!(m.kind(StyleKind::ListItem).width_px, 343.0 - 40.0); // ul { padding-left: 40px }
    /// ```
    pub fn new(styles: &Styles) -> BlockModel {
        let kinds: Vec<KindBox> = StyleKind::ALL
            .iter()
            .map(|&k| KindBox::of(styles.kind(k), is_heading_kind(k)))
            .collect();
        let mut s = styles.styler();
        s.push("blockquote", &[]);
        let quote_paragraph = KindBox::of(s.push("p", &[]), false);
        let mut s = styles.styler();
        let embed = KindBox::of(s.push("div", &[]), false);
        let ad = embed.without_margins();
        let mut s = styles.styler();
        let player_height_px = s.push("iframe", &[]).height;
        BlockModel {
            column_width_px: styles.column_width_px(),
            border_spacing_px: styles.kind(StyleKind::Table).border_spacing,
            kinds,
            quote_paragraph,
            embed,
            ad,
            player_height_px,
        }
    }

    /// The same model in a box `width_px` wide instead of the column (a table cell, a quote):
    /// every box narrowed by as much as the column is, its other edges kept (a cell's `p` is
    /// styled as the column's).
    ///
    /// ```
    /// use adslot::layout::BlockModel;
    /// use adslot::style::{StyleKind, Styles};
    /// let m = BlockModel::new(&Styles::for_profile(17.0, 27.0, 343.0, 375.0, 740.0));
    /// let cell = m.within(150.0);
    /// assert_eq!(cell.column_width_px, 150.0);
    /// assert_eq!(cell.kind(StyleKind::ListItem).width_px, 150.0 - 40.0);
    /// ```
    pub fn within(&self, width_px: f64) -> BlockModel {
        let less = self.column_width_px - width_px;
        let narrow = |k: &KindBox| KindBox {
            width_px: (k.width_px - less).max(0.0),
            ..*k
        };
        BlockModel {
            column_width_px: width_px,
            border_spacing_px: self.border_spacing_px,
            kinds: self.kinds.iter().map(narrow).collect(),
            quote_paragraph: narrow(&self.quote_paragraph),
            embed: narrow(&self.embed),
            ad: narrow(&self.ad),
            player_height_px: self.player_height_px,
        }
    }

    /// The `height` the stylesheet gives an `iframe` in the content root (`iframe { height:
    /// 400px }`), if it gives one: a player's height whatever its shape, as in the browser,
    /// where the stylesheet wins over the markup's `height` and the provider's shape.
    ///
    /// ```
    /// use adslot::layout::BlockModel;
    /// use adslot::style::Styles;
    /// let m = BlockModel::new(&Styles::for_profile(17.0, 27.0, 343.0, 375.0, 740.0));
    /// assert_eq!(m.player_height_px(), None); // the user-agent stylesheet sets none
    /// ```
    pub fn player_height_px(&self) -> Option<f64> {
        self.player_height_px
    }

    /// How much wider a box's margins, borders and padding make it than its lines (the column
    /// less the kind's line width).
    pub fn horizontal_extra(&self, kind: StyleKind) -> f64 {
        (self.column_width_px - self.kind(kind).width_px).max(0.0)
    }

    /// The box of a kind.
    pub fn kind(&self, kind: StyleKind) -> &KindBox {
        &self.kinds[kind as usize]
    }

    /// A quote's paragraph (`blockquote p`): the lines of a quote block are set in it.
    pub fn quote_paragraph(&self) -> &KindBox {
        &self.quote_paragraph
    }

    /// The box an embed sits in (a `div` of the content root).
    pub fn embed(&self) -> &KindBox {
        &self.embed
    }

    /// The box of an ad already on the page: no margins of its own.
    pub fn ad(&self) -> &KindBox {
        &self.ad
    }
}

fn is_heading_kind(k: StyleKind) -> bool {
    matches!(
        k,
        StyleKind::H1
            | StyleKind::H2
            | StyleKind::H3
            | StyleKind::H4
            | StyleKind::H5
            | StyleKind::H6
    )
}

/// The style kind a block's outer box takes: headings by level (a headline without one is
/// level 1, a heading level 2), preformatted text `pre`, images `figure` (a `<figure>` or a
/// captioned one is laid out as a figure, pictures alone in a paragraph as `p` and in a list
/// as the list, another as a box of the content root), and the text kinds
/// their own; `headlines` and `other` are body paragraphs.
///
/// ```
/// use adslot::{Block, BlockKind};
/// use adslot::layout::style_kind;
/// use adslot::style::StyleKind;
/// let h = Block { level: Some(3), ..Block::new(BlockKind::Heading, "Figures") };
/// assert_eq!(style_kind(&h), StyleKind::H3);
/// assert_eq!(style_kind(&Block::new(BlockKind::Heading, "Next")), StyleKind::H2);
/// ```
pub fn style_kind(block: &Block) -> StyleKind {
    if block.preformatted && block.kind.has_text_layout() {
        return StyleKind::Pre;
    }
    match block.kind {
        BlockKind::Headline => StyleKind::heading(block.level.unwrap_or(1)),
        BlockKind::Heading => StyleKind::heading(block.level.unwrap_or(2)),
        BlockKind::Standfirst => StyleKind::Standfirst,
        BlockKind::Byline => StyleKind::Byline,
        BlockKind::Lede => StyleKind::Lede,
        BlockKind::Caption => StyleKind::Caption,
        BlockKind::Quote => StyleKind::Quote,
        BlockKind::List => StyleKind::List,
        // An opaque block with items (an excluded list of links) is laid out as a list.
        BlockKind::Other if !block.items.is_empty() => StyleKind::List,
        BlockKind::Table => StyleKind::Table,
        BlockKind::Image | BlockKind::Embed if block.container == Some(Container::Paragraph) => {
            StyleKind::Body
        }
        // Pictures alone in a list (a gallery): the list's box, its items' width.
        BlockKind::Image | BlockKind::Embed if block.container == Some(Container::List) => {
            StyleKind::List
        }
        BlockKind::Image => StyleKind::Figure,
        BlockKind::Embed if block.container == Some(Container::Figure) => StyleKind::Figure,
        BlockKind::Paragraph
        | BlockKind::Headlines
        | BlockKind::Other
        | BlockKind::Embed
        | BlockKind::Ad => StyleKind::Body,
    }
}
