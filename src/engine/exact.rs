//! The exact solver: a dynamic program over (in-flow ad k, gap), whose transitions are
//! interval queries over the previous layer. Its optimality argument and complexity are in
//! the module doc of `engine`; the names below follow it.

use super::instance::Instance;
use crate::rules::checks::Pair;

/// No index.
const NONE: u32 = u32::MAX;

/// What does not change from one layer to the next: the candidate gaps and where the fixed
/// ads that count for spacing lie between them.
struct Frame {
    /// The candidate gaps `c_0 < c_1 < ...`: gap rules pass, no anchor.
    cands: Vec<usize>,
    /// `fa[j]`: fixed ads (all of them) above `c_j`, i.e. starting at a gap `< c_j`.
    fa: Vec<u32>,
    /// `last[j]`: the index into `spacing` of the last counting fixed ad above `c_j`.
    last: Vec<u32>,
    /// `dlo[j]`: the first candidate below that fixed ad (uppers from here reach `c_j`
    /// with no counting fixed ad between).
    dlo: Vec<u32>,
    /// The fixed ads that count for spacing, as indices into `Instance::fixed`.
    spacing: Vec<usize>,
    /// `region[r]`: the candidates `c` with `S_{r-1}.top < c <= S_r.top`, as an index range.
    region: Vec<(u32, u32)>,
    /// `state_of[o]`: the escalation state in force at ordinal `o`.
    state_of: Vec<u32>,
    /// The first ordinal of each escalation state.
    state_ordinal: Vec<usize>,
}

/// The pair checks at one escalation state, for every candidate and counting fixed ad.
struct State {
    /// `lo[j]`: the first candidate `i` whose pair `(c_i, c_j)` keeps every maximum.
    lo: Vec<u32>,
    /// `hi[j]`: one past the last candidate `i < j` whose pair `(c_i, c_j)` keeps every minimum.
    hi: Vec<u32>,
    /// `via[j]`: the pair (last counting fixed ad above, `c_j`) keeps every bound.
    via: Vec<bool>,
    /// `end[j]`: the pair (`c_j`, next counting fixed ad below) keeps every minimum.
    end: Vec<bool>,
    /// `arrive[r]`: the uppers in region `r` whose pair with `S_r` keeps every bound.
    arrive: Vec<(u32, u32)>,
    /// `chain[r]` (r >= 1): the pair `(S_{r-1}, S_r)` keeps every maximum.
    chain: Vec<bool>,
}

/// The in-flow gaps of the lexicographically first plan with the most in-flow ads.
pub(crate) fn solve(inst: &Instance<'_>) -> Vec<usize> {
    let frame = Frame::new(inst);
    let n = frame.cands.len();
    let most = inst.most_by_limits(n);
    if most == 0 {
        return Vec::new();
    }
    let mut states: Vec<Option<State>> = Vec::new();
    states.resize_with(frame.state_ordinal.len(), || None);
    let mut solver = Solver {
        inst,
        frame: &frame,
        states,
    };
    let count = solver.count(most);
    if count == 0 {
        return Vec::new();
    }
    let completes = solver.completions(count);
    solver.earliest(&completes)
}

