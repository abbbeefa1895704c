//! adslot decides where ads go inside news articles, by rules ad-ops people can read.
//!
//! # Module map
//!
//! Bottom layer first; a module imports only from the layers above it in this list, never below.
//!
//! | layer | module | what it holds |
//! |---|---|---|
//! | base | [`error`] | the typed errors, each naming its input and line:column |
//! | base | `suggest` (crate-internal), [`words`] | "did you mean" suggestions; word counting |
//! | base | [`markup`] | the CSS selector subset, slot templates, the `[html]` options |
//! | text | [`text`] | line breaking: textwrap-exact columns, and Chromium-exact pixels (`text::pixel`) |
//! | text | [`font`] | font faces, built-in metrics tables, widths in px for `text::pixel` |
//! | input | [`source`] | input bytes as given: files, stdin, encodings, offsets to line:column |
//! | model | [`article`] | the article: blocks of known kinds and the gaps between them |
//! | model | [`style`] | the publisher's CSS: stylesheets, the cascade, computed block styles, margin collapsing |
//! | geometry | [`layout`] | device profiles and the page geometry per device |
//! | geometry | [`measure`] | prefix sums of words, paragraphs and px: any distance in O(1) |
//! | rules | [`rules`] | rule files: the registry, checks, values, the loader |
//! | solver | [`plan`], [`engine`] | the answer (placements, verdicts) and the solver that finds it |
//! | formats | [`formats`] | readers and slot writers as one table: JSON, text, HTML, Markdown |
//! | jobs | [`document`] | one-call entry points: read a document, write it back with slots |
//! | jobs | [`render`], [`batch`] | outputs for people and programs; JSON Lines over all cores |
//! | jobs | [`diff`] | two rule files compared over a corpus: per article, totals, reports |
//! | service | [`serve`] | the HTTP service (feature `serve`): endpoints, limits, rules reloaded live |
//!
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Internals are `pub(crate)`; a public signature that reaches a type a caller cannot name
// (one inside a crate-internal module, not re-exported) is a warning, so CI's `-D warnings`
// keeps the curated surface honest.
#![warn(unnameable_types)]

pub mod article;
pub mod batch;
pub mod diff;
pub mod document;
pub mod engine;
pub mod error;
pub mod font;
pub mod formats;
pub mod layout;
pub mod markup;
pub mod measure;
pub mod plan;
pub mod render;
pub mod rules;
#[cfg(feature = "serve")]
pub mod serve;
pub mod source;
pub mod style;
pub(crate) mod suggest;
pub mod text;
pub mod words;

pub use article::{Article, Block, BlockKind, Cell, Container, Picture, Run};
pub use document::{Document, ReadOptions};
pub use engine::{place, PlaceOptions};
pub use error::{Diagnostic, Error};
pub use plan::{GapVerdict, Placement, Plan, Reason};
pub use rules::Rules;
