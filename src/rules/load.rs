//! The rule-file loader: walks the TOML tree with spans, collects every problem, suggests keys.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::registry::{rule, Policy, RULES};
use super::values::{self, Problem, RuleValue, TomlValue};
use super::{Anchor, Device, Rules, SlotSizes};
use crate::error::{Diagnostic, Error};
use crate::layout::{AdSize, DeviceProfile};
use crate::source::Position;

/// Sections of the policy: allowed at the top level and under `[device.NAME]`.
const POLICY_SECTIONS: [&str; 4] = ["limits", "spacing", "placement", "clearance"];
/// Top-level keys.
const TOP_KEYS: [&str; 10] = [
    "name",
    "default_device",
    "limits",
    "spacing",
    "placement",
    "clearance",
    "anchor",
    "slot",
    "device",
    "html",
];
/// Keys of `[html]`.
const HTML_KEYS: [&str; 4] = [
    "headlines_selector",
    "existing_ad_selector",
    "slot_template",
    "max_depth",
];
/// Settings of `[placement]` that are not rules.
const PLACEMENT_SETTINGS: [&str; 1] = ["slot"];

pub(super) fn load(origin: &str, text: &str) -> Result<Rules, Error> {
    let (doc, syntax) = DeTable::parse_recoverable(text);
    let mut problems: Vec<Problem> = syntax
        .iter()
        .map(|e| Problem::new(e.span().unwrap_or(0..0), e.message().trim().to_string()))
        .collect();
    let rules = if problems.is_empty() {
        let span = doc.span();
        let root = toml::Spanned::new(span, DeValue::Table(doc.into_inner()));
        read_rules(&root, &mut problems)
    } else {
        Rules::default()
    };
    if problems.is_empty() {
        return Ok(rules);
    }
    problems.sort_by_key(|p| p.span.start);
    Err(Error::Invalid(
        problems
            .into_iter()
            .map(|p| Diagnostic {
                origin: origin.to_string(),
                position: Some(Position::of(text, p.span.start)),
                message: p.message,
                help: p.help,
            })
            .collect(),
    ))
}

