//! textwrap 0.16.4's first fit over words as they arrive: line state, `break_words` (cutting words wider than a line) and the word splitter's fragments.
//
// First fit: a fragment goes on a new line iff the line already has a
// fragment and `line_width + fragment_width + penalty > width`, where
// line_width sums width + whitespace of the fragments already placed; penalty
// is 1 for a hyphenation split not already ending in '-'. break_words: a
// fragment wider than `width` is cut greedily per char (a cut before a char
// when the piece is non-empty in width and would exceed width); whitespace
// and penalty stay on the last piece. Line text = first fragment start .. end
// of the last fragment without its trailing spaces, plus "-" if the last
// fragment carries a penalty. Width 0 is not special-cased (textwrap does not
// clamp it either).

use std::ops::Range;

use hyphenation::{Hyphenator, Standard};

use super::case::splits_inside;
use super::scan::plain_stretch;
use super::splitter::{hyphen_splits, plain_word};
use super::width::{ch_width, display_width, skip_ansi, ESC};

/// Receiver of finished lines; `count_lines` and `lines` share the breaker.
pub(super) trait Sink {
    /// A finished line: its byte range in the text, and whether a hyphen is drawn after it.
    fn line(&mut self, range: Range<usize>, hyphen: bool);
    /// Current position, for `rollback`.
    fn mark(&self) -> usize;
    /// Forget the lines emitted since `mark` (a paragraph is redone).
    fn rollback(&mut self, mark: usize);
}

/// State of first-fit over one paragraph.
pub(super) struct Breaker<'t, 's, S: Sink> {
    text: &'t str,
    width: usize,
    /// The en-US dictionary, or None: words split at their own hyphens.
    dict: Option<&'static Standard>,
    sink: &'s mut S,
    /// Byte offset of the paragraph in `text`.
    pub(super) para_start: usize,
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
    pub(super) unstable: bool,
}

