//! The CMS writer settings: which block a slot becomes in WordPress post content (`[gutenberg]`).

/// The block a slot is written as in Gutenberg post content (`[gutenberg] slot_block`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SlotBlock {
    /// A Custom HTML block (`<!-- wp:html -->`) holding the rules' slot template: it renders
    /// with no plugin.
    #[default]
    Html,
    /// A dynamic block of its own, `<!-- wp:adslot/slot {"slot":..,"ordinal":..,"height":..} /-->`,
    /// for a site plugin that registers `adslot/slot` and renders its ad tag server-side.
    Dynamic,
}

impl SlotBlock {
    /// Every choice, as written in rule files.
    pub const ALL: [SlotBlock; 2] = [SlotBlock::Html, SlotBlock::Dynamic];

    /// The name in rule files (`html`, `dynamic`).
    ///
    /// ```
    /// use adslot::markup::SlotBlock;
    /// assert_eq!(SlotBlock::parse("dynamic"), Some(SlotBlock::Dynamic));
    /// assert_eq!(SlotBlock::Html.name(), "html");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SlotBlock::Html => "html",
            SlotBlock::Dynamic => "dynamic",
        }
    }

    /// The choice called `name`.
    pub fn parse(name: &str) -> Option<SlotBlock> {
        SlotBlock::ALL.into_iter().find(|b| b.name() == name)
    }
}

/// How slots are written into WordPress post content: the rule file's `[gutenberg]` section.
///
/// ```
/// use adslot::markup::{GutenbergOptions, SlotBlock};
/// let opts = GutenbergOptions::default().with_slot_block(SlotBlock::Dynamic);
/// assert_eq!(opts.slot_block, SlotBlock::Dynamic);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct GutenbergOptions {
    /// The block each slot is written as.
    pub slot_block: SlotBlock,
}

impl GutenbergOptions {
    /// These options writing slots as `block`.
    pub fn with_slot_block(mut self, block: SlotBlock) -> GutenbergOptions {
        self.slot_block = block;
        self
    }
}
