//! Computed styles: what an element's cascaded values come to in px, with inheritance, font-size
//! keywords and Chromium's monospace size, border snapping and the used width and margins.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

pub use super::boxes::{Display, Edges, LineHeight};
use super::length::{Context, Expr};
use super::sheet::{
    Family, Longhand, Value, Wide, BORDER_STYLES, BORDER_WIDTHS, MARGINS, PADDINGS,
};

/// The properties that give text its size: everything the line breaker and the line height
/// need from CSS.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComputedStyle {
    /// `display` (blockified for floats and absolutely positioned boxes).
    pub display: Display,
    /// `position`.
    pub position: &'static str,
    /// `float`.
    pub float: &'static str,
    /// `overflow` (`visible` unless either axis says otherwise).
    pub overflow: &'static str,
    /// `box-sizing: border-box`.
    pub border_box: bool,
    /// Used margins in px (`auto` resolved against the containing block).
    pub margin: Edges,
    /// Padding in px.
    pub padding: Edges,
    /// Used border widths in px (0 where the style is `none`, snapped as Chromium does).
    pub border: Edges,
    /// `width` in px (`None`: auto).
    pub width: Option<f64>,
    /// `min-width` in px.
    pub min_width: f64,
    /// `max-width` in px (`None`: none).
    pub max_width: Option<f64>,
    /// `height` in px (`None`: auto).
    pub height: Option<f64>,
    /// `min-height` in px.
    pub min_height: f64,
    /// `aspect-ratio` (width/height), if set.
    pub aspect_ratio: Option<f64>,
    /// The width of its content box in px: what its lines wrap in (for a block with `auto`
    /// width, the containing block less margins, borders and padding).
    pub content_width_px: f64,
    /// `font-family`, first choice first.
    #[serde(serialize_with = "families")]
    pub font_family: Arc<[Family]>,
    /// `font-size` in px.
    pub font_px: f64,
    /// `font-weight` (1 to 1000).
    pub font_weight: f64,
    /// `font-style`: `normal`, `italic` or `oblique`.
    pub font_style: &'static str,
    /// `line-height`.
    pub line_height: LineHeight,
    /// `letter-spacing` in px (`None`: normal).
    pub letter_spacing_px: Option<f64>,
    /// `word-spacing` in px.
    pub word_spacing_px: f64,
    /// `text-indent` in px.
    pub text_indent_px: f64,
    /// `white-space`.
    pub white_space: &'static str,
    /// `text-transform`.
    pub text_transform: &'static str,
    /// `overflow-wrap`.
    pub overflow_wrap: &'static str,
    /// `word-break`.
    pub word_break: &'static str,
    /// `hyphens`.
    pub hyphens: &'static str,
    /// `list-style-type` (`disc`, `decimal`, `none`, a string...).
    #[serde(serialize_with = "text")]
    pub list_style_type: Arc<str>,
    /// `list-style-position: inside`.
    pub list_style_inside: bool,
    /// `border-spacing` in px, horizontal and vertical.
    pub border_spacing: (f64, f64),
    /// The font-size keyword the size comes from, for Chromium's monospace default.
    #[serde(skip)]
    pub(crate) font_keyword: Option<usize>,
    /// Whether the size was set in absolute units somewhere up the tree.
    #[serde(skip)]
    pub(crate) font_absolute: bool,
    /// Custom properties (inherited).
    #[serde(skip)]
    pub(crate) custom: Arc<BTreeMap<Arc<str>, Arc<str>>>,
}

fn text<S: serde::Serializer>(t: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t)
}

fn families<S: serde::Serializer>(f: &Arc<[Family]>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(f.iter().map(|f| f.name.as_str()))
}

/// Chromium's font sizes for the keywords `xx-small` to `xxx-large` at a medium of 16 px and
/// of 13 px (the monospace default).
const KEYWORD_PX: [[f64; 8]; 2] = [
    [9.0, 10.0, 13.0, 16.0, 18.0, 24.0, 32.0, 48.0],
    [9.0, 10.0, 12.0, 13.0, 14.0, 19.0, 26.0, 39.0],
];
const KEYWORDS: [&str; 8] = [
    "xx-small",
    "x-small",
    "small",
    "medium",
    "large",
    "x-large",
    "xx-large",
    "xxx-large",
];
const MEDIUM: usize = 3;

