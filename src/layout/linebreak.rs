//! First-fit line counting/breaking that reproduces textwrap 0.16.4's `wrap` (FirstFit, `break_words`) without building line strings.
//
// Reference: `textwrap::wrap(text, Options::new(width)
//     .wrap_algorithm(WrapAlgorithm::FirstFit).break_words(true).word_splitter(S))`
// with the default word separator (`UnicodeBreakProperties`, which in textwrap
// 0.16.4 is the ICU4X line segmenter for non-complex scripts) and
// S = `NoHyphenation` or `Hyphenation(en-US)`.
//
// Replicated textwrap semantics (see the module tests and tests/linebreak_parity.rs):
// * The text is split on '\n' only; a '\r' before it stays in the paragraph
//   (it is an ordinary, zero-width character to the wrapper).
// * A paragraph whose byte length is < width is one line (textwrap's fast path,
//   trailing ' ' trimmed), even if it contains break opportunities.
// * Break opportunities come from the UAX #14 segmenter run on the paragraph with
//   ANSI escapes stripped (computed by `super::uax14`, a replay of the
//   segmenter's own rule table, unless the paragraph holds a CM/ZWJ/SA char or
//   an escape, in which case the real `LineSegmenter` runs); opportunities directly after '-' or U+00AD are
//   dropped, and then the LAST remaining opportunity is dropped too (it is the
//   end of text, unless the text ends in '-'/U+00AD, in which case a real
//   opportunity is lost: "foo bar-" is one word).
// * A word is the text between opportunities; only trailing ' ' count as its
//   whitespace (tabs etc. stay in the word); whitespace width = number of spaces.
// * Widths: sum of `unicode_width` char widths (None -> 0), ANSI escapes skipped.
// * First fit: a fragment goes on a new line iff the line already has a fragment
//   and `line_width + fragment_width + penalty > width`, where line_width sums
//   width + whitespace of the fragments already placed; penalty is 1 for a
//   hyphenation split not already ending in '-'.
// * break_words: a fragment wider than `width` is cut greedily per char (a cut
//   before a char when the piece is non-empty in width and would exceed width);
//   whitespace and penalty stay on the last piece.
// * Line text = first fragment start .. end of the last fragment without its
//   trailing spaces, plus "-" if the last fragment carries a penalty.
// * Width 0 is not special-cased (textwrap does not clamp it either).
// * "" (and every empty paragraph) gives one empty line, so `count_lines("")` is 1.
// * en-US splits are found on the lowercased word; when a char's lowercase has
//   another UTF-8 length (U+023A, U+2126, ...) a split may land at the very end:
//   textwrap then draws a hyphen, drops the word's whitespace (and its columns),
//   and its later line texts in the paragraph lag by those bytes (`drift`). Such
//   words are never placed by the "fits with a column to spare" shortcuts.

use std::ops::Range;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::LineSegmenter;

const SHY: char = '\u{00ad}';
const ESC: char = '\u{1b}';

/// Hyphenation choice for line counting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Hyphenation {
    /// No hyphenation (textwrap `WordSplitter::NoHyphenation`).
    #[default]
    None,
    /// en-US Standard dictionary (textwrap `WordSplitter::Hyphenation`).
    EnUs,
}

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

/// Display width in columns of a string: sum of per-char unicode-width widths
/// (control chars count 0), skipping ANSI escape sequences (textwrap's `display_width`).
pub fn display_width(s: &str) -> usize {
    let mut width = 0;
    let mut chars = s.chars();
    while let Some(ch) = chars.next() {
        if skip_ansi(ch, &mut chars) {
            continue;
        }
        width += ch_width(ch);
    }
    width
}

#[inline]
pub(crate) fn ch_width(ch: char) -> usize {
    unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0)
}

