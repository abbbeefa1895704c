//! Per-gap prefix sums of words, paragraphs and pixels (one pixel vector per candidate
//! typeface): the distance between any two gaps in O(1).

use std::sync::Arc;

use crate::article::{Article, BlockKind, Region};
use crate::layout::{whole_px, Geometry, SlotEdges, LAYOUT_UNITS};
use crate::words;

/// What the rules measure about an article on one device, indexed by gap.
///
/// Gap `g` stands before block `g`; gap `n` is after the last block. Every "between gap a and
/// gap b" quantity is a subtraction of two prefix sums, so it grows as the gaps move apart.
///
/// Pixels: in px mode with several candidate typefaces (`fonts = [...]`) each typeface has its
/// own prefix sums, and [`Measure::px_between`] is the shortest of the typefaces' distances: a
/// minimum of functions that each grow as the gaps move apart, so it grows too, and a rule that
/// holds for it holds in every typeface. Positions are kept in LayoutUnits (1/64 px, as
/// Chromium lays out) and distances rounded down to whole px.
///
/// A distance runs from where an ad at the upper gap ends to where an ad at the lower gap
/// starts ([`crate::layout::SlotEdges`]): with the block model, an ad keeps the margins on
/// either side of it apart, so the article between two ads is what the reader scrolls past
/// between them, margins included.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// Each block's kind as rules see it (the lede as `lede`).
    kinds: Vec<BlockKind>,
    /// Each block's region, for opaque page furniture ([`crate::Block::region`]).
    regions: Vec<Option<Region>>,
    /// `words[g]`: words in blocks `0..g`.
    words: Vec<u64>,
    /// `paragraphs[g]`: paragraphs (kind `paragraph` or the lede) in blocks `0..g`.
    paragraphs: Vec<u64>,
    /// `y[g]`: where an ad at gap `g` starts in the article without ads, in whole px (in px
    /// mode, the first typeface's); `y[n]` is the article's height.
    y: Vec<u64>,
    /// `tops[g * faces + f]`: where an ad at gap `g` starts in typeface `f` (the article above
    /// it ends), in LayoutUnits.
    tops: Vec<u64>,
    /// `resumes[g * faces + f]`: where the article below an ad at gap `g` starts, in
    /// LayoutUnits of the article without ads.
    resumes: Vec<u64>,
    /// Typefaces per gap in `tops` and `resumes` (1 in column mode).
    faces: usize,
    /// The typefaces' names in px mode (empty in column mode).
    fonts: Vec<Arc<str>>,
    /// Viewport height of the device, in px.
    viewport_px: u64,
    /// Tables of the nearest block of a kind around each gap, for the kinds asked for.
    nearest: Vec<Nearest>,
}

/// Where the nearest block of one kind lies from each gap.
#[derive(Clone, Debug, PartialEq)]
struct Nearest {
    kind: BlockKind,
    /// `below[g]`: index of the first block of this kind at or after gap `g`, if any.
    below: Vec<Option<u32>>,
    /// `above[g]`: index of the last block of this kind before gap `g`, if any.
    above: Vec<Option<u32>>,
}

