//! The cascade against Chromium: for the fixture articles of tests/fixtures/css/cases.json, each
//! in a publisher-like page (Guardian-, NYT- and WordPress-like stylesheets) at the mobile and
//! desktop viewports, every element's computed margins, padding, borders, font and line height
//! as adslot computes them, against what getComputedStyle said in headless Chromium
//! (chromium-styles.json, recorded by tests/browser/styles.mjs; the judge's test keeps the
//! recording fresh). The walk replays the element tree Chromium built, so the HTML parser is not
//! under test here.

use std::collections::BTreeMap;
use std::sync::Arc;

use adslot::style::sheet::Stylesheet;
use adslot::style::{ComputedStyle, Display, Following, LineHeight, StyleSettings, Styles};
use serde_json::Value;

use crate::common::fixtures_dir;

/// Chromium prints lengths to 6 significant digits (13.3333px).
const TOLERANCE: f64 = 0.01;

fn px(v: &str) -> Option<f64> {
    v.strip_suffix("px").and_then(|n| n.parse().ok())
}

/// adslot's value of a property, as getComputedStyle would print it.
fn ours(c: &ComputedStyle, property: &str) -> String {
    let p = |v: f64| format!("{v}px");
    match property {
        "display" => match c.display {
            Display::None => "none".to_string(),
            _ => "rendered".to_string(),
        },
        "font-family" => c.font_family[0].name.clone(),
        "font-size" => p(c.font_px),
        "font-weight" => format!("{}", c.font_weight),
        "font-style" => c.font_style.to_string(),
        "line-height" => match c.line_height {
            LineHeight::Normal => "normal".to_string(),
            l => p(l.px(c.font_px).unwrap_or(0.0)),
        },
        "letter-spacing" => c.letter_spacing_px.map_or("normal".to_string(), p),
        "word-spacing" => p(c.word_spacing_px),
        "text-indent" => p(c.text_indent_px),
        "white-space" => c.white_space.to_string(),
        "list-style-type" => c.list_style_type.to_string(),
        "margin-top" => p(c.margin.top),
        "margin-right" => p(c.margin.right),
        "margin-bottom" => p(c.margin.bottom),
        "margin-left" => p(c.margin.left),
        "padding-top" => p(c.padding.top),
        "padding-right" => p(c.padding.right),
        "padding-bottom" => p(c.padding.bottom),
        "padding-left" => p(c.padding.left),
        "border-top-width" => p(c.border.top),
        "border-right-width" => p(c.border.right),
        "border-bottom-width" => p(c.border.bottom),
        "border-left-width" => p(c.border.left),
        other => format!("({other} not computed)"),
    }
}

/// Chromium's value normalised for comparison with [`ours`].
fn theirs(property: &str, v: &str) -> String {
    match property {
        "display" => if v == "none" { "none" } else { "rendered" }.to_string(),
        "font-family" => {
            let first = v.split(',').next().unwrap_or("").trim();
            first.trim_matches('"').to_string()
        }
        _ => v.to_string(),
    }
}

fn same(property: &str, a: &str, b: &str) -> bool {
    match (px(a), px(b)) {
        (Some(x), Some(y)) => (x - y).abs() <= TOLERANCE,
        _ if property == "font-family" => a.eq_ignore_ascii_case(b),
        _ => a == b,
    }
}

/// The properties the block geometry is made of: these must all match.
const GEOMETRY: &[&str] = &[
    "display",
    "font-size",
    "line-height",
    "font-weight",
    "font-style",
    "font-family",
    "letter-spacing",
    "word-spacing",
    "text-indent",
    "white-space",
    "margin-top",
    "margin-bottom",
    "margin-left",
    "padding-top",
    "padding-right",
    "padding-bottom",
    "padding-left",
    "border-top-width",
    "border-right-width",
    "border-bottom-width",
    "border-left-width",
];

#[derive(Default)]
struct Tally {
    compared: usize,
    matched: usize,
    misses: Vec<String>,
}

/// What follows each element of a recorded walk (elements in document order, with depths) among
/// its siblings.
fn following(elements: &[Value]) -> Vec<Following> {
    let depth = |e: &Value| e["depth"].as_u64().unwrap();
    let tag = |e: &Value| e["tag"].as_str().unwrap().to_string();
    (0..elements.len())
        .map(|i| {
            let d = depth(&elements[i]);
            let mut f = Following::default();
            for e in elements[i + 1..].iter().take_while(|e| depth(e) >= d) {
                if depth(e) == d {
                    f.elements += 1;
                    f.same_tag += u32::from(tag(e) == tag(&elements[i]));
                }
            }
            f
        })
        .collect()
}

