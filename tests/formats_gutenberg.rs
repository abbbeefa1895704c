//! Gutenberg (WordPress post content) tests: the long post fixture read by its top-level
//! blocks, slots written as blocks of their own that WordPress's grammar (re-implemented in
//! `fuzz/checks.rs`) sees at the top level, generated posts (proptest) against the generator's
//! own account of their blocks and gaps, recognition, and located errors.

use crate::fuzz_regressions::checks;
use adslot::formats::{self, gutenberg};
use adslot::markup::HtmlOptions;
use adslot::{place, BlockKind, Document, PlaceOptions, ReadOptions, Rules};
use proptest::prelude::*;

const POST: &str = "tests/fixtures/cms/city-budget.gutenberg";

fn post() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(POST);
    std::fs::read_to_string(path).expect("fixture")
}

fn rules(block: &str) -> Rules {
    Rules::from_toml(
        "r.toml",
        &format!(
            "[spacing]\nmin_words_between = 40\nmin_words_before_first = 20\n\
             [limits]\nmax_ads = 10\n[gutenberg]\nslot_block = \"{block}\""
        ),
    )
    .expect("rules")
}

/// The long post: each top-level block is one article block of the kind its name says;
/// columns are one container block, the gallery one image of its grid, the separator nothing,
/// the freeform HTML between blocks its own blocks.
#[test]
fn the_long_post_reads_by_its_top_level_blocks() {
    let text = post();
    let doc = Document::read_bytes(
        "city-budget.gutenberg",
        text.clone().into_bytes(),
        &rules("html"),
        &ReadOptions::default(),
    )
    .expect("reads");
    assert_eq!(doc.format().name(), "gutenberg");
    let kinds: Vec<_> = doc.article().blocks.iter().map(|b| b.kind.name()).collect();
    use BlockKind as K;
    let expected = [
        K::Paragraph,
        K::Paragraph,
        K::Image,
        K::Paragraph,
        K::Heading,
        K::List,
        K::Paragraph,
        K::Other, // columns, with a group and a quote inside
        K::Paragraph,
        K::Embed, // YouTube
        K::Paragraph,
        K::Image,     // the gallery
        K::Other,     // core/html
        K::Paragraph, // freeform: the editor's note
        K::Paragraph, // freeform: the legacy box's two paragraphs, one block
        K::Paragraph,
        K::Table,
        K::Embed, // Twitter
        K::Headlines,
    ];
    assert_eq!(kinds, expected.map(BlockKind::name));
    let blocks = &doc.article().blocks;
    assert_eq!(blocks[2].aspect, Some(1.5), "1200x800");
    assert!(
        blocks[2].container == Some(adslot::Container::Figure),
        "core/image saves a <figure>: the figure's box"
    );
    assert_eq!(blocks[9].aspect, Some(16.0 / 9.0), "wp-embed-aspect-16-9");
    assert_eq!(blocks[11].aspect, Some(1.5), "six tiles in three columns");
    assert_eq!(blocks[4].text, "What changes for residents");
    assert!(
        blocks[7].text.contains("Fund Our Future"),
        "{}",
        blocks[7].text
    );
    assert!(blocks[7].text.contains("Marcus Bell"), "{}", blocks[7].text);
    assert!(blocks[14].text.starts_with("This story was updated"));
    assert!(blocks[14].text.ends_with("on the city's website."));
    // Gaps: before each block's opening comment (or the freeform's first tag).
    let gaps = &doc.source_map().expect("gaps").gaps;
    for (i, marker) in [
        (0, "<!-- wp:paragraph {\"dropCap\""),
        (7, "<!-- wp:columns"),
        (11, "<!-- wp:gallery"),
        (13, "<p>Editor's note"),
        (14, "<div class=\"legacy-box\">"),
        (18, "<!-- wp:latest-posts"),
    ] {
        assert_eq!(gaps[i], text.find(marker).expect("marker"), "gap {i}");
    }
    assert_eq!(*gaps.last().expect("gaps"), text.trim_end().len());
}