/// Whether the family list is Chromium's monospace: exactly the generic `monospace`.
fn monospace(families: &[Family]) -> bool {
    families.len() == 1 && families[0].generic && families[0].name == "monospace"
}

impl ComputedStyle {
    /// The initial style: what an element gets from nothing (16 px Times New Roman, no
    /// margins), with `content_width_px` the viewport's width.
    pub fn initial(viewport_width: f64) -> ComputedStyle {
        ComputedStyle {
            display: Display::Inline,
            position: "static",
            float: "none",
            overflow: "visible",
            border_box: false,
            margin: Edges::default(),
            padding: Edges::default(),
            border: Edges::default(),
            width: None,
            min_width: 0.0,
            max_width: None,
            height: None,
            min_height: 0.0,
            aspect_ratio: None,
            content_width_px: viewport_width,
            font_family: Arc::from(vec![Family {
                name: "Times New Roman".to_string(),
                generic: false,
            }]),
            font_px: 16.0,
            font_weight: 400.0,
            font_style: "normal",
            line_height: LineHeight::Normal,
            letter_spacing_px: None,
            word_spacing_px: 0.0,
            text_indent_px: 0.0,
            white_space: "normal",
            text_transform: "none",
            overflow_wrap: "normal",
            word_break: "normal",
            hyphens: "manual",
            list_style_type: Arc::from("disc"),
            list_style_inside: false,
            border_spacing: (0.0, 0.0),
            font_keyword: Some(MEDIUM),
            font_absolute: false,
            custom: Arc::new(BTreeMap::new()),
        }
    }

    /// Whether its children's margins stay inside it (it starts a new block formatting
    /// context): `flow-root`, flex, grid, table cells, inline blocks, floats, absolutely
    /// positioned boxes, `overflow` other than visible or clip.
    pub fn contains_margins(&self) -> bool {
        !matches!(self.overflow, "visible" | "clip")
            || self.float != "none"
            || matches!(self.position, "absolute" | "fixed")
            || matches!(
                self.display,
                Display::FlowRoot
                    | Display::Flex
                    | Display::Grid
                    | Display::Table
                    | Display::TableCell
                    | Display::TableCaption
                    | Display::InlineBlock
            )
    }

    /// The line height in px, `None` for `normal`.
    pub fn line_height_px(&self) -> Option<f64> {
        self.line_height.px(self.font_px)
    }
}

/// What an element's cascade chose for each longhand (`None`: nothing declared it).
pub(crate) type Cascaded = [Option<Value>; super::sheet::LONGHANDS];

/// What computing needs besides the parent: the root's font size and the viewport.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Env {
    pub rem: f64,
    pub viewport_width: f64,
    pub viewport_height: f64,
}

/// The value to use for `l`: the declared one, or what `inherit`/`initial`/`unset` say.
/// `None` means the initial value; `Some(None)` the parent's.
enum Use<'a> {
    Declared(&'a Value),
    Inherit,
    Initial,
}

fn pick(cascaded: &Cascaded, l: Longhand) -> Use<'_> {
    match &cascaded[l as usize] {
        Some(Value::Wide(Wide::Inherit)) => Use::Inherit,
        Some(Value::Wide(Wide::Initial)) => Use::Initial,
        Some(Value::Wide(Wide::Unset | Wide::Revert)) | None => {
            if l.inherited() {
                Use::Inherit
            } else {
                Use::Initial
            }
        }
        Some(v) => Use::Declared(v),
    }
}

fn keyword(v: &Value) -> Option<&'static str> {
    match v {
        Value::Keyword(k) => Some(k),
        _ => None,
    }
}

