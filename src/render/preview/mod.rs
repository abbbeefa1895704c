//! The preview as a model: one walk over the layout and the plan gives every row to draw, with
//! its px position on the page; painters (`ansi` for the terminal, `html` for a browser) only draw rows.
//!
//! Positions are page coordinates: px from the top of the article with the ads inserted, so an
//! ad's `top_px` is the plan's. Text lines are broken exactly as the geometry counted them.

mod ansi;
mod html;

pub use ansi::paint as paint_ansi;
pub(crate) use html::escape;
pub use html::paint as paint_html;

use serde::Serialize;

use crate::article::{Article, BlockKind};
use crate::layout::{self, AdSize, DeviceProfile, Geometry, Hyphenation};
use crate::plan::{Plan, Reason};
use crate::rules::{Device, Rules};
use crate::text;
use crate::text::pixel::PixelLine;

/// One article's plan on one device, ready to draw: what comes down the page, in order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Preview<'a> {
    /// The article's id.
    pub id: Option<String>,
    /// The rule file's name for itself.
    pub rules: String,
    /// The device the plan is for.
    pub device: String,
    /// How the device renders (column width, font, line height, block gap, viewport).
    pub profile: DeviceProfile,
    /// Body text columns the lines are drawn at.
    pub columns: usize,
    /// Columns the headline and heading lines are drawn at.
    pub heading_columns: usize,
    /// Body text columns the plan was made for (the device's). When it differs from
    /// `columns`, the lines are drawn narrower or wider but the ads are still the device's plan.
    pub plan_columns: usize,
    /// What to draw, top to bottom.
    pub rows: Vec<Row<'a>>,
    /// The plan's totals.
    pub totals: Totals,
}

/// One thing to draw, in page order.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "row", rename_all = "snake_case")]
pub enum Row<'a> {
    /// A gap between blocks (or after the last one): whether it holds an ad, and why not.
    Gap(GapMark),
    /// A slot reserved in a gap (after the gap's mark, before the block that follows).
    Ad(AdBox),
    /// The top of a viewport after the first one (the fold and every screen after it).
    Viewport(ViewportMark),
    /// The start of a block; a block with text lines is followed by its [`Row::Line`]s.
    Block(BlockMark),
    /// One line of a text block.
    Line(TextLine<'a>),
}

/// A gap and its verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GapMark {
    /// The gap: it stands before block `gap` (`blocks.len()`: after the last block).
    pub gap: usize,
    /// Top of the gap (of its first ad, or of the block after it), in px.
    pub top_px: u64,
    /// Whether an ad is placed here.
    pub placed: bool,
    /// Why not: the rules that refuse the gap, when the plan was explained (`None` otherwise;
    /// empty for a placed gap).
    pub reasons: Option<Vec<Reason>>,
}

/// A slot, drawn at its reserved height.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AdBox {
    /// The gap it is placed in.
    pub gap: usize,
    /// The slot's name.
    pub slot: String,
    /// 1-based position among the placements.
    pub ordinal: usize,
    /// Whether an anchor rule required it.
    pub anchor: bool,
    /// The creative size the height is reserved for (`None` if the slot has no sizes).
    pub size: Option<AdSize>,
    /// Top of the reserved box, in px.
    pub top_px: u64,
    /// Reserved height (creative, label and margins), in px.
    pub height_px: u64,
}

/// A viewport boundary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ViewportMark {
    /// The viewport that starts here (2 for the first boundary: the fold).
    pub number: u64,
    /// Where it starts, in px.
    pub top_px: f64,
}

/// A block's box.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockMark {
    /// The block's index in the article.
    pub index: usize,
    /// Its kind.
    pub kind: BlockKind,
    /// Its lines of text (0 for an image, embed, ad or empty block: drawn as a box).
    pub lines: usize,
    /// Top of the block, in px.
    pub top_px: u64,
    /// Height of the block, in px.
    pub height_px: u64,
}

/// One line of text, as the line breaker broke it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextLine<'a> {
    /// The block's index in the article.
    pub block: usize,
    /// The block's kind.
    pub kind: BlockKind,
    /// 0-based line number within the block.
    pub line: usize,
    /// The line's text (without trailing spaces).
    pub text: &'a str,
    /// Whether a hyphen is drawn after the text.
    pub hyphen: bool,
    /// Top of the line, in px.
    pub top_px: f64,
    /// Height of the line (the block's line height), in px.
    pub height_px: f64,
}

/// The plan's totals, as the footer shows them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Totals {
    /// Ads placed.
    pub ads: usize,
    /// Share of the page height taken by ads.
    pub density: f64,
    /// Height of the page with the ads, in px.
    pub page_height_px: u64,
    /// Between each two consecutive ads, in order.
    pub between: Vec<Between>,
}

