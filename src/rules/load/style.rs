//! The style keys of `[device.NAME]` (`stylesheet`, `viewport_width_px`, `content_root`) and its
//! `[device.NAME.style.KIND]` tables: read with located problems; then each device's `Styles`
//! are built from them and its profile, each stylesheet parsed once per rule file.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::DeValue;

use crate::error::Error;
use crate::layout::{BlockModel, DeviceProfile};
use crate::rules::read::{self, Problem, TomlValue};
use crate::rules::Device;
use crate::style::sheet::Stylesheet;
use crate::style::{
    KeyValue, KindOverride, StyleKey, StyleKind, StyleSettings, Styles, DEFAULT_CONTENT_ROOT,
    STYLE_KEYS,
};

/// Reads a stylesheet named in a rule file: the path as resolved, or the error.
pub type ReadFile<'a> = &'a dyn Fn(&Path) -> Result<String, Error>;

/// The `[device.NAME]` keys this file reads.
pub(super) const KEYS: [&str; 4] = ["stylesheet", "viewport_width_px", "content_root", "style"];

/// The viewport width of a device without `viewport_width_px`.
pub(crate) fn default_viewport_width(device: &str) -> f64 {
    if device == "desktop" {
        1280.0
    } else {
        375.0
    }
}

/// The styles of a device without style keys: the user-agent's and its profile's.
pub(crate) fn profile_styles(device: &str, p: &DeviceProfile) -> Styles {
    Styles::for_profile(
        p.font_px,
        p.line_height_px,
        p.content_width_px,
        default_viewport_width(device),
        p.viewport_height_px,
    )
}

/// Stylesheets read so far, by resolved path.
pub(super) struct Sheets<'a> {
    dir: Option<PathBuf>,
    read: ReadFile<'a>,
    parsed: Vec<(PathBuf, Arc<Stylesheet>)>,
}

