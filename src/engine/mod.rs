//! The solvers: anchors first, then the most in-flow ads the rules allow, earliest or evenest.
//!
//! [`place`] fixes the anchors and the ads already on the page, resolves the policy for the
//! article (the device's rules, then the `[[when]]` sets that match), and places the in-flow
//! ads with one of two solvers behind the same checks and explanations:
//!
//! - the **sweep** (`sweep.rs`), one pass over the gaps, when the policy is *monotone*: no
//!   maximum (`max_*_between`, `max_*_before_first`) is set, and `after_ads` never loosens a
//!   minimum from one ad to the next;
//! - the **exact solver** (`exact.rs`), a dynamic program over (in-flow ad `k`, gap), for
//!   every other policy, or when [`PlaceOptions::exact`] asks for it.
//!
//! `prefer = "even"` runs either one inside a search over a spacing threshold (`even.rs`).
//!
//! # What a valid plan is
//! Let the candidates be the gaps whose gap rules pass and that hold no anchor. A plan is a set
//! of candidates `g_1 < ... < g_m`; with the fixed ads it makes a list of ads in page order,
//! and an ad's *ordinal* is its position in that list. Among the ads that count for spacing
//! (exempt anchors do not), two consecutive ones form a *pair*, judged at the ordinal of its
//! lower ad by the rules in force there (`after_ads`). The plan is valid when
//! (1) the first-ad rules accept `g_1`; (2) every pair with an in-flow ad keeps every minimum;
//! (3) every pair between `g_1` and `g_m` (fixed pairs included) keeps every maximum; and
//! (4) with `m > 0` the limits accept the totals, which depend on `m` alone (the `k`-th
//! in-flow ad takes the `k`-th slot of the sequence wherever it stands) and only grow with it.
//! The empty plan is always valid. The brute-force oracle (`tests/common/oracle.rs`) is this
//! definition written again from the README, and the property tests hold both solvers to it.
//!
//! # Why the sweep is optimal for monotone policies
//! Spacing rules judge a pair by a distance between two gaps (words and paragraphs a
//! difference of prefix sums; px from where an ad at the upper gap ends to where one at the
//! lower gap starts, both edges never going up the page), so it only grows as the ads move
//! apart; for a monotone policy every spacing rule is a minimum
//! and its requirement only grows with the ordinal. Gap rules judge a gap alone; limits cap
//! totals that only grow with the count.
//!
//! The sweep takes a gap when its gap rules pass, it keeps the minimums to the ad above and to
//! the next fixed ad below that counts for spacing, and the limits allow one more ad. Exchange
//! argument: let `g_k` be the sweep's k-th in-flow ad and `o_k` that of any valid plan. If
//! `g_k <= o_k`, then `o_{k+1}` was a candidate for the sweep: its gap rules pass; the ad
//! above it in the sweep is `g_k` or a fixed ad no farther than in the plan, with the same
//! ordinal (k in-flow plus the same fixed ads above), so the minimums hold; towards the next
//! fixed ad the distance is no shorter and the ordinal no larger than in the plan, where that
//! fixed ad follows `o_{k+1}` or a later ad; and the totals are those of the plan's first k+1
//! ads. So `g_{k+1} <= o_{k+1}`: the sweep places at least as many ads as any valid plan, and
//! its k-th ad is never later, so among the plans with the most ads it is the lexicographically
//! earliest. A maximum breaks the argument (moving an ad up may stretch the pair below it too
//! far), and so does a minimum that loosens with the ordinal (a later ordinal may allow a
//! closer pair); those policies take the exact solver. Time O(n) checks for n blocks.
//!
//! # Why the exact solver is optimal, and its cost
//! Condition (2)-(3) only ever relate consecutive in-flow ads `g_{k-1}, g_k` and the fixed
//! ads between them, at ordinals fixed by `k` and the fixed ads above (`fa(g) + k` for the
//! in-flow ad at `g`). So a plan is a path through layers: `F_k(g)`, "some valid prefix has its
//! k-th in-flow ad at `g`", holds when (1)/`k = 1` or some `g'` with `F_{k-1}(g')` has a valid
//! *transition* `T_k(g', g)`: every pair from `g'` down to `g` keeps its bounds (minimums on
//! the pairs with `g'` or `g`, maximums on all of them). Induction on `k` gives: a valid plan
//! of `m` ads exists iff some `g` has `F_m(g)`, the pair from `g` to the next counting fixed ad
//! keeps the minimums at ordinal `m + 1` onwards, and `m` is within the limits. The solver
//! takes the largest such `m`, which is the optimum by that equivalence.
//!
//! The transitions are intervals. For a lower `g` and no counting fixed ad between, the
//! uppers `g'` keeping the minimums form a prefix of the candidates and those keeping the
//! maximums a suffix (the distance shrinks as `g'` nears `g`): an interval `[lo(g), hi(g))`,
//! both ends moving down with `g`, found by two pointers per escalation state. With counting
//! fixed ads `S_a..S_b` between, the transition factors into "`g'` arrives at `S_a`" (again an
//! interval of the uppers between `S_{a-1}` and `S_a`), "the chain `S_a..S_b` keeps the
//! maximums" and "the pair `(S_b, g)` keeps its bounds"; a running `reach` over the fixed ads
//! answers the first two for every `b` at once. Each layer is then one pass with prefix sums
//! of the previous layer, O(n + f) for n candidates and f counting fixed ads.
//!
//! The earliest optimal plan comes from the backward layers `B_k(g)`, "the k-th of `m` ads at
//! `g` has a valid rest", computed by pushing each `B_k` gap onto its intervals (difference
//! arrays); then `g_1` is the first gap with `F_1` and `B_1`, and each `g_k` the first gap after
//! `g_{k-1}` with `T_k(g_{k-1}, g_k)` and `B_k`: by construction the prefix is valid and has a
//! valid rest, and no earlier choice has one, which is the definition of the lexicographically
//! first optimal plan. Time O(K (n + f) + E n + f E log n) for K = min(max_ads, n), E escalation
//! states in use; memory O(E n) for the intervals and K n bits for the backward layers.
//!
//! # `prefer = "even"`
//! Among the plans with the most ads, `even` takes one whose *smallest spacing* is largest:
//! the minimum, over the pairs minimums judge (consecutive counting ads with an in-flow ad),
//! of their distance in px when a px or viewport spacing rule is set, else in words; ties go to
//! the lexicographically earliest plan. Holding every such pair to at least `d` is one more
//! minimum, uniform over ordinals, so it keeps a monotone policy monotone and either solver
//! exact for the count `count(d)`, which only falls as `d` grows: a binary search finds the
//! largest `d*` with `count(d*) = count(0)`, and the solver's plan at `d*` is the earliest plan
//! reaching it. O(log D) solves for D the article's length in the unit.
//!
//! # Explanations
//! `--explain` judges every gap against the final plan by the same checks (`explain.rs`):
//! both solvers return a plan with the most ads, so one more ad anywhere breaks some rule, and
//! each unplaced gap says which.

