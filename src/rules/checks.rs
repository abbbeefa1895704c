//! What checks see (a gap, a pair of ads, the plan's totals) and say (a refusal with its
//! numbers), and the check functions the registry's rules are made of.

use std::sync::Arc;

use super::values::{Clearances, Ratio};
use crate::article::{BlockKind, Region};
use crate::measure::Measure;

/// Two consecutive ads, as a spacing rule sees them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// The gap where the upper ad ends (for an ad already on the page, below its block).
    pub upper: usize,
    /// The gap where the lower ad starts.
    pub lower: usize,
    /// 1-based position of the lower ad among all ads of the article, for escalating spacing.
    pub ordinal: usize,
}

/// Which way a spacing rule bounds the distance between two ads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// At least: refuses ads that are too close (judged on every pair with an in-flow ad).
    Min,
    /// At most: refuses stretches without an ad that are too long (judged between the first
    /// and the last in-flow ad).
    Max,
}

/// What a spacing rule measures a distance in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Words ([`Measure::words_between`]).
    Words,
    /// Paragraphs ([`Measure::paragraphs_between`]).
    Paragraphs,
    /// Pixels of article without ads ([`Measure::px_between`]).
    Px,
}

impl Unit {
    /// The distance between gaps `a <= b` in this unit.
    ///
    /// ```
    /// use adslot::{Article, Block, BlockKind::*};
    /// use adslot::layout::{layout, DeviceProfile, Hyphenation};
    /// use adslot::measure::Measure;
    /// use adslot::rules::Unit;
    /// let a = Article::new(vec![Block::new(Paragraph, "one two"), Block::new(Paragraph, "three")]);
    /// let m = Measure::new(&a, &layout(&a, &DeviceProfile::mobile(), Hyphenation::None), 740, []);
    /// assert_eq!(Unit::Words.distance(&m, 0, 2), 3);
    /// assert_eq!(Unit::Paragraphs.distance(&m, 1, 2), 1);
    /// ```
    pub fn distance(self, m: &Measure, a: usize, b: usize) -> u64 {
        match self {
            Unit::Words => m.words_between(a, b),
            Unit::Paragraphs => m.paragraphs_between(a, b),
            Unit::Px => m.px_between(a, b),
        }
    }

    /// The unit's name in sentences: `words`, `paragraphs`, `px`.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Words => "words",
            Unit::Paragraphs => "paragraphs",
            Unit::Px => "px",
        }
    }
}

/// The totals of a plan, as a limit rule sees them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Ads in the article, those already on the page and anchors included.
    pub ads: usize,
    /// Height of all those ads together, in px.
    pub ad_px: u64,
    /// Height of the ads inserted into the article (not those already on the page), in px.
    pub added_px: u64,
}

/// A number in a refusal, kept as measured and written out only when explained: the solver
/// runs the same checks on every gap and must not pay for sentences it never prints.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    /// A count of words, paragraphs, ads, px or a block index.
    Count(u64),
    /// A ratio such as a density, written with three decimals.
    Ratio(f64),
    /// A distance in px, with the viewports it spans.
    Px {
        /// The px.
        px: u64,
        /// Viewport height, px.
        viewport: u64,
    },
    /// A requirement in viewports, with the px it comes to.
    Viewports {
        /// The viewports.
        viewports: f64,
        /// The px they come to.
        px: u64,
    },
    /// Nothing to say (kind rules).
    Nothing,
}

impl Amount {
    /// The amount followed by `noun`, in the plural unless it is a count of exactly one:
    /// `1 word`, `2 words`.
    pub fn counting(&self, noun: &str) -> String {
        match self {
            Amount::Count(1) => format!("1 {noun}"),
            _ => format!("{self} {noun}s"),
        }
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Amount::Count(n) => write!(f, "{n}"),
            Amount::Ratio(r) => write!(f, "{r:.3}"),
            Amount::Px { px, viewport } => {
                write!(
                    f,
                    "{px} px ({:.2} viewports)",
                    px as f64 / viewport.max(1) as f64
                )
            }
            Amount::Viewports { viewports, px } => write!(f, "{viewports} ({px} px)"),
            Amount::Nothing => Ok(()),
        }
    }
}

