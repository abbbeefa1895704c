//! The value types rules take in TOML, each parsed with its span so errors point at the value.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;
use toml::de::DeValue;
use toml::Spanned;

use super::registry::Refusal;
use crate::article::BlockKind;
use crate::measure::Measure;

/// A TOML value with its byte span in the rule file.
pub type TomlValue<'i> = Spanned<DeValue<'i>>;

/// One problem found while reading a rule file, located by byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Byte range in the rule file.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// A suggestion.
    pub help: Option<String>,
}

impl Problem {
    /// A problem at `span`.
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            span,
            message: message.into(),
            help: None,
        }
    }
}

/// A type a rule's value can have: how to read it from TOML and write it back.
pub trait RuleValue: Sized {
    /// What values are accepted, for errors and the reference.
    const TYPE: &'static str;
    /// Reads the value, pushing problems (and returning `None`) if it is not acceptable.
    fn from_toml(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<Self>;
    /// Writes the value as TOML.
    fn to_toml(&self) -> String;
}

/// The TOML type name of a value, for "expected X, found Y".
pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

fn wrong_type(value: &TomlValue<'_>, expected: &str, problems: &mut Vec<Problem>) {
    problems.push(Problem::new(
        value.span(),
        format!("expected {expected}, found {}", type_name(value.get_ref())),
    ));
}

/// Reads a TOML integer of any radix as i128 (enough for every TOML integer).
fn integer(value: &TomlValue<'_>) -> Option<i128> {
    match value.get_ref() {
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|&c| c != '_').collect();
            i128::from_str_radix(&digits, i.radix()).ok()
        }
        _ => None,
    }
}

/// Reads a TOML number (integer or float) as f64.
fn number(value: &TomlValue<'_>) -> Option<f64> {
    match value.get_ref() {
        DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
        DeValue::Integer(_) => integer(value).map(|i| i as f64),
        _ => None,
    }
}

impl RuleValue for u32 {
    const TYPE: &'static str = "a non-negative integer";
    fn from_toml(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<u32> {
        match integer(value) {
            Some(i) if i < 0 => {
                problems.push(Problem::new(
                    value.span(),
                    format!("expected {}, found {i}", Self::TYPE),
                ));
                None
            }
            Some(i) => match u32::try_from(i) {
                Ok(v) => Some(v),
                Err(_) => {
                    problems.push(Problem::new(
                        value.span(),
                        format!("{i} is too large (at most {})", u32::MAX),
                    ));
                    None
                }
            },
            None => {
                wrong_type(value, Self::TYPE, problems);
                None
            }
        }
    }
    fn to_toml(&self) -> String {
        self.to_string()
    }
}

impl RuleValue for f64 {
    const TYPE: &'static str = "a non-negative number";
    fn from_toml(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<f64> {
        match number(value) {
            Some(v) if v.is_finite() && v >= 0.0 => Some(v),
            Some(v) => {
                problems.push(Problem::new(
                    value.span(),
                    format!("expected {}, found {v}", Self::TYPE),
                ));
                None
            }
            None => {
                wrong_type(value, Self::TYPE, problems);
                None
            }
        }
    }
    fn to_toml(&self) -> String {
        format_number(*self)
    }
}

fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.1}")
    } else {
        v.to_string()
    }
}

/// A number from 0 to 1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Ratio(pub f64);