/// Computes an element's style from its parent's and its cascaded values.
pub(crate) fn compute(
    parent: &ComputedStyle,
    cascaded: &Cascaded,
    custom: Arc<BTreeMap<Arc<str>, Arc<str>>>,
    env: &Env,
    is_root: bool,
) -> ComputedStyle {
    use Longhand as L;
    let initial = ComputedStyle::initial(env.viewport_width);
    let mut s = ComputedStyle {
        custom,
        content_width_px: parent.content_width_px,
        ..initial.clone()
    };
    // A keyword-valued longhand: declared, inherited or initial.
    macro_rules! kw {
        ($l:expr, $field:ident) => {
            match pick(cascaded, $l) {
                Use::Declared(v) => keyword(v).unwrap_or(initial.$field),
                Use::Inherit => parent.$field,
                Use::Initial => initial.$field,
            }
        };
    }

    // Fonts first: lengths in em need the element's own font size.
    s.font_family = match pick(cascaded, L::FontFamily) {
        Use::Declared(Value::Families(f)) => f.clone(),
        Use::Initial => initial.font_family.clone(),
        _ => parent.font_family.clone(),
    };
    let mono = monospace(&s.font_family);
    let table = |mono: bool| &KEYWORD_PX[usize::from(mono)];
    let parent_cx = Context {
        em: parent.font_px,
        rem: if is_root { 16.0 } else { env.rem },
        percent_of: Some(parent.font_px),
        viewport_width: env.viewport_width,
        viewport_height: env.viewport_height,
    };
    let (mut size, keyword_index, absolute) = match pick(cascaded, L::FontSize) {
        Use::Declared(Value::Keyword(k)) => match KEYWORDS.iter().position(|w| w == k) {
            Some(i) => (table(mono)[i], Some(i), false),
            None if *k == "smaller" => (parent.font_px / 1.2, None, parent.font_absolute),
            None => (parent.font_px * 1.2, None, parent.font_absolute),
        },
        Use::Declared(Value::Length(e)) => {
            let relative = font_relative(e);
            let absolute = if relative { parent.font_absolute } else { true };
            (e.px(&parent_cx).max(0.0), None, absolute)
        }
        Use::Initial => (table(mono)[MEDIUM], Some(MEDIUM), false),
        _ => (parent.font_px, parent.font_keyword, parent.font_absolute),
    };
    // Chromium sizes an exactly-`monospace` family from a 13 px medium, unless a length in
    // absolute units set the size somewhere up the tree.
    if !absolute && mono != monospace(&parent.font_family) && !is_root {
        size = match keyword_index {
            Some(i) => table(mono)[i],
            None if mono => size * 13.0 / 16.0,
            None => size * 16.0 / 13.0,
        };
    }
    s.font_px = size;
    s.font_keyword = keyword_index;
    s.font_absolute = absolute;
    let rem = if is_root { size } else { env.rem };
    let own = |percent_of: Option<f64>| Context {
        em: size,
        rem,
        percent_of,
        viewport_width: env.viewport_width,
        viewport_height: env.viewport_height,
    };
    s.font_weight = match pick(cascaded, L::FontWeight) {
        Use::Declared(Value::Keyword(k)) => match *k {
            "bold" => 700.0,
            "bolder" => bolder(parent.font_weight),
            "lighter" => lighter(parent.font_weight),
            _ => 400.0,
        },
        Use::Declared(Value::Length(e)) => e.px(&own(None)).clamp(1.0, 1000.0),
        Use::Initial => 400.0,
        _ => parent.font_weight,
    };
    s.font_style = kw!(L::FontStyle, font_style);
    s.line_height = match pick(cascaded, L::LineHeight) {
        Use::Declared(Value::Length(e)) if e.is_number() => LineHeight::Number(e.px(&own(None))),
        Use::Declared(Value::Length(e)) => LineHeight::Px(e.px(&own(Some(size))).max(0.0)),
        Use::Declared(_) | Use::Initial => LineHeight::Normal,
        Use::Inherit => parent.line_height,
    };
    s.letter_spacing_px = match pick(cascaded, L::LetterSpacing) {
        Use::Declared(Value::Length(e)) => Some(e.px(&own(Some(size)))),
        Use::Declared(_) | Use::Initial => None,
        Use::Inherit => parent.letter_spacing_px,
    };
    s.word_spacing_px = match pick(cascaded, L::WordSpacing) {
        Use::Declared(Value::Length(e)) => e.px(&own(Some(size))),
        Use::Declared(_) | Use::Initial => 0.0,
        Use::Inherit => parent.word_spacing_px,
    };
    let cb = parent.content_width_px;
    s.text_indent_px = match pick(cascaded, L::TextIndent) {
        Use::Declared(Value::Length(e)) => e.px(&own(Some(cb))),
        Use::Declared(_) | Use::Initial => 0.0,
        Use::Inherit => parent.text_indent_px,
    };
    s.white_space = kw!(L::WhiteSpace, white_space);
    s.text_transform = kw!(L::TextTransform, text_transform);
    s.overflow_wrap = kw!(L::OverflowWrap, overflow_wrap);
    s.word_break = kw!(L::WordBreak, word_break);
    s.hyphens = kw!(L::Hyphens, hyphens);
    s.list_style_type = match pick(cascaded, L::ListStyleType) {
        Use::Declared(Value::Keyword(k)) => Arc::from(*k),
        Use::Declared(Value::Text(t)) => t.clone(),
        Use::Declared(_) | Use::Initial => initial.list_style_type.clone(),
        Use::Inherit => parent.list_style_type.clone(),
    };
    s.list_style_inside = match pick(cascaded, L::ListStylePosition) {
        Use::Declared(v) => keyword(v) == Some("inside"),
        Use::Initial => false,
        Use::Inherit => parent.list_style_inside,
    };
    s.border_spacing = match pick(cascaded, L::BorderSpacing) {
        Use::Declared(Value::Pair(h, v)) => (h.px(&own(None)), v.px(&own(None))),
        Use::Declared(_) | Use::Initial => (0.0, 0.0),
        Use::Inherit => parent.border_spacing,
    };

    // Boxes.
    s.position = kw!(L::Position, position);
    s.float = match kw!(L::Float, float) {
        "inline-start" => "left",
        "inline-end" => "right",
        f => f,
    };
    if matches!(s.position, "absolute" | "fixed") {
        s.float = "none";
    }
    s.overflow = kw!(L::Overflow, overflow);
    s.border_box = match pick(cascaded, L::BoxSizing) {
        Use::Declared(v) => keyword(v) == Some("border-box"),
        Use::Inherit => parent.border_box,
        Use::Initial => false,
    };
    let display = match pick(cascaded, L::Display) {
        Use::Declared(Value::Keyword(k)) => Display::from_keyword(k),
        Use::Inherit => parent.display,
        _ => Display::Inline,
    };
    let blockify = is_root || s.float != "none" || matches!(s.position, "absolute" | "fixed");
    s.display = match display {
        Display::Inline | Display::InlineBlock if blockify => Display::Block,
        Display::TableRow | Display::TableCell | Display::TableCaption if blockify => {
            Display::Block
        }
        Display::Contents if is_root => Display::Block,
        d => d,
    };
    let box_cx = own(Some(cb));
    let len = |l: Longhand| -> Option<f64> {
        match pick(cascaded, l) {
            Use::Declared(Value::Length(e)) => Some(e.px(&box_cx)),
            _ => None,
        }
    };
    let mut auto_margin = [false; 4];
    for (i, l) in MARGINS.iter().enumerate() {
        let v = match pick(cascaded, *l) {
            Use::Declared(Value::Length(e)) => e.px(&box_cx),
            Use::Declared(_) => {
                auto_margin[i] = true;
                0.0
            }
            Use::Inherit => parent.margin.get(i),
            Use::Initial => 0.0,
        };
        s.margin.set(i, v);
    }
    for (i, l) in PADDINGS.iter().enumerate() {
        let v = match pick(cascaded, *l) {
            Use::Inherit => parent.padding.get(i),
            _ => len(*l).unwrap_or(0.0).max(0.0),
        };
        s.padding.set(i, v);
    }
    for i in 0..4 {
        let style = match pick(cascaded, BORDER_STYLES[i]) {
            Use::Declared(v) => keyword(v).unwrap_or("none"),
            _ => "none",
        };
        let width = match pick(cascaded, BORDER_WIDTHS[i]) {
            Use::Declared(Value::Length(e)) => e.px(&own(None)),
            _ => 3.0, // medium
        };
        s.border.set(i, border_width(style, width));
    }
    s.width = len(L::Width).map(|w| w.max(0.0));
    s.min_width = len(L::MinWidth).unwrap_or(0.0).max(0.0);
    s.max_width = len(L::MaxWidth).map(|w| w.max(0.0));
    let height_cx = Context {
        percent_of: None,
        ..box_cx
    };
    let height_of = |l: Longhand| match pick(cascaded, l) {
        Use::Declared(Value::Length(e)) if !e.has_percent() => Some(e.px(&height_cx).max(0.0)),
        _ => None,
    };
    s.height = height_of(L::Height);
    s.min_height = height_of(L::MinHeight).unwrap_or(0.0);
    s.aspect_ratio = match pick(cascaded, L::AspectRatio) {
        Use::Declared(Value::Ratio(r)) => Some(*r),
        _ => None,
    };
    resolve_width(&mut s, cb, auto_margin);
    s
}

