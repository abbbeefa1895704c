//! The terminal preview: the article drawn with the estimated line breaks and the ads in place.

use std::fmt::Write as _;

use crate::article::{Article, BlockKind};
use crate::layout::{DeviceProfile, Geometry};
use crate::plan::Plan;
use crate::text::{display_width, lines, Hyphenation};

/// How to draw the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PreviewStyle {
    /// ANSI colours.
    pub color: bool,
    /// Hyphenation used for the line breaks (must be the geometry's).
    pub hyphenation: Hyphenation,
}

const MARGIN: usize = 9;

/// The article drawn as it was measured: lines broken exactly as the geometry counted them,
/// ads as boxes of their reserved height, viewport boundaries marked, block numbers in the
/// margin, and a footer with the totals.
pub fn preview(
    article: &Article,
    geometry: &Geometry,
    device: &DeviceProfile,
    plan: &Plan,
    style: PreviewStyle,
) -> String {
    let columns = geometry.columns.max(1);
    let heading_columns = geometry.heading_columns.max(1);
    let line_px = device.line_height_px.max(1.0);
    let viewport = device.viewport_height_px.max(1.0);
    let mut out = String::new();
    let mut shift = 0u64; // px of ads inserted so far
    let mut next_viewport = 1u64;
    let paint = |code: &str, s: &str| {
        if style.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut mark_viewports = |out: &mut String, y: u64| {
        while y as f64 >= next_viewport as f64 * viewport {
            let label = format!(" viewport {} ", next_viewport + 1);
            let rule = "┄".repeat(columns.saturating_sub(display_width(&label)) / 2);
            let _ = writeln!(
                out,
                "{:MARGIN$}{}",
                "",
                paint("2", &format!("{rule}{label}{rule}"))
            );
            next_viewport += 1;
        }
    };
    let mut ads = plan.placements.iter().peekable();
    for g in 0..=article.blocks.len() {
        while let Some(ad) = ads.next_if(|p| p.before_block == g) {
            mark_viewports(&mut out, ad.top_px);
            let rows = ((ad.height_px as f64 / line_px).ceil() as usize).max(3);
            let title = format!(" ad {} · {} · {} px ", ad.ordinal, ad.slot, ad.height_px);
            let width = columns.max(display_width(&title) + 2);
            let top = format!("┌{title}{}┐", "─".repeat(width - 2 - display_width(&title)));
            let _ = writeln!(
                out,
                "{:>MARGIN$}{}",
                format!("gap {g} "),
                paint("1;33", &top)
            );
            for _ in 0..rows - 2 {
                let _ = writeln!(
                    out,
                    "{:MARGIN$}{}",
                    "",
                    paint("33", &format!("│{}│", " ".repeat(width - 2)))
                );
            }
            let _ = writeln!(
                out,
                "{:MARGIN$}{}",
                "",
                paint("33", &format!("└{}┘", "─".repeat(width - 2)))
            );
            shift += ad.height_px;
        }
        let (Some(block), Some(bbox)) = (article.blocks.get(g), geometry.blocks.get(g)) else {
            continue;
        };
        let top = bbox.top_px + shift;
        let label = format!("{g:>3} {} ", short(block.kind));
        if bbox.lines == 0 {
            mark_viewports(&mut out, top);
            let rows = ((bbox.height_px as f64 / line_px).ceil() as usize).max(1);
            let text = format!("[{} · {} px]", block.kind, bbox.height_px);
            for row in 0..rows {
                let margin = if row == 0 { label.as_str() } else { "" };
                let body = if row == 0 { text.as_str() } else { "░" };
                let _ = writeln!(out, "{margin:>MARGIN$}{}", paint("2", body));
            }
            continue;
        }
        let (cols, height) = match block.kind {
            BlockKind::Headline | BlockKind::Heading => {
                (heading_columns, line_px * device.heading_scale)
            }
            _ => (columns, line_px),
        };
        for (i, line) in lines(&block.text, cols, style.hyphenation)
            .iter()
            .enumerate()
        {
            mark_viewports(&mut out, top + (i as f64 * height) as u64);
            let margin = if i == 0 { label.as_str() } else { "" };
            let mut body = block.text[line.range.clone()].to_string();
            if line.hyphen {
                body.push('-');
            }
            let body = match block.kind {
                BlockKind::Headline | BlockKind::Heading => paint("1", &body),
                BlockKind::Caption | BlockKind::Quote => paint("3", &body),
                _ => body,
            };
            let _ = writeln!(out, "{margin:>MARGIN$}{body}");
        }
    }
    let _ = writeln!(out, "{}", "─".repeat(columns + MARGIN));
    let _ = writeln!(out, "{}", footer(plan, geometry));
    out
}

fn short(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Headline => "H",
        BlockKind::Standfirst => "S",
        BlockKind::Byline => "by",
        BlockKind::Lede | BlockKind::Paragraph => "¶",
        BlockKind::Heading => "h",
        BlockKind::Image => "img",
        BlockKind::Caption => "cap",
        BlockKind::Quote => "“",
        BlockKind::List => "•",
        BlockKind::Table => "tbl",
        BlockKind::Embed => "emb",
        BlockKind::Headlines => "hl",
        BlockKind::Ad => "ad",
        BlockKind::Other => "·",
    }
}

fn footer(plan: &Plan, geometry: &Geometry) -> String {
    let mut s = format!(
        "{} ads · density {:.2} · page {} px",
        plan.placements.len(),
        plan.density,
        plan.page_height_px
    );
    // The plan already carries the words above each ad: no second count of the article.
    let between: Vec<String> = plan
        .placements
        .windows(2)
        .map(|p| {
            let (a, b) = (p[0].before_block, p[1].before_block);
            format!(
                "{} words/{} px",
                p[1].words_above - p[0].words_above,
                geometry.gap_y(b) - geometry.gap_y(a)
            )
        })
        .collect();
    if !between.is_empty() {
        let _ = write!(s, " · between ads: {}", between.join(", "));
    }
    s
}
