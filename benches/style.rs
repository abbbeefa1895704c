//! The publisher's CSS (issue 9): parsing a 50 KB stylesheet, and computing the styles of every
//! element of a 2,000-word article body with it (the cascade a layout walk runs per article).

use std::hint::black_box;
use std::sync::Arc;

use adslot::style::sheet::Stylesheet;
use adslot::style::{StyleSettings, Styles};
use adslot::{place, Document, PlaceOptions, ReadOptions, Rules};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/css");

/// At least 50 KB of publisher-like CSS: the three fixture stylesheets, copied with their class
/// names renamed per copy (distinct rules, as a big site's sheet holds), the last copy as is.
fn big_stylesheet() -> String {
    let sheets: Vec<String> = ["guardian.css", "nyt.css", "wordpress.css"]
        .iter()
        .map(|n| std::fs::read_to_string(format!("{FIXTURES}/{n}")).expect("fixture stylesheet"))
        .collect();
    let mut out = String::new();
    let mut copy = 0;
    while out.len() < 50_000 {
        for s in &sheets {
            out.push_str(&s.replace('.', &format!(".c{copy}-")));
            out.push('\n');
        }
        copy += 1;
    }
    for s in &sheets {
        out.push_str(s);
        out.push('\n');
    }
    out
}

/// An element a walk opens: its depth below the content root, tag and attributes.
type Element = (usize, &'static str, Vec<(&'static str, &'static str)>);

/// A 2,000-word Guardian-like body as the elements a walk opens.
fn article() -> Vec<Element> {
    let mut out = Vec::new();
    let mut words = 0;
    let mut i = 0;
    while words < 2_000 {
        if i % 8 == 0 {
            out.push((0, "h2", vec![("class", "dcr-h2")]));
            words += 6;
        }
        if i % 10 == 5 {
            out.push((0, "ul", vec![]));
            for _ in 0..3 {
                out.push((1, "li", vec![]));
                words += 12;
            }
        }
        if i % 12 == 7 {
            out.push((0, "blockquote", vec![("class", "dcr-quote")]));
            out.push((1, "p", vec![]));
            words += 30;
        }
        out.push((0, "p", vec![("class", "dcr-s23rjr")]));
        out.push((
            1,
            "a",
            vec![("href", "https://example.com/"), ("class", "dcr-link")],
        ));
        out.push((1, "strong", vec![]));
        words += 40;
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let css = big_stylesheet();
    let mut g = c.benchmark_group("style");
    g.throughput(Throughput::Bytes(css.len() as u64));
    g.bench_function("parse_50kb_stylesheet", |b| {
        b.iter(|| Stylesheet::parse("big.css", black_box(&css)))
    });
    let sheet = Arc::new(Stylesheet::parse("big.css", &css));
    let root = "main > article.dcr-article > div.article-body-commercial-selector";
    let settings = StyleSettings::new(375.0, 740.0).with_content_root(root);
    let styles = Styles::new(settings, Some(sheet), Vec::new()).expect("valid content root");
    let elements = article();
    g.throughput(Throughput::Elements(elements.len() as u64));
    g.bench_function("compute_2000_word_article", |b| {
        b.iter(|| {
            let mut s = styles.styler();
            let base = s.depth();
            let mut sum = 0.0;
            for (depth, tag, attrs) in &elements {
                while s.depth() > base + depth {
                    s.pop();
                }
                sum += s.push(tag, attrs).margin.bottom;
            }
            black_box(sum)
        })
    });
    g.finish();
    end_to_end(c);
}

/// A whole 2,000-word HTML body (the Guardian-like fixture's body, repeated) placed end to end
/// with the Guardian-like stylesheet on mobile: read, laid out by the block model, placed, the
/// slots written back. The rule file (and so the stylesheet) is loaded once, outside the loop.
fn end_to_end(c: &mut Criterion) {
    let page = std::fs::read_to_string(format!("{FIXTURES}/guardian.html")).expect("fixture page");
    let toml = std::fs::read_to_string(format!("{FIXTURES}/guardian.toml")).expect("fixture rules");
    let origin = format!("{FIXTURES}/guardian.toml");
    let plain = Rules::from_toml("plain.toml", "").expect("empty rules");
    let mut body = String::new();
    let html = loop {
        body.push_str(&page);
        let html = format!("<article>\n{body}\n</article>\n");
        let doc = Document::read_bytes(
            "story.html",
            html.clone().into_bytes(),
            &plain,
            &ReadOptions::default(),
        );
        if doc.expect("valid page").article().words() >= 2_000 {
            break html;
        }
    };
    let times = toml.replace(
        "viewport_width_px = 375",
        "viewport_width_px = 375\nfont_family = \"times\"",
    );
    let mut g = c.benchmark_group("style_end_to_end");
    for (name, text) in [("columns", &toml), ("px_times", &times)] {
        let rules = Rules::from_toml(&origin, text).expect("valid rules");
        let options = PlaceOptions::new().device("mobile");
        g.bench_function(format!("place_2000_word_html_{name}"), |b| {
            b.iter(|| {
                let doc = Document::read_bytes(
                    "story.html",
                    black_box(html.clone().into_bytes()),
                    &rules,
                    &ReadOptions::default(),
                )
                .expect("valid page");
                let plan = place(doc.article(), &rules, &options).expect("placed");
                black_box(doc.write_slots(&plan, &rules).expect("written"))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
