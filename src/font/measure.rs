//! Widths in px for the pixel line breaker: a fallback chain of fonts (faces read from files, or
//! metrics tables) at a size, with letter and word spacing, behind a word-width cache.

use std::collections::HashMap;
use std::sync::Arc;

use unicode_width::UnicodeWidthChar;

use super::face::{Face, Shaper};
use super::table::Metrics;
use crate::text::pixel::{cjk_adjacent_trim, Advances, Piece};

/// One font of a fallback chain.
#[derive(Clone, Debug)]
pub enum Font {
    /// A face read from a file: runs are shaped with harfrust.
    Face(Arc<Face>),
    /// A metrics table (see [`Metrics::from_face`]): advances plus pair kerning.
    Metrics(Arc<Metrics>),
    /// A built-in metrics table (see [`crate::font::builtin`]).
    Builtin(&'static Metrics),
}

impl Font {
    /// Whether this font maps `c`.
    pub fn covers(&self, c: char) -> bool {
        match self {
            Font::Face(f) => f.covers(c),
            Font::Metrics(m) => m.covers(c),
            Font::Builtin(m) => m.covers(c),
        }
    }

    fn upem(&self) -> f64 {
        f64::from(match self {
            Font::Face(f) => f.units_per_em(),
            Font::Metrics(m) => m.units_per_em(),
            Font::Builtin(m) => m.units_per_em(),
        })
    }

    fn table(&self) -> Option<&Metrics> {
        match self {
            Font::Face(_) => None,
            Font::Metrics(m) => Some(m),
            Font::Builtin(m) => Some(m),
        }
    }

    fn notdef_units(&self) -> f64 {
        match self {
            Font::Face(f) => f64::from(f.glyph_advance(0)),
            Font::Metrics(m) => f64::from(m.notdef_advance()),
            Font::Builtin(m) => f64::from(m.notdef_advance()),
        }
    }

    fn hyphen(&self) -> char {
        match self {
            Font::Face(f) => {
                if f.covers('\u{2010}') {
                    '\u{2010}'
                } else {
                    '-'
                }
            }
            Font::Metrics(m) => m.hyphen(),
            Font::Builtin(m) => m.hyphen(),
        }
    }
}

/// The CSS that changes widths: `font-size`, `letter-spacing`, `word-spacing`, in px.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct TextStyle {
    /// `font-size` in px.
    pub size_px: f64,
    /// `letter-spacing` in px, added after every character.
    pub letter_spacing_px: f64,
    /// `word-spacing` in px, added to every space.
    pub word_spacing_px: f64,
}

impl TextStyle {
    /// A style at `size_px` with no extra spacing.
    pub fn new(size_px: f64) -> TextStyle {
        TextStyle {
            size_px,
            letter_spacing_px: 0.0,
            word_spacing_px: 0.0,
        }
    }

    /// The same style with `letter-spacing` and `word-spacing` set.
    pub fn with_spacing(mut self, letter_spacing_px: f64, word_spacing_px: f64) -> TextStyle {
        self.letter_spacing_px = letter_spacing_px;
        self.word_spacing_px = word_spacing_px;
        self
    }
}

/// Characters that take no room: soft hyphen (a hyphen is drawn only at a break), zero-width
/// space and joiners, word joiner, BOM, bidirectional controls, variation selectors.
pub(crate) fn is_ignorable(c: char) -> bool {
    matches!(c as u32, 0xAD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFE00..=0xFE0F)
}

/// Combining marks and joiners stay in the font of the character they follow (Chromium falls
/// back per grapheme cluster).
fn is_extending(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5
        | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8 | 0x06EA..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957
        | 0x0962..=0x0963 | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// `x.round() as i64` without the libm call (`round` is one on baseline x86-64).
#[inline]
fn round_half_away(x: f64) -> i64 {
    if x >= 0.0 {
        (x + 0.5) as i64
    } else {
        -((0.5 - x) as i64)
    }
}

/// Where a character is set: a font of the chain, or nowhere (last-resort widths).
const NOWHERE: usize = usize::MAX;

/// Largest number of cached runs; the cache starts over when full (a long-running server sees
/// an unbounded vocabulary).
const CACHE_LIMIT: usize = 200_000;

/// Widths of runs in a chain of fonts at one [`TextStyle`]: the first font that maps a character
/// sets it; a character no font maps is 1 em if it is wide (CJK ideographs, kana, Hangul,
/// fullwidth forms: the width every CJK face gives them), else the first font's `.notdef` box.
///
/// ```
/// use adslot::font::{FontStack, TextStyle};
/// use adslot::text::pixel::{Advances, PixelBreaker, PixelOptions};
///
/// let mut times = FontStack::builtin("times", TextStyle::new(17.0))?;
/// // Liberation Serif: "a" is 909 units of 2048; "AV" is kerned.
/// assert!((times.width("a") - 909.0 * 17.0 / 2048.0).abs() < 1e-9);
/// assert!(times.width("AV") < times.width("A") + times.width("V"));
/// assert_eq!(times.width("漢字"), 34.0); // no CJK face in the chain: 1 em each
///
/// let text = "The council voted on Monday to approve a budget that funds the new library.";
/// let lines = PixelBreaker::new().count_lines(text, &mut times, &PixelOptions::new(343.0));
/// assert_eq!(lines, 2);
/// # Ok::<(), adslot::font::FontError>(())
/// ```
pub struct FontStack {
    fonts: Vec<Font>,
    shapers: Vec<Shaper>,
    style: TextStyle,
    cache: HashMap<Box<str>, Piece, foldhash::fast::FixedState>,
    hyphen: Option<f64>,
    pairs: HashMap<(char, char), f64, foldhash::fast::FixedState>,
    glyphs: Vec<(u32, f32)>,
}

impl std::fmt::Debug for FontStack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontStack")
            .field("fonts", &self.fonts)
            .field("style", &self.style)
            .field("cached", &self.cache.len())
            .finish()
    }
}

