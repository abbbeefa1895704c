//! What the block model's browser check (`tests/browser/styled.mjs`) holds Chromium to: for a
//! rule file and a device, per HTML page its blocks' kinds and estimated boxes, its plan and the
//! page with the plan's slots written in, as one JSON document.
//!
//! ```sh
//! cargo run --example styled -- --rules rules.toml --device mobile tests/fixtures/real/*.html
//! ```

use std::path::PathBuf;

use adslot::layout::layout;
use adslot::{engine, place, Document, PlaceOptions, ReadOptions, Rules};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rules = None;
    let mut device = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rules" => rules = args.next().map(PathBuf::from),
            "--device" => device = args.next(),
            _ => files.push(PathBuf::from(a)),
        }
    }
    let rules = Rules::from_path(&rules.ok_or("--rules FILE is required")?)?;
    let device = rules.select_device(device.as_deref())?;
    let options = PlaceOptions::new().device(device.name.clone());
    let mut pages = Vec::new();
    for file in &files {
        let doc = Document::read_path(file, &rules, &ReadOptions::default())?;
        let article = doc.article();
        let geometry = layout(article, &device.profile, engine::hyphenation(device));
        let plan = place(article, &rules, &options)?;
        let kinds: Vec<&str> = article.blocks.iter().map(|b| b.kind.name()).collect();
        pages.push(json!({
            "file": file.display().to_string(),
            "kinds": kinds,
            "geometry": geometry,
            "plan": plan,
            "html": doc.write_slots(&plan, &rules)?,
        }));
    }
    println!("{}", Value::Array(pages));
    Ok(())
}
