//! Estimated page geometry: line counts, block heights and positions per device, by columns
//! (the textwrap-parity model) or in px with the device's fonts.

pub(crate) mod device;
mod model;
mod pixel;
mod runs;
mod styled;
pub(crate) mod typography;

pub use crate::text::Hyphenation;
pub use device::{
    px, reserved_height, reserved_size, AdSize, DeviceProfile, ProfileKey, MAX_BLOCK_PX,
    PROFILE_KEYS,
};
pub use model::{style_kind, BlockModel, KindBox, Wrap};
pub use pixel::{block_lines, first_face_lines, whole_px, LAYOUT_UNITS};
pub use styled::{MONO_ADVANCE_EM, NORMAL_LINE_EM};
pub use typography::{
    font_key, FontKey, FontProblem, FontSettings, FontValue, HyphensMode, Typeface, Typesetting,
    Typography, FONT_KEYS,
};

use serde::Serialize;

use crate::article::{Article, BlockKind};

/// One block's estimated box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct BlockBox {
    /// Index of the block in the article.
    pub index: usize,
    /// Lines of text (0 for blocks without text layout).
    pub lines: usize,
    /// Distance from the top of the article to the top of the block, without ads.
    pub top_px: u64,
    /// Height of the block.
    pub height_px: u64,
}

/// The estimated geometry of an article on one device, without any ads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Geometry {
    /// Body text columns the lines were broken at (in px mode: the columns the terminal
    /// preview draws at).
    pub columns: usize,
    /// Columns of headlines and headings (their font is larger).
    #[serde(skip)]
    pub heading_columns: usize,
    /// One box per block, in order (in px mode, the first typeface's).
    pub blocks: Vec<BlockBox>,
    /// Height of the whole article (in px mode, in the first typeface).
    pub height_px: u64,
    /// px mode: the layout in each typeface of the device, the first being `blocks`; empty in
    /// column mode.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fonts: Vec<FontLayout>,
    /// Where an ad at each gap goes (`blocks.len() + 1`; in px mode, in the first typeface);
    /// empty where an ad simply stands at the top of the block after it (no margins modelled).
    #[serde(skip)]
    pub slots: Vec<SlotEdges>,
}

/// Where an ad inserted at a gap goes in the article without ads, in LayoutUnits.
///
/// An ad between two blocks keeps their margins from collapsing (the block model's CSS flow):
/// it starts below the margin of the block above it and the block below it keeps its whole top
/// margin. So the article above the ad ends at `top_lu`, and the article below it starts at
/// `resume_lu`, where the article without ads has that much left of the margins before the
/// block below: `top_lu` less the margin the two had in common (more than `top_lu` where both
/// are negative). The two are the same where no margins are modelled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SlotEdges {
    /// The ad's top: where the article above it ends.
    pub top_lu: u64,
    /// Where the article below the ad starts, as a position in the article without ads.
    pub resume_lu: u64,
}

impl SlotEdges {
    /// Both edges at one position (no margins kept apart).
    pub fn at(lu: u64) -> SlotEdges {
        SlotEdges {
            top_lu: lu,
            resume_lu: lu,
        }
    }

    /// How far an ad here pushes the article below it down beyond its own height, in
    /// LayoutUnits: the margins it keeps apart (negative where both sides' margins are
    /// negative, which collapse to the most negative alone).
    pub fn growth_lu(&self) -> i64 {
        let (top, resume) = (
            self.top_lu.min(i64::MAX as u64),
            self.resume_lu.min(i64::MAX as u64),
        );
        top as i64 - resume as i64
    }
}

/// The layout of an article in one typeface (px mode).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FontLayout {
    /// The typeface as the rule file names it (`times`, `fonts/Body.woff2`).
    pub font: String,
    /// One box per block.
    pub blocks: Vec<BlockBox>,
    /// Height of the whole article.
    pub height_px: u64,
    /// The position of every gap (`blocks.len() + 1`) in LayoutUnits ([`LAYOUT_UNITS`] per px),
    /// as Chromium lays out; empty when the whole-px `blocks` are exact.
    #[serde(skip)]
    pub gaps_lu: Vec<u64>,
    /// Where an ad at each gap goes ([`Geometry::slots`]); empty when at the gaps' positions.
    #[serde(skip)]
    pub slots: Vec<SlotEdges>,
}

impl FontLayout {
    /// The position of gap `g` in LayoutUnits.
    pub fn gap_lu(&self, g: usize) -> u64 {
        match self.gaps_lu.get(g) {
            Some(&y) => y,
            None => {
                let y = self.blocks.get(g).map_or(self.height_px, |b| b.top_px);
                y.saturating_mul(LAYOUT_UNITS)
            }
        }
    }

