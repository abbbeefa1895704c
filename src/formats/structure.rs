//! A block's structure as the readers collect it: a list's items (a quote's paragraphs), a
//! table's rows of cells and the pictures it shows, beside its whole text.
//!
//! Every reader that sees inside a block (HTML, Markdown, and through them Gutenberg and ANS)
//! feeds one [`Structure`] as it feeds the block's [`TextCollector`]: text and breaks go to the
//! open item and the open cell too, and the reader says where items, rows and cells start and
//! end. Items are split at every block boundary inside the list (a new `li`, a nested list, a
//! paragraph inside an item), since each starts lines of its own in a browser.

use std::ops::Range;

use super::collect::TextCollector;
use crate::article::{BlockKind, Cell, Picture};

/// What a block holds besides its text, as it is read.
#[derive(Debug, Default)]
pub(crate) struct Structure {
    items: Vec<String>,
    item: TextCollector,
    /// The depth of each item, of the open one (from its first text), and of lists open now.
    depths: Vec<u8>,
    item_depth: u8,
    depth: u8,
    /// For each open list item (`li`), how many items there were when it started.
    list_items: Vec<usize>,
    rows: Vec<Vec<Cell>>,
    row: Option<Vec<Cell>>,
    cell: Option<TextCollector>,
    /// Where the open cell's content starts in the source, and whether it holds blocks.
    cell_source: Option<(usize, bool)>,
    nested: Vec<NestedCell>,
    pictures: Vec<Picture>,
}

/// A cell that holds blocks of its own (paragraphs, lists...), with where its content lies in
/// the source: the reader reads that range again as blocks ([`Cell::Blocks`]).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NestedCell {
    pub row: usize,
    pub column: usize,
    pub source: Range<usize>,
}

/// What [`Structure::finish`] gives: the items, the rows and the pictures.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Parts {
    pub items: Vec<String>,
    /// Each item's depth (a list's only; empty when every one is 0).
    pub item_depths: Vec<u8>,
    pub rows: Vec<Vec<Cell>>,
    /// The cells of `rows` that hold blocks (a table's only).
    pub nested: Vec<NestedCell>,
    pub pictures: Vec<Picture>,
}

impl Structure {
    /// Text (decoded), for the open item and cell.
    pub(crate) fn push(&mut self, decoded: &str) {
        if self.item.is_empty() {
            self.item_depth = self.depth;
        }
        self.item.push(decoded);
        if let Some(c) = &mut self.cell {
            c.push(decoded);
        }
    }

    /// A soft break (whitespace, an inline element's edge) in the open item and cell.
    pub(crate) fn soft_break(&mut self) {
        self.item.soft_break();
        if let Some(c) = &mut self.cell {
            c.soft_break();
        }
    }

    /// A forced line break (`<br>`) in the open item and cell.
    pub(crate) fn hard_break(&mut self) {
        self.item.hard_break();
        if let Some(c) = &mut self.cell {
            c.hard_break();
        }
    }

    /// Ends the open item (at a new item or any block boundary); an empty one is no item.
    pub(crate) fn end_item(&mut self) {
        let text = std::mem::take(&mut self.item).into_text();
        if !text.is_empty() {
            self.push_item(text, self.item_depth);
        }
    }

    /// A list item (`li`) starts: its own boundary, and the start of an item even if it
    /// holds no text.
    pub(crate) fn start_list_item(&mut self) {
        self.end_item();
        self.list_items.push(self.items.len());
    }

    /// A list item ends: one that made no item is an empty one (its marker is a line).
    pub(crate) fn end_list_item(&mut self) {
        self.end_item();
        if let Some(before) = self.list_items.pop() {
            if self.items.len() == before {
                self.push_item(String::new(), self.depth);
            }
        }
    }

    /// An item and its depth, side by side.
    fn push_item(&mut self, text: String, depth: u8) {
        self.items.push(text);
        self.depths.push(depth);
    }

    /// A list opens inside the block's own list: the items that follow are one level deeper.
    pub(crate) fn open_list(&mut self) {
        self.depth = self.depth.saturating_add(1);
    }

