//! The value types rules take in TOML: how each is read (with its span) and written back.

use std::collections::BTreeMap;

use serde::Serialize;

use super::read::{self, At, Problem, TomlValue};
use crate::article::{BlockKind, Region};

/// A type a rule's value can have: how to read it from TOML and write it back.
pub trait RuleValue: Sized {
    /// What values are accepted, for errors and the reference.
    const TYPE: &'static str;
    /// For a value that is a whole section of tables (`[clearance.KIND]`), how its keys are
    /// written in the reference; `None` for a value under one key.
    const SECTION_FORM: Option<&'static str> = None;
    /// Reads the value at `at`, pushing problems (and returning `None`) if it is not acceptable.
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<Self>;
    /// Writes the value as TOML.
    fn to_toml(&self) -> String;
    /// Whether `self` is a looser requirement than `other` (for values with an order: a
    /// smaller minimum). Values without an order are never lower.
    fn lower_than(&self, _other: &Self) -> bool {
        false
    }
    /// Whether the value is "not set" (an optional bound that is absent): the reference
    /// writes such a default as "(none)".
    fn is_unset(&self) -> bool {
        false
    }
}

/// An optional bound (`max_*` rules): absent unless the rule file sets it, and then no limit.
impl<T: RuleValue> RuleValue for Option<T> {
    const TYPE: &'static str = T::TYPE;
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        T::from_toml(value, at, problems).map(Some)
    }
    fn to_toml(&self) -> String {
        self.as_ref().map_or_else(String::new, T::to_toml)
    }
    fn is_unset(&self) -> bool {
        self.is_none()
    }
}

impl RuleValue for u32 {
    const TYPE: &'static str = "a non-negative integer";
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<u32> {
        let key = at.key;
        match read::integer(value) {
            Some(i) if i < 0 => {
                problems.push(Problem::new(
                    value.span(),
                    format!("`{key}`: expected {}, found {i}", Self::TYPE),
                ));
                None
            }
            Some(i) => match u32::try_from(i) {
                Ok(v) => Some(v),
                Err(_) => {
                    problems.push(Problem::new(
                        value.span(),
                        format!("`{key}`: {i} is too large (at most {})", u32::MAX),
                    ));
                    None
                }
            },
            None => {
                problems.push(read::wrong_type(value, key, Self::TYPE));
                None
            }
        }
    }
    fn to_toml(&self) -> String {
        self.to_string()
    }
    fn lower_than(&self, other: &Self) -> bool {
        self < other
    }
}

impl RuleValue for f64 {
    const TYPE: &'static str = "a non-negative number";
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<f64> {
        match read::number(value) {
            Some(v) if v.is_finite() && v >= 0.0 => Some(v),
            Some(v) => {
                problems.push(Problem::new(
                    value.span(),
                    format!("`{}`: expected {}, found {v}", at.key, Self::TYPE),
                ));
                None
            }
            None => {
                problems.push(read::wrong_type(value, at.key, Self::TYPE));
                None
            }
        }
    }
    fn to_toml(&self) -> String {
        format_number(*self)
    }
    fn lower_than(&self, other: &Self) -> bool {
        self < other
    }
}

/// A number written as TOML: always with a decimal point, so it reads back as a float.
pub fn format_number(v: f64) -> String {
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
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<Ratio> {
        match read::number(value) {
            Some(v) if (0.0..=1.0).contains(&v) => Some(Ratio(v)),
            Some(v) => {
                problems.push(Problem::new(
                    value.span(),
                    format!("`{}`: expected {}, found {v}", at.key, Self::TYPE),
                ));
                None
            }
            None => {
                problems.push(read::wrong_type(value, at.key, Self::TYPE));
                None
            }
        }
    }
    fn to_toml(&self) -> String {
        format_number(self.0)
    }
}

impl RuleValue for Vec<BlockKind> {
    const TYPE: &'static str = "an array of block kinds";
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        read::array(value, at.key, problems, |v, p| read::kind(v, at.key, p))
    }
    fn to_toml(&self) -> String {
        let names: Vec<String> = self.iter().map(|k| format!("\"{k}\"")).collect();
        format!("[{}]", names.join(", "))
    }
}

impl RuleValue for Vec<Region> {
    const TYPE: &'static str = "an array of region names";
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        read::array(value, at.key, problems, |v, p| read::region(v, at.key, p))
    }
    fn to_toml(&self) -> String {
        let names: Vec<String> = self.iter().map(|r| format!("\"{r}\"")).collect();
        format!("[{}]", names.join(", "))
    }
}

/// The name of a slot (`[[slot]] name`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SlotName(pub String);

