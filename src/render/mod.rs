//! Writers of a plan for people and programs: JSON, a text report, the preview, references.

mod json;
mod layout;
mod plural;
pub mod preview;
mod reference;
mod report;
mod style;
mod summary;
mod table;

pub use json::json;
pub use layout::{layout_json, layout_text};
pub(crate) use plural::plural;
pub use preview::Preview;
pub use reference::reference;
pub use report::text;
pub use style::styles;
pub use summary::summary;
pub(crate) use table::{Align, Table};
