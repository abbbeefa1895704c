//! The rule-file loader: walks the TOML tree with spans, collects every problem (with a
//! suggestion where one is likely), then checks the file as a whole and collects warnings.

mod combinations;
mod devices;
mod fonts;
mod lint;
pub(crate) mod style;
mod tables;
mod when;

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::keys::{self, ANCHOR, DEVICE, SLOT, TOP_LEVEL, WHEN};
use super::read::{self, At, Problem, TomlValue, Unknown};
use super::registry::{rule, Overrides, Policy, RULES};
use super::Rules;
use crate::error::{Diagnostic, Error, Position};
use crate::layout::DeviceProfile;

/// Sections of the policy: allowed at the top level and under `[device.NAME]`.
const POLICY_SECTIONS: [&str; 4] = ["limits", "spacing", "placement", "clearance"];
/// Top-level sections that are not policy sections.
const OTHER_SECTIONS: [&str; 6] = ["anchor", "when", "slot", "device", "html", "gutenberg"];

/// Where things were written, for checks and warnings about the file as a whole.
#[derive(Default)]
struct Spans {
    /// Each anchor's table and, if given, its `slot` value.
    anchors: Vec<(Range<usize>, Option<Range<usize>>)>,
    /// Each `[[slot]]` table.
    slots: Vec<Range<usize>>,
    /// Each `[[when]]` table.
    when: Vec<Range<usize>>,
}

