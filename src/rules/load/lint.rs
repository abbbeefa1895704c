//! Checks of the file as a whole, once every table is read: what no single key shows
//! (escalation that lowers a value, more anchors than `max_ads`, an unknown default device) is
//! an error; a silent mistake (a slot name without its `[[slot]]`, a slot no column can hold)
//! is a warning. A finding that holds on several devices is reported once.

use std::ops::Range;

use super::Spans;
use crate::rules::read::{key_span, span_at, Problem, TomlValue};
use crate::rules::{Device, Rules, DEFAULT_AD_SIZE};
use crate::suggest::{did_you_mean, nearest};

pub(super) fn check(
    rules: &Rules,
    root: &TomlValue<'_>,
    spans: &Spans,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) {
    let mut errors = PerDevice::default();
    for device in &rules.devices {
        escalation(device, root, &mut errors);
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
    slot_names(rules, root, spans, warnings);
    slot_sizes(rules, spans, warnings);
}

/// Escalating spacing may only grow: that is what keeps earliest-first placement optimal.
/// Checked on each device's final policy, so a device override cannot undercut an escalation.
fn escalation(device: &Device, root: &TomlValue<'_>, errors: &mut PerDevice) {
    let policy = &device.policy;
    let span = span_at(root, &["device", &device.name, "spacing", "after_ads"])
        .or_else(|| span_at(root, &["spacing", "after_ads"]))
        .or_else(|| span_at(root, &["device", &device.name, "spacing"]))
        .unwrap_or(0..0);
    for e in &policy.after_ads {
        let count = e.count as usize;
        let lowered: Vec<String> = policy
            .lowered(count - 1, count)
            .into_iter()
            .map(|(key, before, after)| format!("`{key}` from {before} to {after}"))
            .collect();
        if !lowered.is_empty() {
            errors.add(
                span.clone(),
                format!(
                    "the after_ads entry for count = {count} lowers {}; escalating spacing may only grow",
                    lowered.join(" and ")
                ),
                None,
                &device.name,
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
    for device in &rules.devices {
        let slot = device.policy.slot.as_str();
        if names.contains(&slot) {
            continue;
        }
        let span = span_at(root, &["device", &device.name, "placement", "slot"])
            .or_else(|| span_at(root, &["placement", "slot"]))
            .unwrap_or_else(|| first_slot.clone());
        found.add(
            span,
            format!(
                "no [[slot]] is named `{slot}`, the in-flow slot: its ads take {DEFAULT_AD_SIZE}"
            ),
            help(slot),
            &device.name,
        );
    }
    warnings.extend(found.finish(rules.devices.len()));
    for (anchor, (table, slot)) in rules.anchors.iter().zip(&spans.anchors) {
        if !names.contains(&anchor.slot.as_str()) {
            warnings.push(
                Problem::new(
                    slot.clone().unwrap_or_else(|| table.clone()),
                    format!(
                        "no [[slot]] is named `{}`, the slot of the anchor before `{}`: it takes {DEFAULT_AD_SIZE}",
                        anchor.slot, anchor.before
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
struct PerDevice {
    found: Vec<Finding>,
}

struct Finding {
    span: Range<usize>,
    message: String,
    help: Option<String>,
    devices: Vec<String>,
}

impl PerDevice {
    fn add(&mut self, span: Range<usize>, message: String, help: Option<String>, device: &str) {
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
