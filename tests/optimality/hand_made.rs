//! Hand-made cases the properties rely on: the oracle refuses what it should, and the new
//! rules do what their docs say on small articles worked out by hand.

use adslot::{Article, Block, BlockKind};

use super::generate::{Params, Sp, SIZES};
use super::strategy::{article, params};
use super::{geometry, inflow, run, run_exact};
use crate::common::oracle::Oracle;
use adslot::plan::Solver;

/// Rules with only `min_words_between` set: every other rule off.
fn hand_made(words_between: u32) -> Params {
    Params {
        max_ads: 8,
        max_density_pct: 100,
        min_words_for_ads: 0,
        spacing: Sp {
            words: Some(words_between),
            paragraphs: Some(0),
            px: Some(0),
            viewports_q: Some(0),
            ..Sp::default()
        },
        escalation: vec![],
        words_before_first: 0,
        paragraphs_before_first: 0,
        words_after_last: 0,
        paragraphs_after_last: 0,
        px_from_top: 0,
        px_from_bottom: 0,
        max_words_before_first: None,
        max_paragraphs_before_first: None,
        max_px_before_first: None,
        never_after: vec![],
        never_before: vec![],
        never_beside_regions: vec![],
        clearance: vec![],
        anchors: vec![],
        inline_size: 1,
        slots: vec![],
        even: false,
        when: vec![],
    }
}

/// `n` paragraphs of ten words.
fn paragraphs(n: usize) -> Article {
    let ten = "w ".repeat(10);
    Article::new(
        (0..n)
            .map(|_| Block::new(BlockKind::Paragraph, ten.clone()))
            .collect(),
    )
}

