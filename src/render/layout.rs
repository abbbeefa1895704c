//! The estimated geometry as JSON and as a table.

use std::fmt::Write as _;

use crate::article::Article;
use crate::layout::Geometry;

/// The geometry as JSON: `{"columns", "blocks": [{"index", "lines", "top_px", "height_px"}], "height_px"}`.
pub fn layout_json(geometry: &Geometry) -> String {
    serde_json::to_string_pretty(geometry).unwrap_or_default() + "\n"
}

/// The geometry as a table for people.
pub fn layout_text(geometry: &Geometry, article: &Article) -> String {
    let mut out = format!(
        "{} columns, {} px tall\nblock  kind        lines   top_px  height_px\n",
        geometry.columns, geometry.height_px
    );
    for (b, block) in geometry.blocks.iter().zip(&article.blocks) {
        let _ = writeln!(
            out,
            "{:>5}  {:<10} {:>6} {:>8} {:>10}",
            b.index, block.kind, b.lines, b.top_px, b.height_px
        );
    }
    out
}
