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
//   that holds a non-ASCII character, not on the whole paragraph (most news words are ASCII).

use icu_segmenter::options::LineBreakOptions;
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

/// Blink's ASCII pair table: may a line break between printable ASCII `last` and `ch`?
#[inline]
pub(crate) fn ascii_pair_breaks(last: u8, ch: u8) -> bool {
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
/// start, in order; `text` is already white-space collapsed (spaces are U+0020 only). The end of
/// the text is not pushed. `scratch` is reused for the segmenter's answers.
pub(crate) fn opportunities(text: &str, out: &mut Vec<usize>, scratch: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let mut word_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            let mut j = i;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            word_opportunities(text, word_start, i, out, scratch);
            if j < bytes.len() && j > 0 {
                out.push(j);
            }
            word_start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    word_opportunities(text, word_start, bytes.len(), out, scratch);
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
    if bytes.is_ascii() {
        // Pure ASCII: the table (and the hyphen-digit rule) decide everything.
        for k in 1..bytes.len() {
            let (last, ch) = (bytes[k - 1], bytes[k]);
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
    let segmenter = LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
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
        opportunities(text, &mut out, &mut scratch);
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
        assert_eq!(starts("a b  c"), ["a ", "b  ", "c"]);
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
    }
}
