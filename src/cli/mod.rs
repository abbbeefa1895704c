//! The `adslot` command's parts beyond argument parsing: progress bars and the preview and
//! diff commands, each translating arguments into library calls.

pub mod diff;
pub mod preview;
pub mod progress;