/// What lies between two consecutive ads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Between {
    /// Words of article.
    pub words: u64,
    /// Px of article from the bottom of the upper ad to the top of the lower one.
    pub px: u64,
}

impl<'a> Preview<'a> {
    /// The preview of `plan` (made by [`crate::place`] for `device`), with the lines drawn at
    /// `columns` (`None`: the device's). Drawing at other columns never changes the plan: the
    /// ads, their heights and the totals stay the device's, only the lines move.
    ///
    /// ```
    /// use adslot::render::preview::{Preview, Row};
    /// use adslot::{place, Article, Block, BlockKind, PlaceOptions, Rules};
    /// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_before_first = 0\n[placement]\nnever_after = []").unwrap();
    /// let article = Article::new(vec![Block::new(BlockKind::Paragraph, "word ".repeat(20))]);
    /// let plan = place(&article, &rules, &PlaceOptions::new().explain(true)).unwrap();
    /// let device = rules.select_device(None).unwrap();
    /// let preview = Preview::new(&article, &rules, device, &plan, None);
    /// let lines = preview.rows.iter().filter(|r| matches!(r, Row::Line(_))).count();
    /// assert_eq!(lines, 3); // 100 columns of text at 40 columns
    /// let Row::Ad(ad) = &preview.rows[1] else { panic!("the ad follows gap 0's mark") };
    /// assert_eq!((ad.gap, ad.top_px, ad.height_px), (0, 0, plan.placements[0].height_px));
    /// assert_eq!(preview.totals.ads, 1);
    /// ```
    pub fn new(
        article: &'a Article,
        rules: &Rules,
        device: &Device,
        plan: &Plan,
        columns: Option<usize>,
    ) -> Preview<'a> {
        let hyphenation = crate::engine::hyphenation(device);
        let plan_columns = device.profile.columns();
        // The plan's own geometry (in px, in the first typeface, when the device names fonts),
        // so that every position drawn is the plan's; by columns when other columns are asked.
        let geometry = crate::engine::estimate(article, device, columns, false);
        let px_lines = if geometry.is_px() {
            layout::first_face_lines(article, &device.profile, hyphenation)
        } else {
            Vec::new()
        };
        let rows = Walk::new(
            article,
            rules,
            &device.profile,
            plan,
            &geometry,
            hyphenation,
        )
        .with_px_lines(px_lines)
        .rows();
        Preview {
            id: plan.id.clone(),
            rules: rules.name.clone(),
            device: plan.device.clone(),
            profile: device.profile.clone(),
            columns: geometry.columns,
            heading_columns: geometry.heading_columns,
            plan_columns,
            rows,
            totals: totals(plan),
        }
    }
}

/// The one walk down the page: gaps, their ads, blocks and their lines, and the viewport
/// boundaries where they fall.
struct Walk<'a, 'g> {
    article: &'a Article,
    rules: &'g Rules,
    profile: &'g DeviceProfile,
    plan: &'g Plan,
    geometry: &'g Geometry,
    hyphenation: Hyphenation,
    /// px mode: each block's lines as the first typeface breaks them (empty in column mode).
    px_lines: Vec<Vec<PixelLine>>,
    rows: Vec<Row<'a>>,
    /// The next viewport boundary not yet marked (boundary `k` is at `k` viewport heights).
    next_viewport: u64,
}

impl<'a, 'g> Walk<'a, 'g> {
    fn new(
        article: &'a Article,
        rules: &'g Rules,
        profile: &'g DeviceProfile,
        plan: &'g Plan,
        geometry: &'g Geometry,
        hyphenation: Hyphenation,
    ) -> Self {
        Walk {
            article,
            rules,
            profile,
            plan,
            geometry,
            hyphenation,
            px_lines: Vec::new(),
            rows: Vec::new(),
            next_viewport: 1,
        }
    }

    fn with_px_lines(mut self, px_lines: Vec<Vec<PixelLine>>) -> Self {
        self.px_lines = px_lines;
        self
    }

