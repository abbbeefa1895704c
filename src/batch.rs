//! Batch placement over JSON Lines: one article per line in, one plan per line out, on all cores.

use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::engine::{place, PlaceOptions};
use crate::error::Error;
use crate::plan::Placement;
use crate::render::plural;
use crate::rules::Rules;

/// How to run a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchOptions {
    /// Device to place for (`None`: the rules' default).
    pub device: Option<String>,
    /// Lines read and placed together; memory is bounded by this many lines in flight.
    pub chunk_lines: usize,
    /// Longest accepted line, in bytes (longer lines are answered with an error).
    pub max_line_bytes: usize,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// The input's name in error answers, `ORIGIN:LINE:COLUMN: ...` (default `<input>`; the
    /// CLI reads standard input and says `<stdin>`).
    pub origin: String,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            device: None,
            chunk_lines: 4096,
            max_line_bytes: crate::source::DEFAULT_MAX_INPUT_BYTES as usize,
            threads: None,
            origin: "<input>".to_string(),
        }
    }
}

/// What a batch did; as text, `3 articles, 1 ad, 1 error in 0.02 s (200 lines/s)`.
///
/// ```
/// use adslot::batch::BatchSummary;
/// let s = BatchSummary { articles: 3, ads: 1, errors: 1, elapsed: std::time::Duration::from_millis(20) };
/// assert_eq!(s.to_string(), "3 articles, 1 ad, 1 error in 0.02 s (200 lines/s)");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Lines answered with placements.
    pub articles: u64,
    /// Ads placed in all of them.
    pub ads: u64,
    /// Lines answered with an error.
    pub errors: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl std::fmt::Display for BatchSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        let lines = self.articles + self.errors;
        write!(
            f,
            "{}, {}, {} in {secs:.2} s ({:.0} lines/s)",
            plural(self.articles, "article", "articles"),
            plural(self.ads, "ad", "ads"),
            plural(self.errors, "error", "errors"),
            lines as f64 / secs.max(1e-9)
        )
    }
}

/// The answer to a line that was placed.
#[derive(Serialize)]
struct Answer<'a> {
    line: u64,
    id: &'a Option<String>,
    placements: &'a [Placement],
}

/// The answer to a line that could not be read or placed.
#[derive(Serialize)]
struct Failure<'a> {
    line: u64,
    id: &'a Option<String>,
    error: &'a str,
}

