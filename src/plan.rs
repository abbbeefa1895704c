//! The engine's answer: placements in gap order, page totals, and a verdict for every gap.

use serde::Serialize;

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
    /// Top of the reserved box, with the ads above it, in px.
    pub top_px: u64,
    /// Height reserved for the ad (tallest fitting size, label and margins), in px.
    pub height_px: u64,
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

/// One rule's refusal of one gap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct Reason {
    /// The rule's key (`min_words_between`, `clearance.image.above_px`, ...).
    pub rule: String,
    /// The explanation, with the numbers.
    pub text: String,
}

impl From<Reason> for String {
    fn from(r: Reason) -> String {
        r.text
    }
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
    /// Every gap's verdict, when an explanation was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gaps: Option<Vec<GapVerdict>>,
}
