//! Batch placement over JSON Lines: one article per line in, one plan per line out, on all cores.

use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::engine::{place, PlaceOptions};
use crate::error::Error;
use crate::plan::Placement;
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
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            device: None,
            chunk_lines: 4096,
            max_line_bytes: crate::source::DEFAULT_MAX_INPUT_BYTES as usize,
            threads: None,
        }
    }
}

/// What a batch did.
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

#[derive(Serialize)]
struct Answer<'a> {
    id: &'a Option<String>,
    placements: &'a [Placement],
}

#[derive(Serialize)]
struct Failure<'a> {
    line: u64,
    error: &'a str,
}

/// Reads articles as JSON Lines from `input` and writes one line per input line to `output`,
/// in input order: `{"id", "placements"}`, or `{"line": n, "error": "..."}` for a line that
/// cannot be read or placed (the batch goes on). Blank lines (ASCII whitespace) are skipped. Lines are placed in
/// parallel on a pool of `threads` workers, a chunk at a time, while the calling thread reads
/// the next chunk; `progress` is called after each chunk.
///
/// ```
/// use adslot::batch::{run, BatchOptions};
/// let input = b"{\"id\":\"a\",\"blocks\":[]}\nnot json\n";
/// let mut out = Vec::new();
/// let s = run(&input[..], &mut out, &adslot::Rules::default(), &BatchOptions::default(), |_| {}).unwrap();
/// assert_eq!((s.articles, s.errors), (1, 1));
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text, "{\"id\":\"a\",\"placements\":[]}\n{\"line\":2,\"error\":\"line 2:1:2: expected ident\"}\n");
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
        explain: false,
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
                    .map(|(line, text)| answer(*line, text, rules, &place_options))
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

/// Reads up to `chunk_lines` non-blank lines; an empty chunk means the input is done.
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
        } else if !buf.iter().all(u8::is_ascii_whitespace) {
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
    options: &PlaceOptions,
) -> (bool, u64, String) {
    let result = bytes.as_ref().map_err(Clone::clone).and_then(|b| {
        let t = std::str::from_utf8(b)
            .map_err(|e| format!("not valid UTF-8 at byte {}", e.valid_up_to()))?;
        let origin = format!("line {line}");
        let article = crate::formats::json::read(&origin, t).map_err(|e| e.to_string())?;
        place(&article, rules, options).map_err(|e| e.to_string())
    });
    let json = match &result {
        Ok(plan) => serde_json::to_string(&Answer {
            id: &plan.id,
            placements: &plan.placements,
        }),
        Err(error) => serde_json::to_string(&Failure { line, error }),
    };
    // These structs hold only strings and numbers: serializing cannot fail.
    let mut json = json.unwrap_or_default();
    json.push('\n');
    match result {
        Ok(plan) => (true, plan.placements.len() as u64, json),
        Err(_) => (false, 0, json),
    }
}
