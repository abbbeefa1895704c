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
    pub kinds: Vec<BlockKind>,
    /// `words[g]`: words in blocks `0..g`.
    pub words: Vec<u64>,
    /// `paragraphs[g]`: paragraphs (kind `paragraph` or the lede) in blocks `0..g`.
    pub paragraphs: Vec<u64>,
    /// `y[g]`: vertical position of gap `g` in the article without ads.
    pub y: Vec<u64>,
    /// Viewport height of the device, in px.
    pub viewport_px: u64,
    /// Height reserved by each in-flow ad on this device.
    pub inline_ad_px: u64,
    /// For kinds that clearance rules name: nearest such block above and below each gap.
    pub nearest: Vec<Nearest>,
}

/// Where the nearest block of one kind lies from each gap.
#[derive(Clone, Debug, PartialEq)]
pub struct Nearest {
    /// The kind tracked.
    pub kind: BlockKind,
    /// `below[g]`: index of the first block of this kind at or after gap `g`, if any.
    pub below: Vec<Option<u32>>,
    /// `above[g]`: index of the last block of this kind before gap `g`, if any.
    pub above: Vec<Option<u32>>,
}

impl Measure {
    /// Measures `article` laid out as `geometry`.
    ///
    /// ```
    /// use adslot::{Article, Block, BlockKind::*};
    /// use adslot::layout::{layout, DeviceProfile, Hyphenation};
    /// use adslot::measure::Measure;
    /// let a = Article::new(vec![Block::new(Headline, "A title"), Block::new(Paragraph, "one two three")]);
    /// let m = Measure::new(&a, &layout(&a, &DeviceProfile::mobile(), Hyphenation::None), 740, 300);
    /// assert_eq!(m.words_between(0, 2), 5);
    /// assert_eq!(m.paragraphs_between(1, 2), 1); // the lede counts as a paragraph
    /// ```
    pub fn new(
        article: &Article,
        geometry: &Geometry,
        viewport_px: u64,
        inline_ad_px: u64,
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
        Measure {
            kinds,
            words: words_sum,
            paragraphs,
            y,
            viewport_px,
            inline_ad_px,
            nearest: Vec::new(),
        }
    }

    /// Tracks the nearest blocks of each of `kinds` around every gap (for clearance rules).
    pub fn track(&mut self, kinds: impl IntoIterator<Item = BlockKind>) {
        for kind in kinds {
            if self.nearest.iter().any(|n| n.kind == kind) {
                continue;
            }
            let n = self.kinds.len();
            let mut above = Vec::with_capacity(n + 1);
            let mut last = None;
            for g in 0..=n {
                above.push(last);
                if g < n && self.kinds[g] == kind {
                    last = Some(g as u32);
                }
            }
            let mut below = vec![None; n + 1];
            let mut next = None;
            for g in (0..=n).rev() {
                if g < n && self.kinds[g] == kind {
                    next = Some(g as u32);
                }
                below[g] = next;
            }
            self.nearest.push(Nearest { kind, below, above });
        }
    }

    /// The nearest-block table of `kind`, if tracked.
    pub fn nearest(&self, kind: BlockKind) -> Option<&Nearest> {
        self.nearest.iter().find(|n| n.kind == kind)
    }

    /// Number of blocks.
    pub fn blocks(&self) -> usize {
        self.kinds.len()
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

    /// Index of the last gap.
    pub fn last_gap(&self) -> usize {
        self.kinds.len()
    }
}
