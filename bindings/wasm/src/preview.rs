//! `preview()`: the self-contained HTML page `adslot preview --html` writes, from the library's
//! painter (`render::preview::paint_html`) on the same models, so the two are byte-identical.

use adslot::render::preview::{self, Preview};
use adslot::rules::Device;
use adslot::PlaceOptions;
use std::path::Path;
use wasm_bindgen::prelude::*;

use crate::input::Source;
use crate::{call_error, RawRules};

/// The HTML preview page of `article` (taken as by `place`) on `device` of `rules` (`"all"`:
/// every device side by side; default: the rules' default device), with every gap's reasons;
/// the lines drawn at `width` columns if given (the plan stays the device's). The page is
/// titled by the article's id, else by `name`'s file name, as the CLI titles it by its file's.
#[wasm_bindgen]
pub fn preview(
    article: &[u8],
    object: bool,
    format: Option<String>,
    name: &str,
    rules: &RawRules,
    device: Option<String>,
    width: Option<u32>,
) -> Result<String, JsValue> {
    let source = Source::new(article, object, format.as_deref(), name)?;
    let rules = &rules.inner;
    let devices: Vec<&Device> = match device.as_deref() {
        Some("all") => rules.devices.iter().collect(),
        d => vec![rules.select_device(d).map_err(call_error)?],
    };
    let read = source.read(rules)?;
    let story = read.article();
    let models = devices
        .iter()
        .map(|d| {
            let mut options = PlaceOptions::new().explain(true);
            options.device = Some(d.name.clone());
            let plan = adslot::place(story, rules, &options).map_err(call_error)?;
            Ok(Preview::new(
                story,
                rules,
                d,
                &plan,
                width.map(|w| w as usize),
            ))
        })
        .collect::<Result<Vec<_>, JsValue>>()?;
    let title = story.id.clone().unwrap_or_else(|| {
        Path::new(name)
            .file_name()
            .map_or_else(|| "-".into(), |n| n.to_string_lossy().into_owned())
    });
    Ok(preview::paint_html(&models, &title))
}
