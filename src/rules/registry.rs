//! The rule registry: every rule's TOML key, default, doc, check and explanation, in one table.
//!
//! A rule is added here and nowhere else: the [`Policy`] field, the TOML key the loader accepts,
//! the README reference (`adslot rules`), the check the solver runs and the sentence `--explain`
//! prints all come from its entry.

use serde::Serialize;

use super::values::{Clearances, Escalation, Ratio, RuleValue};
use crate::article::BlockKind;
use crate::measure::Measure;

/// The three shapes of rules (plus modifiers of other rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// Judges one gap alone.
    Gap,
    /// Judges two consecutive ads that count for spacing.
    Spacing,
    /// Judges the totals of the whole plan.
    Limit,
    /// Changes how other rules judge (escalating spacing).
    Modifier,
}

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
    /// The other gap or block involved (filled by the engine for spacing rules).
    pub other: Option<usize>,
    /// For a rule keyed by kind (`clearance`): which of its values refused, e.g. `above_px`,
    /// making the key `clearance.KIND.above_px`.
    pub subkey: Option<&'static str>,
}

impl Refusal {
    /// A refusal with these numbers.
    pub fn new(actual: impl Into<Amount>, limit: impl Into<Amount>) -> Refusal {
        Refusal {
            actual: actual.into(),
            limit: limit.into(),
            kind: None,
            other: None,
            subkey: None,
        }
    }

    /// The key that refused: the rule's own, or `section.KIND.subkey` for rules keyed by kind.
    pub fn key(&self, rule: &Rule) -> String {
        match (self.subkey, self.kind) {
            (Some(sub), Some(kind)) => format!("{}.{kind}.{sub}", rule.key),
            _ => rule.key.to_string(),
        }
    }
}

/// A gap rule's check: `None` when gap `g` is acceptable.
pub type GapCheck = fn(&Policy, &Measure, usize) -> Option<Refusal>;
/// A spacing rule's check: `None` when the pair is far enough apart.
pub type SpacingCheck = fn(&Policy, &Measure, Pair) -> Option<Refusal>;
/// A limit rule's check: `None` when a plan with these totals is allowed.
pub type LimitCheck = fn(&Policy, &Measure, Totals) -> Option<Refusal>;

/// What a rule runs.
#[derive(Clone, Copy)]
pub enum Check {
    /// A gap rule.
    Gap(GapCheck),
    /// A spacing rule.
    Spacing(SpacingCheck),
    /// A limit rule.
    Limit(LimitCheck),
    /// No check of its own.
    Modifier,
}

/// One entry of the registry.
#[derive(Clone, Copy)]
pub struct Rule {
    /// TOML key inside its section, e.g. `min_words_between`.
    pub key: &'static str,
    /// TOML section, e.g. `spacing`.
    pub section: &'static str,
    /// What the rule means (its doc comment).
    pub doc: &'static str,
    /// What values it takes.
    pub value_type: &'static str,
    /// Its shape.
    pub shape: Shape,
    /// Its check.
    pub check: Check,
    /// The sentence explaining a refusal: `{actual}`, `{limit}`, `{kind}`, `{other}`, `{key}`.
    pub explain: &'static str,
}

impl Rule {
    /// The explanation of `refusal` by this rule.
    ///
    /// ```
    /// use adslot::rules::registry::{rule, Refusal};
    /// let mut r = Refusal::new(62_u64, 150_u32);
    /// r.other = Some(5);
    /// assert_eq!(
    ///     rule("min_words_between").unwrap().explain(&r),
    ///     "62 words between this gap and the ad at gap 5; min_words_between is 150"
    /// );
    /// ```
    pub fn explain(&self, refusal: &Refusal) -> String {
        self.explain
            .replace("{actual}", &refusal.actual.to_string())
            .replace("{limit}", &refusal.limit.to_string())
            .replace("{kind}", refusal.kind.map_or("", BlockKind::name))
            .replace(
                "{other}",
                &refusal.other.map(|o| o.to_string()).unwrap_or_default(),
            )
            .replace("{key}", &refusal.key(self))
    }

    /// The rule's default value, written as TOML.
    pub fn default_toml(&self) -> String {
        Policy::default().value_toml(self.key).unwrap_or_default()
    }
}

/// The registry entry of `key`.
pub fn rule(key: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.key == key)
}

