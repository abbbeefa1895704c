//! Batch placement over JSON Lines: one article per line in, one plan per line out, on all cores.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::io::{BufRead, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, OnceLock};
use std::time::{Duration, Instant};

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
    /// Bytes of input read and placed together (a chunk ends at the first line end past it):
    /// memory is bounded by about three chunks in flight (one read, one placed, one written),
    /// whatever the size of the input.
    pub chunk_bytes: usize,
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
            chunk_bytes: 1 << 20,
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
/// pool of `threads` workers, a few lines to a job, while the calling thread reads the next
/// chunk and writes the answers of finished ones; `progress` is called after each chunk is
/// written.
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
    input: impl BufRead,
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
    let mut reader = LineReader::new(input);
    let (done, finished) = mpsc::channel::<u64>();
    let place_options = &place_options;
    // The calling thread reads chunks and hands their parts to the workers as jobs, then writes
    // the answers of the oldest chunk as soon as all of its parts are in, while the workers go
    // on with the next chunk: reading, placing and writing overlap, and no worker waits for a
    // chunk's last part before starting on the next one. The job that finishes a chunk's last
    // part says so, once a chunk: the calling thread is not woken for every part.
    pool.in_place_scope(|scope| -> Result<(), Error> {
        let mut pending: VecDeque<Pending> = VecDeque::new();
        let mut next_seq = 0u64;
        let mut input_done = false;
        loop {
            while !input_done && pending.len() < CHUNKS_IN_FLIGHT {
                let chunk = reader.chunk(options).map_err(io)?;
                if chunk.lines.is_empty() {
                    input_done = true;
                    break;
                }
                let parts = chunk.lines.len().div_ceil(LINES_PER_PART);
                let work = Arc::new(Work {
                    chunk,
                    parts: std::iter::repeat_with(OnceLock::new).take(parts).collect(),
                    missing: AtomicUsize::new(parts),
                });
                let seq = next_seq;
                for index in 0..parts {
                    let (work, done) = (Arc::clone(&work), done.clone());
                    scope.spawn(move |_| {
                        let lines = &work.chunk.lines;
                        let start = index * LINES_PER_PART;
                        let lines = &lines[start..(start + LINES_PER_PART).min(lines.len())];
                        let answers = part(&work.chunk.bytes, lines, rules, options, place_options);
                        // Each slot is set by its own job only.
                        let _ = work.parts[index].set(answers);
                        if work.missing.fetch_sub(1, Ordering::AcqRel) == 1 {
                            // The receiver outlives the scope: this send cannot fail.
                            let _ = done.send(seq);
                        }
                    });
                }
                pending.push_back(Pending {
                    seq,
                    work,
                    complete: false,
                });
                next_seq += 1;
            }
            let Some(oldest) = pending.front() else {
                return Ok(());
            };
            if oldest.complete {
                if let Some(chunk) = pending.pop_front() {
                    let parts = chunk.work.parts.iter().filter_map(OnceLock::get);
                    write_parts(&mut output, parts, &mut summary).map_err(io)?;
                    summary.elapsed = start.elapsed();
                    progress(&summary);
                }
                continue;
            }
            // The last job of a pending chunk holds a sender until it has sent: this waits,
            // never fails.
            let Ok(seq) = finished.recv() else {
                return Ok(());
            };
            let oldest = oldest.seq;
            if let Some(chunk) = pending.get_mut((seq - oldest) as usize) {
                chunk.complete = true;
            }
        }
    })?;
    output.flush().map_err(io)?;
    summary.elapsed = start.elapsed();
    progress(&summary);
    Ok(summary)
}

/// Chunks read and handed to the workers before the oldest one's answers are written: one
/// being finished, one to go on with (memory stays about three chunks, with the one written).
const CHUNKS_IN_FLIGHT: usize = 2;

/// A chunk handed to the workers, in input order: whether all of its parts are answered.
struct Pending {
    seq: u64,
    work: Arc<Work>,
    complete: bool,
}

/// A chunk and its parts' answers as the workers set them, with how many are still out.
struct Work {
    chunk: Chunk,
    parts: Vec<OnceLock<Part>>,
    missing: AtomicUsize,
}

/// Lines a worker answers into one buffer: enough to make the buffer worth its allocation,
/// few enough that the chunk's last part does not keep the other workers waiting.
const LINES_PER_PART: usize = 8;

/// A chunk's answers to some of its lines, in order: the JSON lines, and what they count.
#[derive(Default)]
struct Part {
    text: Vec<u8>,
    articles: u64,
    ads: u64,
    errors: u64,
}

/// Writes the answers in order and adds them to the summary.
fn write_parts<'a>(
    output: &mut impl Write,
    parts: impl IntoIterator<Item = &'a Part>,
    summary: &mut BatchSummary,
) -> std::io::Result<()> {
    for p in parts {
        output.write_all(&p.text)?;
        summary.articles += p.articles;
        summary.ads += p.ads;
        summary.errors += p.errors;
    }
    Ok(())
}

