//! Fast UAX #14 line-break opportunities driven by ICU4X's own rule table.
//!
//! textwrap 0.16.4 uses `LineSegmenter::new_for_non_complex_scripts` with
//! default options (strictness Strict, word option Normal, no ja/zh locale).
//! That segmenter (icu_segmenter 2.x, "V1" engine) looks up each char's
//! line-break class in a code point trie and runs a pair table whose entries
//! are Break / Keep / NoMatch or a state index for the multi-char rules
//! (LB14 `OP SP*`, LB15a/b and LB19a quotation marks, LB16, LB17, LB25 numbers,
//! LB28a, LB30a regional indicators, ...), with backtracking on NoMatch.
//!
//! This module loads the same baked data and replays that engine (the loop of
//! `LineBreakIteratorV1::next` in icu_segmenter's `line/v1.rs`) for paragraphs
//! whose chars avoid the three classes with extra code paths there:
//! CM and ZWJ (LB9/LB8a "treat as" handling) and SA (complex-script runs).
//! With default options the CSS strictness/word-break hooks of that loop are
//! inactive (CJ stays CJ, i.e. "strict"). Everything else is the table, so the
//! result is the segmenter's by construction; tests/uax14_parity.rs checks
//! it against `LineSegmenter` on random text. Any other paragraph (or a data
//! load failure) goes to the real segmenter.

use std::sync::OnceLock;

use icu_provider::{DataProvider, DataRequest};
use icu_segmenter::provider::{Baked, BreakState, RuleBreakData, SegmenterBreakLineV1};

use super::case::lower_stable_fast;
use super::scan::{alnum_len, PUNCT};
use super::width::ch_width;

// Class ids of icu_segmenter 2.x (`RuleBreakData::LINE_PROPERTY_*`, crate-private there).
const CM: u8 = 14;
const ZWJ: u8 = 54;
const AL: u8 = 3;
const NU: u8 = 35;
const SP: u8 = 47;

const KEEP: u16 = 0;
const BREAK: u16 = 1;
const NO_MATCH: u16 = 2;
/// `Index(i)` is `INDEX | i`, `Intermediate(i)` is `INTERMEDIATE | i`.
const INDEX: u16 = 0x100;
const INTERMEDIATE: u16 = 0x200;

fn encode(s: BreakState) -> u16 {
    match s {
        BreakState::Keep => KEEP,
        BreakState::Break => BREAK,
        BreakState::NoMatch => NO_MATCH,
        BreakState::Index(i) => INDEX | u16::from(i),
        BreakState::Intermediate(i) => INTERMEDIATE | u16::from(i),
    }
}

/// Packed per-char entry: class in bits 0..7, width in bits 8..10, UNSTABLE
/// and BAD flags.
const BAD: u16 = 0x8000;
/// The char's lowercase is not one char of the same UTF-8 length: the
/// hyphenation dictionary's split indices may then be off (see
/// `case::splits_inside`).
const UNSTABLE: u16 = 0x4000;
const WIDTH_SHIFT: u32 = 8;

pub(crate) struct Rules {
    data: &'static RuleBreakData<'static>,
    /// Packed entries for U+0000..=U+FFFF.
    bmp: Vec<u16>,
    /// `break_state_table` encoded as u16 (see `encode`), so the hot loop
    /// compares instead of matching an enum.
    table: Vec<u16>,
    n: usize,
    last_cp: u8,
    eot: u8,
    sa: u8,
    /// ASCII letters are AL, digits NU and ' ' SP, all one column wide, and
    /// the table entries between these classes are plain Keep, except SP
    /// before AL or NU, which is Break (LB7, LB18, LB23, LB28). Runs of such
    /// bytes after such a class can then be segmented without the table (see
    /// `segment`).
    plain: bool,
    /// `plain`, and each of `PUNCT` is one column wide with Keep after AL
    /// and NU and before SP: in a stretch of plain words such a char between
    /// a letter/digit and one space makes no opportunity (see
    /// `scan::plain_stretch`).
    pub(crate) plain_punct: bool,
}

