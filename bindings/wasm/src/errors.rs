//! The library's errors as the JSON text the package's JavaScript turns into an `AdslotError`:
//! `{"kind", "message", "problems": [{"path", "line", "column", "message", "help"}]}`, with
//! the CLI's message and every problem located by line and column (never a byte offset).

use serde::Serialize;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;

/// What an error is about: its `kind` in JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A rule file (`"rules"`).
    Rules,
    /// An article or document (`"article"`).
    Article,
    /// The call itself: an unknown device or format, a bad option (`"call"`).
    Call,
}

/// An error on its way to JavaScript.
#[derive(Debug, Serialize)]
pub struct Failure {
    kind: &'static str,
    message: String,
    problems: Value,
}

impl Failure {
    /// `error` about `subject`, with the CLI's message and its problems.
    pub fn of(error: &adslot::Error, subject: Subject) -> Failure {
        let kind = match (subject, error) {
            (_, adslot::Error::UnknownDevice { .. }) | (Subject::Call, _) => "call",
            (Subject::Rules, _) => "rules",
            (Subject::Article, _) => "article",
        };
        Failure {
            kind,
            message: error.to_string(),
            problems: problems(&diagnostics(error)),
        }
    }

    /// A problem of the call's own arguments, without a place.
    pub fn call(message: impl Into<String>) -> Failure {
        Failure {
            kind: "call",
            message: message.into(),
            problems: Value::Array(Vec::new()),
        }
    }
}

impl From<Failure> for JsValue {
    fn from(f: Failure) -> JsValue {
        // Serializing strings and a JSON value cannot fail; the fallback keeps the message.
        let text = serde_json::to_string(&f).unwrap_or_else(|_| {
            json!({"kind": f.kind, "message": f.message, "problems": []}).to_string()
        });
        JsValue::from_str(&text)
    }
}

/// Diagnostics as problems: `path`, `line` and `column` (1-based, the column in characters,
/// `null` without a place), `message`, `help`.
pub fn problems(diagnostics: &[adslot::Diagnostic]) -> Value {
    Value::Array(
        diagnostics
            .iter()
            .map(|d| {
                json!({
                    "path": d.origin,
                    "line": d.position.map(|p| p.line),
                    "column": d.position.map(|p| p.column),
                    "message": d.message,
                    "help": d.help,
                })
            })
            .collect(),
    )
}

/// The problems of an error: each located diagnostic, or the error itself under its input's
/// name when it has one but no place (too large, a font file that cannot be read).
fn diagnostics(error: &adslot::Error) -> Vec<adslot::Diagnostic> {
    let unplaced = |origin: &str| {
        let text = error.to_string();
        let message = text
            .strip_prefix(origin)
            .and_then(|t| t.strip_prefix(": "))
            .unwrap_or(&text)
            .to_string();
        vec![adslot::Diagnostic {
            origin: origin.to_string(),
            position: None,
            message,
            help: None,
        }]
    };
    match error {
        adslot::Error::Invalid(d) => d.clone(),
        adslot::Error::Utf8 { origin, .. }
        | adslot::Error::TooLarge { origin, .. }
        | adslot::Error::Io { origin, .. } => unplaced(origin),
        _ => Vec::new(),
    }
}