    /// Where an ad at gap `g` goes.
    pub fn slot_edges(&self, g: usize) -> SlotEdges {
        match self.slots.get(g) {
            Some(&s) => s,
            None => SlotEdges::at(self.gap_lu(g)),
        }
    }
}

impl Geometry {
    /// The vertical position of gap `g` (the top of block `g`, or the bottom for the last gap).
    pub fn gap_y(&self, g: usize) -> u64 {
        self.blocks.get(g).map_or(self.height_px, |b| b.top_px)
    }

    /// Where an ad at gap `g` goes (in px mode, in the first typeface).
    ///
    /// ```
    /// use adslot::{Article, Block, BlockKind::*};
    /// use adslot::layout::{layout, DeviceProfile, Hyphenation, LAYOUT_UNITS};
    /// let a = Article::new(vec![Block::new(Paragraph, "One."), Block::new(Heading, "Two")]);
    /// // No block model: an ad stands where the heading starts.
    /// let g = layout(&a, &DeviceProfile::mobile(), Hyphenation::None);
    /// assert_eq!(g.slot_edges(1).top_lu, g.gap_y(1) * LAYOUT_UNITS);
    /// assert_eq!(g.slot_edges(1).growth_lu(), 0);
    /// ```
    pub fn slot_edges(&self, g: usize) -> SlotEdges {
        match self.slots.get(g) {
            Some(&s) => s,
            None => SlotEdges::at(self.gap_y(g).saturating_mul(LAYOUT_UNITS)),
        }
    }

    /// Whether the text was laid out in px with fonts.
    pub fn is_px(&self) -> bool {
        !self.fonts.is_empty()
    }
}

/// Lays out `article` on `device`: blocks stacked with `block_gap_px` between them, text blocks
/// `lines x line height` tall, headlines and headings scaled, images and embeds at their own or
/// the device's default size. Lines are counted by columns (textwrap's first fit at
/// [`DeviceProfile::columns`]), or, when the device names fonts, in px as Chromium breaks them,
/// once per typeface ([`Geometry::fonts`]).
///
/// ```
/// use adslot::{Article, Block, BlockKind};
/// use adslot::layout::{layout, DeviceProfile, Hyphenation};
/// let a = Article::new(vec![Block::new(BlockKind::Paragraph, "word ".repeat(20))]);
/// let g = layout(&a, &DeviceProfile::mobile(), Hyphenation::None);
/// assert_eq!(g.columns, 40);
/// assert_eq!(g.blocks[0].lines, 3); // 100 columns of "word " at 40 columns
/// assert_eq!(g.height_px, 81);
/// ```
pub fn layout(article: &Article, device: &DeviceProfile, hyphenation: Hyphenation) -> Geometry {
    match device.typography.typesetting() {
        Some(set) => pixel::layout(article, device, set, hyphenation),
        None => layout_at(article, device, device.columns(), hyphenation),
    }
}

/// Text above which an article's lines are counted in parallel (rayon's pool costs tens of µs
/// to wake; a news article is 5-50 KB).
const PARALLEL_TEXT_BYTES: usize = 256 * 1024;

/// Like [`layout`], but by columns whatever the device's fonts, breaking body text at exactly
/// `columns` (headings scaled from it).
pub fn layout_at(
    article: &Article,
    device: &DeviceProfile,
    columns: usize,
    hyphenation: Hyphenation,
) -> Geometry {
    let heading_columns = scaled_columns(columns, device.heading_scale);
    if let Some(model) = &device.blocks {
        return styled_columns(article, device, model, columns, hyphenation);
    }
    let block_lines = |block: &crate::article::Block| match block.kind {
        BlockKind::Image | BlockKind::Embed | BlockKind::Ad => 0,
        BlockKind::Headline | BlockKind::Heading => {
            text_lines(&block.text, heading_columns, hyphenation)
        }
        _ => text_lines(&block.text, columns, hyphenation),
    };
    // Each block's lines are its own: a long article's are counted on all cores.
    let text_bytes: usize = article.blocks.iter().map(|b| b.text.len()).sum();
    let lines: Vec<usize> = if text_bytes >= PARALLEL_TEXT_BYTES {
        use rayon::prelude::*;
        article
            .blocks
            .par_iter()
            .with_min_len(64)
            .map(block_lines)
            .collect()
    } else {
        article.blocks.iter().map(block_lines).collect()
    };
    let mut blocks = Vec::with_capacity(article.blocks.len());
    let block_gap = px(device.block_gap_px);
    // Whole px, saturating: every position is exactly the sum of what is reported.
    let mut y = 0_u64;
    for ((index, block), lines) in article.blocks.iter().enumerate().zip(lines) {
        if index > 0 {
            y = y.saturating_add(block_gap);
        }
        let height = match block.kind {
            BlockKind::Image | BlockKind::Embed => media_height(block, device),
            BlockKind::Ad => block.height_px.unwrap_or(device.existing_ad_height_px),
            BlockKind::Headline | BlockKind::Heading => block
                .height_px
                .unwrap_or(lines as f64 * device.line_height_px * device.heading_scale),
            _ => block
                .height_px
                .unwrap_or(lines as f64 * device.line_height_px),
        };
        let top_px = y;
        let height_px = px(height);
        blocks.push(BlockBox {
            index,
            lines,
            top_px,
            height_px,
        });
        y = y.saturating_add(height_px);
    }
    let height_px = y;
    Geometry {
        columns,
        heading_columns,
        blocks,
        height_px,
        fonts: Vec::new(),
        slots: Vec::new(),
    }
}