/// Whether a font-size length is relative to the parent's size (em, %, ex, ch).
fn font_relative(e: &Expr) -> bool {
    match e {
        Expr::Em(_) | Expr::Percent(_) => true,
        Expr::Sum(a, b) => font_relative(a) || font_relative(b),
        Expr::Scale(a, _) => font_relative(a),
        Expr::Min(xs) | Expr::Max(xs) => xs.iter().any(font_relative),
        _ => false,
    }
}

/// A used border width: 0 without a visible style; else at least 1 px and whole px (Chromium
/// snaps border widths to device pixels; at a device pixel ratio of 1 that is a floor).
fn border_width(style: &str, width: f64) -> f64 {
    if matches!(style, "none" | "hidden") || width <= 0.0 {
        0.0
    } else if width < 1.0 {
        1.0
    } else {
        width.floor()
    }
}

/// CSS Fonts 4's `bolder`.
fn bolder(w: f64) -> f64 {
    if w < 350.0 {
        400.0
    } else if w < 550.0 {
        700.0
    } else {
        900.0
    }
}

/// CSS Fonts 4's `lighter`.
fn lighter(w: f64) -> f64 {
    if w < 100.0 {
        w
    } else if w < 550.0 {
        100.0
    } else if w < 750.0 {
        400.0
    } else {
        700.0
    }
}

