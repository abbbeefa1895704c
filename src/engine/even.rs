//! `prefer = "even"`: among the plans with the most ads, one whose smallest spacing is the
//! largest, ties broken earliest; a search over the spacing threshold on top of either solver.

use super::instance::{Ad, Instance, Spread};
use crate::rules::checks::Unit;
use crate::rules::registry::{Check, RULES};
use crate::rules::Policy;

/// The unit `even` spaces by: px when a px or viewport spacing rule is set (in the policy or
/// an `after_ads` entry), else words.
///
/// ```
/// use adslot::engine::even_unit;
/// use adslot::rules::Unit;
/// let mut p = adslot::rules::Policy::default();
/// assert_eq!(even_unit(&p), Unit::Words);
/// p.min_viewports_between = 1.0;
/// assert_eq!(even_unit(&p), Unit::Px);
/// ```
pub fn even_unit(policy: &Policy) -> Unit {
    // The values each `after_ads` entry writes, judged as a policy of their own.
    let steps: Vec<Policy> = policy
        .after_ads
        .iter()
        .map(|e| {
            let mut p = Policy::default();
            e.set.apply_to(&mut p);
            p
        })
        .collect();
    let px = RULES.iter().any(|r| {
        matches!(r.check, Check::Spacing { unit: Unit::Px, .. })
            && (policy.is_set(r.key) || steps.iter().any(|p| p.is_set(r.key)))
    });
    if px {
        Unit::Px
    } else {
        Unit::Words
    }
}

/// The smallest spacing of a plan in `unit`: over the pairs of consecutive ads that count for
/// spacing with at least one in-flow ad (the pairs minimums judge); `None` without such a pair.
pub(crate) fn smallest(inst: &Instance<'_>, ads: &[Ad], unit: Unit) -> Option<u64> {
    let mut upper: Option<&Ad> = None;
    let mut least: Option<u64> = None;
    for ad in ads.iter().filter(|a| a.spacing) {
        if let Some(u) = upper {
            if u.inflow() || ad.inflow() {
                let d = unit.distance(inst.m, u.bottom, ad.top);
                least = Some(least.map_or(d, |l| l.min(d)));
            }
        }
        upper = Some(ad);
    }
    least
}

/// The even plan's in-flow gaps and its smallest spacing, by `solve` (the sweep or the exact
/// solver, each exact for the count with a spread held).
///
/// Binary search over the threshold `d`: `count(d)`, the most ads a plan keeps with every
/// judged pair at least `d` apart, only falls as `d` grows. The largest `d*` with
/// `count(d*) = count(0)` is the best smallest spacing, and `solve` with `d*` held gives the
/// earliest of the plans reaching it. Each successful probe raises the lower end to the
/// smallest spacing its plan actually has (at least the probe), which skips thresholds no
/// plan separates.
pub(crate) fn solve(
    inst: &mut Instance<'_>,
    solve: impl Fn(&Instance<'_>) -> Vec<usize>,
) -> (Vec<usize>, Option<u64>) {
    let unit = even_unit(inst.policy);
    inst.spread = None;
    let mut best = solve(inst);
    let count = best.len();
    let Some(mut lo) = smallest(inst, &inst.plan(&best), unit) else {
        return (best, None);
    };
    let mut hi = unit.distance(inst.m, 0, inst.m.last_gap());
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        inst.spread = Some(Spread { unit, min: mid });
        let plan = solve(inst);
        if plan.len() == count {
            lo = smallest(inst, &inst.plan(&plan), unit)
                .unwrap_or(hi)
                .max(mid);
            best = plan;
        } else {
            hi = mid - 1;
        }
    }
    inst.spread = None;
    (best, Some(lo))
}
