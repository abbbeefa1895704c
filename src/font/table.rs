//! Compact metrics tables: a face's advances and pair kerning for the characters news text uses,
//! in a small binary format (the built-in faces under `fonts/`, and what `adslot font` writes).
//!
//! Format (little-endian), version 1:
//!
//! ```text
//! magic  "ADSLOTM1"
//! u16    units per em
//! i16    ascent, descent (negative), line gap        (font units)
//! u16    advance used for a missing glyph (.notdef)
//! u32    the hyphen character drawn at a soft-hyphen break (U+2010 if mapped, else '-')
//! str    family, style, source                         (u8 length + UTF-8)
//! u16    range count, then per range: u32 first code point, u16 length
//! u16    one advance per covered character, in range order
//! u16    left class count L, right class count R       (classes are 1-based; 0 = no kerning)
//! if L > 0:
//!   u8/u16 left class per character, then right class per character (u8 when L and R < 256)
//!   per left class 1..=L: u16 n, then n pairs (u8/u16 right class, i16 value), by right class
//! u16    three-character ligature count, then per ligature: three u32 code points and the i16
//!        correction to what the pairs give (`ffi`, `ffl`: the pairs `ff` and `fi` store what
//!        their own ligatures save)
//! ```
//!
//! The kerning is stored as classes the way GPOS pair adjustment format 2 does: characters whose
//! kerning rows are identical share a left class, whose columns are identical a right class, so
//! a face with thousands of pairs stays a few kilobytes.

use super::error::FontError;

pub(crate) const MAGIC: &[u8; 8] = b"ADSLOTM1";

/// Class kerning as the generator makes it: left class per character, right class per
/// character, the class counts, and the dense class matrix.
pub(crate) type ClassKerning = (Vec<u16>, Vec<u16>, u16, u16, Vec<i16>);

/// A face's metrics as a compact table: advances and class-based pair kerning, in font units.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    pub(crate) family: String,
    pub(crate) style: String,
    pub(crate) source: String,
    pub(crate) upem: u16,
    pub(crate) ascent: i16,
    pub(crate) descent: i16,
    pub(crate) line_gap: i16,
    pub(crate) notdef: u16,
    pub(crate) hyphen: char,
    /// Sorted, disjoint ranges: (first code point, length, index of the first advance).
    pub(crate) ranges: Vec<(u32, u16, u32)>,
    pub(crate) advances: Vec<u16>,
    pub(crate) left: Vec<u16>,
    pub(crate) right: Vec<u16>,
    pub(crate) n_left: u16,
    pub(crate) n_right: u16,
    /// Dense `n_left * n_right` matrix, row-major, class `c` at `c - 1`.
    pub(crate) kern: Vec<i16>,
    /// Three-character ligatures: the characters and the correction to their pair sums.
    pub(crate) triples: Vec<([char; 3], i16)>,
    /// Index + 1 of each U+0000..U+00FF character (0: not covered), for the common case.
    latin1: Vec<u16>,
}

impl Metrics {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn assemble(
        family: String,
        style: String,
        source: String,
        upem: u16,
        (ascent, descent, line_gap): (i16, i16, i16),
        notdef: u16,
        hyphen: char,
        chars_advances: &[(char, u16)],
        kerning: Option<ClassKerning>,
        triples: Vec<([char; 3], i16)>,
    ) -> Metrics {
        let mut ranges: Vec<(u32, u16, u32)> = Vec::new();
        let mut advances = Vec::with_capacity(chars_advances.len());
        for (i, &(c, adv)) in chars_advances.iter().enumerate() {
            let cp = c as u32;
            match ranges.last_mut() {
                Some((start, len, _)) if *start + u32::from(*len) == cp && *len < u16::MAX => {
                    *len += 1
                }
                _ => ranges.push((cp, 1, i as u32)),
            }
            advances.push(adv);
        }
        let n = advances.len();
        let (left, right, n_left, n_right, kern) =
            kerning.unwrap_or_else(|| (vec![0; n], vec![0; n], 0, 0, Vec::new()));
        let mut m = Metrics {
            family,
            style,
            source,
            upem,
            ascent,
            descent,
            line_gap,
            notdef,
            hyphen,
            ranges,
            advances,
            left,
            right,
            n_left,
            n_right,
            kern,
            triples,
            latin1: Vec::new(),
        };
        m.index_latin1();
        m
    }