/// Whether an element is a block in a block flow (its content width is the cascade's to know).
fn in_flow_block(display: &str, float: &str, position: &str) -> bool {
    matches!(display, "block" | "list-item" | "flow-root")
        && float == "none"
        && matches!(position, "static" | "relative" | "sticky")
}

#[test]
fn computed_styles_match_chromium_on_publisher_like_pages() {
    let dir = fixtures_dir().join("css");
    let rec: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("chromium-styles.json")).unwrap())
            .unwrap();
    let properties: Vec<&str> = rec["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let index = |name: &str| properties.iter().position(|p| *p == name).unwrap();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut widths = Tally::default();
    let mut sheets: BTreeMap<String, Arc<Stylesheet>> = BTreeMap::new();
    for case in rec["cases"].as_array().unwrap() {
        let id = format!(
            "{} {}",
            case["id"].as_str().unwrap(),
            case["device"].as_str().unwrap()
        );
        let css_name = case["css"].as_str().unwrap();
        let sheet = sheets
            .entry(css_name.to_string())
            .or_insert_with(|| {
                let css = std::fs::read_to_string(dir.join(css_name)).unwrap();
                Arc::new(Stylesheet::parse(css_name, &css))
            })
            .clone();
        let vp = &case["viewport"];
        let settings = StyleSettings::new(vp[0].as_f64().unwrap(), vp[1].as_f64().unwrap())
            .with_content_root(case["content_root"].as_str().unwrap());
        let styles = Styles::new(settings, Some(sheet), Vec::new()).unwrap();
        let mut check = |what: &str, c: &ComputedStyle, rec_el: &Value, flow: bool| {
            let style = rec_el["style"].as_array().unwrap();
            let value = |p: &str| style[index(p)].as_str().unwrap();
            for p in GEOMETRY {
                let (a, b) = (ours(c, p), theirs(p, value(p)));
                let t = tallies.entry((*p).to_string()).or_default();
                t.compared += 1;
                if same(p, &a, &b) {
                    t.matched += 1;
                } else {
                    t.misses
                        .push(format!("{id} {what}: adslot {a}, Chromium {b}"));
                }
            }
            let block = in_flow_block(value("display"), value("float"), value("position"));
            if flow && block {
                let want = rec_el["content_width"].as_f64().unwrap();
                widths.compared += 1;
                if (c.content_width_px - want).abs() <= 0.02 {
                    widths.matched += 1;
                } else {
                    widths.misses.push(format!(
                        "{id} {what}: adslot {} px, Chromium {want} px",
                        c.content_width_px
                    ));
                }
            }
        };
        check("content root", styles.root(), &case["root"], true);
        let mut s = styles.styler();
        let base = s.depth();
        // Per open element: whether it and its ancestors are rendered, in-flow blocks.
        let mut open: Vec<(bool, bool)> = Vec::new();
        let elements = case["elements"].as_array().unwrap();
        for (el, after) in elements.iter().zip(following(elements)) {
            let depth = el["depth"].as_u64().unwrap() as usize;
            while s.depth() > base + depth {
                s.pop();
                open.pop();
            }
            let attrs: Vec<(String, String)> = el["attrs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    (
                        a[0].as_str().unwrap().to_string(),
                        a[1].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            let attrs: Vec<(&str, &str)> = attrs
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            let tag = el["tag"].as_str().unwrap();
            let computed = s.push_placed(tag, &attrs, &[], Some(after)).clone();
            let style = el["style"].as_array().unwrap();
            let value = |p: &str| style[index(p)].as_str().unwrap();
            let (parent_rendered, parent_flow) = open.last().copied().unwrap_or((true, true));
            let rendered = parent_rendered && value("display") != "none";
            let flow =
                parent_flow && in_flow_block(value("display"), value("float"), value("position"));
            open.push((rendered, flow));
            if !rendered {
                continue;
            }
            let what = format!("{tag}{}", el["attrs"]);
            check(&what, &computed, el, parent_flow);
        }
    }
    let mut report = String::new();
    let mut failed = Vec::new();
    for (p, t) in &tallies {
        report.push_str(&format!("{p}: {}/{}\n", t.matched, t.compared));
        failed.extend(t.misses.iter().take(5).cloned());
    }
    report.push_str(&format!(
        "content width: {}/{}\n",
        widths.matched, widths.compared
    ));
    failed.extend(widths.misses.iter().take(10).cloned());
    eprintln!("{report}");
    assert!(failed.is_empty(), "{report}{}", failed.join("\n"));
}