impl<'t, 's, S: Sink> Breaker<'t, 's, S> {
    pub(super) fn new(
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

    /// Emits the paragraph's last line (an empty one if nothing was placed).
    pub(super) fn finish(&mut self) {
        if self.has_frag {
            self.sink
                .line(self.line_start..self.last_end, self.last_hyphen);
        } else {
            // No fragment at all: textwrap still emits one empty line.
            self.sink.line(self.para_start..self.para_start, false);
        }
    }

    /// Whether `place_plain_line` may place runs of plain words: they are
    /// never split (no dictionary, and no hyphen in them) and their line
    /// texts do not lag (no drift).
    #[inline(always)]
    pub(super) fn lines_at_once(&self) -> bool {
        self.dict.is_none() && self.drift == 0
    }

    /// The open word `[start, pos)` (paragraph-relative) is ASCII
    /// letters/digits and `bytes[pos]` a space, in a paragraph `bytes` laid
    /// out without the dictionary and without drift (`lines_at_once`).
    /// Places the open word and the following plain words that fit on the
    /// current line, as `ascii_word` one at a time would: from the open word on, a word ending at `e`
    /// (one space after each) fits iff `col + (e - start) <= width` (for the
    /// first fragment of a line, `e - start <= width`, which also keeps it
    /// out of `break_apart`). Then whole lines of such words while the
    /// stretch lasts. Returns the space before the (new) open word, or None
    /// (nothing placed) if the open word does not fit.
    #[inline(always)]
    pub(super) fn place_plain_line(
        &mut self,
        bytes: &[u8],
        start: usize,
        pos: usize,
        punct: bool,
    ) -> Option<usize> {
        let room = if self.has_frag {
            self.width.checked_sub(self.col)?
        } else {
            self.width
        };
        let lim = start.saturating_add(room);
        if lim < pos {
            return None;
        }
        let (found, mut full) = plain_stretch(bytes, pos, lim, punct);
        let mut s = found?;
        let base = self.para_start;
        if !self.has_frag {
            self.has_frag = true;
            self.line_start = (base + start).saturating_sub(self.drift);
        }
        // Each word adds its width plus one space.
        self.col += s + 1 - start;
        self.last_end = (base + s).saturating_sub(self.drift);
        self.last_hyphen = false;
        // While the stretch reaches past `lim`, the word after `s` ends
        // after it and does not fit: the line ends before it (as when
        // `place` meets it, or the first piece `break_apart` cuts from it).
        // The next line then holds the words ending by `s + 1 + width`.
        while full {
            self.sink
                .line(self.line_start..self.last_end, self.last_hyphen);
            self.has_frag = false;
            self.col = 0;
            let lim = (s + 1).saturating_add(self.width);
            let (next, f) = plain_stretch(bytes, s, lim, punct);
            match next {
                Some(n) if n > s => {
                    self.has_frag = true;
                    self.line_start = (base + s + 1).saturating_sub(self.drift);
                    self.col = n - s;
                    self.last_end = (base + n).saturating_sub(self.drift);
                    s = n;
                    full = f;
                }
                _ => break,
            }
        }
        Some(s)
    }

    /// One word from the word separator: `[start, end)` including trailing
    /// spaces, with the display width of all of it if known.
    #[inline(always)]
    pub(super) fn word(&mut self, start: usize, end: usize, seg_width: Option<usize>) {
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
            None => {
                // A word that fits whole is placed whole: its pieces would
                // all fit on this line too, ending where the word ends.
                // Otherwise (about once a line) only a hyphen changes anything.
                if w <= self.width && !(self.has_frag && self.col + w > self.width) {
                    self.extend(start, tend, w, ws, false);
                } else {
                    self.overflow(start, tend, w, ws);
                }
            }
            Some(dict) => {
                // Fast path words hold no ANSI escape (ESC is CM), so a word
                // that fits with a column to spare is placed unsplit (see
                // `hyphenated_word`) without the out-of-line call.
                let fits = self.room().is_some_and(|r| w < r);
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
    pub(super) fn ascii_word(&mut self, start: usize, tend: usize, w: usize, ws: usize) {
        match self.dict {
            // No hyphen to split at.
            None => self.fragment(start, tend, w, ws, false),
            Some(dict) => {
                if self.room().is_some_and(|r| w < r) {
                    self.place(start, tend, w, ws, false);
                } else {
                    self.hyphenated_word(dict, start, tend, w, ws);
                }
            }
        }
    }

    /// Columns left for the next fragment on the current line (all of them
    /// on an empty line, where even a wider fragment goes first).
    #[inline(always)]
    fn room(&self) -> Option<usize> {
        if self.has_frag {
            self.width.checked_sub(self.col)
        } else {
            Some(self.width)
        }
    }

    /// A word without the dictionary that does not fit: split at its own
    /// hyphens if it has any. About once a line; out of line and `cold` so
    /// that the per-word path stays as tight as before hyphen splitting
    /// (callgrind: 0.3-0.4% fewer instructions than without `cold`).
    #[cold]
    #[inline(never)]
    fn overflow(&mut self, start: usize, tend: usize, w: usize, ws: usize) {
        let word = self.text.as_bytes().get(start..tend).unwrap_or_default();
        if memchr::memchr(b'-', word).is_some() {
            self.split_at_hyphens(start, tend, w, ws);
        } else {
            self.fragment(start, tend, w, ws, false);
        }
    }

    /// textwrap's `HyphenSplitter` on a word `[start, tend)` of width `w`
    /// followed by `ws` spaces: one fragment up to and including each of its
    /// own hyphens (no penalty: the hyphen is already there), then the rest
    /// with the whitespace.
    #[inline(never)]
    fn split_at_hyphens(&mut self, start: usize, tend: usize, w: usize, ws: usize) {
        let Some(word) = self.text.get(start..tend) else {
            return;
        };
        let mut prev = 0;
        for idx in hyphen_splits(word) {
            let piece = word.get(prev..idx).unwrap_or_default();
            self.fragment(start + prev, start + idx, display_width(piece), 0, false);
            prev = idx;
        }
        // Every split has a char after it, so the rest is never empty.
        let rest_w = if prev == 0 {
            w
        } else {
            display_width(word.get(prev..).unwrap_or_default())
        };
        self.fragment(start + prev, tend, rest_w, ws, false);
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

    /// Place one fragment no wider than the line: on a new line if it does
    /// not fit after the current one.
    #[inline(always)]
    fn place(&mut self, start: usize, tend: usize, w: usize, ws: usize, pen: bool) {
        if self.has_frag && self.col + w + usize::from(pen) > self.width {
            self.sink
                .line(self.line_start..self.last_end, self.last_hyphen);
            self.has_frag = false;
            self.col = 0;
        }
        self.extend(start, tend, w, ws, pen);
    }

    /// Add a fragment that fits to the current line (starting it if empty).
    #[inline(always)]
    fn extend(&mut self, start: usize, tend: usize, w: usize, ws: usize, pen: bool) {
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
