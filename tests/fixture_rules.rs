//! Every shipped rule file on every device, over every fixture article (JSON and HTML): the
//! engine's placements keep every rule, including the pixel rules, as the oracle
//! (`tests/common/oracle.rs`) judges them, and no refused gap could have taken one more ad.
//! The rule values as loaded and the estimated geometry are the oracle's inputs; distances,
//! words, ordinals, heights and totals it recomputes.

use adslot::layout::{layout, Hyphenation};
use adslot::rules::Device;
use adslot::{place, Article, PlaceOptions, Rules};

use crate::common::oracle::{Oracle, Setup};

fn check(name: &str, article: &Article, rules: &Rules, device: &Device) -> usize {
    let plan = place(article, rules, &PlaceOptions::new().device(&device.name)).expect("device");
    let geo = layout(article, &device.profile, Hyphenation::None);
    let setup = Setup::of(rules, device);
    let oracle = Oracle::new(article, &geo, &setup);
    let inflow: Vec<usize> = plan
        .placements
        .iter()
        .filter(|p| !p.anchor)
        .map(|p| p.before_block)
        .collect();
    let what = format!("{name} with rules `{}` on {}", rules.name, device.name);
    if let Err(e) = oracle.valid(&inflow) {
        panic!("{what}: placements {inflow:?} break a rule: {e}");
    }
    // Every anchor whose block exists is placed; the others are reported.
    let anchors = plan.placements.iter().filter(|p| p.anchor).count();
    let expected = oracle.fixed.iter().filter(|f| f.inserted).count();
    assert_eq!(anchors, expected, "{what}: anchors");
    assert_eq!(
        anchors + plan.unplaced_anchors.len(),
        rules.anchors.len(),
        "{what}: anchors placed or reported"
    );
    let unplaced: Vec<&String> = plan.unplaced_anchors.iter().map(|u| &u.slot).collect();
    assert_eq!(
        unplaced,
        oracle.unplaced.iter().collect::<Vec<_>>(),
        "{what}: anchors not placed"
    );
    assert_eq!(
        plan.rule_sets, oracle.applied,
        "{what}: [[when]] sets applied"
    );
    // No gap could take one more ad.
    for g in 0..=oracle.n() {
        if inflow.contains(&g) {
            continue;
        }
        let mut more = inflow.clone();
        more.push(g);
        more.sort_unstable();
        assert!(
            oracle.valid(&more).is_err(),
            "{what}: gap {g} could take one more ad"
        );
    }
    // Reported boxes and totals: each top is where its gap's ad starts plus the slots above it
    // and the margins each gap with an ad keeps apart (in LayoutUnits, 1/64 px; an ad after
    // another at the same gap follows it directly).
    let mut shift: i64 = 0;
    let mut k = 0;
    let growth = |g: usize| oracle.tops_lu[g] as i64 - oracle.resumes_lu[g] as i64;
    let whole = |lu: i64| (lu.max(0) + 32) / 64;
    let mut last_gap = None;
    for p in &plan.placements {
        if let Some(g) = last_gap.filter(|&g| g != p.before_block) {
            shift += growth(g);
        }
        assert_eq!(
            p.top_px as i64,
            whole(oracle.tops_lu[p.before_block] as i64 + shift),
            "{what}: top of ad {}",
            p.ordinal
        );
        let expect = if p.anchor {
            setup.reserved(&p.slot)
        } else {
            k += 1;
            oracle.inflow_px(k)
        };
        assert_eq!(p.height_px, expect, "{what}: height of ad {}", p.ordinal);
        assert_eq!(
            p.words_above, oracle.words[p.before_block],
            "{what}: words above ad {}",
            p.ordinal
        );
        shift += p.height_px as i64 * 64;
        last_gap = Some(p.before_block);
    }
    shift += last_gap.map_or(0, growth);
    assert_eq!(
        plan.page_height_px as i64,
        oracle.y[oracle.n()] as i64 + whole(shift),
        "{what}: page height"
    );
    let all: u64 = oracle.ads(&inflow).iter().map(|a| a.px).sum();
    let density = all as f64 / plan.page_height_px.max(1) as f64;
    assert!(
        (plan.density - density).abs() < 1e-9,
        "{what}: density {} vs {density}",
        plan.density
    );
    plan.placements.len()
}

#[test]
fn shipped_rules_hold_on_every_fixture_and_device() {
    let articles = crate::common::articles();
    assert!(articles.len() >= 79, "seed + 39 JSON + 39 HTML fixtures");
    let mut placed = 0;
    for path in crate::common::repo_files("rules", "toml") {
        let rules = Rules::from_path(&path).expect("shipped rules load");
        assert!(
            rules.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            rules.warnings
        );
        for device in &rules.devices {
            for (name, article) in &articles {
                placed += check(name, article, &rules, device);
            }
        }
    }
    // The fixtures are real articles: the shipped rules place plenty of ads in them.
    assert!(placed > 300, "only {placed} ads placed over all fixtures");
}