    fn index_latin1(&mut self) {
        let mut latin1 = vec![0u16; 256];
        for (cp, slot) in latin1.iter_mut().enumerate() {
            if let Some(i) = self.lookup(cp as u32) {
                *slot = i as u16 + 1;
            }
        }
        self.latin1 = latin1;
    }

    fn lookup(&self, cp: u32) -> Option<usize> {
        let i = self.ranges.partition_point(|r| r.0 <= cp).checked_sub(1)?;
        let (start, len, first) = self.ranges[i];
        (cp < start + u32::from(len)).then(|| (first + cp - start) as usize)
    }

    /// The table's index for `c` (its position among the covered characters), if covered.
    #[inline]
    pub fn index(&self, c: char) -> Option<usize> {
        let cp = c as u32;
        if cp < 256 {
            let i = self.latin1[cp as usize];
            return (i != 0).then(|| usize::from(i - 1));
        }
        self.lookup(cp)
    }

    /// Whether the table holds `c`.
    pub fn covers(&self, c: char) -> bool {
        self.index(c).is_some()
    }

    /// Advance of the character at `index` (from [`Metrics::index`]) in font units.
    #[inline]
    pub fn advance_at(&self, index: usize) -> u16 {
        self.advances[index]
    }

    /// Advance of `c` in font units, if covered.
    pub fn advance(&self, c: char) -> Option<u16> {
        self.index(c).map(|i| self.advances[i])
    }

    /// Pair kerning between the characters at two indices, in font units (0 when none).
    #[inline]
    pub fn kern_at(&self, left: usize, right: usize) -> i16 {
        let (l, r) = (self.left[left], self.right[right]);
        if l == 0 || r == 0 {
            return 0;
        }
        self.kern[usize::from(l - 1) * usize::from(self.n_right) + usize::from(r - 1)]
    }

    /// Pair kerning between two characters in font units (0 when none or not covered).
    ///
    /// ```
    /// let times = adslot::font::builtin("times").unwrap();
    /// assert!(times.kern('A', 'V') < 0); // "AV" sets tighter than its two advances
    /// assert_eq!(times.kern('x', 'x'), 0);
    /// ```
    pub fn kern(&self, left: char, right: char) -> i16 {
        match (self.index(left), self.index(right)) {
            (Some(a), Some(b)) => self.kern_at(a, b),
            _ => 0,
        }
    }

    /// The correction, in font units, for the three-character ligature `a b c` (`ffi`) on top of
    /// its two pairs' kerning, if the face has one.
    #[inline]
    pub fn triple(&self, a: char, b: char, c: char) -> Option<i16> {
        if self.triples.is_empty() {
            return None;
        }
        self.triples
            .iter()
            .find(|(t, _)| *t == [a, b, c])
            .map(|(_, v)| *v)
    }

    /// Whether any three-character ligature ends in `c` (a quick test before [`Metrics::triple`]).
    #[inline]
    pub fn has_triples(&self) -> bool {
        !self.triples.is_empty()
    }

    /// Design units per em.
    pub fn units_per_em(&self) -> u16 {
        self.upem
    }

    /// Family name of the face the table was made from.
    pub fn family(&self) -> &str {
        &self.family
    }

    /// Style name of the face the table was made from.
    pub fn style(&self) -> &str {
        &self.style
    }

    /// Where the table came from (the font file's name).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Ascent, descent (negative) and line gap in font units.
    pub fn line_metrics(&self) -> (i16, i16, i16) {
        (self.ascent, self.descent, self.line_gap)
    }

    /// Advance of the `.notdef` glyph, drawn for characters no face maps.
    pub fn notdef_advance(&self) -> u16 {
        self.notdef
    }

    /// The character drawn as the hyphen at a soft-hyphen break.
    pub fn hyphen(&self) -> char {
        self.hyphen
    }