/// The block model's layout by columns: each box's lines at its own width and font size, at
/// `columns` scaled by how the box's width and font differ from the profile's body text.
fn styled_columns(
    article: &Article,
    device: &DeviceProfile,
    model: &BlockModel,
    columns: usize,
    hyphenation: Hyphenation,
) -> Geometry {
    // The advance that makes the profile's column `columns` wide (the device's own unless the
    // caller asks for other columns).
    let advance = device.content_width_px / columns.max(1) as f64 / device.font_px;
    let mut m = ColumnMeasurer {
        advance_em: if columns == device.columns() || !(advance.is_finite() && advance > 0.0) {
            device.char_width_em
        } else {
            advance
        },
        hyphenation,
    };
    let stack = styled::stack(article, model, device, &mut m);
    let blocks = stack
        .blocks
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let top_px = px(s.top);
            BlockBox {
                index,
                lines: s.lines,
                top_px,
                height_px: px(s.top + s.height).saturating_sub(top_px),
            }
        })
        .collect();
    Geometry {
        columns,
        heading_columns: scaled_columns(columns, device.heading_scale),
        blocks,
        height_px: px(stack.height),
        fonts: Vec::new(),
        slots: pixel::slot_edges(&stack.gaps),
    }
}

/// Text measured by columns: a box's columns are its width over its font size times the
/// average advance.
struct ColumnMeasurer {
    advance_em: f64,
    hyphenation: Hyphenation,
}

impl styled::Measurer for ColumnMeasurer {
    /// Columns count runs as the text around them.
    fn lines(
        &mut self,
        text: &str,
        b: &KindBox,
        width_px: f64,
        _runs: Option<styled::InlineRuns<'_>>,
    ) -> usize {
        let advance = b.font_px * self.advance_em;
        let columns = device::columns_for(width_px, advance);
        let indent = if advance > 0.0 {
            (b.indent_px / advance).round()
        } else {
            0.0
        };
        if indent >= 1.0 {
            // The first line starts `indent` columns in: as if its first word were longer.
            let filler = "x".repeat(indent.min(columns as f64) as usize);
            return text_lines(&format!("{filler}{text}"), columns, self.hyphenation);
        }
        text_lines(text, columns, self.hyphenation)
    }

    fn width(&mut self, text: &str, b: &KindBox) -> f64 {
        crate::text::display_width(text.trim()) as f64 * b.font_px * self.advance_em
    }

    fn normal_line(&mut self, b: &KindBox) -> f64 {
        b.font_px * NORMAL_LINE_EM
    }

    fn snap(&self, v: f64) -> f64 {
        v
    }
}

/// The height of an image or embed block shown at most `width_px` wide: as
/// [`media_height`], with `width_px` for the column.
pub fn media_height_at(
    block: &crate::article::Block,
    device: &DeviceProfile,
    width_px: f64,
) -> f64 {
    if let Some(h) = block.height_px {
        return h;
    }
    let width = match block.width_px {
        Some(w) if w.is_finite() && w >= 0.0 => w.min(width_px),
        _ => width_px,
    };
    match (block.kind, block.aspect) {
        (BlockKind::Embed, None) => device.embed_height_px,
        (_, aspect) => width / positive(aspect, device.image_aspect),
    }
}

/// The height of one picture shown at most `width_px` wide: its fixed `height_px`, else its
/// width (its own, never more than `width_px`; absent, `width_px`) over its `aspect` (absent,
/// the device's `image_aspect`).
///
/// ```
/// use adslot::Picture;
/// use adslot::layout::{picture_height, DeviceProfile};
/// let d = DeviceProfile::mobile();
/// let icon = Picture { width_px: Some(20.0), aspect: Some(1.0), ..Picture::default() };
/// assert_eq!(picture_height(&icon, &d, 343.0), 20.0);
/// assert_eq!(picture_height(&Picture::default(), &d, 300.0), 300.0 / d.image_aspect);
/// ```
pub fn picture_height(p: &crate::article::Picture, device: &DeviceProfile, width_px: f64) -> f64 {
    if let Some(h) = p.height_px {
        return h;
    }
    let width = match p.width_px {
        Some(w) if w.is_finite() && w >= 0.0 => w.min(width_px),
        _ => width_px,
    };
    width / positive(p.aspect, device.image_aspect)
}

