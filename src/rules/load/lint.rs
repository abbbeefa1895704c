//! Checks of the file as a whole, once every table is read: what no single key shows
//! (rule combinations no plan can keep, more anchors than `max_ads`, an unknown default
//! device, `slot` and `slots` in one table) is an error; a silent mistake (a slot name
//! without its `[[slot]]`, a slot no column can hold) is a warning. A finding that holds on
//! several devices is reported once.

use std::ops::Range;

use super::{combinations, Spans};
use crate::error::Position;
use crate::rules::read::{array_item, key_span, span_at, value_at, Problem, TomlValue};
use crate::rules::{Rules, DEFAULT_AD_SIZE};
use crate::suggest::{did_you_mean, nearest};

pub(super) fn check(
    rules: &Rules,
    root: &TomlValue<'_>,
    text: &str,
    spans: &Spans,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) {
    let mut errors = PerDevice::default();
    combinations::check(rules, root, text, &mut errors);
    for device in &rules.devices {
        if rules.anchors.len() > device.policy.max_ads as usize {
            errors.add(
                key_span(root, "anchor").unwrap_or(0..0),
                format!(
                    "{} anchors but max_ads is {}",
                    rules.anchors.len(),
                    device.policy.max_ads
                ),
                None,
                &device.name,
            );
        }
    }
    problems.extend(errors.finish(rules.devices.len()));
    if rules.device(&rules.default_device).is_none() {
        problems.push(
            Problem::new(
                key_span(root, "default_device").unwrap_or(0..0),
                format!("unknown device `{}`", rules.default_device),
            )
            .help(did_you_mean(nearest(
                &rules.default_device,
                rules.device_names(),
            ))),
        );
    }
    slot_and_slots(rules, root, text, problems);
    slot_names(rules, root, spans, warnings);
    slot_sizes(rules, spans, warnings);
}

/// `slot` and `slots` in one `[placement]` table: which one names the in-flow ads?
fn slot_and_slots(rules: &Rules, root: &TomlValue<'_>, text: &str, problems: &mut Vec<Problem>) {
    let mut tables: Vec<Option<&TomlValue<'_>>> = vec![value_at(root, &["placement"])];
    for device in &rules.devices {
        tables.push(value_at(root, &["device", &device.name, "placement"]));
    }
    for i in 0..rules.when.len() {
        tables.push(array_item(root, "when", i).and_then(|w| value_at(w, &["placement"])));
    }
    for table in tables.into_iter().flatten() {
        if let (Some(one), Some(list)) = (key_span(table, "slot"), key_span(table, "slots")) {
            let (first, second, second_key, first_key) = if one.start < list.start {
                (one, list, "slots", "slot")
            } else {
                (list, one, "slot", "slots")
            };
            problems.push(
                Problem::new(
                    second,
                    format!(
                        "`{second_key}` and `{first_key}` (line {}) in one table: `slots` names \
                         every in-flow ad's slot, so `slot` would never be used",
                        Position::of(text, first.start).line
                    ),
                )
                .help(Some(
                    "keep `slots` and end it with the slot later ads take".to_string(),
                )),
            );
        }
    }
}