mod even;
mod exact;
mod explain;
mod fixed;
mod instance;
mod sweep;

pub use even::even_unit;

use crate::article::Article;
use crate::error::Error;
use crate::layout::{self, reserved_height, whole_px, Geometry, Hyphenation, LAYOUT_UNITS};
use crate::measure::Measure;
use crate::plan::{Even, Placement, Plan, Reason, Solver};
use crate::rules::values::Prefer;
use crate::rules::{Device, Policy, Rules};
use instance::{Ad, AdKind, Instance};

/// What to place for: build with [`PlaceOptions::new`] and the setters.
///
/// ```
/// let options = adslot::PlaceOptions::new().device("desktop").explain(true);
/// assert_eq!(options.device.as_deref(), Some("desktop"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PlaceOptions {
    /// The device (`None`: the rule file's default device).
    pub device: Option<String>,
    /// Whether to give every gap's verdict.
    pub explain: bool,
    /// Whether to use the exact solver even when the sweep would do (the plans are the same;
    /// for tests and benchmarks).
    pub exact: bool,
}

impl PlaceOptions {
    /// The rule file's default device, no explanation.
    pub fn new() -> PlaceOptions {
        PlaceOptions::default()
    }

    /// Places for the device called `name`.
    pub fn device(mut self, name: impl Into<String>) -> PlaceOptions {
        self.device = Some(name.into());
        self
    }

    /// Whether to give every gap's verdict.
    pub fn explain(mut self, explain: bool) -> PlaceOptions {
        self.explain = explain;
        self
    }

    /// Whether to use the exact solver even for a monotone policy.
    ///
    /// ```
    /// use adslot::{place, Article, Block, BlockKind::*, PlaceOptions, Rules};
    /// let rules = Rules::default();
    /// let article = Article::new(vec![Block::new(Paragraph, "word ".repeat(400))]);
    /// let sweep = place(&article, &rules, &PlaceOptions::new()).unwrap();
    /// let exact = place(&article, &rules, &PlaceOptions::new().exact(true)).unwrap();
    /// assert_eq!(sweep.placements, exact.placements);
    /// assert_eq!((sweep.solver, exact.solver), (adslot::plan::Solver::Sweep, adslot::plan::Solver::Exact));
    /// ```
    pub fn exact(mut self, exact: bool) -> PlaceOptions {
        self.exact = exact;
        self
    }
}

