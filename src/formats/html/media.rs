//! An image's or embed's size as its markup gives it: attributes, inline style, `srcset`/`sizes` and lazy-loading attributes.
//!
//! What a browser does with the common markup, without a style sheet: an `<img width=60
//! height=60>` is 60 px square, never stretched to the column; a wider one is shrunk to the
//! column keeping its shape (themes set `max-width: 100%; height: auto`). So the reader keeps
//! the width the markup fixes and the shape, and layout shows the picture at that width or the
//! column's, whichever is narrower. Sources, first found wins:
//!
//! - width: inline style `width: Npx`, the `width` attribute (HTML's dimension rules: `410`,
//!   `410px`; a percentage fixes nothing), a lazy-loader's `data-width` (`data-orig-width`,
//!   `data-original-width`), else, for a `srcset` (or `data-srcset`) of `w` descriptors, its
//!   `sizes` when the first entry without a media condition is a px length (media conditions
//!   are not evaluated: the reader does not know the device; `100vw` is the column);
//! - height: inline style `height: Npx`, the `height` attribute, `data-height` (and the same
//!   lazy variants);
//! - shape: width / height when both are known, else inline style `aspect-ratio`.
//!
//! A height without a width (or a shape outside [`crate::formats::ASPECT_RANGE`], a 1x1000
//! strip) is a fixed height; a zero height beside a width is no height (the picture's own shape
//! decides, as `height: auto` does), and a zero height alone or a zero width takes no room.

use super::tokenizer::Attr;
use crate::formats::{ASPECT_RANGE, HEIGHT_PX_RANGE, WIDTH_PX_RANGE};

/// What the markup says about how big a picture is shown, in CSS px.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Size {
    /// The width the markup fixes (`None`: as wide as the column).
    pub width_px: Option<f64>,
    /// A fixed height, when the shape is not known.
    pub height_px: Option<f64>,
    /// Width / height.
    pub aspect: Option<f64>,
}

impl Size {
    /// A picture of this size.
    pub(super) fn picture(self) -> crate::article::Picture {
        crate::article::Picture {
            width_px: self.width_px,
            height_px: self.height_px,
            aspect: self.aspect,
        }
    }
}

const WIDTHS: &[&str] = &[
    "width",
    "data-width",
    "data-orig-width",
    "data-original-width",
];
const HEIGHTS: &[&str] = &[
    "height",
    "data-height",
    "data-orig-height",
    "data-original-height",
];

/// The size an `img`, `iframe`, `video`, ... start tag gives.
pub(super) fn size(attrs: &[Attr<'_>]) -> Size {
    let get = |n: &str| attrs.iter().find(|a| a.name == n).map(|a| &*a.value);
    let (mut css_width, mut css_height, mut css_ratio) = (None, None, None);
    for (prop, value) in declarations(get("style").unwrap_or("")) {
        match prop.as_str() {
            "width" => css_width = css_length(&value),
            "height" => css_height = css_length(&value),
            "aspect-ratio" => css_ratio = ratio(&value),
            _ => {}
        }
    }
    let first = |names: &[&str]| names.iter().find_map(|n| get(n).and_then(dimension));
    let width = css_width
        .or_else(|| first(WIDTHS))
        .or_else(|| srcset_width(get("srcset").or(get("data-srcset")), get("sizes")))
        .filter(|w| WIDTH_PX_RANGE.contains(w));
    let height = css_height
        .or_else(|| first(HEIGHTS))
        .filter(|h| HEIGHT_PX_RANGE.contains(h));
    combine(width, height, css_ratio)
}

/// The size an inline `<svg>` is shown at: its `width`/`height` (attributes or style); with
/// only a `viewBox`, as wide as the column in that shape (as browsers size it); with neither,
/// 300 x 150 px (the default size of replaced content).
pub(super) fn svg_size(attrs: &[Attr<'_>]) -> Size {
    let s = size(attrs);
    if s.width_px.is_some() || s.height_px.is_some() || s.aspect.is_some() {
        return s;
    }
    let view_box = attrs
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case("viewbox"))
        .map(|a| {
            a.value
                .split(|c: char| c.is_ascii_whitespace() || c == ',')
                .filter(|v| !v.is_empty())
                .filter_map(|v| v.parse::<f64>().ok())
                .collect::<Vec<_>>()
        });
    match view_box.as_deref() {
        Some([_, _, w, h]) if *w > 0.0 && *h > 0.0 && (w / h).is_finite() => Size {
            aspect: Some(w / h),
            ..Size::default()
        },
        _ => Size {
            width_px: Some(300.0),
            height_px: None,
            aspect: Some(2.0),
        },
    }
}

fn combine(width: Option<f64>, height: Option<f64>, ratio: Option<f64>) -> Size {
    let shaped = |width_px: Option<f64>, aspect: f64| Size {
        width_px,
        height_px: None,
        aspect: Some(aspect),
    };
    let fixed = |h: f64| Size {
        height_px: Some(h),
        ..Size::default()
    };
    match (width, height) {
        (Some(w), Some(h)) if w > 0.0 && h > 0.0 && ASPECT_RANGE.contains(&(w / h)) => {
            shaped(Some(w), w / h)
        }
        // `height=0` beside a width is no height (a CDN's `fit-in/570x0`: the height follows
        // the picture, as `height: auto` shows it), not a picture that takes no room.
        (Some(w), Some(h)) if w > 0.0 && h == 0.0 => Size {
            width_px: Some(w),
            height_px: None,
            aspect: ratio,
        },
        (_, Some(0.0)) => fixed(0.0),
        (Some(_), Some(h)) => fixed(h),
        (Some(0.0), None) => fixed(0.0),
        (Some(w), None) => Size {
            width_px: Some(w),
            height_px: None,
            aspect: ratio,
        },
        (None, Some(h)) => match ratio {
            Some(r) if WIDTH_PX_RANGE.contains(&(h * r)) => shaped(Some(h * r), r),
            _ => fixed(h),
        },
        (None, None) => Size {
            aspect: ratio,
            ..Size::default()
        },
    }
}

/// The declarations of an inline `style`, property lowercased, value trimmed and without
/// `!important`.
pub(super) fn declarations(style: &str) -> impl Iterator<Item = (String, String)> + '_ {
    style.split(';').filter_map(|decl| {
        let (prop, value) = decl.split_once(':')?;
        let value = value.trim().to_ascii_lowercase();
        let value = match value.strip_suffix("important") {
            Some(v) => v.trim_end().trim_end_matches('!').trim_end().to_string(),
            None => value,
        };
        Some((prop.trim().to_ascii_lowercase(), value))
    })
}