/// Reads articles as JSON Lines from `input` and writes one answer per input line to
/// `output`, in input order, each carrying its line number (1-based):
/// `{"line", "id", "placements"}`, or `{"line", "id", "error"}` for a line that cannot be read
/// or placed (the batch goes on). A blank line is answered with an error (it holds no
/// article). `id` is the article's, or `null` when it has none or could not be read; `error`
/// is located as `ORIGIN:LINE:COLUMN: message` in the input. Lines are placed in parallel on a
/// pool of `threads` workers, a chunk at a time, while the calling thread reads the next chunk;
/// `progress` is called after each chunk.
///
/// ```
/// use adslot::batch::{run, BatchOptions};
/// let input = b"{\"id\":\"a\",\"blocks\":[]}\n\nnot json\n";
/// let mut out = Vec::new();
/// let s = run(&input[..], &mut out, &adslot::Rules::default(), &BatchOptions::default(), |_| {}).unwrap();
/// assert_eq!((s.articles, s.errors), (1, 2));
/// let text = String::from_utf8(out).unwrap();
/// let answers: Vec<&str> = text.lines().collect();
/// assert_eq!(answers, [
///     r#"{"line":1,"id":"a","placements":[]}"#,
///     r#"{"line":2,"id":null,"error":"<input>:2: blank line (expected an article)"}"#,
///     r#"{"line":3,"id":null,"error":"<input>:3:2: expected ident"}"#,
/// ]);
/// ```
pub fn run(
    mut input: impl BufRead,
    mut output: impl Write,
    rules: &Rules,
    options: &BatchOptions,
    mut progress: impl FnMut(&BatchSummary),
) -> Result<BatchSummary, Error> {
    let start = Instant::now();
    let io = |source| Error::Io {
        origin: "<batch>".to_string(),
        source,
    };
    let place_options = PlaceOptions {
        device: options.device.clone(),
        ..PlaceOptions::default()
    };
    // Fail early on an unknown device rather than once per line.
    rules.select_device(options.device.as_deref())?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = options.threads {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build().map_err(|e| Error::Io {
        origin: "<batch>".to_string(),
        source: std::io::Error::other(e),
    })?;
    let mut summary = BatchSummary::default();
    let mut line_no = 0u64;
    let mut current = read_chunk(&mut input, options, &mut line_no).map_err(io)?;
    while !current.is_empty() {
        // The workers place this chunk while this thread reads the next one.
        let mut answers: Vec<(bool, u64, String)> = Vec::new();
        let next = pool.in_place_scope(|scope| {
            scope.spawn(|_| {
                answers = current
                    .par_iter()
                    .map(|(line, text)| answer(*line, text, rules, options, &place_options))
                    .collect();
            });
            read_chunk(&mut input, options, &mut line_no)
        });
        for (ok, ads, text) in answers {
            if ok {
                summary.articles += 1;
                summary.ads += ads;
            } else {
                summary.errors += 1;
            }
            output.write_all(text.as_bytes()).map_err(io)?;
        }
        summary.elapsed = start.elapsed();
        progress(&summary);
        current = next.map_err(io)?;
    }
    output.flush().map_err(io)?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// A numbered line: its bytes, undecoded (UTF-8 is checked on the workers), or why it was
/// refused while reading.
type Line = (u64, Result<Vec<u8>, String>);

/// Reads up to `chunk_lines` lines; an empty chunk means the input is done.
fn read_chunk(
    input: &mut impl BufRead,
    options: &BatchOptions,
    line_no: &mut u64,
) -> std::io::Result<Vec<Line>> {
    let mut chunk = Vec::with_capacity(options.chunk_lines.max(1));
    while chunk.len() < options.chunk_lines.max(1) {
        let mut buf = Vec::new();
        let limit = options.max_line_bytes as u64 + 1;
        if std::io::Read::take(&mut *input, limit).read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        *line_no += 1;
        if buf.len() > options.max_line_bytes && !buf.ends_with(b"\n") {
            // Skip the rest of the over-long line.
            input.read_until(b'\n', &mut Vec::new())?;
            let error = format!("line is longer than {} bytes", options.max_line_bytes);
            chunk.push((*line_no, Err(error)));
        } else if buf.iter().all(u8::is_ascii_whitespace) {
            let error = "blank line (expected an article)".to_string();
            chunk.push((*line_no, Err(error)));
        } else {
            // The line's text ends before its line break, so positions stay on its line.
            let end = buf.len() - usize::from(buf.ends_with(b"\n"));
            let end = end - usize::from(buf[..end].ends_with(b"\r"));
            buf.truncate(end);
            chunk.push((*line_no, Ok(buf)));
        }
    }
    Ok(chunk)
}

/// One output line: (placed?, ads, JSON line).
fn answer(
    line: u64,
    bytes: &Result<Vec<u8>, String>,
    rules: &Rules,
    batch: &BatchOptions,
    options: &PlaceOptions,
) -> (bool, u64, String) {
    let mut id = None;
    let result = match bytes {
        Err(message) => Err(format!("{}:{line}: {message}", batch.origin)),
        Ok(bytes) => match std::str::from_utf8(bytes) {
            Err(e) => Err(format!(
                "{}:{line}: not valid UTF-8 at byte {} of the line",
                batch.origin,
                e.valid_up_to()
            )),
            Ok(text) => {
                let placed = crate::formats::json::read(&batch.origin, text)
                    .and_then(|article| place(&article, rules, options));
                if placed.is_err() {
                    id = read_id(text);
                }
                placed.map_err(|e| locate(e, &batch.origin, line))
            }
        },
    };
    let json = match &result {
        Ok(plan) => serde_json::to_string(&Answer {
            line,
            id: &plan.id,
            placements: &plan.placements,
        }),
        Err(error) => serde_json::to_string(&Failure {
            line,
            id: &id,
            error,
        }),
    };
    // These structs hold only strings and numbers: serializing cannot fail.
    let mut json = json.unwrap_or_default();
    json.push('\n');
    match result {
        Ok(plan) => (true, plan.placements.len() as u64, json),
        Err(_) => (false, 0, json),
    }
}

/// The `id` of a line that is JSON but not a valid article (an unknown kind, say), so its
/// error answer can still be matched to the article.
fn read_id(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct IdOnly {
        id: Option<String>,
    }
    serde_json::from_str::<IdOnly>(text).ok()?.id
}

/// An error about the text of input line `line`, located in the whole input: the line's own
/// positions are on its line 1, so the input's line is `line` and the column is kept.
pub(crate) fn locate(error: Error, origin: &str, line: u64) -> String {
    let Error::Invalid(diagnostics) = error else {
        return format!("{origin}:{line}: {error}");
    };
    diagnostics
        .into_iter()
        .map(|d| {
            let mut located = match d.position {
                Some(p) => format!(
                    "{origin}:{}:{}: {}",
                    (line + p.line as u64).saturating_sub(1),
                    p.column,
                    d.message
                ),
                None => format!("{origin}:{line}: {}", d.message),
            };
            if let Some(help) = d.help {
                let _ = write!(located, " ({help})");
            }
            located
        })
        .collect::<Vec<_>>()
        .join("\n")
}
