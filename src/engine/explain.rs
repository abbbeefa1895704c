//! Why every gap holds an ad or not, against the final plan, by the same checks the solvers
//! run: for a gap without an ad, every rule that the plan with one more ad there would break.
//!
//! Both solvers return a plan with the most ads, so that plan with one more ad breaks some
//! rule, and the checks below look wherever one can break: the gap alone, the first-ad rules
//! if the ad would be the first, the two pairs it makes with its neighbours, the stretches it
//! brings between the first and the last in-flow ad (maximums), the pairs below it whose
//! ordinal it raises across an `after_ads` step, and the totals. Every unplaced gap therefore
//! gets at least one reason (`tests/optimality.rs` holds this).

use super::instance::{Ad, Instance};
use crate::plan::{GapVerdict, Reason};
use crate::rules::checks::{Amount, Bound, Cause, Pair, Refusal};
use crate::rules::registry::Rule;

fn reason(rule: &Rule, refusal: &Refusal) -> Reason {
    Reason {
        font: binding_font(refusal),
        rule: rule.key_of(refusal),
        text: rule.explain(refusal),
    }
}

/// The typeface a refusal (or the refusal it comes down to) was measured in.
fn binding_font(refusal: &Refusal) -> Option<String> {
    let font = refusal
        .font
        .as_ref()
        .or_else(|| refusal.cause.as_ref()?.refusal.font.as_ref())?;
    Some(font.to_string())
}

/// The plan's ads with what the explanation needs about them.
struct Context<'a, 'i> {
    inst: &'a Instance<'i>,
    ads: &'a [Ad],
    /// Indices into `ads` of the ads that count for spacing.
    spacing: Vec<usize>,
    /// `bad_max[p]`: the `p`-th pair of consecutive counting ads breaks a maximum at its
    /// ordinal with one more ad above (`.0`) or as it is (`.1`); prefix sums for range queries.
    bad_shifted: Vec<u32>,
    bad_now: Vec<u32>,
    inflow: usize,
}

impl<'a, 'i> Context<'a, 'i> {
    fn new(inst: &'a Instance<'i>, ads: &'a [Ad]) -> Context<'a, 'i> {
        let spacing: Vec<usize> = (0..ads.len()).filter(|&i| ads[i].spacing).collect();
        let mut bad_shifted = vec![0];
        let mut bad_now = vec![0];
        for w in spacing.windows(2) {
            let (mut shifted, mut now) = (false, false);
            if inst.has_max() {
                let pair = |extra| Pair {
                    upper: ads[w[0]].bottom,
                    lower: ads[w[1]].top,
                    ordinal: w[1] + 1 + extra,
                };
                shifted = !inst.max_ok(pair(1));
                now = !inst.max_ok(pair(0));
            }
            bad_shifted.push(bad_shifted.last().copied().unwrap_or(0) + u32::from(shifted));
            bad_now.push(bad_now.last().copied().unwrap_or(0) + u32::from(now));
        }
        Context {
            inst,
            ads,
            spacing,
            bad_shifted,
            bad_now,
            inflow: ads.iter().filter(|a| a.inflow()).count(),
        }
    }

    /// The pair of counting ads `p` and `p + 1` (indices into `spacing`) with `extra` ads more
    /// above the lower one.
    fn pair(&self, p: usize, extra: usize) -> Pair {
        let (u, l) = (self.spacing[p], self.spacing[p + 1]);
        Pair {
            upper: self.ads[u].bottom,
            lower: self.ads[l].top,
            ordinal: l + 1 + extra,
        }
    }

