//! Fonts: faces read from TTF, OTF, WOFF and WOFF2 files, compact built-in metrics tables for the
//! faces news sites use, and px widths (advances, kerning, shaping, spacing, fallback) for the
//! pixel line breaker.
//!
//! Layering: this module imports nothing from adslot but the [`crate::text::pixel::Advances`] trait it
//! implements, so the line breaker never depends on fonts.

mod builtin;
mod error;
mod face;
mod generate;
mod load;
mod measure;
mod sanitize;
mod table;

pub use builtin::{
    builtin, family, family_names, BuiltinSource, Family, Style, BUILTIN, HAS_BUILTIN_TABLES,
};
pub use error::FontError;
pub use face::{Container, Face, Shaper};
pub use generate::{describe_font, table_of, NEWS_COVERAGE};
pub use load::{load_bytes, load_file, FontCache, FontName, MAX_FONT_BYTES};
pub use measure::{Font, FontStack, TextStyle};
pub use table::Metrics;
