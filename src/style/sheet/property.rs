//! The CSS properties adslot computes (longhands), the shorthands that set them, and how every
//! other property name is classed: without effect on block geometry, or not supported.

/// Declares the longhands: the enum, every one in order, CSS names and inheritance.
macro_rules! longhands {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $inherited:literal; )+) => {
        /// A property adslot computes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Longhand {
            $( $(#[doc = $doc])* $variant, )+
        }

        impl Longhand {
            /// Every longhand, in declaration order (`as usize` indexes this).
            pub const ALL: &'static [Longhand] = &[$(Longhand::$variant),+];

            /// The CSS name.
            pub fn name(self) -> &'static str {
                match self { $(Longhand::$variant => $name,)+ }
            }

            /// Whether an element takes the parent's value when nothing sets it.
            pub fn inherited(self) -> bool {
                match self { $(Longhand::$variant => $inherited,)+ }
            }
        }
    };
}

longhands! {
    /// `display`.
    Display = "display", false;
    /// `position`.
    Position = "position", false;
    /// `float`.
    Float = "float", false;
    /// `box-sizing`.
    BoxSizing = "box-sizing", false;
    /// `overflow` (`overflow-x` and `overflow-y` as one: either not visible makes a new flow).
    Overflow = "overflow", false;
    /// `margin-top`.
    MarginTop = "margin-top", false;
    /// `margin-right`.
    MarginRight = "margin-right", false;
    /// `margin-bottom`.
    MarginBottom = "margin-bottom", false;
    /// `margin-left`.
    MarginLeft = "margin-left", false;
    /// `padding-top`.
    PaddingTop = "padding-top", false;
    /// `padding-right`.
    PaddingRight = "padding-right", false;
    /// `padding-bottom`.
    PaddingBottom = "padding-bottom", false;
    /// `padding-left`.
    PaddingLeft = "padding-left", false;
    /// `border-top-width`.
    BorderTopWidth = "border-top-width", false;
    /// `border-right-width`.
    BorderRightWidth = "border-right-width", false;
    /// `border-bottom-width`.
    BorderBottomWidth = "border-bottom-width", false;
    /// `border-left-width`.
    BorderLeftWidth = "border-left-width", false;
    /// `border-top-style`.
    BorderTopStyle = "border-top-style", false;
    /// `border-right-style`.
    BorderRightStyle = "border-right-style", false;
    /// `border-bottom-style`.
    BorderBottomStyle = "border-bottom-style", false;
    /// `border-left-style`.
    BorderLeftStyle = "border-left-style", false;
    /// `width`.
    Width = "width", false;
    /// `min-width`.
    MinWidth = "min-width", false;
    /// `max-width`.
    MaxWidth = "max-width", false;
    /// `height`.
    Height = "height", false;
    /// `min-height`.
    MinHeight = "min-height", false;
    /// `aspect-ratio`.
    AspectRatio = "aspect-ratio", false;
    /// `font-family`.
    FontFamily = "font-family", true;
    /// `font-size`.
    FontSize = "font-size", true;
    /// `font-weight`.
    FontWeight = "font-weight", true;
    /// `font-style`.
    FontStyle = "font-style", true;
    /// `line-height`.
    LineHeight = "line-height", true;
    /// `letter-spacing`.
    LetterSpacing = "letter-spacing", true;
    /// `word-spacing`.
    WordSpacing = "word-spacing", true;
    /// `text-indent`.
    TextIndent = "text-indent", true;
    /// `white-space`.
    WhiteSpace = "white-space", true;
    /// `text-transform`.
    TextTransform = "text-transform", true;
    /// `overflow-wrap` (and its old name `word-wrap`).
    OverflowWrap = "overflow-wrap", true;
    /// `word-break`.
    WordBreak = "word-break", true;
    /// `hyphens`.
    Hyphens = "hyphens", true;
    /// `list-style-type`.
    ListStyleType = "list-style-type", true;
    /// `list-style-position`.
    ListStylePosition = "list-style-position", true;
    /// `border-spacing` (horizontal and vertical).
    BorderSpacing = "border-spacing", true;
}

/// The number of longhands.
pub const LONGHANDS: usize = Longhand::ALL.len();

