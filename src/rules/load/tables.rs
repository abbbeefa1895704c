//! The arrays of tables (`[[anchor]]`, `[[slot]]`) and `[html]`.

use std::ops::Range;

use toml::de::DeValue;

use super::unknown_key;
use crate::layout::AdSize;
use crate::rules::anchor::End;
use crate::rules::keys::{self, ANCHOR, HTML, SLOT};
use crate::rules::read::{self, At, Problem, TomlValue};
use crate::rules::values::RuleValue;
use crate::rules::{Anchor, AnchorAt, Rules, SlotSizes};

/// The items of an array of tables written `[[key]]`; `[key]` (one table) gets a hint.
fn array_of_tables<'a, 'i>(
    value: &'a TomlValue<'i>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> &'a [TomlValue<'i>] {
    if let DeValue::Table(_) = value.get_ref() {
        problems.push(
            Problem::new(
                value.span(),
                format!("`{key}` is a single table, but it must be an array of tables"),
            )
            .help(Some(format!(
                "write [[{key}]], with double brackets, above each {key}"
            ))),
        );
        return &[];
    }
    read::items(value, key, problems).unwrap_or_default()
}

/// Each anchor, with the spans of its table and of its `slot` value.
pub(super) type AnchorSpans = (Range<usize>, Option<Range<usize>>);

/// A non-zero integer that fits an `i32`: `nth` and `after_paragraph`.
fn position_number(value: &TomlValue<'_>, key: &str, problems: &mut Vec<Problem>) -> Option<i32> {
    let Some(i) = read::integer(value) else {
        problems.push(read::wrong_type(value, key, "an integer"));
        return None;
    };
    match i32::try_from(i) {
        Ok(0) => {
            problems.push(Problem::new(
                value.span(),
                format!("`{key}` counts from 1 (or from -1, the last): 0 is no position"),
            ));
            None
        }
        Ok(n) => Some(n),
        Err(_) => {
            problems.push(Problem::new(
                value.span(),
                format!("`{key}`: {i} is out of range"),
            ));
            None
        }
    }
}