impl Frame {
    fn new(inst: &Instance<'_>) -> Frame {
        let fixed = inst.fixed;
        let spacing: Vec<usize> = (0..fixed.len()).filter(|&i| fixed[i].spacing).collect();
        let mut cands = Vec::new();
        let (mut fa, mut last, mut dlo) = (Vec::new(), Vec::new(), Vec::new());
        let (mut above, mut counting) = (0, 0);
        for g in 0..=inst.m.last_gap() {
            while fixed.get(above).is_some_and(|f| f.top < g) {
                above += 1;
            }
            while spacing.get(counting).is_some_and(|&i| fixed[i].top < g) {
                counting += 1;
            }
            let anchored = fixed[above..]
                .iter()
                .take_while(|f| f.top == g)
                .any(|f| f.inserted());
            if anchored || inst.gap_refusal(g).is_some() {
                continue;
            }
            cands.push(g);
            fa.push(above as u32);
            last.push(if counting == 0 {
                NONE
            } else {
                counting as u32 - 1
            });
        }
        // The first candidate strictly below each counting fixed ad's top, and the regions.
        let mut region = Vec::with_capacity(spacing.len());
        let mut at = 0;
        for &i in &spacing {
            let start = at;
            while cands.get(at).is_some_and(|&c| c <= fixed[i].top) {
                at += 1;
            }
            region.push((start as u32, at as u32));
        }
        for &r in &last {
            dlo.push(if r == NONE { 0 } else { region[r as usize].1 });
        }
        let max_ordinal = fixed.len() + cands.len() + 2;
        let after = &inst.policy.after_ads;
        let mut state_ordinal = vec![1];
        state_ordinal.extend(after.iter().map(|e| e.count as usize));
        let mut state_of = Vec::with_capacity(max_ordinal + 1);
        let mut s = 0u32;
        for o in 0..=max_ordinal {
            while (s as usize) < after.len() && after[s as usize].count as usize <= o {
                s += 1;
            }
            state_of.push(s);
        }
        Frame {
            cands,
            fa,
            last,
            dlo,
            spacing,
            region,
            state_of,
            state_ordinal,
        }
    }

    fn state(&self, ordinal: usize) -> usize {
        let o = ordinal.min(self.state_of.len() - 1);
        self.state_of[o] as usize
    }
}

struct Solver<'a, 'i> {
    inst: &'a Instance<'i>,
    frame: &'a Frame,
    states: Vec<Option<State>>,
}

impl Solver<'_, '_> {
    /// The fixed ad `S_r`.
    fn fixed(&self, r: u32) -> &super::instance::Ad {
        &self.inst.fixed[self.frame.spacing[r as usize]]
    }

    /// The ordinal of `S_r` with `inflow` in-flow ads above it.
    fn fixed_ordinal(&self, r: u32, inflow: usize) -> usize {
        self.frame.spacing[r as usize] + inflow + 1
    }

    /// The state of ordinal `o`, computed on first use.
    fn at(&mut self, ordinal: usize) -> &State {
        let s = self.frame.state(ordinal);
        if self.states[s].is_none() {
            let state = self.compute(self.frame.state_ordinal[s]);
            self.states[s] = Some(state);
        }
        self.states[s].as_ref().expect("computed above")
    }

    /// Every pair check at `ordinal` (any ordinal of the state gives the same values).
    fn compute(&self, ordinal: usize) -> State {
        let (inst, f) = (self.inst, self.frame);
        let c = &f.cands;
        let n = c.len();
        let pair = |upper, lower| Pair {
            upper,
            lower,
            ordinal,
        };
        // Two pointers: for a fixed lower, minimums pass on a prefix of the uppers and
        // maximums on a suffix (distances only grow apart), and both ends only move down
        // the article as the lower does.
        let (mut lo, mut hi) = (vec![0u32; n], vec![0u32; n]);
        let (mut l, mut h) = (0usize, 0usize);
        for j in 0..n {
            while h < j && inst.min_ok(pair(c[h], c[j])) {
                h += 1;
            }
            hi[j] = h as u32;
            if inst.has_max() {
                while l < j && !inst.max_ok(pair(c[l], c[j])) {
                    l += 1;
                }
            }
            lo[j] = l as u32;
        }
        let mut via = vec![false; n];
        let mut end = vec![true; n];
        for j in 0..n {
            let r = f.last[j];
            if r != NONE {
                let p = pair(self.fixed(r).bottom, c[j]);
                via[j] = inst.min_ok(p) && inst.max_ok(p);
            }
            let next = if r == NONE { 0 } else { r + 1 };
            if (next as usize) < f.spacing.len() {
                end[j] = inst.min_ok(pair(c[j], self.fixed(next).top));
            }
        }
        let mut arrive = Vec::with_capacity(f.spacing.len());
        let mut chain = Vec::with_capacity(f.spacing.len());
        for r in 0..f.spacing.len() as u32 {
            let (start, stop) = f.region[r as usize];
            let top = self.fixed(r).top;
            let ok_min = |i: u32| inst.min_ok(pair(c[i as usize], top));
            let ok_max = |i: u32| inst.max_ok(pair(c[i as usize], top));
            // Minimums pass on a prefix of the region, maximums on a suffix.
            let b = start + partition(stop - start, |x| ok_min(start + x));
            let a = if inst.has_max() {
                start + partition(stop - start, |x| !ok_max(start + x))
            } else {
                start
            };
            arrive.push((a, b.max(a)));
            chain.push(r == 0 || inst.max_ok(pair(self.fixed(r - 1).bottom, top)));
        }
        State {
            lo,
            hi,
            via,
            end,
            arrive,
            chain,
        }
    }

