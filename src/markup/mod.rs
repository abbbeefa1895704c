//! Markup settings below the readers: the CSS selector subset, slot templates, `[html]` options.
//!
//! This layer imports only `error`, `suggest` and `source`: the rules hold an [`HtmlOptions`]
//! and a slot template without knowing the format readers that use them.

mod options;
mod selector;
pub mod template;

pub use options::{HtmlOptions, DEFAULT_MAX_DEPTH};
pub use selector::{Ancestor, Selector, SelectorError};

/// HTML's void elements: they have no content and no end tag.
///
/// ```
/// assert!(adslot::markup::VOID_ELEMENTS.contains(&"img"));
/// ```
pub const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame",
];
