//! HTML reader tests: real article bodies, generated articles (proptest), adversarial input,
//! declared charsets left to the decoder, and hostile slot values.

use std::time::Instant;

use adslot::formats::html::read;
use adslot::formats::insert_at;
use adslot::markup::HtmlOptions;
use adslot::markup::{render_slot, validate_template, SlotVars, DEFAULT_SLOT_TEMPLATE};
use adslot::BlockKind;
use proptest::prelude::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/real");

fn slot(gap: usize) -> String {
    let vars = SlotVars {
        slot: "x\" onload=\"alert(1)",
        ordinal: gap + 1,
        height_px: Some(250),
        gap,
        device: "</div><script>",
    };
    render_slot(DEFAULT_SLOT_TEMPLATE, &vars).unwrap()
}

/// Inserts a slot at every gap.
fn insert_everywhere(src: &str, gaps: &[usize]) -> String {
    let ins: Vec<_> = gaps
        .iter()
        .enumerate()
        .map(|(i, &g)| (g, slot(i)))
        .collect();
    insert_at(src, &ins)
}

/// Removes every `data-adslot` element, start tag to matching end tag. Written independently of
/// the library: finds `<name` tags whose attributes mention `data-adslot`, then counts same-name
/// start/end tags to the matching end.
fn remove_slots(out: &str) -> String {
    let mut result = String::with_capacity(out.len());
    let mut rest = out;
    while let Some(at) = rest.find(" data-adslot") {
        let tag_start = rest[..at].rfind('<').expect("slot attribute inside a tag");
        let name: String = rest[tag_start + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let mut i = rest[at..].find('>').unwrap() + at + 1;
        let (open, close) = (format!("<{name}"), format!("</{name}>"));
        let mut depth = 1;
        while depth > 0 {
            let next_close = rest[i..].find(&close).expect("slot closed") + i;
            match rest[i..].find(&open).map(|j| j + i) {
                Some(o) if o < next_close => {
                    depth += 1;
                    i = o + open.len();
                }
                _ => {
                    depth -= 1;
                    i = next_close + close.len();
                }
            }
        }
        result.push_str(&rest[..tag_start]);
        rest = &rest[i..];
    }
    result.push_str(rest);
    result
}

/// Walks `out` with its own open-element stack and returns, for each slot start tag, the
/// forbidden elements open around it (should be none).
fn slots_inside_forbidden(out: &str) -> Vec<(usize, Vec<String>)> {
    const FORBIDDEN: &[&str] = &[
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "blockquote",
        "figure",
        "a",
    ];
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    const RAW: &[&str] = &["script", "style", "textarea", "title", "noscript", "iframe"];
    const CLOSE_P: &[&str] = &[
        "div",
        "p",
        "ul",
        "ol",
        "dl",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "nav",
        "pre",
        "form",
        "hr",
        "main",
        "figcaption",
        "details",
        "address",
        "li",
        "dd",
        "dt",
    ];
    let b = out.as_bytes();
    let mut stack: Vec<String> = Vec::new();
    let mut bad = Vec::new();
    let mut i = 0;
    while let Some(j) = out[i..].find('<') {
        let s = i + j;
        if out[s..].starts_with("<!--") {
            i = out[s..].find("-->").map_or(out.len(), |k| s + k + 3);
            continue;
        }
        let end_tag = b.get(s + 1) == Some(&b'/');
        let ns = s + 1 + usize::from(end_tag);
        let name: String = out[ns..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !b[ns].is_ascii_alphabetic() {
            i = s + 1;
            continue;
        }
        // Tag end, honouring quotes.
        let mut k = ns + name.len();
        let mut quote = None;
        while k < b.len() {
            match (quote, b[k]) {
                (None, b'"') | (None, b'\'') => quote = Some(b[k]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            k += 1;
        }
        let tag = &out[s..k.min(out.len())];
        i = (k + 1).min(out.len());
        if end_tag {
            if let Some(pos) = stack.iter().rposition(|n| *n == name) {
                stack.truncate(pos);
            }
            continue;
        }
        if CLOSE_P.contains(&name.as_str()) {
            if let Some(pos) = stack.iter().rposition(|n| n == "p") {
                stack.truncate(pos);
            }
        }
        if name == "li" {
            if let Some(pos) = stack
                .iter()
                .rposition(|n| n == "li" || n == "ul" || n == "ol")
            {
                if stack[pos] == "li" {
                    stack.truncate(pos);
                }
            }
        }
        if tag.contains(" data-adslot") {
            let open: Vec<String> = stack
                .iter()
                .filter(|n| FORBIDDEN.contains(&n.as_str()))
                .cloned()
                .collect();
            if !open.is_empty() {
                bad.push((s, open));
            }
        }
        if RAW.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = out[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(out.len(), |c| i + c);
            continue;
        }
        if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            stack.push(name);
        }
    }
    bad
}

fn kinds_of(blocks: &[adslot::Block]) -> String {
    blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Paragraph => "P",
            BlockKind::Headline => "T",
            BlockKind::Heading => "H",
            BlockKind::Image => "I",
            BlockKind::List => "L",
            BlockKind::Quote => "Q",
            BlockKind::Table => "B",
            BlockKind::Embed => "E",
            BlockKind::Caption => "C",
            _ => "O",
        })
        .collect()
}

#[test]
fn real_fixtures_read_and_take_slots_losslessly() {
    let mut names: Vec<_> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 39);
    let mut table = String::from("fixture | ours | json | our kinds | json kinds\n");
    for path in names {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&path).unwrap();
        let doc =
            read(&name, &src, &HtmlOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = std::fs::read_to_string(path.with_extension("json")).unwrap();
        let expected = adslot::formats::json::read(&name, &json).unwrap();
        let ours = doc.article.blocks.len();
        let theirs = expected.blocks.len();
        assert!(ours > 0, "{name}: no blocks");
        assert!(
            ours * 4 >= theirs && ours <= theirs * 4 + 8,
            "{name}: implausible block count {ours} vs {theirs}"
        );
        table.push_str(&format!(
            "{name} | {ours} | {theirs} | {} | {}\n",
            kinds_of(&doc.article.blocks),
            kinds_of(&expected.blocks)
        ));
        let gaps = doc.source_map.unwrap().gaps;
        assert_eq!(gaps.len(), ours + 1);
        assert!(
            gaps.windows(2).all(|w| w[0] <= w[1]),
            "{name}: gaps out of order"
        );
        let out = insert_everywhere(&src, &gaps);
        assert_eq!(remove_slots(&out), src, "{name}: not lossless");
        let bad = slots_inside_forbidden(&out);
        assert!(bad.is_empty(), "{name}: slots inside {bad:?}");
    }
    eprintln!("{table}");
}

