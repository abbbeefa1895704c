//! Progress bars on standard error (indicatif), drawn only when it is a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use is_terminal::IsTerminal;

/// A bar over `total` items (`None`: an unknown number, a spinner with a count), or a hidden
/// one when standard error is not a terminal, so piped and redirected runs stay quiet.
pub fn bar(total: Option<u64>, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(n) => (
            ProgressBar::new(n),
            "{prefix} [{bar:30}] {pos}/{len} ({per_sec}, {eta} left) {msg}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{prefix} {spinner} {pos} ({per_sec}) {msg}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(what.to_string());
    bar
}
