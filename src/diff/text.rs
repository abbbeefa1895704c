//! The diff report as text for people: totals per device, then the most changed articles.

use std::fmt::Write as _;

use super::{ArticleDiff, Report, Totals};
use crate::render::{plural, Align, Table};

/// The report as text: what was compared, a table of totals (every device, then each), the
/// most changed articles first, and the articles that could not be read.
///
/// ```
/// use adslot::diff::{text, Report, Totals};
/// let report = Report {
///     a: "a.toml".into(), b: "b.toml".into(), devices: vec!["mobile".into()],
///     totals: Totals { articles: 2, changed: 1, ads_a: 4, ads_b: 5, ..Default::default() },
///     by_device: Vec::new(), distributions: Default::default(), most_changed: Vec::new(),
///     error_list: Vec::new(), errors: 0,
/// };
/// let out = text(&report);
/// assert!(out.starts_with("a.toml -> b.toml on mobile: 2 articles compared, 1 changed, ads 4 -> 5 (+25.0%)\n"));
/// ```
pub fn text(report: &Report) -> String {
    let t = &report.totals;
    let mut out = format!(
        "{} -> {} on {}: {} compared, {} changed, ads {} -> {} ({})\n",
        report.a,
        report.b,
        report.devices.join(", "),
        plural(t.articles, "article", "articles"),
        t.changed,
        t.ads_a,
        t.ads_b,
        percent(t),
    );
    if report.errors > 0 {
        let _ = writeln!(
            out,
            "{} could not be compared",
            plural(report.errors, "article", "articles")
        );
    }
    out.push('\n');
    let mut table = Table::new(&[
        ("device", Align::Left),
        ("articles", Align::Right),
        ("changed", Align::Right),
        ("ads A", Align::Right),
        ("ads B", Align::Right),
        ("ads", Align::Right),
        ("density A", Align::Right),
        ("density B", Align::Right),
        ("lose first", Align::Right),
        ("gain first", Align::Right),
        ("first deeper", Align::Right),
        ("first higher", Align::Right),
        ("moved", Align::Right),
        ("added", Align::Right),
        ("removed", Align::Right),
    ]);
    let rows = std::iter::once(("all", t)).chain(
        report
            .by_device
            .iter()
            .map(|d| (d.device.as_str(), &d.totals)),
    );
    for (device, t) in rows {
        table.row(vec![
            device.to_string(),
            t.articles.to_string(),
            t.changed.to_string(),
            t.ads_a.to_string(),
            t.ads_b.to_string(),
            percent(t),
            mean(t.density_a, t.articles),
            mean(t.density_b, t.articles),
            t.lose_first_ad.to_string(),
            t.gain_first_ad.to_string(),
            t.first_ad_deeper.to_string(),
            t.first_ad_shallower.to_string(),
            t.moved.to_string(),
            t.added.to_string(),
            t.removed.to_string(),
        ]);
    }
    table.write(&mut out, "");
    if !report.most_changed.is_empty() {
        let _ = writeln!(
            out,
            "\nmost changed ({} of {}):",
            report.most_changed.len(),
            t.changed
        );
        let mut table = Table::new(&[
            ("article", Align::Left),
            ("device", Align::Left),
            ("ads", Align::Right),
            ("density", Align::Right),
            ("first ad (words)", Align::Right),
            ("moved", Align::Right),
            ("added", Align::Right),
            ("removed", Align::Right),
            ("resized", Align::Right),
        ]);
        for d in &report.most_changed {
            table.row(article_row(d));
        }
        table.write(&mut out, "  ");
    }
    if !report.error_list.is_empty() {
        let _ = writeln!(
            out,
            "\nnot compared ({} of {}):",
            report.error_list.len(),
            report.errors
        );
        for e in &report.error_list {
            let _ = writeln!(out, "  {}", e.message);
        }
    }
    out
}

fn article_row(d: &ArticleDiff) -> Vec<String> {
    let first = |s: &super::Side| {
        s.first_ad
            .map_or("-".to_string(), |f| f.words_above.to_string())
    };
    vec![
        d.source.clone(),
        d.device.clone(),
        format!("{} -> {}", d.a.ads, d.b.ads),
        format!("{:.2} -> {:.2}", d.a.density, d.b.density),
        format!("{} -> {}", first(&d.a), first(&d.b)),
        d.moved.to_string(),
        d.added.to_string(),
        d.removed.to_string(),
        d.resized.to_string(),
    ]
}

/// The change in ads as `+6.7%`, `-10.0%`, `0.0%`, or `new` when A placed none and B some.
pub(crate) fn percent(t: &Totals) -> String {
    match t.ads_change_percent() {
        Some(p) if p > 0.0 => format!("+{p:.1}%"),
        Some(p) => format!("{p:.1}%"),
        None if t.ads_b > 0 => "new".to_string(),
        None => "0.0%".to_string(),
    }
}

/// A mean density from a sum over `n`.
pub(crate) fn mean(sum: f64, n: u64) -> String {
    if n == 0 {
        return "-".to_string();
    }
    format!("{:.3}", sum / n as f64)
}
