//! What the browser stage of CI (`tests/browser/estimate.mjs`, run by `tests/browser/ci.sh`)
//! holds Chromium to: for a rule file and a device, the device as loaded (profile, policy,
//! anchors, slot heights), and per article its estimated geometry in each typeface, every text
//! block's line starts (in code points, as the judge reports them) and its plan, as one JSON
//! document.
//!
//! ```sh
//! cargo run --release --example estimate -- --rules rules/default.toml --device mobile \
//!     tests/fixtures/real/*.json > estimate.json
//! cargo run --release --example estimate -- --builtin   # the built-in families and their files
//! ```

use std::path::PathBuf;

use adslot::layout::{block_lines, layout, reserved_height};
use adslot::{engine, place, PlaceOptions, Rules};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rules = None;
    let mut device = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--builtin" => {
                let families: Vec<Value> = adslot::font::BUILTIN
                    .iter()
                    .map(|f| json!({ "key": f.key, "aliases": f.aliases, "files": f.files }))
                    .collect();
                println!("{}", Value::Array(families));
                return Ok(());
            }
            "--rules" => rules = args.next().map(PathBuf::from),
            "--device" => device = args.next(),
            _ => files.push(PathBuf::from(a)),
        }
    }
    let rules = Rules::from_path(&rules.ok_or("--rules FILE is required")?)?;
    let device = rules.select_device(device.as_deref())?;
    let hyphenation = engine::hyphenation(device);
    let options = PlaceOptions::new().device(device.name.clone());
    let mut articles = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file)?;
        let origin = file.display().to_string();
        let article = adslot::formats::json::read(&origin, &text)?;
        let geometry = layout(&article, &device.profile, hyphenation);
        let starts: Vec<Vec<Option<Vec<usize>>>> =
            block_lines(&article, &device.profile, hyphenation)
                .into_iter()
                .map(|per_block| {
                    per_block
                        .into_iter()
                        .zip(&article.blocks)
                        .map(|(lines, block)| {
                            (!lines.is_empty()).then(|| {
                                lines
                                    .iter()
                                    .map(|l| block.text[..l.range.start].chars().count())
                                    .collect()
                            })
                        })
                        .collect()
                })
                .collect();
        let plan = place(&article, &rules, &options)?;
        articles.push(json!({
            "file": origin,
            "geometry": geometry,
            "line_starts": starts,
            "plan": plan,
        }));
    }
    let slots: Value = rules
        .slots
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                json!(reserved_height(&s.sizes, &device.profile)),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into();
    let out = json!({
        "device": device,
        "anchors": rules.anchors,
        "slot_heights": slots,
        "articles": articles,
    });
    println!("{out}");
    Ok(())
}
