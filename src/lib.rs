//! adslot decides where ads go inside news articles, by rules ad-ops people can read.
//!
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod article;
pub mod batch;
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
pub mod source;
pub mod style;
pub mod suggest;
pub mod text;
pub mod words;

pub use article::{Article, Block, BlockKind};
pub use document::{Document, ReadOptions};
pub use engine::{place, PlaceOptions};
pub use error::{Diagnostic, Error};
pub use plan::{GapVerdict, Placement, Plan, Reason};
pub use rules::Rules;
