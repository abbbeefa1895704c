//! The estimated geometry as JSON and as a table.

use super::table::{Align, Table};
use crate::article::Article;
use crate::layout::Geometry;

/// The geometry as JSON: `{"columns", "blocks": [{"index", "lines", "top_px", "height_px"}],
/// "height_px"}`, and in px mode `"fonts": [{"font", "blocks", "height_px"}]`, one layout per
/// typeface (the first is the top-level `blocks`).
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

/// The geometry as a table for people, one row per block, columns as wide as their content;
/// a block of page furniture shows its region beside its kind (`other (links)`).
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
    let mut out = if geometry.is_px() {
        let fonts: Vec<String> = geometry
            .fonts
            .iter()
            .enumerate()
            .map(|(i, f)| format!("{} {} ({} px)", i + 1, f.font, f.height_px))
            .collect();
        format!(
            "px, {} px tall in {}; typefaces: {}\n",
            geometry.height_px,
            geometry.fonts[0].font,
            fonts.join(", ")
        )
    } else {
        format!(
            "{} columns, {} px tall\n",
            geometry.columns, geometry.height_px
        )
    };
    let mut headers = vec![
        ("block", Align::Right),
        ("kind", Align::Left),
        ("lines", Align::Right),
        ("top_px", Align::Right),
        ("height_px", Align::Right),
    ];
    // The other typefaces' lines and tops, numbered as the header line numbers them.
    const OTHERS: [(&str, &str); 8] = [
        ("lines@2", "top@2"),
        ("lines@3", "top@3"),
        ("lines@4", "top@4"),
        ("lines@5", "top@5"),
        ("lines@6", "top@6"),
        ("lines@7", "top@7"),
        ("lines@8", "top@8"),
        ("lines@9", "top@9"),
    ];
    let others = &geometry.fonts[geometry.fonts.len().min(1)..];
    let others = &others[..others.len().min(OTHERS.len())];
    for (lines, top) in &OTHERS[..others.len()] {
        headers.push((lines, Align::Right));
        headers.push((top, Align::Right));
    }
    let mut table = Table::new(&headers);
    for (i, (b, block)) in geometry.blocks.iter().zip(&article.blocks).enumerate() {
        let mut row = vec![
            b.index.to_string(),
            match block.region {
                Some(region) => format!("{} ({region})", block.kind),
                None => block.kind.name().to_string(),
            },
            b.lines.to_string(),
            b.top_px.to_string(),
            b.height_px.to_string(),
        ];
        for f in others {
            if let Some(o) = f.blocks.get(i) {
                row.push(o.lines.to_string());
                row.push(o.top_px.to_string());
            }
        }
        table.row(row);
    }
    table.write(&mut out, "");
    out
}