/// The height of an image or embed block shown at most `width_px` wide: its `height_px`, else
/// an image's `pictures` stacked, else as [`media_height_at`].
pub fn pictures_height(
    block: &crate::article::Block,
    device: &DeviceProfile,
    width_px: f64,
) -> f64 {
    match block.height_px {
        Some(h) => h,
        None if block.kind == BlockKind::Image && !block.pictures.is_empty() => block
            .pictures
            .iter()
            .map(|p| picture_height(p, device, width_px))
            .sum(),
        None => media_height_at(block, device, width_px),
    }
}

/// The height of an image or embed block on `device`: its `height_px` if it has one, else it
/// is shown at its `width_px` or the column's width, whichever is narrower (never stretched),
/// with its `aspect` (an image without one takes the device's `image_aspect`, an embed its
/// `embed_height_px`).
///
/// ```
/// use adslot::{Block, BlockKind};
/// use adslot::layout::{media_height, DeviceProfile};
/// let d = DeviceProfile::mobile();
/// let avatar = Block { kind: BlockKind::Image, width_px: Some(60.0), aspect: Some(1.0), ..Block::default() };
/// assert_eq!(media_height(&avatar, &d), 60.0);
/// let wide = Block { width_px: Some(4000.0), aspect: Some(2.0), ..avatar };
/// assert_eq!(media_height(&wide, &d), d.content_width_px / 2.0);
/// ```
pub fn media_height(block: &crate::article::Block, device: &DeviceProfile) -> f64 {
    pictures_height(block, device, device.content_width_px)
}

/// Lines of a block's text; a block whose text is empty or only whitespace has none.
fn text_lines(text: &str, columns: usize, hyphenation: Hyphenation) -> usize {
    if text.trim().is_empty() {
        0
    } else {
        crate::text::count_lines(text, columns, hyphenation)
    }
}

fn scaled_columns(columns: usize, scale: f64) -> usize {
    let c = (columns as f64 / positive(Some(scale), 1.0)).floor();
    if c >= 1.0 {
        c as usize
    } else {
        1
    }
}

fn positive(value: Option<f64>, fallback: f64) -> f64 {
    match value {
        Some(v) if v.is_finite() && v > 0.0 => v,
        _ => fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::{layout_at, DeviceProfile, Hyphenation, PARALLEL_TEXT_BYTES};
    use crate::article::{Article, Block, BlockKind};

    /// An article long enough for its lines to be counted in parallel gets, block by block,
    /// the lines and heights each block gets alone, and tops that add up.
    #[test]
    fn parallel_counting_matches_each_block_alone() {
        let words = [
            "a",
            "news",
            "article's",
            "long-running",
            "paragraph,",
            "with",
            "words",
        ];
        let mut blocks = Vec::new();
        let mut bytes = 0;
        let mut i = 0usize;
        while bytes <= PARALLEL_TEXT_BYTES {
            let n = 5 + (i * 37) % 120;
            let text: Vec<&str> = (0..n).map(|k| words[(i + k * k) % words.len()]).collect();
            let kind = match i % 11 {
                0 => BlockKind::Heading,
                5 => BlockKind::Image,
                _ => BlockKind::Paragraph,
            };
            let block = Block::new(kind, text.join(" "));
            bytes += block.text.len();
            blocks.push(block);
            i += 1;
        }
        let article = Article::new(blocks);
        let device = DeviceProfile::mobile();
        for hyphenation in [Hyphenation::None, Hyphenation::EnUs] {
            let g = layout_at(&article, &device, 40, hyphenation);
            let mut y = 0;
            for (k, block) in article.blocks.iter().enumerate() {
                let alone = layout_at(&Article::new(vec![block.clone()]), &device, 40, hyphenation);
                assert_eq!(g.blocks[k].lines, alone.blocks[0].lines, "block {k}");
                assert_eq!(
                    g.blocks[k].height_px, alone.blocks[0].height_px,
                    "block {k}"
                );
                if k > 0 {
                    y += device.block_gap_px.round() as u64;
                }
                assert_eq!(g.blocks[k].top_px, y, "block {k}");
                y += g.blocks[k].height_px;
            }
            assert_eq!(g.height_px, y);
        }
    }
}
