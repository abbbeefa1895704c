//! The placement problem as the solvers see it: the fixed ads, the in-flow heights, and every
//! registry rule sorted by what it judges, run through one set of check functions.

use crate::measure::Measure;
use crate::rules::checks::{Bound, Pair, Refusal, Totals, Unit};
use crate::rules::registry::{Check, Rule, RULES};
use crate::rules::Policy;

/// What an ad in a plan is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AdKind {
    /// Inserted because an anchor requires it, with the anchor's slot.
    Anchor(String),
    /// Placed by a solver: the `k`-th in-flow ad (from 1).
    InFlow(usize),
    /// Already on the page (an `ad` block).
    Existing,
}

/// An ad: fixed before solving (anchors, ads on the page) or placed in-flow.
#[derive(Clone, Debug)]
pub(crate) struct Ad {
    /// Gap where it starts (measuring distance to ads above).
    pub top: usize,
    /// Gap where it ends (measuring distance to ads below): `top`, or `top + 1` for a block.
    pub bottom: usize,
    /// Whether spacing rules count it.
    pub spacing: bool,
    /// Its height, in px.
    pub px: u64,
    /// What it is.
    pub kind: AdKind,
}

impl Ad {
    /// Whether the plan inserts it (not an ad already on the page).
    pub fn inserted(&self) -> bool {
        self.kind != AdKind::Existing
    }

    /// Whether a solver placed it.
    pub fn inflow(&self) -> bool {
        matches!(self.kind, AdKind::InFlow(_))
    }

    /// The order of ads in a plan: by gap, and at one gap an inserted ad stands above the ad
    /// block that starts there.
    pub fn order(&self) -> (usize, bool) {
        (self.top, self.kind == AdKind::Existing)
    }
}

/// A smallest spacing every pair of consecutive ads with an in-flow ad must keep, in `unit`:
/// what `prefer = "even"` raises (see `even`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Spread {
    pub unit: Unit,
    pub min: u64,
}

/// One article on one device under one policy: what both solvers and the explanation judge.
pub(crate) struct Instance<'a> {
    pub policy: &'a Policy,
    pub m: &'a Measure,
    /// Anchors and ads on the page, in page order ([`Ad::order`]).
    pub fixed: &'a [Ad],
    /// `heights[k - 1]`: the height of the `k`-th in-flow ad; the last repeats.
    pub heights: &'a [u64],
    gap_rules: Vec<&'static Rule>,
    min_rules: Vec<&'static Rule>,
    max_rules: Vec<&'static Rule>,
    first_rules: Vec<&'static Rule>,
    limit_rules: Vec<&'static Rule>,
    /// The rule that escalates spacing by ordinal, which an explanation names when an ad
    /// would raise the ordinal of an ad below it too far.
    pub escalation: Option<&'static Rule>,
    /// The spacing `prefer = "even"` holds the solvers to, if any.
    pub spread: Option<Spread>,
    fixed_px: u64,
    fixed_added_px: u64,
}