impl Measure {
    /// Measures `article` laid out as `geometry`, with O(1) nearest-block lookups for the
    /// kinds in `nearest` (the kinds clearance rules name; other kinds are found by a scan).
    ///
    /// ```
    /// use adslot::{Article, Block, BlockKind::*};
    /// use adslot::layout::{layout, DeviceProfile, Hyphenation};
    /// use adslot::measure::Measure;
    /// let a = Article::new(vec![Block::new(Headline, "A title"), Block::new(Paragraph, "one two three")]);
    /// let g = layout(&a, &DeviceProfile::mobile(), Hyphenation::None);
    /// let m = Measure::new(&a, &g, 740, [Headline]);
    /// assert_eq!(m.words_between(0, 2), 5);
    /// assert_eq!(m.paragraphs_between(1, 2), 1); // the lede counts as a paragraph
    /// assert_eq!(m.last_before(Headline, 2), Some(0));
    /// assert_eq!(m.first_at_or_after(Lede, 0), Some(1)); // not asked for: found by a scan
    /// ```
    pub fn new(
        article: &Article,
        geometry: &Geometry,
        viewport_px: u64,
        nearest: impl IntoIterator<Item = BlockKind>,
    ) -> Measure {
        let kinds = article.effective_kinds();
        let n = kinds.len();
        let mut words_sum = Vec::with_capacity(n + 1);
        let mut paragraphs = Vec::with_capacity(n + 1);
        let mut y = Vec::with_capacity(n + 1);
        let (mut w, mut p) = (0, 0);
        for (g, block) in article.blocks.iter().enumerate() {
            words_sum.push(w);
            paragraphs.push(p);
            y.push(whole_px(geometry.slot_edges(g).top_lu));
            w += words::count(&block.text);
            p += u64::from(matches!(kinds[g], BlockKind::Paragraph | BlockKind::Lede));
        }
        words_sum.push(w);
        paragraphs.push(p);
        y.push(geometry.height_px);
        let faces = geometry.fonts.len().max(1);
        let edges: Vec<SlotEdges> = if geometry.fonts.is_empty() {
            (0..=n).map(|g| geometry.slot_edges(g)).collect()
        } else {
            (0..=n)
                .flat_map(|g| geometry.fonts.iter().map(move |f| f.slot_edges(g)))
                .collect()
        };
        let fonts = geometry
            .fonts
            .iter()
            .map(|f| Arc::from(f.font.as_str()))
            .collect();
        let mut tables: Vec<Nearest> = Vec::new();
        for kind in nearest {
            if !tables.iter().any(|t| t.kind == kind) {
                tables.push(Nearest::of(&kinds, kind));
            }
        }
        Measure {
            kinds,
            regions: article.blocks.iter().map(|b| b.region).collect(),
            words: words_sum,
            paragraphs,
            y,
            tops: edges.iter().map(|e| e.top_lu).collect(),
            resumes: edges.iter().map(|e| e.resume_lu).collect(),
            faces,
            fonts,
            viewport_px,
            nearest: tables,
        }
    }

    /// Each block's kind as rules see it (the lede as `lede`).
    pub fn kinds(&self) -> &[BlockKind] {
        &self.kinds
    }

    /// The kind of block `i`, if there is one.
    pub fn kind(&self, i: usize) -> Option<BlockKind> {
        self.kinds.get(i).copied()
    }

    /// The region of block `i`, if it is page furniture ([`crate::Block::region`]).
    pub fn region(&self, i: usize) -> Option<Region> {
        self.regions.get(i).copied().flatten()
    }

    /// Number of blocks.
    pub fn blocks(&self) -> usize {
        self.kinds.len()
    }

    /// Index of the last gap.
    pub fn last_gap(&self) -> usize {
        self.kinds.len()
    }

    /// Words in the blocks above gap `g`.
    pub fn words_above(&self, g: usize) -> u64 {
        self.words[g]
    }

    /// Vertical position of gap `g` in the article without ads, in px (in px mode, in the first
    /// typeface; see [`Measure::y_range`] for all of them).
    pub fn y(&self, g: usize) -> u64 {
        self.y[g]
    }

    /// Words in the blocks between gaps `a <= b`.
    pub fn words_between(&self, a: usize, b: usize) -> u64 {
        self.words[b] - self.words[a]
    }

    /// Paragraphs between gaps `a <= b`.
    pub fn paragraphs_between(&self, a: usize, b: usize) -> u64 {
        self.paragraphs[b] - self.paragraphs[a]
    }

    /// Pixels of article between gaps `a <= b` (ads not counted: from where an ad at `a` ends
    /// to where one at `b` starts), rounded down; with several typefaces, the shortest of their
    /// distances.
    #[inline]
    pub fn px_between(&self, a: usize, b: usize) -> u64 {
        if self.faces == 1 {
            return self.tops[b].saturating_sub(self.resumes[a]) / LAYOUT_UNITS;
        }
        self.shortest_between(a, b).0
    }

    /// The typefaces' rows of gap `a`'s resumes and gap `b`'s tops.
    fn rows(&self, a: usize, b: usize) -> (&[u64], &[u64]) {
        let k = self.faces;
        (
            &self.resumes[a * k..a * k + k],
            &self.tops[b * k..b * k + k],
        )
    }

