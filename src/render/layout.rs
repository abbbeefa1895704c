//! The estimated geometry as JSON and as a table.

use super::table::{Align, Table};
use crate::article::Article;
use crate::layout::Geometry;

/// The geometry as JSON: `{"columns", "blocks": [{"index", "lines", "top_px", "height_px"}], "height_px"}`.
///
/// ```
/// # use adslot::{Article, Block, BlockKind};
/// # use adslot::layout::{layout, DeviceProfile, Hyphenation};
/// let a = Article::new(vec![Block::new(BlockKind::Paragraph, "One line.")]);
/// let g = layout(&a, &DeviceProfile::mobile(), Hyphenation::None);
/// assert!(adslot::render::layout_json(&g).contains("\"lines\": 1"));
/// ```
pub fn layout_json(geometry: &Geometry) -> String {
    serde_json::to_string_pretty(geometry).unwrap_or_default() + "\n"
}

/// The geometry as a table for people, one row per block, columns as wide as their content.
///
/// ```
/// # use adslot::{Article, Block, BlockKind};
/// # use adslot::layout::{layout, DeviceProfile, Hyphenation};
/// let a = Article::new(vec![Block::new(BlockKind::Other, "One line.")]);
/// let g = layout(&a, &DeviceProfile::mobile(), Hyphenation::None);
/// assert_eq!(
///     adslot::render::layout_text(&g, &a),
///     "40 columns, 27 px tall\nblock  kind   lines  top_px  height_px\n    0  other      1       0         27\n"
/// );
/// ```
pub fn layout_text(geometry: &Geometry, article: &Article) -> String {
    let mut out = format!(
        "{} columns, {} px tall\n",
        geometry.columns, geometry.height_px
    );
    let mut table = Table::new(&[
        ("block", Align::Right),
        ("kind", Align::Left),
        ("lines", Align::Right),
        ("top_px", Align::Right),
        ("height_px", Align::Right),
    ]);
    for (b, block) in geometry.blocks.iter().zip(&article.blocks) {
        table.row(vec![
            b.index.to_string(),
            block.kind.name().to_string(),
            b.lines.to_string(),
            b.top_px.to_string(),
            b.height_px.to_string(),
        ]);
    }
    table.write(&mut out, "");
    out
}
