//! Lays paragraphs out with the pixel line breaker and prints each one's line count and line
//! starts (in code points, as the browser judge `tests/browser/judge.mjs --paragraphs` reports
//! them), so the two can be compared paragraph by paragraph.
//!
//! ```sh
//! echo '{"texts": ["..."], "fonts": ["times"], "size_px": 17, "width_px": 343}' \
//!   | cargo run --release --example pixel_lines
//! ```
//!
//! `fonts` is the fallback chain: built-in family names (`times`, `arial`, ...) with an optional
//! `:bold`, `:italic` or `:bold-italic`, or font files (TTF, OTF, WOFF, WOFF2).

use std::io::Read;
use std::sync::Arc;

use adslot::font::{family, Face, Font, FontStack, Style, TextStyle};
use adslot::text::pixel::{PixelBreaker, PixelOptions};

fn font(spec: &str) -> Result<Font, Box<dyn std::error::Error>> {
    if spec.contains('/') || spec.contains('.') {
        return Ok(Font::Face(Arc::new(Face::from_file(spec)?)));
    }
    let (name, style) = spec.split_once(':').unwrap_or((spec, "regular"));
    let style = Style::ALL
        .into_iter()
        .find(|s| s.file_suffix() == style)
        .ok_or_else(|| format!("unknown style `{style}`"))?;
    Ok(Font::Builtin(family(name)?.style(style)))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let job: serde_json::Value = serde_json::from_str(&input)?;
    let num = |k: &str, d: f64| job[k].as_f64().unwrap_or(d);
    let fonts = job["fonts"]
        .as_array()
        .ok_or("fonts: a list of names or files")?
        .iter()
        .map(|f| font(f.as_str().unwrap_or_default()))
        .collect::<Result<Vec<_>, _>>()?;
    let style = TextStyle::new(num("size_px", 17.0))
        .with_spacing(num("letter_spacing_px", 0.0), num("word_spacing_px", 0.0));
    let mut stack = FontStack::new(fonts, style);
    let opts =
        PixelOptions::new(num("width_px", 343.0)).with_cjk_trim(stack.trims_cjk_punctuation());
    if let Some(runs) = job["measure"].as_array() {
        // Widths of runs as set alone, for checking against the browser's.
        use adslot::text::pixel::Advances;
        let widths: Vec<f64> = runs
            .iter()
            .map(|r| stack.width(r.as_str().unwrap_or_default()))
            .collect();
        println!("{}", serde_json::json!(widths));
        return Ok(());
    }
    let mut breaker = PixelBreaker::new();
    let mut out = Vec::new();
    for t in job["texts"].as_array().ok_or("texts: a list of strings")? {
        let text = t.as_str().unwrap_or_default();
        let lines = breaker.lines(text, &mut stack, &opts);
        let starts: Vec<usize> = lines
            .iter()
            .map(|l| text[..l.range.start].chars().count())
            .collect();
        out.push(serde_json::json!({ "lines": lines.len(), "line_starts": starts }));
    }
    println!("{}", serde_json::Value::Array(out));
    Ok(())
}