    /// [`Measure::px_between`] and the typeface it is measured in when there are several
    /// (the binding case a refusal names); `None` with one typeface or none.
    pub fn shortest_between(&self, a: usize, b: usize) -> (u64, Option<&Arc<str>>) {
        let (upper, lower) = self.rows(a, b);
        let mut best = (u64::MAX, 0);
        for (f, (u, l)) in upper.iter().zip(lower).enumerate() {
            let d = l.saturating_sub(*u) / LAYOUT_UNITS;
            if d < best.0 {
                best = (d, f);
            }
        }
        (best.0, self.binding(best.1))
    }

    /// Pixels of article between gaps `a <= b`, the longest of the typefaces' distances (for a
    /// rule that bounds a distance from above), rounded up.
    pub fn px_between_longest(&self, a: usize, b: usize) -> u64 {
        self.longest_between(a, b).0
    }

    /// [`Measure::px_between_longest`] and the typeface it is measured in when there are
    /// several (the binding case of a maximum); `None` with one typeface or none.
    pub fn longest_between(&self, a: usize, b: usize) -> (u64, Option<&Arc<str>>) {
        let (upper, lower) = self.rows(a, b);
        let mut best = (0, 0);
        for (f, (u, l)) in upper.iter().zip(lower).enumerate() {
            let d = l.saturating_sub(*u).div_ceil(LAYOUT_UNITS);
            if f == 0 || d > best.0 {
                best = (d, f);
            }
        }
        (best.0, self.binding(best.1))
    }

    /// Height of the article without ads (in px mode, in the first typeface: the height the
    /// plan's `page_height_px` and `top_px` are given in).
    pub fn content_px(&self) -> u64 {
        self.y[self.kinds.len()]
    }

    /// The shortest height of the article without ads over the typefaces, rounded down (what a
    /// share of the page is the largest against), and that typeface when there are several.
    pub fn shortest_content_px(&self) -> (u64, Option<&Arc<str>>) {
        self.shortest_between(0, self.kinds.len())
    }

    /// The range of where an ad at gap `g` starts over the typefaces, in whole px (one position
    /// in column mode or with one typeface).
    pub fn y_range(&self, g: usize) -> (u64, u64) {
        let k = self.faces;
        let row = self.tops[g * k..g * k + k].iter().map(|&lu| whole_px(lu));
        (row.clone().min().unwrap_or(0), row.max().unwrap_or(0))
    }

    /// Typefaces the positions are kept in (1 in column mode).
    pub fn faces(&self) -> usize {
        self.faces
    }

    /// Where an ad at gap `g` goes in typeface `f` (`f < faces()`), in LayoutUnits.
    pub fn slot_edges(&self, g: usize, f: usize) -> SlotEdges {
        let i = g * self.faces + f;
        SlotEdges {
            top_lu: self.tops[i],
            resume_lu: self.resumes[i],
        }
    }

    /// The typefaces px are measured in (px mode; empty in column mode), first the one whose
    /// positions [`Measure::y`] gives.
    pub fn fonts(&self) -> &[Arc<str>] {
        &self.fonts
    }

    /// The name of typeface `f` as a binding case: only when there are several.
    fn binding(&self, f: usize) -> Option<&Arc<str>> {
        if self.fonts.len() > 1 {
            self.fonts.get(f)
        } else {
            None
        }
    }

    /// Viewport height of the device, in px.
    pub fn viewport_px(&self) -> u64 {
        self.viewport_px
    }

    /// The first block of `kind` at or after gap `g` (the block the gap stands before, or
    /// one further down).
    pub fn first_at_or_after(&self, kind: BlockKind, g: usize) -> Option<usize> {
        match self.table(kind) {
            Some(t) => t.below[g].map(|i| i as usize),
            None => self.kinds[g..]
                .iter()
                .position(|&k| k == kind)
                .map(|i| g + i),
        }
    }

    /// The last block of `kind` before gap `g`.
    pub fn last_before(&self, kind: BlockKind, g: usize) -> Option<usize> {
        match self.table(kind) {
            Some(t) => t.above[g].map(|i| i as usize),
            None => self.kinds[..g].iter().rposition(|&k| k == kind),
        }
    }

    fn table(&self, kind: BlockKind) -> Option<&Nearest> {
        self.nearest.iter().find(|t| t.kind == kind)
    }
}

