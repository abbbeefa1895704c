//! Blocks inside a block: a table cell's paragraphs and lists, a quote's table, read again from
//! their source as a fragment of their own.
//!
//! The block pass reads a table or a quote as one block (no gap may fall inside it), but the
//! browser lays out a cell's `<p>`s and `<ul>`s, or a quote's `<table>`, as boxes of their own.
//! Where a block's content holds such elements, the range of source they lie in is read again
//! with the same reader, one level deeper; at [`MAX_NESTING`] levels the content stays text, so
//! nested tables cost a bounded number of passes over their bytes.

use crate::article::{Block, BlockKind, Cell};
use crate::formats::collect::HeadlineRule;
use crate::formats::html::content::Nested;
use crate::formats::html::prescan::Prescan;
use crate::formats::html::Origin;
use crate::markup::HtmlOptions;

/// How many levels of blocks inside blocks are read (a table in a quote, lists in its cells).
pub(super) const MAX_NESTING: usize = 3;

/// The text being read and where it is: what a nested read needs.
#[derive(Clone, Copy)]
pub(super) struct Within<'a> {
    pub origin: Origin<'a>,
    /// The prescan of `text`.
    pub scan: &'a Prescan,
    pub text: &'a str,
    pub opts: &'a HtmlOptions,
    /// How many blocks `text` is inside.
    pub nesting: usize,
}

/// Reads `inside`'s ranges of `at` as blocks into `block`: cells that hold blocks become
/// [`Cell::Blocks`], a quote's content its [`Block::blocks`]. A range that reads as no blocks
/// leaves the block as it was.
pub(super) fn fill(block: &mut Block, inside: Nested, at: Within<'_>) {
    if at.nesting + 1 >= MAX_NESTING {
        return;
    }
    for cell in inside.cells {
        let Some(blocks) = read(at, cell.source) else {
            continue;
        };
        if let Some(c) = block
            .rows
            .get_mut(cell.row)
            .and_then(|r| r.get_mut(cell.column))
        {
            *c = Cell::Blocks(blocks);
        }
    }
    if let Some(blocks) = inside.content.and_then(|range| read(at, range)) {
        block.blocks = blocks;
    }
}

/// The blocks of `range` of `at.text`, one level deeper; `None` when there are none.
fn read(at: Within<'_>, range: std::ops::Range<usize>) -> Option<Vec<Block>> {
    let text = at.text.get(range.clone())?;
    let origin = Origin {
        base: at.origin.base + range.start,
        ..at.origin
    };
    // The outer prescan's part (its selectors matched with the whole page's ancestors): no
    // second pass over these bytes. The outer pass read them inside a deeper stack, so this
    // one cannot fail; if it did, the content would stay the block's text.
    let scan = at.scan.within(&range);
    // Inside a block, a level-1 heading is a heading, never the article's headline.
    let mut headline = HeadlineRule::default();
    headline.saw(BlockKind::Headline);
    let (blocks, _) =
        super::blocks_nested(origin, text, &scan, at.opts, &mut headline, at.nesting + 1).ok()?;
    (!blocks.is_empty()).then_some(blocks)
}
