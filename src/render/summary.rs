//! The summary of a loaded rule file that `adslot check` prints.

use std::fmt::Write as _;

use crate::rules::registry::RULES;
use crate::rules::Rules;

/// A summary of a loaded rule file, for `adslot check`.
pub fn summary(rules: &Rules) -> String {
    let mut out = format!("rules `{}`: ok\n", rules.name);
    let _ = writeln!(out, "in-flow slot: {}", rules.slot);
    for a in &rules.anchors {
        let _ = writeln!(
            out,
            "anchor: `{}` before the first {}{}",
            a.slot,
            a.before,
            if a.spacing {
                ""
            } else {
                " (exempt from spacing)"
            }
        );
    }
    for d in &rules.devices {
        let default = if d.name == rules.default_device {
            " (default)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "device {}{default}: {} columns, viewport {} px",
            d.name,
            d.profile.columns(),
            d.profile.viewport_height_px
        );
        let base = crate::rules::Policy::default();
        for r in RULES {
            let value = d.policy.value_toml(r.key).unwrap_or_default();
            if Some(&value) != base.value_toml(r.key).as_ref() {
                let _ = writeln!(out, "  {} = {value}", r.key);
            }
        }
    }
    out
}
