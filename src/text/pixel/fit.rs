//! First-fit pixel line breaking: white-space collapsing, then pieces between break
//! opportunities placed while they fit, with hanging spaces, soft hyphens, hyphenation,
//! `overflow-wrap: break-word` and CJK line-start trimming.
//
// Chromium's LayoutNG line breaker, for `white-space: normal`, in the terms used here:
// * collapsible white space (space, tab, line feed, carriage return, form feed) runs become one
//   space; spaces at the start and end of the paragraph are removed;
// * a line takes pieces (text between two break opportunities) while the visible width fits the
//   column; the spaces after the last piece hang (they are not measured);
// * widths are compared in LayoutUnits (1/64 px) with one unit of tolerance; the paragraph is shaped as a whole,
//   so kerning applies across spaces and break opportunities, and a line that ends before a
//   hanging space keeps its last character's kerning with that space;
// * a line that ends after a soft hyphen draws a hyphen, which must fit too;
// * with a CJK font that has `halt`, an opening mark that starts a line other than the first is
//   set half-width (`text-spacing-trim: normal`; Chromium does not trim closing marks at line ends);
// * a piece wider than the whole column is cut between grapheme clusters (`overflow-wrap:
//   break-word`), each line taking as many clusters as fit and at least one.

use std::ops::Range;

use hyphenation::Hyphenator;
use icu_segmenter::GraphemeClusterSegmenter;

use super::breaks::opportunities;
use super::cjk::{cjk_punct, CjkPunct};
use super::{Advances, Hyphens, PixelLine, PixelOptions};

const SHY: char = '\u{ad}';

/// Breaks paragraphs into lines; keeps its buffers between paragraphs, so a warm breaker does not
/// allocate (give it a warm [`Advances`] too).
#[derive(Debug, Default)]
pub struct PixelBreaker {
    collapsed: String,
    /// For collapsed text: the source byte offset of each collapsed byte (plus the end).
    map: Vec<usize>,
    opportunities: Vec<usize>,
    scratch: Vec<usize>,
}

/// Whether `w` px fits in `avail_units` (the column in 1/64 px) as LayoutNG compares them: the
/// width rounded up to LayoutUnits (1/64 px) against the available width plus one LayoutUnit
/// of tolerance (`AvailableWidthToFit()`): a line may overflow its column by up to 1/64 px.
#[inline]
fn fits(w: f64, avail_units: f64) -> bool {
    // ceil(v) <= a + 1 for an integral a is v <= a + 1 (no libm call on the hot path).
    w * 64.0 - 1e-4 <= avail_units + 1.0
}

impl PixelBreaker {
    /// A breaker with empty buffers.
    pub fn new() -> PixelBreaker {
        PixelBreaker::default()
    }

    /// Number of lines `text` takes (0 for text with nothing visible).
    ///
    /// ```
    /// use adslot::text::pixel::{Advances, PixelBreaker, PixelOptions};
    /// struct Mono;
    /// impl Advances for Mono {
    ///     fn width(&mut self, run: &str) -> f64 { 8.0 * run.chars().count() as f64 }
    ///     fn hyphen_width(&mut self) -> f64 { 8.0 }
    /// }
    /// let mut b = PixelBreaker::new();
    /// // A 12-character word in a 5-character column: overflow-wrap cuts it.
    /// assert_eq!(b.count_lines("abcdefghijkl", &mut Mono, &PixelOptions::new(40.0)), 3);
    /// assert_eq!(b.count_lines("   ", &mut Mono, &PixelOptions::new(40.0)), 0);
    /// ```
    pub fn count_lines<A: Advances>(
        &mut self,
        text: &str,
        adv: &mut A,
        opts: &PixelOptions<'_>,
    ) -> usize {
        let mut n = 0;
        self.for_each_line(text, adv, opts, |_, _| n += 1);
        n
    }

    /// The lines of `text`, as byte ranges into it.
    pub fn lines<A: Advances>(
        &mut self,
        text: &str,
        adv: &mut A,
        opts: &PixelOptions<'_>,
    ) -> Vec<PixelLine> {
        let mut out = Vec::new();
        self.for_each_line(text, adv, opts, |range, hyphen| {
            out.push(PixelLine { range, hyphen })
        });
        out
    }

