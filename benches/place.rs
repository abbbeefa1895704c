//! Placement against parsing: the seed, a long real article and synthetic 100 to 100k blocks;
//! `place` includes the geometry estimate, `solve` is the rules and solver alone. The `solver`
//! group sets the sweep against the exact solver: on the same monotone policy (`sweep`,
//! `exact-same`), on policies only the exact solver takes (`exact`, `exact-even`), and on a
//! 200k-block adversarial article (`adversarial`).

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use adslot::engine::place_measured;
use adslot::layout::Hyphenation;
use adslot::{place, Article, Block, BlockKind, PlaceOptions, Rules};

const DEFAULT_RULES: &str = include_str!("../rules/default.toml");
const UPI_RULES: &str = include_str!("../rules/upi.toml");
const SEED: &str = include_str!("../tests/fixtures/upi-xi-global-internet.json");
const LONG: &str = include_str!("../tests/fixtures/real/lazy-image-2.json");
const BLOGGER: &str = include_str!("../tests/fixtures/real/blogger.json");

/// A policy the sweep cannot take: maximums, a first-ad bound, loosening escalation.
const EXACT_RULES: &str = r#"
[limits]
max_ads = 8
[spacing]
min_words_between = 150
max_words_between = 400
min_paragraphs_between = 3
max_paragraphs_before_first = 4
min_words_after_last = 50
after_ads = [{ count = 3, min_words_between = 250 }, { count = 6, min_words_between = 120 }]
"#;

/// The adversarial policy: every gap of a one-word-paragraph article a candidate, a large
/// `max_ads`, three escalation states that loosen and tighten, a maximum, and `even` on top
/// (a threshold search of exact solves).
const ADVERSARIAL_RULES: &str = r#"
[limits]
max_ads = 100
[spacing]
min_words_before_first = 0
min_words_between = 3
max_words_between = 40
after_ads = [{ count = 10, min_words_between = 1 }, { count = 50, min_words_between = 5, max_words_between = 60 }]
[placement]
never_after = []
never_before = []
prefer = "even"
"#;

/// A synthetic article: a headline, then paragraphs of 20-60 words with a heading every 9
/// blocks, an image and caption every 13, and a headlines block at the end.
fn synthetic(blocks: usize) -> Article {
    let words = "the quick brown fox jumps over the lazy dog while reporters file copy ";
    let mut out = vec![Block::new(
        BlockKind::Headline,
        "A synthetic headline for the bench",
    )];
    for i in 1..blocks.saturating_sub(1) {
        let block = match i % 13 {
            5 => Block::new(BlockKind::Image, ""),
            6 => Block::new(BlockKind::Caption, "A caption under the photo."),
            _ if i % 9 == 0 => Block::new(BlockKind::Heading, "A subheading"),
            _ => Block::new(BlockKind::Paragraph, words.repeat(2 + i % 4)),
        };
        out.push(block);
    }
    out.push(Block::new(BlockKind::Headlines, "Latest headlines"));
    Article::new(out)
}

