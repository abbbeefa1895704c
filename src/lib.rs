//! adslot decides where ads go inside news articles, by rules ad-ops people can read.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod article;
pub mod error;
pub mod formats;
pub mod source;
pub mod suggest;
pub mod words;

pub use article::{Article, Block, BlockKind};
pub use error::{Diagnostic, Error};