#[test]
fn hostile_slot_values_are_inert() {
    let out = slot(0);
    assert_eq!(out.matches('<').count(), 2, "{out}");
    assert!(!out.contains("\" onload"), "{out}");
    assert!(
        out.contains("data-adslot=\"x&quot; onload=&quot;alert(1)\""),
        "{out}"
    );
    let t = "<div data-adslot=\"{slot}\" data-device='{device}'><span>{device} {slot}</span></div>";
    validate_template(t).unwrap();
    let vars = SlotVars {
        slot: "</div><script>alert('x')</script>",
        ordinal: 1,
        height_px: None,
        gap: 0,
        device: "a'b\"c&d",
    };
    let out = render_slot(t, &vars).unwrap();
    assert!(!out.contains("<script"), "{out}");
    assert!(out.contains("data-device='a&#39;b&quot;c&amp;d'"), "{out}");
    assert!(
        out.contains("<span>a'b\"c&amp;d &lt;/div&gt;&lt;script&gt;"),
        "{out}"
    );
    let h = render_slot(DEFAULT_SLOT_TEMPLATE, &vars).unwrap();
    assert!(h.contains("min-height:0px"), "{h}");
    // The rendered slot is still one element that the reader can see as inline-free.
    assert_eq!(remove_slots(&format!("a{out}b")), "ab");
}