/// textwrap's `skip_ansi_escape_sequence`: ESC consumes the next char, then a
/// CSI runs to a final byte 0x40..=0x7e, an OSC to BEL or ESC '\\'.
#[inline]
fn skip_ansi<I: Iterator<Item = char>>(ch: char, chars: &mut I) -> bool {
    if ch != ESC {
        return false;
    }
    match chars.next() {
        Some('[') => {
            for c in chars {
                if ('\x40'..='\x7e').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            let mut last = ']';
            for c in chars {
                if c == '\x07' || (c == '\\' && last == ESC) {
                    break;
                }
                last = c;
            }
        }
        _ => {}
    }
    true
}

fn en_us() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

/// Receiver of finished lines; `count_lines` and `lines` share the breaker.
trait Sink {
    fn line(&mut self, range: Range<usize>, hyphen: bool);
    /// Current position, for `rollback`.
    fn mark(&self) -> usize;
    /// Forget the lines emitted since `mark` (a paragraph is redone).
    fn rollback(&mut self, mark: usize);
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
    let dict = match hyphenation {
        Hyphenation::None => None,
        Hyphenation::EnUs => en_us(),
    };
    let mut offset = 0;
    for para in text.split('\n') {
        if para.len() < width {
            // textwrap's fast path (byte length, not display width).
            let end = offset + para.trim_end_matches(' ').len();
            sink.line(offset..end, false);
        } else {
            // ESC is a CM char: such paragraphs make the fast engine give up.
            let rules = super::uax14::rules();
            let mark = sink.mark();
            let done = rules.is_some_and(|r| {
                let mut b = Breaker::new(text, width, dict, sink, offset);
                b.fast_paragraph(r, para)
            });
            if !done {
                sink.rollback(mark);
                let mut b = Breaker::new(text, width, dict, sink, offset);
                b.paragraph(para);
            }
        }
        offset += para.len() + 1;
    }
}

/// State of first-fit over one paragraph.
struct Breaker<'t, 's, S: Sink> {
    text: &'t str,
    width: usize,
    dict: Option<&'static Standard>,
    sink: &'s mut S,
    para_start: usize,
    has_frag: bool,
    line_start: usize,
    col: usize,
    last_end: usize,
    last_hyphen: bool,
    /// Bytes of whitespace textwrap lost in this paragraph (a hyphenation
    /// split at the very end of a word drops the word's whitespace). Its
    /// line texts are slices at running offsets, so they lag by that much.
    drift: usize,
    /// A char of the paragraph whose lowercase changes its UTF-8 length may
    /// have been seen: `word` must then check `splits_inside`.
    unstable: bool,
}

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
    /// `Rules::plain_punct`.
    punct: bool,
}

impl<S: Sink> super::uax14::Opportunity for Layout<'_, '_, '_, '_, S> {
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
        if self.b.dict.is_some() || self.b.drift != 0 {
            return super::uax14::plain_words_loop(self, bytes, pos, width, end, in_loop);
        }
        while bytes.get(pos) == Some(&b' ')
            && bytes.get(pos + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            if in_loop {
                if let Some(s) = self.place_plain_line(bytes, pos) {
                    // The word after the space `s` is open now.
                    let next = s + 1;
                    let next_w = width + (next - pos);
                    self.start = next;
                    self.start_w = next_w;
                    let n = super::uax14::alnum_len(bytes.get(next..).unwrap_or_default());
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
            let n = super::uax14::alnum_len(bytes.get(pos..).unwrap_or_default());
            pos += n;
            width += n;
        }
        (pos, width, end, in_loop)
    }
}

impl<S: Sink> Layout<'_, '_, '_, '_, S> {
    /// The open word `[start, pos)` is ASCII letters/digits and `bytes[pos]`
    /// a space (no hyphenation, no drift). Places the open word and the
    /// following plain words that fit on the current line, as `ascii_word`
    /// one at a time would: from the open word on, a word ending at `e`
    /// (one space after each) fits iff `col + (e - start) <= width` (for the
    /// first fragment of a line, `e - start <= width`, which also keeps it
    /// out of `break_apart`). Then whole lines of such words while the
    /// stretch lasts. Returns the space before the (new) open word, or None
    /// (nothing placed) if the open word does not fit.
    #[inline(always)]
    fn place_plain_line(&mut self, bytes: &[u8], pos: usize) -> Option<usize> {
        let b = &mut *self.b;
        let room = if b.has_frag {
            b.width.checked_sub(b.col)?
        } else {
            b.width
        };
        let lim = self.start.saturating_add(room);
        if lim < pos {
            return None;
        }
        let (found, mut full) = super::uax14::plain_stretch(bytes, pos, lim, self.punct);
        let mut s = found?;
        let base = b.para_start;
        if !b.has_frag {
            b.has_frag = true;
            b.line_start = (base + self.start).saturating_sub(b.drift);
        }
        // Each word adds its width plus one space.
        b.col += s + 1 - self.start;
        b.last_end = (base + s).saturating_sub(b.drift);
        b.last_hyphen = false;
        // While the stretch reaches past `lim`, the word after `s` ends
        // after it and does not fit: the line ends before it (as when
        // `place` meets it, or the first piece `break_apart` cuts from it).
        // The next line then holds the words ending by `s + 1 + width`.
        while full {
            b.sink.line(b.line_start..b.last_end, b.last_hyphen);
            b.has_frag = false;
            b.col = 0;
            let lim = (s + 1).saturating_add(b.width);
            let (next, f) = super::uax14::plain_stretch(bytes, s, lim, self.punct);
            match next {
                Some(n) if n > s => {
                    b.has_frag = true;
                    b.line_start = (base + s + 1).saturating_sub(b.drift);
                    b.col = n - s;
                    b.last_end = (base + n).saturating_sub(b.drift);
                    s = n;
                    full = f;
                }
                _ => break,
            }
        }
        Some(s)
    }

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

impl<'t, 's, S: Sink> Breaker<'t, 's, S> {
    fn new(
        text: &'t str,
        width: usize,
        dict: Option<&'static Standard>,
        sink: &'s mut S,
        para_start: usize,
    ) -> Self {
        Breaker {
            text,
            width,
            dict,
            sink,
            para_start,
            has_frag: false,
            line_start: para_start,
            col: 0,
            last_end: para_start,
            last_hyphen: false,
            drift: 0,
            unstable: true,
        }
    }

