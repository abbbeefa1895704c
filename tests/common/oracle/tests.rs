//! The oracle's own checks: it knows every rule of the registry, refuses one it does not
//! know, reads anchors and sets as adslot writes them, and counts words as documented.

use super::*;

/// Every rule of adslot's registry is one the oracle implements, and the oracle lists no rule
/// the registry does not have: a new rule fails here (and in every oracle test) until the
/// oracle knows it.
#[test]
fn the_oracle_knows_every_rule() {
    let registry: Vec<&str> = adslot::rules::RULES.iter().map(|r| r.key).collect();
    for key in &registry {
        assert!(
            KNOWN.contains(key),
            "the oracle does not know rule `{key}`: implement it in tests/common/oracle.rs"
        );
    }
    for key in KNOWN {
        assert!(
            registry.contains(key),
            "the oracle knows `{key}`, which is no rule"
        );
    }
    // And it reads every value of a policy as adslot writes it.
    let policy = serde_json::to_value(adslot::rules::Policy::default()).expect("json");
    Values::from_json(&policy);
}

#[test]
fn the_oracle_refuses_a_rule_it_does_not_know() {
    let mut policy = serde_json::to_value(adslot::rules::Policy::default()).expect("json");
    policy["min_lines_between"] = Value::from(3);
    let refused = std::panic::catch_unwind(|| Values::from_json(&policy));
    assert!(refused.is_err());
}

/// The oracle reads every anchor position and `[[when]]` key adslot writes, and refuses one
/// it does not know.
#[test]
fn the_oracle_reads_anchors_and_sets() {
    let file = "[[anchor]]\nbefore = \"heading\"\nnth = -1\nmin_words = 10\n\
                [[anchor]]\nafter_paragraph = 3\n[[anchor]]\nat = \"end\"\nspacing = false\n\
                [[when]]\nsection = [\"a\", \"b\"]\ntags_any = [\"x\"]\ntags_all = [\"y\"]\n\
                type = \"liveblog\"\nmin_words = 1\nmax_words = 9\ndevice = \"mobile\"\n\
                [when.spacing]\nmin_words_between = 3\n";
    let rules = Rules::from_toml("r.toml", file).expect("loads");
    let setup = Setup::of(&rules, rules.device("mobile").expect("mobile"));
    assert_eq!(
        setup
            .anchors
            .iter()
            .map(|a| a.at.clone())
            .collect::<Vec<_>>(),
        [
            Position::Before(BlockKind::Heading, -1),
            Position::AfterParagraph(3),
            Position::End
        ]
    );
    assert_eq!(setup.when[0].kind, ["liveblog"]);
    let mut w = serde_json::to_value(&rules.when[0]).expect("json");
    w["tags_none"] = Value::from(vec!["z"]);
    assert!(std::panic::catch_unwind(|| WhenSet::from_json(&w)).is_err());
}

#[test]
fn word_counter_agrees_with_the_documented_examples() {
    assert_eq!(count_words("Nov. 23 (UPI) -- China"), 4);
    assert_eq!(count_words("中国 wants"), 3);
    assert_eq!(count_words("abc中def"), 3);
    assert_eq!(count_words("-- — ... \"\""), 0);
    assert_eq!(count_words("ひらがな、カタカナ"), 8);
    assert_eq!(count_words("  two\twords\n"), 2);
}