/// The answers to `lines` of a chunk whose bytes are `bytes`.
fn part(
    bytes: &[u8],
    lines: &[Line],
    rules: &Rules,
    batch: &BatchOptions,
    options: &PlaceOptions,
) -> Part {
    let mut p = Part::default();
    for (line, range) in lines {
        let text = range.as_ref().map(|r| &bytes[r.clone()]);
        let at = p.text.len();
        // A panic would be a bug of the engine's: the line is answered with an error and the
        // batch goes on (and the thread reading the answers is never left waiting for them).
        let answered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            answer(*line, text, rules, batch, options, &mut p.text)
        }));
        let ads = answered.unwrap_or_else(|_| {
            p.text.truncate(at);
            let error = format!(
                "{}:{line}: internal error (a bug of adslot's)",
                batch.origin
            );
            write_failure(*line, &None, &error, &mut p.text);
            None
        });
        match ads {
            Some(ads) => {
                p.articles += 1;
                p.ads += ads;
            }
            None => p.errors += 1,
        }
    }
    p
}

/// A numbered line: where its bytes are in its chunk (undecoded: UTF-8 is checked on the
/// workers), or why it was refused while reading.
type Line = (u64, Result<std::ops::Range<usize>, String>);

/// Lines read together: their bytes in one buffer (no allocation per line).
struct Chunk {
    bytes: Vec<u8>,
    lines: Vec<Line>,
}

/// Reads the input in large reads straight into each chunk's buffer (no copy or read call per
/// line) and splits it into numbered lines; the start of a line that runs past a chunk's end
/// is carried into the next chunk.
struct LineReader<R> {
    input: R,
    /// Bytes read after the last chunk's last line end.
    carry: Vec<u8>,
    /// The input has ended.
    eof: bool,
    /// Lines numbered so far.
    line_no: u64,
}

impl<R: Read> LineReader<R> {
    fn new(input: R) -> Self {
        LineReader {
            input,
            carry: Vec::new(),
            eof: false,
            line_no: 0,
        }
    }

    /// The next lines, up to the first line end at or past `chunk_bytes` bytes (or the end of
    /// the input); an empty chunk means the input is done. A line over `max_line_bytes` is
    /// answered with an error and only its first `max_line_bytes + 1` bytes are ever held.
    fn chunk(&mut self, options: &BatchOptions) -> std::io::Result<Chunk> {
        let target = options.chunk_bytes.max(1);
        let max = options.max_line_bytes;
        let mut bytes = Vec::with_capacity(target.saturating_add(64 << 10).min(64 << 20));
        bytes.append(&mut self.carry);
        let mut lines = Vec::new();
        // The line being read starts at `start`; `scanned` bytes after it hold no line end.
        let (mut start, mut scanned) = (0, 0);
        // The line at `start` is over-long (already answered): its bytes are dropped up to its
        // end.
        let mut skipping = false;
        loop {
            if let Some(k) = memchr::memchr(b'\n', &bytes[start + scanned..]) {
                let end = start + scanned + k;
                if skipping {
                    bytes.drain(start..=end);
                    skipping = false;
                } else {
                    lines.push(self.line(&bytes, start..end, max));
                    start = end + 1;
                }
                scanned = 0;
                if start >= target {
                    break;
                }
                continue;
            }
            scanned = bytes.len() - start;
            if skipping {
                bytes.truncate(start);
                scanned = 0;
            } else if scanned > max {
                // Over-long before its end is even read: answered now, the rest skipped.
                lines.push(self.line(&bytes, start..bytes.len(), max));
                bytes.truncate(start);
                (scanned, skipping) = (0, true);
            }
            if self.eof {
                if start < bytes.len() && !skipping {
                    // The last line, without a line end.
                    lines.push(self.line(&bytes, start..bytes.len(), max));
                    start = bytes.len();
                }
                break;
            }
            // At least the chunk's size in all (a small chunk reads little at a time).
            let want = target.saturating_sub(bytes.len()).max(target.min(64 << 10));
            bytes.reserve(want.min(1 << 20));
            let read = (&mut self.input)
                .take(want as u64)
                .read_to_end(&mut bytes)?;
            self.eof = read < want;
        }
        self.carry = bytes.split_off(start.min(bytes.len()));
        Ok(Chunk { bytes, lines })
    }

    /// Numbers the line at `range` of `bytes` (without its line end) and checks it can hold
    /// an article.
    fn line(&mut self, bytes: &[u8], range: std::ops::Range<usize>, max: usize) -> Line {
        self.line_no += 1;
        let text = &bytes[range.clone()];
        let checked = if text.len() > max {
            Err(format!("line is longer than {max} bytes"))
        } else if text.iter().all(u8::is_ascii_whitespace) {
            Err("blank line (expected an article)".to_string())
        } else {
            // The line's text ends before its line break, so positions stay on its line.
            let cr = usize::from(text.ends_with(b"\r"));
            Ok(range.start..range.end - cr)
        };
        (self.line_no, checked)
    }
}

