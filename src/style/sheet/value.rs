//! Parsing declared values: each longhand's grammar, shorthands expanded into longhands, and the
//! CSS-wide keywords.

use std::sync::Arc;

use cssparser::{ParseError, Parser, Token};

use super::property::{Longhand, Shorthand, BORDER_STYLES, BORDER_WIDTHS, MARGINS, PADDINGS};
use crate::style::length::{self, Allow, Expr};

/// A declared value of one longhand.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A keyword (lowercase), one of the property's own.
    Keyword(&'static str),
    /// A length, percentage or number.
    Length(Expr),
    /// A font family list.
    Families(Arc<[Family]>),
    /// A width/height ratio (`aspect-ratio`).
    Ratio(f64),
    /// Two lengths (`border-spacing`: horizontal, vertical).
    Pair(Expr, Expr),
    /// An identifier or string outside the property's keywords (`list-style-type: "- "`).
    Text(Arc<str>),
    /// `inherit`, `initial`, `unset` or `revert`.
    Wide(Wide),
}

/// The CSS-wide keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wide {
    /// The parent's value.
    Inherit,
    /// The property's initial value.
    Initial,
    /// `inherit` for inherited properties, else `initial`.
    Unset,
    /// The value the user-agent stylesheet gives (`revert-layer` is read as this too).
    Revert,
}

/// One font family: a name, or a generic family (`serif`, `monospace`...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Family {
    /// The name as written (generic names lowercase).
    pub name: String,
    /// Whether it is a generic family keyword (unquoted).
    pub generic: bool,
}

const GENERIC_FAMILIES: &[&str] = &[
    "serif",
    "sans-serif",
    "monospace",
    "cursive",
    "fantasy",
    "system-ui",
    "ui-serif",
    "ui-sans-serif",
    "ui-monospace",
    "ui-rounded",
    "math",
    "emoji",
    "fangsong",
];

type Error = ParseError<()>;

/// The keywords each keyword-valued longhand takes.
fn keywords(l: Longhand) -> &'static [&'static str] {
    match l {
        Longhand::Display => &[
            "block",
            "inline",
            "inline-block",
            "none",
            "list-item",
            "flex",
            "inline-flex",
            "grid",
            "inline-grid",
            "table",
            "inline-table",
            "table-row",
            "table-cell",
            "table-row-group",
            "table-header-group",
            "table-footer-group",
            "table-caption",
            "table-column",
            "table-column-group",
            "flow-root",
            "contents",
            "ruby",
        ],
        Longhand::Position => &["static", "relative", "absolute", "fixed", "sticky"],
        Longhand::Float => &["none", "left", "right", "inline-start", "inline-end"],
        Longhand::BoxSizing => &["content-box", "border-box"],
        Longhand::Overflow => &["visible", "hidden", "scroll", "auto", "clip", "overlay"],
        Longhand::BorderTopStyle
        | Longhand::BorderRightStyle
        | Longhand::BorderBottomStyle
        | Longhand::BorderLeftStyle => BORDER_STYLE_KEYWORDS,
        Longhand::FontStyle => &["normal", "italic", "oblique"],
        Longhand::WhiteSpace => &[
            "normal",
            "pre",
            "nowrap",
            "pre-wrap",
            "pre-line",
            "break-spaces",
        ],
        Longhand::TextTransform => &["none", "uppercase", "lowercase", "capitalize", "full-width"],
        Longhand::OverflowWrap => &["normal", "break-word", "anywhere"],
        Longhand::WordBreak => &[
            "normal",
            "break-all",
            "keep-all",
            "break-word",
            "auto-phrase",
        ],
        Longhand::Hyphens => &["none", "manual", "auto"],
        Longhand::ListStylePosition => &["inside", "outside"],
        _ => &[],
    }
}

const BORDER_STYLE_KEYWORDS: &[&str] = &[
    "none", "hidden", "solid", "dashed", "dotted", "double", "groove", "ridge", "inset", "outset",
];

const FONT_SIZE_KEYWORDS: &[&str] = &[
    "xx-small",
    "x-small",
    "small",
    "medium",
    "large",
    "x-large",
    "xx-large",
    "xxx-large",
    "smaller",
    "larger",
];

