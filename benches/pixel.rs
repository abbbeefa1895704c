//! Pixel line breaking with a font (kerning included) against textwrap's column first-fit on
//! the same text: every fixture article's blocks (the seed and the 39 real bodies), the mobile
//! column (343 px at 17 px; textwrap at 40 columns, the column estimate's width for it).
//!
//! `table`: a built-in metrics table (advances, class kerning, ligatures); `face`: the font
//! file itself, every distinct run shaped by harfrust. `warm`: one FontStack reused, as a server
//! keeps it (the word-width cache full); `cold`: a new FontStack per pass, every word measured.

use std::hint::black_box;
use std::sync::Arc;

use adslot::font::{Face, Font, FontStack, TextStyle};
use adslot::text::pixel::{PixelBreaker, PixelOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use textwrap::{Options, WordSplitter, WrapAlgorithm};

fn paragraphs() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files = vec![format!("{dir}/upi-xi-global-internet.json")];
    let mut real: Vec<String> = std::fs::read_dir(format!("{dir}/real"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    real.sort();
    files.extend(real);
    let mut out = Vec::new();
    for path in files {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
        for b in v["blocks"].as_array().expect("blocks") {
            if let Some(t) = b["text"].as_str() {
                out.push(t.to_string());
            }
        }
    }
    out
}

fn table() -> FontStack {
    FontStack::builtin("times", TextStyle::new(17.0)).expect("built-in")
}

fn face() -> FontStack {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fonts/LiberationSerif-Regular.ttf"
    );
    let face = Face::from_file(path).expect("fixture font");
    FontStack::new(vec![Font::Face(Arc::new(face))], TextStyle::new(17.0))
}

fn bench(c: &mut Criterion) {
    let paras = paragraphs();
    let bytes: usize = paras.iter().map(String::len).sum();
    let opts = PixelOptions::new(343.0);
    let tw = Options::new(40)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .break_words(true)
        .word_splitter(WordSplitter::NoHyphenation);
    let mut g = c.benchmark_group("pixel/news");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("textwrap/w40", |b| {
        b.iter(|| {
            paras
                .iter()
                .map(|p| textwrap::wrap(black_box(p), &tw).len())
                .sum::<usize>()
        })
    });
    for (name, make) in [("table", table as fn() -> FontStack), ("face", face)] {
        let mut stack = make();
        let mut breaker = PixelBreaker::new();
        g.bench_function(format!("{name}/warm/343px"), |b| {
            b.iter(|| {
                paras
                    .iter()
                    .map(|p| breaker.count_lines(black_box(p), &mut stack, &opts))
                    .sum::<usize>()
            })
        });
        g.bench_function(format!("{name}/cold/343px"), |b| {
            b.iter(|| {
                let mut stack = make();
                paras
                    .iter()
                    .map(|p| breaker.count_lines(black_box(p), &mut stack, &opts))
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