pub(crate) fn rules() -> Option<&'static Rules> {
    static R: OnceLock<Option<Rules>> = OnceLock::new();
    R.get_or_init(Rules::load).as_ref()
}

impl Rules {
    fn load() -> Option<Rules> {
        let resp =
            DataProvider::<SegmenterBreakLineV1>::load(&Baked, DataRequest::default()).ok()?;
        // Compiled data is a static reference (no allocation, so the tables are Sync).
        let d: &'static RuleBreakData<'static> = resp.payload.get_static()?;
        let n = usize::from(d.property_count);
        let table: Vec<u16> = d.break_state_table.iter().map(encode).collect();
        if n == 0 || n >= 128 || table.len() != n * n {
            return None;
        }
        let mut r = Rules {
            data: d,
            bmp: Vec::new(),
            table,
            n,
            last_cp: d.last_codepoint_property,
            eot: d.eot_property,
            sa: d.complex_property,
            plain: false,
            plain_punct: false,
        };
        r.bmp = (0u32..0x10000).map(|cp| r.entry(cp)).collect();
        let packed = |b: u8| r.bmp.get(usize::from(b)).copied();
        let one_col = |class: u8| Some(u16::from(class) | (1 << WIDTH_SHIFT));
        let classes_ok = (0u8..128).all(|b| {
            if b.is_ascii_alphabetic() {
                packed(b) == one_col(AL)
            } else if b.is_ascii_digit() {
                packed(b) == one_col(NU)
            } else {
                b != b' ' || packed(b) == one_col(SP)
            }
        });
        let pairs_ok = [AL, NU, SP].iter().all(|&x| {
            [AL, NU, SP].iter().all(|&y| {
                let want = if x == SP && y != SP { BREAK } else { KEEP };
                r.state(x, y) == want
            })
        });
        r.plain = classes_ok && pairs_ok;
        r.plain_punct = r.plain
            && PUNCT.iter().all(|&b| {
                let class = r.bmp.get(usize::from(b)).map_or(AL, |&e| (e & 0x7f) as u8);
                packed(b) == one_col(class)
                    && r.state(AL, class) == KEEP
                    && r.state(NU, class) == KEEP
                    && r.state(class, SP) == KEEP
            });
        Some(r)
    }

    /// Packed entry of a code point (surrogates never occur in a str).
    fn entry(&self, cp: u32) -> u16 {
        let p = self.data.property_table.get32(cp);
        let w = char::from_u32(cp).map_or(0, ch_width);
        let bad = if p == CM || p == ZWJ || p == self.sa || p >= 128 || w > 3 {
            BAD
        } else {
            0
        };
        let unstable = match char::from_u32(cp) {
            Some(ch) if !lower_stable_fast(ch) => UNSTABLE,
            _ => 0,
        };
        u16::from(p) | ((w as u16) << WIDTH_SHIFT) | unstable | bad
    }

    #[inline(always)]
    fn state(&self, left: u8, right: u8) -> u16 {
        self.table
            .get(usize::from(left) * self.n + usize::from(right))
            .copied()
            .unwrap_or(KEEP)
    }
}

/// Receiver of the opportunities found by `segment` (closures, or a word
/// assembler whose `opp` is then inlined at every call site).
pub(crate) trait Opportunity {
    /// An opportunity before byte `idx`; `width` is the display width of the
    /// text before it.
    fn opp(&mut self, idx: usize, width: usize);

    /// `segment` met a char for which `UNSTABLE` is set, before reporting
    /// the opportunity after it.
    #[inline(always)]
    fn unstable(&mut self) {}

    /// An opportunity of `segment`'s plain loop whose word was started by
    /// that loop: ASCII letters or digits up to byte `end`, then spaces up
    /// to `idx`.
    #[inline(always)]
    fn plain_opp(&mut self, idx: usize, width: usize, end: usize) {
        let _ = end;
        self.opp(idx, width);
    }

