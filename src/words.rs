//! Word counting: runs of non-space characters with a letter or digit, East Asian ideographs one each.

/// Whether `c` is in one of the East Asian ranges where every character counts as a word
/// (Han, Hiragana, Katakana, Hangul syllables), as word processors count CJK text.
pub fn is_cjk_word_char(c: char) -> bool {
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
/// character, except that each CJK character (see [`is_cjk_word_char`]) is a word of its own.
///
/// ```
/// assert_eq!(adslot::words::count("Nov. 23 (UPI) -- China"), 4);
/// assert_eq!(adslot::words::count("中国 wants"), 3);
/// ```
pub fn count(text: &str) -> u64 {
    // Hot path (the `solve` bench counts every block's words): ASCII bytes are classified
    // directly, other characters decoded one at a time.
    let bytes = text.as_bytes();
    let mut words = 0;
    // Whether the current run (since the last whitespace or CJK char) has an alphanumeric.
    let mut run_has_alnum = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            match b {
                b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => {
                    words += u64::from(run_has_alnum);
                    run_has_alnum = false;
                }
                _ => run_has_alnum |= b.is_ascii_alphanumeric(),
            }
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if c.is_whitespace() {
            words += u64::from(run_has_alnum);
            run_has_alnum = false;
        } else if is_cjk_word_char(c) {
            // The CJK character ends the current run and is a word of its own.
            words += u64::from(run_has_alnum) + 1;
            run_has_alnum = false;
        } else if c.is_alphanumeric() {
            run_has_alnum = true;
        }
    }
    words + u64::from(run_has_alnum)
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
        fn fast_path_matches_definition(t in "[ a-z0-9.,\t\n\x0b\x0c\r\x1c-\x1f\u{85}\u{a0}é中한ひ\u{3000}\u{2003}-]{0,40}") {
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
    fn cjk_characters_are_words_and_split_runs() {
        assert_eq!(count("abc中def"), 3);
        assert_eq!(count("한국어"), 3);
        assert_eq!(count("ひらがな、カタカナ"), 8);
        assert_eq!(count("中。"), 1);
    }
}
