//! How a device sets text: the font keys of `[device.NAME]` as written ([`FontSettings`]) and the
//! fonts they resolve to ([`Typography`]): column mode when no font is named, px mode with one
//! typeface, candidates mode with several.

use std::path::Path;

use serde::Serialize;

use crate::font::{Font, FontCache, FontError, FontName, Style};

mod keys;
mod resolved;

pub use keys::{font_key, FontKey, FontValue, FONT_KEYS};
pub use resolved::{Typeface, Typesetting, Typography};

/// CSS `hyphens`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HyphensMode {
    /// Soft hyphens are no break opportunities.
    None,
    /// Lines may break at soft hyphens (U+00AD).
    Manual,
    /// Soft hyphens and the language's hyphenation points.
    Auto,
}

/// The font keys of one device, as written.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FontSettings {
    /// `font_family`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font_family: Option<String>,
    /// `font`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub font: Option<String>,
    /// `font_bold`, `font_italic`, `font_bold_italic`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub styles: Vec<(Style, String)>,
    /// `fonts`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fonts: Vec<String>,
    /// `heading_font_family`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading_font_family: Option<String>,
    /// `heading_font`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading_font: Option<String>,
    /// `heading_style`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading_style: Option<Style>,
    /// `fallback`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fallback: Vec<String>,
    /// `hyphens`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hyphens: Option<HyphensMode>,
    /// `lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// `overflow_wrap = "break-word"` (true) or `"normal"` (false).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_words: Option<bool>,
}

/// What is wrong with a font key: the key, which item of an array (if the problem is one
/// item's), and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontProblem {
    /// The key.
    pub key: &'static str,
    /// The array item at fault, if any.
    pub item: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// A suggestion.
    pub help: Option<String>,
}

