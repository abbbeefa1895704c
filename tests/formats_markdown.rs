//! Markdown reader and slot writer tests: generated documents (proptest), slots that stay
//! standalone HTML blocks with only the blank lines they need, front matter, the `[html]`
//! settings in HTML blocks, and size.

use adslot::formats::markdown::{read, FORMAT};
use adslot::formats::write_slots;
use adslot::markup::HtmlOptions;
use adslot::markup::{render_slot, SlotVars, DEFAULT_SLOT_TEMPLATE};
use adslot::{BlockKind, Rules};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag};

fn slot(i: usize) -> String {
    let vars = SlotVars {
        slot: "mid<1>",
        ordinal: i + 1,
        height_px: None,
        gap: i,
        device: "m",
    };
    render_slot(DEFAULT_SLOT_TEMPLATE, &vars).unwrap()
}

/// Top-level HTML blocks of `md` that hold a slot, counted with pulldown-cmark directly.
fn standalone_slots(md: &str) -> usize {
    let mut depth = 0;
    let mut count = 0;
    for e in Parser::new_ext(
        md,
        Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
    ) {
        match e {
            Event::Start(Tag::HtmlBlock) if depth == 0 => depth += 1,
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Html(h) if depth == 1 && h.contains("data-adslot") => count += 1,
            Event::InlineHtml(h) if h.contains("data-adslot") => {
                panic!("slot merged inline: {md:?}")
            }
            _ => {}
        }
    }
    count
}

/// Writes a slot at every gap and checks: taking out what was written gives `src` back; each
/// slot is a top-level HTML block of its own; the slots change no block; and a blank line
/// separates each slot from its neighbours, without doubling one the input had.
fn check_lossless(src: &str) -> usize {
    let doc = read("t.md", src, &HtmlOptions::default()).unwrap();
    let gaps = doc.source_map.as_ref().unwrap().gaps.clone();
    assert_eq!(gaps.len(), doc.article.blocks.len() + 1);
    let slots: Vec<_> = (0..gaps.len()).map(|i| (i, slot(i))).collect();
    let out = write_slots(&FORMAT, src, &doc, &slots).unwrap();
    let mut back = String::new();
    let mut at = 0;
    for r in &out.inserted {
        back.push_str(&out.text[at..r.start]);
        at = r.end;
    }
    back.push_str(&out.text[at..]);
    assert_eq!(back, src);
    let text = &out.text;
    assert_eq!(standalone_slots(text), gaps.len(), "{text:?}");
    // The slots add no blocks (an empty div is nothing) and change none.
    let again = read("t.md", text, &HtmlOptions::default()).unwrap();
    assert_eq!(again.article.blocks, doc.article.blocks, "{text:?}");
    // No run of two blank lines appears where the input had none.
    let doubled = |t: &str| t.replace("\r\n", "\n").matches("\n\n\n").count();
    assert_eq!(doubled(text), doubled(src), "{text:?}");
    doc.article.blocks.len()
}

/// The slot and what surrounds it, written at gap `gap` of `src`.
fn written_at(src: &str, gap: usize) -> String {
    let doc = read("t.md", src, &HtmlOptions::default()).unwrap();
    let out = write_slots(
        &FORMAT,
        src,
        &doc,
        &[(gap, "<div data-adslot></div>".into())],
    )
    .unwrap();
    out.text
}

/// Fixed: every slot was written as `\n\n<div ...></div>\n\n`, two blank lines more than the
/// HTML block needs between blocks that already had one.
#[test]
fn slots_add_only_the_blank_lines_an_html_block_needs() {
    let cases = [
        // Blocks separated by a blank line: the slot line and one blank line.
        (
            "One.\n\nTwo.\n",
            1,
            "One.\n\n<div data-adslot></div>\n\nTwo.\n",
        ),
        // No blank line before: one is added (a paragraph would swallow an inline element).
        ("# T\nTwo.\n", 1, "# T\n\n<div data-adslot></div>\n\nTwo.\n"),
        // At the start, and at the end of a file without a final line ending.
        ("One.\n", 0, "<div data-adslot></div>\n\nOne.\n"),
        ("One.", 1, "One.\n\n<div data-adslot></div>\n"),
        ("One.\n", 1, "One.\n\n<div data-adslot></div>\n"),
        ("One.\n\n", 1, "One.\n\n<div data-adslot></div>\n"),
        // Windows line endings stay Windows line endings.
        (
            "One.\r\n\r\nTwo.\r\n",
            1,
            "One.\r\n\r\n<div data-adslot></div>\r\n\r\nTwo.\r\n",
        ),
        // After front matter.
        (
            "---\na: 1\n---\nText\n",
            0,
            "---\na: 1\n---\n\n<div data-adslot></div>\n\nText\n",
        ),
    ];
    for (src, gap, want) in cases {
        assert_eq!(written_at(src, gap), want, "{src:?} gap {gap}");
        check_lossless(src);
    }
}