/// A CSS length in px (`320px`, `0`); other units fix nothing the reader can know.
fn css_length(value: &str) -> Option<f64> {
    let v = value.trim();
    let n = match v.strip_suffix("px") {
        Some(n) => n.trim_end(),
        None if v.parse::<f64>() == Ok(0.0) => v,
        None => return None,
    };
    n.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0)
}

/// HTML's rules for parsing dimension values: leading digits with an optional fraction,
/// anything after ignored (`410px`), a percentage none.
fn dimension(value: &str) -> Option<f64> {
    let v = value.trim_start();
    let int = v.bytes().take_while(u8::is_ascii_digit).count();
    if int == 0 {
        return None;
    }
    let frac = match v[int..].strip_prefix('.') {
        Some(rest) => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 {
                digits + 1
            } else {
                0
            }
        }
        None => 0,
    };
    let (number, rest) = v.split_at(int + frac);
    if rest.trim_start().starts_with('%') {
        return None;
    }
    number.parse().ok()
}

/// CSS `aspect-ratio`: `16 / 9`, `1.5`, with `auto` ignored.
fn ratio(value: &str) -> Option<f64> {
    let v = value.replace("auto", "");
    let r = match v.split_once('/') {
        Some((a, b)) => a.trim().parse::<f64>().ok()? / b.trim().parse::<f64>().ok()?,
        None => v.trim().parse::<f64>().ok()?,
    };
    Some(r).filter(|r| ASPECT_RANGE.contains(r))
}

