//! Word counting: runs of non-space characters with a letter or digit, East Asian ideographs one each.

/// Whether `c` is in one of the East Asian ranges where every character counts as a word
/// (Han, Hiragana, Katakana, Hangul syllables), as word processors count CJK text.
pub(crate) fn is_cjk_word_char(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F
        | 0x3040..=0x30FF
        | 0x31F0..=0x31FF
        | 0xAC00..=0xD7AF)
}

/// Counts the words of `text`.
///
/// A word is a maximal run of non-whitespace characters holding at least one alphanumeric
/// character, except that each CJK character (Han, Hiragana, Katakana, Hangul syllables) is a word of its own.
///
/// ```
/// assert_eq!(adslot::words::count("Nov. 23 (UPI) -- China"), 4);
/// assert_eq!(adslot::words::count("中国 wants"), 3);
/// ```
pub fn count(text: &str) -> u64 {
    // Hot path (`words::count` was 83% of the solver's profile, and a fifth of `batch`'s). The
    // text is taken 64 bytes at a time as bit masks (whitespace, alphanumeric) and the words
    // found with bit operations. A non-ASCII character is decoded once, at its first byte, and
    // marks that byte (its other bytes count as punctuation): news text has a curly quote or a
    // dash in most windows, and decoding every character of those windows was half the cost.
    let bytes = text.as_bytes();
    let mut words = 0;
    // Whether the current run (since the last whitespace or CJK char) has an alphanumeric.
    let mut run = false;
    let mut i = 0;
    // The tail is padded with spaces: they only end the last run, which counts it exactly as
    // the final `+ run` would.
    let mut padded = [b' '; 64];
    while i < bytes.len() {
        let end = (i + 64).min(bytes.len());
        let window = match bytes.get(i..i + 64) {
            Some(window) => window,
            None => {
                padded[..end - i].copy_from_slice(&bytes[i..end]);
                &padded
            }
        };
        let (mut space, mut alnum, mut leads) = masks(window);
        while leads != 0 {
            let j = leads.trailing_zeros() as usize;
            leads &= leads - 1;
            let Some(c) = text.get(i + j..).and_then(|rest| rest.chars().next()) else {
                continue;
            };
            let bit = 1u64 << j;
            if matches!(c, '\u{C0}'..='\u{24F}') && c != '\u{D7}' && c != '\u{F7}' {
                // Latin letters with accents (Latin-1 to Latin Extended-B, but for × and ÷):
                // European names and words, known without the alphabetic table's search.
                alnum |= bit;
            } else if matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{2500}'..='\u{25FF}')
            {
                // General punctuation (dashes, curly quotes, ellipses, bullets) and box drawing
                // and shapes (text tables, markers): news text's usual non-ASCII, neither space
                // nor alphanumeric, known without a table.
            } else if c.is_whitespace() {
                space |= bit;
            } else if is_cjk_word_char(c) {
                // The CJK character ends the current run (as whitespace would) and is a word
                // of its own.
                space |= bit;
                words += 1;
            } else if c.is_alphanumeric() {
                alnum |= bit;
            }
        }
        let (found, run_after) = runs(space, alnum, run);
        words += found;
        run = run_after;
        i = end;
    }
    words + u64::from(run)
}