impl FontProblem {
    fn new(key: &'static str, message: impl Into<String>) -> FontProblem {
        FontProblem {
            key,
            item: None,
            message: message.into(),
            help: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> FontProblem {
        self.help = Some(help.into());
        self
    }
}

/// Parses one of a fixed set of names, with "did you mean" for a near miss.
fn choice<T: Copy>(
    key: &'static str,
    value: &str,
    options: &[(&'static str, T)],
) -> Result<T, FontProblem> {
    let wanted = value.trim().to_ascii_lowercase().replace('_', "-");
    if let Some((_, v)) = options.iter().find(|(n, _)| *n == wanted) {
        return Ok(*v);
    }
    let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let mut p = FontProblem::new(
        key,
        format!(
            "`{key}`: expected one of {}, found `{value}`",
            quoted.join(", ")
        ),
    );
    p.help = crate::suggest::did_you_mean(crate::suggest::nearest(value, names));
    Err(p)
}

const STYLES: [(&str, Style); 4] = [
    ("regular", Style::Regular),
    ("bold", Style::Bold),
    ("italic", Style::Italic),
    ("bold-italic", Style::BoldItalic),
];

impl FontSettings {
    /// Sets font key `key` (see [`FONT_KEYS`]) from its value; a value of the wrong shape or
    /// outside its choices is a problem. Fonts are read by [`FontSettings::resolve`].
    ///
    /// ```
    /// use adslot::layout::{FontSettings, FontValue};
    /// let mut s = FontSettings::default();
    /// s.set("hyphens", FontValue::One("auto".into())).unwrap();
    /// let err = s.set("hyphens", FontValue::One("atuo".into())).unwrap_err();
    /// assert_eq!(err.help.as_deref(), Some("did you mean `auto`?"));
    /// ```
    pub fn set(&mut self, key: &str, value: FontValue) -> Result<(), FontProblem> {
        let Some(k) = font_key(key) else {
            return Err(FontProblem::new("font", format!("`{key}` is no font key")));
        };
        let key = k.key;
        let (one, list) = match value {
            FontValue::One(s) if !k.list => (s, Vec::new()),
            FontValue::List(l) if k.list => (String::new(), l),
            _ => {
                let want = if k.list {
                    "an array of strings"
                } else {
                    "a string"
                };
                return Err(FontProblem::new(key, format!("`{key}`: expected {want}")));
            }
        };
        if !k.list && one.trim().is_empty() {
            return Err(FontProblem::new(key, format!("`{key}` is empty")));
        }
        match key {
            "font_family" => self.font_family = Some(one),
            "font" => self.font = Some(one),
            "font_bold" | "font_italic" | "font_bold_italic" => {
                let style = match key {
                    "font_bold" => Style::Bold,
                    "font_italic" => Style::Italic,
                    _ => Style::BoldItalic,
                };
                self.styles.retain(|(s, _)| *s != style);
                self.styles.push((style, one));
            }
            "fonts" => {
                if list.is_empty() {
                    return Err(FontProblem::new(
                        key,
                        "`fonts` is empty: list at least one font (two or more for the candidates mode)",
                    ));
                }
                self.fonts = list;
            }
            "heading_font_family" => self.heading_font_family = Some(one),
            "heading_font" => self.heading_font = Some(one),
            "heading_style" => self.heading_style = Some(choice(key, &one, &STYLES)?),
            "fallback" => self.fallback = list,
            "hyphens" => {
                self.hyphens = Some(choice(
                    key,
                    &one,
                    &[
                        ("manual", HyphensMode::Manual),
                        ("auto", HyphensMode::Auto),
                        ("none", HyphensMode::None),
                    ],
                )?);
            }
            "lang" => self.lang = Some(one),
            "overflow_wrap" => {
                let wrap = choice(key, &one, &[("break-word", true), ("normal", false)])?;
                self.break_words = Some(wrap);
            }
            _ => return Err(FontProblem::new(key, format!("`{key}` is no font key"))),
        }
        Ok(())
    }

    /// Whether no font key is set.
    pub fn is_empty(&self) -> bool {
        *self == FontSettings::default()
    }

    /// Whether a body font is named (`font`, `font_family` or `fonts`): px mode.
    pub fn names_a_font(&self) -> bool {
        self.font.is_some() || self.font_family.is_some() || !self.fonts.is_empty()
    }

    /// Reads the fonts the settings name (files relative to `base`, each once through `cache`)
    /// and checks the settings together: every problem, each with its key.
    ///
    /// ```
    /// use adslot::font::FontCache;
    /// use adslot::layout::{FontSettings, FontValue};
    /// let mut s = FontSettings::default();
    /// s.set("fonts", FontValue::List(vec!["times".into(), "arial".into()])).unwrap();
    /// let t = s.resolve(".".as_ref(), &mut FontCache::new()).unwrap();
    /// let names: Vec<&str> = t.faces().iter().map(|f| f.name.as_str()).collect();
    /// assert_eq!(names, ["times", "arial"]);
    ///
    /// s.set("fonts", FontValue::List(vec!["times".into(), "aerial".into()])).unwrap();
    /// let err = s.resolve(".".as_ref(), &mut FontCache::new()).unwrap_err();
    /// assert_eq!((err[0].key, err[0].item), ("fonts", Some(1)));
    /// assert_eq!(err[0].help.as_deref(), Some("did you mean `arial`?"));
    /// ```
    pub fn resolve(
        &self,
        base: &Path,
        cache: &mut FontCache,
    ) -> Result<Typography, Vec<FontProblem>> {
        let mut problems = Vec::new();
        if !self.names_a_font() {
            if !self.is_empty() {
                let key = self.first_key();
                problems.push(
                    FontProblem::new(
                        key,
                        format!("`{key}` sets text in px, but the device names no font"),
                    )
                    .help(
                        "add `font_family = \"...\"`, `font = \"FILE\"` or `fonts = [...]` \
                         (without one, lines are counted by columns)",
                    ),
                );
                return Err(problems);
            }
            return Ok(Typography::default());
        }
        let body_keys = [self.font.is_some(), self.font_family.is_some()];
        if body_keys == [true, true] {
            problems.push(
                FontProblem::new("font", "both `font` and `font_family` name the body font")
                    .help("keep one: `font` for a file, `font_family` for a built-in family"),
            );
        }
        if !self.fonts.is_empty() && (body_keys.contains(&true) || !self.styles.is_empty()) {
            let key = if self.font.is_some() {
                "font"
            } else if self.font_family.is_some() {
                "font_family"
            } else {
                "font_bold"
            };
            problems.push(
                FontProblem::new(key, format!("`{key}` and `fonts` both name the body font"))
                    .help("`fonts` lists the candidates; name each family there"),
            );
        }
        if self.heading_font.is_some() && self.heading_font_family.is_some() {
            problems.push(FontProblem::new(
                "heading_font",
                "both `heading_font` and `heading_font_family` name the heading font",
            ));
        }
        if self.hyphens == Some(HyphensMode::Auto) || self.lang.is_some() {
            if let Some(lang) = &self.lang {
                let l = lang.to_ascii_lowercase().replace('_', "-");
                if l != "en" && l != "en-us" {
                    problems.push(
                        FontProblem::new(
                            "lang",
                            format!("no hyphenation patterns for `{lang}` are built in"),
                        )
                        .help(
                            "patterns are built in for en-US; use `hyphens = \"manual\"` elsewhere",
                        ),
                    );
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let heading_style = self.heading_style.unwrap_or(Style::Bold);
        let mut r = Reader {
            base,
            cache,
            problems: Vec::new(),
        };
        let fallback = |r: &mut Reader<'_>, style| -> Vec<Font> {
            let fonts = self.fallback.iter().enumerate();
            fonts
                .filter_map(|(i, f)| r.read("fallback", Some(i), f, style))
                .collect()
        };
        let body_fallback = fallback(&mut r, Style::Regular);
        let heading_fallback = fallback(&mut r, heading_style);
        const STYLED: [Style; 3] = [Style::Bold, Style::Italic, Style::BoldItalic];
        let styled_fallback = STYLED.map(|style| fallback(&mut r, style));
        let heading_family = match (&self.heading_font, &self.heading_font_family) {
            (Some(file), _) => r.read("heading_font", None, file, heading_style),
            (None, Some(name)) => r.read("heading_font_family", None, name, heading_style),
            (None, None) => None,
        };
        // The candidates: `fonts`, or the one body family.
        let candidates: Vec<(&'static str, Option<usize>, &String)> = if self.fonts.is_empty() {
            match (&self.font, &self.font_family) {
                (Some(f), _) => vec![("font", None, f)],
                (None, Some(f)) => vec![("font_family", None, f)],
                (None, None) => Vec::new(),
            }
        } else {
            let fonts = self.fonts.iter().enumerate();
            fonts.map(|(i, f)| ("fonts", Some(i), f)).collect()
        };
        let mut faces = Vec::new();
        for (key, item, value) in candidates {
            let Some(body) = r.read(key, item, value, Style::Regular) else {
                continue;
            };
            let named = Candidate {
                key,
                item,
                value,
                body: &body,
            };
            // Runs' faces; styles named only to complete the family are read (and checked).
            let styled = STYLED.map(|style| self.style_face(&mut r, &named, style));
            let heading = match &heading_family {
                Some(h) => Some(h.clone()),
                None => self.style_face(&mut r, &named, heading_style),
            };
            let Some(heading) = heading else { continue };
            let mut body_chain = vec![body.clone()];
            body_chain.extend(body_fallback.iter().cloned());
            let mut heading_chain = vec![heading];
            heading_chain.extend(heading_fallback.iter().cloned());
            let mut styled_chains: [Vec<Font>; 3] = Default::default();
            for ((chain, face), fallback) in
                styled_chains.iter_mut().zip(styled).zip(&styled_fallback)
            {
                chain.push(face.unwrap_or_else(|| body.clone()));
                chain.extend(fallback.iter().cloned());
            }
            faces.push(Typeface {
                name: value.clone(),
                body: body_chain,
                heading: heading_chain,
                styled: styled_chains,
            });
        }
        if !r.problems.is_empty() {
            return Err(r.problems);
        }
        Ok(Typography::px(Typesetting {
            settings: self.clone(),
            faces,
        }))
    }

    /// A style of a candidate's family: the file `font_bold` (...) names, else the built-in
    /// family's own, else the candidate's one face.
    fn style_face(&self, r: &mut Reader<'_>, c: &Candidate<'_>, style: Style) -> Option<Font> {
        if style == Style::Regular {
            return Some(c.body.clone());
        }
        if let Some((_, file)) = self.styles.iter().find(|(s, _)| *s == style) {
            let key = match style {
                Style::Bold => "font_bold",
                Style::Italic => "font_italic",
                _ => "font_bold_italic",
            };
            return r.read(key, None, file, style);
        }
        match FontName::of(c.value) {
            FontName::Family(_) if c.key != "font" => r.read(c.key, c.item, c.value, style),
            _ => Some(c.body.clone()),
        }
    }

    /// The first key set, for a problem about the settings as a whole.
    fn first_key(&self) -> &'static str {
        let set = [
            (self.heading_font_family.is_some(), "heading_font_family"),
            (self.heading_font.is_some(), "heading_font"),
            (self.heading_style.is_some(), "heading_style"),
            (!self.styles.is_empty(), "font_bold"),
            (!self.fallback.is_empty(), "fallback"),
            (self.hyphens.is_some(), "hyphens"),
            (self.lang.is_some(), "lang"),
            (self.break_words.is_some(), "overflow_wrap"),
        ];
        set.iter().find(|(on, _)| *on).map_or("font", |(_, k)| k)
    }
}

/// One body family being resolved: where it is named, and its regular face.
struct Candidate<'a> {
    key: &'static str,
    item: Option<usize>,
    value: &'a str,
    body: &'a Font,
}

/// Reads fonts for [`FontSettings::resolve`], collecting each problem once.
struct Reader<'a> {
    base: &'a Path,
    cache: &'a mut FontCache,
    problems: Vec<FontProblem>,
}

impl Reader<'_> {
    fn read(
        &mut self,
        key: &'static str,
        item: Option<usize>,
        value: &str,
        style: Style,
    ) -> Option<Font> {
        let found = match (key, FontName::of(value)) {
            // `font`, `font_*` and `heading_font` are files whatever they look like.
            ("font" | "font_bold" | "font_italic" | "font_bold_italic" | "heading_font", _) => {
                self.cache.file(&self.base.join(value))
            }
            ("font_family" | "heading_font_family", FontName::File(_)) => {
                Err(FontError::UnknownFamily {
                    name: value.to_string(),
                    suggestion: None,
                    known: String::new(),
                })
            }
            _ => self.cache.font(value, style, self.base),
        };
        match found {
            Ok(f) => Some(f),
            Err(e) => {
                let mut p = font_problem(key, value, e);
                p.item = item;
                if !self.problems.contains(&p) {
                    self.problems.push(p);
                }
                None
            }
        }
    }
}

/// A font error as a problem of `key`: an unknown family gets "did you mean".
fn font_problem(key: &'static str, value: &str, e: FontError) -> FontProblem {
    match e {
        FontError::UnknownFamily { suggestion, .. } => {
            let mut p = FontProblem::new(key, format!("`{key}`: unknown font family `{value}`"));
            p.help = Some(match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None if matches!(FontName::of(value), FontName::File(_)) => {
                    format!("`{key}` names a built-in family; a file goes in `font` or `fonts`")
                }
                None => format!(
                    "built-in families: {}; a file is written with its extension",
                    crate::font::family_names().join(", ")
                ),
            });
            p
        }
        e @ FontError::Io { .. }
            if matches!(key, "font" | "heading_font")
                && matches!(FontName::of(value), FontName::Family(_))
                && crate::font::family(value).is_ok() =>
        {
            let family_key = if key == "font" {
                "font_family"
            } else {
                "heading_font_family"
            };
            FontProblem::new(key, format!("`{key}`: {e}")).help(format!(
                "`{value}` is a built-in family: write `{family_key} = \"{value}\"`"
            ))
        }
        e => FontProblem::new(key, format!("`{key}`: {e}")),
    }
}
