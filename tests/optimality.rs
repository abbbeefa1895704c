//! The solvers against the brute-force oracle (`tests/common/oracle.rs`) on random articles
//! (with metadata) and random rule files drawing on every key: every rule kept, the most ads,
//! the earliest or (`prefer = "even"`) the evenest of those plans; the sweep and the exact
//! solver agree wherever the sweep is used.
//!
//! Rules are generated as parameters, written out twice: as TOML text loaded with
//! `Rules::from_toml` (so the loader is on the path) for the engine, and as rule values,
//! anchors and `[[when]]` sets for the oracle directly (so a loader mistake shows as a
//! disagreement, and `the_loader_reads_what_was_written` names it).

mod generate;
mod hand_made;
mod strategy;

use adslot::layout::{layout, DeviceProfile, Geometry, Hyphenation};
use adslot::plan::Solver;
use adslot::{place, Article, PlaceOptions, Plan, Rules};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::common::oracle::Oracle;
use strategy::{article, params};

fn geometry(article: &Article) -> Geometry {
    layout(article, &DeviceProfile::mobile(), Hyphenation::None)
}

fn run(article: &Article, rules: &Rules, explain: bool) -> Plan {
    place(article, rules, &PlaceOptions::new().explain(explain)).expect("the mobile device exists")
}

fn run_exact(article: &Article, rules: &Rules) -> Plan {
    place(article, rules, &PlaceOptions::new().exact(true)).expect("the mobile device exists")
}

fn inflow(plan: &Plan) -> Vec<usize> {
    plan.placements
        .iter()
        .filter(|p| !p.anchor)
        .map(|p| p.before_block)
        .collect()
}