fn read_rules(root: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Rules {
    let mut rules = Rules::default();
    let mut base = Policy::default();
    let mut device_tables = None;
    let mut anchors_value = None;
    values::table(root, "the rule file", &TOP_KEYS, problems, |key, v, p| {
        match key {
            "name" => rules.name = values::string(v, p).unwrap_or_default(),
            "default_device" => {
                rules.default_device = values::string(v, p).unwrap_or_default();
            }
            "anchor" => anchors_value = Some(v),
            "slot" => rules.slots = read_slots(v, p),
            "device" => device_tables = Some(v),
            "html" => read_html(&mut rules, v, p),
            section if POLICY_SECTIONS.contains(&section) => {
                read_policy_section(&mut base, section, v, p, Some(&mut rules.slot));
            }
            _ => return false,
        }
        true
    });
    for device in &mut rules.devices {
        device.policy = base.clone();
    }
    if let Some(v) = device_tables {
        read_devices(&mut rules, &base, v, problems);
    }
    if let Some(v) = anchors_value {
        rules.anchors = read_anchors(v, problems);
    }
    check_consistency(&rules, root, problems);
    rules
}

/// Reads one policy section (`[spacing]`, ...) into `policy`. `slot` receives `placement.slot`
/// at the top level; under a device it is `None` and the key is unknown there.
fn read_policy_section(
    policy: &mut Policy,
    section: &str,
    value: &TomlValue<'_>,
    problems: &mut Vec<Problem>,
    mut slot: Option<&mut String>,
) {
    if section == "clearance" {
        policy.set("clearance", value, problems);
        return;
    }
    let mut known: Vec<&str> = RULES
        .iter()
        .filter(|r| r.section == section)
        .map(|r| r.key)
        .collect();
    if section == "placement" && slot.is_some() {
        known.extend(PLACEMENT_SETTINGS);
    }
    let what = format!("[{section}]");
    values::table(value, &what, &known, problems, |key, v, p| {
        if rule(key).is_some_and(|r| r.section == section) {
            policy.set(key, v, p);
            return true;
        }
        match (section, key, slot.as_deref_mut()) {
            ("placement", "slot", Some(s)) => {
                *s = values::string(v, p).unwrap_or_default();
                true
            }
            _ => false,
        }
    });
}

/// Escalating spacing may only grow: that is what keeps earliest-first placement optimal.
/// Checked on each device's final policy, so a device override cannot undercut an escalation.
fn check_escalation(device: &Device, span: Range<usize>, problems: &mut Vec<Problem>) {
    let policy = &device.policy;
    for e in &policy.after_ads {
        let count = e.count as usize;
        let (before, after) = (policy.spacing_at(count - 1), policy.spacing_at(count));
        if after.min_words_between < before.min_words_between
            || after.min_paragraphs_between < before.min_paragraphs_between
            || after.min_px_between < before.min_px_between
            || after.min_viewports_between < before.min_viewports_between
        {
            problems.push(Problem::new(
                span.clone(),
                format!(
                    "on device `{}`, the after_ads entry for count = {count} lowers a spacing value; escalating spacing may only grow",
                    device.name
                ),
            ));
        }
    }
}

/// The span of the value at `path` below `root`, if present.
fn span_at(root: &TomlValue<'_>, path: &[&str]) -> Option<Range<usize>> {
    let mut value = root;
    for key in path {
        let DeValue::Table(t) = value.get_ref() else {
            return None;
        };
        value = t.iter().find(|(k, _)| k.get_ref() == key)?.1;
    }
    Some(value.span())
}

fn read_devices(
    rules: &mut Rules,
    base: &Policy,
    value: &TomlValue<'_>,
    problems: &mut Vec<Problem>,
) {
    let DeValue::Table(devices) = value.get_ref() else {
        values::table(value, "[device]", &[], problems, |_, _, _| true);
        return;
    };
    let mut known: Vec<&str> = DeviceProfile::KEYS.to_vec();
    known.push("hyphenate");
    known.extend(POLICY_SECTIONS);
    for (name, table) in devices {
        let name = name.get_ref().to_string();
        let index = match rules.devices.iter().position(|d| d.name == name) {
            Some(i) => i,
            None => {
                // A device of the file's own: starts from the mobile profile.
                rules.devices.push(Device {
                    name: name.clone(),
                    profile: DeviceProfile::mobile(),
                    hyphenate: false,
                    policy: base.clone(),
                });
                rules.devices.len() - 1
            }
        };
        let device = &mut rules.devices[index];
        let what = format!("[device.{name}]");
        values::table(table, &what, &known, problems, |key, v, p| {
            if let Some((field, positive)) = device.profile.field_mut(key) {
                if let Some(x) = f64::from_toml(v, p) {
                    if positive && x == 0.0 {
                        p.push(Problem::new(
                            v.span(),
                            format!("`{key}` must be greater than 0"),
                        ));
                    } else {
                        *field = x;
                    }
                }
            } else if key == "hyphenate" {
                device.hyphenate = values::boolean(v, p).unwrap_or(false);
            } else if POLICY_SECTIONS.contains(&key) {
                read_policy_section(&mut device.policy, key, v, p, None);
            } else {
                return false;
            }
            true
        });
    }
}

fn read_html(rules: &mut Rules, value: &TomlValue<'_>, problems: &mut Vec<Problem>) {
    use crate::markup;
    values::table(value, "[html]", &HTML_KEYS, problems, |key, v, p| {
        match key {
            "headlines_selector" | "existing_ad_selector" => {
                let Some(selector) = values::string(v, p) else {
                    return true;
                };
                match markup::Selector::parse(&selector) {
                    Err(e) => p.push(Problem::new(v.span(), e.to_string())),
                    Ok(s) if key == "headlines_selector" => rules.html.headlines_selector = Some(s),
                    Ok(s) => rules.html.existing_ad_selector = Some(s),
                }
            }
            "slot_template" => {
                if let Some(t) = values::string(v, p) {
                    match markup::template::validate_template(&t) {
                        Ok(()) => rules.slot_template = t,
                        Err(e) => p.push(Problem::new(v.span(), e)),
                    }
                }
            }
            "max_depth" => {
                if let Some(d) = u32::from_toml(v, p) {
                    rules.html.max_depth = d as usize;
                }
            }
            _ => return false,
        }
        true
    });
}

fn read_anchors(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Vec<Anchor> {
    let keys = ["before", "slot", "spacing"];
    let mut seen = Vec::new();
    values::array(value, problems, |v, p| {
        let mut before = None;
        let mut slot = None;
        let mut spacing = true;
        values::table(v, "[[anchor]]", &keys, p, |k, v, p| {
            match k {
                "before" => before = values::kind(v, p).map(|kind| (kind, v.span())),
                "slot" => slot = values::string(v, p),
                "spacing" => spacing = values::boolean(v, p).unwrap_or(true),
                _ => return false,
            }
            true
        });
        let Some((before, span)) = before else {
            p.push(Problem::new(
                v.span(),
                "an [[anchor]] needs `before = \"KIND\"`",
            ));
            return None;
        };
        if seen.contains(&before) {
            p.push(Problem::new(
                span,
                format!("two anchors before `{before}`; an article has one slot per anchor kind"),
            ));
        }
        seen.push(before);
        Some(Anchor {
            before,
            slot: slot.unwrap_or_else(|| format!("before-{before}")),
            spacing,
        })
    })
    .unwrap_or_default()
}

fn read_slots(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Vec<SlotSizes> {
    values::array(value, problems, |v, p| {
        let mut name = None;
        let mut sizes = None;
        values::table(v, "[[slot]]", &["name", "sizes"], p, |k, v, p| {
            match k {
                "name" => name = values::string(v, p),
                "sizes" => {
                    sizes = values::array(v, p, |s, p| {
                        let text = values::string(s, p)?;
                        let size = AdSize::parse(&text);
                        if size.is_none() {
                            p.push(Problem::new(
                                s.span(),
                                format!("`{text}` is not a size like \"300x250\""),
                            ));
                        }
                        size
                    });
                }
                _ => return false,
            }
            true
        });
        match (name, sizes) {
            (Some(name), Some(sizes)) if !sizes.is_empty() => Some(SlotSizes { name, sizes }),
            _ => {
                p.push(Problem::new(
                    v.span(),
                    "a [[slot]] needs `name` and a non-empty `sizes` list",
                ));
                None
            }
        }
    })
    .unwrap_or_default()
}

/// Checks that need the whole file: the default device exists, anchors fit `max_ads`.
fn check_consistency(rules: &Rules, root: &TomlValue<'_>, problems: &mut Vec<Problem>) {
    let span_of = |key: &str| match root.get_ref() {
        DeValue::Table(t) => t
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map_or(0..0, |(k, _)| k.span()),
        _ => 0..0,
    };
    for device in &rules.devices {
        let span = span_at(root, &["device", &device.name, "spacing", "after_ads"])
            .or_else(|| span_at(root, &["spacing", "after_ads"]))
            .or_else(|| span_at(root, &["device", &device.name, "spacing"]))
            .unwrap_or(0..0);
        check_escalation(device, span, problems);
    }
    if rules.device(&rules.default_device).is_none() {
        problems.push(Problem {
            span: span_of("default_device"),
            message: format!("unknown device `{}`", rules.default_device),
            help: crate::suggest::did_you_mean(crate::suggest::nearest(
                &rules.default_device,
                rules.device_names(),
            )),
        });
    }
    for device in &rules.devices {
        if rules.anchors.len() > device.policy.max_ads as usize {
            problems.push(Problem::new(
                span_of("anchor"),
                format!(
                    "{} anchors but max_ads is {} on device `{}`",
                    rules.anchors.len(),
                    device.policy.max_ads,
                    device.name
                ),
            ));
        }
    }
}
