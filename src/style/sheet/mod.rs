//! A parsed stylesheet: its style rules (selectors, declarations, the `@media` and `@layer`
//! they sit in) and a report of what was read and what was not.
//!
//! `property` (which properties are computed), `value` (their grammars and the shorthands),
//! `selector` (the selector subset and matching), `media` (media queries), `parse` (the
//! cssparser rule and declaration parsers that build a [`Stylesheet`]).

mod element;
mod media;
mod parse;
mod property;
mod selector;
mod value;

use std::sync::Arc;

use serde::Serialize;

pub use media::{MediaEnv, MediaList};
pub use property::{property, Longhand, Property, Shorthand, LONGHANDS};
pub(crate) use property::{BORDER_STYLES, BORDER_WIDTHS, MARGINS, PADDINGS};
pub use selector::{Complex, ElementData, Key, SelectorProblem, Specificity};
pub(crate) use value::parse_declared;
pub use value::{Family, Value, Wide};

use crate::error::Position;

/// One declaration of a style rule or `style` attribute.
#[derive(Clone, Debug, PartialEq)]
pub enum Decl {
    /// A longhand and its value.
    Longhand {
        /// The property.
        property: Longhand,
        /// Its value.
        value: Value,
        /// `!important`.
        important: bool,
    },
    /// A custom property (`--name: tokens`).
    Custom {
        /// The name, with its dashes.
        name: Arc<str>,
        /// The value as written (trimmed).
        raw: Arc<str>,
        /// `!important`.
        important: bool,
    },
    /// A value holding `var()`: parsed when the element's custom properties are known.
    Pending {
        /// The property (a longhand or a shorthand).
        property: Property,
        /// Its name as written, for reports.
        name: Arc<str>,
        /// The value as written.
        raw: Arc<str>,
        /// `!important`.
        important: bool,
    },
}

impl Decl {
    /// Whether it is `!important`.
    pub fn important(&self) -> bool {
        match self {
            Decl::Longhand { important, .. }
            | Decl::Custom { important, .. }
            | Decl::Pending { important, .. } => *important,
        }
    }
}

/// One selector of a style rule, with where it stands in the cascade.
#[derive(Clone, Debug, PartialEq)]
pub struct StyleRule {
    /// The selector.
    pub selector: Complex,
    /// Its specificity.
    pub specificity: Specificity,
    /// Index of its declaration block in [`Stylesheet::blocks`].
    pub block: usize,
    /// Indices into [`Stylesheet::media`] that must all hold (nested `@media`).
    pub media: Vec<usize>,
    /// Its cascade layer's rank: earlier layers rank lower; rules outside layers rank highest.
    pub layer: u16,
    /// Source order across the sheet.
    pub order: u32,
}

/// A stylesheet, parsed once: rules in order, their declaration blocks and media lists.
#[derive(Clone, Debug, PartialEq)]
pub struct Stylesheet {
    /// The name it was read from, for locations.
    pub origin: String,
    /// One entry per usable selector.
    pub rules: Vec<StyleRule>,
    /// Declaration blocks (shared by the selectors of a rule).
    pub blocks: Vec<Vec<Decl>>,
    /// The media lists the rules refer to.
    pub media: Vec<MediaList>,
    /// What was read and what was not.
    pub report: SheetReport,
}

/// Something the stylesheet holds that was not used, where it is and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Noted {
    /// The text (shortened).
    pub text: String,
    /// Why it was not used.
    pub reason: String,
    /// Where.
    pub at: Position,
}

/// A name seen some number of times, first at a place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Counted {
    /// The property or at-rule.
    pub name: String,
    /// How many times.
    pub count: usize,
    /// The first place.
    pub first: Position,
}

/// What a stylesheet held: counts of what was read, and every kind of thing that was not, with
/// the places (`adslot check` prints this).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SheetReport {
    /// Style rules with at least one usable selector.
    pub style_rules: usize,
    /// Usable selectors.
    pub selectors: usize,
    /// Declarations of properties adslot computes (shorthands and custom properties included).
    pub declarations: usize,
    /// Declarations of properties without effect on the block geometry (colour, background...).
    pub ignored: usize,
    /// Properties that may change the geometry but are not computed.
    pub unsupported_properties: Vec<Counted>,
    /// Selectors outside the supported subset (their rules apply to the other selectors).
    pub unsupported_selectors: Vec<Noted>,
    /// Selectors of pseudo-elements (`::before`): they style no element.
    pub pseudo_element_selectors: usize,
    /// Rules with nested style rules (CSS nesting), whose nested rules are not applied.
    pub nested_rules: usize,
    /// Invalid CSS, dropped as browsers drop it.
    pub invalid: Vec<Noted>,
    /// At-rules other than `@media`, `@supports` and `@layer`, counted (`@import` is not
    /// followed, `@container` rules are not applied, `@keyframes`/`@page`... have no geometry).
    pub at_rules: Vec<Counted>,
    /// Media features that cannot be evaluated (they count as false).
    pub unknown_media_features: Vec<Noted>,
    /// Families of the `@font-face` rules.
    pub font_faces: Vec<String>,
}

impl Stylesheet {
    /// Parses a stylesheet; `origin` names it in the report's locations. CSS is read as
    /// browsers read it: what is invalid is dropped (and listed), never an error.
    ///
    /// ```
    /// use adslot::style::sheet::Stylesheet;
    /// let css = "p { margin: 0 0 1em; color: #333 } h2 + p { margin-top: 0 } .x { float: left }";
    /// let sheet = Stylesheet::parse("site.css", css);
    /// assert_eq!(sheet.report.style_rules, 2);
    /// assert_eq!(sheet.report.ignored, 1); // color
    /// assert_eq!(sheet.report.unsupported_selectors[0].text, "h2 + p");
    /// assert_eq!(sheet.report.unsupported_selectors[0].at.to_string(), "1:36");
    /// ```
    pub fn parse(origin: &str, css: &str) -> Stylesheet {
        parse::parse(origin, css)
    }

    /// The declarations of an inline `style` attribute.
    ///
    /// ```
    /// use adslot::style::sheet::Stylesheet;
    /// assert_eq!(Stylesheet::parse_inline("margin: 0; min-height: 302px").len(), 5);
    /// ```
    pub fn parse_inline(style: &str) -> Vec<Decl> {
        parse::inline(style)
    }
}