impl From<u64> for Amount {
    fn from(n: u64) -> Amount {
        Amount::Count(n)
    }
}

impl From<u32> for Amount {
    fn from(n: u32) -> Amount {
        Amount::Count(u64::from(n))
    }
}

impl From<usize> for Amount {
    fn from(n: usize) -> Amount {
        Amount::Count(n as u64)
    }
}

/// Why a rule refused: the measured value and the limit, filled into the rule's explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// What was measured.
    pub actual: Amount,
    /// What the rule requires.
    pub limit: Amount,
    /// The block kind involved, for kind rules.
    pub kind: Option<BlockKind>,
    /// The region involved, for region rules (`never_beside_regions`).
    pub region: Option<Region>,
    /// The other gap or block involved (filled by the engine for spacing rules).
    pub other: Option<usize>,
    /// For a rule keyed by kind (`clearance`): which of its values refused, e.g. `above_px`,
    /// making the key `clearance.KIND.above_px`.
    pub subkey: Option<&'static str>,
    /// For a rule that changes other rules (escalation): the other rule's refusal it leads to.
    pub cause: Option<Box<Cause>>,
    /// For a pixel rule in candidates mode (several typefaces): the typeface the refused
    /// distance or share was measured in, the binding case (the shortest distance, the
    /// shortest page).
    pub font: Option<Arc<str>>,
    /// For a spacing rule judging two ads of which neither is at the gap explained: their
    /// gaps (upper, lower). `None`: the pair is this gap and the ad at gap `other`.
    pub between: Option<(usize, usize)>,
}

/// The refusal by another rule that a modifying rule's refusal comes down to.
#[derive(Clone, Debug, PartialEq)]
pub struct Cause {
    /// The other rule's key.
    pub key: &'static str,
    /// Its refusal.
    pub refusal: Refusal,
}

impl Refusal {
    /// A refusal with these numbers.
    pub fn new(actual: impl Into<Amount>, limit: impl Into<Amount>) -> Refusal {
        Refusal {
            actual: actual.into(),
            limit: limit.into(),
            kind: None,
            region: None,
            other: None,
            subkey: None,
            cause: None,
            font: None,
            between: None,
        }
    }

    /// The same refusal naming `font` as the binding typeface.
    pub fn in_font(mut self, font: Option<&Arc<str>>) -> Refusal {
        self.font = font.cloned();
        self
    }
}

/// A minimum: refuses when `got` is below `need`.
pub fn at_least(got: u64, need: u32) -> Option<Refusal> {
    (got < u64::from(need)).then(|| Refusal::new(got, need))
}

/// At least `need` px of article between gaps `a <= b` ([`Measure::px_between`]: in candidates
/// mode the shortest of the typefaces' distances, which the refusal names).
pub fn px_at_least(m: &Measure, a: usize, b: usize, need: u32) -> Option<Refusal> {
    if m.px_between(a, b) >= u64::from(need) {
        return None;
    }
    let (got, font) = m.shortest_between(a, b);
    Some(Refusal::new(got, need).in_font(font))
}

/// A maximum: refuses when `got` is above `max` (no maximum when `None`).
pub fn at_most(got: u64, max: Option<u32>) -> Option<Refusal> {
    let max = max?;
    (got > u64::from(max)).then(|| Refusal::new(got, max))
}

/// At most `max` px of article between gaps `a <= b` (no maximum when `None`): in candidates
/// mode in every typeface, so against the longest of their distances
/// ([`Measure::longest_between`], rounded up), which the refusal names.
pub fn px_at_most(m: &Measure, a: usize, b: usize, max: Option<u32>) -> Option<Refusal> {
    let max = max?;
    let (got, font) = m.longest_between(a, b);
    (got > u64::from(max)).then(|| Refusal::new(got, max).in_font(font))
}