impl RuleValue for Ratio {
    const TYPE: &'static str = "a number from 0 to 1";
    fn from_toml(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<Ratio> {
        match number(value) {
            Some(v) if (0.0..=1.0).contains(&v) => Some(Ratio(v)),
            Some(v) => {
                problems.push(Problem::new(
                    value.span(),
                    format!("expected {}, found {v}", Self::TYPE),
                ));
                None
            }
            None => {
                wrong_type(value, Self::TYPE, problems);
                None
            }
        }
    }
    fn to_toml(&self) -> String {
        format_number(self.0)
    }
}

/// Reads a block kind name, with "did you mean" for near misses.
pub fn kind(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<BlockKind> {
    let DeValue::String(name) = value.get_ref() else {
        wrong_type(value, "a block kind (string)", problems);
        return None;
    };
    match BlockKind::parse(name) {
        Ok(k) => Some(k),
        Err(near) => {
            problems.push(Problem {
                span: value.span(),
                message: format!("unknown block kind `{name}`"),
                help: crate::suggest::did_you_mean(near),
            });
            None
        }
    }
}

/// Reads an array, each element with `item`; `None` if the array or any element is bad.
pub fn array<T>(
    value: &TomlValue<'_>,
    problems: &mut Vec<Problem>,
    mut item: impl FnMut(&TomlValue<'_>, &mut Vec<Problem>) -> Option<T>,
) -> Option<Vec<T>> {
    let DeValue::Array(items) = value.get_ref() else {
        wrong_type(value, "an array", problems);
        return None;
    };
    let before = problems.len();
    let out: Vec<T> = items.iter().filter_map(|v| item(v, problems)).collect();
    (problems.len() == before).then_some(out)
}

impl RuleValue for Vec<BlockKind> {
    const TYPE: &'static str = "an array of block kinds";
    fn from_toml(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        array(value, problems, kind)
    }
    fn to_toml(&self) -> String {
        let names: Vec<String> = self.iter().map(|k| format!("\"{k}\"")).collect();
        format!("[{}]", names.join(", "))
    }
}

/// Walks the keys of a TOML table: calls `field` for each, and reports a key it does not know
/// (when `field` returns `false`) with the nearest of `known`.
pub fn table<'a>(
    value: &'a TomlValue<'_>,
    what: &str,
    known: &[&str],
    problems: &mut Vec<Problem>,
    mut field: impl FnMut(&str, &'a TomlValue<'_>, &mut Vec<Problem>) -> bool,
) {
    let DeValue::Table(entries) = value.get_ref() else {
        wrong_type(value, "a table", problems);
        return;
    };
    for (key, v) in entries {
        if !field(key.get_ref(), v, problems) {
            problems.push(unknown_key(key.span(), key.get_ref(), what, known));
        }
    }
}

/// "unknown key `x` in [section]" with the nearest known key.
pub fn unknown_key(span: Range<usize>, key: &str, what: &str, known: &[&str]) -> Problem {
    Problem {
        span,
        message: format!("unknown key `{key}` in {what}"),
        help: crate::suggest::did_you_mean(crate::suggest::nearest(key, known.iter().copied())),
    }
}

/// One step of escalating spacing: from the `count`-th ad on, these values apply.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Escalation {
    /// The 1-based position among all ads from which this step applies.
    pub count: u32,
    /// Replaces `min_words_between`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_words_between: Option<u32>,
    /// Replaces `min_paragraphs_between`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_paragraphs_between: Option<u32>,
    /// Replaces `min_px_between`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_px_between: Option<u32>,
    /// Replaces `min_viewports_between`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_viewports_between: Option<f64>,
}

const ESCALATION_KEYS: [&str; 5] = [
    "count",
    "min_words_between",
    "min_paragraphs_between",
    "min_px_between",
    "min_viewports_between",
];

impl RuleValue for Vec<Escalation> {
    const TYPE: &'static str = "an array of { count = N, min_*_between = .. } tables";
    fn from_toml(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        let steps = array(value, problems, |v, problems| {
            let mut e = Escalation::default();
            let mut count = None;
            table(
                v,
                "an after_ads entry",
                &ESCALATION_KEYS,
                problems,
                |k, v, p| {
                    match k {
                        "count" => count = u32::from_toml(v, p),
                        "min_words_between" => e.min_words_between = u32::from_toml(v, p),
                        "min_paragraphs_between" => e.min_paragraphs_between = u32::from_toml(v, p),
                        "min_px_between" => e.min_px_between = u32::from_toml(v, p),
                        "min_viewports_between" => e.min_viewports_between = f64::from_toml(v, p),
                        _ => return false,
                    }
                    true
                },
            );
            match count {
                Some(c) if c >= 2 => e.count = c,
                Some(_) => problems.push(Problem::new(v.span(), "`count` must be at least 2")),
                None => problems.push(Problem::new(v.span(), "missing `count`")),
            }
            Some(e)
        })?;
        let before = problems.len();
        if let DeValue::Array(items) = value.get_ref() {
            for (i, pair) in steps.windows(2).enumerate() {
                if pair[1].count <= pair[0].count {
                    problems.push(Problem::new(
                        items[i + 1].span(),
                        "after_ads entries must have increasing `count`",
                    ));
                }
            }
        }
        (problems.len() == before).then_some(steps)
    }
    fn to_toml(&self) -> String {
        let entries: Vec<String> = self
            .iter()
            .map(|e| {
                let mut parts = vec![format!("count = {}", e.count)];
                let fields = [
                    (
                        "min_words_between",
                        e.min_words_between.map(|v| v.to_string()),
                    ),
                    (
                        "min_paragraphs_between",
                        e.min_paragraphs_between.map(|v| v.to_string()),
                    ),
                    ("min_px_between", e.min_px_between.map(|v| v.to_string())),
                    (
                        "min_viewports_between",
                        e.min_viewports_between.map(format_number),
                    ),
                ];
                parts.extend(
                    fields
                        .iter()
                        .filter_map(|(k, v)| Some(format!("{k} = {}", v.as_ref()?))),
                );
                format!("{{ {} }}", parts.join(", "))
            })
            .collect();
        format!("[{}]", entries.join(", "))
    }
}

/// Clearance around one kind of block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Clearance {
    /// No ad within this many px above a block of the kind.
    pub above_px: u32,
    /// No ad within this many px below a block of the kind.
    pub below_px: u32,
}

