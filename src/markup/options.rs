//! The `[html]` reader settings: which elements are headlines, ads, the story or excluded, and how deep markup may nest.

use super::Selector;

/// The default [`HtmlOptions::max_depth`].
pub const DEFAULT_MAX_DEPTH: usize = 256;

/// How HTML (and the HTML inside Markdown) is read: the rule file's `[html]` section.
///
/// Selectors are parsed when the options are built, so a reader never meets an invalid one.
///
/// ```
/// use adslot::markup::{HtmlOptions, Selector};
/// let opts = HtmlOptions::default()
///     .with_headlines_selector(Selector::parse(".related")?)
///     .with_max_depth(64);
/// assert_eq!(opts.max_depth, 64);
/// assert_eq!(opts.existing_ad_selector, None);
/// # Ok::<(), adslot::markup::SelectorError>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct HtmlOptions {
    /// Elements matching this selector are `headlines` blocks (e.g. `.related, #latest`).
    pub headlines_selector: Option<Selector>,
    /// Elements matching this selector are ads already on the page (kind `ad`).
    pub existing_ad_selector: Option<Selector>,
    /// On a whole page, the first element matching this selector is the story's container,
    /// instead of the one the reader finds.
    pub content_selector: Option<Selector>,
    /// Elements matching this selector are regions no slot enters (one opaque `other` block
    /// each), besides the built-in ones.
    pub exclude_selector: Option<Selector>,
    /// Deepest element nesting accepted; deeper input is a located error.
    pub max_depth: usize,
}

impl Default for HtmlOptions {
    fn default() -> HtmlOptions {
        HtmlOptions {
            headlines_selector: None,
            existing_ad_selector: None,
            content_selector: None,
            exclude_selector: None,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

impl HtmlOptions {
    /// These options with `selector` marking `headlines` blocks.
    pub fn with_headlines_selector(mut self, selector: Selector) -> HtmlOptions {
        self.headlines_selector = Some(selector);
        self
    }

    /// These options with `selector` marking ads already on the page.
    pub fn with_existing_ad_selector(mut self, selector: Selector) -> HtmlOptions {
        self.existing_ad_selector = Some(selector);
        self
    }

    /// These options taking the first element matching `selector` as the story's container.
    pub fn with_content_selector(mut self, selector: Selector) -> HtmlOptions {
        self.content_selector = Some(selector);
        self
    }

    /// These options keeping slots out of elements matching `selector`.
    pub fn with_exclude_selector(mut self, selector: Selector) -> HtmlOptions {
        self.exclude_selector = Some(selector);
        self
    }

    /// These options accepting nesting up to `depth` elements.
    pub fn with_max_depth(mut self, depth: usize) -> HtmlOptions {
        self.max_depth = depth;
        self
    }
}
