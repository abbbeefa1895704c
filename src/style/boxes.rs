//! The box and text values of a computed style: four-sided edges, line height, display.

use serde::Serialize;

/// Four sides in px: top, right, bottom, left.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Edges {
    /// Top.
    pub top: f64,
    /// Right.
    pub right: f64,
    /// Bottom.
    pub bottom: f64,
    /// Left.
    pub left: f64,
}

impl Edges {
    pub(super) fn get(&self, i: usize) -> f64 {
        [self.top, self.right, self.bottom, self.left][i]
    }

    pub(super) fn set(&mut self, i: usize, v: f64) {
        match i {
            0 => self.top = v,
            1 => self.right = v,
            2 => self.bottom = v,
            _ => self.left = v,
        }
    }

    /// Left plus right.
    pub fn horizontal(&self) -> f64 {
        self.left + self.right
    }
}

/// A computed `line-height`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineHeight {
    /// `normal`: from the font's metrics (ascent, descent, line gap), known to the layout.
    Normal,
    /// A number: that many times the element's font size (inherited as the number).
    Number(f64),
    /// A length, in px.
    Px(f64),
}

impl LineHeight {
    /// The line height in px at `font_px`, `None` for `normal` (the font decides).
    ///
    /// ```
    /// use adslot::style::LineHeight;
    /// assert_eq!(LineHeight::Number(1.5).px(18.0), Some(27.0));
    /// assert_eq!(LineHeight::Normal.px(18.0), None);
    /// ```
    pub fn px(self, font_px: f64) -> Option<f64> {
        match self {
            LineHeight::Normal => None,
            LineHeight::Number(n) => Some(n * font_px),
            LineHeight::Px(v) => Some(v),
        }
    }
}

/// How an element is laid out (the values adslot tells apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Display {
    /// `block`.
    Block,
    /// `inline` (and `ruby`).
    Inline,
    /// `inline-block`, `inline-flex`, `inline-grid`, `inline-table`.
    InlineBlock,
    /// `list-item`.
    ListItem,
    /// `flow-root`: a block that contains its children's margins.
    FlowRoot,
    /// `flex`.
    Flex,
    /// `grid`.
    Grid,
    /// `table`.
    Table,
    /// Rows, row groups, columns.
    TableRow,
    /// `table-cell`.
    TableCell,
    /// `table-caption`.
    TableCaption,
    /// `contents`: no box of its own.
    Contents,
    /// `none`: not rendered.
    None,
}

impl Display {
    pub(super) fn from_keyword(k: &str) -> Display {
        match k {
            "block" => Display::Block,
            "inline" | "ruby" => Display::Inline,
            "inline-block" | "inline-flex" | "inline-grid" | "inline-table" => Display::InlineBlock,
            "list-item" => Display::ListItem,
            "flow-root" => Display::FlowRoot,
            "flex" => Display::Flex,
            "grid" => Display::Grid,
            "table" => Display::Table,
            "table-cell" => Display::TableCell,
            "table-caption" => Display::TableCaption,
            "contents" => Display::Contents,
            "none" => Display::None,
            _ => Display::TableRow,
        }
    }

    /// Whether it makes a block-level box in a block flow.
    pub fn is_block_level(self) -> bool {
        matches!(
            self,
            Display::Block
                | Display::ListItem
                | Display::FlowRoot
                | Display::Flex
                | Display::Grid
                | Display::Table
        )
    }
}