/// The next identifier if it is one of `options` (as the static keyword).
fn keyword<'i>(input: &mut Parser<'i>, options: &[&'static str]) -> Result<&'static str, Error> {
    let ident = input.expect_ident()?;
    options
        .iter()
        .find(|k| ident.eq_ignore_ascii_case(k))
        .copied()
        .ok_or_else(|| cssparser::ParseError::<()>::custom(()))
}

fn wide<'i>(input: &mut Parser<'i>) -> Result<Wide, Error> {
    let w = keyword(
        input,
        &["inherit", "initial", "unset", "revert", "revert-layer"],
    )?;
    input.expect_exhausted()?;
    Ok(match w {
        "inherit" => Wide::Inherit,
        "initial" => Wide::Initial,
        "unset" => Wide::Unset,
        _ => Wide::Revert,
    })
}

/// Parses the value of a longhand or shorthand (the whole value, `!important` already cut off)
/// into longhand values.
pub fn parse_declared<'i>(
    property: super::property::Property,
    input: &mut Parser<'i>,
) -> Result<Vec<(Longhand, Value)>, Error> {
    use super::property::Property;
    let targets = match property {
        Property::Longhand(l) => vec![l],
        Property::Shorthand(s) => s.longhands(),
        _ => return Err(cssparser::ParseError::<()>::custom(())),
    };
    if let Ok(w) = input.try_parse(wide) {
        return Ok(targets.into_iter().map(|l| (l, Value::Wide(w))).collect());
    }
    let out = match property {
        Property::Longhand(l) => vec![(l, longhand(l, input)?)],
        Property::Shorthand(s) => shorthand(s, input)?,
        _ => return Err(cssparser::ParseError::<()>::custom(())),
    };
    input.expect_exhausted()?;
    Ok(out)
}

fn len<'i>(input: &mut Parser<'i>, non_negative: bool) -> Result<Value, Error> {
    Ok(Value::Length(length::parse(
        input,
        Allow::Length,
        non_negative,
    )?))
}

fn auto_or_len<'i>(
    input: &mut Parser<'i>,
    auto: &'static str,
    non_negative: bool,
) -> Result<Value, Error> {
    if input.try_parse(|i| keyword(i, &[auto])).is_ok() {
        return Ok(Value::Keyword(auto));
    }
    len(input, non_negative)
}

fn border_width<'i>(input: &mut Parser<'i>) -> Result<Value, Error> {
    if let Ok(k) = input.try_parse(|i| keyword(i, &["thin", "medium", "thick"])) {
        let px = match k {
            "thin" => 1.0,
            "medium" => 3.0,
            _ => 5.0,
        };
        return Ok(Value::Length(Expr::Px(px)));
    }
    len(input, true)
}

