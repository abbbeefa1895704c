//! The HTML painter of the preview: one self-contained page (inline CSS, no script, no network)
//! with every block, slot, gap and viewport boundary at the model's px position.

use std::fmt::Write as _;

use super::{AdBox, BlockMark, GapMark, Preview, Row, TextLine, Totals, ViewportMark};
use crate::article::BlockKind;
use crate::render::plural;

/// The previews as one HTML page, side by side (one panel each, e.g. mobile and desktop, or the
/// same device under two rule files), titled `title`.
///
/// Each panel is the column as the device lays it out: the device's column width, font size,
/// line height and block gap as CSS custom properties, every block positioned at its `top_px`
/// with its height, lines as the line breaker broke them, each slot as a box of its reserved
/// height (name, ordinal, size), dashed viewport boundaries, and one marker per gap, placed or
/// refused, whose reasons open on click or with the keyboard (`<details>`; also as a tooltip on
/// hover). Placed and refused read without colour (words and symbols, solid or dashed borders);
/// printed, the reasons are listed after the panels. Elements carry `data-gap`, `data-slot`,
/// `data-ordinal`, `data-top-px` and `data-height-px` for tests and tools.
///
/// ```
/// use adslot::render::preview::{paint_html, Preview};
/// use adslot::{place, Article, Block, BlockKind, PlaceOptions, Rules};
/// let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_before_first = 0\n[placement]\nnever_after = []").unwrap();
/// let article = Article::new(vec![Block::new(BlockKind::Paragraph, "Short & sweet.")]);
/// let plan = place(&article, &rules, &PlaceOptions::new().explain(true)).unwrap();
/// let preview = Preview::new(&article, &rules, rules.select_device(None).unwrap(), &plan, None);
/// let page = paint_html(&[preview], "story");
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains(r#"data-slot="inline" data-ordinal="1" data-gap="0" data-top-px="0""#));
/// assert!(page.contains("Short &amp; sweet."));
/// assert!(!page.contains("<script") && !page.contains("http"));
/// ```
pub fn paint(previews: &[Preview], title: &str) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>adslot preview · {}</title>\n<style>\n{}</style>\n</head>\n<body>\n\
         <main class=\"panels\">\n",
        escape(title),
        STYLE
    );
    for (i, preview) in previews.iter().enumerate() {
        panel(&mut out, i, preview);
    }
    out.push_str("</main>\n");
    print_reasons(&mut out, previews);
    out.push_str("</body>\n</html>\n");
    out
}

/// One panel: its header, then the page column with everything at its place.
fn panel(out: &mut String, index: usize, p: &Preview) {
    let profile = &p.profile;
    let _ = write!(
        out,
        "<section class=\"panel\" id=\"panel-{index}\" data-device=\"{device}\" \
         style=\"--w: {width}px\" aria-labelledby=\"panel-{index}-title\">\n<header>\n\
         <h1 id=\"panel-{index}-title\">{id} · {device}</h1>\n<dl>\n\
         <dt>rule file</dt><dd>{rules}</dd>\n<dt>device</dt><dd>{device}: column {width} px, \
         font {font} px, line {line} px, block gap {gap} px, viewport {viewport} px</dd>\n",
        id = escape(p.id.as_deref().unwrap_or("article")),
        device = escape(&p.device),
        rules = escape(&p.rules),
        width = px(profile.content_width_px),
        font = px(profile.font_px),
        line = px(profile.line_height_px),
        gap = px(profile.block_gap_px),
        viewport = px(profile.viewport_height_px),
    );
    totals(out, &p.totals);
    if p.columns != p.plan_columns {
        let _ = writeln!(
            out,
            "<dt>drawn at</dt><dd>{} columns; the ads and totals are the plan made at {} \
             columns</dd>",
            p.columns, p.plan_columns
        );
    }
    let _ = write!(
        out,
        "</dl>\n</header>\n<div class=\"page\" data-page-height-px=\"{h}\" style=\"width: {w}px; \
         height: {h}px; --font: {font}px; --line: {line}px; --gap: {gap}px; --scale: {scale}\">\n",
        h = p.totals.page_height_px,
        w = px(profile.content_width_px),
        font = px(profile.font_px),
        line = px(profile.line_height_px),
        gap = px(profile.block_gap_px),
        scale = px(profile.heading_scale),
    );
    let painter = Painter {
        panel: index,
        gap_px: profile.block_gap_px,
    };
    let mut rows = p.rows.iter().peekable();
    while let Some(row) = rows.next() {
        match row {
            Row::Gap(g) => painter.gap(out, g, p),
            Row::Ad(ad) => painter.ad(out, ad),
            Row::Viewport(v) => painter.viewport(out, v),
            Row::Block(b) => {
                painter.block_open(out, b);
                while let Some(Row::Line(line)) = rows.peek() {
                    painter.line(out, line, b);
                    rows.next();
                }
                out.push_str("</div>\n");
            }
            // Lines follow their block and are drawn inside it.
            Row::Line(_) => {}
        }
    }
    out.push_str("</div>\n</section>\n");
}

