//! Fonts a rule file names: a built-in family's style, or a file (a face, or a metrics table that
//! `adslot font` wrote), recognised by its content and read once per path.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::builtin::{family, Style};
use super::error::FontError;
use super::face::{Container, Face};
use super::measure::Font;
use super::table::Metrics;

/// The largest font file read (a CJK collection is 20-40 MB).
pub const MAX_FONT_BYTES: u64 = 64 << 20;

/// What a rule file's font value names: a path (it holds `/` or `\` or ends in a font file's or
/// a table's extension) or a built-in family.
///
/// ```
/// use adslot::font::FontName;
/// assert_eq!(FontName::of("times"), FontName::Family("times"));
/// assert_eq!(FontName::of("fonts/Body.woff2"), FontName::File("fonts/Body.woff2"));
/// assert_eq!(FontName::of("Brand.adm"), FontName::File("Brand.adm"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FontName<'a> {
    /// A built-in family (`times`, `Times New Roman`, `roboto`, ...).
    Family(&'a str),
    /// A font file or metrics table, relative to the rule file.
    File(&'a str),
}

/// File name endings read as files rather than family names.
const FILE_EXTENSIONS: [&str; 6] = [".ttf", ".otf", ".ttc", ".woff", ".woff2", ".adm"];

impl<'a> FontName<'a> {
    /// Classifies a value.
    pub fn of(value: &'a str) -> FontName<'a> {
        let lower = value.to_ascii_lowercase();
        if value.contains(['/', '\\']) || FILE_EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
            FontName::File(value)
        } else {
            FontName::Family(value)
        }
    }
}

/// Reads one font file: a face (TTF, OTF, TTC, WOFF, WOFF2: shaped with harfrust) or a metrics
/// table written by [`Metrics::to_bytes`] (`adslot font FILE --out table.adm`), told apart by
/// their first bytes.
///
/// ```
/// use adslot::font::{load_file, FontError};
/// let err = load_file("no/such/font.woff2").unwrap_err();
/// assert!(matches!(err, FontError::Io { .. }), "{err}");
/// ```
pub fn load_file(path: impl AsRef<Path>) -> Result<Font, FontError> {
    let path = path.as_ref();
    let label = path.display().to_string();
    let io = |source| FontError::Io {
        path: label.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_FONT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FONT_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(FontError::TooLarge {
            path: label,
            size,
            limit: MAX_FONT_BYTES,
        });
    }
    load_bytes(label, bytes)
}

/// [`load_file`] on bytes already read; `label` names them in errors.
pub fn load_bytes(label: String, bytes: Vec<u8>) -> Result<Font, FontError> {
    if bytes.starts_with(super::table::MAGIC) {
        return Ok(Font::Metrics(Arc::new(Metrics::from_bytes(
            &label, &bytes,
        )?)));
    }
    if Container::sniff(&bytes).is_none() {
        let head: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02x}")).collect();
        return Err(FontError::Format {
            name: label,
            detail: format!(
                "the file starts with bytes {} (nor is it a table written by `adslot font`)",
                head.join(" ")
            ),
        });
    }
    Ok(Font::Face(Arc::new(Face::from_bytes(label, bytes)?)))
}

/// Fonts read while loading one rule file: each path is read once, however many devices and
/// roles name it, and the [`Font`]s share its data.
#[derive(Debug, Default)]
pub struct FontCache {
    files: HashMap<PathBuf, Font>,
}

impl FontCache {
    /// An empty cache.
    pub fn new() -> FontCache {
        FontCache::default()
    }

    /// The font a rule-file value names in `style`: a built-in family's table of that style,
    /// or the file at `value` (relative to `base`), whatever the style (a file is one face).
    ///
    /// ```
    /// use adslot::font::{FontCache, Style};
    /// let mut cache = FontCache::new();
    /// let bold = cache.font("Times New Roman", Style::Bold, ".".as_ref())?;
    /// assert_eq!(bold.name(), "Liberation Serif Bold");
    /// # Ok::<(), adslot::font::FontError>(())
    /// ```
    pub fn font(&mut self, value: &str, style: Style, base: &Path) -> Result<Font, FontError> {
        match FontName::of(value) {
            FontName::Family(name) => Ok(Font::Builtin(family(name)?.style(style))),
            FontName::File(file) => self.file(&base.join(file)),
        }
    }

    /// The font file at `path`, read on first use.
    pub fn file(&mut self, path: &Path) -> Result<Font, FontError> {
        if let Some(f) = self.files.get(path) {
            return Ok(f.clone());
        }
        let f = load_file(path)?;
        self.files.insert(path.to_path_buf(), f.clone());
        Ok(f)
    }
}

impl Font {
    /// The font's name for people: family and style, e.g. `Liberation Serif Bold`.
    ///
    /// ```
    /// let f = adslot::font::Font::Builtin(adslot::font::builtin("roboto").unwrap());
    /// assert_eq!(f.name(), "Roboto Regular");
    /// ```
    pub fn name(&self) -> String {
        let (family, style) = match self {
            Font::Face(f) => (f.family(), f.style()),
            Font::Metrics(m) => (m.family(), m.style()),
            Font::Builtin(m) => (m.family(), m.style()),
        };
        match (family.is_empty(), style.is_empty()) {
            (true, _) => match self {
                Font::Face(f) => f.label().to_string(),
                _ => "(unnamed font)".to_string(),
            },
            (false, true) => family.to_string(),
            (false, false) => format!("{family} {style}"),
        }
    }

    /// The family name alone, e.g. `Liberation Serif`.
    pub fn family(&self) -> &str {
        match self {
            Font::Face(f) => f.family(),
            Font::Metrics(m) => m.family(),
            Font::Builtin(m) => m.family(),
        }
    }
}