    fn rows(mut self) -> Vec<Row<'a>> {
        let plan = self.plan;
        let blocks = self.article.blocks.len();
        // LayoutUnits the ads above push the page down by (their heights and the margins they
        // keep apart), as the plan counts them.
        let mut shift_lu = 0i64;
        let at = |lu: u64, shift: i64| layout::whole_px(lu.saturating_add_signed(shift));
        let mut ads = plan.placements.iter().peekable();
        for g in 0..=blocks {
            let edges = self.geometry.slot_edges(g);
            // The gap is drawn where an ad there would start.
            let top_px = at(edges.top_lu, shift_lu);
            let placed = ads.peek().is_some_and(|p| p.before_block == g);
            // The end of the article is no row to mark a boundary above (unless an ad is there).
            if g < blocks || placed {
                self.mark_viewports(top_px as f64);
            }
            self.rows.push(Row::Gap(GapMark {
                gap: g,
                top_px,
                placed,
                reasons: self.reasons(g),
            }));
            while let Some(p) = ads.next_if(|p| p.before_block == g) {
                // Where the preview's own layout puts it (the plan's `top_px` when the preview
                // is drawn at the plan's columns).
                let top_px = at(edges.top_lu, shift_lu);
                self.mark_viewports(top_px as f64);
                self.rows.push(Row::Ad(AdBox {
                    gap: g,
                    slot: p.slot.clone(),
                    ordinal: p.ordinal,
                    anchor: p.anchor,
                    size: layout::reserved_size(self.rules.sizes(&p.slot), self.profile),
                    top_px,
                    height_px: p.height_px,
                }));
                let height = p.height_px.saturating_mul(layout::LAYOUT_UNITS);
                shift_lu = shift_lu.saturating_add_unsigned(height);
            }
            if placed {
                shift_lu = shift_lu.saturating_add(edges.growth_lu());
            }
            let shift = at(0, shift_lu);
            if g < blocks {
                self.block(g, shift);
            }
        }
        self.rows
    }

    /// Block `g` and its lines, `shift` px below where the geometry has it.
    fn block(&mut self, g: usize, shift: u64) {
        let (Some(block), Some(bbox)) = (self.article.blocks.get(g), self.geometry.blocks.get(g))
        else {
            return;
        };
        let top_px = bbox.top_px.saturating_add(shift);
        self.mark_viewports(top_px as f64);
        self.rows.push(Row::Block(BlockMark {
            index: g,
            kind: block.kind,
            lines: bbox.lines,
            top_px,
            height_px: bbox.height_px,
        }));
        if bbox.lines == 0 {
            return;
        }
        let (columns, height_px) = match block.kind {
            BlockKind::Headline | BlockKind::Heading => (
                self.geometry.heading_columns,
                self.profile.line_height_px * self.profile.heading_scale,
            ),
            _ => (self.geometry.columns, self.profile.line_height_px),
        };
        let lines: Vec<(std::ops::Range<usize>, bool)> = match self.px_lines.get(g) {
            Some(lines) if self.geometry.is_px() => {
                lines.iter().map(|l| (l.range.clone(), l.hyphen)).collect()
            }
            _ => text::lines(&block.text, columns.max(1), self.hyphenation)
                .into_iter()
                .map(|l| (l.range, l.hyphen))
                .collect(),
        };
        for (i, (range, hyphen)) in lines.into_iter().enumerate() {
            let line_top = top_px as f64 + i as f64 * height_px;
            self.mark_viewports(line_top);
            self.rows.push(Row::Line(TextLine {
                block: g,
                kind: block.kind,
                line: i,
                text: block.text.get(range).unwrap_or_default(),
                hyphen,
                top_px: line_top,
                height_px,
            }));
        }
    }

    /// Marks every viewport boundary at or above `y` not marked yet.
    fn mark_viewports(&mut self, y: f64) {
        let viewport = self.profile.viewport_height_px.max(1.0);
        while y >= self.next_viewport as f64 * viewport {
            self.rows.push(Row::Viewport(ViewportMark {
                number: self.next_viewport + 1,
                top_px: self.next_viewport as f64 * viewport,
            }));
            self.next_viewport += 1;
        }
    }

    /// Gap `g`'s reasons, if the plan was explained.
    fn reasons(&self, g: usize) -> Option<Vec<Reason>> {
        let verdicts = self.plan.gaps.as_deref()?;
        // Verdicts come in gap order, one per gap; look further only if that ever changes.
        let verdict = verdicts
            .get(g)
            .filter(|v| v.before_block == g)
            .or_else(|| verdicts.iter().find(|v| v.before_block == g))?;
        Some(verdict.reasons.clone())
    }
}

/// The plan's totals; what lies between two ads comes from the plan alone (no second count of
/// the article, and the same whatever columns the preview is drawn at).
fn totals(plan: &Plan) -> Totals {
    let between = plan
        .placements
        .windows(2)
        .map(|p| Between {
            words: p[1].words_above.saturating_sub(p[0].words_above),
            // The lower ad's top counts every ad above it; take those away.
            px: p[1]
                .top_px
                .saturating_sub(p[0].top_px)
                .saturating_sub(p[0].height_px),
        })
        .collect();
    Totals {
        ads: plan.placements.len(),
        density: plan.density,
        page_height_px: plan.page_height_px,
        between,
    }
}

#[cfg(test)]
mod tests;
