//! Rule combinations no plan can keep: a maximum below the minimum it bounds
//! (`max_paragraphs_between` below `min_paragraphs_between`, a `max_*_before_first` below its
//! `min_*`), on a device's rules, on them with each `[[when]]` set, and for the values
//! `after_ads` puts in force. Each error names both keys and where they were written.

use std::ops::Range;

use super::lint::PerDevice;
use crate::error::Position;
use crate::rules::read::{array_item, span_at, TomlValue};
use crate::rules::registry::Policy;
use crate::rules::When;
use crate::rules::{Device, Rules};

/// A bound the rules put on one distance: its key, section and value in px or counts.
struct Bound {
    key: &'static str,
    section: &'static str,
    /// The bound as a count (words, paragraphs, px), and how it is written.
    value: Option<(u64, String)>,
}

/// Minimums and maximums of the same distance, with the values in force for the ad at
/// `ordinal` on a device of viewport `vp` px. A new `max_*` rule adds its pair here.
fn pairs(p: &Policy, ordinal: usize, vp: f64) -> Vec<(Vec<Bound>, Vec<Bound>)> {
    macro_rules! at {
        ($field:ident) => {
            p.in_force(ordinal, &p.$field, |o| o.$field.as_ref())
        };
    }
    let count = |key, section, v: u32| Bound {
        key,
        section,
        value: Some((u64::from(v), v.to_string())),
    };
    let max = |key, section, v: Option<u32>| Bound {
        key,
        section,
        value: v.map(|v| (u64::from(v), v.to_string())),
    };
    let viewports = |key, section, v: Option<f64>, round: fn(f64) -> f64| Bound {
        key,
        section,
        value: v.map(|v| {
            let px = round(v * vp) as u64;
            (px, format!("{v} ({px} px)"))
        }),
    };
    let s = "spacing";
    vec![
        (
            vec![count("min_words_between", s, *at!(min_words_between))],
            vec![max("max_words_between", s, *at!(max_words_between))],
        ),
        (
            vec![count(
                "min_paragraphs_between",
                s,
                *at!(min_paragraphs_between),
            )],
            vec![max(
                "max_paragraphs_between",
                s,
                *at!(max_paragraphs_between),
            )],
        ),
        (
            vec![
                count("min_px_between", s, *at!(min_px_between)),
                viewports(
                    "min_viewports_between",
                    s,
                    Some(*at!(min_viewports_between)),
                    f64::ceil,
                ),
            ],
            vec![
                max("max_px_between", s, *at!(max_px_between)),
                viewports(
                    "max_viewports_between",
                    s,
                    *at!(max_viewports_between),
                    f64::floor,
                ),
            ],
        ),
        (
            vec![count("min_words_before_first", s, p.min_words_before_first)],
            vec![max("max_words_before_first", s, p.max_words_before_first)],
        ),
        (
            vec![count(
                "min_paragraphs_before_first",
                s,
                p.min_paragraphs_before_first,
            )],
            vec![max(
                "max_paragraphs_before_first",
                s,
                p.max_paragraphs_before_first,
            )],
        ),
        (
            vec![count("min_px_from_top", s, p.min_px_from_top)],
            vec![max("max_px_before_first", s, p.max_px_before_first)],
        ),
    ]
}

/// Where a policy's rules were written, most specific first.
struct Origins<'a, 'i> {
    root: &'a TomlValue<'i>,
    text: &'a str,
    device: &'a str,
    when: Option<&'a TomlValue<'i>>,
}

impl Origins<'_, '_> {
    /// The span of `key` as written for this policy: in the `[[when]]` set, else the device's
    /// table, else the top level; `after_ads` when it is the escalation's value.
    fn span(&self, section: &str, key: &str, escalated: bool) -> Option<Range<usize>> {
        let key = if escalated { "after_ads" } else { key };
        self.when
            .and_then(|w| span_at(w, &[section, key]))
            .or_else(|| span_at(self.root, &["device", self.device, section, key]))
            .or_else(|| span_at(self.root, &[section, key]))
    }