/// Viewport heights between the two ads of a pair: at most `max` viewports (no maximum when
/// `None`), in whole px rounded down; in candidates mode against the longest of the typefaces'
/// distances (rounded up), which the refusal names.
pub fn viewports_at_most(max: Option<f64>, m: &Measure, pair: Pair) -> Option<Refusal> {
    let max = max?;
    let viewport = m.viewport_px();
    let max_px = (max * viewport as f64).floor() as u64;
    let (got, font) = m.longest_between(pair.upper, pair.lower);
    (got > max_px).then(|| {
        Refusal::new(
            Amount::Px { px: got, viewport },
            Amount::Viewports {
                viewports: max,
                px: max_px,
            },
        )
        .in_font(font)
    })
}

/// Viewport heights between the two ads of a pair: at least `need` viewports, in whole px
/// rounded up.
pub fn viewports_between(need: f64, m: &Measure, pair: Pair) -> Option<Refusal> {
    let viewport = m.viewport_px();
    let need_px = (need * viewport as f64).ceil() as u64;
    let got = m.px_between(pair.upper, pair.lower);
    (got < need_px).then(|| {
        let (_, font) = m.shortest_between(pair.upper, pair.lower);
        Refusal::new(
            Amount::Px { px: got, viewport },
            Amount::Viewports {
                viewports: need,
                px: need_px,
            },
        )
        .in_font(font)
    })
}

/// At most `max` ads in the plan. The refusal counts the ads the plan has without this one.
pub fn max_ads(max: u32, t: Totals) -> Option<Refusal> {
    (t.ads > max as usize).then(|| Refusal::new(t.ads - 1, max))
}

/// Ads take at most `max` of the page height (the article plus the inserted ads); in candidates
/// mode in every typeface, so against the shortest page (the worst ratio), which the refusal
/// names.
pub fn max_density(max: Ratio, m: &Measure, t: Totals) -> Option<Refusal> {
    let (content, font) = m.shortest_content_px();
    let page = content.saturating_add(t.added_px).max(1);
    let density = t.ad_px as f64 / page as f64;
    (density > max.0)
        .then(|| Refusal::new(Amount::Ratio(density), Amount::Ratio(max.0)).in_font(font))
}

/// No ad at gap `g` directly after a block of one of `kinds`.
pub fn never_after(kinds: &[BlockKind], m: &Measure, g: usize) -> Option<Refusal> {
    let above = g.checked_sub(1)?;
    let kind = m.kind(above)?;
    kinds.contains(&kind).then(|| Refusal {
        kind: Some(kind),
        ..Refusal::new(above, Amount::Nothing)
    })
}

/// No ad at gap `g` directly before a block of one of `kinds`.
pub fn never_before(kinds: &[BlockKind], m: &Measure, g: usize) -> Option<Refusal> {
    let kind = m.kind(g)?;
    kinds.contains(&kind).then(|| Refusal {
        kind: Some(kind),
        ..Refusal::new(g, Amount::Nothing)
    })
}

/// No ad at gap `g` directly beside a block in one of `regions`: the block above the gap first,
/// then the one below. The refusal names the block and its region.
pub fn never_beside_regions(regions: &[Region], m: &Measure, g: usize) -> Option<Refusal> {
    [g.checked_sub(1), Some(g)]
        .into_iter()
        .flatten()
        .find_map(|i| m.region(i).filter(|r| regions.contains(r)).map(|r| (i, r)))
        .map(|(i, r)| Refusal {
            region: Some(r),
            ..Refusal::new(i, Amount::Nothing)
        })
}

