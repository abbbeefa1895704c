//! First-fit line counting: ours vs textwrap 0.16 on real paragraphs, in two corpora: `news`,
//! every fixture article (the seed and the 39 real bodies: what adslot lays out), and `parity`,
//! the four articles the parity tests lean on (long English, SQL tables, Chinese, French).

use adslot::text::{count_lines, Hyphenation};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use textwrap::{Options, WordSplitter, WrapAlgorithm};

fn news_files() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut files = vec![format!("{dir}/upi-xi-global-internet.json")];
    let mut real: Vec<String> = std::fs::read_dir(format!("{dir}/real"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    real.sort();
    files.extend(real);
    files
}

fn parity_files() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/linebreak");
    [
        "lwn-1.json",
        "toc-missing.json",
        "pixnet.json",
        "videos-2.json",
    ]
    .iter()
    .map(|name| format!("{dir}/{name}"))
    .collect()
}

fn paragraphs(files: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for path in files {
        let raw = std::fs::read_to_string(path).expect("fixture");
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
    for (corpus, files) in [("news", news_files()), ("parity", parity_files())] {
        bench_corpus(c, corpus, &paragraphs(&files));
    }
}

fn bench_corpus(c: &mut Criterion, corpus: &str, paras: &[String]) {
    use hyphenation::Load;
    let bytes: usize = paras.iter().map(String::len).sum();
    let dict =
        hyphenation::Standard::from_embedded(hyphenation::Language::EnglishUS).expect("dictionary");
    let mut g = c.benchmark_group(format!("first_fit/{corpus}"));
    g.throughput(Throughput::Bytes(bytes as u64));
    for width in [40usize, 80] {
        for (name, hy) in [("nohyph", Hyphenation::None), ("enus", Hyphenation::EnUs)] {
            let splitter = match hy {
                Hyphenation::None => WordSplitter::HyphenSplitter,
                Hyphenation::EnUs => WordSplitter::Hyphenation(dict.clone()),
            };
            let opts = Options::new(width)
                .wrap_algorithm(WrapAlgorithm::FirstFit)
                .break_words(true)
                .word_splitter(splitter);
            // Same answer, or the comparison is meaningless.
            for p in paras {
                assert_eq!(count_lines(p, width, hy), textwrap::wrap(p, &opts).len());
            }
            g.bench_function(format!("linebreak/{name}/w{width}"), |b| {
                b.iter(|| {
                    let mut n = 0;
                    for p in paras {
                        n += count_lines(black_box(p), black_box(width), hy);
                    }
                    n
                })
            });
            g.bench_function(format!("textwrap/{name}/w{width}"), |b| {
                b.iter(|| {
                    let mut n = 0;
                    for p in paras {
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