/// Placed and written through `Document`, in both slot blocks: WordPress sees the input's
/// blocks in order with each slot a top-level block between them, and taking the slot blocks
/// out gives the input back byte for byte.
#[test]
fn slots_are_top_level_blocks_and_come_out_byte_for_byte() {
    let text = post();
    for (block, name, opener) in [
        ("html", "core/html", "<!-- wp:html -->"),
        ("dynamic", "adslot/slot", "<!-- wp:adslot/slot {"),
    ] {
        let rules = rules(block);
        let doc = Document::read_bytes(
            "city-budget.wp",
            text.clone().into_bytes(),
            &rules,
            &ReadOptions::default(),
        )
        .expect("reads");
        let plan = place(doc.article(), &rules, &PlaceOptions::default()).expect("places");
        assert!(plan.placements.len() >= 3, "{block}: {plan:?}");
        let pieces = formats::slot_pieces(&gutenberg::FORMAT, &plan, &rules).expect("pieces");
        let parsed =
            gutenberg::read("city-budget.wp", &text, &HtmlOptions::default()).expect("reads");
        let out =
            formats::write_slots(&gutenberg::FORMAT, &text, &parsed, &pieces).expect("writes");
        assert_eq!(
            doc.write_slots(&plan, &rules).expect("writes"),
            out.text,
            "{block}"
        );
        let before = checks::wordpress_top_level(&text);
        let after = checks::wordpress_top_level(&out.text);
        assert_eq!(
            after.len(),
            before.len() + plan.placements.len(),
            "{block}: {before:?} {after:?}"
        );
        // The fixture has a Custom HTML block of its own: slots are the blocks in the pieces.
        let inserted = |at: usize| out.inserted.iter().any(|r| r.contains(&at));
        let slot_blocks: Vec<_> = after
            .iter()
            .filter(|(_, start, _)| inserted(*start))
            .collect();
        assert!(
            slot_blocks
                .iter()
                .all(|(_, start, _)| out.text[*start..].starts_with(opener)),
            "{block}"
        );
        assert_eq!(slot_blocks.len(), plan.placements.len(), "{block}");
        assert!(slot_blocks.iter().all(|(n, _, _)| n == name), "{block}");
        let theirs: Vec<_> = after
            .iter()
            .filter(|(_, start, _)| !inserted(*start))
            .map(|(n, _, _)| n.clone())
            .collect();
        let names: Vec<_> = before.into_iter().map(|(n, _, _)| n).collect();
        assert_eq!(theirs, names, "{block}");
        // Out again: each inserted piece (the block and its line endings) removed.
        let mut restored = String::new();
        let mut at = 0;
        for r in &out.inserted {
            assert!(out.text[r.clone()].contains(opener), "{block}");
            restored.push_str(&out.text[at..r.start]);
            at = r.end;
        }
        restored.push_str(&out.text[at..]);
        assert!(
            restored == text,
            "{block}: not the input once the slots are out"
        );
        // A slot block already in the content is an ad the next run counts.
        let again = gutenberg::read("again.wp", &out.text, &HtmlOptions::default()).expect("reads");
        let ads = again
            .article
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Ad)
            .count();
        if block == "dynamic" {
            assert_eq!(ads, plan.placements.len());
        }
    }
}

/// The fuzz target's property holds on the fixture and on broken content.
#[test]
fn the_fuzz_property_holds_on_hand_picked_content() {
    for post in [
        post(),
        String::new(),
        "<!-- wp:paragraph --><p>unclosed".to_string(),
        "<!-- /wp:paragraph --><p>stray closer</p><!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->".to_string(),
        "<p>classic</p>\r\n\r\n<!-- wp:paragraph -->\r\n<p>crlf</p>\r\n<!-- /wp:paragraph -->\r\n".to_string(),
        "<div><p>a</p><!-- wp:paragraph --><p>b</p><!-- /wp:paragraph --></div><p>c</p>".to_string(),
        "<script>'<!-- wp:p /-->'</script><p>after</p>".to_string(),
    ] {
        checks::gutenberg_insert(post.as_bytes());
    }
}