/// The header's totals: ads, density, and what lies between consecutive ads.
fn totals(out: &mut String, t: &Totals) {
    let _ = writeln!(
        out,
        "<dt>ads</dt><dd class=\"ads\">{}</dd>\n<dt>density</dt><dd class=\"density\">{:.2}</dd>\n\
         <dt>page</dt><dd>{} px</dd>",
        t.ads, t.density, t.page_height_px
    );
    let between: Vec<String> = t
        .between
        .iter()
        .map(|b| format!("{} / {} px", plural(b.words, "word", "words"), b.px))
        .collect();
    let between = if between.is_empty() {
        "-".to_string()
    } else {
        between.join(", ")
    };
    let _ = writeln!(out, "<dt>between ads</dt><dd>{between}</dd>");
}

struct Painter {
    panel: usize,
    gap_px: f64,
}

impl Painter {
    /// A gap's marker in the gutter, centred in the space above its top; its verdict as words
    /// and a symbol, its reasons inside a `<details>`.
    fn gap(&self, out: &mut String, g: &GapMark, p: &Preview) {
        let (class, verdict, symbol) = if g.placed {
            ("placed", "placed", "✓")
        } else {
            ("refused", "refused", "✗")
        };
        let reasons: Vec<&str> = g
            .reasons
            .iter()
            .flatten()
            .map(|r| r.text.as_str())
            .collect();
        let tooltip = if g.placed {
            slots_at(p, g.gap)
        } else if reasons.is_empty() {
            "no reasons recorded (the plan was not explained)".to_string()
        } else {
            reasons.join("\n")
        };
        let centre = g.top_px as f64 - self.gap_px / 2.0;
        let _ = write!(
            out,
            "<details class=\"gap {class}\" id=\"p{panel}-gap-{gap}\" data-gap=\"{gap}\" \
             data-placed=\"{placed}\" data-top-px=\"{top}\" style=\"top: {centre}px\">\
             <summary title=\"{tooltip}\"><span aria-hidden=\"true\">{symbol}</span> gap {gap} \
             {verdict}</summary>\n<div class=\"why\"><ul>",
            panel = self.panel,
            gap = g.gap,
            placed = g.placed,
            top = g.top_px,
            centre = px(centre),
            tooltip = escape(&tooltip),
        );
        if g.placed {
            let _ = write!(out, "<li>{}</li>", escape(&slots_at(p, g.gap)));
        }
        for r in &reasons {
            let _ = write!(out, "<li>{}</li>", escape(r));
        }
        if !g.placed && reasons.is_empty() {
            let _ = write!(out, "<li>{}</li>", escape(&tooltip));
        }
        out.push_str("</ul></div></details>\n");
    }

    fn ad(&self, out: &mut String, ad: &AdBox) {
        let size = ad.size.map(|s| s.to_string()).unwrap_or_default();
        let anchor = if ad.anchor { " · anchor" } else { "" };
        let _ = writeln!(
            out,
            "<div class=\"slot\" role=\"img\" data-slot=\"{slot}\" data-ordinal=\"{ordinal}\" \
             data-gap=\"{gap}\" data-top-px=\"{top}\" data-height-px=\"{height}\" style=\"top: \
             {top}px; height: {height}px\" aria-label=\"ad {ordinal}, slot {slot}, {size}, \
             {height} px reserved\"><span class=\"slot-label\">AD {ordinal} · {slot} · {size} · \
             {height} px{anchor}</span></div>",
            slot = escape(&ad.slot),
            ordinal = ad.ordinal,
            gap = ad.gap,
            top = ad.top_px,
            height = ad.height_px,
            size = if size.is_empty() { "no size" } else { &size },
        );
    }

