//! The WebAssembly module of the `adslot` npm package: each export translates its arguments
//! (articles and documents as UTF-8 bytes in, see `input`), calls the library, and translates
//! the answer (JSON text out, which the package's JavaScript half parses); errors cross as JSON
//! text too (see `errors`).
//!
//! The JavaScript half (`js/core.js`) is the package's API: `Rules`, `Article`, `place`,
//! `insert`, `layout`, `preview`, `AdslotError`. These exports are its internals.
#![forbid(unsafe_code)]

mod errors;
mod input;
mod preview;

use adslot::{engine, render, PlaceOptions};
use wasm_bindgen::prelude::*;

use errors::{Failure, Subject};
use input::Source;
pub use preview::preview;

/// A loaded rule file, held by the JavaScript `Rules`.
#[wasm_bindgen]
pub struct RawRules {
    inner: adslot::Rules,
}

#[wasm_bindgen]
impl RawRules {
    /// The rule file `text`, named `name` in errors and warnings; every problem of the file
    /// at once as a `rules` error.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str, name: &str) -> Result<RawRules, JsValue> {
        adslot::Rules::from_toml(name, text)
            .map(|inner| RawRules { inner })
            .map_err(|e| Failure::of(&e, Subject::Rules).into())
    }

    /// The built-in rules: every default, devices `mobile` and `desktop`, no anchors.
    pub fn builtin() -> RawRules {
        RawRules {
            inner: adslot::Rules::default(),
        }
    }

    /// The rule file's name for itself (its top-level `name`).
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name.clone()
    }

    /// The device used when none is asked for.
    #[wasm_bindgen(getter, js_name = defaultDevice)]
    pub fn default_device(&self) -> String {
        self.inner.default_device.clone()
    }

    /// The names of the devices, `mobile` and `desktop` always among them.
    #[wasm_bindgen(getter)]
    pub fn devices(&self) -> Vec<String> {
        self.inner
            .device_names()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The summary `adslot check` prints, as JSON (`adslot::rules::Summary`), with the
    /// warnings as problems (`path`, `line`, `column`, `message`, `help`).
    pub fn summary(&self) -> Result<String, JsValue> {
        let summary = adslot::rules::Summary::of(&self.inner);
        let mut value = serde_json::to_value(&summary).map_err(internal)?;
        value["warnings"] = errors::problems(&self.inner.warnings);
        Ok(value.to_string())
    }
}

/// An article read once (held by the JavaScript `Article`), to place under many rule files
/// without reading it again.
#[wasm_bindgen]
pub struct RawArticle {
    inner: adslot::Article,
}

#[wasm_bindgen]
impl RawArticle {
    /// The article in `article` (UTF-8: an article object's JSON text when `object`, else a
    /// document read as `format`, else by `name`'s extension, else by its content), a
    /// document read with `rules`' `[html]` settings.
    #[wasm_bindgen(constructor)]
    pub fn new(
        article: &[u8],
        object: bool,
        format: Option<String>,
        name: &str,
        rules: &RawRules,
    ) -> Result<RawArticle, JsValue> {
        let source = Source::new(article, object, format.as_deref(), name)?;
        let read = source.read(&rules.inner)?;
        Ok(RawArticle {
            inner: read.into_article(),
        })
    }

    /// The number of blocks.
    #[wasm_bindgen(getter)]
    pub fn blocks(&self) -> usize {
        self.inner.blocks.len()
    }

    /// The article's `id`, if it has one.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> Option<String> {
        self.inner.id.clone()
    }
}

/// Places ads in `article` (UTF-8: an article object's JSON text when `object`, else a
/// document read as `format`, else by `name`'s extension, else by its content) and returns
/// the plan as `adslot place` prints it in JSON.
#[wasm_bindgen]
pub fn place(
    article: &[u8],
    object: bool,
    format: Option<String>,
    name: &str,
    rules: &RawRules,
    device: Option<String>,
    explain: bool,
) -> Result<String, JsValue> {
    let source = Source::new(article, object, format.as_deref(), name)?;
    let read = source.read(&rules.inner)?;
    place_on(read.article(), rules, device, explain)
}

/// Places ads in an article read before, as `place` does.
#[wasm_bindgen(js_name = placeArticle)]
pub fn place_article(
    article: &RawArticle,
    rules: &RawRules,
    device: Option<String>,
    explain: bool,
) -> Result<String, JsValue> {
    place_on(&article.inner, rules, device, explain)
}

/// The plan of `article` by `rules` on `device`, in JSON.
fn place_on(
    article: &adslot::Article,
    rules: &RawRules,
    device: Option<String>,
    explain: bool,
) -> Result<String, JsValue> {
    let mut options = PlaceOptions::new().explain(explain);
    options.device = device;
    let plan = adslot::place(article, &rules.inner, &options).map_err(call_error)?;
    Ok(render::json(&plan))
}

/// The document `source` (UTF-8, read as `format`, else by `name`'s extension or its content)
/// with a slot element written at each placement, in its own format, not one other character
/// changed.
#[wasm_bindgen]
pub fn insert(
    source: &[u8],
    object: bool,
    format: Option<String>,
    name: &str,
    rules: &RawRules,
    device: Option<String>,
) -> Result<String, JsValue> {
    let source = Source::new(source, object, format.as_deref(), name)?;
    let rules = &rules.inner;
    let doc = source.document(rules)?;
    let mut options = PlaceOptions::new();
    options.device = device;
    let plan = adslot::place(doc.article(), rules, &options).map_err(call_error)?;
    doc.write_slots(&plan, rules)
        .map_err(|e| Failure::of(&e, Subject::Article).into())
}

/// The estimated geometry of `article` (taken as by `place`) without ads, as `adslot layout`
/// prints it in JSON: on `device` of `rules`, at `columns`
/// instead of the device's fonts and columns if given, hyphenated (en-US) if `hyphenate` or
/// the device asks.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn layout(
    article: &[u8],
    object: bool,
    format: Option<String>,
    name: &str,
    rules: &RawRules,
    device: Option<String>,
    columns: Option<u32>,
    hyphenate: bool,
) -> Result<String, JsValue> {
    let source = Source::new(article, object, format.as_deref(), name)?;
    let rules = &rules.inner;
    let device = rules.select_device(device.as_deref()).map_err(call_error)?;
    let read = source.read(rules)?;
    if columns == Some(0) {
        return Err(Failure::call("columns must be at least 1").into());
    }
    let geometry = engine::estimate(
        read.article(),
        device,
        columns.map(|c| c as usize),
        hyphenate,
    );
    Ok(render::layout_json(&geometry))
}

/// The formats' names, in the library's order.
#[wasm_bindgen]
pub fn formats() -> Vec<String> {
    adslot::formats::ALL
        .iter()
        .map(|f| f.name().to_string())
        .collect()
}

/// The library's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// An error of the call's other arguments (an unknown device).
pub(crate) fn call_error(e: adslot::Error) -> JsValue {
    Failure::of(&e, Subject::Call).into()
}

/// A serialization failure of the library's own types: a bug, not bad input, so a plain
/// JavaScript `Error`.
fn internal(e: serde_json::Error) -> JsValue {
    JsError::new(&e.to_string()).into()
}
