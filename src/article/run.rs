//! Inline runs: stretches of a block's text set in another style than the block's own.

use serde::{Deserialize, Serialize};

/// A stretch of a block's [`text`](super::Block::text) set bold, italic, in the monospace face
/// or smaller, as `<b>`/`<strong>`, `<i>`/`<em>`/`<cite>`/`<var>`/`<dfn>`,
/// `<code>`/`<kbd>`/`<samp>`/`<tt>` and `<small>` set it in a browser. `start..end` are byte
/// offsets into the UTF-8 text, on character boundaries; a block's runs are in order and do not
/// overlap (nested styles are one run with both). In JSON: `{"start": 4, "end": 9, "bold":
/// true}`, each style `false` unless given.
///
/// ```
/// let a = adslot::formats::json::read(
///     "a.json",
///     r#"{"blocks": [{"kind": "paragraph", "text": "A bold word.", "runs": [{"start": 2, "end": 6, "bold": true}]}]}"#,
/// ).unwrap();
/// let run = a.blocks[0].runs[0];
/// assert_eq!((&a.blocks[0].text[run.start..run.end], run.bold, run.italic), ("bold", true, false));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Run {
    /// Where the run starts in the text (bytes).
    pub start: usize,
    /// Where it ends (bytes, exclusive).
    pub end: usize,
    /// Bold (`font-weight: bold`: the family's bold face).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    /// Italic (the family's italic face).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    /// Code (the monospace face, 0.6 em a character).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub code: bool,
    /// Smaller (`font-size: smaller`: the size over 1.2).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub small: bool,
}

impl Run {
    /// Whether the run is set as the block's own text (no style of its own).
    pub fn is_plain(&self) -> bool {
        !(self.bold || self.italic || self.code || self.small)
    }

    /// Whether it has the same styles as `other`.
    pub fn same_style(&self, other: &Run) -> bool {
        (self.bold, self.italic, self.code, self.small)
            == (other.bold, other.italic, other.code, other.small)
    }
}

/// Why a block's runs do not fit its text, if they do not: the first run that starts before
/// the one before it ends, ends before it starts or past the text, or cuts a character.
///
/// ```
/// use adslot::article::{runs_problem, Run};
/// let bold = |start, end| Run { start, end, bold: true, ..Run::default() };
/// assert_eq!(runs_problem("é bold", &[bold(3, 7)]), None);
/// assert_eq!(runs_problem("é bold", &[bold(1, 7)]).map(|(i, _)| i), Some(0));
/// assert_eq!(runs_problem("é bold", &[bold(3, 5), bold(4, 7)]).map(|(i, _)| i), Some(1));
/// ```
pub fn runs_problem(text: &str, runs: &[Run]) -> Option<(usize, String)> {
    let mut after = 0;
    for (i, r) in runs.iter().enumerate() {
        let problem = if r.start > r.end || r.end > text.len() {
            format!(
                "{}..{} is not within the text ({} bytes)",
                r.start,
                r.end,
                text.len()
            )
        } else if r.start < after {
            format!(
                "{}..{} starts before the run before it ends ({after})",
                r.start, r.end
            )
        } else if !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
            format!("{}..{} cuts a character of the text", r.start, r.end)
        } else {
            after = r.end;
            continue;
        };
        return Some((i, problem));
    }
    None
}
