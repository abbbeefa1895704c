//! The solver against the brute-force oracle (`tests/common/oracle.rs`) on random articles
//! and random rule files.
//!
//! Rules are generated as parameters, written out twice: as TOML text loaded with
//! `Rules::from_toml` (so the loader is on the path) for the engine, and as rule values for
//! the oracle directly (so a loader mistake shows as a disagreement, and
//! `the_loader_reads_what_was_written` names it).

mod generate;

use adslot::layout::{layout, DeviceProfile, Geometry, Hyphenation};
use adslot::{place, Article, Block, BlockKind, PlaceOptions, Plan, Rules};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::common::oracle::Oracle;
use generate::{article, params, Params, SIZES};

fn geometry(article: &Article) -> Geometry {
    layout(article, &DeviceProfile::mobile(), Hyphenation::None)
}

fn run(article: &Article, rules: &Rules, explain: bool) -> Plan {
    place(article, rules, &PlaceOptions::new().explain(explain)).expect("the mobile device exists")
}

fn inflow(plan: &Plan) -> Vec<usize> {
    plan.placements
        .iter()
        .filter(|p| !p.anchor)
        .map(|p| p.before_block)
        .collect()
}

fn cases(n: u32) -> ProptestConfig {
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
    /// maximum; (c) they are the lexicographically earliest maximal set.
    #[test]
    fn engine_is_valid_maximal_and_earliest(article in article(13), p in params()) {
        let rules = p.rules();
        let plan = run(&article, &rules, false);
        let geo = geometry(&article);
        let setup = p.setup();
        let oracle = Oracle::new(&article, &geo, &setup);
        let got = inflow(&plan);
        let verdict = oracle.valid(&got);
        prop_assert!(verdict.is_ok(), "(a) engine plan {:?} breaks a rule: {:?}\n{}", got, verdict, p.toml());
        let (most, earliest) = oracle.best();
        prop_assert_eq!(got.len(), most, "(b) count; oracle {:?}\n{}", earliest, p.toml());
        prop_assert_eq!(&got, &earliest, "(c) earliest set\n{}", p.toml());
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
            let at = oracle.kinds.iter().position(|&k| k == a.before);
            let found: Vec<_> = first.placements.iter().filter(|x| x.slot == format!("a{i}")).collect();
            match at {
                Some(at) => {
                    prop_assert_eq!(found.len(), 1, "(f) anchor {:?} missing", a);
                    prop_assert!(found[0].anchor && found[0].before_block == at, "(f) anchor {:?} at {:?}", a, found[0]);
                }
                None => {
                    prop_assert!(found.is_empty(), "(f) anchor without its block placed");
                    let unplaced = first.unplaced_anchors.iter().any(|u| u.slot == format!("a{i}") && u.before == a.before);
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

    /// The loader reads every value as the TOML wrote it: the engine's policy and the oracle's
    /// values are the same rules.
    #[test]
    fn the_loader_reads_what_was_written(p in params()) {
        let rules = p.rules();
        for device in &rules.devices {
            let loaded = serde_json::to_value(&device.policy).expect("json");
            prop_assert_eq!(&loaded, &p.values(), "on {}\n{}", device.name, p.toml());
        }
    }

    /// (e) loosening any single rule never lowers the number of in-flow ads.
    #[test]
    fn loosening_a_rule_never_lowers_the_count(
        article in article(14),
        p in params(),
        which in 0usize..17,
        pick in any::<Index>(),
    ) {
        let before = inflow(&run(&article, &p.rules(), false)).len();
        let mut q = p.clone();
        let half = |v: &mut u32| *v /= 2;
        match which {
            0 => q.max_ads += 1 + pick.index(4) as u32,
            1 => q.max_density_pct = (q.max_density_pct + 1 + pick.index(30) as u32).min(100),
            2 => half(&mut q.words_between),
            3 => q.paragraphs_between = q.paragraphs_between.saturating_sub(1),
            4 => half(&mut q.px_between),
            5 => q.viewports_q = q.viewports_q.saturating_sub(1),
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
            15 if !q.escalation.is_empty() => { let i = pick.index(q.escalation.len()); q.escalation[i].count += 1;
                // Keep counts increasing: push later entries along.
                for j in i + 1..q.escalation.len() {
                    let prev = q.escalation[j - 1].count;
                    if q.escalation[j].count <= prev { q.escalation[j].count = prev + 1; }
                }
            }
            _ => {}
        }
        let after = inflow(&run(&article, &q.rules(), false)).len();
        prop_assert!(after >= before, "loosening ({}) lowered the count {} -> {}\nbefore:\n{}\nafter:\n{}", which, before, after, p.toml(), q.toml());
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-made cases the properties rely on.

/// Rules with only `min_words_between` set: every other rule off.
fn hand_made(words_between: u32) -> Params {
    Params {
        max_ads: 8,
        max_density_pct: 100,
        words_between,
        paragraphs_between: 0,
        px_between: 0,
        viewports_q: 0,
        escalation: vec![],
        words_before_first: 0,
        paragraphs_before_first: 0,
        words_after_last: 0,
        paragraphs_after_last: 0,
        px_from_top: 0,
        px_from_bottom: 0,
        never_after: vec![],
        never_before: vec![],
        clearance: vec![],
        anchors: vec![],
        inline_size: 1,
    }
}

#[test]
fn the_oracle_rejects_what_it_should() {
    // Three 10-word paragraphs; 15 words between ads; nothing else in the way.
    let p = hand_made(15);
    let ten = "w ".repeat(10);
    let article = Article::new(vec![
        Block::new(BlockKind::Paragraph, ten.clone()),
        Block::new(BlockKind::Paragraph, ten.clone()),
        Block::new(BlockKind::Paragraph, ten),
    ]);
    let geo = geometry(&article);
    let setup = p.setup();
    let oracle = Oracle::new(&article, &geo, &setup);
    assert!(oracle.valid(&[]).is_ok());
    assert!(oracle.valid(&[0, 2]).is_ok());
    assert_eq!(
        oracle.valid(&[0, 1]),
        Err("ads at gaps 0 and 1: min_words_between".to_string())
    );
    assert!(oracle.valid(&[1, 0]).is_err());
    assert_eq!(oracle.best(), (2, vec![0, 2]));
    let plan = run(&article, &p.rules(), false);
    assert_eq!(inflow(&plan), [0, 2]);
}

/// `min_paragraphs_after_last` (the worked example of adding a rule): no in-flow ad with fewer
/// paragraphs below it, explained with the numbers.
#[test]
fn min_paragraphs_after_last_keeps_paragraphs_below_the_last_ad() {
    let p = Params {
        paragraphs_after_last: 2,
        ..hand_made(15)
    };
    let ten = "w ".repeat(10);
    let article = Article::new(
        (0..4)
            .map(|_| Block::new(BlockKind::Paragraph, ten.clone()))
            .collect(),
    );
    let plan = run(&article, &p.rules(), true);
    assert_eq!(inflow(&plan), [0, 2]);
    let setup = p.setup();
    let oracle = Oracle::new(&article, &geometry(&article), &setup);
    assert_eq!(oracle.best(), (2, vec![0, 2]));
    assert_eq!(
        oracle.valid(&[0, 3]),
        Err("gap 3: min_paragraphs_after_last".to_string())
    );
    let gaps = plan.gaps.expect("explained");
    assert!(gaps[3]
        .reasons
        .iter()
        .any(|r| r.rule == "min_paragraphs_after_last"
            && r.text == "1 paragraph below this gap; min_paragraphs_after_last is 2"));
}

/// The heights the oracle computes are the ones the sizes table says (a check of the oracle).
#[test]
fn the_oracle_reserves_what_the_sizes_table_says() {
    for (i, (name, _, height)) in SIZES.iter().enumerate() {
        let p = Params {
            inline_size: i,
            ..hand_made(15)
        };
        assert_eq!(p.setup().reserved("inline"), *height, "{name}");
    }
}

/// The generators must produce interesting cases, or the properties above prove little.
#[test]
fn generated_cases_are_not_trivial() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (article(13), params());
    let (mut two_or_more, mut with_fixed, mut fixed_and_inflow, mut oracle_beats_empty) =
        (0, 0, 0, 0);
    let total = 600;
    for _ in 0..total {
        let (article, p) = strategy.new_tree(&mut runner).unwrap().current();
        let plan = run(&article, &p.rules(), false);
        let got = inflow(&plan).len();
        let fixed = plan.placements.len() - got
            + article
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Ad)
                .count();
        two_or_more += usize::from(got >= 2);
        with_fixed += usize::from(fixed > 0);
        fixed_and_inflow += usize::from(fixed > 0 && got > 0);
        oracle_beats_empty += usize::from(got > 0);
    }
    eprintln!("of {total}: >=2 in-flow {two_or_more}, with fixed ads {with_fixed}, fixed and in-flow {fixed_and_inflow}, >=1 in-flow {oracle_beats_empty}");
    assert!(
        two_or_more * 5 >= total,
        "too few cases with two in-flow ads"
    );
    assert!(
        fixed_and_inflow * 10 >= total,
        "too few cases mixing fixed and in-flow ads"
    );
}