/// Places ads in `article` by `rules`.
///
/// ```
/// use adslot::{place, Article, Block, BlockKind::*, PlaceOptions, Rules};
/// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_between = 3\nmin_words_before_first = 0\n[placement]\nnever_after = []").unwrap();
/// let article = Article::new(vec![
///     Block::new(Paragraph, "one two three"),
///     Block::new(Paragraph, "four five"),
///     Block::new(Paragraph, "six seven eight"),
/// ]);
/// let plan = place(&article, &rules, &PlaceOptions::new()).unwrap();
/// let gaps: Vec<usize> = plan.placements.iter().map(|p| p.before_block).collect();
/// assert_eq!(gaps, [0, 1, 3]);
/// ```
pub fn place(article: &Article, rules: &Rules, options: &PlaceOptions) -> Result<Plan, Error> {
    let device = rules.select_device(options.device.as_deref())?;
    let geometry = layout::layout(article, &device.profile, hyphenation(device));
    Ok(place_measured(article, rules, device, &geometry, options))
}

/// The geometry `place` works on for `device`, as `adslot layout` prints it: in px when the
/// device names fonts, else by columns; at `columns` instead (by columns, whatever the fonts)
/// when given; hyphenated (en-US) when `hyphenate` or the device says so.
///
/// ```
/// use adslot::{engine, Article, Block, BlockKind, Rules};
/// let rules = Rules::default();
/// let device = rules.select_device(None)?;
/// let a = Article::new(vec![Block::new(BlockKind::Paragraph, "word ".repeat(20))]);
/// assert_eq!(engine::estimate(&a, device, None, false).blocks[0].lines, 3);
/// assert_eq!(engine::estimate(&a, device, Some(20), false).blocks[0].lines, 5);
/// # Ok::<(), adslot::Error>(())
/// ```
pub fn estimate(
    article: &Article,
    device: &Device,
    columns: Option<usize>,
    hyphenate: bool,
) -> layout::Geometry {
    let hyphenation = if hyphenate {
        Hyphenation::EnUs
    } else {
        hyphenation(device)
    };
    match columns {
        Some(columns) => layout::layout_at(article, &device.profile, columns.max(1), hyphenation),
        None => layout::layout(article, &device.profile, hyphenation),
    }
}

/// The hyphenation a device asks for.
pub fn hyphenation(device: &Device) -> Hyphenation {
    if device.hyphenate {
        Hyphenation::EnUs
    } else {
        Hyphenation::None
    }
}

/// Places on an already laid-out article (the preview and `layout` share the geometry);
/// `options.device` is not read (the device is given).
pub fn place_measured(
    article: &Article,
    rules: &Rules,
    device: &Device,
    geometry: &Geometry,
    options: &PlaceOptions,
) -> Plan {
    let resolved = rules.resolve(device, article);
    let policy: &Policy = &resolved.policy;
    let measure = Measure::new(
        article,
        geometry,
        layout::px(device.profile.viewport_height_px),
        policy.clearance.kinds(),
    );
    let slots = policy.inflow_slots_sequence();
    let heights: Vec<u64> = slots
        .iter()
        .map(|s| reserved_height(rules.sizes(s), &device.profile))
        .collect();
    let (fixed, unplaced_anchors) = fixed::fixed_ads(rules, device, &measure, geometry);
    let mut inst = Instance::new(policy, &measure, &fixed, &heights);
    let exact = options.exact || inst.needs_exact();
    let solve = |inst: &Instance<'_>| {
        if exact {
            exact::solve(inst)
        } else {
            sweep::solve(inst)
        }
    };
    let (inflow, even) = match policy.prefer {
        Prefer::Earliest => (solve(&inst), None),
        Prefer::Even => {
            let (inflow, smallest) = even::solve(&mut inst, solve);
            let unit = even_unit(policy);
            (inflow, Some(Even { unit, smallest }))
        }
    };
    let ads = inst.plan(&inflow);
    let mut warnings = explain::fixed_warnings(&inst);
    if inflow.is_empty() {
        warnings.extend(first_warning(&inst, &fixed, &heights, exact));
    }
    let (placements, margins_px) = placements(&ads, policy, rules, device, &measure);
    let added_px: u64 = placements.iter().map(|p| p.height_px).sum();
    let ad_px: u64 = ads.iter().map(|a| a.px).sum();
    let page_height_px = measure
        .content_px()
        .saturating_add(added_px)
        .saturating_add_signed(margins_px);
    let density = if page_height_px == 0 {
        0.0
    } else {
        ad_px as f64 / page_height_px as f64
    };
    let gaps = options.explain.then(|| explain::verdicts(&inst, &ads));
    Plan {
        id: article.id.clone(),
        device: device.name.clone(),
        placements,
        page_height_px,
        density,
        solver: if exact { Solver::Exact } else { Solver::Sweep },
        rule_sets: resolved.applied.iter().map(|s| s.to_string()).collect(),
        even,
        unplaced_anchors,
        warnings,
        gaps,
    }
}