#[test]
fn the_oracle_rejects_what_it_should() {
    // Three 10-word paragraphs; 15 words between ads; nothing else in the way.
    let p = hand_made(15);
    let article = paragraphs(3);
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
    let article = paragraphs(4);
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

/// A maximum between ads breaks the sweep's exchange argument: with 15 to 20 words between
/// ads, taking the earliest gap first (0, then 2) leaves no third ad, while 1, 3, 5 holds
/// three. The engine takes the exact solver and finds them.
#[test]
fn max_words_between_needs_the_exact_solver() {
    let p = Params {
        spacing: Sp {
            max_words: Some(20),
            ..hand_made(15).spacing
        },
        ..hand_made(15)
    };
    // Words above gaps 0..=5: 0, 10, 20, 30, 32, 45.
    let article = Article::new(
        [10, 10, 10, 2, 13]
            .iter()
            .map(|&n| Block::new(BlockKind::Paragraph, "w ".repeat(n)))
            .collect(),
    );
    let setup = p.setup();
    let oracle = Oracle::new(&article, &geometry(&article), &setup);
    assert_eq!(
        oracle.valid(&[0, 3]),
        Err("ads at gaps 0 and 3: max_words_between".to_string())
    );
    assert_eq!(oracle.best(), (3, vec![1, 3, 5]));
    let plan = run(&article, &p.rules(), true);
    assert_eq!((inflow(&plan), plan.solver), (vec![1, 3, 5], Solver::Exact));
    let gaps = plan.gaps.expect("explained");
    assert_eq!(
        gaps[0].reasons[0].text,
        "10 words between this gap and the ad at gap 1; min_words_between is 15"
    );
}

/// An upper bound on the first ad: no plan keeps every rule with the first ad within one
/// paragraph when the first two paragraphs are refused, and the plan says so.
#[test]
fn max_paragraphs_before_first_says_when_no_plan_meets_it() {
    let p = Params {
        max_paragraphs_before_first: Some(1),
        paragraphs_before_first: 2,
        ..hand_made(15)
    };
    // Not a loadable rule file (max below min): build the rules by hand from a looser one.
    let q = Params {
        max_paragraphs_before_first: Some(2),
        ..p.clone()
    };
    let article = paragraphs(5);
    let plan = run(&article, &q.rules(), true);
    assert_eq!(inflow(&plan), [2, 4]);
    let mut rules = q.rules();
    for d in &mut rules.devices {
        d.policy.max_paragraphs_before_first = Some(1);
    }
    let plan = run(&article, &rules, true);
    assert!(inflow(&plan).is_empty());
    assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
    assert_eq!(plan.warnings[0].rule, "max_paragraphs_before_first");
    assert_eq!(
        plan.warnings[0].text,
        "no plan that keeps every rule has its first in-flow ad within \
         max_paragraphs_before_first = 1: without it the rules would place 2 ads, the first at gap 2"
    );
    let gaps = plan.gaps.expect("explained");
    assert!(gaps[2].reasons.iter().any(|r| r.rule == "max_paragraphs_before_first"
        && r.text == "2 paragraphs above this gap, which would hold the first in-flow ad; max_paragraphs_before_first is 1"));
}

/// `prefer = "even"`: the most ads, the smallest spacing as large as the article allows.
/// Ten paragraphs of ten words, three ads at least 10 words apart: earliest is 0, 1, 2;
/// even spreads them 50 words apart (gaps 0, 5, 10), the earliest plan with that spacing.
#[test]
fn even_spreads_the_ads() {
    let p = Params {
        max_ads: 3,
        ..hand_made(10)
    };
    let article = paragraphs(10);
    assert_eq!(inflow(&run(&article, &p.rules(), false)), [0, 1, 2]);
    let even = Params { even: true, ..p };
    let plan = run(&article, &even.rules(), false);
    assert_eq!(inflow(&plan), [0, 5, 10]);
    let spread = plan.even.expect("even");
    assert_eq!(spread.smallest, Some(50));
    assert_eq!(plan.solver, Solver::Sweep);
    let exact = run_exact(&article, &even.rules());
    assert_eq!(inflow(&exact), [0, 5, 10]);
}

/// A slot sequence: the first ad takes `s0`, later ones `s1`, each with its own height.
#[test]
fn slot_sequences_give_each_ad_its_slot() {
    let p = Params {
        slots: vec![0, 3],
        ..hand_made(10)
    };
    let article = paragraphs(4);
    let plan = run(&article, &p.rules(), false);
    let got: Vec<(&str, u64)> = plan
        .placements
        .iter()
        .map(|x| (x.slot.as_str(), x.height_px))
        .collect();
    assert_eq!(
        got,
        [
            ("s0", SIZES[0].2),
            ("s1", SIZES[3].2),
            ("s1", SIZES[3].2),
            ("s1", SIZES[3].2),
            ("s1", SIZES[3].2)
        ]
    );
    assert_eq!(plan.placements[1].sizes[0].to_string(), SIZES[3].0);
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

/// The generators must produce interesting cases, or the properties prove little: several
/// ads, fixed ads among them, both solvers, `even`, `[[when]]` sets that apply, and anchors
/// at every kind of position.
#[test]
fn generated_cases_are_not_trivial() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (article(13), params());
    let mut n = [0usize; 7];
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
        n[0] += usize::from(got >= 2);
        n[1] += usize::from(fixed > 0 && got > 0);
        n[2] += usize::from(plan.solver == Solver::Exact && got >= 2);
        n[3] += usize::from(plan.even.is_some() && got >= 2);
        n[4] += usize::from(!plan.rule_sets.is_empty());
        n[5] += usize::from(
            plan.placements.iter().any(|x| x.anchor) && !plan.unplaced_anchors.is_empty(),
        );
        n[6] += usize::from(plan.solver == Solver::Sweep && got >= 2);
    }
    eprintln!("of {total}: >=2 in-flow {}, fixed and in-flow {}, exact >=2 {}, even >=2 {}, sets applied {}, anchors placed and not {}, sweep >=2 {}", n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
    let floors = [
        (n[0], 5, "two in-flow ads"),
        (n[1], 10, "fixed and in-flow ads"),
        (n[2], 15, "the exact solver with two ads"),
        (n[3], 20, "even with two ads"),
        (n[4], 10, "[[when]] sets applied"),
        (n[5], 30, "anchors placed and not"),
        (n[6], 15, "the sweep with two ads"),
    ];
    for (count, one_in, what) in floors {
        assert!(
            count * one_in >= total,
            "too few cases with {what}: {count}"
        );
    }
}

/// Blocks for the stretch cases: paragraphs of ten words, and images (no words).
fn blocks(kinds: &[BlockKind]) -> Article {
    let ten = "w ".repeat(10);
    Article::new(
        kinds
            .iter()
            .map(|&k| match k {
                BlockKind::Image => Block::new(k, ""),
                _ => Block::new(k, ten.clone()),
            })
            .collect(),
    )
}

/// Rules for the stretch cases: 10 to 15 words between ads, no ad next to an image, one
/// anchor after a paragraph.
fn stretch_rules(after_paragraph: i32) -> Params {
    use super::generate::{Anchor, At};
    Params {
        spacing: Sp {
            max_words: Some(15),
            ..hand_made(10).spacing
        },
        never_after: vec![BlockKind::Image],
        never_before: vec![BlockKind::Image],
        anchors: vec![Anchor {
            at: At::AfterParagraph(after_paragraph),
            spacing: true,
            size: 0,
            min_words: 0,
        }],
        ..hand_made(10)
    }
}

/// An ad above the first in-flow ad brings the stretch from the anchor down to that ad under
/// the maximum: the only reason against gap 1, and the explanation says it.
#[test]
fn a_gap_refused_for_the_stretch_below_it() {
    use BlockKind::{Image, Paragraph as P};
    let article = blocks(&[P, P, P, Image, Image, P, P, P]);
    let p = stretch_rules(2); // the anchor at gap 2
    let setup = p.setup();
    let oracle = Oracle::new(&article, &geometry(&article), &setup);
    assert_eq!(oracle.best(), (3, vec![6, 7, 8]));
    assert!(oracle.valid(&[1, 6, 7, 8]).is_err());
    let plan = run(&article, &p.rules(), true);
    assert_eq!(inflow(&plan), [6, 7, 8]);
    let gaps = plan.gaps.expect("explained");
    assert_eq!(gaps[1].reasons.len(), 1, "{:?}", gaps[1]);
    assert_eq!(gaps[1].reasons[0].rule, "max_words_between");
    assert_eq!(
        gaps[1].reasons[0].text,
        "as the first in-flow ad, an ad here would bring the ads below it up to the first \
         in-flow ad under the maximums: 20 words without an ad between the ads at gaps 2 and 6; \
         max_words_between is 15"
    );
}

/// The mirror case: an ad below the last in-flow ad brings the stretch from that ad down to
/// the anchor under the maximum.
#[test]
fn a_gap_refused_for_the_stretch_above_it() {
    use BlockKind::{Image, Paragraph as P};
    let article = blocks(&[P, P, P, Image, Image, P, P]);
    let p = stretch_rules(4); // the 4th paragraph is block 5: the anchor at gap 6
    let setup = p.setup();
    let oracle = Oracle::new(&article, &geometry(&article), &setup);
    assert_eq!(oracle.best(), (3, vec![0, 1, 2]));
    let plan = run(&article, &p.rules(), true);
    assert_eq!(inflow(&plan), [0, 1, 2]);
    let gaps = plan.gaps.expect("explained");
    assert_eq!(gaps[7].reasons.len(), 1, "{:?}", gaps[7]);
    assert_eq!(
        gaps[7].reasons[0].text,
        "as the last in-flow ad, an ad here would bring the ads above it from the last in-flow \
         ad under the maximums: 20 words without an ad between the ads at gaps 2 and 6; \
         max_words_between is 15"
    );
}

/// Escalation that loosens breaks the sweep only with an anchor exempt from spacing between
/// two ads: here the 3rd ad needs 45 words, the 4th only 10. The sweep would test each gap
/// against the end anchor as the 3rd ad (too close for 45) and place nothing; with the exempt
/// anchor after paragraph 3 raising the end anchor to the 4th, gaps 0 and 1 hold two ads.
#[test]
fn loosening_escalation_past_an_exempt_anchor_needs_the_exact_solver() {
    use super::generate::{Anchor, At, Esc};
    let step = |count, words| Esc {
        count,
        set: Sp {
            words: Some(words),
            ..Sp::default()
        },
    };
    let anchor = |at, spacing| Anchor {
        at,
        spacing,
        size: 0,
        min_words: 0,
    };
    let p = Params {
        escalation: vec![step(3, 45), step(4, 10)],
        anchors: vec![anchor(At::AfterParagraph(3), false), anchor(At::End, true)],
        ..hand_made(10)
    };
    let article = paragraphs(4);
    let setup = p.setup();
    let oracle = Oracle::new(&article, &geometry(&article), &setup);
    assert_eq!(oracle.best(), (2, vec![0, 1]));
    let plan = run(&article, &p.rules(), true);
    assert_eq!((inflow(&plan), plan.solver), (vec![0, 1], Solver::Exact));
    // Without the exempt anchor, the sweep is exact for any escalation, and is used.
    let q = Params {
        anchors: vec![anchor(At::End, true)],
        ..p
    };
    let setup = q.setup();
    let oracle = Oracle::new(&article, &geometry(&article), &setup);
    let plan = run(&article, &q.rules(), true);
    assert_eq!(plan.solver, Solver::Sweep);
    assert_eq!(inflow(&plan), oracle.best().1);
    for v in plan.gaps.expect("explained").iter().filter(|v| !v.placed) {
        assert!(
            !v.reasons.is_empty(),
            "gap {} has no reason",
            v.before_block
        );
    }
}