#[test]
fn a_declared_charset_is_the_decoders_not_the_readers() {
    // The reader gets decoded text: `Document` decoded it with the declared encoding
    // (tests/encodings.rs), so the declaration is no error here.
    for src in [
        "<html><head>\n<meta charset=\"windows-1252\"></head><body><p>x</p></body></html>",
        "<html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>x</p></body></html>",
    ] {
        let doc = read("a.html", src, &HtmlOptions::default()).unwrap();
        assert_eq!(doc.article.blocks.len(), 1);
    }
    let ok = "\u{feff}<meta charset=UTF-8><p>x</p>";
    let doc = read("a.html", ok, &HtmlOptions::default()).unwrap();
    assert_eq!(doc.article.blocks.len(), 1);
    assert_eq!(
        insert_everywhere(ok, &doc.source_map.unwrap().gaps).get(..3),
        Some("\u{feff}")
    );
}

#[test]
fn text_is_decoded_and_collapsed_without_script() {
    let src = "<p>a&nbsp;&amp;\n  b&#233;<script>var x = '<p>';</script><style>p{}</style> c</p>";
    let doc = read("t", src, &HtmlOptions::default()).unwrap();
    assert_eq!(doc.article.blocks.len(), 1);
    assert_eq!(doc.article.blocks[0].text, "a & bé c");
}

#[test]
fn tricky_markup_never_panics_and_gaps_stay_in_bounds() {
    for src in [
        "<",
        "</",
        "<a",
        "<p a='",
        "<!--",
        "<![CDATA[",
        "<p>é<",
        "<div><p>x</div></p>",
        "</p></p>",
        "<table><td>a<td>b</table>",
        "<svg><path/><p>x</p></svg>",
        "<a><div><p>x</p></div></a>",
        "<p><a href=x>y</p><p>z",
        "<ul><li>a<li>b",
        "<body><p>a</p></body><p>after</p>",
        "<html><head><title>t</title><p>x",
        "<script>",
        "<noscript><p>a</p></noscript>",
    ] {
        let doc = read("t", src, &HtmlOptions::default()).unwrap();
        let gaps = doc.source_map.unwrap().gaps;
        assert!(
            gaps.iter()
                .all(|&g| g <= src.len() && src.is_char_boundary(g)),
            "{src}"
        );
        let out = insert_everywhere(src, &gaps);
        assert_eq!(remove_slots(&out), src);
    }
}

// ------------------------------------------------------------------------------------------
// Adversarial sizes

fn nested_divs(n: usize) -> String {
    format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n))
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let t = Instant::now();
    let e = read("t", &nested_divs(100_000), &HtmlOptions::default()).unwrap_err();
    assert!(
        e.to_string().contains("nesting deeper than 256 elements"),
        "{e}"
    );
    let deep = HtmlOptions::default().with_max_depth(200_000);
    let doc = read("t", &nested_divs(100_000), &deep).unwrap();
    assert_eq!(doc.article.blocks.len(), 1);
    assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
}

fn many_paragraphs(n: usize) {
    let src = "<p>x</p>".repeat(n);
    let t = Instant::now();
    let doc = read("t", &src, &HtmlOptions::default()).unwrap();
    assert_eq!(doc.article.blocks.len(), n);
    assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
}

fn one_big_paragraph(bytes: usize) {
    let src = format!("<p>{}</p>", "word &amp; ".repeat(bytes / 11));
    let t = Instant::now();
    let doc = read("t", &src, &HtmlOptions::default()).unwrap();
    assert_eq!(doc.article.blocks.len(), 1);
    assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
}

#[test]
fn many_tiny_paragraphs_small() {
    many_paragraphs(100_000);
}

#[test]
fn one_big_paragraph_small() {
    one_big_paragraph(2_000_000);
}

#[test]
#[ignore = "large; run in release: cargo test --release -- --ignored"]
fn many_tiny_paragraphs_million() {
    many_paragraphs(1_000_000);
}