    fn viewport(&self, out: &mut String, v: &ViewportMark) {
        let _ = writeln!(
            out,
            "<div class=\"viewport\" data-viewport=\"{n}\" style=\"top: {top}px\">\
             <span>viewport {n}</span></div>",
            n = v.number,
            top = px(v.top_px),
        );
    }

    fn block_open(&self, out: &mut String, b: &BlockMark) {
        let kind = b.kind.name();
        let _ = write!(
            out,
            "<div class=\"block {kind}{boxed}\" data-block=\"{index}\" data-kind=\"{kind}\" \
             data-top-px=\"{top}\" data-height-px=\"{height}\" style=\"top: {top}px; height: \
             {height}px\"><span class=\"label\" aria-hidden=\"true\">{index} {kind}</span>",
            boxed = if b.lines == 0 { " boxed" } else { "" },
            index = b.index,
            top = b.top_px,
            height = b.height_px,
        );
        if b.lines == 0 {
            let _ = write!(
                out,
                "<span class=\"what\">[{kind} · {} px]</span>",
                b.height_px
            );
        }
    }

    fn line(&self, out: &mut String, l: &TextLine, b: &BlockMark) {
        let heading = matches!(l.kind, BlockKind::Headline | BlockKind::Heading);
        let _ = writeln!(
            out,
            "<span class=\"line{}\" style=\"top: {}px\">{}{}</span>",
            if heading { " heading" } else { "" },
            px(l.top_px - b.top_px as f64),
            escape(l.text),
            if l.hyphen { "-" } else { "" }
        );
    }
}

/// The ads placed in gap `gap`, as one sentence.
fn slots_at(p: &Preview, gap: usize) -> String {
    let ads: Vec<String> = p
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Ad(a) if a.gap == gap => Some(format!(
                "ad {} ({}, {} px reserved)",
                a.ordinal, a.slot, a.height_px
            )),
            _ => None,
        })
        .collect();
    format!("placed: {}", ads.join(", "))
}

