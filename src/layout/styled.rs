//! Blocks stacked by the block model (a device with a stylesheet or style keys): each block's
//! boxes opened in a CSS block flow (margins collapsed), its lines set at its kind's width, font
//! size and line height; lists as items, tables by an auto-layout estimate, `pre` unwrapped,
//! figures as picture plus caption, quotes as their paragraphs inside the quote's box.

use super::model::{BlockModel, KindBox, Wrap};
use super::DeviceProfile;
use crate::article::{Article, Block, BlockKind, Picture, Run};
use crate::style::{Flow, GapPlace, StyleKind, VerticalBox};

mod table;

/// The average advance of a monospace face, in em (Liberation Mono, Courier, DejaVu Sans Mono
/// are 0.6 em): `pre-wrap` text wraps at that many columns.
pub const MONO_ADVANCE_EM: f64 = 0.6;

/// The line height of `line-height: normal` where no face says otherwise, in em.
pub const NORMAL_LINE_EM: f64 = 1.2;

/// A block's text and its inline runs ([`Run`]), for measuring slices of that text.
#[derive(Clone, Copy, Debug)]
pub(super) struct InlineRuns<'a> {
    pub text: &'a str,
    pub runs: &'a [Run],
}

/// How text is measured: by columns or by a face in px.
pub(super) trait Measurer {
    /// Lines of `text` (not blank) in box `b` at `width_px`, its first line indented; where
    /// `text` is a slice of `runs`' text, those runs in their faces (px mode).
    fn lines(
        &mut self,
        text: &str,
        b: &KindBox,
        width_px: f64,
        runs: Option<InlineRuns<'_>>,
    ) -> usize;
    /// Width of `text` on one line in box `b`'s font, in px.
    fn width(&mut self, text: &str, b: &KindBox) -> f64;
    /// The `normal` line height at `font_px` in box `b`'s face.
    fn normal_line(&mut self, b: &KindBox) -> f64;
    /// Snaps a length to what the layout keeps (LayoutUnits in px mode).
    fn snap(&self, v: f64) -> f64;
}

/// One block as stacked: lines, border-box top and height in px.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Stacked {
    pub lines: usize,
    pub top: f64,
    pub height: f64,
}

/// An article stacked: its blocks, where a slot at each gap would go, and the flow's height.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Stack {
    pub blocks: Vec<Stacked>,
    /// One per gap (`blocks.len() + 1`).
    pub gaps: Vec<GapPlace>,
    pub height: f64,
}

/// Every block of `article` stacked in one flow.
pub(super) fn stack(
    article: &Article,
    model: &BlockModel,
    device: &DeviceProfile,
    m: &mut dyn Measurer,
) -> Stack {
    let mut flow = Flow::new();
    let mut outer = Vec::with_capacity(article.blocks.len());
    let mut lines = Vec::with_capacity(article.blocks.len());
    for block in &article.blocks {
        flow.gap();
        let mut s = Setter {
            flow: &mut flow,
            m: &mut *m,
        };
        let (id, n) = s.block(block, model, device);
        outer.push(id);
        lines.push(n);
    }
    flow.gap();
    let done = flow.finish();
    let blocks = outer
        .iter()
        .zip(lines)
        .map(|(&id, lines)| {
            let p = done.boxes[id];
            Stacked {
                lines,
                top: p.top,
                height: p.height,
            }
        })
        .collect();
    Stack {
        blocks,
        gaps: done.gaps,
        height: done.height,
    }
}

struct Setter<'a> {
    flow: &'a mut Flow,
    m: &'a mut dyn Measurer,
}

