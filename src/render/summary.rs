//! The summary of a loaded rule file that `adslot check` prints: its warnings, anchors, slots
//! with the height each device reserves, the `[html]` settings, and per device what it
//! changes from the defaults.

use std::fmt::Write as _;

use super::plural;
use crate::layout::{reserved_height, reserved_size};
use crate::rules::keys::MARKUP_SECTIONS;
use crate::rules::registry::{Policy, Shape, RULES};
use crate::rules::Rules;

/// A summary of a loaded rule file, for `adslot check`.
///
/// ```
/// let file = "[limits]\nmax_ads = 1\n[html]\nheadlines_selector = \".latest\"\n";
/// let s = adslot::render::summary(&adslot::Rules::from_toml("r.toml", file).unwrap());
/// assert!(s.starts_with("rules `default`: ok\n"));
/// assert!(s.contains("  max_ads = 1\n"));
/// assert!(s.contains("  headlines_selector = \".latest\"\n  existing_ad_selector: not set\n"));
/// ```
pub fn summary(rules: &Rules) -> String {
    let mut out = format!("rules `{}`: ok", rules.name);
    if !rules.warnings.is_empty() {
        let _ = write!(
            out,
            ", {}",
            plural(rules.warnings.len() as u64, "warning", "warnings")
        );
    }
    out.push('\n');
    for w in &rules.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
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
    slots(&mut out, rules);
    for (section, table) in MARKUP_SECTIONS {
        let _ = writeln!(out, "{section}:");
        for k in table.iter() {
            match (k.value)(rules) {
                Some(value) => {
                    let _ = writeln!(out, "  {} = {value}", k.key);
                }
                None => {
                    let _ = writeln!(out, "  {}: not set", k.key);
                }
            }
        }
    }
    let base = Policy::default();
    for d in &rules.devices {
        let default = if d.name == rules.default_device {
            " (default)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "device {}{default}: {}, viewport {} px, in-flow slot `{}`{}",
            d.name,
            plural(d.profile.columns() as u64, "column", "columns"),
            d.profile.viewport_height_px,
            d.policy.slot,
            if d.hyphenate { ", hyphenated" } else { "" }
        );
        // The settings (the in-flow slot) are on the device's line.
        for r in RULES.iter().filter(|r| r.shape() != Shape::Setting) {
            let value = d.policy.value_toml(r.key).unwrap_or_default();
            if Some(&value) != base.value_toml(r.key).as_ref() {
                let _ = writeln!(out, "  {} = {value}", r.key);
            }
        }
    }
    out
}

/// Every slot the file names (defined, in-flow or anchored), its sizes, and on each device the
/// height it reserves and the size that height is for.
fn slots(out: &mut String, rules: &Rules) {
    let mut names: Vec<&str> = rules.slots.iter().map(|s| s.name.as_str()).collect();
    let used = rules
        .devices
        .iter()
        .map(|d| d.policy.slot.as_str())
        .chain(rules.anchors.iter().map(|a| a.slot.as_str()));
    for name in used {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    for name in names {
        let sizes = rules.sizes(name);
        let listed: Vec<String> = sizes.iter().map(ToString::to_string).collect();
        let defined = rules.slots.iter().any(|s| s.name == name);
        let per_device: Vec<String> = rules
            .devices
            .iter()
            .map(|d| {
                let size =
                    reserved_size(sizes, &d.profile).map_or(String::new(), |s| format!(" ({s})"));
                format!("{} {} px{size}", d.name, reserved_height(sizes, &d.profile))
            })
            .collect();
        let _ = writeln!(
            out,
            "slot `{name}`: {}{}; reserves {}",
            listed.join(", "),
            if defined { "" } else { " (the default)" },
            per_device.join(", ")
        );
    }
}
