//! Parity of `adslot::text` with textwrap 0.16.4 first-fit wrapping (reference): textwrap's
//! default word splitter (`HyphenSplitter`, breaks after a word's own hyphens) without
//! hyphenation, its en-US dictionary with it.
//!
//! Line comparison: textwrap's line text must equal `text[range]` followed by
//! "-" when `hyphen` is set. No normalization is needed: textwrap (with
//! `preserve_trailing_space = false`) drops exactly the trailing ' ' of a line's
//! last word, and the ranges exclude exactly those.

use std::sync::OnceLock;

use adslot::text::{count_lines, display_width, lines, Hyphenation};
use proptest::prelude::*;
use textwrap::{Options, WordSplitter, WrapAlgorithm};

fn dict() -> &'static hyphenation::Standard {
    static D: OnceLock<hyphenation::Standard> = OnceLock::new();
    D.get_or_init(|| {
        use hyphenation::Load;
        hyphenation::Standard::from_embedded(hyphenation::Language::EnglishUS)
            .expect("embedded en-US dictionary")
    })
}

/// textwrap's lines for `text`: `Options::new(width)` with first fit, so the word separator
/// and the word splitter are textwrap's defaults unless `hy` asks for the dictionary.
pub fn reference(text: &str, width: usize, hy: Hyphenation) -> Vec<String> {
    let splitter = match hy {
        Hyphenation::None => WordSplitter::HyphenSplitter,
        Hyphenation::EnUs => WordSplitter::Hyphenation(dict().clone()),
    };
    let opts = Options::new(width)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .break_words(true)
        .word_splitter(splitter);
    textwrap::wrap(text, &opts)
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}

/// Our lines (and count) for `text` against textwrap's, as a readable error if they differ.
pub fn check(text: &str, width: usize, hy: Hyphenation) -> Result<(), String> {
    // textwrap 0.16.4 panics when a hyphenation index found on the lowercased
    // word (whose chars may be longer, e.g. U+023A) falls inside a char of the
    // original: no reference then, but ours must not panic and must agree
    // with itself.
    let Ok(want) = std::panic::catch_unwind(|| reference(text, width, hy)) else {
        let n = count_lines(text, width, hy);
        let l = lines(text, width, hy);
        if n != l.len() {
            return Err(format!(
                "text={text:?} width={width} {hy:?}: count {n} vs {} lines",
                l.len()
            ));
        }
        return Ok(());
    };
    let n = count_lines(text, width, hy);
    let got: Vec<String> = lines(text, width, hy)
        .into_iter()
        .map(|l| {
            let mut s = text
                .get(l.range.clone())
                .unwrap_or("<bad range>")
                .to_string();
            if l.hyphen {
                s.push('-');
            }
            s
        })
        .collect();
    if n != want.len() || got != want {
        return Err(format!(
            "text={text:?} width={width} {hy:?}\n count={n} want={}\n got ={got:?}\n want={want:?}",
            want.len()
        ));
    }
    Ok(())
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z]{1,12}",
        2 => "(hyphenation|performance|requirement|international|extraordinary|the|and|of|a)",
        2 => "[a-zà-ÿĀ-ſ]{1,10}",
        1 => "[\u{4e00}-\u{4e40}\u{3041}-\u{3096}]{1,8}",
        1 => "[\u{ac00}-\u{ac40}]{1,6}",
        1 => "(😀|👍🏽|👨\u{200d}👩\u{200d}👧|🇫🇷|❤\u{fe0f}|e\u{301}|a\u{308}\u{304}|\u{200b}|\u{200d})",
        2 => "[ ]{1,3}",
        1 => "(-|–|—|\u{ad}|--| - )",
        2 => "[.,;:!?()\\[\\]\"'«»“”’/%$#&*+=@]",
        1 => "(\t|\n|\r\n|\u{a0}|\n\n)",
        1 => "[0-9]{1,6}",
        1 => "[a-z]{30,200}",
        1 => "(\u{1b}\\[31m|\u{1b}\\[0m|\u{1b}\\]8;;x\u{1b}\\\\)",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