/// Every gap's verdict and reasons as a list, shown only in print (closed `<details>` print
/// without their contents).
fn print_reasons(out: &mut String, previews: &[Preview]) {
    out.push_str("<section class=\"print-only\">\n");
    for p in previews {
        let _ = writeln!(
            out,
            "<h2>Gaps · {} · {}</h2>\n<ol start=\"0\">",
            escape(p.id.as_deref().unwrap_or("article")),
            escape(&p.device)
        );
        for row in &p.rows {
            let Row::Gap(g) = row else { continue };
            let what = if g.placed {
                slots_at(p, g.gap)
            } else {
                let reasons: Vec<&str> = g
                    .reasons
                    .iter()
                    .flatten()
                    .map(|r| r.text.as_str())
                    .collect();
                format!("refused: {}", reasons.join("; "))
            };
            let _ = writeln!(out, "<li>{}</li>", escape(&what));
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

/// A px value without a trailing `.0`, at most three decimals.
fn px(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Text and attribute values escaped for HTML.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's stylesheet: sizes come from each panel's custom properties.
const STYLE: &str = r#":root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; padding: 16px; font: 14px/1.4 "DejaVu Sans", "Liberation Sans", sans-serif;
  color: #111; background: #f4f4f2; }
.panels { display: flex; gap: 32px; align-items: flex-start; }
.panel { flex: none; }
header { margin: 0 0 12px 0; padding: 8px 12px; background: #fff; border: 1px solid #999;
  max-width: calc(var(--w, 620px) + 132px); }
header h1 { font-size: 16px; margin: 0 0 4px 0; }
header dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 0; }
header dt { font-weight: bold; }
header dd { margin: 0; }
.page { position: relative; margin-left: 132px; background: #fff; outline: 1px solid #999;
  font-family: "Liberation Serif", "DejaVu Serif", serif; font-size: var(--font);
  line-height: var(--line); }
.block { position: absolute; left: 0; right: 0; }
.block .label { position: absolute; right: 100%; margin-right: 6px; top: 0; font: 11px/14px
  "DejaVu Sans Mono", monospace; color: #555; white-space: nowrap; }
.line { position: absolute; left: 0; white-space: pre; height: var(--line); }
.line.heading { font-weight: bold; font-size: calc(var(--font) * var(--scale));
  line-height: calc(var(--line) * var(--scale)); height: calc(var(--line) * var(--scale)); }
.caption .line, .quote .line { font-style: italic; }
.boxed { background: repeating-linear-gradient(45deg, #e6e6e6 0 6px, #f6f6f6 6px 12px);
  border: 1px solid #aaa; }
.boxed .what { position: absolute; left: 8px; top: 4px; font: 12px/16px "DejaVu Sans",
  sans-serif; color: #333; }
.slot { position: absolute; left: 0; right: 0; border: 3px double #8a5a00; background: #fff3d6;
  z-index: 1; }
.slot-label { position: absolute; left: 8px; top: 6px; font: bold 12px/16px "DejaVu Sans",
  sans-serif; color: #4a3000; }
.viewport { position: absolute; left: -132px; right: 0; border-top: 2px dashed #555; z-index: 2;
  pointer-events: none; }
.viewport span { position: absolute; right: 0; top: 0; font: 11px/14px "DejaVu Sans", sans-serif;
  background: #fff; padding: 0 4px; color: #333; }
.gap { position: absolute; left: -132px; width: 124px; transform: translateY(-50%); z-index: 3;
  font: 11px/14px "DejaVu Sans", sans-serif; }
.gap summary { cursor: pointer; padding: 0 4px; background: #fff; white-space: nowrap;
  list-style: none; }
.gap summary::-webkit-details-marker { display: none; }
.gap.placed summary { border: 2px solid #1d6b2f; color: #0c3d18; font-weight: bold; }
.gap.refused summary { border: 1px dashed #8b1a1a; color: #5c0f0f; }
.gap summary:focus-visible { outline: 3px solid #1a4d8b; outline-offset: 1px; }
.gap[open] { z-index: 4; }
.gap .why { position: absolute; left: 0; top: 100%; width: 340px; background: #fff;
  border: 2px solid #111; padding: 4px 8px; box-shadow: 2px 2px 0 #111; }
.gap .why ul { margin: 0; padding-left: 16px; }
.print-only { display: none; }
@media print {
  body { background: #fff; padding: 0; }
  .panels { display: block; }
  .panel { break-after: page; }
  .gap .why { display: none; }
  .slot { background: #fff; border: 3px double #000; }
  .boxed { background: #fff; }
  .print-only { display: block; break-before: page; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Block};
    use crate::rules::Rules;
    use crate::{place, PlaceOptions};

    #[test]
    fn every_slot_gap_and_block_is_at_the_models_place() {
        let mut blocks = vec![Block::new(BlockKind::Headline, "A <title> & more")];
        for i in 0..10 {
            blocks.push(Block::new(
                BlockKind::Paragraph,
                format!("Paragraph {i} says enough to wrap. ").repeat(5),
            ));
        }
        let article = Article::new(blocks);
        let rules = Rules::from_toml("r.toml", "[spacing]\nmin_words_between = 40\n").unwrap();
        let mut previews = Vec::new();
        for device in &rules.devices {
            let mut options = PlaceOptions::new().explain(true);
            options.device = Some(device.name.clone());
            let plan = place(&article, &rules, &options).unwrap();
            previews.push(Preview::new(&article, &rules, device, &plan, None));
        }
        let page = paint(&previews, "t");
        for (i, p) in previews.iter().enumerate() {
            for row in &p.rows {
                match row {
                    Row::Ad(a) => assert!(page.contains(&format!(
                        "data-gap=\"{}\" data-top-px=\"{}\" data-height-px=\"{}\"",
                        a.gap, a.top_px, a.height_px
                    ))),
                    Row::Gap(g) => {
                        assert!(page.contains(&format!("id=\"p{i}-gap-{}\"", g.gap)));
                        for r in g.reasons.iter().flatten() {
                            assert!(page.contains(&escape(&r.text)), "{}", r.text);
                        }
                    }
                    _ => {}
                }
            }
        }
        assert!(page.contains("A &lt;title&gt; &amp; more"));
        assert_eq!(page.matches("<section class=\"panel\"").count(), 2);
    }

    #[test]
    fn px_values_are_short() {
        assert_eq!(px(16.0), "16");
        assert_eq!(px(27.5), "27.5");
        assert_eq!(px(1.0 / 3.0), "0.333");
    }
}