pub(super) fn anchors(
    value: &TomlValue<'_>,
    problems: &mut Vec<Problem>,
) -> (Vec<Anchor>, Vec<AnchorSpans>) {
    let known = keys::names(ANCHOR);
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut spans = Vec::new();
    for item in array_of_tables(value, "anchor", problems) {
        let before_problems = problems.len();
        let mut before = None;
        let mut nth = None;
        let mut after_paragraph = None;
        let mut end = None;
        let mut slot = None;
        let mut spacing = true;
        let mut min_words = 0;
        let unknown = read::walk(item, "anchor", problems, |k, v, p| {
            let at = At {
                section: "anchor",
                key: k,
            };
            match k {
                "before" => before = Some(read::kind(v, k, p).map(|kind| (kind, v.span()))),
                "nth" => nth = Some((position_number(v, k, p), v.span())),
                "after_paragraph" => {
                    after_paragraph = Some((position_number(v, k, p), v.span()));
                }
                "at" => {
                    end = Some(v.span());
                    if let Some(text) = read::string(v, k, p) {
                        if text != "end" {
                            p.push(Problem::new(
                                v.span(),
                                format!("`at`: expected \"end\", found \"{text}\""),
                            ));
                        }
                    }
                }
                "slot" => {
                    slot = RuleValue::from_toml(v, at, p)
                        .map(|s: crate::rules::values::SlotName| (s.0, v.span()));
                }
                "spacing" => spacing = read::boolean(v, k, p).unwrap_or(true),
                "min_words" => min_words = u32::from_toml(v, at, p).unwrap_or(0),
                _ => return false,
            }
            true
        });
        let Some(unknown) = unknown else {
            continue;
        };
        for u in &unknown {
            problems.push(unknown_key(u, "[anchor]", &known, None));
        }
        let given: Vec<&str> = [
            before.as_ref().map(|_| "`before`"),
            after_paragraph.as_ref().map(|_| "`after_paragraph`"),
            end.as_ref().map(|_| "`at`"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if given.len() != 1 {
            problems.push(Problem::new(
                item.span(),
                if given.is_empty() {
                    "an [[anchor]] needs its position: `before = \"KIND\"`, `after_paragraph = N` or `at = \"end\"`".to_string()
                } else {
                    format!("an [[anchor]] has one position, but this one has {}", given.join(" and "))
                },
            ));
            continue;
        }
        if let (Some((_, span)), None) = (&nth, &before) {
            problems.push(Problem::new(
                span.clone(),
                "`nth` counts blocks of the kind `before` names; this [[anchor]] has no `before`",
            ));
            continue;
        }
        if problems.len() != before_problems {
            // The position or a value was refused and has been reported.
            continue;
        }
        let (at, at_span) = match (before, after_paragraph, end) {
            (Some(Some((kind, span))), _, _) => (
                AnchorAt::Before {
                    before: kind,
                    nth: nth.and_then(|(n, _)| n).unwrap_or(1),
                },
                span,
            ),
            (_, Some((Some(n), span)), _) => {
                (AnchorAt::AfterParagraph { after_paragraph: n }, span)
            }
            (_, _, Some(span)) => (AnchorAt::End { at: End::End }, span),
            _ => continue,
        };
        if let Some(other) = anchors.iter().find(|a| a.at == at) {
            problems.push(Problem::new(
                at_span,
                format!(
                    "a second anchor {} (slot `{}` is there already); give it another position",
                    at.describe(),
                    other.slot
                ),
            ));
            continue;
        }
        let slot_span = slot.as_ref().map(|(_, span)| span.clone());
        anchors.push(Anchor {
            slot: slot.map_or_else(|| at.default_slot(), |(s, _)| s),
            at,
            spacing,
            min_words,
        });
        spans.push((item.span(), slot_span));
    }
    (anchors, spans)
}

/// Each `[[slot]]`, with the span of its table.
pub(super) fn slots(
    value: &TomlValue<'_>,
    problems: &mut Vec<Problem>,
) -> (Vec<SlotSizes>, Vec<Range<usize>>) {
    if let DeValue::String(_) = value.get_ref() {
        problems.push(
            read::wrong_type(value, "slot", "[[slot]] tables").help(Some(
                "the in-flow slot's name is `slot` in [placement]; [[slot]] tables give \
                 slot sizes"
                    .to_string(),
            )),
        );
        return (Vec::new(), Vec::new());
    }
    let known = keys::names(SLOT);
    let mut slots: Vec<SlotSizes> = Vec::new();
    let mut spans = Vec::new();
    for item in array_of_tables(value, "slot", problems) {
        let (mut name, mut sizes) = (None, None);
        let (mut name_given, mut sizes_given) = (false, false);
        let unknown = read::walk(item, "slot", problems, |k, v, p| {
            match k {
                "name" => {
                    name_given = true;
                    name = RuleValue::from_toml(
                        v,
                        At {
                            section: "slot",
                            key: k,
                        },
                        p,
                    )
                    .map(|s: crate::rules::values::SlotName| (s.0, v.span()));
                }
                "sizes" => {
                    sizes_given = true;
                    sizes = read::array(v, k, p, size);
                    if sizes.as_ref().is_some_and(Vec::is_empty) {
                        p.push(Problem::new(
                            v.span(),
                            "`sizes` is empty: list at least one size, like [\"300x250\"]",
                        ));
                        sizes = None;
                    }
                }
                _ => return false,
            }
            true
        });
        let Some(unknown) = unknown else {
            continue;
        };
        for u in &unknown {
            problems.push(unknown_key(u, "[slot]", &known, None));
        }
        for (given, what) in [(name_given, "`name`"), (sizes_given, "`sizes`")] {
            if !given {
                problems.push(Problem::new(
                    item.span(),
                    format!("a [[slot]] needs {what}"),
                ));
            }
        }
        let (Some((name, name_span)), Some(sizes)) = (name, sizes) else {
            continue;
        };
        if slots.iter().any(|s| s.name == name) {
            problems.push(Problem::new(
                name_span,
                format!("a second [[slot]] named `{name}`: define each slot once"),
            ));
            continue;
        }
        slots.push(SlotSizes { name, sizes });
        spans.push(item.span());
    }
    (slots, spans)
}

/// One creative size, `"WxH"`, at least 1x1.
fn size(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<AdSize> {
    let text = read::string(value, "sizes", problems)?;
    match AdSize::parse(&text) {
        Some(s) if s.width == 0 || s.height == 0 => {
            problems.push(Problem::new(
                value.span(),
                format!("`sizes`: `{text}` has a zero side; a size is at least 1x1"),
            ));
            None
        }
        Some(s) => Some(s),
        None => {
            problems.push(Problem::new(
                value.span(),
                format!("`sizes`: `{text}` is not a size like \"300x250\""),
            ));
            None
        }
    }
}

pub(super) fn html(rules: &mut Rules, value: &TomlValue<'_>, problems: &mut Vec<Problem>) {
    use crate::markup;
    let known: Vec<&str> = HTML.iter().map(|k| k.key).collect();
    let at = At {
        section: "html",
        key: "html",
    };
    read::table(value, at, &known, problems, |key, v, p| {
        match key {
            "headlines_selector"
            | "existing_ad_selector"
            | "content_selector"
            | "exclude_selector" => {
                let Some(selector) = read::string(v, key, p) else {
                    return true;
                };
                match markup::Selector::parse(&selector) {
                    Err(e) => p.push(Problem::new(v.span(), e.to_string())),
                    Ok(s) => {
                        let html = &mut rules.html;
                        *match key {
                            "headlines_selector" => &mut html.headlines_selector,
                            "existing_ad_selector" => &mut html.existing_ad_selector,
                            "content_selector" => &mut html.content_selector,
                            _ => &mut html.exclude_selector,
                        } = Some(s);
                    }
                }
            }
            "slot_template" => {
                if let Some(t) = read::string(v, key, p) {
                    match markup::template::validate_template(&t) {
                        Ok(()) => rules.slot_template = t,
                        Err(e) => p.push(Problem::new(v.span(), e)),
                    }
                }
            }
            "max_depth" => {
                let at = At {
                    section: "html",
                    key,
                };
                if let Some(d) = u32::from_toml(v, at, p) {
                    rules.html.max_depth = d as usize;
                }
            }
            _ => return false,
        }
        true
    });
}