impl<'a> Sheets<'a> {
    /// Paths relative to the directory of `origin` (the rule file), read with `read`.
    pub(super) fn new(origin: &str, read: ReadFile<'a>) -> Sheets<'a> {
        Sheets {
            dir: Path::new(origin).parent().map(Path::to_path_buf),
            read,
            parsed: Vec::new(),
        }
    }

    fn get(&mut self, name: &str) -> Result<Arc<Stylesheet>, Error> {
        let path = match &self.dir {
            Some(d) if Path::new(name).is_relative() => d.join(name),
            _ => PathBuf::from(name),
        };
        if let Some((_, s)) = self.parsed.iter().find(|(p, _)| *p == path) {
            return Ok(s.clone());
        }
        let text = (self.read)(&path)?;
        let sheet = Arc::new(Stylesheet::parse(
            &crate::source::display_name(&path),
            &text,
        ));
        self.parsed.push((path, sheet.clone()));
        Ok(sheet)
    }
}

/// Reads a file from disk (the rule file's loader when nothing else is given).
pub fn read_from_disk(path: &Path) -> Result<String, Error> {
    let bytes = crate::source::read_input(path, crate::source::DEFAULT_MAX_INPUT_BYTES)?;
    let origin = crate::source::display_name(path);
    Ok(crate::source::decode(&origin, &bytes)?.to_string())
}

/// A device's style keys as read, before its styles are built.
#[derive(Default)]
pub(super) struct DeviceStyle {
    stylesheet: Option<(String, Range<usize>)>,
    viewport_width: Option<f64>,
    content_root: Option<(String, Range<usize>)>,
    kinds: Vec<KindOverride>,
    span: Option<Range<usize>>,
}

/// Reads one of [`KEYS`] of `[device.NAME]`; `false` for any other key.
pub(super) fn field(
    ds: &mut DeviceStyle,
    device: &str,
    key: &str,
    v: &TomlValue<'_>,
    problems: &mut Vec<Problem>,
) -> bool {
    ds.span.get_or_insert(v.span());
    match key {
        "stylesheet" => {
            if let Some(s) = read::string(v, key, problems) {
                ds.stylesheet = Some((s, v.span()));
            }
        }
        "content_root" => {
            if let Some(s) = read::string(v, key, problems) {
                match crate::style::parse_chain(&s) {
                    Ok(_) => ds.content_root = Some((s, v.span())),
                    Err(e) => problems.push(Problem::new(v.span(), format!("`content_root`: {e}"))),
                }
            }
        }
        "viewport_width_px" => match read::number(v) {
            Some(x) if x > 0.0 && x.is_finite() => ds.viewport_width = Some(x),
            Some(_) => problems.push(Problem::new(
                v.span(),
                "`viewport_width_px` must be greater than 0",
            )),
            None => problems.push(read::wrong_type(v, key, "a number")),
        },
        "style" => kinds(ds, device, v, problems),
        _ => return false,
    }
    true
}

/// `[device.NAME.style.KIND]` tables.
fn kinds(ds: &mut DeviceStyle, device: &str, v: &TomlValue<'_>, problems: &mut Vec<Problem>) {
    let DeValue::Table(tables) = v.get_ref() else {
        problems.push(read::wrong_type(
            v,
            "style",
            "[device.NAME.style.KIND] tables",
        ));
        return;
    };
    for (name, table) in tables {
        let kind = match StyleKind::parse(name.get_ref()) {
            Ok(k) => k,
            Err(near) => {
                problems.push(
                    Problem::new(
                        name.span(),
                        format!(
                            "unknown style kind `{}` in [device.{device}.style]",
                            name.get_ref()
                        ),
                    )
                    .help(crate::suggest::did_you_mean(near)),
                );
                continue;
            }
        };
        let section = format!("device.{device}.style.{}", kind.name());
        let mut o = KindOverride {
            kind,
            selector: None,
            declarations: Vec::new(),
            written: Vec::new(),
        };
        let mut line_height: Option<(&str, Range<usize>)> = None;
        let unknown = read::walk(table, kind.name(), problems, |key, v, p| {
            let Some(k) = StyleKey::get(key) else {
                return false;
            };
            let value = match v.get_ref() {
                DeValue::String(s) => KeyValue::Text(s.to_string()),
                _ => match read::number(v) {
                    Some(n) if n.is_finite() => KeyValue::Number(n),
                    _ => {
                        p.push(read::wrong_type(v, key, "a number or a string"));
                        return true;
                    }
                },
            };
            if key.starts_with("line_height") {
                if let Some((other, _)) = &line_height {
                    p.push(Problem::new(
                        v.span(),
                        format!("`{key}` and `{other}` both set the line height: keep one"),
                    ));
                    return true;
                }
                line_height = Some((k.key, v.span()));
            }
            match k.declarations(&value) {
                Ok(decls) => {
                    if key == "selector" {
                        if let KeyValue::Text(t) = &value {
                            o.selector = Some(t.clone());
                        }
                    }
                    o.declarations.extend(decls);
                    let shown = match &value {
                        // As written: `22`, not `22.0`.
                        KeyValue::Number(n) => format!("{n}"),
                        KeyValue::Text(t) => crate::rules::values::toml_string(t),
                    };
                    o.written.push(format!("{key} = {shown}"));
                }
                Err(message) => p.push(Problem::new(v.span(), message)),
            }
            true
        });
        let known: Vec<&str> = STYLE_KEYS.iter().map(|k| k.key).collect();
        for u in unknown.unwrap_or_default() {
            problems.push(read::unknown_key(&u, &read::section_name(&section), &known));
        }
        ds.kinds.push(o);
    }
}

/// Builds the device's styles from what was read and its (final) profile.
pub(super) fn finish(
    sheets: &mut Sheets<'_>,
    device: &mut Device,
    ds: DeviceStyle,
    problems: &mut Vec<Problem>,
) {
    let p = &device.profile;
    let mut settings = StyleSettings::new(
        ds.viewport_width
            .unwrap_or_else(|| default_viewport_width(&device.name)),
        p.viewport_height_px,
    )
    .with_profile(p.font_px, p.line_height_px, p.content_width_px)
    .with_content_root(
        ds.content_root
            .as_ref()
            .map_or(DEFAULT_CONTENT_ROOT, |(s, _)| s.as_str()),
    );
    let mut sheet = None;
    if let Some((name, span)) = &ds.stylesheet {
        match sheets.get(name) {
            Ok(s) => sheet = Some(s),
            Err(e) => {
                problems.push(Problem::new(
                    span.clone(),
                    format!("cannot read the stylesheet `{name}`: {e}"),
                ));
                return;
            }
        }
        settings.stylesheet = Some(name.clone());
    }
    // Any style key puts the device on the block model; none keeps the profile's stacking.
    let styled = ds.stylesheet.is_some()
        || ds.viewport_width.is_some()
        || ds.content_root.is_some()
        || !ds.kinds.is_empty();
    let has_sheet = sheet.is_some();
    match Styles::new(settings, sheet, ds.kinds) {
        Ok(s) => {
            if styled {
                let model = BlockModel::new(&s);
                if has_sheet {
                    // The column is the content root's, as the stylesheet sizes it.
                    device.profile.content_width_px = model.column_width_px.max(1.0);
                }
                device.profile.blocks = Some(Arc::new(model));
            }
            device.styles = s;
        }
        Err(e) => problems.push(Problem::new(ds.span.unwrap_or(0..0), e.to_string())),
    }
}