impl<'a> Instance<'a> {
    pub fn new(policy: &'a Policy, m: &'a Measure, fixed: &'a [Ad], heights: &'a [u64]) -> Self {
        let of = |f: fn(&Check) -> bool| RULES.iter().filter(|r| f(&r.check)).collect();
        // A bound that is not set judges nothing: leaving it out keeps the solvers' inner
        // loops to the rules in force.
        let set = |r: &&Rule| !policy.is_unset(r.key) || escalated(policy, r.key);
        let max_rules: Vec<&'static Rule> = of(|c| {
            matches!(
                c,
                Check::Spacing {
                    bound: Bound::Max,
                    ..
                }
            )
        });
        let first_rules: Vec<&'static Rule> = of(|c| matches!(c, Check::First(_)));
        Instance {
            policy,
            m,
            fixed,
            heights,
            gap_rules: of(|c| matches!(c, Check::Gap(_))),
            min_rules: of(|c| {
                matches!(
                    c,
                    Check::Spacing {
                        bound: Bound::Min,
                        ..
                    }
                )
            }),
            max_rules: max_rules.into_iter().filter(set).collect(),
            first_rules: first_rules.into_iter().filter(set).collect(),
            limit_rules: of(|c| matches!(c, Check::Limit(_))),
            escalation: RULES.iter().find(|r| matches!(r.check, Check::Escalation)),
            spread: None,
            fixed_px: fixed.iter().map(|f| f.px).sum(),
            fixed_added_px: fixed.iter().filter(|f| f.inserted()).map(|f| f.px).sum(),
        }
    }

    /// Whether rules that break the sweep's exchange argument are in force (see `engine`): a
    /// maximum (`max_*`), or escalation that loosens a minimum from one ad to the next while
    /// an anchor exempt from spacing stands below some gap.
    pub fn needs_exact(&self) -> bool {
        if !self.max_rules.is_empty() || !self.first_rules.is_empty() {
            return true;
        }
        let loosens = self.policy.after_ads.iter().any(|e| {
            !self
                .policy
                .lowered(e.count as usize - 1, e.count as usize)
                .is_empty()
        });
        loosens && self.fixed.iter().any(|f| !f.spacing && f.top > 0)
    }

    /// The plan with in-flow ads at `inflow` (increasing): the fixed ads and those, in page
    /// order.
    pub fn plan(&self, inflow: &[usize]) -> Vec<Ad> {
        let mut ads: Vec<Ad> = self.fixed.to_vec();
        ads.extend(inflow.iter().enumerate().map(|(i, &g)| Ad {
            top: g,
            bottom: g,
            spacing: true,
            px: self.inflow_px(i + 1),
            kind: AdKind::InFlow(i + 1),
        }));
        // In-flow ads never share a gap with an anchor; before an ad block, both stand above it.
        ads.sort_by_key(Ad::order);
        ads
    }

    /// The height of the `k`-th in-flow ad (from 1).
    pub fn inflow_px(&self, k: usize) -> u64 {
        match self.heights.len() {
            0 => 0,
            len => self.heights[k.clamp(1, len) - 1],
        }
    }

    /// The plan's totals with `inflow` in-flow ads: they depend on the count alone (the
    /// `k`-th in-flow ad has the `k`-th slot wherever it stands), and only grow with it.
    pub fn totals(&self, inflow: usize) -> Totals {
        let len = self.heights.len();
        let listed: u64 = self.heights[..inflow.min(len)].iter().sum();
        let repeated =
            inflow.saturating_sub(len) as u64 * self.heights.last().copied().unwrap_or(0);
        let added = listed.saturating_add(repeated);
        Totals {
            ads: self.fixed.len() + inflow,
            ad_px: self.fixed_px.saturating_add(added),
            added_px: self.fixed_added_px.saturating_add(added),
        }
    }

    /// The most in-flow ads the limits allow (limits only tighten with the count), at most
    /// `cap`.
    pub fn most_by_limits(&self, cap: usize) -> usize {
        (1..=cap)
            .find(|&k| self.limit_refusal(self.totals(k)).is_some())
            .map_or(cap, |k| k - 1)
    }

    pub fn gap_refusal(&self, g: usize) -> Option<(&'static Rule, Refusal)> {
        self.gap_rules.iter().find_map(|r| match r.check {
            Check::Gap(check) => check(self.policy, self.m, g).map(|x| (*r, x)),
            _ => None,
        })
    }

    pub fn gap_refusals(&self, g: usize) -> impl Iterator<Item = (&'static Rule, Refusal)> + '_ {
        self.gap_rules.iter().filter_map(move |r| match r.check {
            Check::Gap(check) => check(self.policy, self.m, g).map(|x| (*r, x)),
            _ => None,
        })
    }

    /// Whether the first in-flow ad may stand at `g`.
    pub fn first_ok(&self, g: usize) -> bool {
        self.first_refusals(g).next().is_none()
    }

    pub fn first_refusals(&self, g: usize) -> impl Iterator<Item = (&'static Rule, Refusal)> + '_ {
        self.first_rules.iter().filter_map(move |r| match r.check {
            Check::First(check) => check(self.policy, self.m, g).map(|x| (*r, x)),
            _ => None,
        })
    }

    /// The spacing rules bounding one way.
    fn rules(&self, bound: Bound) -> &[&'static Rule] {
        match bound {
            Bound::Min => &self.min_rules,
            Bound::Max => &self.max_rules,
        }
    }

    /// Every rule bounding `bound`'s way that refuses `pair`.
    pub fn pair_refusals(
        &self,
        pair: Pair,
        bound: Bound,
    ) -> impl Iterator<Item = (&'static Rule, Refusal)> + '_ {
        self.rules(bound).iter().filter_map(move |r| match r.check {
            Check::Spacing { check, .. } => check(self.policy, self.m, pair).map(|x| (*r, x)),
            _ => None,
        })
    }

    /// Whether `pair` keeps every minimum (and the spread, if one is held).
    pub fn min_ok(&self, pair: Pair) -> bool {
        self.spread
            .is_none_or(|s| s.unit.distance(self.m, pair.upper, pair.lower) >= s.min)
            && self.pair_refusals(pair, Bound::Min).next().is_none()
    }

    /// Whether `pair` keeps every maximum.
    pub fn max_ok(&self, pair: Pair) -> bool {
        self.max_rules.is_empty() || self.pair_refusals(pair, Bound::Max).next().is_none()
    }

    /// Whether any maximum is in force.
    pub fn has_max(&self) -> bool {
        !self.max_rules.is_empty()
    }

    pub fn limit_refusals(
        &self,
        totals: Totals,
    ) -> impl Iterator<Item = (&'static Rule, Refusal)> + '_ {
        self.limit_rules.iter().filter_map(move |r| match r.check {
            Check::Limit(check) => check(self.policy, self.m, totals).map(|x| (*r, x)),
            _ => None,
        })
    }

    pub fn limit_refusal(&self, totals: Totals) -> Option<(&'static Rule, Refusal)> {
        self.limit_refusals(totals).next()
    }
}

/// Whether an `after_ads` entry sets rule `key`.
pub(crate) fn escalated(policy: &Policy, key: &str) -> bool {
    policy.after_ads.iter().any(|e| e.set.keys().contains(&key))
}
