//! The properties the fuzz targets check, shared with `tests/fuzz_regressions.rs` so that a
//! regression test runs exactly the assertions of the target that found it.
//!
//! Every function takes the raw fuzz input and panics only when a property fails.
#![allow(dead_code)] // each target uses one or two of these

use adslot::formats::html;
use adslot::formats::template::{self, SlotVars};
use adslot::formats::{self, InputFormat};
use adslot::{Article, Block, BlockKind, PlaceOptions, Rules};

/// JSON articles: any bytes give an article or an error, and placement runs on every article.
pub fn json_article(data: &[u8]) {
    let Ok(text) = adslot::source::decode("fuzz.json", data) else {
        return;
    };
    if let Ok(article) = formats::json::read("fuzz.json", text) {
        let rules = Rules::default();
        for device in rules.device_names() {
            let options = PlaceOptions::new().device(device).explain(true);
            assert!(adslot::place(&article, &rules, &options).is_ok());
        }
    }
}

/// Rule files: any text gives rules or located errors. Whatever the loader accepts is usable:
/// every device places, the validated selectors read HTML, the validated template renders.
pub fn rules_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rules = match Rules::from_toml("fuzz.toml", text) {
        Ok(rules) => rules,
        Err(e) => {
            assert!(
                !e.diagnostics().is_empty(),
                "an error without a location: {e}"
            );
            return;
        }
    };
    let article = Article::new(vec![
        Block::new(BlockKind::Headline, "A headline"),
        Block::new(BlockKind::Paragraph, "a few words"),
        Block::new(BlockKind::Image, ""),
        Block::new(BlockKind::Headlines, "more news"),
    ]);
    assert!(adslot::place(&article, &rules, &PlaceOptions::default()).is_ok());
    for device in rules.device_names() {
        let options = PlaceOptions::new().device(device).explain(true);
        assert!(adslot::place(&article, &rules, &options).is_ok());
    }
    // One element deep, so any max_depth >= 1 accepts it: only a selector could fail.
    let doc = html::read(
        "fuzz.html",
        "<p class=a id=b data-x=y>words</p>",
        &rules.html,
    );
    assert!(doc.is_ok(), "{:?}", doc.err());
    let vars = SlotVars {
        slot: "s\"<&>'",
        ordinal: 1,
        height_px: Some(250),
        gap: 0,
        device: "mobile",
    };
    let slot = template::render_slot(&rules.slot_template, &vars);
    assert!(slot.is_ok(), "{:?}", slot.err());
}

/// HTML and Markdown: the gaps are sorted, in bounds and on character boundaries, one per gap
/// of the article; a slot inserted at every gap comes back out leaving the input byte for byte;
/// and placement and slot insertion run on whatever the reader accepted.
pub fn insert(data: &[u8], format: InputFormat) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rules = Rules::default();
    let Ok(doc) = formats::read("fuzz", text, format, &rules.html) else {
        return;
    };
    let Some(map) = &doc.source_map else {
        panic!("the {format:?} reader always maps gaps");
    };
    let gaps = &map.gaps;
    assert_eq!(gaps.len(), doc.article.blocks.len() + 1, "gaps {gaps:?}");
    assert!(
        gaps.windows(2).all(|w| w[0] <= w[1]),
        "unsorted gaps {gaps:?}"
    );
    assert!(
        gaps.iter()
            .all(|&g| g <= text.len() && text.is_char_boundary(g)),
        "gaps {gaps:?} out of bounds or inside a character of {} bytes",
        text.len()
    );
    // A slot at every gap...
    let marker = match format {
        InputFormat::Markdown => formats::markdown::slot_block("<div data-adslot=\"fuzz\"></div>"),
        _ => "<div data-adslot=\"fuzz\"></div>".to_string(),
    };
    let insertions: Vec<(usize, String)> = gaps.iter().map(|&g| (g, marker.clone())).collect();
    let out = formats::insert_at(text, &insertions);
    assert_eq!(out.len(), text.len() + gaps.len() * marker.len());
    // ...and each taken out again where it was put: the input comes back exactly.
    let mut restored = String::with_capacity(text.len());
    let mut at = 0;
    for (k, &g) in gaps.iter().enumerate() {
        let pos = g + k * marker.len();
        restored.push_str(&out[at..pos]);
        assert_eq!(&out[pos..pos + marker.len()], marker);
        at = pos + marker.len();
    }
    restored.push_str(&out[at..]);
    assert_eq!(restored, text);
    // The whole pipeline runs on whatever the reader accepted.
    let plan = adslot::place(&doc.article, &rules, &PlaceOptions::default());
    let plan = plan.expect("the default device exists");
    let out = adslot::render::insert_slots(text, &doc, &plan, &rules, format);
    assert!(out.is_ok(), "{:?}", out.err());
}
