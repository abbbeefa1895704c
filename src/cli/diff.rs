//! `adslot diff`: the comparison of two rule files over a corpus, written as text, JSON or an
//! HTML report with a side-by-side preview per changed article.

use std::path::Path;

use adslot::diff::{self, Report};
use adslot::Rules;

/// Exit status when B places something differently from A (0: nothing changed).
pub const CHANGED: u8 = 1;
/// Exit status of an error: a rule file, the corpus or an article could not be read.
pub const ERROR: u8 = 2;

/// The exit status a report calls for: an article not compared is an error, else whether
/// anything changed.
pub fn status(report: &Report) -> u8 {
    if report.errors > 0 {
        ERROR
    } else if report.changed() {
        CHANGED
    } else {
        0
    }
}

/// The report as JSON (pretty, one trailing newline).
pub fn json(report: &Report) -> String {
    // The report holds strings, numbers and lists only: serializing cannot fail.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the HTML report to `dir/index.html` and each listed article's side-by-side preview
/// to `dir/preview-N.html`; says what it wrote.
pub fn write_html(dir: &Path, report: &Report, a: &Rules, b: &Rules) -> anyhow::Result<String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot create the directory: {e}", dir.display()))?;
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text)
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))
    };
    for (i, d) in report.most_changed.iter().enumerate() {
        write(&preview_name(i), &diff::html_preview(d, a, b)?)?;
    }
    write(
        "index.html",
        &diff::html(report, |i, _| Some(preview_name(i))),
    )?;
    Ok(format!(
        "wrote {} and {} side-by-side previews\n",
        dir.join("index.html").display(),
        report.most_changed.len()
    ))
}

fn preview_name(i: usize) -> String {
    format!("preview-{}.html", i + 1)
}
