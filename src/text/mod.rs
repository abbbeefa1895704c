//! The text engine: line breaking with exactly textwrap 0.16.4's first-fit breaks, by columns; it imports nothing else from adslot.
//!
//! Lowest layer first (each module imports only modules above it):
//!
//! | module | holds |
//! |---|---|
//! | `width` | display width (unicode-width per char, ANSI escapes skipped) |
//! | `case` | lowercase stability of chars (where dictionary splits land) |
//! | `scan` | SWAR byte scanners for runs of plain ASCII words |
//! | [`uax14`] | UAX #14 break opportunities by replaying ICU4X's rule table |
//! | `splitter` | [`Hyphenation`]: splits at a word's own hyphens or by the en-US dictionary |
//! | `first_fit` | first fit over words: line state, `break_words`, split fragments |
//! | `separator` | words from the opportunities (textwrap's word separator) |
//! | `wrap` | [`count_lines`] and [`lines`]: paragraphs, textwrap's fast path |
//! | [`pixel`] | pixel line breaking as Chromium does it, over widths from an [`pixel::Advances`] |
//!
//! ```
//! use adslot::text::{count_lines, lines, Hyphenation};
//! let text = "The council voted on Monday to approve a budget.";
//! assert_eq!(count_lines(text, 20, Hyphenation::None), 3);
//! let first = &lines(text, 20, Hyphenation::None)[0];
//! assert_eq!(&text[first.range.clone()], "The council voted on");
//! ```

mod case;
mod first_fit;
pub mod pixel;
mod scan;
mod separator;
mod splitter;
pub(crate) mod uax14;
mod width;
mod wrap;

pub use splitter::Hyphenation;
pub use width::display_width;
pub use wrap::{count_lines, lines, Line};
