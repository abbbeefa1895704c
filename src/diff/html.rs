//! The diff report as one self-contained HTML page (inline CSS and SVG charts), and each
//! changed article's side-by-side preview (A and B) for it to link to.

use std::fmt::Write as _;

use super::text::{mean, percent};
use super::{ArticleDiff, Report, DENSITY_BIN, DENSITY_BINS};
use crate::engine::{place, PlaceOptions};
use crate::error::Error;
use crate::render::preview::{escape, paint_html, Preview};
use crate::rules::Rules;

/// The report as an HTML page: totals per device, the ads-per-article and density
/// distributions before (A) and after (B) as inline SVG bar charts, and the most changed
/// articles, each linked to `link(index, article)` when that gives an address (e.g. the page
/// [`html_preview`](super::html_preview) wrote for it).
///
/// ```
/// use adslot::diff::{html, Report, Totals};
/// let report = Report {
///     a: "a.toml".into(), b: "b.toml".into(), devices: vec!["mobile".into()],
///     totals: Totals { articles: 1, ..Default::default() }, by_device: Vec::new(),
///     distributions: Default::default(), most_changed: Vec::new(), error_list: Vec::new(), errors: 0,
/// };
/// let page = html(&report, |_, _| None);
/// assert!(page.contains("<svg") && page.contains("a.toml"));
/// assert!(!page.contains("<script"));
/// ```
pub fn page(report: &Report, link: impl Fn(usize, &ArticleDiff) -> Option<String>) -> String {
    let t = &report.totals;
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>adslot diff · {a} → {b}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>{a} → {b}</h1>\n<p>{n} article and device pairs on {devices}: \
         <strong>{changed} changed</strong>, ads {ads_a} → {ads_b} ({pct}), {lose} lose their \
         first ad, {gain} gain one.</p></header>\n",
        a = escape(&report.a),
        b = escape(&report.b),
        n = t.articles,
        devices = escape(&report.devices.join(", ")),
        changed = t.changed,
        ads_a = t.ads_a,
        ads_b = t.ads_b,
        pct = percent(t),
        lose = t.lose_first_ad,
        gain = t.gain_first_ad,
    );
    totals_table(&mut out, report);
    out.push_str("<section class=\"charts\">\n");
    let d = &report.distributions;
    let ads_labels: Vec<String> = (0..d.ads_a.len().max(d.ads_b.len()))
        .map(|n| n.to_string())
        .collect();
    chart(
        &mut out,
        "Ads per article",
        "ads",
        &ads_labels,
        &d.ads_a,
        &d.ads_b,
    );
    let density_labels: Vec<String> = (0..DENSITY_BINS)
        .map(|i| {
            let low = i as f64 * DENSITY_BIN;
            if i + 1 == DENSITY_BINS {
                format!("≥{low:.2}")
            } else {
                format!("{low:.2}")
            }
        })
        .collect();
    chart(
        &mut out,
        "Density",
        "density (bins of 0.05)",
        &density_labels,
        &d.density_a,
        &d.density_b,
    );
    out.push_str("</section>\n");
    changed_table(&mut out, report, link);
    if !report.error_list.is_empty() {
        let _ = writeln!(
            out,
            "<h2>Not compared ({} of {})</h2>\n<ul>",
            report.error_list.len(),
            report.errors
        );
        for e in &report.error_list {
            let _ = writeln!(out, "<li><code>{}</code></li>", escape(&e.message));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn totals_table(out: &mut String, report: &Report) {
    out.push_str(
        "<table class=\"totals\">\n<caption>Totals</caption>\n<thead><tr><th scope=\"col\">device\
         </th><th scope=\"col\">articles</th><th scope=\"col\">changed</th><th scope=\"col\">ads A\
         </th><th scope=\"col\">ads B</th><th scope=\"col\">ads</th><th scope=\"col\">mean \
         density A</th><th scope=\"col\">mean density B</th><th scope=\"col\">lose first ad</th>\
         <th scope=\"col\">gain first ad</th><th scope=\"col\">moved</th><th scope=\"col\">added\
         </th><th scope=\"col\">removed</th></tr></thead>\n<tbody>\n",
    );
    let rows = std::iter::once(("all", &report.totals)).chain(
        report
            .by_device
            .iter()
            .map(|d| (d.device.as_str(), &d.totals)),
    );
    for (device, t) in rows {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(device),
            t.articles,
            t.changed,
            t.ads_a,
            t.ads_b,
            percent(t),
            mean(t.density_a, t.articles),
            mean(t.density_b, t.articles),
            t.lose_first_ad,
            t.gain_first_ad,
            t.moved,
            t.added,
            t.removed
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn changed_table(
    out: &mut String,
    report: &Report,
    link: impl Fn(usize, &ArticleDiff) -> Option<String>,
) {
    let _ = writeln!(
        out,
        "<h2>Most changed ({} of {})</h2>",
        report.most_changed.len(),
        report.totals.changed
    );
    if report.most_changed.is_empty() {
        out.push_str("<p>No article changed.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"changed\">\n<thead><tr><th scope=\"col\">article</th><th scope=\"col\">\
         device</th><th scope=\"col\">ads A → B</th><th scope=\"col\">density A → B</th>\
         <th scope=\"col\">first ad, words A → B</th><th scope=\"col\">moved</th><th scope=\
         \"col\">added</th><th scope=\"col\">removed</th><th scope=\"col\">resized</th></tr>\
         </thead>\n<tbody>\n",
    );
    for (i, d) in report.most_changed.iter().enumerate() {
        let name = escape(&d.source);
        let article = match link(i, d) {
            Some(href) => format!("<a href=\"{}\">{name}</a>", escape(&href)),
            None => name,
        };
        let first = |s: &super::Side| {
            s.first_ad
                .map_or("-".to_string(), |f| f.words_above.to_string())
        };
        let _ = writeln!(
            out,
            "<tr><td>{article}</td><td>{}</td><td>{} → {}</td><td>{:.2} → {:.2}</td>\
             <td>{} → {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&d.device),
            d.a.ads,
            d.b.ads,
            d.a.density,
            d.b.density,
            first(&d.a),
            first(&d.b),
            d.moved,
            d.added,
            d.removed,
            d.resized
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A grouped bar chart of two distributions (A solid, B hatched, so it reads without colour),
/// with the counts written on the bars' tops.
fn chart(out: &mut String, title: &str, axis: &str, labels: &[String], a: &[u64], b: &[u64]) {
    let (bar, group, height, left, bottom) = (14.0, 40.0, 160.0, 36.0, 36.0);
    let width = left + group * labels.len().max(1) as f64 + 8.0;
    let max = a.iter().chain(b).copied().max().unwrap_or(0).max(1) as f64;
    let _ = write!(
        out,
        "<figure class=\"chart\">\n<figcaption>{title}: A (solid) and B (hatched)</figcaption>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{h}\" \
         viewBox=\"0 0 {width} {h}\" aria-label=\"{title}, article and device pairs per bin, A \
         and B\">\n<defs><pattern id=\"hatch-{id}\" width=\"4\" height=\"4\" \
         patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"4\" \
         height=\"4\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#1a4d8b\" \
         stroke-width=\"2\"/></pattern></defs>\n<line x1=\"{left}\" y1=\"{base}\" x2=\"{width}\" \
         y2=\"{base}\" stroke=\"#000\"/>\n",
        h = height + bottom + 16.0,
        id = title.len(),
        base = height + 16.0,
    );
    for (i, label) in labels.iter().enumerate() {
        let x = left + group * i as f64 + 4.0;
        for (j, (counts, fill)) in [
            (a, "#444".to_string()),
            (b, format!("url(#hatch-{})", title.len())),
        ]
        .iter()
        .enumerate()
        {
            let n = counts.get(i).copied().unwrap_or(0);
            let h = n as f64 / max * height;
            let bx = x + j as f64 * (bar + 2.0);
            let top = height + 16.0 - h;
            let _ = writeln!(
                out,
                "<rect x=\"{bx}\" y=\"{top:.1}\" width=\"{bar}\" height=\"{h:.1}\" fill=\"{fill}\" \
                 stroke=\"#000\"><title>{side} {label}: {n}</title></rect>\
                 <text x=\"{tx}\" y=\"{ty:.1}\" class=\"n\">{n}</text>",
                side = if j == 0 { "A" } else { "B" },
                tx = bx + bar / 2.0,
                ty = top - 3.0,
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" class=\"label\">{}</text>",
            x + bar + 1.0,
            height + 30.0,
            escape(label)
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" class=\"axis\">{}</text>\n</svg>\n</figure>",
        left,
        height + bottom + 12.0,
        escape(axis)
    );
}

/// The side-by-side preview of one changed article: A's plan and B's on its device, with every
/// gap's reasons. Errors: the device is missing from a rule file, or the article cannot be
/// placed (it was placed once already, so only a changed rule file between the two calls).
pub fn preview(d: &ArticleDiff, a: &Rules, b: &Rules) -> Result<String, Error> {
    let options = PlaceOptions {
        device: Some(d.device.clone()),
        explain: true,
        ..PlaceOptions::default()
    };
    let (article_a, article_b) = (&*d.articles.0, &*d.articles.1);
    let plan_a = place(article_a, a, &options)?;
    let plan_b = place(article_b, b, &options)?;
    let previews = [
        Preview::new(
            article_a,
            a,
            a.select_device(Some(&d.device))?,
            &plan_a,
            None,
        ),
        Preview::new(
            article_b,
            b,
            b.select_device(Some(&d.device))?,
            &plan_b,
            None,
        ),
    ];
    Ok(paint_html(&previews, &d.source))
}

const STYLE: &str = r#"body { margin: 16px; font: 14px/1.45 "DejaVu Sans", "Liberation Sans", sans-serif;
  color: #111; background: #fff; }
h1 { font-size: 20px; margin: 0 0 4px 0; }
h2 { font-size: 16px; margin: 20px 0 6px 0; }
table { border-collapse: collapse; margin: 8px 0; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border: 1px solid #999; padding: 2px 8px; text-align: right; }
th[scope="row"], td:first-child, thead th:first-child { text-align: left; }
thead th { background: #eee; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
.chart { margin: 0; }
.chart figcaption { font-weight: bold; }
.chart text { font: 10px "DejaVu Sans", sans-serif; text-anchor: middle; }
.chart text.axis { text-anchor: start; }
a { color: #1a4d8b; }
a:focus-visible { outline: 3px solid #1a4d8b; }
@media print { a { color: #000; } }
"#;