/// A shorthand: one declaration that sets several longhands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shorthand {
    /// `margin`.
    Margin,
    /// `padding`.
    Padding,
    /// `border-width`.
    BorderWidth,
    /// `border-style`.
    BorderStyle,
    /// `border` (all four sides).
    Border,
    /// `border-top`, `border-right`, `border-bottom`, `border-left`: the side's index.
    BorderSide(usize),
    /// `margin-block` (top, bottom).
    MarginBlock,
    /// `margin-inline` (left, right).
    MarginInline,
    /// `padding-block`.
    PaddingBlock,
    /// `padding-inline`.
    PaddingInline,
    /// `font`.
    Font,
    /// `list-style`.
    ListStyle,
}

use Longhand as L;

/// The four sides of margin, padding, border width and border style, top, right, bottom, left.
pub const MARGINS: [Longhand; 4] = [L::MarginTop, L::MarginRight, L::MarginBottom, L::MarginLeft];
/// Padding, top right bottom left.
pub const PADDINGS: [Longhand; 4] = [
    L::PaddingTop,
    L::PaddingRight,
    L::PaddingBottom,
    L::PaddingLeft,
];
/// Border widths, top right bottom left.
pub const BORDER_WIDTHS: [Longhand; 4] = [
    L::BorderTopWidth,
    L::BorderRightWidth,
    L::BorderBottomWidth,
    L::BorderLeftWidth,
];
/// Border styles, top right bottom left.
pub const BORDER_STYLES: [Longhand; 4] = [
    L::BorderTopStyle,
    L::BorderRightStyle,
    L::BorderBottomStyle,
    L::BorderLeftStyle,
];

impl Shorthand {
    /// The longhands it sets.
    pub fn longhands(self) -> Vec<Longhand> {
        match self {
            Shorthand::Margin => MARGINS.to_vec(),
            Shorthand::Padding => PADDINGS.to_vec(),
            Shorthand::BorderWidth => BORDER_WIDTHS.to_vec(),
            Shorthand::BorderStyle => BORDER_STYLES.to_vec(),
            Shorthand::Border => BORDER_WIDTHS
                .iter()
                .chain(&BORDER_STYLES)
                .copied()
                .collect(),
            Shorthand::BorderSide(i) => vec![BORDER_WIDTHS[i], BORDER_STYLES[i]],
            Shorthand::MarginBlock => vec![L::MarginTop, L::MarginBottom],
            Shorthand::MarginInline => vec![L::MarginLeft, L::MarginRight],
            Shorthand::PaddingBlock => vec![L::PaddingTop, L::PaddingBottom],
            Shorthand::PaddingInline => vec![L::PaddingLeft, L::PaddingRight],
            Shorthand::Font => vec![
                L::FontStyle,
                L::FontWeight,
                L::FontSize,
                L::LineHeight,
                L::FontFamily,
            ],
            Shorthand::ListStyle => vec![L::ListStyleType, L::ListStylePosition],
        }
    }
}

/// What a property name is to adslot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Property {
    /// A longhand it computes (aliases such as `margin-block-start` resolved).
    Longhand(Longhand),
    /// A shorthand of longhands it computes.
    Shorthand(Shorthand),
    /// A custom property (`--name`): inherited, substituted by `var()`.
    Custom,
    /// A property without effect on where blocks go and how tall they are (colour,
    /// background, decoration, transitions...): read and set aside.
    Ignored,
    /// A property that may change the geometry but that adslot does not compute.
    Unsupported,
}

/// Properties that change how things look, not where blocks go or how tall they are.
const IGNORED: &[&str] = &[
    "accent-color",
    "all",
    "animation",
    "appearance",
    "backdrop-filter",
    "backface-visibility",
    "background",
    "border-color",
    "border-radius",
    "box-shadow",
    "caret-color",
    "clip-path",
    "color",
    "color-scheme",
    "content",
    "counter-increment",
    "counter-reset",
    "cursor",
    "fill",
    "filter",
    "font-feature-settings",
    "font-kerning",
    "font-optical-sizing",
    "font-smooth",
    "font-variant-ligatures",
    "font-variation-settings",
    "forced-color-adjust",
    "image-rendering",
    "isolation",
    "list-style-image",
    "mask",
    "mix-blend-mode",
    "object-fit",
    "object-position",
    "opacity",
    "outline",
    "overflow-anchor",
    "overscroll-behavior",
    "page-break-after",
    "page-break-before",
    "page-break-inside",
    "break-after",
    "break-before",
    "break-inside",
    "orphans",
    "widows",
    "perspective",
    "pointer-events",
    "print-color-adjust",
    "quotes",
    "resize",
    "rotate",
    "scale",
    "scroll-behavior",
    "scroll-margin",
    "scroll-padding",
    "scroll-snap-align",
    "scroll-snap-type",
    "scrollbar-color",
    "scrollbar-gutter",
    "scrollbar-width",
    "speak",
    "stroke",
    "text-align",
    "text-align-last",
    "text-decoration",
    "text-emphasis",
    "text-overflow",
    "text-rendering",
    "text-shadow",
    "text-size-adjust",
    "text-underline-offset",
    "text-underline-position",
    "touch-action",
    "transform",
    "transform-origin",
    "transform-style",
    "transition",
    "translate",
    "user-select",
    "vertical-align",
    "visibility",
    "will-change",
    "z-index",
    "zoom",
];

