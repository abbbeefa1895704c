//! The summary of a loaded rule file that `adslot check` prints: its warnings, anchors, slots
//! with the height each device reserves, the `[html]` settings, and per device what it
//! changes from the defaults, and the `[[when]]` sets. Written from [`Summary`], the same data
//! bindings return.

use std::fmt::Write as _;

use super::plural;
use crate::rules::summary::Summary;
use crate::rules::Rules;

/// A summary of a loaded rule file, for `adslot check`.
///
/// ```
/// let file = "[limits]\nmax_ads = 1\n[html]\nheadlines_selector = \".latest\"\n";
/// let s = adslot::render::summary(&adslot::Rules::from_toml("r.toml", file).unwrap());
/// assert!(s.starts_with("rules `default`: ok\n"));
/// assert!(s.contains("  max_ads = 1\n"));
/// assert!(s.contains("  headlines_selector = \".latest\"\n  existing_ad_selector: not set\n"));
///
/// let file = "[placement]\nslots = [\"inline-1\", \"inline\"]\n\
///             [[when]]\nname = \"business\"\nsection = \"business\"\n[when.limits]\nmax_ads = 2\n";
/// let s = adslot::render::summary(&adslot::Rules::from_toml("r.toml", file).unwrap());
/// assert!(s.contains("in-flow slots `inline-1`, then `inline`"));
/// assert!(s.contains("slot `inline-1`: 300x250 (the default); reserves"));
/// assert!(s.ends_with("when `business`: section business\n  max_ads = 2\n"));
/// ```
pub fn summary(rules: &Rules) -> String {
    let s = Summary::of(rules);
    let mut out = format!("rules `{}`: ok", s.name);
    if !s.warnings.is_empty() {
        let _ = write!(
            out,
            ", {}",
            plural(s.warnings.len() as u64, "warning", "warnings")
        );
    }
    out.push('\n');
    for w in &s.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    for a in &s.anchors {
        let _ = writeln!(
            out,
            "anchor: `{}` {}{}{}",
            a.slot,
            a.at.describe(),
            if a.spacing {
                ""
            } else {
                " (exempt from spacing)"
            },
            if a.min_words > 0 {
                format!(", in articles of at least {} words", a.min_words)
            } else {
                String::new()
            }
        );
    }
    for slot in &s.slots {
        let listed: Vec<String> = slot.sizes.iter().map(ToString::to_string).collect();
        let per_device: Vec<String> = slot
            .reserves
            .iter()
            .map(|r| {
                let size = r.size.map_or(String::new(), |s| format!(" ({s})"));
                format!("{} {} px{size}", r.device, r.height_px)
            })
            .collect();
        let _ = writeln!(
            out,
            "slot `{}`: {}{}; reserves {}",
            slot.name,
            listed.join(", "),
            if slot.defined { "" } else { " (the default)" },
            per_device.join(", ")
        );
    }
    out.push_str("html:\n");
    for (section, settings) in [("html", &s.html), ("gutenberg", &s.gutenberg)] {
        if section != "html" {
            let _ = writeln!(out, "{section}:");
        }
        for setting in settings {
            match &setting.value {
                Some(value) => {
                    let _ = writeln!(out, "  {} = {value}", setting.key);
                }
                None => {
                    let _ = writeln!(out, "  {}: not set", setting.key);
                }
            }
        }
    }
    for d in &s.devices {
        // px mode: the mode and then one line per typeface (its body and heading faces).
        let text = &d.typesetting;
        let mode = text.as_ref().map_or_else(
            || plural(d.columns as u64, "column", "columns"),
            |t| t[0].clone(),
        );
        let _ = writeln!(
            out,
            "device {}{}: {mode}, viewport {} px, {}{}",
            d.name,
            if d.default { " (default)" } else { "" },
            d.viewport_height_px,
            inflow_slots(&d.slots),
            if d.hyphenate { ", hyphenated" } else { "" }
        );
        for line in text.iter().flatten().skip(1) {
            let _ = writeln!(out, "  {line}");
        }
        for setting in &d.changed {
            let _ = writeln!(out, "  {} = {}", setting.key, setting.value);
        }
    }
    for w in &s.when {
        let _ = writeln!(out, "when `{}`: {}", w.name, w.conditions);
        for setting in &w.set {
            let _ = writeln!(out, "  {} = {}", setting.key, setting.value);
        }
    }
    out
}

/// A device's in-flow slot, or its sequence: "in-flow slot `inline`", "in-flow slots
/// `inline-1`, then `inline`".
fn inflow_slots(names: &[String]) -> String {
    match names {
        [one] => format!("in-flow slot `{one}`"),
        names => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("in-flow slots {}", quoted.join(", then "))
        }
    }
}
