//! Line break opportunities as Chromium finds them for `white-space: normal`: after every run
//! of spaces, Blink's own table between two printable ASCII characters, and ICU's UAX #14
//! segmenter (here ICU4X's) wherever a non-ASCII character is involved.
//
// The rules, as Blink's `LazyLineBreakIterator` (text_break_iterator.cc) applies them with
// `LineBreakType::kNormal` and `BreakSpaceType::kAfterSpaceRun`:
// * no break before a space; a break after a run of spaces, whatever UAX #14 says (so "( x"
//   breaks after the space although LB14 forbids it);
// * between two printable ASCII characters (U+0021..U+007F) Blink's table decides: a break
//   before `(`, `<`, `[`, `{` after one of ``! " # % & ) * + , . : ; = > \ ] | } ~``; after `-`
//   before anything but ``! $ ) , . / : ; ? ] }``; after `?` before anything but
//   ``! " ' ) , . / : ; ? ] } DEL``; nowhere else (no break after `/`, none inside "a.b");
// * `-` then a digit breaks only when the `-` follows a letter or digit ("ABCD-1234"), never
//   when it can be a minus sign (" -5");
// * NBSP next to an ASCII character never breaks;
// * everything else is UAX #14. Since Blink breaks after every space run on its own, the UAX #14
//   context that matters never crosses a space, so the segmenter runs on each space-free word
//   that holds a non-ASCII character other than curly quotes, not on the whole paragraph.

use icu_segmenter::options::{LineBreakOptions, LineBreakStrictness};
use icu_segmenter::LineSegmenter;

/// The printable ASCII characters after which Blink breaks before `(`, `<`, `[` and `{`.
const OPEN_AFTER: &[u8] = b"!\"#%&)*+,.:;=>\\]|}~";
/// After `-`, the printable ASCII characters a line may NOT start with (digits are contextual).
const NOT_AFTER_HYPHEN: &[u8] = b"!$),./:;?]}";
/// After `?`, the printable ASCII characters a line may NOT start with.
const NOT_AFTER_QUESTION: &[u8] = b"!\"'),./:;?]}\x7f";

const NBSP: char = '\u{a0}';

#[inline]
fn is_table_char(c: char) -> bool {
    ('\u{21}'..='\u{7f}').contains(&c)
}

/// What may follow each ASCII byte in Blink's table: 0 nothing (letters, digits, most
/// punctuation), 1 an opening bracket, 2 the `-` row, 3 the `?` row.
const ROW: [u8; 128] = {
    let mut row = [0u8; 128];
    let mut i = 0;
    while i < OPEN_AFTER.len() {
        row[OPEN_AFTER[i] as usize] = 1;
        i += 1;
    }
    row[b'-' as usize] = 2;
    row[b'?' as usize] = 3;
    row
};

/// Blink's ASCII pair table: may a line break between printable ASCII `last` and `ch`?
#[inline]
pub(crate) fn ascii_pair_breaks(last: u8, ch: u8) -> bool {
    if ROW[usize::from(last & 0x7f)] == 0 {
        return false;
    }
    match last {
        b'-' => !NOT_AFTER_HYPHEN.contains(&ch),
        b'?' => !NOT_AFTER_QUESTION.contains(&ch),
        _ => matches!(ch, b'(' | b'<' | b'[' | b'{') && OPEN_AFTER.contains(&last),
    }
}

/// The fast answer for the pair (`last`, `ch`) with `last_last` before them, or `None` when
/// UAX #14 decides.
#[inline]
fn fast_pair(last_last: char, last: char, ch: char) -> Option<bool> {
    if last == '-' && ch.is_ascii_digit() {
        return Some(last_last.is_ascii_alphanumeric());
    }
    if is_table_char(last) && is_table_char(ch) {
        return Some(ascii_pair_breaks(last as u8, ch as u8));
    }
    if (ch == NBSP && (last as u32) < 0x80) || (last == NBSP && (ch as u32) < 0x80) {
        return Some(false);
    }
    if (last as u32) < 0x21 || (ch as u32) < 0x21 {
        // Controls (other than the collapsed spaces) never break in Blink's fast path.
        return Some(false);
    }
    None
}

/// Pushes onto `out` every byte offset in `text` (after its first character) where a line may
/// start, in order (the end of the text is not pushed), in one pass over the bytes; `scratch` is
/// reused for the segmenter's answers. Returns false, with `out` unfinished, when the text needs
/// white-space collapsing first (a tab, line feed, carriage return or form feed, two spaces in a
/// row, or a space at either end): the caller collapses it and scans again.
pub(crate) fn opportunities(text: &str, out: &mut Vec<usize>, scratch: &mut Vec<usize>) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut word_start = 0;
    // Where this word's breaks start in `out`, and whether it holds a byte >= 0x80.
    let mut word_out = out.len();
    let mut non_ascii = false;
    let mut last_last = 0u8;
    let mut last = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        if b <= b' ' {
            if b != b' ' {
                if matches!(b, b'\t' | b'\n' | b'\r' | b'\x0c') {
                    return false;
                }
            } else {
                if last == b' ' {
                    return false;
                }
                if non_ascii {
                    out.truncate(word_out);
                    word_opportunities(text, word_start, i, out, scratch);
                }
                out.push(i + 1);
                word_start = i + 1;
                word_out = out.len();
                non_ascii = false;
                (last_last, last) = (0, b' ');
                continue;
            }
        } else if b >= 0x80 {
            non_ascii = true;
        } else if i > word_start && last < 0x80 && ROW[usize::from(last)] != 0 {
            let brk = if last == b'-' && b.is_ascii_digit() {
                last_last.is_ascii_alphanumeric()
            } else {
                ascii_pair_breaks(last, b)
            };
            if brk {
                out.push(i);
            }
        }
        (last_last, last) = (last, b);
    }
    if non_ascii {
        out.truncate(word_out);
        word_opportunities(text, word_start, bytes.len(), out, scratch);
    }
    true
}

