//! Reading TOML with spans: located problems, and walkers for tables, arrays and scalars.

use std::ops::Range;

use toml::de::DeValue;
use toml::Spanned;

use crate::article::{BlockKind, Region};

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

    /// The same problem with a suggestion.
    pub fn help(self, help: Option<String>) -> Problem {
        Problem { help, ..self }
    }
}

/// Where a value sits in the rule file, for messages: its section (e.g. `device.mobile.spacing`,
/// empty at the top level) and its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At<'a> {
    /// The dotted section path.
    pub section: &'a str,
    /// The key.
    pub key: &'a str,
}

impl At<'_> {
    /// The section as written in the file: `[spacing]`, or "the top level".
    pub fn section_name(&self) -> String {
        section_name(self.section)
    }
}

/// A dotted section path as written in the file: `[spacing]`, or "the top level" for "".
pub fn section_name(path: &str) -> String {
    if path.is_empty() {
        "the top level".to_string()
    } else {
        format!("[{path}]")
    }
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

/// "`key`: expected X, found Y" at the value.
pub fn wrong_type(value: &TomlValue<'_>, key: &str, expected: &str) -> Problem {
    Problem::new(
        value.span(),
        format!(
            "`{key}`: expected {expected}, found {}",
            type_name(value.get_ref())
        ),
    )
}

/// A TOML integer of any radix as i128 (enough for every TOML integer).
pub fn integer(value: &TomlValue<'_>) -> Option<i128> {
    match value.get_ref() {
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|&c| c != '_').collect();
            i128::from_str_radix(&digits, i.radix()).ok()
        }
        _ => None,
    }
}

/// A TOML number (integer or float) as f64.
pub fn number(value: &TomlValue<'_>) -> Option<f64> {
    match value.get_ref() {
        DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
        DeValue::Integer(_) => integer(value).map(|i| i as f64),
        _ => None,
    }
}

/// A key of a table that its reader does not know, for the caller to report with context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unknown {
    /// The key.
    pub key: String,
    /// Its span.
    pub span: Range<usize>,
}

/// Walks the keys of a TOML table, calling `field` for each; returns the keys `field` did not
/// know (it returned `false`), or `None` (with a problem) if `value` is not a table.
pub fn walk<'a>(
    value: &'a TomlValue<'_>,
    key: &str,
    problems: &mut Vec<Problem>,
    mut field: impl FnMut(&str, &'a TomlValue<'_>, &mut Vec<Problem>) -> bool,
) -> Option<Vec<Unknown>> {
    let DeValue::Table(entries) = value.get_ref() else {
        problems.push(wrong_type(value, key, "a table"));
        return None;
    };
    let mut unknown = Vec::new();
    for (k, v) in entries {
        if !field(k.get_ref(), v, problems) {
            unknown.push(Unknown {
                key: k.get_ref().to_string(),
                span: k.span(),
            });
        }
    }
    Some(unknown)
}

/// [`walk`], reporting each unknown key with the nearest of `known`.
pub fn table<'a>(
    value: &'a TomlValue<'_>,
    at: At<'_>,
    known: &[&str],
    problems: &mut Vec<Problem>,
    field: impl FnMut(&str, &'a TomlValue<'_>, &mut Vec<Problem>) -> bool,
) {
    for u in walk(value, at.key, problems, field).unwrap_or_default() {
        problems.push(unknown_key(&u, &at.section_name(), known));
    }
}

/// "unknown key `x` in [section]" with the nearest known key.
pub fn unknown_key(u: &Unknown, section: &str, known: &[&str]) -> Problem {
    let preposition = if section == "the top level" {
        "at"
    } else {
        "in"
    };
    Problem::new(
        u.span.clone(),
        format!("unknown key `{}` {preposition} {section}", u.key),
    )
    .help(crate::suggest::did_you_mean(crate::suggest::nearest(
        &u.key,
        known.iter().copied(),
    )))
}

/// The items of an array, or `None` (with a problem) if `value` is not one.
pub fn items<'a, 'i>(
    value: &'a TomlValue<'i>,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'a [TomlValue<'i>]> {
    match value.get_ref() {
        DeValue::Array(items) => Some(items),
        _ => {
            problems.push(wrong_type(value, key, "an array"));
            None
        }
    }
}

