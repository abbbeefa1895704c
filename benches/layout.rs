//! First-fit line counting: linebreak vs textwrap 0.16 on real paragraphs.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use adslot::layout::linebreak::{count_lines, Hyphenation};
use std::hint::black_box;
use textwrap::{Options, WordSplitter, WrapAlgorithm};

fn paragraphs() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/linebreak");
    let mut out = Vec::new();
    for name in [
        "lwn-1.json",
        "toc-missing.json",
        "pixnet.json",
        "videos-2.json",
    ] {
        let raw = std::fs::read_to_string(format!("{dir}/{name}")).expect("fixture");
        let v: serde_json::Value = serde_json::from_str(&raw).expect("json");
        for b in v["blocks"].as_array().expect("blocks") {
            if let Some(t) = b["text"].as_str() {
                out.push(t.to_string());
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    use hyphenation::Load;
    let paras = paragraphs();
    let bytes: usize = paras.iter().map(String::len).sum();
    let dict =
        hyphenation::Standard::from_embedded(hyphenation::Language::EnglishUS).expect("dictionary");
    let mut g = c.benchmark_group("first_fit");
    g.throughput(Throughput::Bytes(bytes as u64));
    for width in [40usize, 80] {
        for (name, hy) in [("nohyph", Hyphenation::None), ("enus", Hyphenation::EnUs)] {
            let splitter = match hy {
                Hyphenation::None => WordSplitter::NoHyphenation,
                Hyphenation::EnUs => WordSplitter::Hyphenation(dict.clone()),
            };
            let opts = Options::new(width)
                .wrap_algorithm(WrapAlgorithm::FirstFit)
                .break_words(true)
                .word_splitter(splitter);
            // Same answer, or the comparison is meaningless.
            for p in &paras {
                assert_eq!(count_lines(p, width, hy), textwrap::wrap(p, &opts).len());
            }
            g.bench_function(format!("linebreak/{name}/w{width}"), |b| {
                b.iter(|| {
                    let mut n = 0;
                    for p in &paras {
                        n += count_lines(black_box(p), black_box(width), hy);
                    }
                    n
                })
            });
            g.bench_function(format!("textwrap/{name}/w{width}"), |b| {
                b.iter(|| {
                    let mut n = 0;
                    for p in &paras {
                        n += textwrap::wrap(black_box(p), &opts).len();
                    }
                    n
                })
            });
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