    /// `F_1`: the candidates that can hold the first in-flow ad.
    fn first_layer(&self) -> Vec<bool> {
        let (inst, f) = (self.inst, self.frame);
        (0..f.cands.len())
            .map(|j| {
                let g = f.cands[j];
                inst.first_ok(g)
                    && (f.last[j] == NONE || {
                        let pair = Pair {
                            upper: self.fixed(f.last[j]).bottom,
                            lower: g,
                            ordinal: f.fa[j] as usize + 1,
                        };
                        inst.min_ok(pair)
                    })
            })
            .collect()
    }

    /// Whether the plan may end with its `k`-th in-flow ad at `c_j`.
    fn ends(&mut self, j: usize, k: usize) -> bool {
        let r = self.frame.last[j];
        let next = if r == NONE { 0 } else { r + 1 };
        if next as usize >= self.frame.spacing.len() {
            return true;
        }
        let ordinal = self.fixed_ordinal(next, k);
        self.at(ordinal).end[j]
    }

    /// The most in-flow ads a valid plan holds (at most `most`): the forward layers `F_k`.
    fn count(&mut self, most: usize) -> usize {
        let n = self.frame.cands.len();
        let mut layer = self.first_layer();
        let mut best = 0;
        for k in 1..=most {
            if k > 1 {
                layer = self.forward(&layer, k);
            }
            if !layer.iter().any(|&x| x) {
                break;
            }
            if (0..n).any(|j| layer[j] && self.ends(j, k)) {
                best = k;
            }
        }
        best
    }

    /// `F_k` from `F_{k-1}`: `c_j` holds the `k`-th ad if an upper in its direct interval, or
    /// one reaching it through the counting fixed ads between, holds the `(k-1)`-th.
    fn forward(&mut self, prev: &[bool], k: usize) -> Vec<bool> {
        let f = self.frame;
        let n = f.cands.len();
        let mut prefix = vec![0u32; n + 1];
        for j in 0..n {
            prefix[j + 1] = prefix[j] + u32::from(prev[j]);
        }
        let any = |a: u32, b: u32| a < b && prefix[b as usize] > prefix[a as usize];
        // Through the fixed ads: some upper arrives at S_r, then the chain S_r..S_last holds.
        let mut reach = vec![false; f.spacing.len()];
        for r in 0..f.spacing.len() {
            let ordinal = self.fixed_ordinal(r as u32, k - 1);
            let state = self.at(ordinal);
            let (a, b) = state.arrive[r];
            let chained = r > 0 && reach[r - 1] && state.chain[r];
            reach[r] = any(a, b) || chained;
        }
        (0..n)
            .map(|j| {
                let state = self.at(f.fa[j] as usize + k);
                let a = state.lo[j].max(f.dlo[j]);
                let direct = any(a, state.hi[j]);
                let r = f.last[j];
                direct || (r != NONE && reach[r as usize] && state.via[j])
            })
            .collect()
    }