macro_rules! registry {
    ($(
        $(#[doc = $doc:literal])+
        $field:ident : $ty:ty = $default:expr,
            section $section:literal, shape $shape:ident, explain $explain:literal,
            check $check:expr;
    )+) => {
        /// The rule values in force for one device: the top-level sections, overridden by that
        /// device's own `[device.NAME.*]` sections.
        #[derive(Clone, Debug, PartialEq, Serialize)]
        pub struct Policy {
            $( $(#[doc = $doc])+ pub $field: $ty, )+
        }

        impl Default for Policy {
            fn default() -> Self {
                Policy { $( $field: $default, )+ }
            }
        }

        /// Every rule, in the order the reference documents them.
        pub static RULES: &[Rule] = &[
            $( Rule {
                key: stringify!($field),
                section: $section,
                doc: concat!($($doc, "\n"),+),
                value_type: <$ty as RuleValue>::TYPE,
                shape: Shape::$shape,
                check: $check,
                explain: $explain,
            }, )+
        ];

        impl Policy {
            /// Sets the rule `key` from a TOML value; `None` if there is no such rule.
            pub(crate) fn set(
                &mut self,
                key: &str,
                value: &super::values::TomlValue<'_>,
                problems: &mut Vec<super::values::Problem>,
            ) -> Option<()> {
                match key {
                    $( stringify!($field) => {
                        if let Some(v) = <$ty as RuleValue>::from_toml(value, problems) {
                            self.$field = v;
                        }
                        Some(())
                    } )+
                    _ => None,
                }
            }

            /// The value of rule `key` written as TOML.
            pub fn value_toml(&self, key: &str) -> Option<String> {
                match key {
                    $( stringify!($field) => Some(self.$field.to_toml()), )+
                    _ => None,
                }
            }
        }
    };
}

registry! {
    /// All ads in the article, anchored ones and ads already on the page included.
    max_ads: u32 = 8,
        section "limits", shape Limit,
        explain "the plan already has {actual} ads; {key} is {limit}",
        check Check::Limit(|p, _m, t| {
            (t.ads > p.max_ads as usize).then(|| Refusal::new(t.ads - 1, p.max_ads))
        });

    /// Largest share of the page height (with ads) that ads may take; 1 means no cap.
    max_density: Ratio = Ratio(1.0),
        section "limits", shape Limit,
        explain "one more ad would make the ad density {actual}; {key} is {limit}",
        check Check::Limit(|p, m, t| {
            let page = m.content_px().saturating_add(t.added_px).max(1);
            let density = t.ad_px as f64 / page as f64;
            (density > p.max_density.0)
                .then(|| Refusal::new(Amount::Ratio(density), Amount::Ratio(p.max_density.0)))
        });

    /// Words between any two consecutive ads that count for spacing.
    min_words_between: u32 = 150,
        section "spacing", shape Spacing,
        explain "{actual} words between this gap and the ad at gap {other}; {key} is {limit}",
        check Check::Spacing(|p, m, pair| {
            let need = p.spacing_at(pair.ordinal).min_words_between;
            let got = m.words_between(pair.upper, pair.lower);
            (got < u64::from(need)).then(|| Refusal::new(got, need))
        });

    /// Paragraphs (kind `paragraph` or the lede) between consecutive ads.
    min_paragraphs_between: u32 = 0,
        section "spacing", shape Spacing,
        explain "{actual} paragraphs between this gap and the ad at gap {other}; {key} is {limit}",
        check Check::Spacing(|p, m, pair| {
            let need = p.spacing_at(pair.ordinal).min_paragraphs_between;
            let got = m.paragraphs_between(pair.upper, pair.lower);
            (got < u64::from(need)).then(|| Refusal::new(got, need))
        });

    /// Pixels of article from the bottom of one ad to the top of the next.
    min_px_between: u32 = 0,
        section "spacing", shape Spacing,
        explain "{actual} px between this gap and the ad at gap {other}; {key} is {limit}",
        check Check::Spacing(|p, m, pair| {
            let need = p.spacing_at(pair.ordinal).min_px_between;
            let got = m.px_between(pair.upper, pair.lower);
            (got < u64::from(need)).then(|| Refusal::new(got, need))
        });

    /// Viewport heights of article between consecutive ads (fractions allowed).
    min_viewports_between: f64 = 0.0,
        section "spacing", shape Spacing,
        explain "{actual} between this gap and the ad at gap {other}; {key} is {limit}",
        check Check::Spacing(|p, m, pair| {
            let need = p.spacing_at(pair.ordinal).min_viewports_between;
            let need_px = (need * m.viewport_px() as f64).ceil() as u64;
            let got = m.px_between(pair.upper, pair.lower);
            (got < need_px).then(|| Refusal::new(
                Amount::Px { px: got, viewport: m.viewport_px() },
                Amount::Viewports { viewports: need, px: need_px },
            ))
        });

    /// Escalating spacing: from the `count`-th ad of the article on, the spacing values given in
    /// the entry replace the ones above, e.g. `[{ count = 3, min_viewports_between = 2 }]`.
    /// Values may only grow from entry to entry (which keeps the placement count-optimal).
    after_ads: Vec<Escalation> = Vec::new(),
        section "spacing", shape Modifier,
        explain "",
        check Check::Modifier;

    /// Words above the first in-flow ad.
    min_words_before_first: u32 = 50,
        section "spacing", shape Gap,
        explain "{actual} words above this gap; {key} is {limit}",
        check Check::Gap(|p, m, g| {
            let got = m.words_between(0, g);
            (got < u64::from(p.min_words_before_first))
                .then(|| Refusal::new(got, p.min_words_before_first))
        });

    /// Paragraphs above the first in-flow ad.
    min_paragraphs_before_first: u32 = 0,
        section "spacing", shape Gap,
        explain "{actual} paragraphs above this gap; {key} is {limit}",
        check Check::Gap(|p, m, g| {
            let got = m.paragraphs_between(0, g);
            (got < u64::from(p.min_paragraphs_before_first))
                .then(|| Refusal::new(got, p.min_paragraphs_before_first))
        });

    /// Words below the last in-flow ad.
    min_words_after_last: u32 = 0,
        section "spacing", shape Gap,
        explain "{actual} words below this gap; {key} is {limit}",
        check Check::Gap(|p, m, g| {
            let got = m.words_between(g, m.last_gap());
            (got < u64::from(p.min_words_after_last))
                .then(|| Refusal::new(got, p.min_words_after_last))
        });

    /// Pixels of article above any in-flow ad (measured without ads).
    min_px_from_top: u32 = 0,
        section "spacing", shape Gap,
        explain "{actual} px above this gap; {key} is {limit}",
        check Check::Gap(|p, m, g| {
            let got = m.px_between(0, g);
            (got < u64::from(p.min_px_from_top)).then(|| Refusal::new(got, p.min_px_from_top))
        });

    /// Pixels of article below any in-flow ad (measured without ads).
    min_px_from_bottom: u32 = 0,
        section "spacing", shape Gap,
        explain "{actual} px below this gap; {key} is {limit}",
        check Check::Gap(|p, m, g| {
            let got = m.px_between(g, m.last_gap());
            (got < u64::from(p.min_px_from_bottom))
                .then(|| Refusal::new(got, p.min_px_from_bottom))
        });

    /// No in-flow ad directly after a block of these kinds (`lede` means the lede).
    never_after: Vec<BlockKind> = vec![
        BlockKind::Headline, BlockKind::Lede, BlockKind::Heading, BlockKind::Image,
    ],
        section "placement", shape Gap,
        explain "directly after the {kind} at block {actual}; {key} lists {kind}",
        check Check::Gap(|p, m, g| {
            let above = g.checked_sub(1)?;
            let kind = m.kind(above)?;
            p.never_after.contains(&kind).then(|| Refusal {
                kind: Some(kind),
                ..Refusal::new(above, Amount::Nothing)
            })
        });

    /// No in-flow ad directly before a block of these kinds.
    never_before: Vec<BlockKind> = vec![BlockKind::Caption],
        section "placement", shape Gap,
        explain "directly before the {kind} at block {actual}; {key} lists {kind}",
        check Check::Gap(|p, m, g| {
            let kind = m.kind(g)?;
            p.never_before.contains(&kind).then(|| Refusal {
                kind: Some(kind),
                ..Refusal::new(g, Amount::Nothing)
            })
        });

    /// Clearance around blocks of a kind, `[clearance.KIND] above_px = .., below_px = ..`: no
    /// in-flow ad within `above_px` above such a block or within `below_px` below it.
    clearance: Clearances = Clearances::default(),
        section "clearance", shape Gap,
        explain "{actual} px from the {kind} at block {other}; {key} is {limit}",
        check Check::Gap(|p, m, g| p.clearance.check(m, g));
}

/// The spacing values in force for one ad, after escalation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SpacingValues {
    /// Words between.
    pub min_words_between: u32,
    /// Paragraphs between.
    pub min_paragraphs_between: u32,
    /// Px between.
    pub min_px_between: u32,
    /// Viewports between.
    pub min_viewports_between: f64,
}

impl Policy {
    /// The spacing values for the ad at 1-based position `ordinal` among all ads: the base
    /// values, replaced by every `after_ads` entry whose `count` is at most `ordinal`.
    ///
    /// ```
    /// use adslot::rules::registry::Policy;
    /// use adslot::rules::values::Escalation;
    /// let mut p = Policy::default();
    /// p.after_ads = vec![Escalation { count: 3, min_words_between: Some(300), ..Escalation::default() }];
    /// assert_eq!(p.spacing_at(2).min_words_between, 150);
    /// assert_eq!(p.spacing_at(3).min_words_between, 300);
    /// ```
    pub fn spacing_at(&self, ordinal: usize) -> SpacingValues {
        let mut v = SpacingValues {
            min_words_between: self.min_words_between,
            min_paragraphs_between: self.min_paragraphs_between,
            min_px_between: self.min_px_between,
            min_viewports_between: self.min_viewports_between,
        };
        for e in self
            .after_ads
            .iter()
            .filter(|e| e.count as usize <= ordinal)
        {
            v.min_words_between = e.min_words_between.unwrap_or(v.min_words_between);
            v.min_paragraphs_between = e.min_paragraphs_between.unwrap_or(v.min_paragraphs_between);
            v.min_px_between = e.min_px_between.unwrap_or(v.min_px_between);
            v.min_viewports_between = e.min_viewports_between.unwrap_or(v.min_viewports_between);
        }
        v
    }
}