/// Reads an array, each element with `item`; `None` if the array or any element is bad.
pub fn array<T>(
    value: &TomlValue<'_>,
    key: &str,
    problems: &mut Vec<Problem>,
    mut item: impl FnMut(&TomlValue<'_>, &mut Vec<Problem>) -> Option<T>,
) -> Option<Vec<T>> {
    let items = items(value, key, problems)?;
    let before = problems.len();
    let out: Vec<T> = items.iter().filter_map(|v| item(v, problems)).collect();
    (problems.len() == before).then_some(out)
}

/// Reads a string.
pub fn string(value: &TomlValue<'_>, key: &str, problems: &mut Vec<Problem>) -> Option<String> {
    match value.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        _ => {
            problems.push(wrong_type(value, key, "a string"));
            None
        }
    }
}

/// Reads a boolean.
pub fn boolean(value: &TomlValue<'_>, key: &str, problems: &mut Vec<Problem>) -> Option<bool> {
    match value.get_ref() {
        DeValue::Boolean(b) => Some(*b),
        _ => {
            problems.push(wrong_type(value, key, "a boolean"));
            None
        }
    }
}

/// Reads a block kind name, with "did you mean" for near misses.
pub fn kind(value: &TomlValue<'_>, key: &str, problems: &mut Vec<Problem>) -> Option<BlockKind> {
    let DeValue::String(name) = value.get_ref() else {
        problems.push(wrong_type(value, key, "a block kind (string)"));
        return None;
    };
    match BlockKind::parse(name) {
        Ok(k) => Some(k),
        Err(near) => {
            problems.push(
                Problem::new(
                    value.span(),
                    format!("`{key}`: unknown block kind `{name}`"),
                )
                .help(crate::suggest::did_you_mean(near)),
            );
            None
        }
    }
}

/// A region name (`[placement] never_beside_regions`), with the nearest name as help.
pub fn region(value: &TomlValue<'_>, key: &str, problems: &mut Vec<Problem>) -> Option<Region> {
    let DeValue::String(name) = value.get_ref() else {
        problems.push(wrong_type(value, key, "a region name (string)"));
        return None;
    };
    match Region::parse(name) {
        Ok(r) => Some(r),
        Err(near) => {
            let names = Region::ALL.map(Region::name).join("`, `");
            problems.push(
                Problem::new(
                    value.span(),
                    format!("`{key}`: unknown region `{name}` (regions: `{names}`)"),
                )
                .help(crate::suggest::did_you_mean(near)),
            );
            None
        }
    }
}

/// The value at `path` below `root`, if present.
pub fn value_at<'a, 'i>(root: &'a TomlValue<'i>, path: &[&str]) -> Option<&'a TomlValue<'i>> {
    let mut value = root;
    for key in path {
        let DeValue::Table(t) = value.get_ref() else {
            return None;
        };
        value = t.iter().find(|(k, _)| k.get_ref() == key)?.1;
    }
    Some(value)
}

/// The span of the value at `path` below `root`, if present.
pub fn span_at(root: &TomlValue<'_>, path: &[&str]) -> Option<Range<usize>> {
    value_at(root, path).map(|v| v.span())
}

/// The span of the key `key` of the table `table`, if present.
pub fn key_span(table: &TomlValue<'_>, key: &str) -> Option<Range<usize>> {
    match table.get_ref() {
        DeValue::Table(t) => t
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(k, _)| k.span()),
        _ => None,
    }
}

/// The `index`-th table of the array of tables `key` of `root` (`[[when]]` number `index`).
pub fn array_item<'a, 'i>(
    root: &'a TomlValue<'i>,
    key: &str,
    index: usize,
) -> Option<&'a TomlValue<'i>> {
    let DeValue::Table(t) = root.get_ref() else {
        return None;
    };
    match t.iter().find(|(k, _)| k.get_ref() == key)?.1.get_ref() {
        DeValue::Array(items) => items.get(index),
        _ => None,
    }
}