    /// The first maximum broken by the pairs `from..to` of counting ads, as a reason that
    /// says why those pairs would be judged.
    fn stretch(&self, from: usize, to: usize, shifted: bool, why: &str) -> Option<Reason> {
        let sums = if shifted {
            &self.bad_shifted
        } else {
            &self.bad_now
        };
        if from >= to || sums[to] == sums[from] {
            return None;
        }
        let p = (from..to).find(|&p| sums[p + 1] > sums[p])?;
        let pair = self.pair(p, usize::from(shifted));
        let (rule, x) = self.inst.pair_refusals(pair, Bound::Max).next()?;
        let refusal = Refusal {
            between: Some((
                self.ads[self.spacing[p]].top,
                self.ads[self.spacing[p + 1]].top,
            )),
            ..x
        };
        Some(Reason {
            font: binding_font(&refusal),
            rule: rule.key_of(&refusal),
            text: format!("{why}: {}", rule.explain(&refusal)),
        })
    }
}

/// Every gap's verdict against the final plan `ads` (in page order).
pub(crate) fn verdicts(inst: &Instance<'_>, ads: &[Ad]) -> Vec<GapVerdict> {
    let cx = Context::new(inst, ads);
    let m = inst.m;
    let totals = inst.totals(cx.inflow + 1);
    let mut above = 0; // ads with top < g
    let mut spacing_above = 0; // counting ads with top < g
    let mut inflow_above = 0;
    let mut out = Vec::with_capacity(m.last_gap() + 1);
    for g in 0..=m.last_gap() {
        while ads.get(above).is_some_and(|a| a.top < g) {
            if ads[above].spacing {
                spacing_above += 1;
            }
            if ads[above].inflow() {
                inflow_above += 1;
            }
            above += 1;
        }
        let placed = ads[above..]
            .iter()
            .take_while(|a| a.top == g)
            .any(Ad::inserted);
        let mut reasons = Vec::new();
        if !placed {
            gap_reasons(&cx, g, above, spacing_above, inflow_above, &mut reasons);
            for (r, x) in inst.limit_refusals(totals) {
                reasons.push(reason(r, &x));
            }
        }
        out.push(GapVerdict {
            before_block: g,
            placed,
            reasons,
        });
    }
    out
}

/// The reasons against one more in-flow ad at `g`, which would stand at index `above` of the
/// plan with `spacing_above` counting and `inflow_above` in-flow ads above it.
fn gap_reasons(
    cx: &Context<'_, '_>,
    g: usize,
    above: usize,
    spacing_above: usize,
    inflow_above: usize,
    reasons: &mut Vec<Reason>,
) {
    let (inst, ads) = (cx.inst, cx.ads);
    for (r, x) in inst.gap_refusals(g) {
        reasons.push(reason(r, &x));
    }
    let first = inflow_above == 0;
    let last = inflow_above == cx.inflow;
    if first {
        for (r, x) in inst.first_refusals(g) {
            reasons.push(reason(r, &x));
        }
    }
    // The pair with the counting ad above, and with the one below.
    let upper = spacing_above.checked_sub(1);
    let lower = (spacing_above < cx.spacing.len()).then_some(spacing_above);
    if let Some(u) = upper {
        let ad = &ads[cx.spacing[u]];
        let pair = Pair {
            upper: ad.bottom,
            lower: g,
            ordinal: above + 1,
        };
        let judged_max = !first;
        pair_reasons(inst, pair, ad.top, judged_max, reasons);
    }
    if let Some(l) = lower {
        let ad = &ads[cx.spacing[l]];
        let pair = Pair {
            upper: g,
            lower: ad.top,
            ordinal: cx.spacing[l] + 2,
        };
        let judged_max = !last;
        pair_reasons(inst, pair, ad.top, judged_max, reasons);
    }
    if !reasons.is_empty() {
        return;
    }
    // Stretches the ad brings between the first and the last in-flow ad: below it up to the
    // first in-flow ad if it would be the first, above it from the last one if the last.
    let counting = cx.spacing.len();
    if first && cx.inflow > 0 {
        if let Some(l) = lower {
            let to = (l..counting)
                .find(|&p| ads[cx.spacing[p]].inflow())
                .unwrap_or(l);
            let why = "as the first in-flow ad, an ad here would bring the ads below it up to the first in-flow ad under the maximums";
            reasons.extend(cx.stretch(l, to, true, why));
        }
    }
    if last && cx.inflow > 0 {
        if let Some(u) = upper {
            let from = (0..=u)
                .rev()
                .find(|&p| ads[cx.spacing[p]].inflow())
                .unwrap_or(u);
            let why = "as the last in-flow ad, an ad here would bring the ads above it from the last in-flow ad under the maximums";
            reasons.extend(cx.stretch(from, u, false, why));
        }
    }
    if reasons.is_empty() {
        escalation_reasons(cx, above, spacing_above, reasons);
    }
}