/// Parses one longhand's value (not the CSS-wide keywords).
fn longhand<'i>(l: Longhand, input: &mut Parser<'i>) -> Result<Value, Error> {
    use Longhand as L;
    match l {
        L::MarginTop | L::MarginRight | L::MarginBottom | L::MarginLeft => {
            auto_or_len(input, "auto", false)
        }
        L::PaddingTop | L::PaddingRight | L::PaddingBottom | L::PaddingLeft => len(input, true),
        L::BorderTopWidth | L::BorderRightWidth | L::BorderBottomWidth | L::BorderLeftWidth => {
            border_width(input)
        }
        L::Width | L::MinWidth | L::Height | L::MinHeight => {
            let sizing = ["auto", "min-content", "max-content", "fit-content"];
            if let Ok(k) = input.try_parse(|i| keyword(i, &sizing)) {
                // Content-based sizes depend on the content: read as `auto`.
                let _ = k;
                return Ok(Value::Keyword("auto"));
            }
            len(input, true)
        }
        L::MaxWidth => auto_or_len(input, "none", true),
        L::AspectRatio => {
            if input.try_parse(|i| keyword(i, &["auto"])).is_ok() {
                return Ok(Value::Keyword("auto"));
            }
            let w = f64::from(input.expect_number()?);
            let h = if input.try_parse(|i| i.expect_delim('/')).is_ok() {
                f64::from(input.expect_number()?)
            } else {
                1.0
            };
            if w <= 0.0 || h <= 0.0 {
                return Err(cssparser::ParseError::<()>::custom(()));
            }
            Ok(Value::Ratio(w / h))
        }
        L::FontFamily => families(input),
        L::FontSize => {
            if let Ok(k) = input.try_parse(|i| keyword(i, FONT_SIZE_KEYWORDS)) {
                return Ok(Value::Keyword(k));
            }
            len(input, true)
        }
        L::FontWeight => {
            if let Ok(k) = input.try_parse(|i| keyword(i, &["normal", "bold", "bolder", "lighter"]))
            {
                return Ok(Value::Keyword(k));
            }
            let n = length::parse(input, Allow::LengthOrNumber, true)?;
            match n {
                e if e.is_number() => Ok(Value::Length(e)),
                _ => Err(cssparser::ParseError::<()>::custom(())),
            }
        }
        L::FontStyle => {
            let k = keyword(input, keywords(l))?;
            if k == "oblique" {
                // An optional angle; the face is slanted either way.
                let _ = input.try_parse(|i| -> Result<(), Error> {
                    match i.next()? {
                        Token::Dimension { .. } => Ok(()),
                        _ => Err(cssparser::ParseError::<()>::custom(())),
                    }
                });
            }
            Ok(Value::Keyword(k))
        }
        L::LineHeight => {
            if input.try_parse(|i| keyword(i, &["normal"])).is_ok() {
                return Ok(Value::Keyword("normal"));
            }
            Ok(Value::Length(length::parse(
                input,
                Allow::LengthOrNumber,
                true,
            )?))
        }
        L::LetterSpacing | L::WordSpacing => {
            if input.try_parse(|i| keyword(i, &["normal"])).is_ok() {
                return Ok(Value::Keyword("normal"));
            }
            len(input, false)
        }
        L::TextIndent => {
            let value = len(input, false)?;
            // `hanging` and `each-line` move the indent, they do not change its width.
            while input
                .try_parse(|i| keyword(i, &["hanging", "each-line"]))
                .is_ok()
            {}
            Ok(value)
        }
        L::ListStyleType => {
            if let Ok(s) = input.try_parse(|i| i.expect_string_cloned()) {
                return Ok(Value::Text(Arc::from(s.as_ref())));
            }
            let ident = input.expect_ident()?.to_ascii_lowercase();
            Ok(match ident.as_str() {
                "none" => Value::Keyword("none"),
                "disc" => Value::Keyword("disc"),
                "circle" => Value::Keyword("circle"),
                "square" => Value::Keyword("square"),
                "decimal" => Value::Keyword("decimal"),
                _ => Value::Text(Arc::from(ident.as_str())),
            })
        }
        L::BorderSpacing => {
            let h = length::parse(input, Allow::Length, true)?;
            let v = input
                .try_parse(|i| length::parse(i, Allow::Length, true))
                .unwrap_or_else(|_| h.clone());
            Ok(Value::Pair(h, v))
        }
        _ => {
            let k = keyword(input, keywords(l))?;
            Ok(Value::Keyword(k))
        }
    }
}

fn families<'i>(input: &mut Parser<'i>) -> Result<Value, Error> {
    let list = input.parse_comma_separated(|i| {
        if let Ok(s) = i.try_parse(|i| i.expect_string_cloned()) {
            return Ok(Family {
                name: s.to_string(),
                generic: false,
            });
        }
        let mut words = vec![i.expect_ident_cloned()?.to_string()];
        while let Ok(w) = i.try_parse(|i| i.expect_ident_cloned()) {
            words.push(w.to_string());
        }
        let generic = words.len() == 1
            && GENERIC_FAMILIES
                .iter()
                .any(|g| words[0].eq_ignore_ascii_case(g));
        Ok(Family {
            name: if generic {
                words[0].to_ascii_lowercase()
            } else {
                words.join(" ")
            },
            generic,
        })
    })?;
    Ok(Value::Families(list.into()))
}

