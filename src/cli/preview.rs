//! `adslot preview`: one or many articles, one or every device, drawn for the terminal or
//! written as self-contained HTML pages.

use std::path::{Path, PathBuf};

use adslot::render::preview::{self, Preview};
use adslot::rules::Device;
use adslot::{Article, PlaceOptions, Rules};

/// The devices `--device` names: one, the default, or `all` (every device of the rule file,
/// mobile and desktop first).
pub fn devices<'r>(rules: &'r Rules, device: Option<&str>) -> anyhow::Result<Vec<&'r Device>> {
    if device == Some("all") {
        return Ok(rules.devices.iter().collect());
    }
    Ok(vec![rules.select_device(device)?])
}

/// One article's plans on `devices`, as preview models drawn at `width` columns (the device's
/// if `None`). `explain`: with every gap's reasons.
pub fn models<'a>(
    story: &'a Article,
    rules: &Rules,
    devices: &[&Device],
    width: Option<usize>,
    explain: bool,
) -> anyhow::Result<Vec<Preview<'a>>> {
    devices
        .iter()
        .map(|device| {
            let mut options = PlaceOptions::new().explain(explain);
            options.device = Some(device.name.clone());
            let plan = adslot::place(story, rules, &options)?;
            Ok(Preview::new(story, rules, device, &plan, width))
        })
        .collect()
}

/// The terminal drawing of the models, one device after the other (each titled when several).
pub fn terminal(models: &[Preview], color: bool) -> String {
    let mut out = String::new();
    for model in models {
        if models.len() > 1 {
            out.push_str(&format!("== {} ==\n", model.device));
        }
        out.push_str(&preview::paint_ansi(model, color));
    }
    out
}

/// Where the HTML page of `article` goes: `out` itself for one article, else a file in the
/// directory `out` named after the article's file (`story.json` -> `story.json.html`, so
/// `story.json` and `story.html` do not collide).
pub fn html_path(out: &Path, article: &Path, many: bool) -> PathBuf {
    if !many {
        return out.to_path_buf();
    }
    let name = article
        .file_name()
        .map_or_else(|| "article".into(), |n| n.to_string_lossy().into_owned());
    out.join(format!("{name}.html"))
}

/// The page's title: the article's id, else its file name.
pub fn title(story: &Article, path: &Path) -> String {
    story.id.clone().unwrap_or_else(|| {
        path.file_name()
            .map_or_else(|| "-".into(), |n| n.to_string_lossy().into_owned())
    })
}

/// Writes `text` to `path`, saying which file could not be written.
pub fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text)
        .map_err(|e| anyhow::anyhow!("{}: cannot write the preview: {e}", path.display()))
}