/// The minimums (and, where the pair lies between the first and the last in-flow ad, the
/// maximums) that a pair with the new ad breaks; `other` is the other ad's gap.
fn pair_reasons(
    inst: &Instance<'_>,
    pair: Pair,
    other: usize,
    judged_max: bool,
    reasons: &mut Vec<Reason>,
) {
    let mut bounds = vec![Bound::Min];
    if judged_max {
        bounds.push(Bound::Max);
    }
    for bound in bounds {
        for (r, mut x) in inst.pair_refusals(pair, bound) {
            x.other = Some(other);
            reasons.push(reason(r, &x));
        }
    }
}

/// An ad at index `above` raises the ordinal of every ad below it by one: where that crosses
/// an `after_ads` step, the values in force for a pair below change, and may refuse it.
fn escalation_reasons(
    cx: &Context<'_, '_>,
    above: usize,
    spacing_above: usize,
    reasons: &mut Vec<Reason>,
) {
    let (inst, ads) = (cx.inst, cx.ads);
    let Some(escalation) = inst.escalation else {
        return;
    };
    for step in &inst.policy.after_ads {
        // The ad whose ordinal becomes `count`: ordinal count - 1 now, index count - 2.
        let Some(index) = (step.count as usize).checked_sub(2) else {
            continue;
        };
        let Some(p) = cx.spacing.iter().position(|&i| i == index) else {
            continue;
        };
        // Its pair with the counting ad above it, both below the new ad.
        if p == 0 || cx.spacing[p - 1] < above || p <= spacing_above {
            continue;
        }
        let (u, l) = (&ads[cx.spacing[p - 1]], &ads[index]);
        let pair = cx.pair(p - 1, 1);
        // The new ad is in-flow and above the pair: the pair lies between the first and the
        // last in-flow ad when an in-flow ad is at or below its lower ad.
        let in_span = (p..cx.spacing.len()).any(|q| ads[cx.spacing[q]].inflow());
        let mut bounds = Vec::new();
        if u.inflow() || l.inflow() {
            bounds.push(Bound::Min);
        }
        if inst.has_max() && in_span {
            bounds.push(Bound::Max);
        }
        for bound in bounds {
            if let Some((r, x)) = inst.pair_refusals(pair, bound).next() {
                let refusal = Refusal {
                    other: Some(l.top),
                    cause: Some(Box::new(Cause {
                        key: r.key,
                        refusal: Refusal {
                            between: Some((u.top, l.top)),
                            ..x
                        },
                    })),
                    ..Refusal::new(step.count, Amount::Nothing)
                };
                reasons.push(reason(escalation, &refusal));
                return;
            }
        }
    }
}

/// The limits that the ads already on the page break before any in-flow ad (with the
/// anchors, which are placed regardless): the plan says so, rather than silently placing none.
pub(crate) fn fixed_warnings(inst: &Instance<'_>) -> Vec<Reason> {
    let existing = inst.fixed.iter().filter(|f| !f.inserted()).count();
    if existing == 0 {
        return Vec::new();
    }
    let ads = Amount::Count(existing as u64).counting("ad");
    let verb = if existing == 1 { "leaves" } else { "leave" };
    inst.limit_refusals(inst.totals(1))
        .map(|(r, x)| Reason {
            font: binding_font(&x),
            rule: r.key_of(&x),
            text: format!(
                "{ads} already on the page (kind `ad`) {verb} no room for an in-flow ad: {}",
                r.explain(&x)
            ),
        })
        .collect()
}