    fn finish(&mut self) {
        if self.has_frag {
            self.sink
                .line(self.line_start..self.last_end, self.last_hyphen);
        } else {
            // No fragment at all: textwrap still emits one empty line.
            self.sink.line(self.para_start..self.para_start, false);
        }
    }

    /// Lay out `para` (which starts at `self.para_start`) with the fast
    /// segmentation. False if it met a char the fast engine does not handle;
    /// the caller then rolls the sink back and uses `paragraph`.
    fn fast_paragraph(&mut self, rules: &super::uax14::Rules, para: &str) -> bool {
        if para.is_empty() || para.ends_with('-') || para.ends_with(SHY) {
            // The dropped last opportunity is not the end: words are only
            // known one opportunity late (`Words`).
            let mut words = Words::new(self.para_start);
            let ok = super::uax14::segment(rules, para, &mut |idx, w| {
                if !after_hyphen(para, idx) {
                    words.push(self, idx, Some(w));
                }
            });
            if !ok {
                return false;
            }
            words.finish(self, para.len());
        } else {
            // The last opportunity is the end (`segment` always reports it):
            // textwrap drops it, and the last word runs to the end anyway,
            // so every opportunity closes a word at once.
            // No char with an unstable lowercase seen yet: `Layout::unstable`
            // sets it when the segmenter meets one (a word's chars are all
            // decoded before the opportunity that closes it).
            self.unstable = false;
            let mut lay = Layout {
                bytes: para.as_bytes(),
                b: &mut *self,
                start: 0,
                start_w: 0,
                punct: rules.plain_punct,
            };
            if !super::uax14::segment(rules, para, &mut lay) {
                return false;
            }
        }
        self.finish();
        true
    }

    /// Lay out `para` with the real segmenter (any text, ANSI escapes included).
    fn paragraph(&mut self, para: &str) {
        let mut words = Words::new(self.para_start);
        if para.contains(ESC) {
            for idx in ansi_opportunities(para) {
                // Already filtered for '-' / SHY.
                words.push(self, idx, None);
            }
        } else {
            let seg = LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
            for idx in seg.segment_str(para) {
                if idx > 0 && !after_hyphen(para, idx) {
                    words.push(self, idx, None);
                }
            }
        }
        words.finish(self, para.len());
        self.finish();
    }

    /// One word from the word separator: `[start, end)` including trailing
    /// spaces, with the display width of all of it if known.
    #[inline(always)]
    fn word(&mut self, start: usize, end: usize, seg_width: Option<usize>) {
        let Some(seg) = self.text.as_bytes().get(start..end) else {
            return;
        };
        let ws = seg.iter().rev().take_while(|&&b| b == b' ').count();
        let tend = end - ws;
        // Spaces are one column each.
        let w = match seg_width {
            Some(sw) => sw.saturating_sub(ws),
            None => display_width(self.text.get(start..tend).unwrap_or_default()),
        };
        match self.dict {
            None => self.fragment(start, tend, w, ws, false),
            Some(dict) => {
                // Fast path words hold no ANSI escape (ESC is CM), so a word
                // that fits with a column to spare is placed unsplit (see
                // `hyphenated_word`) without the out-of-line call.
                let room = if self.has_frag {
                    self.width.checked_sub(self.col)
                } else {
                    Some(self.width)
                };
                let fits = room.is_some_and(|r| w < r);
                let inside = !self.unstable || splits_inside(self.text.get(start..tend));
                if seg_width.is_some() && fits && inside {
                    self.place(start, tend, w, ws, false);
                } else {
                    self.hyphenated_word(dict, start, tend, w, ws);
                }
            }
        }
    }

