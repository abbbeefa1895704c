//! Text measured in one candidate's faces in px at each box's size (the block model's
//! `Measurer`): stacks made on first use, inline runs in their faces.

use super::{units, Breaking, Setter, LAYOUT_UNITS};
use crate::article::Run;
use crate::font::{Font, FontStack, Metrics, TextStyle};
use crate::layout::model::KindBox;
use crate::layout::runs::{RunWidths, Setting};
use crate::layout::styled::InlineRuns;
use crate::layout::typography::Typesetting;

/// A sized stack's candidate, face ([`Face`]), font size, letter and word spacing.
pub(super) type SizedKey = (usize, Face, [u64; 3]);

/// Which of a candidate's font chains a stack sets text in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Face {
    Body,
    Heading,
    /// A run's style ([`crate::layout::Typeface::styled`]): bold, italic, bold italic.
    Styled(usize),
}

/// Text measured in one candidate's faces in px, at each box's size.
pub(super) struct PxMeasurer<'a> {
    pub setter: &'a mut Setter,
    pub set: &'a Typesetting,
    pub face: usize,
    pub breaking: &'a Breaking,
}

impl PxMeasurer<'_> {
    /// The stack of box `b`'s own face.
    fn stack(&mut self, b: &KindBox) -> usize {
        let face = if b.heading { Face::Heading } else { Face::Body };
        self.stack_in(face, b)
    }

    fn stack_in(&mut self, face: Face, b: &KindBox) -> usize {
        let key: SizedKey = (
            self.face,
            face,
            [
                b.font_px.to_bits(),
                b.spacing_px.0.to_bits(),
                b.spacing_px.1.to_bits(),
            ],
        );
        if let Some(i) = self.setter.sized.iter().position(|(k, _)| *k == key) {
            return i;
        }
        let f = &self.set.faces[self.face];
        let fonts = match face {
            Face::Body => &f.body,
            Face::Heading => &f.heading,
            Face::Styled(i) => &f.styled[i],
        };
        let style = TextStyle::new(b.font_px).with_spacing(b.spacing_px.0, b.spacing_px.1);
        self.setter
            .sized
            .push((key, FontStack::new(fonts.clone(), style)));
        self.setter.sized.len() - 1
    }

    /// How a run of box `b`'s text is set: monospaced for code, else in the face of its
    /// weight and style, smaller by 1.2 (CSS `smaller`).
    fn setting(&mut self, b: &KindBox, run: &Run) -> Setting {
        let font_px = if run.small {
            b.font_px / SMALLER
        } else {
            b.font_px
        };
        if run.code {
            return Setting::Mono(font_px * crate::layout::styled::MONO_ADVANCE_EM);
        }
        let face = match (run.bold, run.italic) {
            (false, false) => Face::Body,
            (true, false) => Face::Styled(0),
            (false, true) => Face::Styled(1),
            (true, true) => Face::Styled(2),
        };
        Setting::Stack(self.stack_in(face, &KindBox { font_px, ..*b }))
    }

    /// Lines of `line` (a slice of `inline.text`) with its runs in their faces.
    fn lines_with_runs(
        &mut self,
        line: &str,
        b: &KindBox,
        width_px: f64,
        inline: InlineRuns<'_>,
    ) -> usize {
        let base = self.stack(b);
        let Some(at) = (line.as_ptr() as usize)
            .checked_sub(inline.text.as_ptr() as usize)
            .filter(|&o| o + line.len() <= inline.text.len())
        else {
            // Not a slice of the block's text: its runs cannot be placed in it.
            return crate::layout::styled::Measurer::lines(self, line, b, width_px, None);
        };
        // The runs this line holds (runs are in order).
        let runs = inline.runs;
        let first = runs.partition_point(|r| r.end <= at);
        let last = first + runs[first..].partition_point(|r| r.start < at + line.len());
        let settings: Vec<(std::ops::Range<usize>, Setting)> = runs[first..last]
            .iter()
            .map(|r| (r.start..r.end, self.setting(b, r)))
            .collect();
        let Setter { sized, breaker, .. } = &mut *self.setter;
        let opts = self.breaking.options_at(&sized[base].1, width_px);
        let filler = filler(&mut sized[base].1, b.indent_px);
        let text: std::borrow::Cow<'_, str> = if filler.is_empty() {
            line.into()
        } else {
            format!("{filler}{line}").into()
        };
        let mut widths = RunWidths {
            stacks: sized,
            base,
            text: &text,
            shift: at as i64 - filler.len() as i64,
            runs: &settings,
        };
        breaker.count_lines(&text, &mut widths, &opts)
    }
}

/// CSS `font-size: smaller`: the parent's size over this (Chromium's factor).
const SMALLER: f64 = 1.2;

impl crate::layout::styled::Measurer for PxMeasurer<'_> {
    fn lines(
        &mut self,
        text: &str,
        b: &KindBox,
        width_px: f64,
        runs: Option<InlineRuns<'_>>,
    ) -> usize {
        // Headings are set in the heading face throughout.
        if let Some(inline) = runs.filter(|r| !r.runs.is_empty() && !b.heading) {
            return self.lines_with_runs(text, b, width_px, inline);
        }
        let i = self.stack(b);
        let Setter { sized, breaker, .. } = &mut *self.setter;
        let stack = &mut sized[i].1;
        let opts = self.breaking.options_at(stack, width_px);
        let filler = filler(stack, b.indent_px);
        if !filler.is_empty() {
            return breaker.count_lines(&format!("{filler}{text}"), stack, &opts);
        }
        breaker.count_lines(text, stack, &opts)
    }

    fn width(&mut self, text: &str, b: &KindBox) -> f64 {
        let i = self.stack(b);
        self.setter.sized[i].1.measure(text.trim())
    }

    fn normal_line(&mut self, b: &KindBox) -> f64 {
        let i = self.stack(b);
        let stack = &self.setter.sized[i].1;
        let Some(font) = stack.fonts().first() else {
            return b.font_px * crate::layout::styled::NORMAL_LINE_EM;
        };
        let (ascent, descent, gap, upem) = match font {
            Font::Face(f) => {
                let (a, d, g) = f.line_metrics();
                (
                    f64::from(a),
                    f64::from(d),
                    f64::from(g),
                    f64::from(f.units_per_em()),
                )
            }
            Font::Metrics(m) => metrics(m),
            Font::Builtin(m) => metrics(m),
        };
        if upem <= 0.0 {
            return b.font_px * crate::layout::styled::NORMAL_LINE_EM;
        }
        // Chromium rounds ascent, descent and line gap to whole px each.
        let k = b.font_px / upem;
        (ascent * k).round() + (-descent * k).round() + (gap * k).round()
    }

    fn snap(&self, v: f64) -> f64 {
        units(v) as f64 / LAYOUT_UNITS as f64
    }
}

fn metrics(m: &Metrics) -> (f64, f64, f64, f64) {
    let (a, d, g) = m.line_metrics();
    (
        f64::from(a),
        f64::from(d),
        f64::from(g),
        f64::from(m.units_per_em()),
    )
}

/// `text-indent` as the breaker sees it: a filler of `x`s as wide as the indent, set before the
/// first line's text (empty without an indent).
fn filler(stack: &mut FontStack, indent_px: f64) -> String {
    let x = if indent_px > 0.0 {
        stack.measure("x")
    } else {
        0.0
    };
    if x > 0.0 {
        "x".repeat((indent_px / x).round() as usize)
    } else {
        String::new()
    }
}
