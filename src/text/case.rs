//! Lowercase stability: whether a char lowercases to one char of the same UTF-8 length, so that hyphenation indices found on the lowercased word are the word's own.

/// Blocks whose chars all pass `lower_stable` (checked by a test), so the
/// frequent punctuation, symbols, box drawing, CJK, kana and Hangul need no
/// case table lookup: U+2000..U+20FF, U+2150..U+2BFF (the letterlike
/// symbols between hold Ohm, Kelvin and Angstrom signs, whose lowercase is
/// shorter), U+3000..U+A63F, Hangul syllables, U+F900..U+FFFF.
const LOWER_STABLE: [std::ops::Range<u32>; 5] = [
    0x2000..0x2100,
    0x2150..0x2c00,
    0x3000..0xa640,
    0xac00..0xd7a4,
    0xf900..0x1_0000,
];

/// `lower_stable`, with ASCII and the blocks of `LOWER_STABLE` answered at once.
#[inline]
pub(crate) fn lower_stable_fast(ch: char) -> bool {
    let c = u32::from(ch);
    c < 0x80 || LOWER_STABLE.iter().any(|r| r.contains(&c)) || lower_stable(ch)
}

/// `ch` lowercases to one char of the same UTF-8 length.
pub(crate) fn lower_stable(ch: char) -> bool {
    let mut lc = ch.to_lowercase();
    matches!((lc.next(), lc.next()), (Some(l), None) if l.len_utf8() == ch.len_utf8())
}

/// Whether the dictionary's split indices (found on the lowercased word) are
/// sure to lie strictly inside `word`: every char lowercases to one char of
/// the same UTF-8 length. Otherwise textwrap may split at the very end,
/// drawing a hyphen and dropping the whitespace, even if the word fits.
#[inline]
pub(crate) fn splits_inside(word: Option<&str>) -> bool {
    let Some(word) = word else {
        return false;
    };
    let bytes = word.as_bytes();
    let mut i = 0;
    'ascii: loop {
        // Skip ASCII, eight bytes at a time, then to the next non-ASCII byte.
        while let Some(chunk) = bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
            if u64::from_le_bytes(*chunk) & 0x8080_8080_8080_8080 != 0 {
                break;
            }
            i += 8;
        }
        let rest = bytes.get(i..).unwrap_or_default();
        let Some(k) = rest.iter().position(|&b| b >= 0x80) else {
            return true;
        };
        i += k;
        // Then chars up to the next ASCII one.
        for (k, ch) in word.get(i..).unwrap_or_default().char_indices() {
            if ch.is_ascii() {
                i += k;
                continue 'ascii;
            }
            if !lower_stable_fast(ch) {
                return false;
            }
        }
        return true;
    }
}

#[cfg(test)]
mod tests {
    use super::{lower_stable, splits_inside, LOWER_STABLE};

    #[test]
    fn lower_stable_blocks() {
        for r in LOWER_STABLE {
            for c in r.clone().filter_map(char::from_u32) {
                assert!(lower_stable(c), "{c:?} U+{:04X}", u32::from(c));
            }
        }
        assert!(!lower_stable('\u{2126}') && !lower_stable('\u{23a}') && !lower_stable('\u{130}'));
        assert!(splits_inside(Some("ab—c│漢字ａ")) && !splits_inside(Some("aȺb")));
    }
}
