//! Tables in the block model: column widths by an auto-layout estimate, rows as tall as their
//! tallest cell, and cells that hold blocks stacked as a column of their own.

use super::Setter;
use crate::article::{Block, BlockKind, Cell};
use crate::layout::model::{style_kind, BlockModel, KindBox};
use crate::layout::DeviceProfile;
use crate::style::{Flow, StyleKind};

impl Setter<'_> {
    /// A table by an auto-layout estimate: each column as wide as its longest cell on one
    /// line, shrunk in proportion when they do not fit the table's width; each row as tall as
    /// its tallest cell; `border-spacing` around and between the cells. A cell of blocks is
    /// their stack at the cell's width (its margins inside the cell, as a cell contains them).
    pub(super) fn table(
        &mut self,
        block: &Block,
        model: &BlockModel,
        device: &DeviceProfile,
    ) -> (usize, usize) {
        let t = model.kind(StyleKind::Table);
        let cell = model.kind(StyleKind::TableCell);
        let one;
        let rows: &[Vec<Cell>] = if block.rows.is_empty() {
            one = [vec![Cell::Text(block.text.clone())]];
            &one
        } else {
            &block.rows
        };
        let (hs, vs) = model.border_spacing_px;
        let (min, max) = self.columns(rows, model);
        let columns = min.len();
        let cell_extra = cell.horizontal_px;
        let widths = column_widths(
            &min,
            &max,
            (t.width_px - hs * (columns as f64 + 1.0)).max(0.0),
        );
        let id = self.open(t);
        let line = self.line_px(cell);
        let edges = self.m.snap(cell.edges.top) + self.m.snap(cell.edges.bottom);
        let mut lines = 0;
        let mut height = 0.0;
        for row in rows {
            let mut tallest: f64 = 0.0;
            for (c, content) in row.iter().enumerate() {
                let width = (widths[c] - cell_extra).max(1.0);
                let (h, n) = match content {
                    Cell::Text(text) => {
                        let n = self.text_lines(text, &[], cell, width);
                        (n as f64 * line, n)
                    }
                    Cell::Blocks(blocks) => self.stacked(blocks, model, device, width),
                };
                lines += n;
                tallest = tallest.max(h + edges);
            }
            height += tallest + vs;
        }
        if !rows.is_empty() {
            height += vs;
        }
        // The cells' pictures (which cell holds one is not kept): each as if a row of its own.
        height += self.pictures(&block.pictures, device, t.width_px);
        let own = block.height_px.map(|h| self.m.snap(h));
        let h = own.unwrap_or(self.m.snap(height));
        if h > 0.0 {
            self.flow.lines(h);
        }
        self.flow.close();
        (id, lines)
    }

    /// Each column's min-content (its widest word) and max-content (its longest cell on one
    /// line) widths, the cells' padding and borders included.
    fn columns(&mut self, rows: &[Vec<Cell>], model: &BlockModel) -> (Vec<f64>, Vec<f64>) {
        let cell = model.kind(StyleKind::TableCell);
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut max = vec![0.0_f64; columns];
        let mut min = vec![0.0_f64; columns];
        for row in rows {
            for (c, content) in row.iter().enumerate() {
                let (lo, hi) = self.content_widths(content, cell, model);
                max[c] = max[c].max(hi + cell.horizontal_px);
                min[c] = min[c].max(lo + cell.horizontal_px);
            }
        }
        (min, max)
    }

    /// A table's own min-content and max-content widths: its columns', the border spacing
    /// and its own edges.
    fn table_widths(&mut self, block: &Block, model: &BlockModel) -> (f64, f64) {
        let extra = model.horizontal_extra(StyleKind::Table);
        let spacing = model.border_spacing_px.0;
        let (min, max) = self.columns(&block.rows, model);
        let around = spacing * (min.len() as f64 + 1.0) + extra;
        (
            min.iter().sum::<f64>() + around,
            max.iter().sum::<f64>() + around,
        )
    }

    /// `blocks` stacked in a flow of their own `width_px` wide (a cell's content box, which
    /// contains their margins): its height and lines.
    fn stacked(
        &mut self,
        blocks: &[Block],
        model: &BlockModel,
        device: &DeviceProfile,
        width_px: f64,
    ) -> (f64, usize) {
        let inner = model.within(width_px);
        let mut flow = Flow::new();
        let mut s = Setter {
            flow: &mut flow,
            m: &mut *self.m,
        };
        let lines = blocks.iter().map(|b| s.block(b, &inner, device).1).sum();
        (flow.finish().height, lines)
    }

    /// A cell's min-content (its widest word or picture) and max-content (its longest line
    /// unbroken) widths, without the cell's own padding: a cell of blocks takes each block's
    /// text, items and pictures in that block's box, with its margins and padding.
    fn content_widths(&mut self, content: &Cell, cell: &KindBox, model: &BlockModel) -> (f64, f64) {
        let blocks = match content {
            Cell::Text(text) => return self.text_widths(text, cell, 0.0),
            Cell::Blocks(blocks) => blocks,
        };
        let (mut lo, mut hi) = (0.0_f64, 0.0_f64);
        for b in blocks {
            if b.kind == BlockKind::Table && !b.rows.is_empty() {
                // A table in a cell asks for its max-content even as the cell's min-content
                // (Chromium lays a nested auto table out unshrunk: the outer one overflows).
                let (_, h) = self.table_widths(b, model);
                lo = lo.max(h);
                hi = hi.max(h);
                continue;
            }
            let kind = style_kind(b);
            // A list's text is set in its items' box.
            let item = match b.kind {
                BlockKind::List => StyleKind::ListItem,
                _ => kind,
            };
            let bx = model.kind(item);
            let extra = model
                .horizontal_extra(kind)
                .max(model.horizontal_extra(item));
            // Each piece of text with how much its depth indents it (a nested list's items).
            let indent = model.horizontal_extra(StyleKind::List);
            let pieces: Vec<(&str, f64)> = if b.items.is_empty() {
                vec![(b.text.as_str(), 0.0)]
            } else {
                b.items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.as_str(), f64::from(b.item_depth(i)) * indent))
                    .collect()
            };
            for (piece, deeper) in pieces {
                let (l, h) = self.text_widths(piece, bx, extra + deeper);
                lo = lo.max(l);
                hi = hi.max(h);
            }
            for p in &b.pictures {
                if let Some(w) = p.width_px {
                    lo = lo.max(w + extra);
                    hi = hi.max(w + extra);
                }
            }
        }
        (lo, hi)
    }

    /// The widest word and the longest line of `text` (its `\n`s break it) in box `b`, plus
    /// `extra`.
    fn text_widths(&mut self, text: &str, b: &KindBox, extra: f64) -> (f64, f64) {
        let (mut lo, mut hi) = (0.0_f64, 0.0_f64);
        for line in text.split('\n') {
            hi = hi.max(self.m.width(line, b) + extra);
            // Words end at spaces and at zero width spaces (`<wbr>`).
            for word in line.split(|c: char| c.is_whitespace() || c == '\u{200b}') {
                lo = lo.max(self.m.width(word, b) + extra);
            }
        }
        (lo, hi)
    }
}

/// Automatic table layout, estimated: every column as wide as its longest cell when they all
/// fit; otherwise each gets its widest word, and what is left of `available` goes to the
/// columns in proportion to how much more their longest cell wants (as browsers share it).
fn column_widths(min: &[f64], max: &[f64], available: f64) -> Vec<f64> {
    let total_max: f64 = max.iter().sum();
    if total_max <= available {
        return max.to_vec();
    }
    let total_min: f64 = min.iter().sum();
    let spare = available - total_min;
    let wanted: f64 = max.iter().zip(min).map(|(a, b)| (a - b).max(0.0)).sum();
    if spare <= 0.0 || wanted <= 0.0 {
        return min.to_vec();
    }
    max.iter()
        .zip(min)
        .map(|(a, b)| b + spare * (a - b).max(0.0) / wanted)
        .collect()
}