/// When the plan has no in-flow ad because the first-ad rules (`max_*_before_first`) refuse
/// every plan that has one: what the rules would place without them.
fn first_warning(inst: &Instance<'_>, fixed: &[Ad], heights: &[u64], exact: bool) -> Vec<Reason> {
    let bounds: Vec<&'static str> = crate::rules::RULES
        .iter()
        .filter(|r| r.shape() == crate::rules::registry::Shape::First)
        .filter(|r| !inst.policy.is_unset(r.key))
        .map(|r| r.key)
        .collect();
    if bounds.is_empty() {
        return Vec::new();
    }
    let mut loose = inst.policy.clone();
    for key in &bounds {
        loose.reset(key);
    }
    let free = Instance::new(&loose, inst.m, fixed, heights);
    let without = if exact || free.needs_exact() {
        exact::solve(&free)
    } else {
        sweep::solve(&free)
    };
    let Some(&g) = without.first() else {
        return Vec::new();
    };
    let written: Vec<String> = bounds
        .iter()
        .map(|k| format!("{k} = {}", inst.policy.value_toml(k).unwrap_or_default()))
        .collect();
    vec![Reason {
        font: None,
        rule: bounds[0].to_string(),
        text: format!(
            "no plan that keeps every rule has its first in-flow ad within {}: without {} the \
             rules would place {}, the first at gap {g}",
            written.join(" and "),
            if bounds.len() == 1 { "it" } else { "them" },
            crate::rules::checks::Amount::Count(without.len() as u64).counting("ad"),
        ),
    }]
}

/// The plan's slots to insert, in page order, with their tops on the page with the ads; and
/// how much further than their heights they push the page down (the margins they keep apart),
/// in whole px.
///
/// Each typeface has its own tops: an ad starts where its gap's slot starts in the article
/// without ads ([`crate::layout::SlotEdges`]), below every ad above it and what each of those
/// pushed down.
fn placements(
    ads: &[Ad],
    policy: &Policy,
    rules: &Rules,
    device: &Device,
    measure: &Measure,
) -> (Vec<Placement>, i64) {
    let faces = measure.faces();
    let mut out = Vec::new();
    // Per typeface: what the ads above push the page down by, and what the last ad's gap
    // pushes beyond its height (none for a second ad at the same gap: it follows the first).
    let mut pushed = vec![0_i64; faces];
    let mut growth = vec![0_i64; faces];
    let mut last_gap = None;
    for ad in ads {
        let (slot, anchor) = match &ad.kind {
            AdKind::Existing => continue,
            AdKind::Anchor(slot) => (slot.clone(), true),
            AdKind::InFlow(k) => (policy.inflow_slot(*k).to_string(), false),
        };
        let sizes = rules.sizes(&slot).to_vec();
        debug_assert_eq!(reserved_height(&sizes, &device.profile), ad.px);
        let g = ad.top;
        if last_gap != Some(g) {
            for (p, grown) in pushed.iter_mut().zip(&mut growth) {
                *p = p.saturating_add(std::mem::take(grown));
            }
        }
        // The first typeface's top, and the range over all of them.
        let top = |f: usize| {
            whole_px(
                measure
                    .slot_edges(g, f)
                    .top_lu
                    .saturating_add_signed(pushed[f]),
            )
        };
        let first = top(0);
        let (lo, hi) = (1..faces).fold((first, first), |(lo, hi), f| {
            let t = top(f);
            (lo.min(t), hi.max(t))
        });
        out.push(Placement {
            before_block: g,
            ordinal: out.len() + 1,
            anchor,
            words_above: measure.words_above(g),
            top_px: first,
            top_px_range: (measure.fonts().len() > 1).then_some([lo, hi]),
            height_px: ad.px,
            slot,
            sizes,
        });
        for f in 0..faces {
            pushed[f] = pushed[f].saturating_add_unsigned(ad.px.saturating_mul(LAYOUT_UNITS));
            growth[f] = measure.slot_edges(g, f).growth_lu();
        }
        last_gap = Some(g);
    }
    // The margins the ads keep apart, in the first typeface: what they pushed beyond their
    // heights.
    let added: u64 = out.iter().map(|p| p.height_px).sum();
    let margins_lu = pushed[0]
        .saturating_add(growth[0])
        .saturating_sub_unsigned(added.saturating_mul(LAYOUT_UNITS));
    let units = LAYOUT_UNITS as i64;
    (out, (margins_lu + units / 2).div_euclid(units))
}
