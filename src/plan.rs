//! The engine's answer: placements in gap order, page totals, and a verdict for every gap.

use serde::{Serialize, Serializer};

use crate::layout::AdSize;
use crate::rules::checks::Unit;
use crate::rules::AnchorAt;

/// One ad slot to insert.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Placement {
    /// The gap: the slot goes before this block (`blocks.len()` means after the last block).
    pub before_block: usize,
    /// The slot's name.
    pub slot: String,
    /// 1-based position among the placements.
    pub ordinal: usize,
    /// Whether an anchor rule required it.
    pub anchor: bool,
    /// Words of article above the slot.
    pub words_above: u64,
    /// Top of the reserved box, with the ads above it, in px (in candidates mode, in the first
    /// typeface the device lists).
    pub top_px: u64,
    /// Candidates mode (several typefaces): the lowest and highest `top_px` over them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_px_range: Option<[u64; 2]>,
    /// Height reserved for the ad (tallest fitting size, label and margins), in px.
    pub height_px: u64,
    /// The creative sizes of its slot, written `"300x250"`.
    #[serde(serialize_with = "sizes_as_text")]
    pub sizes: Vec<AdSize>,
}

fn sizes_as_text<S: Serializer>(sizes: &[AdSize], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(sizes.iter().map(ToString::to_string))
}

/// Why one gap holds an ad or not.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GapVerdict {
    /// The gap.
    pub before_block: usize,
    /// Whether a slot is placed here.
    pub placed: bool,
    /// Why not: one sentence per rule that refuses it, with the numbers.
    pub reasons: Vec<Reason>,
}

/// One rule's refusal of one gap, or its word on the whole plan: the rule's key, for
/// programs, and a sentence with the numbers, for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The rule's key (`min_words_between`, `clearance.image.above_px`, ...).
    pub rule: String,
    /// The explanation, with the numbers.
    pub text: String,
    /// Candidates mode: the typeface a pixel rule's refusal was measured in (the binding case).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
}

/// An anchor the plan does not place, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnplacedAnchor {
    /// The anchor's slot.
    pub slot: String,
    /// Its position, as the rule file gives it (`before` and `nth`, `after_paragraph`, `at`).
    #[serde(flatten)]
    pub at: AnchorAt,
    /// Why it is not placed.
    pub reason: String,
}

/// Which solver placed the in-flow ads (see `engine`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Solver {
    /// The earliest-first sweep: the policy is monotone.
    Sweep,
    /// The dynamic program over gaps: a rule breaks the sweep's exchange argument (a
    /// maximum, loosening escalation), or it was asked for.
    Exact,
}

/// What `prefer = "even"` achieved: the smallest spacing between consecutive ads (the pairs
/// spacing rules judge), which no plan with as many ads beats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Even {
    /// The unit spacing is measured in (`px` when a px or viewport spacing rule is set).
    pub unit: Unit,
    /// The smallest spacing; `None` when the plan has no two consecutive ads to measure.
    pub smallest: Option<u64>,
}

/// Where the ads go in one article on one device.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    /// The article's id.
    pub id: Option<String>,
    /// The device the geometry was estimated for.
    pub device: String,
    /// The slots to insert, in gap order.
    pub placements: Vec<Placement>,
    /// Height of the article with the inserted slots, in px.
    pub page_height_px: u64,
    /// Share of the page height taken by ads (inserted and already on the page).
    pub density: f64,
    /// The solver that placed the in-flow ads.
    pub solver: Solver,
    /// The `[[when]]` sets whose conditions the article met, applied in this order (absent
    /// from JSON when none did).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rule_sets: Vec<String>,
    /// With `prefer = "even"`: the smallest spacing the plan keeps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub even: Option<Even>,
    /// The anchors not placed, with the reason (absent from JSON when every anchor is placed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unplaced_anchors: Vec<UnplacedAnchor>,
    /// What the plan could not do as the rules intend, e.g. no in-flow ad because the article
    /// already has `max_ads` ads on the page (absent from JSON when there is none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Reason>,
    /// Every gap's verdict, when an explanation was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gaps: Option<Vec<GapVerdict>>,
}