#[test]
fn recognised_by_extension_and_by_block_comments() {
    let rules = Rules::default();
    let read = |name: &str, text: &str| {
        Document::read_bytes(
            name,
            text.as_bytes().to_vec(),
            &rules,
            &ReadOptions::default(),
        )
        .expect("reads")
        .format()
        .name()
    };
    let body = "<!-- wp:paragraph -->\n<p>Text.</p>\n<!-- /wp:paragraph -->\n";
    assert_eq!(read("-", body), "gutenberg");
    assert_eq!(read("post.wp", "<p>Classic only.</p>"), "gutenberg");
    assert_eq!(read("post.html", body), "html");
    assert_eq!(read("-", &format!("<!DOCTYPE html><body>{body}")), "html");
    assert_eq!(read("-", "<p>No blocks.</p>"), "html");
}

/// Nesting deeper than `[html] max_depth` inside a block is an error at its line:column in the
/// post, naming the file.
#[test]
fn too_deep_html_in_a_block_is_located() {
    let rules = Rules::from_toml("r.toml", "[html]\nmax_depth = 8").expect("rules");
    let post = format!(
        "<!-- wp:paragraph -->\n<p>ok</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:group -->\n{}x\n<!-- /wp:group -->",
        "<div>".repeat(9)
    );
    let e = Document::read_bytes(
        "deep.wp",
        post.into_bytes(),
        &rules,
        &ReadOptions::default(),
    )
    .expect_err("too deep");
    let msg = e.to_string();
    assert!(msg.starts_with("deep.wp:6:41: "), "{msg}");
}

/// What one generated top-level item is, as the generator writes and knows it.
#[derive(Clone, Debug)]
enum Item {
    Paragraph(String),
    Heading(String),
    Image(u16, u16, String),
    Quote(String),
    Columns(String, String),
    Separator,
    Spacer(u16),
    Freeform(String),
    Unknown(String),
    Dynamic,
}

impl Item {
    /// The markup, and the kind and text the item is to the article (`None`: no block).
    fn write(&self) -> (String, Option<(BlockKind, String)>) {
        match self {
            Item::Paragraph(t) => (
                format!("<!-- wp:paragraph -->\n<p>{t}</p>\n<!-- /wp:paragraph -->"),
                Some((BlockKind::Paragraph, t.clone())),
            ),
            Item::Heading(t) => (
                format!("<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">{t}</h2>\n<!-- /wp:heading -->"),
                Some((BlockKind::Heading, t.clone())),
            ),
            Item::Image(w, h, caption) => (
                format!(
                    "<!-- wp:image {{\"width\":{w},\"height\":{h}}} -->\n<figure class=\"wp-block-image\"><img src=\"a.jpg\" alt=\"\"/><figcaption>{caption}</figcaption></figure>\n<!-- /wp:image -->"
                ),
                Some((BlockKind::Image, caption.clone())),
            ),
            Item::Quote(t) => (
                format!(
                    "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>{t}</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->"
                ),
                Some((BlockKind::Quote, t.clone())),
            ),
            Item::Columns(a, b) => (
                format!(
                    "<!-- wp:columns -->\n<div class=\"wp-block-columns\"><!-- wp:column -->\n<div class=\"wp-block-column\"><!-- wp:paragraph -->\n<p>{a}</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:column -->\n\n<!-- wp:column -->\n<div class=\"wp-block-column\"><!-- wp:paragraph -->\n<p>{b}</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:column --></div>\n<!-- /wp:columns -->"
                ),
                Some((BlockKind::Other, format!("{a} {b}"))),
            ),
            Item::Separator => (
                "<!-- wp:separator -->\n<hr class=\"wp-block-separator\"/>\n<!-- /wp:separator -->".to_string(),
                None,
            ),
            Item::Spacer(h) => (
                format!("<!-- wp:spacer {{\"height\":\"{h}px\"}} -->\n<div style=\"height:{h}px\" aria-hidden=\"true\" class=\"wp-block-spacer\"></div>\n<!-- /wp:spacer -->"),
                Some((BlockKind::Other, String::new())),
            ),
            Item::Freeform(t) => (format!("<p>{t}</p>"), Some((BlockKind::Paragraph, t.clone()))),
            Item::Unknown(t) => (
                format!("<!-- wp:acme/note {{\"tone\":\"calm\"}} -->\n<div class=\"acme-note\"><p>{t}</p></div>\n<!-- /wp:acme/note -->"),
                Some((BlockKind::Paragraph, t.clone())),
            ),
            Item::Dynamic => (
                "<!-- wp:acme/counter {\"to\":5} /-->".to_string(),
                Some((BlockKind::Other, String::new())),
            ),
        }
    }
}

fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            "council", "vote", "café", "budget", "東京", "roads", "R&amp;D",
        ]),
        1..12,
    )
    .prop_map(|w| w.join(" "))
}