    /// Calls `line(range, hyphen)` for each line of `text`, in order.
    pub fn for_each_line<A: Advances>(
        &mut self,
        text: &str,
        adv: &mut A,
        opts: &PixelOptions<'_>,
        mut line: impl FnMut(Range<usize>, bool),
    ) {
        self.opportunities.clear();
        let collapse = !opportunities(text, &mut self.opportunities, &mut self.scratch);
        if collapse {
            self.collapse(text);
            self.opportunities.clear();
            let scanned =
                opportunities(&self.collapsed, &mut self.opportunities, &mut self.scratch);
            debug_assert!(scanned, "collapsed text needs no collapsing");
        }
        let mut collapsed = std::mem::take(&mut self.collapsed);
        let t: &str = if collapse { &collapsed } else { text };
        let map = &self.map;
        let mut emit = |r: Range<usize>, hyphen: bool| {
            if collapse {
                line(map[r.start]..map[r.end], hyphen)
            } else {
                line(r, hyphen)
            }
        };
        if !t.is_empty() {
            fit(t, &self.opportunities, adv, opts, &mut emit);
        }
        if collapse {
            collapsed.clear();
        }
        self.collapsed = collapsed;
    }

    fn collapse(&mut self, text: &str) {
        self.collapsed.clear();
        self.map.clear();
        let mut pending_space: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                if !self.collapsed.is_empty() && pending_space.is_none() {
                    pending_space = Some(i);
                }
                continue;
            }
            if let Some(at) = pending_space.take() {
                self.collapsed.push(' ');
                self.map.push(at);
            }
            self.collapsed.push(c);
            for k in 0..c.len_utf8() {
                self.map.push(i + k);
            }
        }
        // The end of the collapsed text maps to the end of its last visible character.
        let end = self.map.last().map_or(0, |&last| last + 1);
        let end = text[..end.min(text.len())]
            .char_indices()
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.map.push(end);
    }
}

/// The line state while placing pieces.
struct Line {
    start: usize,
    /// End of the visible text of the last piece placed.
    end: usize,
    /// Visible width so far (hanging spaces excluded).
    width: f64,
    /// The last visible character placed, how many spaces follow it, and its kerning with them.
    last: char,
    spaces: usize,
    tail: f64,
    hyphen: bool,
    empty: bool,
}

impl Line {
    #[allow(clippy::too_many_arguments)]
    fn place(
        &mut self,
        start: usize,
        end: usize,
        width: f64,
        last: char,
        spaces: usize,
        tail: f64,
        hyphen: bool,
    ) {
        if self.empty {
            self.start = start;
            self.empty = false;
        }
        self.end = end;
        self.width = width;
        self.last = last;
        self.spaces = spaces;
        self.tail = tail;
        self.hyphen = hyphen;
    }
}