/// The used width and horizontal margins of a box in a containing block `cb` px wide (CSS 2.1
/// 10.3.3 with `min-width`/`max-width`, 10.4); boxes that are not block-level in a block flow
/// keep the containing block's width (inline content wraps in it; shrink-to-fit widths depend on
/// content the styles do not know).
fn resolve_width(s: &mut ComputedStyle, cb: f64, auto_margin: [bool; 4]) {
    let edges = s.border.horizontal() + s.padding.horizontal();
    let block = s.display.is_block_level()
        && s.float == "none"
        && s.position != "absolute"
        && s.position != "fixed";
    if !block {
        s.content_width_px = if s.display == Display::Inline || s.display == Display::Contents {
            cb
        } else {
            (cb - s.margin.horizontal() - edges).max(0.0)
        };
        return;
    }
    let to_content = |w: f64| {
        if s.border_box {
            (w - edges).max(0.0)
        } else {
            w
        }
    };
    let fill = (cb - s.margin.horizontal() - edges).max(0.0);
    let mut content = s.width.map_or(fill, to_content);
    if let Some(max) = s.max_width {
        content = content.min(to_content(max));
    }
    content = content.max(to_content(s.min_width));
    s.content_width_px = content;
    let explicit = s.width.is_some() || content != fill;
    if explicit {
        let rest = cb - content - edges;
        match (auto_margin[3], auto_margin[1]) {
            (true, true) => {
                let half = ((rest) / 2.0).max(0.0);
                s.margin.left = half;
                s.margin.right = half;
            }
            (true, false) => s.margin.left = rest - s.margin.right,
            (false, true) => s.margin.right = rest - s.margin.left,
            (false, false) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn border_widths_snap() {
        assert_eq!(border_width("solid", 0.5), 1.0);
        assert_eq!(border_width("solid", 2.7), 2.0);
        assert_eq!(border_width("none", 4.0), 0.0);
        assert_eq!(border_width("hidden", 4.0), 0.0);
    }

    #[test]
    fn relative_weights() {
        assert_eq!(bolder(400.0), 700.0);
        assert_eq!(bolder(700.0), 900.0);
        assert_eq!(lighter(700.0), 400.0);
        assert_eq!(lighter(400.0), 100.0);
    }
}