fn bench(c: &mut Criterion) {
    let default = Rules::from_toml("default.toml", DEFAULT_RULES).expect("shipped rules load");
    let upi = Rules::from_toml("upi.toml", UPI_RULES).expect("shipped rules load");
    let options = PlaceOptions::new();

    let mut group = c.benchmark_group("real");
    for (name, json, rules) in [("seed", SEED, &upi), ("lazy-image-2", LONG, &default)] {
        let article = adslot::formats::json::read(name, json).expect("fixture parses");
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_function(BenchmarkId::new("parse", name), |b| {
            b.iter(|| adslot::formats::json::read(name, black_box(json)))
        });
        group.bench_function(BenchmarkId::new("place", name), |b| {
            b.iter(|| place(black_box(&article), rules, &options))
        });
        // Word counting alone: a fifth of `batch` in column mode.
        group.bench_function(BenchmarkId::new("words", name), |b| {
            b.iter(|| {
                let blocks = &black_box(&article).blocks;
                blocks
                    .iter()
                    .map(|b| adslot::words::count(&b.text))
                    .sum::<u64>()
            })
        });
    }
    group.finish();

    // End to end on a 2,000-word article (the first 2,000 words of a real blog post), per device:
    // geometry estimate, rules and solver, with the default rules.
    let mut blogger = adslot::formats::json::read("blogger", BLOGGER).expect("fixture parses");
    let mut words = 0;
    blogger.blocks.retain(|b| {
        let keep = words < 2_000;
        words += adslot::words::count(&b.text);
        keep
    });
    // `json-in-json-out`: the same from the article's JSON text to the plan's, as the bindings
    // call it (bindings/wasm/bench/place.mjs times the WebAssembly package on the same text).
    let blogger_json = serde_json::to_string(&blogger).expect("articles serialize");
    let mut group = c.benchmark_group("2000-words");
    for device in ["mobile", "desktop"] {
        let options = PlaceOptions::new().device(device);
        group.bench_function(BenchmarkId::new("place", device), |b| {
            b.iter(|| place(black_box(&blogger), &default, &options))
        });
        group.bench_function(BenchmarkId::new("json-in-json-out", device), |b| {
            b.iter(|| {
                let article = adslot::formats::json::read("blogger", black_box(&blogger_json))
                    .expect("fixture parses");
                let plan = place(&article, &default, &options).expect("devices exist");
                adslot::render::json(&plan)
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("synthetic");
    group.sample_size(20);
    for n in [100usize, 1_000, 10_000, 100_000] {
        let article = synthetic(n);
        let json = serde_json::to_string(&article).expect("serializes");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("parse", n), |b| {
            b.iter(|| adslot::formats::json::read("synthetic", black_box(&json)))
        });
        group.bench_function(BenchmarkId::new("place", n), |b| {
            b.iter(|| place(black_box(&article), &default, &options))
        });
        // The solver alone, on a geometry estimated once: what the rules cost without layout.
        let device = default.device("mobile").expect("built-in device");
        let geometry = adslot::layout::layout(&article, &device.profile, Hyphenation::None);
        group.bench_function(BenchmarkId::new("solve", n), |b| {
            b.iter(|| place_measured(black_box(&article), &default, device, &geometry, &options))
        });
    }
    group.finish();
    solvers(c, &default);
}

/// The sweep against the exact solver, on the rules and solver alone (geometry estimated once).
fn solvers(c: &mut Criterion, default: &Rules) {
    let exact = Rules::from_toml("exact.toml", EXACT_RULES).expect("bench rules load");
    let even_text = format!("{EXACT_RULES}[placement]\nprefer = \"even\"\n");
    let even = Rules::from_toml("even.toml", &even_text).expect("bench rules load");
    let sweep = PlaceOptions::new();
    let forced = PlaceOptions::new().exact(true);
    let mut group = c.benchmark_group("solver");
    group.sample_size(10);
    for n in [1_000usize, 100_000] {
        let article = synthetic(n);
        group.throughput(Throughput::Elements(n as u64));
        let cases: [(&str, &Rules, &PlaceOptions); 4] = [
            ("sweep", default, &sweep),
            ("exact-same", default, &forced),
            ("exact", &exact, &sweep),
            ("exact-even", &even, &sweep),
        ];
        for (name, rules, options) in cases {
            let device = rules.device("mobile").expect("built-in device");
            let geometry = adslot::layout::layout(&article, &device.profile, Hyphenation::None);
            group.bench_function(BenchmarkId::new(name, n), |b| {
                b.iter(|| place_measured(black_box(&article), rules, device, &geometry, options))
            });
        }
    }
    // 200k one-word paragraphs: every gap a candidate, K = 100 ads, three escalation states.
    let n = 200_000;
    let article = Article::new(vec![Block::new(BlockKind::Paragraph, "word"); n]);
    let rules = Rules::from_toml("adversarial.toml", ADVERSARIAL_RULES).expect("bench rules load");
    let device = rules.device("mobile").expect("built-in device");
    let geometry = adslot::layout::layout(&article, &device.profile, Hyphenation::None);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function(BenchmarkId::new("adversarial", n), |b| {
        b.iter(|| place_measured(black_box(&article), &rules, device, &geometry, &sweep))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
