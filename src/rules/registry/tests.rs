//! The registry's explanations and escalation helpers.

use super::*;
use crate::rules::checks::{Amount, Cause};

/// Every explanation fills all its placeholders (a misspelt one would be printed as is).
#[test]
fn explanations_fill_every_placeholder() {
    for r in RULES {
        let refusal = Refusal {
            kind: Some(BlockKind::Image),
            region: Some(crate::article::Region::Related),
            other: Some(4),
            subkey: Some("above_px"),
            cause: Some(Box::new(Cause {
                key: "min_words_between",
                refusal: Refusal::new(3_u64, 5_u32),
            })),
            ..Refusal::new(1_u64, 2_u32)
        };
        let text = r.explain(&refusal);
        assert!(
            !text.contains('{') && !text.contains('}'),
            "{}: {text}",
            r.key
        );
        match r.shape() {
            Shape::Setting => assert!(r.explain.is_empty(), "{}", r.key),
            _ => assert!(text.len() > 10, "{}: {text}", r.key),
        }
    }
}

#[test]
fn counts_of_one_are_singular() {
    let one = Refusal {
        other: Some(5),
        ..Refusal::new(1_u64, 3_u32)
    };
    let r = |key| rule(key).unwrap().explain(&one);
    assert_eq!(
        r("min_paragraphs_between"),
        "1 paragraph between this gap and the ad at gap 5; min_paragraphs_between is 3"
    );
    assert_eq!(
        r("min_words_before_first"),
        "1 word above this gap; min_words_before_first is 3"
    );
    assert_eq!(r("max_ads"), "the plan already has 1 ad; max_ads is 3");
    let viewports = Refusal {
        other: Some(2),
        ..Refusal::new(
            Amount::Px {
                px: 370,
                viewport: 740,
            },
            Amount::Viewports {
                viewports: 1.0,
                px: 740,
            },
        )
    };
    assert_eq!(
        rule("min_viewports_between").unwrap().explain(&viewports),
        "370 px (0.50 viewports) between this gap and the ad at gap 2; min_viewports_between is 1 (740 px)"
    );
}

#[test]
fn only_spacing_rules_escalate() {
    let keys: Vec<&str> = Policy::escalating_keys().collect();
    assert_eq!(
        keys,
        [
            "min_words_between",
            "max_words_between",
            "min_paragraphs_between",
            "max_paragraphs_between",
            "min_px_between",
            "max_px_between",
            "min_viewports_between",
            "max_viewports_between",
        ]
    );
}

#[test]
fn lowered_compares_the_values_in_force() {
    let mut p = Policy {
        min_words_between: 100,
        ..Policy::default()
    };
    p.after_ads = vec![Escalation {
        count: 3,
        set: Overrides {
            min_words_between: Some(50),
            min_px_between: Some(10),
            ..Overrides::default()
        },
    }];
    assert_eq!(
        p.lowered(2, 3),
        [("min_words_between", "100".to_string(), "50".to_string())]
    );
    assert!(p.lowered(3, 4).is_empty());
}

/// Every bound (a spacing maximum or a first-ad rule) is unset by default, and an unset
/// bound judges nothing: the solvers rely on it to leave unset bounds out.
#[test]
fn unset_bounds_refuse_nothing() {
    use crate::article::{Article, Block};
    use crate::layout::{layout, DeviceProfile, Hyphenation};
    let article = Article::new(vec![Block::new(BlockKind::Paragraph, "word ".repeat(500))]);
    let g = layout(&article, &DeviceProfile::mobile(), Hyphenation::None);
    let m = Measure::new(&article, &g, 740, []);
    let p = Policy::default();
    for r in RULES {
        let bound = match r.check {
            Check::Spacing {
                bound: Bound::Max,
                check,
                ..
            } => Some(
                check(
                    &p,
                    &m,
                    Pair {
                        upper: 0,
                        lower: 1,
                        ordinal: 2,
                    },
                )
                .is_none(),
            ),
            Check::First(check) => Some(check(&p, &m, 1).is_none()),
            _ => None,
        };
        if let Some(passes) = bound {
            assert!(p.is_unset(r.key) && passes, "{}", r.key);
            assert_eq!(r.default_toml(), None, "{}", r.key);
        }
    }
}
