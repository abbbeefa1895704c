//! textwrap 0.16.4's word separator (`UnicodeBreakProperties`): words from the UAX #14 opportunities, fed to the first fit as they are found.
//
// Break opportunities come from the UAX #14 segmenter run on the paragraph
// with ANSI escapes stripped (computed by `uax14`, a replay of the
// segmenter's own rule table, unless the paragraph holds a CM/ZWJ/SA char or
// an escape, in which case the real `LineSegmenter` runs); opportunities
// directly after '-' or U+00AD are dropped, and then the LAST remaining
// opportunity is dropped too (it is the end of text, unless the text ends in
// '-'/U+00AD, in which case a real opportunity is lost: "foo bar-" is one
// word). A word is the text between opportunities; only trailing ' ' count as
// its whitespace (tabs etc. stay in the word); whitespace width = number of
// spaces.

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::LineSegmenter;

use super::first_fit::{Breaker, Sink};
use super::scan::alnum_len;
use super::splitter::SHY;
use super::uax14::{plain_words_loop, segment, Opportunity, Rules};
use super::width::{skip_ansi, ESC};

/// True if the opportunity `idx` directly follows '-' or U+00AD: textwrap
/// drops those (hyphens are left to the word splitter).
#[inline]
fn after_hyphen(para: &str, idx: usize) -> bool {
    let b = para.as_bytes();
    match b.get(idx.wrapping_sub(1)) {
        Some(b'-') | None => true,
        // Second byte of U+00AD (C2 AD); 0xC2 only ever starts U+0080..U+00BF.
        Some(0xad) => b.get(idx.wrapping_sub(2)) == Some(&0xc2),
        Some(_) => false,
    }
}

/// textwrap's word assembly from filtered opportunities: the last one is
/// dropped (the paragraph end closes the last word instead).
struct Words {
    base: usize,
    start: usize,
    start_w: usize,
    pending: Option<(usize, Option<usize>)>,
}

impl Words {
    fn new(base: usize) -> Self {
        Words {
            base,
            start: 0,
            start_w: 0,
            pending: None,
        }
    }

    /// A filtered opportunity (paragraph-relative byte index), with the
    /// display width of the paragraph before it if known.
    #[inline]
    fn push<S: Sink>(&mut self, b: &mut Breaker<'_, '_, S>, idx: usize, w: Option<usize>) {
        if let Some((p, pw)) = self.pending.replace((idx, w)) {
            let seg_w = pw.map(|pw| pw.saturating_sub(self.start_w));
            b.word(self.base + self.start, self.base + p, seg_w);
            self.start = p;
            self.start_w = pw.unwrap_or(0);
        }
    }

    fn finish<S: Sink>(self, b: &mut Breaker<'_, '_, S>, len: usize) {
        if self.start < len {
            // The dropped last opportunity is usually the end, with its width.
            let seg_w = match self.pending {
                Some((p, Some(pw))) if p == len => Some(pw.saturating_sub(self.start_w)),
                _ => None,
            };
            b.word(self.base + self.start, self.base + len, seg_w);
        }
    }
}

/// Word assembly for the fast engine when the paragraph's last opportunity
/// is its end: each filtered opportunity closes the word before it.
struct Layout<'p, 'b, 't, 's, S: Sink> {
    /// The paragraph.
    bytes: &'p [u8],
    b: &'b mut Breaker<'t, 's, S>,
    /// Start of the open word (paragraph-relative) and the width before it.
    start: usize,
    start_w: usize,
    /// `uax14::Rules::plain_punct`.
    punct: bool,
}

impl<S: Sink> Opportunity for Layout<'_, '_, '_, '_, S> {
    #[inline(always)]
    fn unstable(&mut self) {
        self.b.unstable = true;
    }

    /// A segmenter opportunity: closes the open word unless it directly
    /// follows '-' or U+00AD (see `after_hyphen`).
    #[inline(always)]
    fn opp(&mut self, idx: usize, w: usize) {
        let para = self.bytes;
        match para.get(idx.wrapping_sub(1)) {
            Some(b'-') | None => return,
            Some(0xad) if para.get(idx.wrapping_sub(2)) == Some(&0xc2) => return,
            Some(_) => {}
        }
        self.close(idx, w);
    }

    #[inline(always)]
    fn plain_opp(&mut self, idx: usize, w: usize, end: usize) {
        // The word [start, idx) is ASCII letters/digits up to `end`, then
        // spaces: one column each, no lowercase surprises for the dictionary.
        let base = self.b.para_start;
        let tend = base + end;
        let start = base + self.start;
        self.b.ascii_word(
            start,
            tend,
            tend.saturating_sub(start),
            idx.saturating_sub(end),
        );
        self.start = idx;
        self.start_w = w;
    }

