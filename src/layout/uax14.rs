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
//! result is the segmenter's by construction; tests/linebreak_parity.rs checks
//! it against `LineSegmenter` on random text. Any other paragraph (or a data
//! load failure) goes to the real segmenter.

use std::sync::OnceLock;

use icu_provider::{DataProvider, DataRequest};
use icu_segmenter::provider::{Baked, BreakState, RuleBreakData, SegmenterBreakLineV1};

// Class ids of icu_segmenter 2.x (`RuleBreakData::LINE_PROPERTY_*`, crate-private there).
const CM: u8 = 14;
const ZWJ: u8 = 54;
const AL: u8 = 3;

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

/// Packed per-char entry: class in bits 0..7, width in bits 8..10, BAD flag.
const BAD: u16 = 0x8000;
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
    /// ASCII letters are AL, one column wide, and AL x AL is Keep: a run of
    /// ASCII letters after an AL can be skipped without consulting the table.
    skip_letters: bool,
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
            skip_letters: false,
        };
        r.bmp = (0u32..0x10000).map(|cp| r.entry(cp)).collect();
        let letter = u16::from(AL) | (1 << WIDTH_SHIFT);
        r.skip_letters = r.state(AL, AL) == KEEP
            && (0u8..128)
                .filter(u8::is_ascii_alphabetic)
                .all(|b| r.bmp.get(usize::from(b)) == Some(&letter));
        Some(r)
    }

    /// Packed entry of a code point (surrogates never occur in a str).
    fn entry(&self, cp: u32) -> u16 {
        let p = self.data.property_table.get32(cp);
        let w = char::from_u32(cp).map_or(0, super::linebreak::ch_width);
        let bad = if p == CM || p == ZWJ || p == self.sa || p >= 128 || w > 3 {
            BAD
        } else {
            0
        };
        u16::from(p) | ((w as u16) << WIDTH_SHIFT) | bad
    }

    #[inline(always)]
    fn state(&self, left: u8, right: u8) -> u16 {
        self.table
            .get(usize::from(left) * self.n + usize::from(right))
            .copied()
            .unwrap_or(KEEP)
    }
}

/// Bit 7 of each byte of the result is set iff that byte of `x` (little
/// endian) is not an ASCII letter, except that bytes after the first
/// non-letter may be wrong (carries): only the lowest set bit is meaningful.
#[inline(always)]
fn non_letter_mask(x: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    let l = x | 0x2020_2020_2020_2020; // fold case
    let ge_a = l.wrapping_add(0x1f1f_1f1f_1f1f_1f1f); // byte >= 0x61
    let gt_z = l.wrapping_add(0x0505_0505_0505_0505); // byte >= 0x7b
    (!ge_a | gt_z | x) & HI
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
}

impl Cursor<'_> {
    /// Skip ASCII letters (each one column wide).
    #[inline(always)]
    fn skip_ascii_letters(&mut self) {
        let start = self.pos;
        let mut pos = start;
        // Eight bytes at a time: the first non-letter is the lowest flagged byte.
        while let Some(chunk) = self.bytes.get(pos..).and_then(|s| s.first_chunk::<8>()) {
            let m = non_letter_mask(u64::from_le_bytes(*chunk));
            if m != 0 {
                pos += (m.trailing_zeros() / 8) as usize;
                self.width += pos - start;
                self.pos = pos;
                return;
            }
            pos += 8;
        }
        let rest = self.bytes.get(pos..).unwrap_or_default();
        pos += rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        self.width += pos - start;
        self.pos = pos;
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
pub(crate) fn segment<F: FnMut(usize, usize)>(r: &Rules, para: &str, mut f: F) -> bool {
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
    let mut left = first.prop;
    loop {
        if left == AL && r.skip_letters {
            it.skip_ascii_letters();
        }
        let Some(right) = it.next_item() else {
            break;
        };
        let st = r.state(left, right.prop);
        left = right.prop;
        if st == KEEP {
            continue;
        }
        if st < INDEX {
            // Break, or NoMatch at the first pair: break before `right`.
            f(right.pos, right.width_before);
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
                    f(prev_cur.pos, prev_cur.width_before);
                    break;
                }
                // End of text (or a bad char).
                if it.bad {
                    return false;
                }
                f(para.len(), it.width);
                return true;
            };
            let st = r.state(index, item.prop);
            match st {
                KEEP => {
                    left = item.prop;
                    break;
                }
                NO_MATCH => {
                    it = prev_iter;
                    left = prev_cur.prop;
                    f(prev_cur.pos, prev_cur.width_before);
                    break;
                }
                BREAK => {
                    left = item.prop;
                    f(item.pos, item.width_before);
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
    f(para.len(), it.width);
    true
}

/// The segmenter's opportunities for `para` via the fast engine, or None if
/// the paragraph needs the real segmenter. For tests.
#[doc(hidden)]
pub fn fast_opportunities(para: &str) -> Option<Vec<usize>> {
    let mut v = Vec::new();
    segment(rules()?, para, |i, _| v.push(i)).then_some(v)
}

/// Fast-engine opportunities with the display width before each. For tests.
#[doc(hidden)]
pub fn fast_opportunities_with_width(para: &str) -> Option<Vec<(usize, usize)>> {
    let mut v = Vec::new();
    segment(rules()?, para, |i, w| v.push((i, w))).then_some(v)
}

/// Whether the fast engine handles `para`. For coverage statistics.
#[doc(hidden)]
pub fn is_fast(para: &str) -> bool {
    fast_opportunities(para).is_some()
}

#[cfg(test)]
mod tests {
    use super::non_letter_mask;

    #[test]
    fn letter_mask_finds_first_non_letter() {
        for b in 0u8..=255 {
            for at in 0..8 {
                let mut bytes = *b"abcdWXYZ";
                bytes[at] = b;
                let m = non_letter_mask(u64::from_le_bytes(bytes));
                let want = if b.is_ascii_alphabetic() { 8 } else { at };
                let got = if m == 0 {
                    8
                } else {
                    (m.trailing_zeros() / 8) as usize
                };
                assert_eq!(got, want, "byte {b:#x} at {at}");
            }
        }
    }
}