fn fit<A: Advances>(
    t: &str,
    opportunities: &[usize],
    adv: &mut A,
    opts: &PixelOptions<'_>,
    emit: &mut impl FnMut(Range<usize>, bool),
) {
    let avail = (opts.width_px.max(0.0) * 64.0).floor();
    let space_w = adv.width(" ");
    let shy_breaks = !matches!(opts.hyphens, Hyphens::None);
    let mut line = Line {
        start: 0,
        end: 0,
        width: 0.0,
        last: ' ',
        spaces: 0,
        tail: 0.0,
        hyphen: false,
        empty: true,
    };
    let mut first_line = true;
    let mut s = 0;
    for &e in opportunities.iter().chain(std::iter::once(&t.len())) {
        if !shy_breaks && e < t.len() && t[..e].ends_with(SHY) {
            // hyphens: none: a soft hyphen is no break opportunity.
            continue;
        }
        // White space is collapsed: a piece ends in at most one space.
        let body_end = if t.as_bytes()[e - 1] == b' ' {
            e - 1
        } else {
            e
        };
        let spaces = e - body_end;
        let mut start = s;
        while start < body_end {
            let body = &t[start..body_end];
            let (Some(first), Some(last)) = (body.chars().next(), body.chars().next_back()) else {
                break;
            };
            let piece = adv.piece(body);
            let w = piece.width;
            let shy = shy_breaks && last == SHY;
            // What the line's end adds if it ends after this piece: the hyphen, or the kerning
            // with the hanging space.
            let mut end_extra = if shy { adv.hyphen_width() } else { 0.0 };
            let tail = if spaces > 0 && !shy { piece.tail } else { 0.0 };
            end_extra += tail;
            let before = if line.empty {
                if opts.trim_cjk && !first_line && cjk_punct(first) == Some(CjkPunct::Open) {
                    let mut b = [0u8; 4];
                    -0.5 * adv.width(first.encode_utf8(&mut b))
                } else {
                    0.0
                }
            } else if line.spaces > 0 {
                line.width + line.tail + line.spaces as f64 * space_w + piece.lead
            } else {
                line.width + adv.kern(line.last, first)
            };
            let auto = matches!(opts.hyphens, Hyphens::Auto(_));
            if fits(before + w + end_extra, avail) || (line.empty && !opts.break_words && !auto) {
                line.place(start, body_end, before + w, last, spaces, tail, shy);
                break;
            }
            // The piece does not fit: hyphenate it into this line, else end the line before it,
            // else (alone on its line) cut it.
            if let Hyphens::Auto(dict) = opts.hyphens {
                if let Some(cut) = hyphenation_point(dict, body, before, avail, adv) {
                    let line_start = if line.empty { start } else { line.start };
                    emit(line_start..start + cut, true);
                    line.empty = true;
                    first_line = false;
                    start += cut;
                    continue;
                }
            }
            if !line.empty {
                emit(line.start..line.end, line.hyphen);
                line.empty = true;
                first_line = false;
                continue;
            }
            if !opts.break_words {
                // hyphens: auto found no point and overflow-wrap is normal: the word overflows.
                line.place(start, body_end, w, last, spaces, tail, shy);
                break;
            }
            // overflow-wrap: break-word; if the word ends exactly at a cut, its spaces hang at
            // the end of that line.
            let cut = break_word(body, avail, adv);
            emit(start..start + cut, false);
            first_line = false;
            start += cut;
        }
        s = e;
    }
    if !line.empty {
        emit(line.start..line.end, line.hyphen);
    }
}

/// The longest prefix of `body` in whole grapheme clusters (at least one) that fits a line.
fn break_word<A: Advances>(body: &str, avail: f64, adv: &mut A) -> usize {
    let segmenter = GraphemeClusterSegmenter::new();
    let bounds = segmenter.segment_str(body).skip(1);
    // Cluster by cluster (kerning across clusters ignored), then the prefix as set: give back
    // clusters while it does not fit, take more while the next one still does.
    let mut w = 0.0;
    let mut prev = 0;
    let mut cuts: Vec<usize> = Vec::new();
    for b in bounds {
        w += adv.width(&body[prev..b]);
        cuts.push(b);
        prev = b;
        if !fits(w, avail) {
            break;
        }
    }
    let mut k = cuts.len().saturating_sub(1);
    while k > 0 && !fits(adv.width(&body[..cuts[k]]), avail) {
        k -= 1;
    }
    let from = cuts.get(k).copied().unwrap_or(body.len());
    let mut cut = from;
    for b in segmenter.segment_str(&body[from..]).skip(1) {
        if !fits(adv.width(&body[..from + b]), avail) {
            break;
        }
        cut = from + b;
    }
    cut
}