    /// Number of characters covered.
    pub fn char_count(&self) -> usize {
        self.advances.len()
    }

    /// Number of kerning pairs (character pairs with a non-zero adjustment).
    pub fn kerning_pair_count(&self) -> usize {
        let mut left_sizes = vec![0usize; usize::from(self.n_left) + 1];
        let mut right_sizes = vec![0usize; usize::from(self.n_right) + 1];
        for &l in &self.left {
            left_sizes[usize::from(l)] += 1;
        }
        for &r in &self.right {
            right_sizes[usize::from(r)] += 1;
        }
        let nr = usize::from(self.n_right).max(1);
        self.kern
            .iter()
            .enumerate()
            .filter(|(_, v)| **v != 0)
            .map(|(i, _)| left_sizes[i / nr + 1] * right_sizes[i % nr + 1])
            .sum()
    }

    /// Every covered character, in order.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.ranges
            .iter()
            .flat_map(|&(start, len, _)| (start..start + u32::from(len)).filter_map(char::from_u32))
    }

    /// The table in the binary format described in the module docs.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(2048);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.upem.to_le_bytes());
        out.extend_from_slice(&self.ascent.to_le_bytes());
        out.extend_from_slice(&self.descent.to_le_bytes());
        out.extend_from_slice(&self.line_gap.to_le_bytes());
        out.extend_from_slice(&self.notdef.to_le_bytes());
        out.extend_from_slice(&(self.hyphen as u32).to_le_bytes());
        for s in [&self.family, &self.style, &self.source] {
            let b = s.as_bytes();
            let b = &b[..b.len().min(255)];
            out.push(b.len() as u8);
            out.extend_from_slice(b);
        }
        out.extend_from_slice(&(self.ranges.len() as u16).to_le_bytes());
        for &(start, len, _) in &self.ranges {
            out.extend_from_slice(&start.to_le_bytes());
            out.extend_from_slice(&len.to_le_bytes());
        }
        for a in &self.advances {
            out.extend_from_slice(&a.to_le_bytes());
        }
        out.extend_from_slice(&self.n_left.to_le_bytes());
        out.extend_from_slice(&self.n_right.to_le_bytes());
        if self.n_left > 0 {
            let narrow = self.n_left < 256 && self.n_right < 256;
            let class = |out: &mut Vec<u8>, c: u16| {
                if narrow {
                    out.push(c as u8);
                } else {
                    out.extend_from_slice(&c.to_le_bytes());
                }
            };
            for &c in self.left.iter().chain(&self.right) {
                class(&mut out, c);
            }
            let nr = usize::from(self.n_right);
            for row in self.kern.chunks(nr.max(1)) {
                let pairs: Vec<(usize, i16)> = row
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| **v != 0)
                    .map(|(r, v)| (r, *v))
                    .collect();
                out.extend_from_slice(&(pairs.len() as u16).to_le_bytes());
                for (r, v) in pairs {
                    class(&mut out, r as u16 + 1);
                    out.extend_from_slice(&v.to_le_bytes());
                }
            }
        }
        out.extend_from_slice(&(self.triples.len() as u16).to_le_bytes());
        for (chars, v) in &self.triples {
            for c in chars {
                out.extend_from_slice(&(*c as u32).to_le_bytes());
            }
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Reads a table written by [`Metrics::to_bytes`]; `name` labels errors.
    ///
    /// ```
    /// use adslot::font::Metrics;
    /// let times = adslot::font::builtin("times").unwrap();
    /// let again = Metrics::from_bytes("times", &times.to_bytes()).unwrap();
    /// assert_eq!(&again, times);
    /// assert!(Metrics::from_bytes("x.bin", b"ADSLOTM1\x00").is_err());
    /// ```
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Metrics, FontError> {
        let mut r = Reader { name, bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(r.error(0, "not an adslot metrics table (magic `ADSLOTM1` expected)"));
        }
        let upem = r.u16()?;
        if upem == 0 {
            return Err(r.error(8, "units per em is 0"));
        }
        let ascent = r.i16()?;
        let descent = r.i16()?;
        let line_gap = r.i16()?;
        let notdef = r.u16()?;
        let at = r.at;
        let hyphen =
            char::from_u32(r.u32()?).ok_or_else(|| r.error(at, "hyphen is no character"))?;
        let family = r.string()?;
        let style = r.string()?;
        let source = r.string()?;
        let n_ranges = usize::from(r.u16()?);
        let mut ranges = Vec::with_capacity(n_ranges);
        let mut n = 0u32;
        let mut prev_end = 0u32;
        for _ in 0..n_ranges {
            let at = r.at;
            let start = r.u32()?;
            let len = r.u16()?;
            if len == 0
                || start < prev_end
                || start
                    .checked_add(u32::from(len))
                    .is_none_or(|e| e > 0x11_0000)
            {
                return Err(r.error(
                    at,
                    "character ranges must be non-empty, sorted and disjoint",
                ));
            }
            prev_end = start + u32::from(len);
            ranges.push((start, len, n));
            n += u32::from(len);
        }
        let n = n as usize;
        let mut advances = Vec::with_capacity(n);
        for _ in 0..n {
            advances.push(r.u16()?);
        }
        let n_left = r.u16()?;
        let n_right = r.u16()?;
        let (mut left, mut right) = (vec![0u16; n], vec![0u16; n]);
        let mut kern = vec![0i16; usize::from(n_left) * usize::from(n_right)];
        if n_left > 0 {
            let narrow = n_left < 256 && n_right < 256;
            let class = |r: &mut Reader<'_>, max: u16| -> Result<u16, FontError> {
                let at = r.at;
                let c = if narrow {
                    u16::from(r.take(1)?[0])
                } else {
                    r.u16()?
                };
                if c > max {
                    return Err(r.error(at, &format!("kerning class {c} out of range (max {max})")));
                }
                Ok(c)
            };
            for slot in left.iter_mut() {
                *slot = class(&mut r, n_left)?;
            }
            for slot in right.iter_mut() {
                *slot = class(&mut r, n_right)?;
            }
            for row in 0..usize::from(n_left) {
                let count = r.u16()?;
                for _ in 0..count {
                    let at = r.at;
                    let c = class(&mut r, n_right)?;
                    if c == 0 {
                        return Err(r.error(at, "kerning pair with right class 0"));
                    }
                    kern[row * usize::from(n_right) + usize::from(c - 1)] = r.i16()?;
                }
            }
        }
        let n_triples = usize::from(r.u16()?);
        let mut triples = Vec::with_capacity(n_triples);
        for _ in 0..n_triples {
            let mut chars = ['\0'; 3];
            for c in chars.iter_mut() {
                let at = r.at;
                *c = char::from_u32(r.u32()?)
                    .ok_or_else(|| r.error(at, "a ligature character is no character"))?;
            }
            triples.push((chars, r.i16()?));
        }
        if r.at != bytes.len() {
            return Err(r.error(r.at, "trailing bytes after the kerning classes"));
        }
        let mut m = Metrics {
            family,
            style,
            source,
            upem,
            ascent,
            descent,
            line_gap,
            notdef,
            hyphen,
            ranges,
            advances,
            left,
            right,
            n_left,
            n_right,
            kern,
            triples,
            latin1: Vec::new(),
        };
        m.index_latin1();
        Ok(m)
    }
}

struct Reader<'a> {
    name: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, offset: usize, detail: &str) -> FontError {
        FontError::Table {
            name: self.name.to_string(),
            offset,
            detail: detail.to_string(),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], FontError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        match end {
            Some(end) => {
                let s = &self.bytes[self.at..end];
                self.at = end;
                Ok(s)
            }
            None => Err(self.error(self.at, "the table ends early")),
        }
    }

    fn u16(&mut self) -> Result<u16, FontError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn i16(&mut self) -> Result<i16, FontError> {
        let b = self.take(2)?;
        Ok(i16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, FontError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn string(&mut self) -> Result<String, FontError> {
        let len = usize::from(self.take(1)?[0]);
        let at = self.at;
        let b = self.take(len)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.error(at, "a name is not UTF-8"))
    }
}
