//! The plan as a text report for people: placements, and with an explanation every refusal.

use std::fmt::Write as _;

use crate::article::Article;
use crate::plan::Plan;

/// The plan as a report for people: one line per placement, and with `gaps`, every refusal.
pub fn text(plan: &Plan, article: &Article) -> String {
    let mut out = String::new();
    let id = plan.id.as_deref().unwrap_or("article");
    let _ = writeln!(
        out,
        "{id}: {} ads on {} ({} blocks, page {} px, density {:.2})",
        plan.placements.len(),
        plan.device,
        article.blocks.len(),
        plan.page_height_px,
        plan.density
    );
    for p in &plan.placements {
        let _ = writeln!(
            out,
            "  ad {} at gap {:>3}  {:<16} {:>5} words above  top {:>6} px  height {} px{}",
            p.ordinal,
            p.before_block,
            p.slot,
            p.words_above,
            p.top_px,
            p.height_px,
            if p.anchor { "  (anchor)" } else { "" }
        );
    }
    for a in &plan.unplaced_anchors {
        let _ = writeln!(
            out,
            "  anchor `{}` (before {}) not placed: {}",
            a.slot, a.before, a.reason
        );
    }
    for w in &plan.warnings {
        let _ = writeln!(out, "  warning: {}", w.text);
    }
    if let Some(gaps) = &plan.gaps {
        let _ = writeln!(out, "gaps:");
        for v in gaps {
            let what = describe_gap(article, v.before_block);
            if v.placed {
                let _ = writeln!(out, "  gap {:>3} {what}: ad", v.before_block);
            } else {
                let _ = writeln!(out, "  gap {:>3} {what}: refused", v.before_block);
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
