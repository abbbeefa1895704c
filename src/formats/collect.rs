//! What the readers share: block text with whitespace collapsed, and the headline rule.

use crate::article::{BlockKind, Run};

/// A block's text as a reader collects it: each run of collapsible whitespace (HTML's: space,
/// tab, line feed, form feed, carriage return; and each soft break, such as the boundary of a
/// nested element) becomes one space, none at either end; each hard break (`<br>`, Markdown's
/// hard line break) between visible characters becomes a `\n`, which the layout takes as a
/// forced line break. Other spaces (`&nbsp;`, U+2009...) are kept as written, as browsers
/// keep them (no break at a no-break space, each one its own width), but text of nothing else
/// is empty. Styles opened while collecting ([`TextCollector::open_style`]) become the text's
/// [`Run`]s, from the first character in a style to the last (the spaces between two styles
/// are in neither).
#[derive(Clone, Debug, Default)]
pub(crate) struct TextCollector {
    text: String,
    pending_space: bool,
    pending_breaks: usize,
    /// Whether a character other than whitespace was collected.
    visible: bool,
    /// Open elements of each [`InlineStyle`].
    open: [usize; 4],
    /// The style of what is collected now (its `start` and `end` unused).
    style: Run,
    /// Where the current style's first character is, once one is collected.
    style_start: Option<usize>,
    /// Where the last character collected ends.
    last_end: usize,
    runs: Vec<Run>,
}

/// A style inline elements set their text in ([`Run`]'s flags).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InlineStyle {
    Bold,
    Italic,
    Code,
    Small,
}

/// Whitespace that `white-space: normal` collapses (HTML's ASCII whitespace).
fn collapses(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

impl TextCollector {
    /// Appends text (already decoded: no markup, no character references).
    pub(crate) fn push(&mut self, decoded: &str) {
        for c in decoded.chars() {
            if collapses(c) {
                self.soft_break();
            } else {
                self.visible |= !c.is_whitespace();
                if self.pending_breaks > 0 {
                    for _ in 0..self.pending_breaks {
                        self.text.push('\n');
                    }
                    self.pending_breaks = 0;
                } else if self.pending_space {
                    self.text.push(' ');
                }
                self.pending_space = false;
                if self.style_start.is_none() {
                    self.style_start = Some(self.text.len());
                }
                self.text.push(c);
                self.last_end = self.text.len();
            }
        }
    }

    /// An element setting its text in `style` opens: what is collected until it closes is in
    /// that style (and those of the others open).
    pub(crate) fn open_style(&mut self, style: InlineStyle) {
        self.open[style as usize] += 1;
        self.restyle();
    }

    /// An element opened with [`TextCollector::open_style`] closes.
    pub(crate) fn close_style(&mut self, style: InlineStyle) {
        let open = &mut self.open[style as usize];
        *open = open.saturating_sub(1);
        self.restyle();
    }

    /// What is collected from now on is in the styles open.
    fn restyle(&mut self) {
        let [bold, italic, code, small] = self.open.map(|n| n > 0);
        let style = Run {
            bold,
            italic,
            code,
            small,
            ..Run::default()
        };
        if !style.same_style(&self.style) {
            self.end_run();
            self.style = style;
        }
    }

    /// Ends the current style's run (if it is a style and holds a character).
    fn end_run(&mut self) {
        let Some(start) = self.style_start.take() else {
            return;
        };
        if self.style.is_plain() || start >= self.last_end {
            return;
        }
        match self.runs.last_mut() {
            // The same style again after nothing but spaces: one run.
            Some(last)
                if last.same_style(&self.style)
                    && self.text[last.end..start].chars().all(char::is_whitespace) =>
            {
                last.end = self.last_end;
            }
            _ => self.runs.push(Run {
                start,
                end: self.last_end,
                ..self.style
            }),
        }
    }

    /// Separates what comes next from what came before, as whitespace would.
    pub(crate) fn soft_break(&mut self) {
        self.pending_space = !self.text.is_empty();
    }

    /// Ends the line: what comes next starts a line of its own (a `\n`; none at either end).
    pub(crate) fn hard_break(&mut self) {
        if !self.text.is_empty() {
            self.pending_breaks += 1;
        }
    }

    /// Whether no visible character was collected.
    pub(crate) fn is_empty(&self) -> bool {
        !self.visible
    }

    /// The collected text (none when it holds only spaces).
    pub(crate) fn into_text(self) -> String {
        if self.visible {
            self.text
        } else {
            String::new()
        }
    }

    /// The collected text and its runs (none when it holds only spaces).
    pub(crate) fn into_text_and_runs(mut self) -> (String, Vec<Run>) {
        self.end_run();
        if self.visible {
            (self.text, self.runs)
        } else {
            (String::new(), Vec::new())
        }
    }
}

/// The headline rule of every reader with headings: the first level-1 heading that has text
/// and comes before any paragraph is the article's `headline`; every other heading is a
/// `heading`. One rule value follows one document, HTML embedded in it (Markdown's HTML
/// blocks) included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct HeadlineRule {
    seen_paragraph: bool,
    seen_headline: bool,
}

impl HeadlineRule {
    /// The kind of a level-1 heading with text; record it with [`HeadlineRule::saw`].
    pub(crate) fn level_one(&self) -> BlockKind {
        if self.seen_paragraph || self.seen_headline {
            BlockKind::Heading
        } else {
            BlockKind::Headline
        }
    }

    /// Notes a block the reader emitted, in document order.
    pub(crate) fn saw(&mut self, kind: BlockKind) {
        match kind {
            BlockKind::Paragraph => self.seen_paragraph = true,
            BlockKind::Headline => self.seen_headline = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_never_ends_the_text() {
        let mut t = TextCollector::default();
        t.soft_break();
        t.push(" \u{a0}One\n\ttwo ");
        t.soft_break();
        t.push("three.\u{a0} Four");
        t.soft_break();
        // A no-break space is kept (browsers do not collapse it), beside a collapsed space too.
        assert_eq!(t.into_text(), "\u{a0}One two three.\u{a0} Four");
        // Text of no-break spaces alone is empty.
        let mut t = TextCollector::default();
        t.push(" \u{a0}\u{a0} ");
        assert!(t.is_empty());
        assert_eq!(t.into_text(), "");
    }

    #[test]
    fn hard_breaks_are_line_feeds_between_text_only() {
        let mut t = TextCollector::default();
        t.hard_break();
        t.push("One ");
        t.hard_break();
        t.push(" two");
        t.hard_break();
        t.hard_break();
        t.push("three");
        t.hard_break();
        t.soft_break();
        assert_eq!(t.into_text(), "One\ntwo\n\nthree");
    }

    #[test]
    fn only_the_first_level_one_heading_before_a_paragraph_is_the_headline() {
        let mut rule = HeadlineRule::default();
        rule.saw(BlockKind::Image);
        assert_eq!(rule.level_one(), BlockKind::Headline);
        rule.saw(BlockKind::Headline);
        assert_eq!(rule.level_one(), BlockKind::Heading);
        let mut rule = HeadlineRule::default();
        rule.saw(BlockKind::Paragraph);
        assert_eq!(rule.level_one(), BlockKind::Heading);
    }
}
