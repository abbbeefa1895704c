//! The earliest-first sweep: one pass over the gaps, exact for monotone policies (the module
//! doc of `engine` proves it).

use super::instance::Instance;
use crate::rules::checks::Pair;

/// The earliest-first sweep; returns the in-flow gaps. Takes a gap when its gap rules pass,
/// it keeps the minimums to the ad above and to the next fixed ad below that counts for
/// spacing, and the limits allow one more ad.
pub(crate) fn solve(inst: &Instance<'_>) -> Vec<usize> {
    let m = inst.m;
    let fixed = inst.fixed;
    let counting: Vec<usize> = (0..fixed.len()).filter(|&i| fixed[i].spacing).collect();
    let most = inst.most_by_limits(m.last_gap() + 1);
    let mut inflow = Vec::new();
    let mut prev: Option<usize> = None; // the bottom gap of the ad above that counts
    let mut fixed_above = 0;
    let mut next_counting = 0;
    for g in 0..=m.last_gap() {
        if inflow.len() == most {
            break;
        }
        while let Some(f) = fixed.get(fixed_above).filter(|f| f.top < g) {
            if f.spacing {
                prev = Some(f.bottom);
            }
            fixed_above += 1;
        }
        let anchored = fixed[fixed_above..]
            .iter()
            .take_while(|f| f.top == g)
            .any(|f| f.inserted());
        if anchored || inst.gap_refusal(g).is_some() {
            continue;
        }
        let ordinal = fixed_above + inflow.len() + 1;
        if let Some(bottom) = prev {
            let pair = Pair {
                upper: bottom,
                lower: g,
                ordinal,
            };
            if !inst.min_ok(pair) {
                continue;
            }
        }
        while counting
            .get(next_counting)
            .is_some_and(|&i| fixed[i].top < g)
        {
            next_counting += 1;
        }
        if let Some(&index) = counting.get(next_counting) {
            // The fixed ad's ordinal once this ad is placed above it.
            let pair = Pair {
                upper: g,
                lower: fixed[index].top,
                ordinal: index + inflow.len() + 2,
            };
            if !inst.min_ok(pair) {
                continue;
            }
        }
        inflow.push(g);
        prev = Some(g);
    }
    inflow
}