/// When the file has `[[slot]]` tables, every slot name it uses should be one of them: a
/// misspelt name silently takes the default size.
fn slot_names(rules: &Rules, root: &TomlValue<'_>, spans: &Spans, warnings: &mut Vec<Problem>) {
    let Some(first_slot) = spans.slots.first() else {
        return;
    };
    let names: Vec<&str> = rules.slots.iter().map(|s| s.name.as_str()).collect();
    let help = |name: &str| did_you_mean(nearest(name, names.iter().copied()));
    let mut found = PerDevice::default();
    let mut policies: Vec<(&str, Vec<&str>, Option<&TomlValue<'_>>)> = rules
        .devices
        .iter()
        .map(|d| (d.name.as_str(), d.policy.inflow_slots(), None))
        .collect();
    for (i, w) in rules.when.iter().enumerate() {
        let mut names: Vec<&str> = w.set.slot.iter().map(|s| s.as_str()).collect();
        names.extend(w.set.slots.iter().flatten().map(|s| s.as_str()));
        for device in rules.devices.iter().filter(|d| w.admits_device(&d.name)) {
            policies.push((
                device.name.as_str(),
                names.clone(),
                array_item(root, "when", i),
            ));
        }
    }
    for (device, slots, when) in policies {
        let which = if slots.len() == 1 { "the" } else { "an" };
        for slot in slots {
            if names.contains(&slot) {
                continue;
            }
            let span = when
                .and_then(|w| {
                    span_at(w, &["placement", "slots"])
                        .or_else(|| span_at(w, &["placement", "slot"]))
                })
                .or_else(|| span_at(root, &["device", device, "placement", "slots"]))
                .or_else(|| span_at(root, &["device", device, "placement", "slot"]))
                .or_else(|| span_at(root, &["placement", "slots"]))
                .or_else(|| span_at(root, &["placement", "slot"]))
                .unwrap_or_else(|| first_slot.clone());
            found.add(
                span,
                format!(
                    "no [[slot]] is named `{slot}`, {which} in-flow slot: its ads take {DEFAULT_AD_SIZE}"
                ),
                help(slot),
                device,
            );
        }
    }
    warnings.extend(found.finish(rules.devices.len()));
    for (anchor, (table, slot)) in rules.anchors.iter().zip(&spans.anchors) {
        if !names.contains(&anchor.slot.as_str()) {
            warnings.push(
                Problem::new(
                    slot.clone().unwrap_or_else(|| table.clone()),
                    format!(
                        "no [[slot]] is named `{}`, the slot of the anchor {}: it takes {DEFAULT_AD_SIZE}",
                        anchor.slot, anchor.at.describe()
                    ),
                )
                .help(help(&anchor.slot)),
            );
        }
    }
}

/// A slot none of whose sizes fits a device's column is reserved there at its narrowest size,
/// which can never serve.
fn slot_sizes(rules: &Rules, spans: &Spans, warnings: &mut Vec<Problem>) {
    for (slot, span) in rules.slots.iter().zip(&spans.slots) {
        let narrow: Vec<String> = rules
            .devices
            .iter()
            .filter(|d| {
                !slot
                    .sizes
                    .iter()
                    .any(|s| f64::from(s.width) <= d.profile.content_width_px)
            })
            .map(|d| format!("{} ({} px)", d.name, d.profile.content_width_px))
            .collect();
        let Some(narrowest) = slot.sizes.iter().min_by_key(|s| s.width) else {
            continue;
        };
        if !narrow.is_empty() {
            warnings.push(Problem::new(
                span.clone(),
                format!(
                    "no size of slot `{}` fits the text column on {}: it is reserved at {narrowest}, its narrowest size, which cannot serve there",
                    slot.name,
                    either(&narrow)
                ),
            ));
        }
    }
}

/// `a`, `a or b`, `a, b or c`.
fn either(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Findings per device, each reported once: stated plainly when every device has it, with
/// the devices named when only some do.
#[derive(Default)]
pub(super) struct PerDevice {
    found: Vec<Finding>,
}

struct Finding {
    span: Range<usize>,
    message: String,
    help: Option<String>,
    devices: Vec<String>,
}

impl PerDevice {
    pub(super) fn add(
        &mut self,
        span: Range<usize>,
        message: String,
        help: Option<String>,
        device: &str,
    ) {
        let device = device.to_string();
        match self
            .found
            .iter_mut()
            .find(|f| f.span == span && f.message == message)
        {
            Some(f) => f.devices.push(device),
            None => self.found.push(Finding {
                span,
                message,
                help,
                devices: vec![device],
            }),
        }
    }

    fn finish(self, devices: usize) -> Vec<Problem> {
        self.found
            .into_iter()
            .map(|f| {
                let message = if f.devices.len() == devices {
                    f.message
                } else {
                    let names: Vec<String> = f.devices.iter().map(|d| format!("`{d}`")).collect();
                    let s = if names.len() == 1 { "" } else { "s" };
                    format!("{} (on device{s} {})", f.message, names.join(", "))
                };
                Problem::new(f.span, message).help(f.help)
            })
            .collect()
    }
}
