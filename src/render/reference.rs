//! The rule-file reference in Markdown, generated from the registry.

use std::fmt::Write as _;

use crate::rules::registry::{Shape, RULES};

/// The rule-file reference in Markdown, generated from the registry.
pub fn reference() -> String {
    let mut out = String::from("| key | default | meaning |\n|---|---|---|\n");
    for r in RULES {
        let key = if r.section == "clearance" {
            "[clearance.KIND] above_px / below_px".to_string()
        } else {
            format!("[{}] {}", r.section, r.key)
        };
        let shape = match r.shape {
            Shape::Gap => "gap rule",
            Shape::Spacing => "spacing rule",
            Shape::Limit => "article limit",
            Shape::Modifier => "modifies spacing rules",
        };
        let doc = r.doc.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = writeln!(
            out,
            "| `{key}` | `{}` | {doc} ({shape}; {}) |",
            r.default_toml(),
            r.value_type
        );
    }
    out
}