impl SlotName {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SlotName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl RuleValue for SlotName {
    const TYPE: &'static str = "a slot name";
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        let name = read::string(value, at.key, problems)?;
        if name.trim().is_empty() {
            problems.push(Problem::new(
                value.span(),
                format!("`{}`: a slot name cannot be empty", at.key),
            ));
            return None;
        }
        Some(SlotName(name))
    }
    fn to_toml(&self) -> String {
        toml_string(&self.0)
    }
}

impl RuleValue for Vec<SlotName> {
    const TYPE: &'static str = "an array of slot names";
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        read::array(value, at.key, problems, |v, p| {
            SlotName::from_toml(v, at, p)
        })
    }
    fn to_toml(&self) -> String {
        let names: Vec<String> = self.iter().map(|s| toml_string(&s.0)).collect();
        format!("[{}]", names.join(", "))
    }
}

/// Which of the plans with the most ads the solver returns (`[placement] prefer`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Prefer {
    /// The earliest: each ad as high up as the rules allow (lexicographically first gaps).
    #[default]
    Earliest,
    /// The most even: the largest smallest spacing between consecutive ads, ties earliest.
    Even,
}

impl Prefer {
    /// The names rule files write.
    pub const NAMES: [&'static str; 2] = ["earliest", "even"];

    /// The name rule files write.
    pub fn name(self) -> &'static str {
        match self {
            Prefer::Earliest => "earliest",
            Prefer::Even => "even",
        }
    }
}

impl RuleValue for Prefer {
    const TYPE: &'static str = "\"earliest\" or \"even\"";
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        let name = read::string(value, at.key, problems)?;
        match name.as_str() {
            "earliest" => Some(Prefer::Earliest),
            "even" => Some(Prefer::Even),
            _ => {
                problems.push(
                    Problem::new(
                        value.span(),
                        format!("`{}`: expected {}, found \"{name}\"", at.key, Self::TYPE),
                    )
                    .help(crate::suggest::did_you_mean(
                        crate::suggest::nearest(&name, Prefer::NAMES),
                    )),
                );
                None
            }
        }
    }
    fn to_toml(&self) -> String {
        toml_string(self.name())
    }
}

/// A string written as a TOML basic string.
pub fn toml_string(s: &str) -> String {
    // serde_json's escaping is valid TOML basic-string escaping (\", \\, \n, \uXXXX).
    serde_json::to_string(s).unwrap_or_default()
}

/// Clearance around one kind of block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Clearance {
    /// No ad within this many px above a block of the kind.
    pub above_px: u32,
    /// No ad within this many px below a block of the kind.
    pub below_px: u32,
}

/// The keys of a `[clearance.KIND]` table.
const CLEARANCE_KEYS: [&str; 2] = ["above_px", "below_px"];

/// Clearances by block kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Clearances(pub BTreeMap<BlockKind, Clearance>);

impl Clearances {
    /// The kinds that have a clearance.
    pub fn kinds(&self) -> impl Iterator<Item = BlockKind> + '_ {
        self.0.keys().copied()
    }
}

impl RuleValue for Clearances {
    const TYPE: &'static str = "tables [clearance.KIND] with above_px and below_px";
    const SECTION_FORM: Option<&'static str> = Some("[clearance.KIND] above_px / below_px");
    fn from_toml(value: &TomlValue<'_>, at: At<'_>, problems: &mut Vec<Problem>) -> Option<Self> {
        let mut out = BTreeMap::new();
        let kinds = BlockKind::ALL.map(BlockKind::name);
        let unknown = read::walk(value, at.key, problems, |name, v, p| {
            let Ok(kind) = BlockKind::parse(name) else {
                return false;
            };
            let section = format!("{}.{name}", at.section);
            let mut c = Clearance::default();
            let sub = At {
                section: &section,
                key: name,
            };
            read::table(v, sub, &CLEARANCE_KEYS, p, |k, v, p| {
                let at = At {
                    section: &section,
                    key: k,
                };
                match k {
                    "above_px" => c.above_px = u32::from_toml(v, at, p).unwrap_or(0),
                    "below_px" => c.below_px = u32::from_toml(v, at, p).unwrap_or(0),
                    _ => return false,
                }
                true
            });
            out.insert(kind, c);
            true
        });
        for u in unknown.unwrap_or_default() {
            let mut problem = read::unknown_key(&u, &at.section_name(), &kinds);
            problem.message = format!("unknown block kind `{}` in {}", u.key, at.section_name());
            if problem.help.is_none() && CLEARANCE_KEYS.contains(&u.key.as_str()) {
                problem.help = Some(format!(
                    "`{}` goes in a table per kind, e.g. [{}.image]",
                    u.key, at.section
                ));
            }
            problems.push(problem);
        }
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
