//! Per-gap prefix sums of words, paragraphs and pixels: the distance between any two gaps in O(1).

use crate::article::{Article, BlockKind};
use crate::layout::Geometry;
use crate::words;

/// What the rules measure about an article on one device, indexed by gap.
///
/// Gap `g` stands before block `g`; gap `n` is after the last block. Every "between gap a and
/// gap b" quantity is a subtraction of two prefix sums, so it grows as the gaps move apart.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    /// Each block's kind as rules see it (the lede as `lede`).
    kinds: Vec<BlockKind>,
    /// `words[g]`: words in blocks `0..g`.
    words: Vec<u64>,
    /// `paragraphs[g]`: paragraphs (kind `paragraph` or the lede) in blocks `0..g`.
    paragraphs: Vec<u64>,
    /// `y[g]`: vertical position of gap `g` in the article without ads.
    y: Vec<u64>,
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
            y.push(geometry.gap_y(g));
            w += words::count(&block.text);
            p += u64::from(matches!(kinds[g], BlockKind::Paragraph | BlockKind::Lede));
        }
        words_sum.push(w);
        paragraphs.push(p);
        y.push(geometry.height_px);
        let mut tables: Vec<Nearest> = Vec::new();
        for kind in nearest {
            if !tables.iter().any(|t| t.kind == kind) {
                tables.push(Nearest::of(&kinds, kind));
            }
        }
        Measure {
            kinds,
            words: words_sum,
            paragraphs,
            y,
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

    /// Vertical position of gap `g` in the article without ads, in px.
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

    /// Pixels of article between gaps `a <= b` (ads not counted).
    pub fn px_between(&self, a: usize, b: usize) -> u64 {
        self.y[b] - self.y[a]
    }

    /// Height of the article without ads.
    pub fn content_px(&self) -> u64 {
        self.y[self.kinds.len()]
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
}