/// Appends the answer to one line to `out`; returns the ads placed, or `None` for an error.
fn answer(
    line: u64,
    bytes: Result<&[u8], &String>,
    rules: &Rules,
    batch: &BatchOptions,
    options: &PlaceOptions,
    out: &mut Vec<u8>,
) -> Option<u64> {
    let mut id = None;
    let result = match bytes {
        Err(message) => Err(format!("{}:{line}: {message}", batch.origin)),
        Ok(bytes) => match crate::source::utf8(bytes) {
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
    // Serialized straight into the part's buffer. These structs hold only strings and
    // numbers: writing them into memory cannot fail.
    let written = match &result {
        Ok(plan) => serde_json::to_writer(
            &mut *out,
            &Answer {
                line,
                id: &plan.id,
                placements: &plan.placements,
            },
        ),
        Err(error) => {
            write_failure(line, &id, error, out);
            return None;
        }
    };
    debug_assert!(written.is_ok());
    out.push(b'\n');
    result.ok().map(|plan| plan.placements.len() as u64)
}

/// Appends the error answer to a line to `out`.
fn write_failure(line: u64, id: &Option<String>, error: &str, out: &mut Vec<u8>) {
    // Strings and numbers only: writing them into memory cannot fail.
    let written = serde_json::to_writer(&mut *out, &Failure { line, id, error });
    debug_assert!(written.is_ok());
    out.push(b'\n');
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

#[cfg(test)]
mod tests {
    use super::{run, BatchOptions};
    use crate::rules::Rules;
    use proptest::prelude::*;

    /// Lines of every sort a batch meets: articles, blank lines, CRLF ends, broken JSON,
    /// unknown kinds, invalid UTF-8 and lines over the length limit.
    fn line() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            "[a-z ]{0,80}".prop_map(|t| format!(
                r#"{{"id":"x","blocks":[{{"kind":"paragraph","text":"{t}"}},{{"kind":"paragraph","text":"{t} {t}"}}]}}"#
            )
            .into_bytes()),
            Just(b"{\"blocks\":[]}\r".to_vec()),
            Just(b"   ".to_vec()),
            Just(b"{\"blocks\": [{\"kind\": \"paragrap\"}]}".to_vec()),
            Just(b"not json".to_vec()),
            Just(b"{\"blocks\":[{\"kind\":\"paragraph\",\"text\":\"\xff\"}]}".to_vec()),
            "[a-z]{180,700}".prop_map(|t| format!(r#"{{"id":"{t}"}}"#).into_bytes()),
            Just(format!(r#"{{"id":"{}"}}"#, "y".repeat(200 - 9)).into_bytes()),
            Just(format!(r#"{{"id":"{}"}}"#, "y".repeat(200 - 8)).into_bytes()),
        ]
    }

    fn answers(input: &[u8], chunk_bytes: usize, threads: usize) -> (Vec<u8>, (u64, u64, u64)) {
        let options = BatchOptions {
            chunk_bytes,
            threads: Some(threads),
            max_line_bytes: 200,
            ..BatchOptions::default()
        };
        let mut out = Vec::new();
        let s = run(input, &mut out, &Rules::default(), &options, |_| {}).expect("runs");
        (out, (s.articles, s.ads, s.errors))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Chunks of any size, on any number of workers, answer every line once, in order,
        /// exactly as one chunk holding the whole input does.
        #[test]
        fn chunking_never_changes_the_answers(
            lines in proptest::collection::vec(line(), 0..40),
            chunk_bytes in 1usize..400,
            threads in 1usize..4,
            last_newline in any::<bool>(),
        ) {
            let mut input = lines.join(&b'\n');
            if last_newline && !input.is_empty() {
                input.push(b'\n');
            }
            let (whole, whole_summary) = answers(&input, usize::MAX, 1);
            let (chunked, chunked_summary) = answers(&input, chunk_bytes, threads);
            prop_assert_eq!(&chunked, &whole);
            prop_assert_eq!(chunked_summary, whole_summary);
            let text = String::from_utf8(whole).expect("answers are UTF-8");
            let numbers: Vec<u64> = text
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON")["line"].as_u64().expect("line"))
                .collect();
            let expected: Vec<u64> = (1..=lines.len() as u64).collect();
            prop_assert_eq!(numbers, expected);
            prop_assert_eq!(whole_summary.0 + whole_summary.2, lines.len() as u64);
            // What the reader refuses, by a plain split of the input: over-long and blank lines.
            for (l, answer) in lines.iter().zip(text.lines()) {
                let content = l.strip_suffix(b"\r").unwrap_or(l);
                let error = serde_json::from_str::<serde_json::Value>(answer).expect("JSON")["error"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                let long = l.len() > 200;
                let blank = !long && content.iter().all(u8::is_ascii_whitespace);
                prop_assert_eq!(error.ends_with("line is longer than 200 bytes"), long, "{}", answer);
                prop_assert_eq!(error.ends_with("blank line (expected an article)"), blank, "{}", answer);
            }
        }
    }
}