/// The whitespace and ASCII alphanumeric bytes of a 64-byte window and the first bytes of its
/// non-ASCII characters, as 64-bit masks (bit j for byte j); non-ASCII bytes are neither
/// whitespace nor alphanumeric here. SSE2 compares, 16 bytes at a time (x86-64 always has
/// SSE2): `words::count` at 2.4x the 8-byte SWAR of `masks_swar` (criterion `place/words`).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn masks(window: &[u8]) -> (u64, u64, u64) {
    use safe_arch::{
        bitand_m128i as and, bitor_m128i as or, cmp_eq_mask_i8_m128i as eq,
        cmp_gt_mask_i8_m128i as gt, cmp_lt_mask_i8_m128i as lt, load_unaligned_m128i,
        move_mask_i8_m128i as bits, set_splat_i8_m128i as splat,
    };
    let (mut space, mut alnum, mut leads) = (0u64, 0u64, 0u64);
    for (k, chunk) in window.chunks_exact(16).enumerate() {
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(chunk);
        // Signed bytes: non-ASCII ones are negative, so no ASCII range below takes them.
        let v = load_unaligned_m128i(&bytes);
        let s = or(
            eq(v, splat(b' ' as i8)),
            and(gt(v, splat(8)), lt(v, splat(14))),
        );
        let digit = and(gt(v, splat(b'0' as i8 - 1)), lt(v, splat(b'9' as i8 + 1)));
        let lower = or(v, splat(0x20));
        let letter = and(
            gt(lower, splat(b'a' as i8 - 1)),
            lt(lower, splat(b'z' as i8 + 1)),
        );
        // A first byte is 0xC0..=0xFF: -64..=-1 as signed.
        let lead = and(gt(v, splat(-65)), lt(v, splat(0)));
        let at = 16 * k;
        space |= u64::from(bits(s) as u16) << at;
        alnum |= u64::from(bits(or(digit, letter)) as u16) << at;
        leads |= u64::from(bits(lead) as u16) << at;
    }
    (space, alnum, leads)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn masks(window: &[u8]) -> (u64, u64, u64) {
    masks_swar(window)
}

/// `masks` by SWAR on eight bytes at a time: the portable path (and the SSE2 one's check).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn masks_swar(window: &[u8]) -> (u64, u64, u64) {
    let (mut space, mut alnum, mut leads) = (0u64, 0u64, 0u64);
    for (k, chunk) in window.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let h = x & HIGH;
        // Non-ASCII bytes cleared to NUL, so that the ASCII comparisons cannot carry.
        let (s, a) = classify8(x & !((h >> 7) * 0xFF));
        space |= s << (8 * k);
        alnum |= a << (8 * k);
        // A first byte is 11xxxxxx: bit 6 shifted under bit 7 (bit 7 does not cross into the
        // next byte's bit 7).
        leads |= gather(h & (x << 1)) << (8 * k);
    }
    (space, alnum, leads)
}

/// Words that end in a 64-byte window of these masks, given whether the run entering it
/// already holds an alphanumeric; returns the words counted and the same flag on leaving.
///
/// As in the definition, a word is counted where it ends: at a whitespace byte whose run
/// (since the previous whitespace, or carried in from before the window) holds an alphanumeric.
fn runs(space: u64, alnum: u64, run_in: bool) -> (u64, bool) {
    // `seen`: positions with an alphanumeric earlier in the same run (a prefix fill of the
    // alphanumerics shifted by one, stopped by whitespace), seeded by the incoming run.
    let open = !space;
    let mut seen = ((alnum << 1) | u64::from(run_in)) & open;
    let mut mask = open;
    for shift in [1, 2, 4, 8, 16, 32] {
        seen |= (seen << shift) & mask;
        mask &= mask << shift;
    }
    // `has`: the run up to and including each position holds an alphanumeric.
    let has = (alnum | seen) & open;
    let ends = space & ((has << 1) | u64::from(run_in));
    (u64::from(ends.count_ones()), has >> 63 == 1)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit 7 of each byte of `x` (all ASCII) set where the byte is at least `min` (`min <= 0x80`).
fn at_least(x: u64, min: u8) -> u64 {
    // Each byte is below 0x80 and the addend at most 0x80: no carry crosses a byte.
    (x + u64::from(0x80 - min) * ONES) & HIGH
}

/// Bit 7 of each byte of `x` (all ASCII) set where the byte is in `lo..=hi`.
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    at_least(x, lo) & !at_least(x, hi + 1)
}

/// The whitespace and alphanumeric bytes of eight ASCII bytes, as two 8-bit masks (bit j for
/// byte j): SWAR comparisons, then the flags gathered into one byte by a multiplication.
fn classify8(x: u64) -> (u64, u64) {
    let space = in_range(x, b' ', b' ') | in_range(x, b'\t', b'\r');
    let alnum = in_range(x, b'0', b'9') | in_range(x | 0x2020_2020_2020_2020, b'a', b'z');
    (gather(space), gather(alnum))
}

