//! Markup settings below the readers: the CSS selector subset, slot templates, `[html]` and `[gutenberg]` options.
//!
//! This layer imports only `error`, `suggest` and `source`: the rules hold an [`HtmlOptions`]
//! and a slot template without knowing the format readers that use them.

mod cms;
mod options;
mod selector;
pub(crate) mod template;

pub use cms::{GutenbergOptions, SlotBlock};
pub use options::{HtmlOptions, DEFAULT_MAX_DEPTH};
pub use selector::{Ancestor, Selector, SelectorError};
pub use template::{
    render_slot, validate_template, SlotVars, TemplateError, DEFAULT_SLOT_TEMPLATE,
};

/// HTML's void elements: they have no content and no end tag.
///
/// ```
/// assert!(adslot::markup::VOID_ELEMENTS.contains(&"img"));
/// ```
pub const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame",
];
