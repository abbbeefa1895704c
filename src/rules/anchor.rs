//! Anchors: required slots at a position of the article (before the n-th block of a kind,
//! after the n-th paragraph, at the end), and how a position is found in an article.

use serde::Serialize;

use crate::article::BlockKind;

/// A required slot, placed at its position whatever the placement rules say.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Anchor {
    /// Where it goes.
    #[serde(flatten)]
    pub at: AnchorAt,
    /// The slot's name.
    pub slot: String,
    /// Whether in-flow ads keep spacing to it (false: exempt, e.g. a top banner).
    pub spacing: bool,
    /// The anchor is placed only in articles of at least this many words (0: always).
    #[serde(skip_serializing_if = "is_zero")]
    pub min_words: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn is_one(n: &i32) -> bool {
    *n == 1
}

/// Where an anchor goes. `nth` and `after_paragraph` count from 1, or from the end when
/// negative (-1 is the last).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum AnchorAt {
    /// Before the `nth` block of `before` (`lede` means the lede).
    Before {
        /// The kind.
        before: BlockKind,
        /// Which block of the kind.
        #[serde(skip_serializing_if = "is_one")]
        nth: i32,
    },
    /// After the `after_paragraph`-th paragraph (kind `paragraph` or the lede).
    AfterParagraph {
        /// Which paragraph.
        after_paragraph: i32,
    },
    /// After the last block.
    End {
        /// Always [`End::End`].
        at: End,
    },
}

/// The one value of `at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum End {
    /// The end of the article.
    End,
}

/// `1st`, `2nd`, `3rd`, `11th`, `21st`.
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `the first NOUN`, `the 3rd NOUN`, `the last NOUN`, `the 2nd NOUN from the end`.
fn nth_phrase(n: i32, noun: &str) -> String {
    match n {
        1 => format!("the first {noun}"),
        -1 => format!("the last {noun}"),
        n if n < 0 => format!("the {} {noun} from the end", ordinal(n.unsigned_abs())),
        n => format!("the {} {noun}", ordinal(n.unsigned_abs())),
    }
}

impl AnchorAt {
    /// The position in words: `before the 2nd `heading` block`, `after the 3rd paragraph`,
    /// `at the end`.
    ///
    /// ```
    /// use adslot::rules::AnchorAt;
    /// use adslot::BlockKind;
    /// let at = AnchorAt::Before { before: BlockKind::Headlines, nth: 1 };
    /// assert_eq!(at.describe(), "before the first `headlines` block");
    /// let at = AnchorAt::AfterParagraph { after_paragraph: -2 };
    /// assert_eq!(at.describe(), "after the 2nd paragraph from the end");
    /// ```
    pub fn describe(&self) -> String {
        match *self {
            AnchorAt::Before { before, nth } => {
                format!("before {}", nth_phrase(nth, &format!("`{before}` block")))
            }
            AnchorAt::AfterParagraph { after_paragraph } => {
                format!("after {}", nth_phrase(after_paragraph, "paragraph"))
            }
            AnchorAt::End { .. } => "at the end".to_string(),
        }
    }

    /// The slot name of an anchor that gives none: `before-headlines`, `before-heading-2`,
    /// `before-heading-last`, `after-paragraph-3`, `end`.
    pub fn default_slot(&self) -> String {
        let which = |n: i32| match n {
            -1 => "last".to_string(),
            n if n < 0 => format!("{}-from-end", -n),
            n => n.to_string(),
        };
        match *self {
            AnchorAt::Before { before, nth: 1 } => format!("before-{before}"),
            AnchorAt::Before { before, nth } => format!("before-{before}-{}", which(nth)),
            AnchorAt::AfterParagraph { after_paragraph } => {
                format!("after-paragraph-{}", which(after_paragraph))
            }
            AnchorAt::End { .. } => "end".to_string(),
        }
    }

    /// The gap of this position in an article whose blocks have these kinds (the lede as
    /// `lede`), or why it has none.
    ///
    /// ```
    /// use adslot::rules::AnchorAt;
    /// use adslot::BlockKind::*;
    /// let kinds = [Headline, Lede, Paragraph, Image, Paragraph];
    /// assert_eq!(AnchorAt::AfterParagraph { after_paragraph: 2 }.gap(&kinds), Ok(3));
    /// assert_eq!(AnchorAt::AfterParagraph { after_paragraph: -1 }.gap(&kinds), Ok(5));
    /// assert_eq!(AnchorAt::Before { before: Paragraph, nth: -1 }.gap(&kinds), Ok(4));
    /// assert_eq!(
    ///     AnchorAt::Before { before: Image, nth: 2 }.gap(&kinds),
    ///     Err("the article has only 1 `image` block".to_string())
    /// );
    /// ```
    pub fn gap(&self, kinds: &[BlockKind]) -> Result<usize, String> {
        match *self {
            AnchorAt::Before { before, nth } => {
                let found = || kinds.iter().enumerate().filter(|(_, &k)| k == before);
                nth_of(found(), found().count(), nth).ok_or_else(|| {
                    match (found().count(), before) {
                        (0, BlockKind::Lede) => {
                            "the article has no lede (no `lede` or `paragraph` block)".to_string()
                        }
                        (0, kind) => format!("the article has no `{kind}` block"),
                        (1, kind) => format!("the article has only 1 `{kind}` block"),
                        (n, kind) => format!("the article has only {n} `{kind}` blocks"),
                    }
                })
            }
            AnchorAt::AfterParagraph { after_paragraph } => {
                let found = || {
                    kinds
                        .iter()
                        .enumerate()
                        .filter(|(_, &k)| matches!(k, BlockKind::Paragraph | BlockKind::Lede))
                };
                nth_of(found(), found().count(), after_paragraph)
                    .map(|i| i + 1)
                    .ok_or_else(|| match found().count() {
                        0 => "the article has no paragraph".to_string(),
                        1 => "the article has only 1 paragraph".to_string(),
                        n => format!("the article has only {n} paragraphs"),
                    })
            }
            AnchorAt::End { .. } if kinds.is_empty() => {
                Err("the article has no blocks".to_string())
            }
            AnchorAt::End { .. } => Ok(kinds.len()),
        }
    }
}

/// The index of the `nth` item (from 1, or from the end when negative) of `items`, which
/// holds `count` items.
fn nth_of<'a>(
    mut items: impl Iterator<Item = (usize, &'a BlockKind)>,
    count: usize,
    nth: i32,
) -> Option<usize> {
    let from_start = if nth > 0 {
        usize::try_from(nth).ok()? - 1
    } else {
        count.checked_sub(usize::try_from(nth.unsigned_abs()).ok()?)?
    };
    items.nth(from_start).map(|(i, _)| i)
}

#[cfg(test)]
mod examples {
    #[test]
    fn ordinal() {
        use crate::rules::anchor::ordinal;
        assert_eq!(
            [ordinal(1), ordinal(2), ordinal(12), ordinal(23)],
            ["1st", "2nd", "12th", "23rd"]
        );
    }
}
