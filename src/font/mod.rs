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
mod measure;
mod sanitize;
mod table;

pub use builtin::{builtin, family, BuiltinSource, Family, Style, BUILTIN};
pub use error::FontError;
pub use face::{Container, Face, Shaper};
pub use generate::NEWS_COVERAGE;
pub use measure::{Font, FontStack, TextStyle};
pub use table::Metrics;
