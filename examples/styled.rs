//! What the block model's browser check (`tests/browser/styled.mjs`) holds Chromium to: for a
//! rule file and a device, per HTML page its blocks' kinds and estimated boxes, its plan, the
//! page with the plan's slots written in, and the page with an invisible mark at each block's
//! gap (`<template data-adslot-mark="i">`, which the judge uses to pair each of Chromium's
//! elements with the blocks adslot read from it), as one JSON document.
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
            "marked": marked(&doc),
        }));
    }
    println!("{}", Value::Array(pages));
    Ok(())
}

/// The page's text with `<template data-adslot-mark="i"></template>` at the gap before block
/// `i`: an element that is never rendered and that the HTML parser keeps where it is (inside a
/// paragraph, a list or a table alike), so the judge can tell which element each block is in.
fn marked(doc: &Document) -> Option<String> {
    let gaps = &doc.source_map()?.gaps;
    let text = doc.text();
    let mut out = String::with_capacity(text.len() + 48 * gaps.len());
    let mut at = 0;
    for (i, &gap) in gaps.iter().enumerate().take(doc.article().blocks.len()) {
        out.push_str(text.get(at..gap)?);
        out.push_str(&format!("<template data-adslot-mark=\"{i}\"></template>"));
        at = gap;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}
