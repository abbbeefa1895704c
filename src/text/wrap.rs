//! textwrap 0.16.4's `wrap` with first fit, counted or as line ranges: the text split into paragraphs, each laid out by the fast segmenter or the real one.
//
// Reference: `textwrap::wrap(text, Options::new(width)
//     .wrap_algorithm(WrapAlgorithm::FirstFit).break_words(true).word_splitter(S))`
// with the default word separator (`UnicodeBreakProperties`, which in textwrap
// 0.16.4 is the ICU4X line segmenter for non-complex scripts) and
// S = `HyphenSplitter` (textwrap's default: a word splits after its own
// hyphens) or `Hyphenation(en-US)`. tests/linebreak_parity.rs
// holds it to textwrap itself.
//
// Paragraph semantics replicated here (the rest: `separator`, `first_fit`):
// * The text is split on '\n' only; a '\r' before it stays in the paragraph
//   (it is an ordinary, zero-width character to the wrapper).
// * A paragraph whose byte length is < width is one line (textwrap's fast path,
//   trailing ' ' trimmed), even if it contains break opportunities.
// * "" (and every empty paragraph) gives one empty line, so `count_lines("")` is 1.
// * en-US splits are found on the lowercased word; when a char's lowercase has
//   another UTF-8 length (U+023A, U+2126, ...) a split may land at the very end:
//   textwrap then draws a hyphen, drops the word's whitespace (and its columns),
//   and its later line texts in the paragraph lag by those bytes (`drift`). Such
//   words are never placed by the "fits with a column to spare" shortcuts.

use std::ops::Range;

use super::first_fit::{Breaker, Sink};
use super::separator::{fast_paragraph, paragraph};
use super::splitter::{dictionary, Hyphenation};
use super::uax14::rules;

/// One wrapped line: byte range into the source text, and whether a hyphen is drawn at its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Byte range of the line's text in the source (trailing spaces excluded).
    pub range: Range<usize>,
    /// Whether a hyphen is drawn after the range.
    pub hyphen: bool,
}

/// Number of lines `text` takes at `width` columns, exactly as textwrap's
/// first-fit `wrap(..).len()`. Width 0 behaves as in textwrap (not clamped).
/// `""` returns 1 (textwrap yields one empty line); every '\n' adds a line.
pub fn count_lines(text: &str, width: usize, hyphenation: Hyphenation) -> usize {
    let mut sink = Counter(0);
    wrap_into(text, width, hyphenation, &mut sink);
    sink.0
}

/// The same line breaks as `count_lines`, as byte ranges plus hyphen flags.
pub fn lines(text: &str, width: usize, hyphenation: Hyphenation) -> Vec<Line> {
    let mut sink = Collect(Vec::new());
    wrap_into(text, width, hyphenation, &mut sink);
    sink.0
}

struct Counter(usize);

impl Sink for Counter {
    #[inline]
    fn line(&mut self, _range: Range<usize>, _hyphen: bool) {
        self.0 += 1;
    }
    fn mark(&self) -> usize {
        self.0
    }
    fn rollback(&mut self, mark: usize) {
        self.0 = mark;
    }
}

struct Collect(Vec<Line>);

impl Sink for Collect {
    #[inline]
    fn line(&mut self, range: Range<usize>, hyphen: bool) {
        self.0.push(Line { range, hyphen });
    }
    fn mark(&self) -> usize {
        self.0.len()
    }
    fn rollback(&mut self, mark: usize) {
        self.0.truncate(mark);
    }
}

fn wrap_into<S: Sink>(text: &str, width: usize, hyphenation: Hyphenation, sink: &mut S) {
    let dict = dictionary(hyphenation);
    let mut offset = 0;
    // `text.split('\n')`, with the SIMD search.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for end in ends {
        let para = text.get(offset..end).unwrap_or_default();
        if para.len() < width {
            // textwrap's fast path (byte length, not display width).
            let trimmed = para.trim_end_matches(' ').len();
            sink.line(offset..offset + trimmed, false);
        } else {
            // ESC is a CM char: such paragraphs make the fast engine give up.
            let mark = sink.mark();
            let done = rules().is_some_and(|r| {
                let mut b = Breaker::new(text, width, dict, sink, offset);
                fast_paragraph(&mut b, r, para)
            });
            if !done {
                sink.rollback(mark);
                let mut b = Breaker::new(text, width, dict, sink, offset);
                paragraph(&mut b, para);
            }
        }
        offset = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_words_width_7() {
        assert_eq!(count_lines("aaa bbb ccc", 7, Hyphenation::None), 2);
    }

    #[test]
    fn empty_is_one_line() {
        assert_eq!(count_lines("", 10, Hyphenation::None), 1);
        assert_eq!(count_lines("", 0, Hyphenation::EnUs), 1);
        assert_eq!(count_lines("a\n", 10, Hyphenation::None), 2);
    }

    #[test]
    fn long_word_is_cut() {
        let l = lines("abcdefghij", 4, Hyphenation::None);
        let r: Vec<_> = l.iter().map(|l| l.range.clone()).collect();
        assert_eq!(r, vec![0..4, 4..8, 8..10]);
    }

    #[test]
    fn trailing_hyphen_drops_last_opportunity() {
        // "foo bar-" is a single word for textwrap.
        assert_eq!(count_lines("foo bar-", 7, Hyphenation::None), 2);
        let l = lines("foo bar-", 7, Hyphenation::None);
        assert_eq!(l[0].range, 0..7);
    }

    #[test]
    fn hyphenation_splits() {
        let l = lines("hyphenation", 6, Hyphenation::EnUs);
        assert!(l[0].hyphen);
        assert_eq!(l.len(), 3);
    }
}