#[test]
#[ignore = "large; run in release: cargo test --release -- --ignored"]
fn one_big_paragraph_50mb() {
    one_big_paragraph(50_000_000);
}

// ------------------------------------------------------------------------------------------
// Generated articles

#[derive(Clone, Debug)]
enum Gen {
    Paragraph(String),
    Heading(String),
    Image(String),
    Quote(String),
    List(Vec<String>),
    Table(String),
    Embed,
    Other(String),
}

fn words() -> impl Strategy<Value = String> {
    "[a-z&<>\"'中文 ]{0,12}[a-z中文]"
        .prop_map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn gen_block() -> impl Strategy<Value = Gen> {
    prop_oneof![
        4 => words().prop_map(Gen::Paragraph),
        1 => words().prop_map(Gen::Heading),
        1 => words().prop_map(Gen::Image),
        1 => words().prop_map(Gen::Quote),
        1 => proptest::collection::vec(words(), 1..4).prop_map(Gen::List),
        1 => words().prop_map(Gen::Table),
        1 => Just(Gen::Embed),
        1 => words().prop_map(Gen::Other),
    ]
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn to_html(g: &Gen) -> (String, BlockKind, String) {
    match g {
        Gen::Paragraph(t) => (
            format!("<p>{}</p>", esc(t)),
            BlockKind::Paragraph,
            t.clone(),
        ),
        Gen::Heading(t) => (
            format!("<h2>{}</h2>", esc(t)),
            BlockKind::Heading,
            t.clone(),
        ),
        Gen::Image(t) => (
            format!(
                "<figure><img src=\"a.png\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                esc(t),
                esc(t)
            ),
            BlockKind::Image,
            t.clone(),
        ),
        Gen::Quote(t) => (
            format!("<blockquote><p>{}</p></blockquote>", esc(t)),
            BlockKind::Quote,
            t.clone(),
        ),
        Gen::List(items) => (
            format!(
                "<ul>{}</ul>",
                items
                    .iter()
                    .map(|i| format!("<li>{}</li>", esc(i)))
                    .collect::<String>()
            ),
            BlockKind::List,
            items.join(" "),
        ),
        Gen::Table(t) => (
            format!("<table><tr><td>{}</td></tr></table>", esc(t)),
            BlockKind::Table,
            t.clone(),
        ),
        Gen::Embed => (
            "<iframe src=\"https://v.example/1\"></iframe>".to_string(),
            BlockKind::Embed,
            String::new(),
        ),
        Gen::Other(t) => (
            format!("<pre>{}</pre>", esc(t)),
            BlockKind::Other,
            t.clone(),
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn generated_html_round_trips(
        blocks in proptest::collection::vec((gen_block(), 0usize..3, any::<bool>()), 0..12),
        headline in proptest::option::of(words()),
    ) {
        let mut src = String::new();
        let mut expected = Vec::new();
        if let Some(h) = &headline {
            src.push_str(&format!("<h1>{}</h1>\n", esc(h)));
            expected.push((BlockKind::Headline, h.clone()));
        }
        for (g, wrappers, newline) in &blocks {
            let (html, kind, text) = to_html(g);
            src.push_str(&"<div class=\"w\">".repeat(*wrappers));
            src.push_str(&html);
            src.push_str(&"</div>".repeat(*wrappers));
            if *newline {
                src.push_str("\n  ");
            }
            expected.push((kind, text));
        }
        let doc = read("gen.html", &src, &HtmlOptions::default()).unwrap();
        let got: Vec<_> = doc.article.blocks.iter().map(|b| (b.kind, b.text.clone())).collect();
        prop_assert_eq!(got, expected);
        let gaps = doc.source_map.unwrap().gaps;
        let out = insert_everywhere(&src, &gaps);
        prop_assert_eq!(remove_slots(&out), src.clone());
        prop_assert!(slots_inside_forbidden(&out).is_empty());
        // Re-reading the output finds the same blocks: slots split nothing.
        let again = read("gen.html", &out, &HtmlOptions::default()).unwrap();
        prop_assert_eq!(again.article.blocks.len(), doc.article.blocks.len());
    }
}
