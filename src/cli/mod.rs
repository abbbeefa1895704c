//! The `adslot` command's parts beyond argument parsing: progress bars and the preview,
//! diff and serve commands, each translating arguments into library calls.

pub mod diff;
pub mod preview;
pub mod progress;
#[cfg(feature = "serve")]
pub mod serve;