    /// From `pos` (after ASCII letters/digits, width `width` before it),
    /// while there is one space and then a letter or digit: the opportunity
    /// after the space (`plain_opp` if `in_loop`, i.e. the open word started
    /// at such an opportunity and its letters end at `end`), then the run of
    /// letters/digits. Returns the new `(pos, width, end, in_loop)`. Out of
    /// line: a tight loop of its own for the commonest text.
    #[inline(never)]
    fn plain_words(
        &mut self,
        bytes: &[u8],
        pos: usize,
        width: usize,
        end: usize,
        in_loop: bool,
    ) -> (usize, usize, usize, bool) {
        plain_words_loop(self, bytes, pos, width, end, in_loop)
    }
}

/// The default `Opportunity::plain_words`, a word at a time.
#[inline(always)]
pub(crate) fn plain_words_loop<F: Opportunity + ?Sized>(
    f: &mut F,
    bytes: &[u8],
    mut pos: usize,
    mut width: usize,
    mut end: usize,
    mut in_loop: bool,
) -> (usize, usize, usize, bool) {
    {
        while bytes.get(pos) == Some(&b' ')
            && bytes.get(pos + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            end = pos;
            pos += 1;
            width += 1;
            if in_loop {
                f.plain_opp(pos, width, end);
            } else {
                f.opp(pos, width);
            }
            in_loop = true;
            let n = alnum_len(bytes.get(pos..).unwrap_or_default());
            pos += n;
            width += n;
        }
        (pos, width, end, in_loop)
    }
}

impl<F: FnMut(usize, usize)> Opportunity for F {
    #[inline(always)]
    fn opp(&mut self, idx: usize, width: usize) {
        self(idx, width)
    }
}

/// A cursor over the chars of a paragraph: byte offset, line-break class and
/// the display width of everything before the char. Stops (with `bad` set) at
/// a char the fast engine does not handle.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    width: usize,
    bad: bool,
    rules: &'a Rules,
}

#[derive(Clone, Copy)]
struct Item {
    pos: usize,
    prop: u8,
    width_before: usize,
    /// The char's lowercase has another UTF-8 length (see `UNSTABLE`).
    unstable: bool,
}

