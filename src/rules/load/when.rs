//! `[[when]]` tables: a set's conditions, and its rule sections read as overrides.

use std::ops::Range;

use toml::de::DeValue;

use super::{policy_section, unknown_key, Within, POLICY_SECTIONS};
use crate::rules::keys::{self, WHEN};
use crate::rules::read::{self, At, Problem, TomlValue};
use crate::rules::values::RuleValue;
use crate::rules::{Rules, When};
use crate::suggest::{did_you_mean, nearest};

/// A string, or an array of strings (each not blank).
fn strings(value: &TomlValue<'_>, key: &str, problems: &mut Vec<Problem>) -> Option<Vec<String>> {
    let list = match value.get_ref() {
        DeValue::String(s) => vec![(s.to_string(), value.span())],
        DeValue::Array(_) => read::array(value, key, problems, |v, p| {
            read::string(v, key, p).map(|s| (s, v.span()))
        })?,
        _ => {
            problems.push(read::wrong_type(
                value,
                key,
                "a string or an array of strings",
            ));
            return None;
        }
    };
    let before = problems.len();
    for (s, span) in &list {
        if s.trim().is_empty() {
            problems.push(Problem::new(
                span.clone(),
                format!("`{key}`: an empty name matches nothing"),
            ));
        }
    }
    (problems.len() == before).then(|| list.into_iter().map(|(s, _)| s).collect())
}

/// Every `[[when]]` set, with the span of its table. Device names must be devices of the
/// file (they are read first).
pub(super) fn read(
    rules: &Rules,
    value: &TomlValue<'_>,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) -> (Vec<When>, Vec<Range<usize>>) {
    let mut known = keys::names(WHEN);
    known.extend(POLICY_SECTIONS);
    let mut sets: Vec<When> = Vec::new();
    let mut spans = Vec::new();
    let items: &[TomlValue<'_>] = match value.get_ref() {
        DeValue::Table(_) => {
            problems.push(
                Problem::new(
                    value.span(),
                    "`when` is a single table, but it must be an array of tables",
                )
                .help(Some(
                    "write [[when]], with double brackets, above each set".to_string(),
                )),
            );
            &[]
        }
        _ => read::items(value, "when", problems).unwrap_or_default(),
    };
    for (i, item) in items.iter().enumerate() {
        let before = problems.len();
        let mut w = When {
            name: format!("when #{}", i + 1),
            ..When::default()
        };
        let mut name_span = None;
        let mut conditions = 0;
        let mut sections = 0;
        let unknown = read::walk(item, "when", problems, |k, v, p| {
            let at = At {
                section: "when",
                key: k,
            };
            match k {
                "name" => {
                    if let Some(n) = read::string(v, k, p) {
                        w.name = n;
                        name_span = Some(v.span());
                    }
                    return true;
                }
                "section" => w.section = strings(v, k, p).unwrap_or_default(),
                "tags_any" => w.tags_any = strings(v, k, p).unwrap_or_default(),
                "tags_all" => w.tags_all = strings(v, k, p).unwrap_or_default(),
                "type" => w.kind = strings(v, k, p).unwrap_or_default(),
                "min_words" => w.min_words = u32::from_toml(v, at, p).map(u64::from),
                "max_words" => w.max_words = u32::from_toml(v, at, p).map(u64::from),
                "device" => {
                    let names = strings(v, k, p).unwrap_or_default();
                    for name in &names {
                        if rules.device(name).is_none() {
                            p.push(
                                Problem::new(v.span(), format!("unknown device `{name}`"))
                                    .help(did_you_mean(nearest(name, rules.device_names()))),
                            );
                        }
                    }
                    w.device = names;
                }
                section if POLICY_SECTIONS.contains(&section) => {
                    sections += 1;
                    policy_section(&mut w.set, section, v, Within::When, p);
                    return true;
                }
                _ => return false,
            }
            conditions += 1;
            true
        });
        let Some(unknown) = unknown else {
            continue;
        };
        for u in &unknown {
            let mut problem = unknown_key(u, "[when]", &known, None);
            if problem.help.is_none() && u.key == "tags" {
                problem.help = Some("write `tags_any = [..]` or `tags_all = [..]`".to_string());
            }
            problems.push(problem);
        }
        if problems.len() != before {
            continue;
        }
        if let Some(span) = name_span.filter(|_| sets.iter().any(|s| s.name == w.name)) {
            problems.push(Problem::new(
                span,
                format!("a second [[when]] named `{}`: name each set once", w.name),
            ));
            continue;
        }
        if let (Some(least), Some(most)) = (w.min_words, w.max_words) {
            if least > most {
                let span = read::span_at(item, &["max_words"]).unwrap_or(item.span());
                problems.push(Problem::new(
                    span,
                    format!(
                        "`max_words` ({most}) is below `min_words` ({least}): no article has both"
                    ),
                ));
                continue;
            }
        }
        if conditions == 0 {
            warnings.push(Problem::new(
                item.span(),
                format!(
                    "[[when]] `{}` has no condition: it applies to every article (put its rules \
                     in the sections above instead)",
                    w.name
                ),
            ));
        }
        if sections == 0 {
            warnings.push(Problem::new(
                item.span(),
                format!(
                    "[[when]] `{}` sets no rule: add [when.spacing], [when.limits], \
                     [when.placement] or [when.clearance.KIND] below it",
                    w.name
                ),
            ));
        }
        sets.push(w);
        spans.push(item.span());
    }
    (sets, spans)
}
