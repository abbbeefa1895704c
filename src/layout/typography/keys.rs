//! The font keys of `[device.NAME]` (the ones that are not numbers): key, default and doc, in the
//! reference's order.

/// One font key of `[device.NAME]`: the keys that are not numbers (the numbers, `font_px`,
/// `letter_spacing_px`..., are profile keys).
#[derive(Clone, Copy, Debug)]
pub struct FontKey {
    /// The TOML key.
    pub key: &'static str,
    /// Its default as TOML; `None` when unset by default.
    pub default: Option<&'static str>,
    /// What it means.
    pub doc: &'static str,
    /// Whether it takes an array of strings (otherwise one string).
    pub list: bool,
}

/// Every font key of `[device.NAME]`, in the reference's order.
pub static FONT_KEYS: &[FontKey] = &[
    FontKey {
        key: "font_family",
        default: None,
        doc: "Body font, a built-in family: `times` (Liberation Serif, metric-compatible with \
              Times New Roman), `arial` or `helvetica` (Liberation Sans), `dejavu-sans`, \
              `noto-serif`, `roboto`, `open-sans`, `inter`. Naming a font sets text in px as \
              Chromium breaks it (px mode) instead of counting columns.",
        list: false,
    },
    FontKey {
        key: "font",
        default: None,
        doc: "Body font as a file, relative to the rule file: TTF, OTF, TTC, WOFF, WOFF2, or a \
              table written by `adslot font FILE --out table.adm`.",
        list: false,
    },
    FontKey {
        key: "font_bold",
        default: None,
        doc: "Bold face of the body family (a file); unset: the family's own bold (built-in), \
              else the body face.",
        list: false,
    },
    FontKey {
        key: "font_italic",
        default: None,
        doc: "Italic face of the body family (a file), as `font_bold`.",
        list: false,
    },
    FontKey {
        key: "font_bold_italic",
        default: None,
        doc: "Bold italic face of the body family (a file), as `font_bold`.",
        list: false,
    },
    FontKey {
        key: "fonts",
        default: None,
        doc: "Candidates mode: several body families (built-in names or files), e.g. `[\"times\", \
              \"arial\", \"roboto\"]`, for pages whose font is not known (web fonts load late, the \
              fallback differs per platform). Every block is laid out in each; pixel rules hold \
              in each (spacing, clearance, from top/bottom against the shortest, density \
              against the worst), and placements report the first one's positions.",
        list: true,
    },
    FontKey {
        key: "heading_font_family",
        default: None,
        doc: "Font of headlines and headings: a built-in family; unset: the body family.",
        list: false,
    },
    FontKey {
        key: "heading_font",
        default: None,
        doc: "Font of headlines and headings as a file.",
        list: false,
    },
    FontKey {
        key: "heading_style",
        default: Some("\"bold\""),
        doc: "Style of headlines and headings: `regular`, `bold`, `italic` or `bold-italic` \
              (browsers set `h1`-`h6` bold).",
        list: false,
    },
    FontKey {
        key: "fallback",
        default: Some("[]"),
        doc: "Fonts for characters the body (or heading) font lacks, in order (built-in names or \
              files); a character none maps is 1 em if wide (CJK), else the font's `.notdef`.",
        list: true,
    },
    FontKey {
        key: "hyphens",
        default: Some("\"manual\""),
        doc: "CSS `hyphens` in px mode: `manual` (break at soft hyphens), `auto` (also by the \
              language's patterns; the default when `hyphenate = true`) or `none`.",
        list: false,
    },
    FontKey {
        key: "lang",
        default: Some("\"en-US\""),
        doc: "Language of `hyphens = \"auto\"` (patterns are built in for en-US).",
        list: false,
    },
    FontKey {
        key: "overflow_wrap",
        default: Some("\"break-word\""),
        doc: "CSS `overflow-wrap` in px mode: `break-word` (a word wider than the column \
              breaks between letters) or `normal` (it overflows).",
        list: false,
    },
];

/// The font key `key`, if it is one.
///
/// ```
/// assert!(adslot::layout::font_key("fonts").unwrap().list);
/// assert!(adslot::layout::font_key("font_px").is_none()); // a profile key
/// ```
pub fn font_key(key: &str) -> Option<&'static FontKey> {
    FONT_KEYS.iter().find(|k| k.key == key)
}

/// A font key's value as the rule file gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum FontValue {
    /// A string.
    One(String),
    /// An array of strings.
    List(Vec<String>),
}
