//! Page furniture inside the story (`tests/fixtures/cli/regions-page.html`): the reader names
//! each opaque block's region, `layout` prints it, `[placement] never_beside_regions` keeps
//! in-flow ads off the gaps beside one and `--explain` says which region refused.

use serde_json::Value;

use super::*;

const PAGE: &str = "tests/fixtures/cli/regions-page.html";
const RULES: &str = "tests/fixtures/cli/regions.toml";

/// The page's blocks as the library reads them, under `toml`.
fn blocks(toml: &str) -> Vec<adslot::Block> {
    let rules = adslot::Rules::from_toml("r.toml", toml).expect("rules");
    let bytes = std::fs::read(PAGE).expect("fixture");
    let doc = adslot::Document::read_bytes(PAGE, bytes, &rules, &adslot::ReadOptions::default())
        .expect("the page reads");
    doc.article().blocks.clone()
}

fn regions(blocks: &[adslot::Block]) -> Vec<(usize, &'static str)> {
    blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.region.map(|r| (i, r.name())))
        .collect()
}

#[test]
fn the_reader_names_each_regions_kind_and_json_carries_it() {
    let read = blocks("");
    let found = regions(&read);
    // The share bar stands above the article body, so it is outside the story read.
    let names: Vec<&str> = found.iter().map(|&(_, r)| r).collect();
    assert_eq!(names, ["related", "links", "newsletter"], "{found:?}");
    assert!(found
        .iter()
        .all(|&(i, _)| read[i].kind == adslot::BlockKind::Other));
    // The rule file's exclusions are `selector` regions.
    let excluded = blocks("[html]\nexclude_selector = \"[itemprop=articleBody] > .x9f\"\n");
    let names: Vec<&str> = regions(&excluded).iter().map(|&(_, r)| r).collect();
    assert_eq!(names, ["related", "selector", "newsletter"]);
    // JSON writes the field and reads it back.
    let json = serde_json::to_string(&adslot::Article::new(read.clone())).expect("json");
    assert!(json.contains(r#""region":"links""#), "{json}");
    let back = adslot::formats::json::read("a.json", &json).expect("reads back");
    assert_eq!(back.blocks, read);
    let e = adslot::formats::json::read(
        "a.json",
        r#"{"blocks": [{"kind": "other", "region": "relatd"}]}"#,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("unknown region `relatd` (did you mean `related`?)"),
        "{e}"
    );
}

#[test]
fn layout_prints_the_region_beside_the_kind() {
    let table = stdout_of(&["layout", PAGE, "--format", "text"]);
    for region in ["related", "links", "newsletter"] {
        assert!(
            table.contains(&format!(" other ({region}) ")),
            "{region}:\n{table}"
        );
    }
    assert_aligned(&table.lines().skip(1).collect::<Vec<_>>());
}

#[test]
fn no_ad_stands_beside_a_region_and_explain_names_it() {
    let out = stdout_of(&["place", PAGE, "--rules", RULES, "--explain"]);
    let plan: Value = serde_json::from_str(&out).expect("a JSON plan");
    let read = blocks(&std::fs::read_to_string(RULES).expect("rules"));
    let furniture = regions(&read);
    let beside = |g: usize| {
        furniture
            .iter()
            .find(|&&(i, _)| i + 1 == g || i == g)
            .copied()
    };
    let placed: Vec<usize> = plan["placements"]
        .as_array()
        .expect("placements")
        .iter()
        .map(|p| p["before_block"].as_u64().expect("a gap") as usize)
        .collect();
    // Every gap takes an ad but those beside a region.
    let free: Vec<usize> = (0..=read.len()).filter(|&g| beside(g).is_none()).collect();
    assert_eq!(placed, free);
    assert!(free.len() >= 6 && furniture.len() == 3, "{furniture:?}");
    for v in plan["gaps"].as_array().expect("verdicts") {
        let g = v["before_block"].as_u64().expect("a gap") as usize;
        let Some((block, region)) = beside(g) else {
            continue;
        };
        let reasons = v["reasons"].as_array().expect("reasons");
        let reason = reasons
            .iter()
            .find(|r| r["rule"] == "never_beside_regions")
            .unwrap_or_else(|| panic!("gap {g}: {reasons:?}"));
        // The block above is named first when both neighbours are regions.
        let named = if block + 1 == g { block } else { g };
        assert_eq!(
            reason["text"],
            format!(
                "directly beside the {region} region at block {named}; never_beside_regions lists {region}"
            )
        );
    }
    // The rule is what keeps them off: without it, ads stand beside the regions.
    let off = format!(
        "{}never_beside_regions = []\n",
        std::fs::read_to_string(RULES).expect("rules")
    );
    let rules = adslot::Rules::from_toml("off.toml", &off).expect("rules");
    let article = adslot::Article::new(read.clone());
    let plan = adslot::place(&article, &rules, &adslot::PlaceOptions::new()).expect("plan");
    assert!(
        plan.placements
            .iter()
            .any(|p| beside(p.before_block).is_some()),
        "{:?}",
        plan.placements
    );
    // Listing some regions refuses only beside those.
    let some = off.replace(
        "never_beside_regions = []",
        "never_beside_regions = [\"links\"]",
    );
    let rules = adslot::Rules::from_toml("some.toml", &some).expect("rules");
    let plan = adslot::place(&article, &rules, &adslot::PlaceOptions::new()).expect("plan");
    let beside_links = |g: usize| {
        furniture
            .iter()
            .any(|&(i, r)| r == "links" && (i + 1 == g || i == g))
    };
    assert!(plan
        .placements
        .iter()
        .all(|p| !beside_links(p.before_block)));
    assert!(plan
        .placements
        .iter()
        .any(|p| beside(p.before_block).is_some()));
    let e = adslot::Rules::from_toml(
        "bad.toml",
        "[placement]\nnever_beside_regions = [\"sidebr\"]\n",
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("bad.toml:2:25"), "{e}");
    assert!(e.contains("unknown region `sidebr`"), "{e}");
    assert!(e.contains("did you mean `sidebar`?"), "{e}");
}