/// Only chars of the non-segmenter fast path, to exercise it hard.
fn fast_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[a-zA-Z0-9]{1,10}",
            2 => "[ ]{1,3}",
            2 => "[.,:;'\\-’]{1,2}",
            1 => "[à-ÿĀ-ɏ]{1,5}",
            1 => "[a-z]{20,120}",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

/// Plain ASCII words with single and multiple spaces (the layout's fast
/// path for words of the plain loop), broken up by punctuation, quotes,
/// hyphens, non-ASCII letters (whose lowercase may change length: U+023A),
/// long words and line ends.
fn plain_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => "[a-zA-Z0-9]{1,9}",
            6 => Just(" ".to_string()),
            1 => "[ ]{2,4}",
            2 => r#"[.,;:!?'"()\-/]"#,
            1 => "(\u{ad}|—|é|Ⱥ|K|漢|\n|\t)",
            1 => "[a-z]{25,60}",
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

/// Long runs of single-spaced plain words, some ending in punctuation (the
/// line-at-a-time step of the layout), now and then ended by punctuation, double spaces, a long word,
/// a non-ASCII letter or a line end.
fn plain_runs() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => "[a-zA-Z0-9]{1,9}( [a-zA-Z0-9]{1,9}){0,20}",
            8 => "[a-zA-Z0-9]{1,9}[,.;:!?]?( [a-zA-Z0-9]{1,9}[,.;:!?]{0,2}){0,20}",
            4 => Just(" ".to_string()),
            1 => "[ ]{2,3}",
            1 => r#"[.,'\-]"#,
            1 => "(é|Ⱥ|\n)",
            1 => "[a-z]{25,60}",
        ],
        0..30,
    )
    .prop_map(|v| v.concat())
}

