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
/// cannot be read or placed (the batch goes on). Blank lines are skipped. Lines are placed in
/// parallel on rayon's pool, a chunk at a time; `progress` is called after each chunk.
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
    place(&crate::Article::default(), rules, &place_options)?;
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
    let mut chunk: Vec<(u64, Result<String, String>)> = Vec::with_capacity(options.chunk_lines);
    let mut buf = Vec::new();
    loop {
        chunk.clear();
        while chunk.len() < options.chunk_lines.max(1) {
            buf.clear();
            let limit = options.max_line_bytes as u64 + 1;
            let n = std::io::Read::take(&mut input, limit)
                .read_until(b'\n', &mut buf)
                .map_err(io)?;
            if n == 0 {
                break;
            }
            line_no += 1;
            if buf.len() > options.max_line_bytes && !buf.ends_with(b"\n") {
                // Skip the rest of the over-long line.
                let mut rest = Vec::new();
                input.read_until(b'\n', &mut rest).map_err(io)?;
                chunk.push((
                    line_no,
                    Err(format!(
                        "line is longer than {} bytes",
                        options.max_line_bytes
                    )),
                ));
                continue;
            }
            match std::str::from_utf8(&buf) {
                Ok(s) if s.trim().is_empty() => {}
                Ok(s) => chunk.push((line_no, Ok(s.to_string()))),
                Err(e) => chunk.push((
                    line_no,
                    Err(format!("not valid UTF-8 at byte {}", e.valid_up_to())),
                )),
            }
        }
        if chunk.is_empty() {
            break;
        }
        let answers: Vec<(bool, u64, String)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|(line, text)| answer(*line, text, rules, &place_options))
                .collect()
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
    }
    output.flush().map_err(io)?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// One output line: (placed?, ads, JSON line).
fn answer(
    line: u64,
    text: &Result<String, String>,
    rules: &Rules,
    options: &PlaceOptions,
) -> (bool, u64, String) {
    let result = text.as_ref().map_err(Clone::clone).and_then(|t| {
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