/// Whether `name` is `prefix` or one of its sub-properties (`background-color` of `background`).
fn family_of(name: &str, prefix: &str) -> bool {
    name == prefix
        || name
            .strip_prefix(prefix)
            .is_some_and(|r| r.starts_with('-'))
}

/// Classes a property name (lowercase, vendor prefix included).
///
/// ```
/// use adslot::style::sheet::{property, Longhand, Property};
/// assert_eq!(property("margin-block-start"), Property::Longhand(Longhand::MarginTop));
/// assert_eq!(property("color"), Property::Ignored);
/// assert_eq!(property("-webkit-font-smoothing"), Property::Ignored);
/// assert_eq!(property("grid-template-columns"), Property::Unsupported);
/// ```
pub fn property(name: &str) -> Property {
    if name.starts_with("--") {
        return Property::Custom;
    }
    if let Some(l) = Longhand::ALL.iter().find(|l| l.name() == name) {
        return Property::Longhand(*l);
    }
    let longhand = match name {
        "margin-block-start" => Some(L::MarginTop),
        "margin-block-end" => Some(L::MarginBottom),
        "margin-inline-start" => Some(L::MarginLeft),
        "margin-inline-end" => Some(L::MarginRight),
        "padding-block-start" => Some(L::PaddingTop),
        "padding-block-end" => Some(L::PaddingBottom),
        "padding-inline-start" => Some(L::PaddingLeft),
        "padding-inline-end" => Some(L::PaddingRight),
        "border-block-start-width" => Some(L::BorderTopWidth),
        "border-block-end-width" => Some(L::BorderBottomWidth),
        "overflow-x" | "overflow-y" => Some(L::Overflow),
        "word-wrap" => Some(L::OverflowWrap),
        "-webkit-hyphens" => Some(L::Hyphens),
        "-webkit-box-sizing" | "-moz-box-sizing" => Some(L::BoxSizing),
        "inline-size" => Some(L::Width),
        "min-inline-size" => Some(L::MinWidth),
        "max-inline-size" => Some(L::MaxWidth),
        "block-size" => Some(L::Height),
        "min-block-size" => Some(L::MinHeight),
        _ => None,
    };
    if let Some(l) = longhand {
        return Property::Longhand(l);
    }
    let shorthand = match name {
        "margin" => Some(Shorthand::Margin),
        "padding" => Some(Shorthand::Padding),
        "border-width" => Some(Shorthand::BorderWidth),
        "border-style" => Some(Shorthand::BorderStyle),
        "border" => Some(Shorthand::Border),
        "border-top" | "border-block-start" => Some(Shorthand::BorderSide(0)),
        "border-right" => Some(Shorthand::BorderSide(1)),
        "border-bottom" | "border-block-end" => Some(Shorthand::BorderSide(2)),
        "border-left" => Some(Shorthand::BorderSide(3)),
        "margin-block" => Some(Shorthand::MarginBlock),
        "margin-inline" => Some(Shorthand::MarginInline),
        "padding-block" => Some(Shorthand::PaddingBlock),
        "padding-inline" => Some(Shorthand::PaddingInline),
        "font" => Some(Shorthand::Font),
        "list-style" => Some(Shorthand::ListStyle),
        _ => None,
    };
    if let Some(s) = shorthand {
        return Property::Shorthand(s);
    }
    // Vendor-prefixed properties are the engines' own; the standard names carry the geometry.
    if name.starts_with('-') {
        return Property::Ignored;
    }
    let border_colour_or_radius =
        name.starts_with("border-") && (name.ends_with("-color") || name.ends_with("-radius"));
    if border_colour_or_radius || IGNORED.iter().any(|p| family_of(name, p)) {
        return Property::Ignored;
    }
    Property::Unsupported
}
