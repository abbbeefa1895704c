//! The ads fixed before solving: the anchors at their positions, and the ads already on the
//! page; and the anchors that cannot be placed, with the reason.

use super::instance::{Ad, AdKind};
use crate::article::BlockKind;
use crate::layout::{reserved_height, Geometry};
use crate::measure::Measure;
use crate::plan::UnplacedAnchor;
use crate::rules::checks::Amount;
use crate::rules::{Device, Rules};

/// Anchors and ads already on the page, in page order ([`Ad::order`]); and the anchors not
/// placed: their position is not in the article, the article is shorter than their
/// `min_words`, or an earlier anchor of the file takes their gap.
pub(crate) fn fixed_ads(
    rules: &Rules,
    device: &Device,
    measure: &Measure,
    geometry: &Geometry,
) -> (Vec<Ad>, Vec<UnplacedAnchor>) {
    let mut fixed: Vec<Ad> = Vec::new();
    let mut unplaced = Vec::new();
    let words = measure.words_between(0, measure.last_gap());
    for a in &rules.anchors {
        let gap = a.at.gap(measure.kinds()).and_then(|g| {
            if words < u64::from(a.min_words) {
                return Err(format!(
                    "the article has {}; the anchor's min_words is {}",
                    Amount::Count(words).counting("word"),
                    a.min_words
                ));
            }
            match fixed.iter().find(|f| f.top == g) {
                Some(Ad {
                    kind: AdKind::Anchor(slot),
                    ..
                }) => Err(format!("gap {g} holds the anchor `{slot}` already")),
                _ => Ok(g),
            }
        });
        match gap {
            Ok(at) => fixed.push(Ad {
                top: at,
                bottom: at,
                spacing: a.spacing,
                px: reserved_height(rules.sizes(&a.slot), &device.profile),
                kind: AdKind::Anchor(a.slot.clone()),
            }),
            Err(reason) => unplaced.push(UnplacedAnchor {
                slot: a.slot.clone(),
                at: a.at,
                reason,
            }),
        }
    }
    fixed.extend(
        measure
            .kinds()
            .iter()
            .enumerate()
            .filter(|(_, &k)| k == BlockKind::Ad)
            .map(|(i, _)| Ad {
                top: i,
                bottom: i + 1,
                spacing: true,
                px: geometry.blocks[i].height_px,
                kind: AdKind::Existing,
            }),
    );
    fixed.sort_by_key(Ad::order);
    (fixed, unplaced)
}