    /// `word` for a word of ASCII letters and digits `[start, tend)` of width
    /// `w`, followed by `ws` spaces (no escape, nothing for `splits_inside`).
    #[inline(always)]
    fn ascii_word(&mut self, start: usize, tend: usize, w: usize, ws: usize) {
        match self.dict {
            None => self.fragment(start, tend, w, ws, false),
            Some(dict) => {
                let room = if self.has_frag {
                    self.width.checked_sub(self.col)
                } else {
                    Some(self.width)
                };
                if room.is_some_and(|r| w < r) {
                    self.place(start, tend, w, ws, false);
                } else {
                    self.hyphenated_word(dict, start, tend, w, ws);
                }
            }
        }
    }

    /// Place one fragment (after word splitting), applying break_words.
    #[inline(always)]
    fn fragment(&mut self, start: usize, tend: usize, w: usize, ws: usize, pen: bool) {
        if w > self.width {
            self.break_apart(start, tend, ws, pen);
        } else {
            self.place(start, tend, w, ws, pen);
        }
    }

    #[inline(always)]
    fn place(&mut self, start: usize, tend: usize, w: usize, ws: usize, pen: bool) {
        if self.has_frag && self.col + w + usize::from(pen) > self.width {
            self.sink
                .line(self.line_start..self.last_end, self.last_hyphen);
            self.has_frag = false;
            self.col = 0;
        }
        if !self.has_frag {
            self.has_frag = true;
            self.line_start = start.saturating_sub(self.drift);
        }
        self.col += w + ws;
        self.last_end = tend.saturating_sub(self.drift);
        self.last_hyphen = pen;
    }

    /// textwrap's `Word::break_apart`.
    #[inline(never)]
    fn break_apart(&mut self, start: usize, tend: usize, ws: usize, pen: bool) {
        let Some(word) = self.text.get(start..tend) else {
            return;
        };
        let mut offset = 0;
        let mut width = 0;
        let mut it = word.char_indices();
        while let Some((idx, ch)) = it.next() {
            if skip_ansi(ch, &mut it.by_ref().map(|(_, c)| c)) {
                continue;
            }
            let cw = ch_width(ch);
            if width > 0 && width + cw > self.width {
                self.place(start + offset, start + idx, width, 0, false);
                offset = idx;
                width = cw;
            } else {
                width += cw;
            }
        }
        if offset < word.len() {
            self.place(start + offset, tend, width, ws, pen);
        }
    }

    #[inline(never)]
    fn hyphenated_word(&mut self, dict: &Standard, start: usize, tend: usize, w: usize, ws: usize) {
        let limit = self.width;
        let Some(word) = self.text.get(start..tend) else {
            return;
        };
        // textwrap hyphenates every word, and a split inside an ANSI escape
        // changes the widths of the pieces: always split such words.
        let escaped = word.contains(ESC);
        // With one column of slack no split can change anything: every split
        // fragment check is `col + width(prefix) + penalty <= col + w + 1`.
        let room = |col: usize, has: bool| {
            if has {
                limit.checked_sub(col)
            } else {
                Some(limit)
            }
        };
        let fits = room(self.col, self.has_frag).is_some_and(|r| w < r);
        if !escaped && fits && splits_inside(Some(word)) {
            return self.place(start, tend, w, ws, false);
        }
        let (lmin, rmin) = dict.unbreakable_chars();
        if rmin >= 1 && !escaped {
            if let Some(plain) = plain_word(word, lmin, rmin) {
                if plain.chars < lmin + rmin {
                    // Too short: the dictionary returns no opportunity.
                    return self.fragment(start, tend, w, ws, false);
                }
                // Every split leaves >= rmin chars of width >= 1 behind it, so
                // a word that fits exactly is not split either.
                if room(self.col, self.has_frag).is_some_and(|r| w <= r) {
                    return self.place(start, tend, w, ws, false);
                }
                // Smallest possible first fragment does not fit after the
                // current content: the word starts a new line. (col >= 2 also
                // rules out a cut piece of an over-long fragment fitting.)
                if self.has_frag && self.col >= 2 {
                    let fits = room(self.col, true).is_some_and(|r| plain.min_first <= r);
                    if !fits {
                        self.sink
                            .line(self.line_start..self.last_end, self.last_hyphen);
                        self.has_frag = false;
                        self.col = 0;
                        if w <= limit {
                            return self.place(start, tend, w, ws, false);
                        }
                    }
                }
            }
        }
        let breaks = dict.hyphenate(word).breaks;
        let mut prev = 0;
        for idx in breaks {
            let (Some(head), Some(piece)) = (word.get(..idx), word.get(prev..idx)) else {
                continue;
            };
            let pen = !head.ends_with('-');
            self.fragment(start + prev, start + idx, display_width(piece), 0, pen);
            prev = idx;
        }
        if prev < word.len() || prev == 0 {
            let rest = word.get(prev..).unwrap_or("");
            self.fragment(start + prev, tend, display_width(rest), ws, false);
        } else {
            // A split at the very end (the dictionary's indices are those of
            // the lowercased word, whose chars may be longer): textwrap emits
            // no last fragment, so the whitespace is lost, and so are its
            // columns; its later line texts lag by its bytes.
            self.drift += ws;
        }
    }
}

/// Whether the dictionary's split indices (found on the lowercased word) are
/// sure to lie strictly inside `word`: every char lowercases to one char of
/// the same UTF-8 length. Otherwise textwrap may split at the very end,
/// drawing a hyphen and dropping the whitespace, even if the word fits.
#[inline]
fn splits_inside(word: Option<&str>) -> bool {
    let Some(word) = word else {
        return false;
    };
    let bytes = word.as_bytes();
    let mut i = 0;
    'ascii: loop {
        // Skip ASCII, eight bytes at a time, then to the next non-ASCII byte.
        while let Some(chunk) = bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
            if u64::from_le_bytes(*chunk) & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
        }
        let rest = bytes.get(i..).unwrap_or_default();
        let Some(k) = rest.iter().position(|&b| b >= 0x80) else {
            return true;
        };
        i += k;
        // Then chars up to the next ASCII one.
        for (k, ch) in word.get(i..).unwrap_or_default().char_indices() {
            if ch.is_ascii() {
                i += k;
                continue 'ascii;
            }
            if !lower_stable_fast(ch) {
                return false;
            }
        }
        return true;
    }
}