/// What a policy section is read into: the top level's [`Policy`], or the [`Overrides`] of a
/// device or a `[[when]]` set.
trait SetRule {
    /// Sets rule `at.key`; `false` if there is no such rule.
    fn set_rule(&mut self, value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> bool;
}

impl SetRule for Policy {
    fn set_rule(&mut self, value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> bool {
        self.set(value, at, problems)
    }
}

impl SetRule for Overrides {
    fn set_rule(&mut self, value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> bool {
        self.set(value, at, problems)
    }
}

pub(super) fn load(origin: &str, text: &str, read: style::ReadFile<'_>) -> Result<Rules, Error> {
    let diagnostics = |problems: Vec<Problem>| -> Vec<Diagnostic> {
        let mut problems = problems;
        problems.sort_by_key(|p| p.span.start);
        problems
            .into_iter()
            .map(|p| Diagnostic {
                origin: origin.to_string(),
                position: Some(Position::of(text, p.span.start)),
                message: p.message,
                help: p.help,
            })
            .collect()
    };
    let (doc, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        if let Some(problem) = json_instead(text) {
            return Err(Error::Invalid(diagnostics(vec![problem])));
        }
        let problems = syntax
            .iter()
            .map(|e| Problem::new(e.span().unwrap_or(0..0), e.message().trim().to_string()))
            .collect();
        return Err(Error::Invalid(diagnostics(problems)));
    }
    let span = doc.span();
    let root = toml::Spanned::new(span, DeValue::Table(doc.into_inner()));
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let fonts_from = fonts::base_dir(origin);
    let mut sheets = style::Sheets::new(origin, read);
    let mut rules = read_rules(
        &root,
        text,
        fonts_from,
        &mut sheets,
        &mut problems,
        &mut warnings,
    );
    if !problems.is_empty() {
        return Err(Error::Invalid(diagnostics(problems)));
    }
    rules.warnings = diagnostics(warnings);
    Ok(rules)
}

/// A file that is not TOML but JSON (a common mix-up, since articles are JSON) gets one
/// message saying so, not one TOML error per line.
fn json_instead(text: &str) -> Option<Problem> {
    let start = text.len() - text.trim_start().len();
    let json =
        text[start..].starts_with('{') || serde_json::from_str::<serde_json::Value>(text).is_ok();
    json.then(|| {
        Problem::new(start..start, "this is JSON, but a rule file is TOML").help(Some(
            "write sections as `[limits]` and values as `max_ads = 8`, one per line".to_string(),
        ))
    })
}

fn read_rules(
    root: &TomlValue<'_>,
    text: &str,
    fonts_from: &std::path::Path,
    sheets: &mut style::Sheets<'_>,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> Rules {
    let mut rules = Rules::default();
    let mut base = Policy::default();
    let mut spans = Spans::default();
    let mut device_tables = None;
    let mut anchors_value = None;
    let mut when_value = None;
    let unknown = read::walk(root, "", problems, |key, v, p| {
        match key {
            "name" => rules.name = read::string(v, key, p).unwrap_or_default(),
            "default_device" => {
                rules.default_device = read::string(v, key, p).unwrap_or_default();
            }
            "anchor" => anchors_value = Some(v),
            "when" => when_value = Some(v),
            "slot" => {
                let (slots, slot_spans) = tables::slots(v, p);
                rules.slots = slots;
                spans.slots = slot_spans;
            }
            "device" => device_tables = Some(v),
            "html" => tables::html(&mut rules, v, p),
            "gutenberg" => tables::gutenberg(&mut rules, v, p),
            section if POLICY_SECTIONS.contains(&section) => {
                policy_section(&mut base, section, v, Within::Top, p);
            }
            _ => return false,
        }
        true
    });
    let mut known = keys::names(TOP_LEVEL);
    known.extend(POLICY_SECTIONS);
    known.extend(OTHER_SECTIONS);
    for u in unknown.unwrap_or_default() {
        problems.push(unknown_key(&u, "", &known, None));
    }
    for device in &mut rules.devices {
        device.policy = base.clone();
    }
    if let Some(v) = device_tables {
        devices::read(&mut rules, &base, fonts_from, v, sheets, problems, warnings);
    }
    if let Some(v) = anchors_value {
        let (anchors, anchor_spans) = tables::anchors(v, problems);
        rules.anchors = anchors;
        spans.anchors = anchor_spans;
    }
    if let Some(v) = when_value {
        let (sets, when_spans) = when::read(&rules, v, problems, warnings);
        rules.when = sets;
        spans.when = when_spans;
    }
    lint::check(&rules, root, text, &spans, problems, warnings);
    rules
}

/// Where a policy section is: at the top level, in a device's table, or in a `[[when]]` set.
#[derive(Clone, Copy)]
enum Within<'a> {
    Top,
    Device(&'a str),
    When,
}

/// Reads one policy section (`[spacing]`, `[device.mobile.limits]`, `[when.spacing]`, ...)
/// into `target`.
fn policy_section(
    target: &mut dyn SetRule,
    section: &str,
    value: &TomlValue<'_>,
    within: Within<'_>,
    problems: &mut Vec<Problem>,
) {
    let (path, device) = match within {
        Within::Top => (section.to_string(), None),
        Within::Device(d) => (format!("device.{d}.{section}"), Some(d)),
        Within::When => (format!("when.{section}"), None),
    };
    // A rule whose value is the whole section (`[clearance.KIND]`).
    if let Some(r) = RULES
        .iter()
        .find(|r| r.section == section && r.section_form.is_some())
    {
        let at = At {
            section: &path,
            key: r.key,
        };
        target.set_rule(value, at, problems);
        return;
    }
    let unknown = read::walk(value, section, problems, |key, v, p| {
        let at = At {
            section: &path,
            key,
        };
        rule(key).is_some_and(|r| r.section == section) && target.set_rule(v, at, p)
    });
    let known: Vec<&str> = RULES
        .iter()
        .filter(|r| r.section == section)
        .map(|r| r.key)
        .collect();
    for u in unknown.unwrap_or_default() {
        problems.push(unknown_key(&u, &path, &known, device));
    }
}

/// "unknown key `x` in [section]", with where `x` belongs if it is a key of another section,
/// else the nearest of `known`.
fn unknown_key(u: &Unknown, section: &str, known: &[&str], device: Option<&str>) -> Problem {
    let mut problem = read::unknown_key(u, &read::section_name(section), known);
    if let Some(place) = belongs(&u.key, device) {
        problem.help = Some(format!("it belongs in {place}"));
    }
    problem
}

/// Where `key` is written, if it is a key of the rule file at all; `device` is the device whose
/// tables the key was found in.
fn belongs(key: &str, device: Option<&str>) -> Option<String> {
    let prefix = device.map_or(String::new(), |d| format!("device.{d}."));
    let device_table = format!("[device.{}]", device.unwrap_or("NAME"));
    if let Some(r) = rule(key) {
        return Some(match r.section_form {
            Some(_) => format!("[{prefix}{}.KIND] tables", r.section),
            None => format!("[{prefix}{}]", r.section),
        });
    }
    let in_table = |table: &[keys::Key]| table.iter().any(|k| k.key == key);
    if DeviceProfile::key(key).is_some()
        || in_table(DEVICE)
        || crate::layout::font_key(key).is_some()
        || style::KEYS.contains(&key)
    {
        return Some(device_table);
    }
    for (section, table) in keys::MARKUP_SECTIONS {
        if table.iter().any(|k| k.key == key) {
            return Some(format!("[{section}]"));
        }
    }
    if in_table(TOP_LEVEL) {
        return Some("the top level, above the first [section]".to_string());
    }
    if in_table(ANCHOR) && !matches!(key, "slot" | "min_words") {
        return Some("an [[anchor]] table".to_string());
    }
    if in_table(WHEN) && !matches!(key, "name" | "min_words") {
        return Some("a [[when]] table".to_string());
    }
    if in_table(SLOT) && key != "name" {
        return Some("a [[slot]] table".to_string());
    }
    if key == "above_px" || key == "below_px" {
        return Some(format!("a [{prefix}clearance.KIND] table"));
    }
    None
}

#[cfg(test)]
mod tests;
