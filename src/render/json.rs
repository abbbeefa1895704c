//! The plan as JSON, for programs.

use crate::plan::Plan;

/// The plan as pretty JSON (`gaps` only when it was explained).
///
/// ```
/// # use adslot::{place, Article, PlaceOptions, Rules};
/// let plan = place(&Article::default(), &Rules::default(), &PlaceOptions::default()).unwrap();
/// assert!(adslot::render::json(&plan).contains("\"placements\": []"));
/// ```
pub fn json(plan: &Plan) -> String {
    // A Plan holds only strings, numbers and vectors: serializing it cannot fail.
    serde_json::to_string_pretty(plan).unwrap_or_default() + "\n"
}