    /// Without hyphenation, a line at a time where it can: in a stretch of
    /// ASCII letters/digits and single spaces every char is one column and
    /// every word's whitespace one space, so the words that still fit on
    /// the current line are those ending by `line_start + room` (see
    /// `place_plain_line`), and they are placed at once. Lines are still
    /// emitted by the word-at-a-time step (the word that does not fit).
    #[inline(never)]
    fn plain_words(
        &mut self,
        bytes: &[u8],
        mut pos: usize,
        mut width: usize,
        mut end: usize,
        mut in_loop: bool,
    ) -> (usize, usize, usize, bool) {
        if !self.b.lines_at_once() {
            return plain_words_loop(self, bytes, pos, width, end, in_loop);
        }
        while bytes.get(pos) == Some(&b' ')
            && bytes.get(pos + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            if in_loop {
                if let Some(s) = self.b.place_plain_line(bytes, self.start, pos, self.punct) {
                    // The word after the space `s` is open now.
                    let next = s + 1;
                    let next_w = width + (next - pos);
                    self.start = next;
                    self.start_w = next_w;
                    let n = alnum_len(bytes.get(next..).unwrap_or_default());
                    pos = next + n;
                    width = next_w + n;
                    end = s;
                    continue;
                }
            }
            end = pos;
            pos += 1;
            width += 1;
            if in_loop {
                self.plain_opp(pos, width, end);
            } else {
                self.opp(pos, width);
            }
            in_loop = true;
            let n = alnum_len(bytes.get(pos..).unwrap_or_default());
            pos += n;
            width += n;
        }
        (pos, width, end, in_loop)
    }
}

impl<S: Sink> Layout<'_, '_, '_, '_, S> {
    /// Close the open word at opportunity `idx` (width `w` before it).
    #[inline(always)]
    fn close(&mut self, idx: usize, w: usize) {
        let base = self.b.para_start;
        let seg_w = w.saturating_sub(self.start_w);
        self.b.word(base + self.start, base + idx, Some(seg_w));
        self.start = idx;
        self.start_w = w;
    }
}

/// Lay out `para` (which starts at `b.para_start`) with the fast
/// segmentation. False if it met a char the fast engine does not handle;
/// the caller then rolls the sink back and uses `paragraph`.
pub(super) fn fast_paragraph<S: Sink>(
    b: &mut Breaker<'_, '_, S>,
    rules: &Rules,
    para: &str,
) -> bool {
    if para.is_empty() || para.ends_with('-') || para.ends_with(SHY) {
        // The dropped last opportunity is not the end: words are only
        // known one opportunity late (`Words`).
        let mut words = Words::new(b.para_start);
        let ok = segment(rules, para, &mut |idx, w| {
            if !after_hyphen(para, idx) {
                words.push(b, idx, Some(w));
            }
        });
        if !ok {
            return false;
        }
        words.finish(b, para.len());
    } else {
        // The last opportunity is the end (`segment` always reports it):
        // textwrap drops it, and the last word runs to the end anyway,
        // so every opportunity closes a word at once.
        // No char with an unstable lowercase seen yet: `Layout::unstable`
        // sets it when the segmenter meets one (a word's chars are all
        // decoded before the opportunity that closes it).
        b.unstable = false;
        let mut lay = Layout {
            bytes: para.as_bytes(),
            b: &mut *b,
            start: 0,
            start_w: 0,
            punct: rules.plain_punct,
        };
        if !segment(rules, para, &mut lay) {
            return false;
        }
    }
    b.finish();
    true
}

/// Lay out `para` with the real segmenter (any text, ANSI escapes included).
pub(super) fn paragraph<S: Sink>(b: &mut Breaker<'_, '_, S>, para: &str) {
    let mut words = Words::new(b.para_start);
    if para.contains(ESC) {
        for idx in ansi_opportunities(para) {
            // Already filtered for '-' / SHY.
            words.push(b, idx, None);
        }
    } else {
        let seg = LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
        for idx in seg.segment_str(para) {
            if idx > 0 && !after_hyphen(para, idx) {
                words.push(b, idx, None);
            }
        }
    }
    words.finish(b, para.len());
    b.finish();
}

/// textwrap's opportunity search for a paragraph holding ANSI escapes:
/// segment the stripped text and map back to the first original char at each
/// stripped offset. Returns the filtered opportunities (end included).
fn ansi_opportunities(para: &str) -> Vec<usize> {
    let mut stripped = String::with_capacity(para.len());
    // (orig_idx, stripped_idx) for each char that starts a visible char or an escape.
    let mut map = Vec::new();
    let mut it = para.char_indices();
    while let Some((idx, ch)) = it.next() {
        map.push((idx, stripped.len()));
        if skip_ansi(ch, &mut it.by_ref().map(|(_, c)| c)) {
            continue;
        }
        stripped.push(ch);
    }
    let seg = LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
    let mut out = Vec::new();
    let mut cursor = 0;
    for idx in seg.segment_str(&stripped) {
        if idx == 0 {
            continue;
        }
        match stripped.get(..idx).and_then(|s| s.chars().next_back()) {
            Some('-') | Some(SHY) | None => continue,
            Some(_) => {}
        }
        // The end of the stripped text maps to nothing: textwrap drops the
        // last opportunity anyway, so use the paragraph end.
        let mut found = None;
        while let Some(&(orig, s)) = map.get(cursor) {
            cursor += 1;
            if s == idx {
                found = Some(orig);
                break;
            }
        }
        out.push(found.unwrap_or(para.len()));
    }
    out
}