    fn line(&self, span: &Option<Range<usize>>) -> String {
        match span {
            Some(s) => format!("line {}", Position::of(self.text, s.start).line),
            None => "its default".to_string(),
        }
    }
}

/// Every impossible combination on every device, alone and with each `[[when]]` set.
pub(super) fn check(rules: &Rules, root: &TomlValue<'_>, text: &str, errors: &mut PerDevice) {
    for device in &rules.devices {
        let origins = Origins {
            root,
            text,
            device: &device.name,
            when: None,
        };
        policy(&device.policy, device, &origins, None, errors);
        for (i, w) in rules.when.iter().enumerate() {
            if !w.admits_device(&device.name) {
                continue;
            }
            let mut p = device.policy.clone();
            p.apply(&w.set);
            let origins = Origins {
                when: array_item(root, "when", i),
                ..origins
            };
            policy(&p, device, &origins, Some(w), errors);
        }
    }
}

/// Whether an `after_ads` entry in force at `ordinal` sets `key`.
fn escalates(p: &Policy, ordinal: usize, key: &str) -> bool {
    p.after_ads
        .iter()
        .any(|e| e.count as usize <= ordinal && e.set.keys().contains(&key))
}

/// The impossible combinations of `p` on `device`. A finding with a `[[when]]` set is
/// reported only if the set writes one of the two keys, and one at a later ordinal only if
/// `after_ads` sets one of them: each mistake once.
fn policy(
    p: &Policy,
    device: &Device,
    origins: &Origins<'_, '_>,
    when: Option<&When>,
    errors: &mut PerDevice,
) {
    let vp = device.profile.viewport_height_px;
    let within = when.map_or(String::new(), |w| format!(" with [[when]] `{}`", w.name));
    let mut ordinals = vec![1];
    ordinals.extend(p.after_ads.iter().map(|e| e.count as usize));
    for &ordinal in &ordinals {
        for (mins, maxes) in pairs(p, ordinal, vp) {
            for hi in &maxes {
                let Some((hi_v, hi_text)) = &hi.value else {
                    continue;
                };
                for lo in &mins {
                    let Some((lo_v, lo_text)) = &lo.value else {
                        continue;
                    };
                    if hi_v >= lo_v {
                        continue;
                    }
                    let (hi_esc, lo_esc) = (
                        ordinal > 1 && escalates(p, ordinal, hi.key),
                        ordinal > 1 && escalates(p, ordinal, lo.key),
                    );
                    if ordinal > 1 && !hi_esc && !lo_esc {
                        continue;
                    }
                    if let Some(w) = when {
                        let keys = w.set.keys();
                        let escalated = (hi_esc || lo_esc) && keys.contains(&"after_ads");
                        if !keys.contains(&hi.key) && !keys.contains(&lo.key) && !escalated {
                            continue;
                        }
                    }
                    let hi_span = origins.span(hi.section, hi.key, hi_esc);
                    let lo_span = origins.span(lo.section, lo.key, lo_esc);
                    let from = if hi_esc || lo_esc {
                        format!(" from the ad number {ordinal} on (after_ads)")
                    } else {
                        String::new()
                    };
                    // Located at whichever of the two was written later.
                    let at = match (&hi_span, &lo_span) {
                        (Some(h), Some(l)) if l.start > h.start => l.clone(),
                        (Some(h), _) => h.clone(),
                        (None, Some(l)) => l.clone(),
                        (None, None) => 0..0,
                    };
                    errors.add(
                        at,
                        format!(
                            "`{} = {hi_text}` ({}) is below `{} = {lo_text}` ({}){from}{within}: no plan can keep both",
                            hi.key,
                            origins.line(&hi_span),
                            lo.key,
                            origins.line(&lo_span),
                        ),
                        None,
                        &device.name,
                    );
                }
            }
        }
    }
}