/// One to four values, as `margin` and `padding` take them: top, right, bottom, left.
fn four<'i>(
    input: &mut Parser<'i>,
    sides: [Longhand; 4],
    mut one: impl FnMut(&mut Parser<'i>) -> Result<Value, Error>,
) -> Result<Vec<(Longhand, Value)>, Error> {
    let mut vs = vec![one(input)?];
    while vs.len() < 4 {
        match input.try_parse(&mut one) {
            Ok(v) => vs.push(v),
            Err(_) => break,
        }
    }
    let pick = |i: usize| -> Value {
        match (vs.len(), i) {
            (1, _) => vs[0].clone(),
            (2, 0 | 2) | (3, 0) => vs[0].clone(),
            (2, _) | (3, 1 | 3) => vs[1].clone(),
            (3, _) => vs[2].clone(),
            _ => vs[i].clone(),
        }
    };
    Ok((0..4).map(|i| (sides[i], pick(i))).collect())
}

/// One or two values: start and end.
fn two<'i>(
    input: &mut Parser<'i>,
    sides: [Longhand; 2],
    mut one: impl FnMut(&mut Parser<'i>) -> Result<Value, Error>,
) -> Result<Vec<(Longhand, Value)>, Error> {
    let start = one(input)?;
    let end = input.try_parse(&mut one).unwrap_or_else(|_| start.clone());
    Ok(vec![(sides[0], start), (sides[1], end)])
}

/// Skips one colour value (a border's colour has no geometry).
fn colour<'i>(input: &mut Parser<'i>) -> Result<(), Error> {
    match input.next()?.clone() {
        Token::Ident(_) | Token::Hash(_) | Token::IDHash(_) => Ok(()),
        Token::Function(_) => input.parse_nested_block(|i| {
            while i.next().is_ok() {}
            Ok(())
        }),
        _ => Err(cssparser::ParseError::<()>::unexpected_token()),
    }
}

/// `<width> || <style> || <colour>` of `border` and `border-top`...
fn border_parts<'i>(input: &mut Parser<'i>) -> Result<(Value, Value), Error> {
    let (mut width, mut style, mut seen_colour) = (None, None, false);
    loop {
        if width.is_none() {
            if let Ok(w) = input.try_parse(border_width) {
                width = Some(w);
                continue;
            }
        }
        if style.is_none() {
            if let Ok(s) = input.try_parse(|i| keyword(i, BORDER_STYLE_KEYWORDS)) {
                style = Some(Value::Keyword(s));
                continue;
            }
        }
        if !seen_colour && input.try_parse(colour).is_ok() {
            seen_colour = true;
            continue;
        }
        break;
    }
    if width.is_none() && style.is_none() && !seen_colour {
        return Err(cssparser::ParseError::<()>::custom(()));
    }
    Ok((
        width.unwrap_or(Value::Length(Expr::Px(3.0))),
        style.unwrap_or(Value::Keyword("none")),
    ))
}

