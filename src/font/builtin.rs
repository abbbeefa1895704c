//! The built-in metrics tables (under `fonts/`, generated from open metric-compatible faces) and
//! the family names and aliases a rule file can use for them.

use std::sync::OnceLock;

use super::error::FontError;
use super::table::Metrics;

/// A style of a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Style {
    /// Upright, normal weight.
    Regular,
    /// Bold (700).
    Bold,
    /// Italic (or oblique).
    Italic,
    /// Bold italic.
    BoldItalic,
}

impl Style {
    /// Every style, in table order.
    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];

    /// The suffix of the table file name: `regular`, `bold`, `italic`, `bold-italic`.
    pub fn file_suffix(self) -> &'static str {
        match self {
            Style::Regular => "regular",
            Style::Bold => "bold",
            Style::Italic => "italic",
            Style::BoldItalic => "bold-italic",
        }
    }
}

/// Where a built-in family comes from and what a rule file may call it.
#[derive(Debug)]
pub struct BuiltinSource {
    /// The family's key (its table files are `fonts/KEY-STYLE.adm`).
    pub key: &'static str,
    /// Other names for it: the proprietary faces it is metric-compatible with, and its own name.
    pub aliases: &'static [&'static str],
    /// The font file each style's table was generated from (Debian's font packages).
    pub files: [&'static str; 4],
    tables: [&'static [u8]; 4],
}

#[cfg(feature = "builtin-fonts")]
macro_rules! tables {
    ($key:literal) => {
        [
            include_bytes!(concat!("../../fonts/", $key, "-regular.adm")),
            include_bytes!(concat!("../../fonts/", $key, "-bold.adm")),
            include_bytes!(concat!("../../fonts/", $key, "-italic.adm")),
            include_bytes!(concat!("../../fonts/", $key, "-bold-italic.adm")),
        ]
    };
}

/// Without the `builtin-fonts` feature the families keep their names (so a rule file naming one
/// gets a clear error) but no tables.
#[cfg(not(feature = "builtin-fonts"))]
macro_rules! tables {
    ($key:literal) => {
        [&[], &[], &[], &[]]
    };
}

/// Whether this build has the built-in tables (cargo feature `builtin-fonts`, on by default).
pub const HAS_BUILTIN_TABLES: bool = cfg!(feature = "builtin-fonts");

/// The built-in families, their aliases and the files their tables were made from.
pub const BUILTIN: &[BuiltinSource] = &[
    BuiltinSource {
        key: "liberation-serif",
        aliases: &[
            "times",
            "times-new-roman",
            "timesnewroman",
            "tinos",
            "liberation-serif",
        ],
        files: [
            "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSerif-BoldItalic.ttf",
        ],
        tables: tables!("liberation-serif"),
    },
    BuiltinSource {
        key: "liberation-sans",
        aliases: &[
            "arial",
            "helvetica",
            "helvetica-neue",
            "arimo",
            "liberation-sans",
        ],
        files: [
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-BoldItalic.ttf",
        ],
        tables: tables!("liberation-sans"),
    },
    BuiltinSource {
        key: "dejavu-sans",
        aliases: &["dejavu", "dejavu-sans", "bitstream-vera-sans"],
        files: [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf",
        ],
        tables: tables!("dejavu-sans"),
    },
    BuiltinSource {
        key: "noto-serif",
        aliases: &["noto-serif"],
        files: [
            "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
            "/usr/share/fonts/truetype/noto/NotoSerif-Bold.ttf",
            "/usr/share/fonts/truetype/noto/NotoSerif-Italic.ttf",
            "/usr/share/fonts/truetype/noto/NotoSerif-BoldItalic.ttf",
        ],
        tables: tables!("noto-serif"),
    },
    BuiltinSource {
        key: "roboto",
        aliases: &["roboto"],
        files: [
            "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
            "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf",
            "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Italic.ttf",
            "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-BoldItalic.ttf",
        ],
        tables: tables!("roboto"),
    },
    BuiltinSource {
        key: "open-sans",
        aliases: &["open-sans", "opensans"],
        files: [
            "/usr/share/fonts/truetype/open-sans/OpenSans-Regular.ttf",
            "/usr/share/fonts/truetype/open-sans/OpenSans-Bold.ttf",
            "/usr/share/fonts/truetype/open-sans/OpenSans-Italic.ttf",
            "/usr/share/fonts/truetype/open-sans/OpenSans-BoldItalic.ttf",
        ],
        tables: tables!("open-sans"),
    },
    BuiltinSource {
        key: "inter",
        aliases: &["inter"],
        files: [
            "/usr/share/fonts/opentype/inter/Inter-Regular.otf",
            "/usr/share/fonts/opentype/inter/Inter-Bold.otf",
            "/usr/share/fonts/opentype/inter/Inter-Italic.otf",
            "/usr/share/fonts/opentype/inter/Inter-BoldItalic.otf",
        ],
        tables: tables!("inter"),
    },
];

impl BuiltinSource {
    /// The committed table file of `style`, relative to the repository root.
    pub fn table_path(&self, style: Style) -> String {
        format!("fonts/{}-{}.adm", self.key, style.file_suffix())
    }
}

/// A built-in family: one metrics table per style.
#[derive(Debug)]
pub struct Family {
    /// The family's key, e.g. `liberation-serif`.
    pub key: &'static str,
    styles: [Metrics; 4],
}

impl Family {
    /// The table of `style`.
    pub fn style(&self, style: Style) -> &Metrics {
        &self.styles[Style::ALL.iter().position(|s| *s == style).unwrap_or(0)]
    }

    /// The regular table.
    pub fn regular(&self) -> &Metrics {
        &self.styles[0]
    }
}

fn families() -> &'static [Result<Family, String>] {
    static FAMILIES: OnceLock<Vec<Result<Family, String>>> = OnceLock::new();
    FAMILIES.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|src| {
                let mut styles = Vec::with_capacity(4);
                for (style, bytes) in Style::ALL.iter().zip(src.tables) {
                    let m = Metrics::from_bytes(&src.table_path(*style), bytes)
                        .map_err(|e| e.to_string())?;
                    styles.push(m);
                }
                let styles: [Metrics; 4] =
                    styles.try_into().map_err(|_| "four styles".to_string())?;
                Ok(Family {
                    key: src.key,
                    styles,
                })
            })
            .collect()
    })
}

