//! Placement against parsing: the seed, a long real article and synthetic 100 to 100k blocks;
//! `place` includes the geometry estimate, `solve` is the rules and solver alone.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use adslot::engine::place_measured;
use adslot::layout::Hyphenation;
use adslot::{place, Article, Block, BlockKind, PlaceOptions, Rules};

const DEFAULT_RULES: &str = include_str!("../rules/default.toml");
const UPI_RULES: &str = include_str!("../rules/upi.toml");
const SEED: &str = include_str!("../tests/fixtures/upi-xi-global-internet.json");
const LONG: &str = include_str!("../tests/fixtures/real/lazy-image-2.json");
const BLOGGER: &str = include_str!("../tests/fixtures/real/blogger.json");

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
    let mut group = c.benchmark_group("2000-words");
    for device in ["mobile", "desktop"] {
        let options = PlaceOptions::new().device(device);
        group.bench_function(BenchmarkId::new("place", device), |b| {
            b.iter(|| place(black_box(&blogger), &default, &options))
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
}

criterion_group!(benches, bench);
criterion_main!(benches);