impl FontStack {
    /// A chain of `fonts` (first is the primary) at `style`.
    pub fn new(fonts: Vec<Font>, style: TextStyle) -> FontStack {
        let shapers = fonts.iter().map(|_| Shaper::default()).collect();
        FontStack {
            fonts,
            shapers,
            style,
            cache: HashMap::with_hasher(foldhash::fast::FixedState::default()),
            hyphen: None,
            pairs: HashMap::with_hasher(foldhash::fast::FixedState::default()),
            glyphs: Vec::new(),
        }
    }

    /// The built-in family `family` (regular) alone, at `style`.
    pub fn builtin(family: &str, style: TextStyle) -> Result<FontStack, super::FontError> {
        let m = super::builtin::family(family)?.regular();
        Ok(FontStack::new(vec![Font::Builtin(m)], style))
    }

    /// The style the widths are for.
    pub fn style(&self) -> TextStyle {
        self.style
    }

    /// The fonts of the chain.
    pub fn fonts(&self) -> &[Font] {
        &self.fonts
    }

    /// Whether fullwidth CJK punctuation is trimmed (`text-spacing-trim`), as Chromium does when
    /// the face that sets it has the OpenType `halt` feature: true when the first font of the
    /// chain that maps `。` is such a face, or when none does (the system's CJK face then sets
    /// it, and the common ones, Noto Sans CJK, PingFang, Yu Gothic, Microsoft YaHei, have it).
    pub fn trims_cjk_punctuation(&self) -> bool {
        self.trims(self.font_for('。'))
    }

    fn trims(&self, font: usize) -> bool {
        match self.fonts.get(font) {
            None => true,
            Some(Font::Face(f)) => f.has_feature(*b"halt"),
            Some(_) => false,
        }
    }

    /// Number of runs in the width cache.
    pub fn cached_runs(&self) -> usize {
        self.cache.len()
    }

    fn font_for(&self, c: char) -> usize {
        self.fonts
            .iter()
            .position(|f| f.covers(c))
            .unwrap_or(NOWHERE)
    }

    /// Width of `run` in px, without the cache.
    pub fn measure(&mut self, run: &str) -> f64 {
        let mut total = 0.0;
        let mut seg_start = 0;
        let mut seg_font = NOWHERE;
        let mut first = true;
        let mut spacing = 0.0;
        for (i, c) in run.char_indices() {
            if is_ignorable(c) {
                continue;
            }
            if !is_extending(c) {
                spacing += self.style.letter_spacing_px;
                if c == ' ' || c == '\u{a0}' {
                    spacing += self.style.word_spacing_px;
                }
            }
            let f = if is_extending(c) && !first {
                seg_font
            } else {
                self.font_for(c)
            };
            if first {
                seg_font = f;
                first = false;
            } else if f != seg_font {
                total += self.segment(&run[seg_start..i], seg_font);
                seg_start = i;
                seg_font = f;
            }
        }
        if !first {
            total += self.segment(&run[seg_start..], seg_font);
        }
        total + spacing
    }