/// No ad at gap `g` within a clearance of a block of the kinds that have one: `above_px` of
/// article above the nearest such block below, `below_px` below the nearest one above.
pub fn clearance(clearances: &Clearances, m: &Measure, g: usize) -> Option<Refusal> {
    for (&kind, c) in &clearances.0 {
        if let Some(j) = m.first_at_or_after(kind, g) {
            if let Some(r) = px_at_least(m, g, j, c.above_px) {
                return Some(Refusal {
                    kind: Some(kind),
                    other: Some(j),
                    subkey: Some("above_px"),
                    ..r
                });
            }
        }
        if let Some(j) = m.last_before(kind, g) {
            if let Some(r) = px_at_least(m, j + 1, g, c.below_px) {
                return Some(Refusal {
                    kind: Some(kind),
                    other: Some(j),
                    subkey: Some("below_px"),
                    ..r
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Block};
    use crate::layout::{layout, DeviceProfile, Hyphenation};
    use crate::rules::values::Clearance;

    /// A clearance judges by the measure's lookups whether or not the measure was built with
    /// tables for the kind: it can never pass for want of a table (it once could, when
    /// `Measure::track` had not been called).
    #[test]
    fn a_clearance_holds_whatever_the_measure_tracks() {
        let article = Article::new(vec![
            Block::new(BlockKind::Paragraph, "one two three"),
            Block::new(BlockKind::Image, ""),
            Block::new(BlockKind::Paragraph, "four five six"),
        ]);
        let g = layout(&article, &DeviceProfile::mobile(), Hyphenation::None);
        let mut c = Clearances::default();
        c.0.insert(
            BlockKind::Image,
            Clearance {
                above_px: 10,
                below_px: 10,
            },
        );
        for tracked in [vec![BlockKind::Image], vec![]] {
            let m = Measure::new(&article, &g, 740, tracked);
            let r = clearance(&c, &m, 1).expect("gap 1 is right above the image");
            assert_eq!((r.subkey, r.other), (Some("above_px"), Some(1)));
            let r = clearance(&c, &m, 2).expect("gap 2 is right below the image");
            assert_eq!(r.subkey, Some("below_px"));
            assert!(clearance(&c, &m, 0).is_none());
        }
    }
}

#[cfg(test)]
mod examples {
    #[test]
    fn counting() {
        use crate::rules::checks::Amount;
        assert_eq!(Amount::Count(1).counting("paragraph"), "1 paragraph");
        assert_eq!(Amount::Count(0).counting("word"), "0 words");
    }

    #[test]
    fn at_least() {
        use crate::rules::checks::at_least;
        assert!(at_least(3, 3).is_none());
        let r = at_least(2, 3).unwrap();
        assert_eq!(
            (r.actual.to_string(), r.limit.to_string()),
            ("2".into(), "3".into())
        );
    }

    #[test]
    fn px_at_least() {
        use crate::layout::{layout, DeviceProfile, Hyphenation};
        use crate::measure::Measure;
        use crate::rules::checks::px_at_least;
        use crate::{Article, Block, BlockKind::*};
        let a = Article::new(vec![
            Block::new(Paragraph, "one two"),
            Block::new(Paragraph, "three"),
        ]);
        let m = Measure::new(
            &a,
            &layout(&a, &DeviceProfile::mobile(), Hyphenation::None),
            740,
            [],
        );
        assert!(px_at_least(&m, 0, 2, 70).is_none()); // 27 + 16 + 27 px
        assert_eq!(px_at_least(&m, 0, 1, 50).unwrap().actual.to_string(), "43");
        // 27 + 16
    }

    #[test]
    fn at_most() {
        use crate::rules::checks::at_most;
        assert!(at_most(3, Some(3)).is_none() && at_most(9, None).is_none());
        assert_eq!(at_most(4, Some(3)).unwrap().actual.to_string(), "4");
    }

    #[test]
    fn px_at_most() {
        use crate::layout::{layout, DeviceProfile, Hyphenation};
        use crate::measure::Measure;
        use crate::rules::checks::px_at_most;
        use crate::{Article, Block, BlockKind::*};
        let a = Article::new(vec![
            Block::new(Paragraph, "one two"),
            Block::new(Paragraph, "three"),
        ]);
        let m = Measure::new(
            &a,
            &layout(&a, &DeviceProfile::mobile(), Hyphenation::None),
            740,
            [],
        );
        assert!(px_at_most(&m, 0, 1, Some(43)).is_none() && px_at_most(&m, 0, 2, None).is_none());
        assert_eq!(
            px_at_most(&m, 0, 2, Some(60)).unwrap().actual.to_string(),
            "70"
        ); // 27 + 16 + 27
    }
}