/// The last hyphenation point of the word in `body` at which `before` + the prefix + a hyphen
/// fits, as a byte offset into `body`. Words need 5 letters, 2 on each side of the point.
fn hyphenation_point<A: Advances>(
    dict: &hyphenation::Standard,
    body: &str,
    before: f64,
    avail: f64,
    adv: &mut A,
) -> Option<usize> {
    let lead = body.len() - body.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let core = body[lead..].trim_end_matches(|c: char| !c.is_alphabetic());
    if core.chars().count() < 5 || !core.chars().all(char::is_alphabetic) {
        return None;
    }
    let hyphen = adv.hyphen_width();
    let word = dict.hyphenate(core);
    word.breaks
        .iter()
        .rev()
        .map(|&b| lead + b)
        .filter(|&b| {
            body[lead..b].chars().count() >= 2
                && body[b..]
                    .trim_end_matches(|c: char| !c.is_alphabetic())
                    .chars()
                    .count()
                    >= 2
        })
        .find(|&b| fits(before + adv.width(&body[..b]) + hyphen, avail))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 10 px, hyphen 5 px.
    struct Mono;
    impl Advances for Mono {
        fn width(&mut self, run: &str) -> f64 {
            10.0 * run.chars().filter(|&c| c != SHY).count() as f64
        }
        fn hyphen_width(&mut self) -> f64 {
            5.0
        }
    }

    fn texts(text: &str, width: f64, opts: PixelOptions<'_>) -> Vec<String> {
        let opts = PixelOptions {
            width_px: width,
            ..opts
        };
        PixelBreaker::new()
            .lines(text, &mut Mono, &opts)
            .into_iter()
            .map(|l| format!("{}{}", &text[l.range], if l.hyphen { "-" } else { "" }))
            .collect()
    }

    #[test]
    fn spaces_hang_and_collapse() {
        let o = PixelOptions::new(0.0);
        assert_eq!(texts("aaa bbb", 70.0, o), ["aaa bbb"]);
        assert_eq!(texts("aaa bbb", 69.0, o), ["aaa", "bbb"]);
        // The space after "aaa" hangs: "aaa " is 40 px in a 30 px column.
        assert_eq!(texts("aaa bbb", 30.0, o), ["aaa", "bbb"]);
        assert_eq!(texts("  aaa \n\t bbb  ", 70.0, o), ["aaa \n\t bbb"]);
        assert_eq!(texts("  aaa \n\t bbb  ", 50.0, o), ["aaa", "bbb"]);
        assert_eq!(texts("", 50.0, o), Vec::<String>::new());
    }

    #[test]
    fn soft_hyphens_draw_a_hyphen_that_must_fit() {
        let o = PixelOptions::new(0.0);
        let t = "aa bbb\u{ad}ccc";
        // "aa bbb" + hyphen = 65 px.
        assert_eq!(texts(t, 65.0, o), ["aa bbb\u{ad}-", "ccc"]);
        assert_eq!(texts(t, 64.0, o), ["aa", "bbb\u{ad}ccc"]);
        assert_eq!(texts(t, 45.0, o), ["aa", "bbb\u{ad}-", "ccc"]);
        let none = o.with_hyphens(Hyphens::None).with_break_words(false);
        assert_eq!(texts(t, 45.0, none), ["aa", "bbb\u{ad}ccc"]);
    }

    #[test]
    fn long_words_break_between_characters() {
        let o = PixelOptions::new(0.0);
        assert_eq!(texts("ab cdefghij", 40.0, o), ["ab", "cdef", "ghij"]);
        assert_eq!(
            texts("ab cdefghij", 40.0, o.with_break_words(false)),
            ["ab", "cdefghij"]
        );
        // At least one character per line, even in a column narrower than it.
        assert_eq!(texts("abc", 5.0, o), ["a", "b", "c"]);
    }

    #[test]
    fn hyphenation_auto_takes_the_last_point_that_fits() {
        use hyphenation::{Language, Load, Standard};
        let dict = Standard::from_embedded(Language::EnglishUS).unwrap();
        let o = PixelOptions::new(0.0).with_hyphens(Hyphens::Auto(&dict));
        // hy-phen-ation: "a hyphen-" is 85 px.
        assert_eq!(texts("a hyphenation", 85.0, o), ["a hyphen-", "ation"]);
        assert_eq!(texts("a hyphenation", 60.0, o), ["a hy-", "phen-", "ation"]);
    }

    #[test]
    fn cjk_opening_punctuation_is_halved_at_line_starts() {
        let o = PixelOptions::new(0.0);
        // Chromium does not trim closing marks at line ends (no `allow-end`)...
        let trim = o.with_cjk_trim(true);
        assert_eq!(texts("中文。字", 25.0, o), ["中", "文。", "字"]);
        assert_eq!(texts("中文。字", 25.0, trim), ["中", "文。", "字"]);
        // ...but an opening mark that starts a line after the first is set half-width.
        assert_eq!(texts("中中「字」", 20.0, o), ["中中", "「字", "」"]);
        assert_eq!(texts("中中「字」", 25.0, trim), ["中中", "「字」"]);
    }

    #[test]
    fn layout_units_with_one_unit_of_tolerance() {
        assert!(fits(100.0, 6400.0));
        assert!(fits(100.015625, 6400.0));
        assert!(!fits(100.0157, 6400.0));
    }
}