fn shorthand<'i>(s: Shorthand, input: &mut Parser<'i>) -> Result<Vec<(Longhand, Value)>, Error> {
    use Longhand as L;
    match s {
        Shorthand::Margin => four(input, MARGINS, |i| auto_or_len(i, "auto", false)),
        Shorthand::Padding => four(input, PADDINGS, |i| len(i, true)),
        Shorthand::BorderWidth => four(input, BORDER_WIDTHS, border_width),
        Shorthand::BorderStyle => four(input, BORDER_STYLES, |i| {
            keyword(i, BORDER_STYLE_KEYWORDS).map(Value::Keyword)
        }),
        Shorthand::Border => {
            let (w, st) = border_parts(input)?;
            let mut out: Vec<_> = BORDER_WIDTHS.iter().map(|&l| (l, w.clone())).collect();
            out.extend(BORDER_STYLES.iter().map(|&l| (l, st.clone())));
            Ok(out)
        }
        Shorthand::BorderSide(side) => {
            let (w, st) = border_parts(input)?;
            Ok(vec![(BORDER_WIDTHS[side], w), (BORDER_STYLES[side], st)])
        }
        Shorthand::MarginBlock => two(input, [L::MarginTop, L::MarginBottom], |i| {
            auto_or_len(i, "auto", false)
        }),
        Shorthand::MarginInline => two(input, [L::MarginLeft, L::MarginRight], |i| {
            auto_or_len(i, "auto", false)
        }),
        Shorthand::PaddingBlock => two(input, [L::PaddingTop, L::PaddingBottom], |i| len(i, true)),
        Shorthand::PaddingInline => two(input, [L::PaddingLeft, L::PaddingRight], |i| len(i, true)),
        Shorthand::Font => font(input),
        Shorthand::ListStyle => {
            let (mut kind, mut position, mut image) = (None, None, false);
            let mut nones = 0;
            loop {
                if input.try_parse(|i| keyword(i, &["none"])).is_ok() {
                    nones += 1;
                    continue;
                }
                if position.is_none() {
                    if let Ok(p) = input.try_parse(|i| keyword(i, &["inside", "outside"])) {
                        position = Some(Value::Keyword(p));
                        continue;
                    }
                }
                if !image && input.try_parse(|i| i.expect_url().map(|_| ())).is_ok() {
                    image = true;
                    continue;
                }
                if kind.is_none() {
                    if let Ok(t) = input.try_parse(|i| longhand(L::ListStyleType, i)) {
                        kind = Some(t);
                        continue;
                    }
                }
                break;
            }
            // `none` is the type unless the type was given (then it was the image).
            let kind = kind.or((nones > 0).then_some(Value::Keyword("none")));
            Ok(vec![
                (L::ListStyleType, kind.unwrap_or(Value::Keyword("disc"))),
                (
                    L::ListStylePosition,
                    position.unwrap_or(Value::Keyword("outside")),
                ),
            ])
        }
    }
}

/// `font: [style || variant || weight || stretch]? size [/ line-height]? family`.
fn font<'i>(input: &mut Parser<'i>) -> Result<Vec<(Longhand, Value)>, Error> {
    use Longhand as L;
    let system = [
        "caption",
        "icon",
        "menu",
        "message-box",
        "small-caption",
        "status-bar",
    ];
    if input.try_parse(|i| keyword(i, &system)).is_ok() {
        // System fonts are the platform's: not known here.
        return Err(cssparser::ParseError::<()>::custom(()));
    }
    let (mut style, mut weight) = (None, None);
    for _ in 0..4 {
        if input.try_parse(|i| keyword(i, &["normal"])).is_ok() {
            continue;
        }
        if style.is_none() {
            if let Ok(s) = input.try_parse(|i| keyword(i, &["italic", "oblique"])) {
                style = Some(Value::Keyword(s));
                continue;
            }
        }
        if weight.is_none() {
            if let Ok(w) = input.try_parse(|i| keyword(i, &["bold", "bolder", "lighter"])) {
                weight = Some(Value::Keyword(w));
                continue;
            }
            if let Ok(n) = input.try_parse(|i| -> Result<f64, Error> {
                let n = f64::from(i.expect_number()?);
                if (1.0..=1000.0).contains(&n) {
                    Ok(n)
                } else {
                    Err(cssparser::ParseError::<()>::custom(()))
                }
            }) {
                weight = Some(Value::Length(Expr::Number(n)));
                continue;
            }
        }
        // font-variant (small-caps) and font-stretch keywords: accepted, not computed.
        let others = [
            "small-caps",
            "ultra-condensed",
            "extra-condensed",
            "condensed",
            "semi-condensed",
            "semi-expanded",
            "expanded",
            "extra-expanded",
            "ultra-expanded",
        ];
        if input.try_parse(|i| keyword(i, &others)).is_ok() {
            continue;
        }
        break;
    }
    let size = longhand(L::FontSize, input)?;
    let line_height = if input.try_parse(|i| i.expect_delim('/')).is_ok() {
        longhand(L::LineHeight, input)?
    } else {
        Value::Keyword("normal")
    };
    let family = families(input)?;
    Ok(vec![
        (L::FontStyle, style.unwrap_or(Value::Keyword("normal"))),
        (L::FontWeight, weight.unwrap_or(Value::Keyword("normal"))),
        (L::FontSize, size),
        (L::LineHeight, line_height),
        (L::FontFamily, family),
    ])
}

#[cfg(test)]
mod tests;
