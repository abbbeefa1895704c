//! textwrap 0.16.4's word splitters: the hyphenation choice, splits at a word's own hyphens, the en-US dictionary, and what can be known about a word's splits without asking it.

use std::sync::OnceLock;

use hyphenation::{Language, Load, Standard};

use super::width::ch_width;

/// The soft hyphen, U+00AD: textwrap breaks neither after it nor at it.
pub(crate) const SHY: char = '\u{00ad}';

/// Hyphenation choice for line breaking: how a word that does not fit may be split.
///
/// ```
/// use adslot::text::{lines, Hyphenation};
/// let at = |text: &str, hy| -> Vec<String> {
///     let line = |l: adslot::text::Line| format!("{}{}", &text[l.range], if l.hyphen { "-" } else { "" });
///     lines(text, 8, hy).into_iter().map(line).collect()
/// };
/// assert_eq!(at("aa fact-checking", Hyphenation::None), ["aa fact-", "checking"]); // its own hyphen
/// assert_eq!(at("aa hyphenation", Hyphenation::None), ["aa", "hyphenat", "ion"]); // cut at the width
/// assert_eq!(at("aa hyphenation", Hyphenation::EnUs), ["aa hy-", "phena-", "tion"]); // "-" drawn
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Hyphenation {
    /// No hyphens added: a word is split only after its own hyphens (`fact-|checking`,
    /// `2020-|08-|15`: a '-' with a letter or digit on both sides), as textwrap's default
    /// word splitter `WordSplitter::HyphenSplitter` does.
    #[default]
    None,
    /// en-US Standard dictionary (textwrap `WordSplitter::Hyphenation`): split where the
    /// patterns allow, drawing a hyphen unless the split follows one.
    EnUs,
}

/// textwrap's `HyphenSplitter` split points in `word` (without its whitespace): after each
/// '-' that has a letter or digit (`char::is_alphanumeric`) on both sides, so `--flag`,
/// `a-` and `-5` give none.
pub(super) fn hyphen_splits(word: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = word.as_bytes();
    memchr::memchr_iter(b'-', bytes).filter_map(move |idx| {
        // The neighbours, decoded only when they are not ASCII.
        let before = match bytes.get(idx.wrapping_sub(1)) {
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            _ => word
                .get(..idx)
                .and_then(|s| s.chars().next_back())
                .is_some_and(char::is_alphanumeric),
        };
        let after = || match bytes.get(idx + 1) {
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            _ => word
                .get(idx + 1..)
                .and_then(|s| s.chars().next())
                .is_some_and(char::is_alphanumeric),
        };
        (before && after()).then_some(idx + 1)
    })
}

/// The dictionary that splits words under `hyphenation`, if any (loaded once); without
/// one, words are split at their own hyphens (`hyphen_splits`).
pub(super) fn dictionary(hyphenation: Hyphenation) -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    match hyphenation {
        Hyphenation::None => None,
        Hyphenation::EnUs => DICT
            .get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
            .as_ref(),
    }
}

/// What the first fit needs to know about a word's dictionary splits.
pub(super) struct Plain {
    /// Chars in the word.
    pub(super) chars: usize,
    /// Width of the first `lmin` chars plus the hyphen penalty of a split there.
    pub(super) min_first: usize,
}

/// A word whose hyphenation opportunities are byte-aligned with its chars
/// (lowercasing keeps every char's UTF-8 length, no U+0130 or soft hyphen) and
/// whose chars are all at least one column wide.
pub(super) fn plain_word(word: &str, lmin: usize, _rmin: usize) -> Option<Plain> {
    let mut chars = 0;
    let mut first_w = 0;
    let mut last = ' ';
    for ch in word.chars() {
        let cw = ch_width(ch);
        if cw == 0 || ch == SHY || ch == '\u{130}' {
            return None;
        }
        if !ch.is_ascii() {
            let mut lc = ch.to_lowercase();
            match (lc.next(), lc.next()) {
                (Some(l), None) if l.len_utf8() == ch.len_utf8() => {}
                _ => return None,
            }
        }
        if chars < lmin {
            first_w += cw;
            last = ch;
        }
        chars += 1;
    }
    let min_first = first_w + usize::from(last != '-');
    Some(Plain { chars, min_first })
}