impl Cursor<'_> {
    /// Skip ASCII letters and digits (each one column wide).
    #[inline(always)]
    fn skip_ascii_alnum(&mut self) {
        let n = alnum_len(self.bytes.get(self.pos..).unwrap_or_default());
        self.pos += n;
        self.width += n;
    }

    #[inline(always)]
    fn next_item(&mut self) -> Option<Item> {
        let b0 = *self.bytes.get(self.pos)?;
        let at = self.pos;
        let e = if b0 < 0x80 {
            self.pos += 1;
            self.rules.bmp.get(usize::from(b0)).copied().unwrap_or(BAD)
        } else {
            // Decode one UTF-8 sequence of a valid str.
            let cont = |i: usize| u32::from(self.bytes.get(at + i).copied().unwrap_or(0) & 0x3f);
            let (cp, len) = if b0 < 0xe0 {
                ((u32::from(b0 & 0x1f) << 6) | cont(1), 2)
            } else if b0 < 0xf0 {
                ((u32::from(b0 & 0x0f) << 12) | (cont(1) << 6) | cont(2), 3)
            } else {
                let cp = (u32::from(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
                (cp, 4)
            };
            self.pos += len;
            match self.rules.bmp.get(cp as usize) {
                Some(&e) => e,
                None => self.rules.entry(cp),
            }
        };
        if e & BAD != 0 {
            self.bad = true;
            self.pos = at;
            return None;
        }
        let width_before = self.width;
        self.width += usize::from((e >> WIDTH_SHIFT) & 0x7);
        Some(Item {
            pos: at,
            prop: (e & 0x7f) as u8,
            width_before,
            unstable: e & UNSTABLE != 0,
        })
    }
}

/// Calls `f(idx, width)` for each break opportunity of the segmenter, where
/// `width` is the display width of `para[..idx]`, excluding 0 (the segmenter's
/// first item) and including the end of a non-empty text. Returns false,
/// possibly after some calls, if the paragraph holds a char the fast engine
/// does not handle (CM, ZWJ, SA): the calls made are then void.
///
/// This is `LineBreakIteratorV1::next` (icu_segmenter `line/v1.rs`) without its
/// LB9/LB8a, complex-script and CSS-option branches, run as one loop.
#[inline]
pub(crate) fn segment<F: Opportunity + ?Sized>(r: &Rules, para: &str, f: &mut F) -> bool {
    let mut it = Cursor {
        bytes: para.as_bytes(),
        pos: 0,
        width: 0,
        bad: false,
        rules: r,
    };
    let Some(first) = it.next_item() else {
        return !it.bad;
    };
    if first.unstable {
        f.unstable();
    }
    let mut left = first.prop;
    loop {
        if r.plain {
            // ASCII letters, digits and spaces after AL, NU or SP: the table
            // entries between these classes are Keep, except SP before AL/NU
            // (Break), so no table lookup is needed (see `Rules::plain`).
            // Anything else goes to the table with the exact `left`.
            // `in_loop`: the open word started at an opportunity of this
            // loop (so it is letters/digits up to `end`, then spaces).
            let mut in_loop = false;
            let mut end = 0;
            while let Some(&b) = it.bytes.get(it.pos) {
                if b == b' ' {
                    if left == AL || left == NU {
                        end = it.pos;
                    } else if left != SP {
                        break;
                    }
                    it.pos += 1;
                    it.width += 1;
                    left = SP;
                } else if b.is_ascii_alphanumeric() {
                    if left == SP {
                        if in_loop {
                            f.plain_opp(it.pos, it.width, end);
                        } else {
                            f.opp(it.pos, it.width);
                        }
                        in_loop = true;
                    } else if left != AL && left != NU {
                        break;
                    }
                    it.skip_ascii_alnum();
                    if it.bytes.get(it.pos) == Some(&b' ') {
                        // The common case: one space, then the next word.
                        let words = f.plain_words(it.bytes, it.pos, it.width, end, in_loop);
                        (it.pos, it.width, end, in_loop) = words;
                    }
                    let last = it.bytes.get(it.pos.wrapping_sub(1)).copied();
                    left = if last.is_some_and(|b| b.is_ascii_digit()) {
                        NU
                    } else {
                        AL
                    };
                } else {
                    break;
                }
            }
        }
        let Some(right) = it.next_item() else {
            break;
        };
        if right.unstable {
            f.unstable();
        }
        let st = r.state(left, right.prop);
        left = right.prop;
        if st == KEEP {
            continue;
        }
        if st < INDEX {
            // Break, or NoMatch at the first pair: break before `right`.
            f.opp(right.pos, right.width_before);
            continue;
        }
        let mut index = (st & 0xff) as u8;
        // Multi-char rule: look ahead, remembering where to back off to.
        let mut prev_iter = it;
        let mut prev_cur = right;
        loop {
            let was_cp = index <= r.last_cp;
            let Some(item) = it.next_item() else {
                if !it.bad && r.state(index, r.eot) == NO_MATCH {
                    it = prev_iter;
                    left = prev_cur.prop;
                    f.opp(prev_cur.pos, prev_cur.width_before);
                    break;
                }
                // End of text (or a bad char).
                if it.bad {
                    return false;
                }
                f.opp(para.len(), it.width);
                return true;
            };
            if item.unstable {
                f.unstable();
            }
            let st = r.state(index, item.prop);
            match st {
                KEEP => {
                    left = item.prop;
                    break;
                }
                NO_MATCH => {
                    it = prev_iter;
                    left = prev_cur.prop;
                    f.opp(prev_cur.pos, prev_cur.width_before);
                    break;
                }
                BREAK => {
                    left = item.prop;
                    f.opp(item.pos, item.width_before);
                    break;
                }
                _ => {
                    index = (st & 0xff) as u8;
                    if st & INTERMEDIATE != 0 || was_cp {
                        prev_iter = it;
                        prev_cur = item;
                    }
                }
            }
        }
    }
    if it.bad {
        return false;
    }
    f.opp(para.len(), it.width);
    true
}

#[cfg(test)]
mod parity;

#[cfg(test)]
mod tests {
    #[test]
    fn punctuation_is_plain() {
        assert!(super::rules().is_some_and(|r| r.plain && r.plain_punct));
    }
}
