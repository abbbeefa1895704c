//! The commented example rule files (`rules/every-n-paragraphs.toml`, `sections.toml`,
//! `sequence.toml`) on real fixtures: each does what its comments promise, and every plan
//! keeps every rule as the oracle (`tests/common/oracle.rs`) judges it.

use std::path::Path;

use adslot::layout::{layout, Hyphenation};
use adslot::plan::{Plan, Solver};
use adslot::{place, Article, PlaceOptions, Rules};

use crate::common::oracle::{Oracle, Setup};

fn rules(name: &str) -> Rules {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("rules")
        .join(name);
    Rules::from_path(&path).expect("shipped rules load")
}

fn real(name: &str) -> Article {
    let path = crate::common::fixtures_dir().join("real").join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    adslot::formats::json::read(name, &text).expect("fixture parses")
}

/// A plan of `rules` for `article` on `device`, held to the oracle; with the oracle's setup
/// for the caller's own measurements.
fn placed(article: &Article, rules: &Rules, device: &str) -> (Plan, Setup) {
    let plan = place(article, rules, &PlaceOptions::new().device(device)).expect("places");
    let d = rules.device(device).expect("device");
    let setup = Setup::of(rules, d);
    let geo = layout(article, &d.profile, Hyphenation::None);
    let oracle = Oracle::new(article, &geo, &setup);
    let inflow = gaps(&plan);
    if let Err(e) = oracle.valid(&inflow) {
        panic!("{} on {device}: {inflow:?} breaks a rule: {e}", rules.name);
    }
    assert_eq!(plan.rule_sets, oracle.applied, "[[when]] sets applied");
    (plan, setup)
}

/// The gaps of the in-flow ads.
fn gaps(plan: &Plan) -> Vec<usize> {
    plan.placements
        .iter()
        .filter(|p| !p.anchor)
        .map(|p| p.before_block)
        .collect()
}

/// The oracle's measures of `article` on `device`: (paragraphs, words, px) above each gap.
fn measures(article: &Article, rules: &Rules, device: &str) -> (Vec<u64>, Vec<u64>, Vec<u64>) {
    let d = rules.device(device).expect("device");
    let setup = Setup::of(rules, d);
    let geo = layout(article, &d.profile, Hyphenation::None);
    let o = Oracle::new(article, &geo, &setup);
    (o.paragraphs.clone(), o.words.clone(), o.y.clone())
}

/// The smallest of `at[b] - at[a]` over consecutive gaps.
fn smallest(gaps: &[usize], at: &[u64]) -> Option<u64> {
    gaps.windows(2).map(|w| at[w[1]] - at[w[0]]).min()
}

/// "After the 3rd paragraph, then every 4, even" on a 39-paragraph blog post: the five ads
/// reach the second half of the story (the earliest plan stops by paragraph 19), the first
/// sits right after paragraph 3, and no plan of five has a larger smallest spacing than the
/// earliest one's.
#[test]
fn every_n_paragraphs_spreads_five_ads_over_the_whole_story() {
    let article = real("blogger.json");
    let even = rules("every-n-paragraphs.toml");
    let (plan, _) = placed(&article, &even, "mobile");
    let (paras, words, _) = measures(&article, &even, "mobile");
    let g = gaps(&plan);
    let total = paras[article.blocks.len()];
    assert!(total >= 38, "a long story: {total} paragraphs");
    assert_eq!(g.len(), 5, "max_ads = 5 on a long story: {g:?}");
    assert_eq!(
        plan.solver,
        Solver::Exact,
        "a maximum takes the exact solver"
    );
    assert_eq!(paras[g[0]], 3, "the first ad right after paragraph 3");
    assert!(g.windows(2).all(|w| paras[w[1]] - paras[w[0]] >= 4));
    assert!(total - paras[g[4]] >= 2, "none in the last 2 paragraphs");
    assert!(
        paras[g[4]] > total / 2,
        "the last ad in the second half: paragraph {} of {total}",
        paras[g[4]]
    );
    let reported = plan.even.expect("even reports its spacing").smallest;
    assert_eq!(
        reported,
        smallest(&g, &words),
        "spacing in words, as reported"
    );

    // The same file with `prefer = "earliest"`: as many ads, packed into the first half.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/every-n-paragraphs.toml");
    let text = std::fs::read_to_string(path).expect("rule file");
    let earliest_text = text.replace("prefer = \"even\"", "prefer = \"earliest\"");
    assert_ne!(text, earliest_text);
    let earliest = Rules::from_toml("earliest.toml", &earliest_text).expect("loads");
    let (first, _) = placed(&article, &earliest, "mobile");
    let e = gaps(&first);
    assert_eq!(e.len(), 5);
    assert!(paras[e[4]] <= 3 + 4 * 4, "earliest packs them: {e:?}");
    assert!(
        reported > smallest(&e, &words),
        "even spreads wider than earliest"
    );
}