/// `Times New Roman` -> `times-new-roman`: lowercase, quotes dropped, spaces and `_` as `-`.
fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().trim_matches(|c| c == '"' || c == '\'').chars() {
        match c {
            ' ' | '_' | '-' => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out.trim_end_matches('-').to_string()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The built-in family a rule file names (`times`, `Times New Roman`, `arial`, `roboto`...).
///
/// ```
/// let f = adslot::font::family("Times New Roman")?;
/// assert_eq!(f.key, "liberation-serif");
/// assert_eq!(f.style(adslot::font::Style::Bold).style(), "Bold");
/// let err = adslot::font::family("robto").unwrap_err();
/// assert!(err.to_string().contains("did you mean `roboto`?"), "{err}");
/// # Ok::<(), adslot::font::FontError>(())
/// ```
pub fn family(name: &str) -> Result<&'static Family, FontError> {
    let wanted = normalise(name);
    let index = BUILTIN
        .iter()
        .position(|s| s.key == wanted || s.aliases.contains(&wanted.as_str()));
    match index {
        Some(_) if !HAS_BUILTIN_TABLES => Err(FontError::BuiltinDisabled {
            name: name.to_string(),
        }),
        Some(i) => families()[i].as_ref().map_err(|detail| FontError::Table {
            name: BUILTIN[i].key.to_string(),
            offset: 0,
            detail: detail.clone(),
        }),
        None => {
            let names = || BUILTIN.iter().flat_map(|s| s.aliases.iter().copied());
            let best = names()
                .map(|n| (edit_distance(&wanted, n), n))
                .min()
                .filter(|(d, n)| *d <= 2.max(n.len() / 3));
            Err(FontError::UnknownFamily {
                name: name.to_string(),
                suggestion: best.map(|(_, n)| n),
                known: family_names().join(", "),
            })
        }
    }
}

/// Every name a rule file may give a built-in family (keys and aliases), sorted.
///
/// ```
/// assert!(adslot::font::family_names().contains(&"times"));
/// ```
pub fn family_names() -> Vec<&'static str> {
    let mut known: Vec<&str> = BUILTIN
        .iter()
        .flat_map(|s| s.aliases.iter().copied())
        .collect();
    known.sort_unstable();
    known.dedup();
    known
}

/// The regular table of a built-in family, or `None` for an unknown name (see [`family`]).
///
/// ```
/// let arial = adslot::font::builtin("arial").unwrap();
/// assert_eq!(arial.family(), "Liberation Sans");
/// assert_eq!(arial.advance('a'), Some(1139)); // Arial's "a": 1139 of 2048 units
/// ```
pub fn builtin(name: &str) -> Option<&'static Metrics> {
    family(name).ok().map(Family::regular)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_and_every_table_loads() {
        assert_eq!(normalise(" 'Times  New_Roman' "), "times-new-roman");
        for src in BUILTIN {
            let f = family(src.key).unwrap();
            for style in Style::ALL {
                assert!(f.style(style).char_count() > 300, "{} {style:?}", src.key);
            }
        }
    }
}