/// The width a `srcset` of `w` descriptors is shown at: `sizes`' first entry without a media
/// condition, when a px length (without `sizes`, HTML's default is `100vw`: the column).
fn srcset_width(srcset: Option<&str>, sizes: Option<&str>) -> Option<f64> {
    let has_w = srcset?.split(',').any(|candidate| {
        candidate
            .split_ascii_whitespace()
            .nth(1)
            .is_some_and(|d| d.ends_with('w') && dimension(d).is_some())
    });
    if !has_w {
        return None;
    }
    let mut depth = 0_i32;
    let mut entry_start = 0;
    let sizes = sizes?;
    let mut entries = Vec::new();
    for (i, c) in sizes.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                entries.push(&sizes[entry_start..i]);
                entry_start = i + 1;
            }
            _ => {}
        }
    }
    entries.push(&sizes[entry_start..]);
    let default = entries
        .iter()
        .map(|e| e.trim())
        .find(|e| !e.ends_with(')') && !e.starts_with('('))?;
    css_length(&default.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn of(attrs: &[(&'static str, &'static str)]) -> Size {
        let attrs: Vec<Attr<'_>> = attrs
            .iter()
            .map(|&(n, v)| Attr {
                name: Cow::Borrowed(n),
                value: Cow::Borrowed(v),
            })
            .collect();
        size(&attrs)
    }

    fn shaped(w: f64, aspect: f64) -> Size {
        Size {
            width_px: Some(w),
            height_px: None,
            aspect: Some(aspect),
        }
    }

    fn fixed(h: f64) -> Size {
        Size {
            height_px: Some(h),
            ..Size::default()
        }
    }

    #[test]
    fn attributes_give_width_and_shape() {
        assert_eq!(of(&[("width", "60"), ("height", "60")]), shaped(60.0, 1.0));
        assert_eq!(
            of(&[("width", "600px"), ("height", " 400.5")]),
            shaped(600.0, 600.0 / 400.5)
        );
        // A percentage fixes no width; the height alone is a fixed height.
        assert_eq!(of(&[("width", "100%"), ("height", "410px")]), fixed(410.0));
        assert_eq!(of(&[("width", "300")]).width_px, Some(300.0));
        assert_eq!(of(&[("width", "300")]).aspect, None);
        assert_eq!(of(&[("width", "wide"), ("height", "")]), Size::default());
    }

    #[test]
    fn inline_style_wins_over_attributes() {
        let s = of(&[
            ("width", "600"),
            ("height", "400"),
            ("style", "border:0; WIDTH: 43px !important; height:60px"),
        ]);
        assert_eq!(s, shaped(43.0, 43.0 / 60.0));
        // Units the reader cannot resolve fix nothing.
        assert_eq!(of(&[("style", "width: 50%; height: 2em")]), Size::default());
        assert_eq!(of(&[("style", "height: 58px;")]), fixed(58.0));
    }

    #[test]
    fn aspect_ratio_gives_the_shape() {
        assert_eq!(
            of(&[("style", "aspect-ratio: 16 / 9")]).aspect,
            Some(16.0 / 9.0)
        );
        assert_eq!(
            of(&[("style", "aspect-ratio: auto 4/3")]).aspect,
            Some(4.0 / 3.0)
        );
        assert_eq!(
            of(&[("style", "aspect-ratio: 2"), ("width", "200")]),
            shaped(200.0, 2.0)
        );
        // With a height only, the ratio gives the width.
        assert_eq!(
            of(&[("style", "aspect-ratio: 2; height: 50px")]),
            shaped(100.0, 2.0)
        );
        assert_eq!(of(&[("style", "aspect-ratio: 0")]).aspect, None);
    }

    #[test]
    fn lazy_attributes_are_read() {
        let s = of(&[
            ("data-src", "a.jpg"),
            ("data-width", "1024"),
            ("data-height", "768"),
        ]);
        assert_eq!(s, shaped(1024.0, 1024.0 / 768.0));
        let s = of(&[("data-orig-width", "500"), ("data-orig-height", "250")]);
        assert_eq!(s, shaped(500.0, 2.0));
        // The real attribute wins over the lazy one.
        assert_eq!(
            of(&[("width", "7"), ("data-width", "700")]).width_px,
            Some(7.0)
        );
    }

    #[test]
    fn srcset_widths_are_shown_at_their_sizes() {
        let srcset = ("srcset", "a.jpg 180w, b.jpg 360w");
        assert_eq!(of(&[srcset, ("sizes", "180px")]).width_px, Some(180.0));
        let cond = (
            "sizes",
            "(max-width: 600px) 120px, (max-width: 1024px) 165px, 205px",
        );
        assert_eq!(of(&[srcset, cond]).width_px, Some(205.0));
        let lazy = ("data-srcset", "a.jpg 180w");
        assert_eq!(
            of(&[lazy, ("sizes", "(max-width: 480px) 200px, 260px")]).width_px,
            Some(260.0)
        );
        // `100vw`, no sizes, or density descriptors: as wide as the column.
        assert_eq!(
            of(&[srcset, ("sizes", "100vw, (min-width: 480px) 450px")]).width_px,
            None
        );
        assert_eq!(of(&[srcset]).width_px, None);
        assert_eq!(
            of(&[("srcset", "a.jpg 1x, b.jpg 2x"), ("sizes", "40px")]).width_px,
            None
        );
        // The width attribute wins.
        assert_eq!(
            of(&[srcset, ("sizes", "180px"), ("width", "90")]).width_px,
            Some(90.0)
        );
    }

    #[test]
    fn zero_sizes_and_strips_are_fixed_heights() {
        assert_eq!(of(&[("width", "0"), ("height", "0")]), fixed(0.0));
        // `height=0` beside a width: the width is known, the height follows the picture.
        assert_eq!(
            of(&[("width", "570"), ("height", "0")]),
            Size {
                width_px: Some(570.0),
                ..Size::default()
            }
        );
        assert_eq!(of(&[("width", "0"), ("height", "10")]), fixed(10.0));
        assert_eq!(of(&[("width", "0")]), fixed(0.0));
        assert_eq!(of(&[("width", "1"), ("height", "1000")]), fixed(1000.0));
        assert_eq!(of(&[("width", "1000"), ("height", "1")]), fixed(1.0));
        // Out of range values are mistakes, not sizes.
        assert_eq!(
            of(&[("width", "1000000"), ("height", "100000000")]),
            Size::default()
        );
    }

    #[test]
    fn dimension_values() {
        assert_eq!(dimension("12.5px"), Some(12.5));
        assert_eq!(dimension("12."), Some(12.0));
        assert_eq!(dimension("50 %"), None);
        assert_eq!(dimension("-3"), None);
        assert_eq!(css_length("0"), Some(0.0));
        assert_eq!(css_length("auto"), None);
        assert_eq!(css_length("-4px"), None);
    }
}
