//! Whole-page placement time, as an edge worker pays it: read the saved page (find the story,
//! its regions), place on the device, insert the slots. For each rule file given, per device,
//! the median of `--runs` runs per page, then the median, p90 and largest of those over the
//! pages, in ms.
//!
//! ```sh
//! cargo run --release --example page_timing -- rules/default.toml tests/fixtures/pages/*.html
//! ```
//!
//! Every argument ending in `.toml` is a rule file (each is timed on the same pages), every
//! other one a page; `--runs N` sets the runs per page (default 15).

use std::path::PathBuf;
use std::time::Instant;

use adslot::{formats, place, Document, PlaceOptions, ReadOptions, Rules};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rule_files = Vec::new();
    let mut pages = Vec::new();
    let mut runs = 15;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--runs" {
            runs = args.next().ok_or("--runs N")?.parse()?;
        } else if a.ends_with(".toml") {
            rule_files.push(PathBuf::from(a));
        } else {
            pages.push(PathBuf::from(a));
        }
    }
    if rule_files.is_empty() || pages.is_empty() {
        return Err("usage: page_timing RULES.toml... PAGE.html... [--runs N]".into());
    }
    let pages: Vec<(String, Vec<u8>)> = pages
        .iter()
        .map(|p| Ok((p.display().to_string(), std::fs::read(p)?)))
        .collect::<Result<_, std::io::Error>>()?;
    println!("| rules | device | pages | median ms | p90 ms | largest ms (page) |");
    println!("|---|---|---|---|---|---|");
    for file in &rule_files {
        let rules = Rules::from_path(file)?;
        for device in rules.devices.iter().map(|d| d.name.clone()) {
            let mut medians = Vec::with_capacity(pages.len());
            for (name, bytes) in &pages {
                let mut times = Vec::with_capacity(runs);
                for _ in 0..runs {
                    let start = Instant::now();
                    let slots = place_page(name, bytes, &rules, &device)?;
                    times.push(start.elapsed().as_secs_f64() * 1e3);
                    std::hint::black_box(slots);
                }
                medians.push((median(&mut times), name));
            }
            medians.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut ms: Vec<f64> = medians.iter().map(|m| m.0).collect();
            let p90 = ms[((ms.len() * 9).div_ceil(10)).saturating_sub(1)];
            let (largest, page) = medians.last().map_or((0.0, ""), |m| (m.0, m.1.as_str()));
            println!(
                "| {} | {device} | {} | {:.2} | {p90:.2} | {largest:.2} ({page}) |",
                file.display(),
                ms.len(),
                median(&mut ms),
            );
        }
    }
    Ok(())
}

/// The page with its slots, as `adslot place --format html --device DEVICE` prints it.
fn place_page(
    name: &str,
    bytes: &[u8],
    rules: &Rules,
    device: &str,
) -> Result<String, adslot::Error> {
    let opts = ReadOptions::default().with_format(&formats::html::FORMAT);
    let doc = Document::read_bytes(name, bytes.to_vec(), rules, &opts)?;
    let plan = place(doc.article(), rules, &PlaceOptions::new().device(device))?;
    doc.write_slots(&plan, rules)
}

/// The median (the upper one of an even count).
fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}