impl Nearest {
    fn of(kinds: &[BlockKind], kind: BlockKind) -> Nearest {
        let mut above = Vec::with_capacity(kinds.len() + 1);
        let mut last = None;
        above.push(last);
        for (i, &k) in kinds.iter().enumerate() {
            if k == kind {
                last = Some(i as u32);
            }
            above.push(last);
        }
        let mut below = vec![None; kinds.len() + 1];
        let mut next = None;
        for (i, &k) in kinds.iter().enumerate().rev() {
            if k == kind {
                next = Some(i as u32);
            }
            below[i] = next;
        }
        Nearest { kind, below, above }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Block;
    use crate::layout::{layout, DeviceProfile, Hyphenation};

    /// The tables and the scan answer alike, at every gap.
    #[test]
    fn nearest_tables_agree_with_the_scan() {
        use BlockKind::*;
        let kinds = [Image, Paragraph, Image, Image, Caption, Paragraph, Embed];
        let article = Article::new(kinds.iter().map(|&k| Block::new(k, "a b")).collect());
        let g = layout(&article, &DeviceProfile::mobile(), Hyphenation::None);
        let tracked = Measure::new(&article, &g, 740, [Image, Embed, Lede]);
        let scanned = Measure::new(&article, &g, 740, []);
        for kind in [Image, Embed, Lede, Caption, Heading] {
            for gap in 0..=kinds.len() {
                assert_eq!(
                    tracked.first_at_or_after(kind, gap),
                    scanned.first_at_or_after(kind, gap),
                    "{kind} below {gap}"
                );
                assert_eq!(
                    tracked.last_before(kind, gap),
                    scanned.last_before(kind, gap),
                    "{kind} above {gap}"
                );
            }
        }
        assert_eq!(tracked.first_at_or_after(Image, 1), Some(2));
        assert_eq!(tracked.last_before(Image, 2), Some(0));
        assert_eq!(tracked.first_at_or_after(Embed, 7), None);
    }

    /// Two typefaces: distances are the shorter one's, rounded down from LayoutUnits; the
    /// binding typeface is named; positions are the first's.
    #[test]
    fn candidates_measure_the_shortest_case() {
        use crate::layout::{BlockBox, FontLayout};
        let article = Article::new(vec![
            Block::new(BlockKind::Paragraph, "a"),
            Block::new(BlockKind::Paragraph, "b"),
        ]);
        let font = |name: &str, gaps_lu: Vec<u64>| FontLayout {
            font: name.to_string(),
            blocks: (0..2)
                .map(|i| BlockBox {
                    index: i,
                    lines: 1,
                    top_px: (gaps_lu[i] + 32) / 64,
                    height_px: 0,
                })
                .collect(),
            height_px: (gaps_lu[2] + 32) / 64,
            gaps_lu,
            slots: Vec::new(),
        };
        // Block 0: 100 px in serif, 120.5 in sans; block 1: 50.75 in serif, 40 in sans.
        let serif = font("serif", vec![0, 100 * 64, 150 * 64 + 48]);
        let sans = font("sans", vec![0, 120 * 64 + 32, 160 * 64 + 32]);
        let g = Geometry {
            columns: 40,
            heading_columns: 30,
            blocks: serif.blocks.clone(),
            height_px: serif.height_px,
            fonts: vec![serif, sans],
            slots: Vec::new(),
        };
        let m = Measure::new(&article, &g, 740, []);
        assert_eq!(m.px_between(0, 1), 100);
        assert_eq!(m.shortest_between(1, 2), (40, Some(&Arc::from("sans"))));
        assert_eq!(m.px_between(0, 2), 150); // 150.75 rounded down
        assert_eq!(m.px_between_longest(0, 2), 161); // 160.5 rounded up
        assert_eq!(m.longest_between(0, 1), (121, Some(&Arc::from("sans"))));
        assert_eq!(m.longest_between(1, 2), (51, Some(&Arc::from("serif"))));
        assert_eq!((m.y(1), m.y_range(1)), (100, (100, 121)));
        assert_eq!(m.content_px(), 151);
        assert_eq!(m.shortest_content_px(), (150, Some(&Arc::from("serif"))));
    }
}