/// Blocks whose chars all pass `lower_stable` (checked by a test), so the
/// frequent punctuation, symbols, box drawing, CJK, kana and Hangul need no
/// case table lookup: U+2000..U+20FF, U+2150..U+2BFF (the letterlike
/// symbols between hold Ohm, Kelvin and Angstrom signs, whose lowercase is
/// shorter), U+3000..U+A63F, Hangul syllables, U+F900..U+FFFF.
const LOWER_STABLE: [std::ops::Range<u32>; 5] = [
    0x2000..0x2100,
    0x2150..0x2c00,
    0x3000..0xa640,
    0xac00..0xd7a4,
    0xf900..0x1_0000,
];

/// `lower_stable`, with the blocks of `LOWER_STABLE` answered at once.
pub(crate) fn lower_stable_fast(ch: char) -> bool {
    let c = u32::from(ch);
    c < 0x80 || LOWER_STABLE.iter().any(|r| r.contains(&c)) || lower_stable(ch)
}

/// `ch` lowercases to one char of the same UTF-8 length.
fn lower_stable(ch: char) -> bool {
    let mut lc = ch.to_lowercase();
    matches!((lc.next(), lc.next()), (Some(l), None) if l.len_utf8() == ch.len_utf8())
}

struct Plain {
    chars: usize,
    /// Width of the first `lmin` chars plus the hyphen penalty of a split there.
    min_first: usize,
}

/// A word whose hyphenation opportunities are byte-aligned with its chars
/// (lowercasing keeps every char's UTF-8 length, no U+0130 or soft hyphen) and
/// whose chars are all at least one column wide.
fn plain_word(word: &str, lmin: usize, _rmin: usize) -> Option<Plain> {
    let mut chars = 0;
    let mut first_w = 0;
    let mut last = ' ';
    for ch in word.chars() {
        let cw = ch_width(ch);
        if cw == 0 || ch == SHY || ch == '\u{130}' {
            return None;
        }
        if !ch.is_ascii() {
            let mut lc = ch.to_lowercase();
            match (lc.next(), lc.next()) {
                (Some(l), None) if l.len_utf8() == ch.len_utf8() => {}
                _ => return None,
            }
        }
        if chars < lmin {
            first_w += cw;
            last = ch;
        }
        chars += 1;
    }
    let min_first = first_w + usize::from(last != '-');
    Some(Plain { chars, min_first })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_stable_blocks() {
        for r in LOWER_STABLE {
            for c in r.clone().filter_map(char::from_u32) {
                assert!(lower_stable(c), "{c:?} U+{:04X}", u32::from(c));
            }
        }
        assert!(!lower_stable('\u{2126}') && !lower_stable('\u{23a}') && !lower_stable('\u{130}'));
        assert!(splits_inside(Some("ab—c│漢字ａ")) && !splits_inside(Some("aȺb")));
    }

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