    /// Width of a run set in one font, in px. Each glyph's advance (kerning included) is
    /// rounded to HarfBuzz's 16.16 fixed-point positions, as in the browser, so long lines add
    /// up as Chromium's do.
    fn segment(&mut self, seg: &str, font: usize) -> f64 {
        let size = self.style.size_px;
        if font == NOWHERE {
            let notdef = self
                .fonts
                .first()
                .map_or(0.5, |f| f.notdef_units() / f.upem());
            let mut ems = 0.0;
            let mut prev = '\0';
            for c in seg
                .chars()
                .filter(|&c| !is_ignorable(c) && !is_extending(c))
            {
                ems += if c.width() == Some(2) { 1.0 } else { notdef };
                if cjk_adjacent_trim(prev, c) {
                    ems -= 0.5;
                }
                prev = c;
            }
            return ems * size;
        }
        let f = &self.fonts[font];
        let k = size * 65536.0 / f.upem();
        let q = |units: f64| round_half_away(units * k);
        let mut fixed = 0i64;
        if let Some(m) = f.table() {
            let mut prev: Option<usize> = None;
            let (mut c1, mut c2) = ('\0', '\0');
            for c in seg.chars() {
                if is_ignorable(c) {
                    continue;
                }
                match m.index(c) {
                    Some(i) => {
                        // Advance and adjustments are scaled and rounded apart, as HarfBuzz
                        // positions them (and as joins between runs add up).
                        fixed += q(f64::from(m.advance_at(i)));
                        let mut adjust = 0i32;
                        if let Some(p) = prev {
                            adjust += i32::from(m.kern_at(p, i));
                        }
                        if m.has_triples() {
                            adjust += i32::from(m.triple(c2, c1, c).unwrap_or(0));
                            (c2, c1) = (c1, c);
                        }
                        if adjust != 0 {
                            fixed += q(f64::from(adjust));
                        }
                        prev = Some(i);
                    }
                    None => {
                        fixed += q(f64::from(m.notdef_advance()));
                        prev = None;
                    }
                }
            }
        } else if let Font::Face(face) = f {
            let mut glyphs = std::mem::take(&mut self.glyphs);
            face.shape(seg, &mut self.shapers[font], &mut glyphs);
            fixed = glyphs.iter().map(|g| q(f64::from(g.1))).sum();
            self.glyphs = glyphs;
            if self.trims(font) {
                let mut prev = '\0';
                for c in seg.chars() {
                    if cjk_adjacent_trim(prev, c) {
                        fixed -= q(0.5 * f.upem());
                    }
                    prev = c;
                }
            }
        }
        fixed as f64 / 65536.0
    }
}

impl FontStack {
    fn pair(&mut self, left: char, right: char) -> f64 {
        if is_ignorable(left) || is_ignorable(right) {
            return 0.0;
        }
        let (a, b) = (self.font_for(left), self.font_for(right));
        if a != b {
            return 0.0;
        }
        if cjk_adjacent_trim(left, right) && self.trims(a) {
            let em = self.fonts.get(a).map_or(1.0, |f| match f {
                Font::Face(face) => face.advance(right).map_or(1.0, |w| f64::from(w) / f.upem()),
                _ => 1.0,
            });
            return -0.5 * em * self.style.size_px;
        }
        if a == NOWHERE {
            return 0.0;
        }
        let scale = self.style.size_px / self.fonts[a].upem();
        match &self.fonts[a] {
            Font::Face(face) => {
                let face = Arc::clone(face);
                let adj = face.pair_adjustment(left, right, None, &mut self.shapers[a]);
                f64::from(adj.unwrap_or(0.0)) * scale
            }
            font => font
                .table()
                .map_or(0.0, |m| f64::from(m.kern(left, right)) * scale),
        }
    }
}

impl Advances for FontStack {
    fn width(&mut self, run: &str) -> f64 {
        self.piece(run).width
    }

    fn piece(&mut self, run: &str) -> Piece {
        if let Some(&p) = self.cache.get(run) {
            return p;
        }
        let (Some(first), Some(last)) = (run.chars().next(), run.chars().next_back()) else {
            return Piece::default();
        };
        let p = Piece {
            width: self.measure(run),
            lead: self.kern(' ', first),
            tail: self.kern(last, ' '),
        };

        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        self.cache.insert(run.into(), p);
        p
    }

    fn kern(&mut self, left: char, right: char) -> f64 {
        // The common case, both characters in a table-backed first font: a direct lookup.
        if let Some(m) = self.fonts.first().and_then(Font::table) {
            if let (Some(a), Some(b)) = (m.index(left), m.index(right)) {
                if !is_ignorable(left) && !is_ignorable(right) {
                    let k = m.kern_at(a, b);
                    if k == 0 {
                        return 0.0;
                    }
                    let scale = self.style.size_px / f64::from(m.units_per_em());
                    return round_half_away(f64::from(k) * scale * 65536.0) as f64 / 65536.0;
                }
            }
        }
        if let Some(&k) = self.pairs.get(&(left, right)) {
            return k;
        }
        let k = self.pair(left, right);
        if self.pairs.len() >= CACHE_LIMIT {
            self.pairs.clear();
        }
        self.pairs.insert((left, right), k);
        k
    }

    fn hyphen_width(&mut self) -> f64 {
        if let Some(w) = self.hyphen {
            return w;
        }
        let c = self.fonts.first().map_or('-', Font::hyphen);
        let mut b = [0u8; 4];
        let w = self.measure(c.encode_utf8(&mut b));
        self.hyphen = Some(w);
        w
    }
}