/// High-value sections get 500 px between ads on mobile instead of 750 px: more ads on a
/// long photo blog, some closer than 750 px, none under 500 px; the set applies only on
/// mobile and only to its sections (compared without case).
#[test]
fn sections_loosen_spacing_for_high_value_sections_on_mobile() {
    let rules = rules("sections.toml");
    let mut article = real("pixnet.json");
    let (plain, _) = placed(&article, &rules, "mobile");
    assert!(plain.rule_sets.is_empty());
    let (_, _, y) = measures(&article, &rules, "mobile");
    let p = gaps(&plain);
    assert!(smallest(&p, &y).is_some_and(|d| d >= 750), "{p:?}");

    article.section = Some("Technology".to_string());
    let (business, _) = placed(&article, &rules, "mobile");
    assert_eq!(business.rule_sets, ["high-value sections on mobile"]);
    let b = gaps(&business);
    assert!(b.len() > p.len(), "more ads: {b:?} against {p:?}");
    let closest = smallest(&b, &y).expect("several ads");
    assert!((500..750).contains(&closest), "closest pair {closest} px");

    let (desktop, _) = placed(&article, &rules, "desktop");
    assert!(desktop.rule_sets.is_empty(), "the set is for mobile only");
    article.section = Some("sport".to_string());
    assert!(placed(&article, &rules, "mobile").0.rule_sets.is_empty());
}

/// A liveblog gets three ads at most, the end anchor included, the first within 1,500 px;
/// a story under 250 words gets no in-flow ad but keeps its end anchor.
#[test]
fn sections_limit_liveblogs_and_leave_short_stories_their_anchor() {
    let rules = rules("sections.toml");
    let mut article = real("lazy-image-2.json");
    let (plain, _) = placed(&article, &rules, "mobile");
    assert!(gaps(&plain).len() > 2, "a long story carries more than two");
    article.kind = Some("liveblog".to_string());
    let (live, _) = placed(&article, &rules, "mobile");
    assert_eq!(live.rule_sets, ["liveblogs"]);
    assert_eq!(live.placements.len(), 3);
    let (_, _, y) = measures(&article, &rules, "mobile");
    let g = gaps(&live);
    assert_eq!(g.len(), 2);
    assert!(y[g[0]] <= 1500, "first ad at {} px", y[g[0]]);
    assert!(live
        .placements
        .last()
        .is_some_and(|p| p.slot == "end-of-article"));

    let short = real("mozilla-1.json");
    assert!(
        short.words() < 250 && short.words() >= 150,
        "{}",
        short.words()
    );
    for device in ["mobile", "desktop"] {
        let (plan, _) = placed(&short, &rules, device);
        assert!(gaps(&plan).is_empty(), "no in-flow ad under 250 words");
        let slots: Vec<&str> = plan.placements.iter().map(|p| p.slot.as_str()).collect();
        assert_eq!(slots, ["end-of-article"]);
        assert_eq!(plan.placements[0].before_block, short.blocks.len());
    }
}

/// The first in-flow ad is a 300x250 `inline-1`, every later one a 300x600 `inline`, each
/// reserving its own height; desktop opens with its own first slot.
#[test]
fn sequence_gives_the_first_ad_its_own_slot_and_height() {
    let rules = rules("sequence.toml");
    let article = real("blogger.json");
    for (device, first) in [("mobile", "inline-1"), ("desktop", "inline-1-desktop")] {
        let (plan, setup) = placed(&article, &rules, device);
        let inflow: Vec<_> = plan.placements.iter().filter(|p| !p.anchor).collect();
        assert!(inflow.len() >= 3, "{device}: {} ads", inflow.len());
        for (k, p) in inflow.iter().enumerate() {
            let slot = if k == 0 { first } else { "inline" };
            assert_eq!(p.slot, slot, "{device}: ad {}", k + 1);
            assert_eq!(p.height_px, setup.reserved(slot), "{device}: ad {}", k + 1);
        }
        let sizes: Vec<String> = inflow[1].sizes.iter().map(ToString::to_string).collect();
        assert_eq!(sizes, ["300x600"]);
        assert!(inflow[0].height_px + 300 < inflow[1].height_px);
    }
}

/// `--section` on the command line overrides the article's own section for `[[when]]` sets.
#[test]
fn the_cli_section_flag_selects_a_rule_set() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let article = manifest.join("tests/fixtures/real/pixnet.json");
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_adslot"))
            .arg("place")
            .arg(&article)
            .arg("--rules")
            .arg(manifest.join("rules/sections.toml"))
            .args(extra)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        plan["rule_sets"].clone()
    };
    assert_eq!(run(&[]), serde_json::Value::Null);
    assert_eq!(
        run(&["--section", "Business"]),
        serde_json::json!(["high-value sections on mobile"])
    );
    assert_eq!(
        run(&["--section", "business", "--device", "desktop"]),
        serde_json::Value::Null
    );
}