fn item() -> impl Strategy<Value = Item> {
    prop_oneof![
        4 => words().prop_map(Item::Paragraph),
        1 => words().prop_map(Item::Heading),
        1 => (100u16..2000, 100u16..2000, words()).prop_map(|(w, h, c)| Item::Image(w, h, c)),
        1 => words().prop_map(Item::Quote),
        1 => (words(), words()).prop_map(|(a, b)| Item::Columns(a, b)),
        1 => Just(Item::Separator),
        1 => (1u16..400).prop_map(Item::Spacer),
        1 => words().prop_map(Item::Freeform),
        1 => words().prop_map(Item::Unknown),
        1 => Just(Item::Dynamic),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Generated posts read as the generator wrote them: one block per item with its kind and
    /// text, a gap at each item's start; and the fuzz property holds on them.
    #[test]
    fn generated_posts_read_as_written(
        items in proptest::collection::vec(item(), 0..14),
        seps in proptest::collection::vec(prop::sample::select(vec!["\n\n", "\n", "", "\r\n\r\n"]), 14),
    ) {
        let mut text = String::new();
        let mut expected = Vec::new();
        let mut gaps = Vec::new();
        let mut last_end = 0;
        for (item, sep) in items.iter().zip(&seps) {
            if !text.is_empty() {
                text.push_str(sep);
            }
            let (markup, block) = item.write();
            if let Some(block) = block {
                expected.push(block);
                gaps.push(text.len());
                last_end = text.len() + markup.len();
            }
            text.push_str(&markup);
        }
        let parsed = gutenberg::read("gen.wp", &text, &HtmlOptions::default()).expect("reads");
        let got: Vec<_> = parsed.article.blocks.iter().map(|b| (b.kind, b.text.replace("R&D", "R&amp;D"))).collect();
        prop_assert_eq!(&got, &expected, "{:?}", text);
        let map = parsed.source_map.expect("gaps");
        let (last, inner) = map.gaps.split_last().expect("one gap at least");
        prop_assert_eq!(inner, &gaps[..], "{:?}", text);
        if expected.is_empty() {
            prop_assert_eq!(*last, text.len());
        } else {
            prop_assert_eq!(*last, last_end, "{:?}", text);
        }
        checks::gutenberg_insert(text.as_bytes());
    }
}

/// A paragraph's bold and italic stretches are its runs, as in HTML.
#[test]
fn inline_styles_are_runs() {
    let post = "<!-- wp:paragraph -->\n<p>A <strong>bold</strong> and <em>italic</em> word.</p>\n<!-- /wp:paragraph -->\n";
    let doc = gutenberg::read("post.wp", post, &HtmlOptions::default()).expect("reads");
    let b = &doc.article.blocks[0];
    let runs: Vec<_> = b
        .runs
        .iter()
        .map(|r| (&b.text[r.start..r.end], r.bold, r.italic))
        .collect();
    assert_eq!(runs, [("bold", true, false), ("italic", false, true)]);
}
