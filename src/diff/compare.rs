//! One article on one device under two plans: what stays, moves, is added or removed.

use std::cmp::Ordering;
use std::sync::Arc;

use serde::Serialize;

use crate::article::Article;
use crate::plan::Plan;

/// A slot as a plan places it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SlotAt {
    /// The gap (before this block).
    pub gap: usize,
    /// The slot's name.
    pub slot: String,
    /// Reserved height, in px.
    pub height_px: u64,
}

/// Where the first ad is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FirstAd {
    /// Words of article above it.
    pub words_above: u64,
    /// Its top, in px.
    pub top_px: u64,
}

/// One side of the comparison: what one rule file places.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    /// Ads placed.
    pub ads: usize,
    /// Share of the page height taken by ads.
    pub density: f64,
    /// The first ad, if any.
    pub first_ad: Option<FirstAd>,
    /// Every slot, in gap order.
    pub slots: Vec<SlotAt>,
}

impl Side {
    fn of(plan: &Plan) -> Side {
        Side {
            ads: plan.placements.len(),
            density: plan.density,
            first_ad: plan.placements.first().map(|p| FirstAd {
                words_above: p.words_above,
                top_px: p.top_px,
            }),
            slots: plan
                .placements
                .iter()
                .map(|p| SlotAt {
                    gap: p.before_block,
                    slot: p.slot.clone(),
                    height_px: p.height_px,
                })
                .collect(),
        }
    }
}

/// One article on one device: A's plan against B's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleDiff {
    /// The article: its path, or `PATH:LINE` in a JSON Lines file.
    pub source: String,
    /// The article's id.
    pub id: Option<String>,
    /// The device.
    pub device: String,
    /// What A places.
    pub a: Side,
    /// What B places.
    pub b: Side,
    /// Slots of the same name that B places at another gap (paired in order).
    pub moved: usize,
    /// Slots B places that A has no counterpart for.
    pub added: usize,
    /// Slots A places that B has no counterpart for.
    pub removed: usize,
    /// Slots at the same gap whose reserved height changed.
    pub resized: usize,
    /// The articles as read with A's and B's `[html]` settings, for the side-by-side preview.
    #[serde(skip)]
    pub articles: (Arc<Article>, Arc<Article>),
}

impl ArticleDiff {
    /// The comparison of `a` and `b`, the plans of the `articles` (as read for A and for B)
    /// on `device`.
    ///
    /// Slots are paired first at the same gap with the same name (kept, or resized), then by
    /// name in page order (moved); the rest of B's are added, the rest of A's removed.
    pub fn new(
        source: String,
        device: String,
        a: &Plan,
        b: &Plan,
        articles: (Arc<Article>, Arc<Article>),
    ) -> ArticleDiff {
        let (a, b) = (Side::of(a), Side::of(b));
        let mut left: Vec<Option<&SlotAt>> = a.slots.iter().map(Some).collect();
        let mut right: Vec<Option<&SlotAt>> = b.slots.iter().map(Some).collect();
        let mut resized = 0;
        for l in left.iter_mut() {
            let Some(slot) = *l else { continue };
            let same = right
                .iter_mut()
                .find(|r| r.is_some_and(|r| r.gap == slot.gap && r.slot == slot.slot));
            if let Some(r) = same {
                resized += usize::from(r.is_some_and(|r| r.height_px != slot.height_px));
                *r = None;
                *l = None;
            }
        }
        let mut moved = 0;
        for l in left.iter_mut() {
            let Some(slot) = *l else { continue };
            let named = right
                .iter_mut()
                .find(|r| r.is_some_and(|r| r.slot == slot.slot));
            if let Some(r) = named {
                moved += 1;
                *r = None;
                *l = None;
            }
        }
        let removed = left.iter().flatten().count();
        let added = right.iter().flatten().count();
        ArticleDiff {
            id: articles.0.id.clone(),
            source,
            device,
            a,
            b,
            moved,
            added,
            removed,
            resized,
            articles,
        }
    }

    /// Whether B places anything differently (another gap, slot or height).
    pub fn changed(&self) -> bool {
        self.a.slots != self.b.slots
    }

    /// How much changed: slots moved, added, removed and resized.
    pub fn change(&self) -> usize {
        self.moved + self.added + self.removed + self.resized
    }
}

/// The order of the report: most change first, then the larger change in density, then by
/// source and device (so equal changes list in a stable order).
pub(crate) fn most_changed_first(x: &ArticleDiff, y: &ArticleDiff) -> Ordering {
    let density = |d: &ArticleDiff| (d.b.density - d.a.density).abs();
    y.change()
        .cmp(&x.change())
        .then_with(|| density(y).total_cmp(&density(x)))
        .then_with(|| x.source.cmp(&y.source))
        .then_with(|| x.device.cmp(&y.device))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Placement, Solver};

    fn plan(slots: &[(usize, &str, u64)]) -> Plan {
        Plan {
            id: None,
            device: "mobile".into(),
            placements: slots
                .iter()
                .enumerate()
                .map(|(i, (gap, slot, height))| Placement {
                    before_block: *gap,
                    slot: slot.to_string(),
                    ordinal: i + 1,
                    anchor: false,
                    words_above: *gap as u64 * 10,
                    top_px: *gap as u64 * 100,
                    top_px_range: None,
                    height_px: *height,
                    sizes: Vec::new(),
                })
                .collect(),
            page_height_px: 1000,
            density: 0.0,
            solver: Solver::Sweep,
            rule_sets: Vec::new(),
            even: None,
            unplaced_anchors: Vec::new(),
            warnings: Vec::new(),
            gaps: None,
        }
    }

    #[test]
    fn slots_pair_at_their_gap_then_by_name() {
        let article = Arc::new(Article::new(Vec::new()));
        let a = plan(&[(0, "top", 50), (3, "inline", 250), (6, "inline", 250)]);
        let b = plan(&[
            (0, "top", 90),
            (4, "inline", 250),
            (9, "inline", 250),
            (11, "x", 1),
        ]);
        let d = ArticleDiff::new(
            "s".into(),
            "mobile".into(),
            &a,
            &b,
            (article.clone(), article),
        );
        assert_eq!((d.resized, d.moved, d.added, d.removed), (1, 2, 1, 0));
        assert!(d.changed());
        assert_eq!(d.change(), 4);
        assert_eq!(d.b.first_ad.map(|f| f.words_above), Some(0));
    }

    #[test]
    fn the_same_plan_is_no_change() {
        let article = Arc::new(Article::new(Vec::new()));
        let a = plan(&[(2, "inline", 250)]);
        let d = ArticleDiff::new("s".into(), "m".into(), &a, &a, (article.clone(), article));
        assert!(!d.changed());
        assert_eq!(d.change(), 0);
    }
}