/// Clearances by block kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Clearances(pub BTreeMap<BlockKind, Clearance>);

impl Clearances {
    /// Checks gap `g` against every clearance.
    pub fn check(&self, m: &Measure, g: usize) -> Option<Refusal> {
        for (&kind, c) in &self.0 {
            if let Some(j) = m.first_at_or_after(kind, g) {
                let got = m.px_between(g, j);
                if got < u64::from(c.above_px) {
                    return Some(Refusal {
                        kind: Some(kind),
                        other: Some(j),
                        subkey: Some("above_px"),
                        ..Refusal::new(got, c.above_px)
                    });
                }
            }
            if let Some(j) = m.last_before(kind, g) {
                let got = m.px_between(j + 1, g);
                if got < u64::from(c.below_px) {
                    return Some(Refusal {
                        kind: Some(kind),
                        other: Some(j),
                        subkey: Some("below_px"),
                        ..Refusal::new(got, c.below_px)
                    });
                }
            }
        }
        None
    }

    /// The kinds that have a clearance.
    pub fn kinds(&self) -> impl Iterator<Item = BlockKind> + '_ {
        self.0.keys().copied()
    }
}

impl RuleValue for Clearances {
    const TYPE: &'static str = "tables [clearance.KIND] with above_px and below_px";
    fn from_toml(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut out = BTreeMap::new();
        let kinds = BlockKind::ALL.map(BlockKind::name);
        table(value, "[clearance]", &kinds, problems, |name, v, p| {
            let Ok(kind) = BlockKind::parse(name) else {
                return false;
            };
            let mut c = Clearance::default();
            table(
                v,
                &format!("[clearance.{name}]"),
                &["above_px", "below_px"],
                p,
                |k, v, p| {
                    match k {
                        "above_px" => c.above_px = u32::from_toml(v, p).unwrap_or(0),
                        "below_px" => c.below_px = u32::from_toml(v, p).unwrap_or(0),
                        _ => return false,
                    }
                    true
                },
            );
            out.insert(kind, c);
            true
        });
        Some(Clearances(out))
    }
    fn to_toml(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(k, c)| {
                format!(
                    "{k} = {{ above_px = {}, below_px = {} }}",
                    c.above_px, c.below_px
                )
            })
            .collect();
        if parts.is_empty() {
            "{}".to_string()
        } else {
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// Reads a string.
pub fn string(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<String> {
    match value.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        _ => {
            wrong_type(value, "a string", problems);
            None
        }
    }
}

/// Reads a boolean.
pub fn boolean(value: &TomlValue<'_>, problems: &mut Vec<Problem>) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        _ => {
            wrong_type(value, "a boolean", problems);
            None
        }
    }
}