/// Opportunities strictly inside the space-free word `text[start..end]`.
fn word_opportunities(
    text: &str,
    start: usize,
    end: usize,
    out: &mut Vec<usize>,
    scratch: &mut Vec<usize>,
) {
    if end <= start + 1 {
        return;
    }
    let word = &text[start..end];
    let bytes = word.as_bytes();
    // Curly quotes and apostrophes (‘ ’ “ ”, UAX #14 QU) never break beside characters that are
    // not East Asian (LB19, LB19a), so a word of ASCII and such quotes needs no segmenter:
    // its breaks are the ASCII pairs' (most non-ASCII words in news are "it’s" and “quoted”).
    if bytes.is_ascii()
        || word
            .chars()
            .all(|c| c.is_ascii() || matches!(c, '‘' | '’' | '“' | '”'))
    {
        // The table (and the hyphen-digit rule) decide every ASCII pair; a pair with a quote's
        // bytes is never in the table's range.
        for k in 1..bytes.len() {
            let (last, ch) = (bytes[k - 1], bytes[k]);
            if last >= 0x80 || ROW[usize::from(last)] == 0 {
                continue;
            }
            let brk = if last == b'-' && ch.is_ascii_digit() {
                k >= 2 && bytes[k - 2].is_ascii_alphanumeric()
            } else {
                (0x21..=0x7f).contains(&last)
                    && (0x21..=0x7f).contains(&ch)
                    && ascii_pair_breaks(last, ch)
            };
            if brk {
                out.push(start + k);
            }
        }
        return;
    }
    scratch.clear();
    // ICU's root rules, which Blink uses, are CSS `line-break: normal`: a conditional Japanese
    // starter (UAX #14 CJ: small kana, the prolonged sound mark `ー`) may start a line, where
    // UAX #14's strict default resolves it to NS and keeps it on the line before.
    let mut options = LineBreakOptions::default();
    options.strictness = Some(LineBreakStrictness::Normal);
    let segmenter = LineSegmenter::new_for_non_complex_scripts(options);
    scratch.extend(
        segmenter
            .segment_str(word)
            .filter(|&b| b > 0 && b < word.len()),
    );
    let mut icu = scratch.iter().copied().peekable();
    let mut last_last = '\0';
    let mut chars = word.char_indices();
    let Some((_, mut last)) = chars.next() else {
        return;
    };
    for (k, ch) in chars {
        let brk = match fast_pair(last_last, last, ch) {
            Some(b) => b,
            None => {
                while icu.next_if(|&b| b < k).is_some() {}
                icu.peek() == Some(&k)
            }
        };
        if brk {
            out.push(start + k);
        }
        last_last = last;
        last = ch;
    }
}

#[cfg(test)]
mod tests {
    use super::opportunities;

    fn starts(text: &str) -> Vec<&str> {
        let (mut out, mut scratch) = (Vec::new(), Vec::new());
        assert!(opportunities(text, &mut out, &mut scratch));
        let mut pieces = Vec::new();
        let mut prev = 0;
        for &o in out.iter().chain(std::iter::once(&text.len())) {
            pieces.push(&text[prev..o]);
            prev = o;
        }
        pieces
    }

    #[test]
    fn spaces_hyphens_and_slashes_as_blink() {
        assert_eq!(starts("a b c"), ["a ", "b ", "c"]);
        let mut out = Vec::new();
        for needs_collapse in ["a  b", " a", "a ", "a\tb", "a\nb"] {
            assert!(
                !opportunities(needs_collapse, &mut out, &mut Vec::new()),
                "{needs_collapse:?}"
            );
        }
        assert_eq!(
            starts("fact-checking and/or"),
            ["fact-", "checking ", "and/or"]
        );
        // `--` breaks after each hyphen; a minus sign stays with its number.
        assert_eq!(
            starts("a--b -5 ABCD-1234"),
            ["a-", "-", "b ", "-5 ", "ABCD-", "1234"]
        );
        // Before an opening bracket only after punctuation, never after a letter.
        assert_eq!(starts("f(x) a.(b)"), ["f(x) ", "a.", "(b)"]);
        assert_eq!(starts("why?now"), ["why?", "now"]);
        // Quotes and apostrophes: ASCII rules around them, no break beside them.
        assert_eq!(starts("“it’s-fine”(x)"), ["“it’s-", "fine”(x)"]);
        assert_eq!(starts("“a.”(b)"), ["“a.”(b)"]);
    }

    #[test]
    fn non_ascii_goes_through_uax14() {
        // Em dash: UAX #14 B2 allows breaks on both sides; quotes stick to their words.
        assert_eq!(
            starts("word—word “quoted”"),
            ["word", "—", "word ", "“quoted”"]
        );
        // Ideographs break between every pair, but not before a closing 。
        assert_eq!(starts("中文。字"), ["中", "文。", "字"]);
        // A soft hyphen is a break opportunity after it.
        assert_eq!(starts("hy\u{ad}phen"), ["hy\u{ad}", "phen"]);
        // NBSP glues.
        assert_eq!(starts("10\u{a0}km"), ["10\u{a0}km"]);
        // line-break: normal, as Chromium: the prolonged sound mark and small kana may start a
        // line (strict UAX #14 would glue them to the character before).
        assert_eq!(starts("リーグ"), ["リ", "ー", "グ"]);
        assert_eq!(starts("ちょっと"), ["ち", "ょ", "っ", "と"]);
    }
}
