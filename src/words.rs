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
    // Hot path (`words::count` was 83% of the solver's profile). ASCII text is taken 64 bytes at
    // a time as bit masks (whitespace, alphanumeric) and the words found with bit operations;
    // a window holding any other character is decoded character by character.
    let bytes = text.as_bytes();
    let mut words = 0;
    // Whether the current run (since the last whitespace or CJK char) has an alphanumeric.
    let mut run = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes.get(i..i + 64) {
            Some(window) if window.is_ascii() => {
                let (found, run_after) = ascii_window(window, run);
                words += found;
                run = run_after;
                i += 64;
            }
            None if bytes[i..].is_ascii() => {
                // The ASCII tail, padded with spaces: they only end the last run, which counts
                // it exactly as the final `+ run` would.
                let mut padded = [b' '; 64];
                padded[..bytes.len() - i].copy_from_slice(&bytes[i..]);
                let (found, run_after) = ascii_window(&padded, run);
                return words + found + u64::from(run_after);
            }
            _ => {
                let end = (i + 64).min(bytes.len());
                while i < end {
                    let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                        return words + u64::from(run);
                    };
                    i += c.len_utf8();
                    if c.is_whitespace() {
                        words += u64::from(run);
                        run = false;
                    } else if is_cjk_word_char(c) {
                        // The CJK character ends the current run and is a word of its own.
                        words += u64::from(run) + 1;
                        run = false;
                    } else if c.is_alphanumeric() {
                        run = true;
                    }
                }
            }
        }
    }
    words + u64::from(run)
}

/// Words that end in a 64-byte ASCII window, given whether the run entering it already holds
/// an alphanumeric; returns the words counted and the same flag on leaving.
///
/// As in the character loop, a word is counted where it ends: at a whitespace byte whose run
/// (since the previous whitespace, or carried in from before the window) holds an alphanumeric.
fn ascii_window(window: &[u8], run_in: bool) -> (u64, bool) {
    let (mut space, mut alnum) = (0u64, 0u64);
    for (k, chunk) in window.chunks_exact(8).enumerate() {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let (s, a) = classify8(x);
        space |= s << (8 * k);
        alnum |= a << (8 * k);
    }
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
    let gather = |flags: u64| ((flags >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
    (gather(space), gather(alnum))
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