/// Quotes, brackets and dashes mixed with letters, digits and spaces: hyphenated words inside
/// quotes and brackets, code-like text, dashes at word edges (issue 7: a word's own hyphen
/// next to every kind of neighbour).
fn quote_bracket_hyphen_mix() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => "[a-zA-Z]{1,8}",
            2 => "[0-9]{1,4}",
            4 => Just(" ".to_string()),
            1 => "[ ]{2,3}",
            6 => "[“”\"'‘’()\\[\\]{}]",
            5 => "[\\-–—]",
            3 => "[a-zA-Z0-9]{1,6}-[a-zA-Z0-9]{1,6}",
            1 => "[.,;:!?/]",
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parity_quotes_brackets_hyphens(t in quote_bracket_hyphen_mix(), w in 0usize..=60) {
        check(&t, w, Hyphenation::None).map_err(TestCaseError::fail)?;
        check(&t, w, Hyphenation::EnUs).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn parity_plain_runs(t in plain_runs(), w in 0usize..=70) {
        check(&t, w, Hyphenation::None).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn parity_plain_words(t in plain_text(), w in 0usize..=60) {
        check(&t, w, Hyphenation::None).map_err(TestCaseError::fail)?;
        check(&t, w, Hyphenation::EnUs).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn parity_no_hyphenation(t in text(), w in 0usize..=120) {
        check(&t, w, Hyphenation::None).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn parity_en_us(t in text(), w in 0usize..=120) {
        check(&t, w, Hyphenation::EnUs).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn parity_fast_path(t in fast_text(), w in 0usize..=120) {
        check(&t, w, Hyphenation::None).map_err(TestCaseError::fail)?;
        check(&t, w, Hyphenation::EnUs).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn width_matches(t in text()) {
        prop_assert_eq!(display_width(&t), textwrap::core::display_width(&t));
    }
}

#[test]
fn fixtures_all_widths() {
    let paras = crate::common::linebreak_paragraphs();
    assert!(paras.len() > 100);
    for p in &paras {
        for w in 0..=120 {
            // textwrap's own en-US hyphenation is slow in debug builds: every
            // 7th width for it (0, 7, .., 119), every width without.
            let modes: &[Hyphenation] = if w % 7 == 0 {
                &[Hyphenation::None, Hyphenation::EnUs]
            } else {
                &[Hyphenation::None]
            };
            for &hy in modes {
                if let Err(e) = check(p, w, hy) {
                    panic!("{e}");
                }
            }
        }
    }
}

#[test]
fn hand_computed() {
    assert_eq!(count_lines("aaa bbb ccc", 7, Hyphenation::None), 2);
    assert_eq!(count_lines("aaa bbb ccc", 11, Hyphenation::None), 1);
    assert_eq!(count_lines("aaa bbb ccc", 3, Hyphenation::None), 3);
    assert_eq!(count_lines("", 5, Hyphenation::None), 1);
    assert_eq!(count_lines("a\nb", 5, Hyphenation::None), 2);
    assert_eq!(count_lines("abcdefgh", 3, Hyphenation::None), 3);
    assert_eq!(count_lines("漢字漢字", 4, Hyphenation::None), 2);
    assert_eq!(display_width("漢字 e\u{301}"), 6);
}

/// Issue 7: at 40 columns textwrap breaks this paragraph after `“fact-` (10 lines); adslot gave
/// 11, never breaking a word at its own hyphen.
#[test]
fn breaks_after_a_words_own_hyphen_as_textwrap() {
    let text =
        "Emery, writer for partisan “fact-checking” website Snopes.com which soon will be in \
        charge of labelling “fake news” alongside News and Politifact, an article by Vulture \
        magazine relating protests of the Hamilton musical decision the cast of the show to make \
        a public announcement to Vice-president elect Mike Pence while he watched the \
        performance with his family.";
    let got = lines(text, 40, Hyphenation::None);
    assert_eq!(got.len(), 10);
    assert_eq!(count_lines(text, 40, Hyphenation::None), 10);
    assert_eq!(
        &text[got[0].range.clone()],
        "Emery, writer for partisan “fact-"
    );
    assert!(!got[0].hyphen, "the word's own hyphen, no extra one");
    for hy in [Hyphenation::None, Hyphenation::EnUs] {
        check(text, 40, hy).unwrap();
    }
}

/// textwrap's `HyphenSplitter`: a split after each '-' with a letter or digit on both sides,
/// only when the word does not fit, and never an extra hyphen drawn.
#[test]
fn own_hyphens_by_hand() {
    let texts = |text: &str, width: usize| -> Vec<String> {
        lines(text, width, Hyphenation::None)
            .into_iter()
            .map(|l| {
                assert!(!l.hyphen);
                text[l.range].to_string()
            })
            .collect()
    };
    assert_eq!(texts("aa fact-checking", 8), ["aa fact-", "checking"]);
    assert_eq!(texts("aa fact-checking", 16), ["aa fact-checking"]);
    assert_eq!(texts("2020-08-15", 7), ["2020-", "08-15"]);
    // No letter or digit before the first hyphens: "--flag" is cut by break_words only.
    assert_eq!(texts("x --flag", 4), ["x", "--fl", "ag"]);
    // An en dash is a UAX #14 opportunity already; a hyphen before a bracket splits nothing.
    assert_eq!(texts("aa fact–checking", 8), ["aa fact–", "checking"]);
    assert_eq!(texts("(non-)trivial", 6), ["(non-)", "trivia", "l"]);
    for (text, width) in [
        ("aa fact-checking", 8),
        ("2020-08-15", 7),
        ("x --flag", 4),
        ("aa fact–checking", 8),
        ("(non-)trivial", 6),
        ("“a-b” [c-d] {e-f} 'g-h' (i-j)", 4),
    ] {
        check(text, width, Hyphenation::None).unwrap();
    }
}