    /// `B_k` for k = 1..=count: `c_j` can hold the `k`-th of `count` in-flow ads with a valid
    /// rest of the plan below it. Computed from `B_count` up by pushing each `c_j` of `B_k`
    /// to the uppers of its intervals (difference arrays).
    fn completions(&mut self, count: usize) -> Vec<Bits> {
        let f = self.frame;
        let n = f.cands.len();
        let mut layers = vec![Bits::new(n); count];
        let mut cur: Vec<bool> = (0..n).map(|j| self.ends(j, count)).collect();
        for k in (1..=count).rev() {
            layers[k - 1] = Bits::from(&cur);
            if k == 1 {
                break;
            }
            let mut diff = vec![0i32; n + 1];
            let mut push = vec![false; f.spacing.len()];
            for j in (0..n).filter(|&j| cur[j]) {
                let state = self.at(f.fa[j] as usize + k);
                mark(&mut diff, state.lo[j].max(f.dlo[j]), state.hi[j]);
                let r = f.last[j];
                if r != NONE && state.via[j] {
                    push[r as usize] = true;
                }
            }
            let mut reach = false;
            for r in (0..f.spacing.len()).rev() {
                let below = r + 1 < f.spacing.len()
                    && reach
                    && self.at(self.fixed_ordinal(r as u32 + 1, k - 1)).chain[r + 1];
                reach = push[r] || below;
                if reach {
                    let (a, b) = self.at(self.fixed_ordinal(r as u32, k - 1)).arrive[r];
                    mark(&mut diff, a, b);
                }
            }
            let mut run = 0;
            for j in 0..n {
                run += diff[j];
                cur[j] = run > 0;
            }
        }
        layers
    }

    /// The lexicographically first plan: each ad at the first candidate that follows the ads
    /// above it validly and still has a valid rest (`completes`).
    fn earliest(&mut self, completes: &[Bits]) -> Vec<usize> {
        let f = self.frame;
        let n = f.cands.len();
        let first = self.first_layer();
        let Some(mut at) = (0..n).find(|&j| first[j] && completes[0].get(j)) else {
            return Vec::new();
        };
        let mut plan = vec![f.cands[at]];
        for k in 2..=completes.len() {
            let upper = at;
            // The counting fixed ads between the upper and the candidate, as they are passed.
            let first_fixed = if f.last[upper] == NONE {
                0
            } else {
                f.last[upper] + 1
            };
            let mut chain_ok = true;
            let mut seen = first_fixed; // counting fixed ads checked so far: first_fixed..seen
            let mut next = None;
            for j in upper + 1..n {
                let last = f.last[j];
                while last != NONE && seen <= last {
                    // S_seen is now between the upper and c_j.
                    let ordinal = self.fixed_ordinal(seen, k - 1);
                    let state = self.at(ordinal);
                    chain_ok &= if seen == first_fixed {
                        let (a, b) = state.arrive[seen as usize];
                        (a as usize) <= upper && upper < b as usize
                    } else {
                        state.chain[seen as usize]
                    };
                    seen += 1;
                }
                if !completes[k - 1].get(j) {
                    continue;
                }
                let state = self.at(f.fa[j] as usize + k);
                let ok = if seen == first_fixed {
                    let a = state.lo[j].max(f.dlo[j]) as usize;
                    a <= upper && upper < state.hi[j] as usize
                } else {
                    chain_ok && state.via[j]
                };
                if ok {
                    next = Some(j);
                    break;
                }
            }
            let Some(j) = next else {
                // Unreachable when `completes` is right; stop with the valid prefix.
                break;
            };
            plan.push(f.cands[j]);
            at = j;
        }
        plan
    }
}

/// Adds one over the index range `a..b` of a difference array.
fn mark(diff: &mut [i32], a: u32, b: u32) {
    if a < b {
        diff[a as usize] += 1;
        diff[b as usize] -= 1;
    }
}

/// The number of leading `x` in `0..len` for which `pred` holds, for a `pred` that holds on a
/// prefix.
fn partition(len: u32, pred: impl Fn(u32) -> bool) -> u32 {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// A row of bits.
#[derive(Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    fn from(values: &[bool]) -> Bits {
        let mut b = Bits::new(values.len());
        for (i, _) in values.iter().enumerate().filter(|(_, &v)| v) {
            b.0[i / 64] |= 1 << (i % 64);
        }
        b
    }

    fn get(&self, i: usize) -> bool {
        self.0[i / 64] >> (i % 64) & 1 == 1
    }
}
