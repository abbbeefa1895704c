//! The user-agent stylesheet (`ua.css`, Chromium's `html.css` in the subset that shapes an
//! article's blocks), parsed once per process.

use std::sync::{Arc, OnceLock};

use super::sheet::Stylesheet;

/// The stylesheet's text.
pub const UA_CSS: &str = include_str!("ua.css");

/// The parsed user-agent stylesheet.
pub fn sheet() -> Arc<Stylesheet> {
    static SHEET: OnceLock<Arc<Stylesheet>> = OnceLock::new();
    SHEET
        .get_or_init(|| Arc::new(Stylesheet::parse("user-agent", UA_CSS)))
        .clone()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_user_agent_sheet_is_read_whole() {
        let r = &super::sheet().report;
        assert!(r.invalid.is_empty(), "{:?}", r.invalid);
        assert!(
            r.unsupported_selectors.is_empty(),
            "{:?}",
            r.unsupported_selectors
        );
        assert!(
            r.unsupported_properties.is_empty(),
            "{:?}",
            r.unsupported_properties
        );
    }
}