/// `n` cases, or `PROPTEST_CASES` when set (a deeper run: `PROPTEST_CASES=50000 cargo test
/// --release optimality`).
fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases: n,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(cases(1500))]

    /// (a) the engine's in-flow placements pass the checker; (b) their count is the brute-force
    /// maximum; (c) they are the oracle's choice among the maximal sets: the lexicographically
    /// earliest, or with `prefer = "even"` the earliest of those with the largest smallest
    /// spacing. The exact solver, asked for, gives the same plan (so where the engine took the
    /// sweep, the two agree).
    #[test]
    fn engine_is_valid_maximal_and_preferred(article in article(13), p in params()) {
        let rules = p.rules();
        let plan = run(&article, &rules, false);
        let geo = geometry(&article);
        let setup = p.setup();
        let oracle = Oracle::new(&article, &geo, &setup);
        let got = inflow(&plan);
        let verdict = oracle.valid(&got);
        prop_assert!(verdict.is_ok(), "(a) engine plan {:?} breaks a rule: {:?}\n{}", got, verdict, p.toml());
        let (most, best) = oracle.best();
        prop_assert_eq!(got.len(), most, "(b) count; oracle {:?}\n{}", best, p.toml());
        prop_assert_eq!(&got, &best, "(c) the preferred set (even: {})\n{}", oracle.values.even, p.toml());
        prop_assert_eq!(&plan.rule_sets, &oracle.applied, "the [[when]] sets applied");
        if let Some(even) = plan.even {
            let smallest = oracle.smallest_spacing(&got);
            prop_assert_eq!(even.smallest, (smallest != u64::MAX).then_some(smallest));
        }
        let exact = run_exact(&article, &rules);
        prop_assert_eq!(&exact.placements, &plan.placements, "exact solver vs {:?}\n{}", plan.solver, p.toml());
    }

    /// (d) determinism; (f) anchors are there whenever their block is; (g) --explain gives every
    /// unplaced gap a reason and every placed gap none.
    #[test]
    fn deterministic_anchored_and_explained(article in article(14), p in params()) {
        let rules = p.rules();
        let first = run(&article, &rules, false);
        let again = run(&article, &Rules::from_toml("generated.toml", &p.toml()).unwrap(), false);
        prop_assert_eq!(&first, &again, "(d) same input, different plan");
        let explained = run(&article, &rules, true);
        prop_assert_eq!(&explained, &run(&article, &rules, true), "(d) explained plan differs");
        prop_assert_eq!(&explained.placements, &first.placements, "explaining changed the plan");

        let geo = geometry(&article);
        let setup = p.setup();
        let oracle = Oracle::new(&article, &geo, &setup);
        for (i, a) in p.anchors.iter().enumerate() {
            let slot = format!("a{i}");
            let at = oracle.anchor_slots.iter().find(|(s, _)| *s == slot).map(|&(_, g)| g);
            let found: Vec<_> = first.placements.iter().filter(|x| x.slot == slot).collect();
            match at {
                Some(at) => {
                    prop_assert_eq!(found.len(), 1, "(f) anchor {:?} missing", a);
                    prop_assert!(found[0].anchor && found[0].before_block == at, "(f) anchor {:?} at {:?}", a, found[0]);
                }
                None => {
                    prop_assert!(found.iter().all(|x| !x.anchor), "(f) anchor without its position placed");
                    let unplaced = first.unplaced_anchors.iter().any(|u| u.slot == slot && !u.reason.is_empty());
                    prop_assert!(unplaced, "(f) anchor {:?} neither placed nor reported", a);
                }
            }
        }

        let gaps = explained.gaps.as_ref().expect("explain gives verdicts");
        prop_assert_eq!(gaps.len(), article.blocks.len() + 1);
        for (g, v) in gaps.iter().enumerate() {
            prop_assert_eq!(v.before_block, g);
            let placed = first.placements.iter().any(|x| x.before_block == g);
            prop_assert_eq!(v.placed, placed, "(g) gap {} placed flag", g);
            if v.placed {
                prop_assert!(v.reasons.is_empty(), "(g) placed gap {} has reasons {:?}", g, v.reasons);
            } else {
                prop_assert!(!v.reasons.is_empty(), "(g) unplaced gap {} has no reason\n{}", g, p.toml());
                for r in &v.reasons {
                    prop_assert!(!r.rule.is_empty() && !r.text.is_empty());
                }
            }
        }
    }

    /// (g) again, where the explanation has the most to find: only spacing rules and
    /// anchors, so a gap is often refused for a stretch between the first and the last
    /// in-flow ad or for an escalation step below it, and for nothing else.
    #[test]
    fn every_refused_gap_is_explained(article in article(14), p in strategy::spacing_only()) {
        let rules = p.rules();
        let explained = run(&article, &rules, true);
        let geo = geometry(&article);
        let setup = p.setup();
        let oracle = Oracle::new(&article, &geo, &setup);
        let got = inflow(&explained);
        prop_assert_eq!(got.len(), oracle.best().0, "count\n{}", p.toml());
        for v in explained.gaps.as_ref().expect("verdicts") {
            let g = v.before_block;
            if v.placed {
                continue;
            }
            prop_assert!(!v.reasons.is_empty(), "(g) unplaced gap {} has no reason\n{}", g, p.toml());
            // The oracle agrees that one more ad there breaks a rule.
            let mut more = got.clone();
            more.push(g);
            more.sort_unstable();
            prop_assert!(oracle.valid(&more).is_err() || oracle.anchored(g));
        }
    }

    /// The loader reads every value as the TOML wrote it: the engine's policy, anchors and
    /// sets and the oracle's are the same rules.
    #[test]
    fn the_loader_reads_what_was_written(p in params()) {
        let rules = p.rules();
        for device in &rules.devices {
            let loaded = serde_json::to_value(&device.policy).expect("json");
            prop_assert_eq!(&loaded, &p.values(), "on {}\n{}", device.name, p.toml());
        }
        let sets = serde_json::to_value(&rules.when).expect("json");
        prop_assert_eq!(&sets, &p.when_json(), "[[when]]\n{}", p.toml());
        let setup = p.setup();
        let anchors: Vec<_> = rules.anchors.iter().map(|a| {
            crate::common::oracle::Anchor::from_json(&serde_json::to_value(a).expect("json"))
        }).collect();
        prop_assert_eq!(&anchors, &setup.anchors, "[[anchor]]\n{}", p.toml());
    }

    /// Where the engine takes the sweep, the exact solver gives the same plan; and a policy
    /// the sweep cannot place (a maximum, loosening escalation) never takes it.
    #[test]
    fn sweep_and_exact_agree_on_monotone_policies(article in article(14), p in params()) {
        let rules = p.rules();
        let plan = run(&article, &rules, false);
        let exact = run_exact(&article, &rules);
        prop_assert_eq!(exact.solver, Solver::Exact);
        prop_assert_eq!(&plan.placements, &exact.placements, "{:?}\n{}", plan.solver, p.toml());
        let geo = geometry(&article);
        let setup = p.setup();
        let oracle = Oracle::new(&article, &geo, &setup);
        let s = oracle.values.spacing;
        let maxima = s.max_words.is_some() || s.max_paragraphs.is_some() || s.max_px.is_some()
            || s.max_viewports.is_some() || oracle.values.max_words_before_first.is_some()
            || oracle.values.max_paragraphs_before_first.is_some()
            || oracle.values.max_px_before_first.is_some();
        if maxima {
            prop_assert_eq!(plan.solver, Solver::Exact, "a maximum is set\n{}", p.toml());
        }
    }

    /// (e) loosening any single rule never lowers the number of in-flow ads.
    #[test]
    fn loosening_a_rule_never_lowers_the_count(
        article in article(14),
        p in params(),
        which in 0usize..23,
        pick in any::<Index>(),
    ) {
        let before = inflow(&run(&article, &p.rules(), false)).len();
        let mut q = p.clone();
        let half = |v: &mut u32| *v /= 2;
        let half_opt = |v: &mut Option<u32>| if let Some(x) = v { *x /= 2 };
        let raise = |v: &mut Option<u32>| if let Some(x) = v { *x += 1 + *x / 2 };
        let tightens = q.escalation_tightens();
        let s = &mut q.spacing;
        match which {
            0 => q.max_ads += 1 + pick.index(4) as u32,
            1 => q.max_density_pct = (q.max_density_pct + 1 + pick.index(30) as u32).min(100),
            2 => half_opt(&mut s.words),
            3 => s.paragraphs = s.paragraphs.map(|v| v.saturating_sub(1)),
            4 => half_opt(&mut s.px),
            5 => s.viewports_q = s.viewports_q.map(|v| v.saturating_sub(1)),
            6 => half(&mut q.words_before_first),
            7 => q.paragraphs_before_first = q.paragraphs_before_first.saturating_sub(1),
            8 => half(&mut q.words_after_last),
            16 => q.paragraphs_after_last = q.paragraphs_after_last.saturating_sub(1),
            9 => half(&mut q.px_from_top),
            10 => half(&mut q.px_from_bottom),
            11 if !q.never_after.is_empty() => { let i = pick.index(q.never_after.len()); q.never_after.remove(i); }
            12 if !q.never_before.is_empty() => { let i = pick.index(q.never_before.len()); q.never_before.remove(i); }
            13 if !q.clearance.is_empty() => { let i = pick.index(q.clearance.len()); half(&mut q.clearance[i].1); }
            14 if !q.clearance.is_empty() => { let i = pick.index(q.clearance.len()); half(&mut q.clearance[i].2); }
            15 if !q.escalation.is_empty() && tightens => {
                let i = pick.index(q.escalation.len());
                q.escalation[i].count += 1;
                // Keep counts increasing: push later entries along.
                for j in i + 1..q.escalation.len() {
                    let prev = q.escalation[j - 1].count;
                    if q.escalation[j].count <= prev { q.escalation[j].count = prev + 1; }
                }
            }
            17 => { raise(&mut s.max_words); raise(&mut s.max_paragraphs); }
            18 => { raise(&mut s.max_px); raise(&mut s.max_viewports_q); }
            19 => { raise(&mut q.max_words_before_first); raise(&mut q.max_paragraphs_before_first); }
            20 => raise(&mut q.max_px_before_first),
            21 => half(&mut q.min_words_for_ads),
            22 if !q.never_beside_regions.is_empty() => { let i = pick.index(q.never_beside_regions.len()); q.never_beside_regions.remove(i); }
            _ => {}
        }
        let after = inflow(&run(&article, &q.rules(), false)).len();
        prop_assert!(after >= before, "loosening ({}) lowered the count {} -> {}\nbefore:\n{}\nafter:\n{}", which, before, after, p.toml(), q.toml());
    }
}
