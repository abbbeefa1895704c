//! ANS (Arc XP) tests: the story fixture with every element type read by its
//! `content_elements`, slot elements written into the same JSON bytes and judged with
//! serde_json alone (`fuzz/checks.rs`), generated stories (proptest) against the generator's
//! own account of their blocks and gaps, recognition, and located errors.

use crate::fuzz_regressions::checks;
use adslot::formats::{self, ans};
use adslot::markup::HtmlOptions;
use adslot::{place, BlockKind, Document, PlaceOptions, ReadOptions, Rules};
use proptest::prelude::*;

fn story() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cms/council-story.ans");
    std::fs::read_to_string(path).expect("fixture")
}

fn rules() -> Rules {
    Rules::from_toml(
        "r.toml",
        "[spacing]\nmin_words_between = 40\nmin_words_before_first = 20\n[limits]\nmax_ads = 10",
    )
    .expect("rules")
}

#[test]
fn the_story_reads_by_its_content_elements() {
    let text = story();
    let doc = Document::read_bytes(
        "council.ans",
        text.clone().into_bytes(),
        &rules(),
        &ReadOptions::default(),
    )
    .expect("reads");
    assert_eq!(doc.format().name(), "ans");
    use BlockKind as K;
    let expected = [
        K::Paragraph,
        K::Paragraph,
        K::Image,
        K::Paragraph,
        K::Heading,
        K::List,
        K::Paragraph,
        K::Quote,
        K::Embed, // oembed_response
        K::Paragraph,
        K::Image, // gallery
        K::Other, // raw_html: a widget box (class budget-widget), opaque
        K::Paragraph,
        K::Table,
        K::Embed, // video
        K::Other, // correction
        K::Other, // interstitial_link
        K::Embed, // a poll
        K::Paragraph,
    ];
    let kinds: Vec<_> = doc.article().blocks.iter().map(|b| b.kind.name()).collect();
    assert_eq!(kinds, expected.map(BlockKind::name));
    let b = &doc.article().blocks;
    assert!(
        b[1].text.contains("sets aside $38 million to repair"),
        "{}",
        b[1].text
    );
    assert!(b[1].text.ends_with("during her campaign."), "{}", b[1].text);
    assert!(
        b[3].text.starts_with("\u{201c}This is a budget"),
        "{}",
        b[3].text
    );
    assert_eq!(
        b[2].text,
        "Council members vote on the budget late Tuesday."
    );
    assert_eq!(b[2].aspect, Some(1.5));
    assert_eq!(b[8].aspect, Some(640.0 / 360.0));
    assert_eq!(b[10].aspect, Some(1600.0 / 900.0));
    assert_eq!(b[14].aspect, Some(1920.0 / 1080.0));
    assert!(b[5].text.contains("rush hour") && b[5].text.contains("noon to five."));
    assert!(b[7]
        .text
        .ends_with("Marcus Bell, Downtown Merchants Association"));
    assert_eq!(b[13].text, "Department 2026 Schools $561m Transit $212m");
    assert!(b[15].text.contains("140, not 104"));
    let gaps = &doc.source_map().expect("gaps").gaps;
    for (i, id) in [(0, "P1"), (11, "R1"), (18, "P7")] {
        let at = text.find(&format!("{{\"_id\": \"{id}\"")).expect("element");
        assert_eq!(gaps[i], at, "gap {i}");
    }
    let last = text.find("{\"_id\": \"P7\"").expect("P7");
    let end = last + text[last..].find("}\n  ]").expect("end") + 1;
    assert_eq!(*gaps.last().expect("gaps"), end);
}

/// Placed and written through `Document`: valid JSON, the story's elements unchanged around
/// `custom_embed` slot elements carrying slot, ordinal and height, and the input byte for byte
/// once the pieces are out; read again, the slots are ads.
#[test]
fn slot_elements_go_into_the_same_bytes() {
    let text = story();
    let rules = rules();
    let doc = Document::read_bytes(
        "council.ans",
        text.clone().into_bytes(),
        &rules,
        &ReadOptions::default(),
    )
    .expect("reads");
    let plan = place(doc.article(), &rules, &PlaceOptions::default()).expect("places");
    assert!(plan.placements.len() >= 3, "{plan:?}");
    let out = doc.write_slots(&plan, &rules).expect("writes");
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let elements = value["content_elements"].as_array().expect("array");
    let slots: Vec<_> = elements
        .iter()
        .filter(|e| e["subtype"] == "adslot")
        .collect();
    assert_eq!(slots.len(), plan.placements.len());
    for (s, p) in slots.iter().zip(&plan.placements) {
        assert_eq!(s["type"], "custom_embed");
        assert_eq!(s["embed"]["config"]["slot"], p.slot.as_str());
        assert_eq!(s["embed"]["config"]["ordinal"], p.ordinal);
    }
    let again = ans::read("again.ans", &out, &HtmlOptions::default()).expect("reads");
    let ads = again
        .article
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Ad)
        .count();
    assert_eq!(ads, plan.placements.len());
    checks::ans_insert(text.as_bytes());
    let pieces = formats::slot_pieces(&ans::FORMAT, &plan, &rules).expect("pieces");
    let parsed = ans::read("council.ans", &text, &HtmlOptions::default()).expect("reads");
    let written = formats::write_slots(&ans::FORMAT, &text, &parsed, &pieces).expect("writes");
    assert_eq!(written.text, out);
    let mut restored = String::new();
    let mut at = 0;
    for r in &written.inserted {
        restored.push_str(&out[at..r.start]);
        at = r.end;
    }
    restored.push_str(&out[at..]);
    assert!(restored == text, "not the input once the slots are out");
}