/// The bit 7 flags of eight bytes gathered into one byte (bit j for byte j) by a multiplication.
fn gather(flags: u64) -> u64 {
    ((flags >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

#[cfg(test)]
mod tests {
    use super::{count, is_cjk_word_char};
    use proptest::prelude::*;

    /// The definition, char by char: the reference for the byte-level fast path.
    fn by_chars(text: &str) -> u64 {
        let mut words = 0;
        let mut run = false;
        for c in text.chars() {
            if c.is_whitespace() {
                words += u64::from(run);
                run = false;
            } else if is_cjk_word_char(c) {
                words += u64::from(run) + 1;
                run = false;
            } else if c.is_alphanumeric() {
                run = true;
            }
        }
        words + u64::from(run)
    }

    /// The Latin range `count` takes as alphanumeric without a table is exactly that.
    #[test]
    fn latin_letters_are_alphanumeric() {
        for c in '\u{C0}'..='\u{24F}' {
            let fast = c != '\u{D7}' && c != '\u{F7}';
            assert_eq!(fast, c.is_alphanumeric() && !c.is_whitespace(), "{c:?}");
        }
    }

    /// So are the punctuation and symbol ranges it takes as neither space nor alphanumeric.
    #[test]
    fn symbol_ranges_are_neither_space_nor_alphanumeric() {
        for c in ('\u{2010}'..='\u{2027}')
            .chain('\u{2030}'..='\u{205E}')
            .chain('\u{2500}'..='\u{25FF}')
        {
            assert!(
                !c.is_whitespace() && !c.is_alphanumeric() && !is_cjk_word_char(c),
                "{c:?}"
            );
        }
    }

    proptest! {
        /// The compiled `masks` (SSE2 on x86-64) and the portable SWAR agree on any bytes.
        #[test]
        fn masks_match_the_portable_path(window in proptest::collection::vec(any::<u8>(), 64)) {
            prop_assert_eq!(super::masks(&window), super::masks_swar(&window));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn fast_path_matches_definition(t in "[ a-z0-9.,\t\n\x0b\x0c\r\x1c-\x1f\u{85}\u{a0}é中한ひ\u{3000}\u{2003}-]{0,300}") {
            prop_assert_eq!(count(&t), by_chars(&t));
        }

        /// Mostly ASCII, long enough for several 64-byte windows, with the occasional
        /// non-ASCII character shifting the windows.
        #[test]
        fn windows_match_definition(t in "([a-z]{1,7}|[ .,()\"-]{1,3}|[0-9]{1,4}|\n|é|中){0,200}") {
            prop_assert_eq!(count(&t), by_chars(&t));
        }

        /// News text: ASCII words with curly quotes, dashes, accents and the odd non-ASCII
        /// space or ideograph, across many windows and at their edges.
        #[test]
        fn mixed_windows_match_definition(t in "([a-zA-Z]{1,9}|[ .,()\"-]{1,2}|[0-9]{1,4}|\n|[’“”—–…éñß×÷őǅ─│┼■]|\u{a0}|\u{2009}|\u{3000}|中|한|𝒜|\u{85}){0,300}") {
            prop_assert_eq!(count(&t), by_chars(&t));
        }

        #[test]
        fn fast_path_matches_on_any_text(t in any::<String>()) {
            prop_assert_eq!(count(&t), by_chars(&t));
        }
    }

    #[test]
    fn punctuation_alone_is_not_a_word() {
        assert_eq!(count("-- — ... \"\""), 0);
        assert_eq!(count("U.S.-led"), 1);
        assert_eq!(count("  two\twords\n"), 2);
        assert_eq!(count(""), 0);
    }

    #[test]
    fn words_across_64_byte_windows_count_once() {
        let long = format!("{} home", "x ".repeat(31)); // "home" starts at byte 62
        assert_eq!(count(&long), 32);
        let crossing = format!("{}abcdef ghi", " ".repeat(60)); // "abcdef" spans bytes 60-65
        assert_eq!(count(&crossing), 2);
        let into_slow = format!("{}wordé next", " ".repeat(62)); // window then decoded text
        assert_eq!(count(&into_slow), 2);
        assert_eq!(count(&"(a) ".repeat(40)), 40);
    }

    #[test]
    fn cjk_characters_are_words_and_split_runs() {
        assert_eq!(count("abc中def"), 3);
        assert_eq!(count("한국어"), 3);
        assert_eq!(count("ひらがな、カタカナ"), 8);
        assert_eq!(count("中。"), 1);
    }
}
