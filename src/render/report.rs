//! The plan as a text report for people: placements, and with an explanation every refusal.

use std::fmt::Write as _;

use super::plural;
use super::table::{Align, Table};
use crate::article::Article;
use crate::plan::Plan;

/// The plan as a report for people: a table of the placements, and with `gaps`, every gap's
/// verdict with the reasons of each refusal.
///
/// ```
/// # use adslot::{place, Article, Block, BlockKind, PlaceOptions, Rules};
/// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_before_first = 0\n[placement]\nnever_after = []").unwrap();
/// let article = Article::new(vec![Block::new(BlockKind::Paragraph, "Short.")]);
/// let plan = place(&article, &rules, &PlaceOptions::default()).unwrap();
/// let report = adslot::render::text(&plan, &article);
/// assert_eq!(report.lines().next(), Some("article: 1 ad on mobile (1 block, page 329 px, density 0.92)"));
/// assert_eq!(report.lines().nth(2), Some("   1    0  inline            0       0        302  in-flow"));
/// ```
pub fn text(plan: &Plan, article: &Article) -> String {
    let mut out = String::new();
    let id = plan.id.as_deref().unwrap_or("article");
    let _ = writeln!(
        out,
        "{id}: {} on {} ({}, page {} px, density {:.2})",
        plural(plan.placements.len() as u64, "ad", "ads"),
        plan.device,
        plural(article.blocks.len() as u64, "block", "blocks"),
        plan.page_height_px,
        plan.density
    );
    if !plan.placements.is_empty() {
        let mut table = Table::new(&[
            ("ad", Align::Right),
            ("gap", Align::Right),
            ("slot", Align::Left),
            ("words_above", Align::Right),
            ("top_px", Align::Right),
            ("height_px", Align::Right),
            ("kind", Align::Left),
        ]);
        for p in &plan.placements {
            table.row(vec![
                p.ordinal.to_string(),
                p.before_block.to_string(),
                p.slot.clone(),
                p.words_above.to_string(),
                p.top_px.to_string(),
                p.height_px.to_string(),
                if p.anchor { "anchor" } else { "in-flow" }.to_string(),
            ]);
        }
        table.write(&mut out, "  ");
    }
    for a in &plan.unplaced_anchors {
        let _ = writeln!(
            out,
            "  anchor `{}` ({}) not placed: {}",
            a.slot,
            a.at.describe(),
            a.reason
        );
    }
    for w in &plan.warnings {
        let _ = writeln!(out, "  warning: {}", w.text);
    }
    if let Some(gaps) = &plan.gaps {
        let _ = writeln!(out, "gaps:");
        let width = gaps
            .iter()
            .map(|v| v.before_block.to_string().len())
            .max()
            .unwrap_or(1);
        for v in gaps {
            let what = describe_gap(article, v.before_block);
            let gap = v.before_block;
            if v.placed {
                let _ = writeln!(out, "  gap {gap:>width$} {what}: ad");
            } else {
                let _ = writeln!(out, "  gap {gap:>width$} {what}: refused");
                for r in &v.reasons {
                    let _ = writeln!(out, "      - {}", r.text);
                }
            }
        }
    }
    out
}

fn describe_gap(article: &Article, gap: usize) -> String {
    match article.blocks.get(gap) {
        Some(b) => format!("(before {})", b.kind),
        None => "(end)".to_string(),
    }
}
