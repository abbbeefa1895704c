//! Inline runs measured in their own faces: a block's text as the line breaker measures it,
//! each piece set in the stack of the run it is in (bold, italic, smaller) or monospaced.

use std::ops::Range;

use crate::font::FontStack;
use crate::text::pixel::Advances;

/// How a stretch of a block's text is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Setting {
    /// In one of the stacks (by index).
    Stack(usize),
    /// Monospaced: every character this many px wide.
    Mono(f64),
}

/// The widths of a text the breaker is given, where byte ranges of the block's text are set
/// otherwise than in the `base` stack.
///
/// The breaker hands out slices of the text it was given, so where a piece lies in the block's
/// text is its place in that text plus `shift` (negative where a filler for `text-indent`
/// comes before the block's text); a piece that is no slice of it (a hyphen, a space the
/// breaker writes) is set in `base`. A piece across a run's edge is measured part by part (no
/// kerning across a change of font, as browsers shape each font's text apart). A piece's kerning
/// with the spaces around it is the base stack's (the trait's own `piece`).
pub(super) struct RunWidths<'a, K> {
    pub stacks: &'a mut [(K, FontStack)],
    pub base: usize,
    /// The text the breaker is given.
    pub text: &'a str,
    /// Where `text` starts in the block's text (bytes; negative before it).
    pub shift: i64,
    /// The runs, in order, as block-text ranges and their setting.
    pub runs: &'a [(Range<usize>, Setting)],
}

impl<K> RunWidths<'_, K> {
    fn set(&mut self, setting: Setting, piece: &str) -> f64 {
        match setting {
            Setting::Stack(i) => self.stacks[i].1.width(piece),
            Setting::Mono(advance) => piece.chars().count() as f64 * advance,
        }
    }

    /// Where `piece` starts in `text`, if it is a slice of it.
    fn offset(&self, piece: &str) -> Option<usize> {
        let at = (piece.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        (at + piece.len() <= self.text.len()).then_some(at)
    }
}

impl<K> Advances for RunWidths<'_, K> {
    fn width(&mut self, piece: &str) -> f64 {
        let base = Setting::Stack(self.base);
        let Some(at) = self.offset(piece) else {
            return self.set(base, piece);
        };
        let start = at as i64 + self.shift;
        let end = start + piece.len() as i64;
        let mut width = 0.0;
        let mut pos = start;
        // The first run that ends after the piece starts.
        let mut r = self
            .runs
            .partition_point(|(range, _)| (range.end as i64) <= start);
        while pos < end {
            let (to, setting) = match self.runs.get(r) {
                Some((range, s)) if (range.start as i64) <= pos => {
                    r += 1;
                    ((range.end as i64).min(end), *s)
                }
                Some((range, _)) => ((range.start as i64).min(end), base),
                None => (end, base),
            };
            // Run edges are character boundaries of the block's text, and the filler is ASCII.
            let (a, b) = ((pos - start) as usize, (to - start) as usize);
            if let Some(part) = piece.get(a..b) {
                width += self.set(setting, part);
            }
            pos = to;
        }
        width
    }

    fn hyphen_width(&mut self) -> f64 {
        self.stacks[self.base].1.hyphen_width()
    }

    fn kern(&mut self, left: char, right: char) -> f64 {
        self.stacks[self.base].1.kern(left, right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::TextStyle;

    /// A piece's width is the sum of its parts, each in its run's setting; pieces that are no
    /// slice of the text are in the base stack.
    #[test]
    fn pieces_are_measured_run_by_run() {
        let stack = |px| FontStack::builtin("Times New Roman", TextStyle::new(px)).unwrap();
        // Stack 1 is another size: its widths differ from the base's.
        let (mut plain, mut large) = (stack(20.0), stack(30.0));
        let mut stacks = vec![((), stack(20.0)), ((), stack(30.0))];
        let text = "say hello() now";
        // "hello" in stack 1, "()" monospaced at 12 px.
        let runs = [(4..9, Setting::Stack(1)), (9..11, Setting::Mono(12.0))];
        let mut w = RunWidths {
            stacks: &mut stacks,
            base: 0,
            text,
            shift: 0,
            runs: &runs,
        };
        let whole = w.width(&text[4..11]);
        let want = large.width("hello") + 24.0;
        assert!((whole - want).abs() < 1e-9, "{whole} vs {want}");
        let say = w.width(&text[..3]);
        assert!((say - plain.width("say")).abs() < 1e-9);
        // A filler before the text (shift < 0) is in the base stack.
        let indented = format!("xx{}", &text[4..]);
        let mut w = RunWidths {
            stacks: &mut stacks,
            base: 0,
            text: &indented,
            shift: 4 - 2,
            runs: &runs,
        };
        let got = w.width(&indented[..7]);
        let want = plain.width("xx") + large.width("hello");
        assert!((got - want).abs() < 1e-9, "{got} vs {want}");
        assert_eq!(w.width("-"), plain.width("-"));
    }
}