#[test]
fn recognised_by_content_elements() {
    let rules = Rules::default();
    let format = |name: &str, text: &str| {
        Document::read_bytes(
            name,
            text.as_bytes().to_vec(),
            &rules,
            &ReadOptions::default(),
        )
        .map(|d| d.format().name())
    };
    let story =
        "{\"type\": \"story\", \"content_elements\": [{\"type\": \"text\", \"content\": \"Hi.\"}]}";
    assert_eq!(format("-", story).expect("reads"), "ans");
    assert_eq!(format("story.ans", story).expect("reads"), "ans");
    assert_eq!(format("-", "{\"blocks\": []}").expect("reads"), "json");
    // Asked for as JSON blocks, it is JSON blocks (and fails as such).
    assert!(format("story.json", story).is_err());
}

#[test]
fn malformed_stories_are_located() {
    let rules = Rules::default();
    let error = |text: &str| {
        Document::read_bytes(
            "s.ans",
            text.as_bytes().to_vec(),
            &rules,
            &ReadOptions::default(),
        )
        .expect_err("malformed")
        .to_string()
    };
    assert_eq!(
        error("{\"content_elements\": [\n  {\"type\": \"text\",}\n]}"),
        "s.ans:2:19: key must be a string"
    );
    assert_eq!(
        error("{\"content_elements\": [\n  {\"type\": 7}]}"),
        "s.ans:2:3: this element's `type` is not a string"
    );
    assert_eq!(
        error("{\"content_elements\": [1]}"),
        "s.ans:1:23: this element is not an object"
    );
    assert_eq!(
        error("{\"content_elements\": {}}"),
        "s.ans:1:22: `content_elements` is not an array"
    );
    let e = Document::read_bytes(
        "s.ans",
        b"\n{\"type\": \"story\"}".to_vec(),
        &rules,
        &ReadOptions::default(),
    )
    .expect_err("no body")
    .to_string();
    assert!(
        e.starts_with("s.ans:2:1: this story has no `content_elements`"),
        "{e}"
    );
    assert_eq!(
        error("[]"),
        "s.ans:1:1: an ANS story is a JSON object (the content looks like plain text, not ANS)"
    );
}

/// A generated element: its JSON and the kind and text it is (`None`: no block).
fn element() -> impl Strategy<Value = (String, Option<(BlockKind, String)>)> {
    let words = proptest::collection::vec(
        prop::sample::select(vec!["council", "vote", "café", "東京", "roads", "a\\\"b"]),
        1..10,
    )
    .prop_map(|w| w.join(" "));
    let plain = |t: &str| t.replace("\\\"", "\"");
    prop_oneof![
        4 => words.clone().prop_map(move |t| (format!("{{\"type\": \"text\", \"content\": \"{t}\"}}"), Some((BlockKind::Paragraph, plain(&t))))),
        1 => words.clone().prop_map(move |t| (format!("{{\"type\":\"header\",\"level\":2,\"content\":\"<i>{t}</i>\"}}"), Some((BlockKind::Heading, plain(&t))))),
        1 => words.clone().prop_map(move |t| (format!("{{\"caption\": \"{t}\", \"type\": \"image\", \"width\": 800, \"height\": 600}}"), Some((BlockKind::Image, plain(&t))))),
        1 => Just(("{\"type\": \"divider\"}".to_string(), None)),
        1 => Just(("{\"type\": \"oembed_response\", \"raw_oembed\": {\"width\": 16, \"height\": 9}}".to_string(), Some((BlockKind::Embed, String::new())))),
        1 => words.prop_map(move |t| (format!("{{\"type\": \"list\", \"items\": [{{\"type\": \"text\", \"content\": \"{t}\"}}, {{\"type\": \"text\", \"content\": \"end\"}}]}}"), Some((BlockKind::List, format!("{} end", plain(&t)))))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn generated_stories_read_as_written(
        elements in proptest::collection::vec(element(), 0..12),
        seps in proptest::collection::vec(prop::sample::select(vec![",", ", ", ",\n    ", "\n,"]), 12),
        open in prop::sample::select(vec!["[", "[\n    ", "[ "]),
        close in prop::sample::select(vec!["]", "\n  ]", " ]"]),
    ) {
        let mut text = format!("{{\n  \"type\": \"story\",\n  \"content_elements\": {open}");
        let mut expected = Vec::new();
        let mut gaps = Vec::new();
        for (i, ((json, block), sep)) in elements.iter().zip(&seps).enumerate() {
            if i > 0 {
                text.push_str(sep);
            }
            if let Some(b) = block {
                expected.push(b.clone());
                gaps.push(text.len());
            }
            text.push_str(json);
        }
        let end = if elements.is_empty() { text.len() - open.len() + 1 } else { text.len() };
        text.push_str(close);
        text.push_str(",\n  \"_id\": \"X\"\n}\n");
        let parsed = ans::read("gen.ans", &text, &HtmlOptions::default()).expect("reads");
        let got: Vec<_> = parsed.article.blocks.iter().map(|b| (b.kind, b.text.clone())).collect();
        prop_assert_eq!(&got, &expected, "{}", text);
        let map = parsed.source_map.expect("gaps");
        let (last, inner) = map.gaps.split_last().expect("a gap");
        prop_assert_eq!(inner, &gaps[..], "{}", text);
        prop_assert_eq!(*last, end, "{}", text);
        checks::ans_insert(text.as_bytes());
    }
}
