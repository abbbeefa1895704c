//! Pixel line breaking as Chromium sets `white-space: normal` text in a column of a given width:
//! break opportunities, hanging spaces, soft hyphens, optional hyphenation, `overflow-wrap:
//! break-word` and CJK punctuation trimming, over widths from an [`Advances`].
//!
//! The font layer (`adslot::font`) implements [`Advances`]; this module knows nothing of fonts.
//!
//! ```
//! use adslot::text::pixel::{Advances, PixelBreaker, PixelOptions};
//!
//! /// Every character 10 px wide: a monospaced stand-in for a font.
//! struct Mono;
//! impl Advances for Mono {
//!     fn width(&mut self, run: &str) -> f64 { 10.0 * run.chars().count() as f64 }
//!     fn hyphen_width(&mut self) -> f64 { 10.0 }
//! }
//!
//! let mut breaker = PixelBreaker::new();
//! let opts = PixelOptions::new(100.0);
//! // "alpha beta" is 100 px: it fits exactly; the trailing space hangs.
//! assert_eq!(breaker.count_lines("alpha beta gamma", &mut Mono, &opts), 2);
//! let lines = breaker.lines("alpha beta gamma", &mut Mono, &opts);
//! assert_eq!(lines[1].range, 11..16);
//! ```

mod breaks;
mod cjk;
mod fit;

use std::ops::Range;

pub use cjk::{cjk_adjacent_trim, cjk_punct, CjkPunct};
pub use fit::PixelBreaker;

/// Widths of text runs in CSS pixels, as the page's font sets them.
///
/// `run` is a piece of one line: it holds no break opportunity that the breaker is going to
/// take, and no leading or trailing collapsible space unless it is exactly `" "`. Implementations
/// include kerning, shaping, letter spacing and word spacing; they should cache (news text
/// repeats its words) and must not allocate per call once warm.
pub trait Advances {
    /// Width in px of `run` set alone.
    fn width(&mut self, run: &str) -> f64;
    /// Width in px of the hyphen drawn when a line breaks at a soft hyphen or a hyphenation
    /// point.
    fn hyphen_width(&mut self) -> f64;
    /// Kerning in px between `left` and `right` when they are set next to each other (the
    /// browser shapes a whole paragraph, so pairs across a space or a break opportunity kern
    /// too; a pair with a hanging space at a line end keeps its adjustment). 0 by default.
    fn kern(&mut self, left: char, right: char) -> f64 {
        let _ = (left, right);
        0.0
    }
    /// A piece as the breaker uses it: its width, and its kerning with a space before it and
    /// after it. Implementations that cache widths should cache these together (one lookup per
    /// piece on the hot path); the default asks [`Advances::width`] and [`Advances::kern`].
    fn piece(&mut self, run: &str) -> Piece {
        let first = run.chars().next().unwrap_or(' ');
        let last = run.chars().next_back().unwrap_or(' ');
        Piece {
            width: self.width(run),
            lead: self.kern(' ', first),
            tail: self.kern(last, ' '),
        }
    }
}

/// A run's width and its kerning with the spaces around it, in px.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Piece {
    /// Width set alone.
    pub width: f64,
    /// Kerning between a space and the run's first character.
    pub lead: f64,
    /// Kerning between the run's last character and a space.
    pub tail: f64,
}

impl<A: Advances + ?Sized> Advances for &mut A {
    fn width(&mut self, run: &str) -> f64 {
        (**self).width(run)
    }
    fn hyphen_width(&mut self) -> f64 {
        (**self).hyphen_width()
    }
    fn kern(&mut self, left: char, right: char) -> f64 {
        (**self).kern(left, right)
    }
    fn piece(&mut self, run: &str) -> Piece {
        (**self).piece(run)
    }
}

/// The en-US hyphenation patterns (`hyphens: auto`), loaded once; `None` if they cannot be.
pub fn en_us_patterns() -> Option<&'static hyphenation::Standard> {
    super::splitter::dictionary(super::Hyphenation::EnUs)
}

/// CSS `hyphens`.
#[derive(Clone, Copy, Debug, Default)]
pub enum Hyphens<'a> {
    /// `hyphens: none`: soft hyphens are no break opportunities.
    None,
    /// `hyphens: manual` (the CSS default): lines may break after a soft hyphen (U+00AD), and
    /// then a hyphen is drawn.
    #[default]
    Manual,
    /// `hyphens: auto`: soft hyphens, and the hyphenation points of a language's patterns
    /// (words of 5 letters or more, at least 2 letters before and after the point).
    Auto(&'a hyphenation::Standard),
}

/// How to break: the column width and the CSS properties that change line breaking.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct PixelOptions<'a> {
    /// The column's content width in CSS px.
    pub width_px: f64,
    /// `overflow-wrap: break-word` (true, the default here as on most news sites) breaks a word
    /// wider than the column between characters; `normal` (false) lets it overflow.
    pub break_words: bool,
    /// `hyphens`.
    pub hyphens: Hyphens<'a>,
    /// `text-spacing-trim: normal` at line starts: a fullwidth opening mark (`「`, `（`...) that
    /// starts a line other than the first is set half-width (Chromium does not trim closing marks
    /// at line ends). Only a CJK font with the OpenType `halt` feature trims (Chromium's rule), so
    /// the font layer says ([`crate::font::FontStack::trims_cjk_punctuation`]); adjacent marks
    /// are the font layer's business too.
    pub trim_cjk: bool,
}

impl<'a> PixelOptions<'a> {
    /// Options for a column `width_px` wide: `overflow-wrap: break-word`, `hyphens: manual`,
    /// no CJK trimming.
    pub fn new(width_px: f64) -> PixelOptions<'a> {
        PixelOptions {
            width_px,
            break_words: true,
            hyphens: Hyphens::Manual,
            trim_cjk: false,
        }
    }

    /// The same options with `hyphens` set.
    pub fn with_hyphens(mut self, hyphens: Hyphens<'a>) -> PixelOptions<'a> {
        self.hyphens = hyphens;
        self
    }

    /// The same options with `overflow-wrap: break-word` (true) or `normal` (false).
    pub fn with_break_words(mut self, break_words: bool) -> PixelOptions<'a> {
        self.break_words = break_words;
        self
    }

    /// The same options with CJK line-edge trimming on or off.
    pub fn with_cjk_trim(mut self, trim: bool) -> PixelOptions<'a> {
        self.trim_cjk = trim;
        self
    }
}

/// One line: where its text is in the source, and whether a hyphen is drawn at its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PixelLine {
    /// Byte range of the line's visible text in the source (hanging spaces excluded).
    pub range: Range<usize>,
    /// A hyphen is drawn after the range (a soft hyphen or hyphenation point was taken).
    pub hyphen: bool,
}