    /// A list opened with [`Structure::open_list`] ends (with none open, nothing changes: the
    /// block's own list ends so).
    pub(crate) fn close_list(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Starts a table row, ending the open one.
    pub(crate) fn start_row(&mut self) {
        self.end_row();
        self.row = Some(Vec::new());
    }

    /// Ends the open row (and its open cell); a row without cells is no row.
    pub(crate) fn end_row(&mut self) {
        self.end_cell();
        if let Some(row) = self.row.take().filter(|r| !r.is_empty()) {
            self.rows.push(row);
        }
    }

    /// Starts a cell, ending the open one (a cell outside a row starts a row).
    pub(crate) fn start_cell(&mut self) {
        self.end_cell();
        self.row.get_or_insert_with(Vec::new);
        self.cell = Some(TextCollector::default());
    }

    /// Ends the open cell; an empty cell is kept (it is a column).
    pub(crate) fn end_cell(&mut self) {
        self.end_cell_at(None);
    }

    /// The open cell's content starts at byte `start` of the source.
    pub(crate) fn cell_source(&mut self, start: usize) {
        if self.cell.is_some() {
            self.cell_source = Some((start, false));
        }
    }

    /// The open cell holds a block-level element.
    pub(crate) fn cell_holds_blocks(&mut self) {
        if let Some((_, blocks)) = &mut self.cell_source {
            *blocks = true;
        }
    }

    /// Ends the open cell, its content ending at byte `end` of the source when known: a cell
    /// that holds blocks, with a known start and end, is noted in [`Parts::nested`].
    pub(crate) fn end_cell_at(&mut self, end: Option<usize>) {
        let source = self.cell_source.take();
        if let Some(cell) = self.cell.take() {
            let row = self.row.get_or_insert_with(Vec::new);
            if let (Some((start, true)), Some(end)) = (source, end) {
                if start <= end {
                    self.nested.push(NestedCell {
                        row: self.rows.len(),
                        column: row.len(),
                        source: start..end,
                    });
                }
            }
            row.push(Cell::Text(cell.into_text()));
        }
    }

    /// A picture the block shows.
    pub(crate) fn picture(&mut self, p: Picture) {
        self.pictures.push(p);
    }

    /// The items, rows and pictures of a block of `kind`, with everything still open ended:
    /// items only for a list (its items) and a quote (its paragraphs), rows only for a table
    /// (what each kind's layout reads).
    pub(crate) fn finish(mut self, kind: BlockKind) -> Parts {
        self.end_item();
        self.end_row();
        let keep = |k: BlockKind| kind == k;
        Parts {
            item_depths: if keep(BlockKind::List) && self.depths.iter().any(|&d| d > 0) {
                self.depths
            } else {
                Vec::new()
            },
            // A quote holding a table keeps no paragraphs: its cells are not, and the HTML
            // reader reads its content again as blocks (`Block::blocks`).
            // A quote's paragraphs are never empty (an empty `li` in one is no paragraph).
            items: if keep(BlockKind::List) {
                self.items
            } else if keep(BlockKind::Quote) && self.rows.is_empty() {
                self.items.into_iter().filter(|t| !t.is_empty()).collect()
            } else {
                Vec::new()
            },
            rows: if keep(BlockKind::Table) {
                self.rows
            } else {
                Vec::new()
            },
            nested: if keep(BlockKind::Table) {
                self.nested
            } else {
                Vec::new()
            },
            pictures: self.pictures,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_split_at_boundaries_and_keep_breaks() {
        let mut s = Structure::default();
        s.push("One");
        s.end_item();
        s.end_item();
        s.push("Two");
        s.hard_break();
        s.push("lines");
        let parts = s.finish(BlockKind::List);
        assert_eq!(parts.items, ["One", "Two\nlines"]);
    }

    #[test]
    fn a_quote_keeps_its_paragraphs_and_a_paragraph_keeps_none() {
        let feed = |kind| {
            let mut s = Structure::default();
            s.push("First.");
            s.end_item();
            s.push("Second.");
            s.finish(kind).items
        };
        assert_eq!(feed(BlockKind::Quote), ["First.", "Second."]);
        let mut s = Structure::default();
        s.start_row();
        s.start_cell();
        s.push("cell");
        s.start_cell();
        s.push("other cell");
        assert!(s.finish(BlockKind::Quote).items.is_empty());
        assert!(feed(BlockKind::Paragraph).is_empty());
    }

    #[test]
    fn rows_hold_cells_and_open_ones_are_ended() {
        let mut s = Structure::default();
        s.start_row();
        s.start_cell();
        s.push("a");
        s.start_cell();
        s.start_row();
        s.start_cell();
        s.push("b");
        s.push("c");
        // A cell with no row, then an empty row: a row of its own, then nothing.
        s.end_row();
        s.start_cell();
        s.push("d");
        s.start_row();
        let parts = s.finish(BlockKind::Table);
        assert_eq!(parts.rows, [vec!["a", ""], vec!["bc"], vec!["d"]]);
    }
}