/// Two slots at one place are two HTML blocks, a blank line apart.
#[test]
fn slots_at_one_place_stay_apart() {
    let src = "One.\n\nTwo.\n";
    let doc = read("t.md", src, &HtmlOptions::default()).unwrap();
    let slots = [
        (1, "<div data-adslot=a></div>".to_string()),
        (1, "<div data-adslot=b></div>".to_string()),
    ];
    let out = write_slots(&FORMAT, src, &doc, &slots).unwrap();
    assert_eq!(
        out.text,
        "One.\n\n<div data-adslot=a></div>\n\n<div data-adslot=b></div>\n\nTwo.\n"
    );
    assert_eq!(standalone_slots(&out.text), 2);
}

/// A template with a blank line inside would end its HTML block early: refused for Markdown.
#[test]
fn templates_with_a_blank_line_are_refused() {
    let src = "One.\n";
    let doc = read("t.md", src, &HtmlOptions::default()).unwrap();
    let e = write_slots(
        &FORMAT,
        src,
        &doc,
        &[(1, "<div data-adslot>\n\n</div>".into())],
    )
    .unwrap_err();
    assert!(e.to_string().contains("blank line"), "{e}");
}

#[test]
fn front_matter_is_kept_and_skipped() {
    let src = "---\ntitle: \"A\"\n---\n# Head\n\nBody text.\n";
    let doc = read("t.md", src, &HtmlOptions::default()).unwrap();
    assert_eq!(doc.source_map.as_ref().unwrap().gaps[0], 19);
    assert_eq!(check_lossless(src), 2);
}

#[test]
fn fixed_documents_take_slots_at_every_gap() {
    for src in [
        "",
        "just text",
        "# T\nPara\n## Sub\n- a\n- b\n\n> q\nlazy\n\n    code\n\n```\nfence\n```\n| a |\n|---|\n| 1 |\n",
        "<div>\nhtml block\n</div>\npara after\n\n<!-- c -->\n",
        "Para\n***\nPara 2\n\n1. one\n2. two\n\n![img](a.png)\n",
        "  indented para\n\n\tTabbed code\n",
    ] {
        check_lossless(src);
    }
}

fn kinds(src: &str, opts: &HtmlOptions) -> Vec<&'static str> {
    let doc = read("t.md", src, opts).unwrap();
    doc.article.blocks.iter().map(|b| b.kind.name()).collect()
}

/// Fixed: HTML blocks in Markdown were read with the default `[html]` settings, so a rule
/// file's `headlines_selector` and `existing_ad_selector` were silently ignored there.
#[test]
fn html_blocks_honour_the_rule_files_selectors() {
    let rules = Rules::from_toml(
        "r.toml",
        "[html]\nheadlines_selector = \".related\"\nexisting_ad_selector = \"div.story-ad\"\n",
    )
    .unwrap();
    let src = "# Title\n\nFirst paragraph.\n\n<div class=\"story-ad\"></div>\n\nSecond.\n\n\
               <div class=\"related\">\n<p>More news</p>\n</div>\n";
    assert_eq!(
        kinds(src, &rules.html),
        ["headline", "paragraph", "ad", "paragraph", "headlines"]
    );
    assert_eq!(
        kinds(src, &HtmlOptions::default()),
        ["headline", "paragraph", "ad", "paragraph", "other"],
        "without the selectors the built-in regions apply: an ad, and a related box kept opaque"
    );
}