impl Setter<'_> {
    fn open(&mut self, b: &KindBox) -> usize {
        let e = b.edges;
        let snap = |v: f64| self.m.snap(v);
        self.flow.open(VerticalBox {
            margin_top: snap(e.margin_top),
            margin_bottom: snap(e.margin_bottom),
            top: snap(e.top),
            bottom: snap(e.bottom),
            height: e.height.map(snap),
            min_height: snap(e.min_height),
            contains_margins: e.contains_margins,
        })
    }

    fn line_px(&mut self, b: &KindBox) -> f64 {
        let v = match b.line_px {
            Some(v) => v,
            None => self.m.normal_line(b),
        };
        self.m.snap(v)
    }

    /// Lines of `text` in `b` at its width, as its `white-space` breaks them, its `runs` in
    /// their faces.
    fn text_lines(&mut self, text: &str, runs: &[Run], b: &KindBox, width_px: f64) -> usize {
        let inline = (!runs.is_empty()).then_some(InlineRuns { text, runs });
        match b.wrap {
            Wrap::Normal if text.trim().is_empty() => 0,
            Wrap::Normal if !text.contains('\n') => self.m.lines(text, b, width_px, inline),
            Wrap::Normal => {
                // A `\n` (a `<br>`) forces a line break: each line of the text wraps on its
                // own, an empty one is one line, and only the first is indented.
                let rest = KindBox {
                    indent_px: 0.0,
                    ..*b
                };
                text.split('\n')
                    .enumerate()
                    .map(|(i, line)| match (i, line.trim().is_empty()) {
                        (_, true) => 1,
                        (0, false) => self.m.lines(line, b, width_px, inline),
                        (_, false) => self.m.lines(line, &rest, width_px, inline),
                    })
                    .sum()
            }
            Wrap::Pre => text.trim_end_matches('\n').split('\n').count(),
            Wrap::PreWrap => {
                let columns = (width_px / (b.font_px * MONO_ADVANCE_EM)).floor().max(1.0);
                let hyph = crate::text::Hyphenation::None;
                text.trim_end_matches('\n')
                    .split('\n')
                    .map(|l| {
                        if l.trim().is_empty() {
                            1
                        } else {
                            crate::text::count_lines(l, columns as usize, hyph)
                        }
                    })
                    .sum()
            }
        }
    }

    /// A box of `b` holding `text` (its `runs` in their faces) and `pictures` below it (or
    /// the block's own `height_px`): its id and lines.
    fn text_box(
        &mut self,
        b: &KindBox,
        (text, runs): (&str, &[Run]),
        pictures: &[Picture],
        device: &DeviceProfile,
        own: Option<f64>,
    ) -> (usize, usize) {
        let id = self.open(b);
        // A box showing a list marker has a line even without text (an empty `li`).
        let lines = self
            .text_lines(text, runs, b, b.width_px)
            .max(usize::from(b.marker));
        let height = match own {
            Some(h) => self.m.snap(h),
            None => lines as f64 * self.line_px(b) + self.pictures(pictures, device, b.width_px),
        };
        if height > 0.0 {
            self.flow.lines(height);
        }
        self.flow.close();
        (id, lines)
    }

    /// The height of `pictures` stacked (`display: block`) in a box `width_px` wide.
    fn pictures(&mut self, pictures: &[Picture], device: &DeviceProfile, width_px: f64) -> f64 {
        pictures
            .iter()
            .map(|p| self.m.snap(super::picture_height(p, device, width_px)))
            .sum()
    }

    fn block(
        &mut self,
        block: &Block,
        model: &BlockModel,
        device: &DeviceProfile,
    ) -> (usize, usize) {
        let kind = super::model::style_kind(block);
        let b = model.kind(kind);
        let holds_blocks = !block.blocks.is_empty()
            && !matches!(
                block.kind,
                BlockKind::Table | BlockKind::Embed | BlockKind::Ad
            );
        if holds_blocks {
            // Blocks of its own (a quote's table, a figure's paragraph and caption): stacked in
            // its box, narrowed to it.
            let id = self.open(b);
            let inner = model.within(b.width_px);
            let mut lines = 0;
            for nested in &block.blocks {
                // A figure's caption box is the figure's already (`figure > figcaption`).
                let within = if block.kind == BlockKind::Image && nested.kind == BlockKind::Caption
                {
                    model
                } else {
                    &inner
                };
                lines += self.block(nested, within, device).1;
            }
            self.flow.close();
            return (id, lines);
        }
        match block.kind {
            BlockKind::Embed | BlockKind::Image => {
                // A figure (a `<figure>`, or a picture with a caption) or pictures or an embed
                // alone in a paragraph or a list: that element's box, the pictures at its width
                // (a list's: its items'), then the caption's lines; another picture or embed: a
                // box of the content root.
                let figure = block.kind == BlockKind::Image || block.container.is_some();
                let caption = figure && !block.text.trim().is_empty();
                let own_box = block.container.is_some();
                let outer = if caption || own_box { b } else { model.embed() };
                let id = self.open(outer);
                // A player (an embed the markup or its provider shapes) takes the
                // stylesheet's `iframe` height where it sets one.
                let player = block.kind == BlockKind::Embed
                    && block.height_px.is_none()
                    && (block.aspect.is_some() || block.width_px.is_some());
                let h = match model.player_height_px() {
                    Some(css) if player => css,
                    _ => super::pictures_height(block, device, outer.width_px),
                };
                self.flow.lines(self.m.snap(h));
                let mut lines = 0;
                if caption {
                    let caption = model.kind(StyleKind::Caption);
                    let text = (block.text.as_str(), block.runs.as_slice());
                    lines = self.text_box(caption, text, &[], device, None).1;
                }
                self.flow.close();
                (id, lines)
            }
            BlockKind::Ad => {
                let id = self.open(model.ad());
                let h = block.height_px.unwrap_or(device.existing_ad_height_px);
                self.flow.lines(self.m.snap(h));
                self.flow.close();
                (id, 0)
            }
            BlockKind::Quote | BlockKind::List if !block.preformatted => {
                self.list(block, b, model, device)
            }
            // An opaque block with items (an excluded list of links) is laid out as a list.
            BlockKind::Other if !block.preformatted && !block.items.is_empty() => {
                self.list(block, b, model, device)
            }
            BlockKind::Table if !block.preformatted => self.table(block, model, device),
            _ => {
                let text = (block.text.as_str(), block.runs.as_slice());
                self.text_box(b, text, &block.pictures, device, block.height_px)
            }
        }
    }

    /// A list's items in `li`; a quote's paragraphs in `blockquote p` (one paragraph when it
    /// has a single one or a height of its own); inside the block's box `b`.
    fn list(
        &mut self,
        block: &Block,
        b: &KindBox,
        model: &BlockModel,
        device: &DeviceProfile,
    ) -> (usize, usize) {
        let (item, by_items) = match block.kind {
            BlockKind::Quote => (
                model.quote_paragraph(),
                block.items.len() >= 2 && block.height_px.is_none(),
            ),
            _ => (model.kind(StyleKind::ListItem), !block.items.is_empty()),
        };
        let id = self.open(b);
        let indent = model.horizontal_extra(StyleKind::List);
        let lines = self.items(item, indent, block, by_items, device);
        self.flow.close();
        (id, lines)
    }

    /// A block's items, each in an `item` box of its own (margins collapsing between them),
    /// narrowed by `indent` per level of depth, then their pictures (which item holds one is
    /// not kept); without `by_items`, the whole text in one `item` box. Returns the lines.
    fn items(
        &mut self,
        item: &KindBox,
        indent: f64,
        block: &Block,
        by_items: bool,
        device: &DeviceProfile,
    ) -> usize {
        if !by_items {
            // The whole text in one item: its runs are the block's.
            let text = (block.text.as_str(), block.runs.as_slice());
            return self
                .text_box(item, text, &block.pictures, device, block.height_px)
                .1;
        }
        let mut lines = 0;
        for (i, text) in block.items.iter().enumerate() {
            // An item of a nested list sits inside its list's indentation once more per level.
            let b = KindBox {
                width_px: (item.width_px - f64::from(block.item_depth(i)) * indent).max(1.0),
                ..*item
            };
            lines += self.text_box(&b, (text, &[]), &[], device, None).1;
        }
        let h = self.pictures(&block.pictures, device, item.width_px);
        if h > 0.0 {
            self.flow.lines(h);
        }
        lines
    }
}
