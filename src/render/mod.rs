//! Writers of a plan for people and programs: JSON, a text report, the terminal preview, references.

mod json;
mod layout;
mod preview;
mod reference;
mod report;
mod summary;

pub use json::json;
pub use layout::{layout_json, layout_text};
pub use preview::{preview, PreviewStyle};
pub use reference::reference;
pub use report::text;
pub use summary::summary;