/// One headline rule for the whole document: an `<h1>` HTML block before any paragraph is the
/// headline, as a `#` heading would be; after a paragraph it is a heading.
#[test]
fn html_blocks_follow_the_documents_headline_rule() {
    let opts = HtmlOptions::default();
    assert_eq!(
        kinds("<h1>Title</h1>\n\nText.\n", &opts),
        ["headline", "paragraph"]
    );
    assert_eq!(
        kinds("Text.\n\n<h1>Late</h1>\n\n# Later\n", &opts),
        ["paragraph", "heading", "heading"]
    );
    assert_eq!(
        kinds("<h1>Title</h1>\n\n# Second\n", &opts),
        ["headline", "heading"]
    );
    // An empty level-1 heading has no title to give: the next one with text is the headline.
    assert_eq!(kinds("#\n\n# Title\n", &opts), ["heading", "headline"]);
}

/// Errors of the HTML inside Markdown are located in the Markdown file.
#[test]
fn html_block_errors_are_located_in_the_markdown() {
    let src = format!("Para.\n\n{}\n", "<div>".repeat(300));
    let e = read("t.md", &src, &HtmlOptions::default()).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("t.md:3:1281: nesting deeper than 256 elements"),
        "{e}"
    );
}

#[test]
fn big_documents_are_fast() {
    let src = "Some *words* & more.\n\n".repeat(50_000);
    let t = std::time::Instant::now();
    let doc = read("t.md", &src, &HtmlOptions::default()).unwrap();
    assert_eq!(doc.article.blocks.len(), 50_000);
    assert!(t.elapsed().as_secs() < 10);
}

#[derive(Clone, Debug)]
enum Gen {
    Paragraph(String),
    Heading(String),
    Image,
    Quote(String),
    List(Vec<String>),
    Table(String),
    Code(String),
    Embed,
}

fn words() -> impl Strategy<Value = String> {
    "[a-z&<\"'中文 ]{0,12}[a-z中文]"
        .prop_map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn esc(s: &str) -> String {
    s.replace('&', "\\&").replace('<', "\\<")
}

fn gen_block() -> impl Strategy<Value = Gen> {
    prop_oneof![
        4 => words().prop_map(Gen::Paragraph),
        1 => words().prop_map(Gen::Heading),
        1 => Just(Gen::Image),
        1 => words().prop_map(Gen::Quote),
        1 => proptest::collection::vec(words(), 1..4).prop_map(Gen::List),
        1 => words().prop_map(Gen::Table),
        1 => words().prop_map(Gen::Code),
        1 => Just(Gen::Embed),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn generated_markdown_round_trips(
        blocks in proptest::collection::vec(gen_block(), 0..12),
        headline in proptest::option::of(words()),
        front in any::<bool>(),
    ) {
        let mut src = String::new();
        let mut expected = Vec::new();
        if front {
            src.push_str("---\ntitle: x\n---\n");
        }
        if let Some(h) = &headline {
            src.push_str(&format!("# {}\n\n", esc(h)));
            expected.push(BlockKind::Headline);
        }
        for (i, g) in blocks.iter().enumerate() {
            let bullet = if i % 2 == 0 { '-' } else { '*' };
            let (md, kind) = match g {
                Gen::Paragraph(t) => (esc(t), BlockKind::Paragraph),
                Gen::Heading(t) => (format!("## {}", esc(t)), BlockKind::Heading),
                Gen::Image => ("![alt](a.png)".to_string(), BlockKind::Image),
                Gen::Quote(t) => (format!("> {}", esc(t)), BlockKind::Quote),
                Gen::List(items) => (
                    items.iter().map(|t| format!("{bullet} {}", esc(t))).collect::<Vec<_>>().join("\n"),
                    BlockKind::List,
                ),
                Gen::Table(t) => (format!("| h |\n|---|\n| {} |", esc(t)), BlockKind::Table),
                Gen::Code(t) => (format!("```\n{t}\n```"), BlockKind::Other),
                Gen::Embed => ("<iframe src=\"https://v.example/1\"></iframe>".to_string(), BlockKind::Embed),
            };
            src.push_str(&md);
            src.push_str("\n\n");
            expected.push(kind);
        }
        let doc = read("gen.md", &src, &HtmlOptions::default()).unwrap();
        let kinds: Vec<_> = doc.article.blocks.iter().map(|b| b.kind).collect();
        prop_assert_eq!(kinds, expected);
        check_lossless(&src);
    }
}
