//! The table-driven fast segmentation (`uax14`) must give exactly the break
//! opportunities of icu_segmenter's `LineSegmenter::new_for_non_complex_scripts`
//! (default options), which is what textwrap 0.16.4 uses.

use crate::text::display_width;
use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::LineSegmenter;
use proptest::prelude::*;

/// The segmenter's opportunities for `para` via the fast engine, or None if
/// the paragraph needs the real segmenter. For tests.
fn fast_opportunities(para: &str) -> Option<Vec<usize>> {
    let mut v = Vec::new();
    super::segment(super::rules()?, para, &mut |i, _| v.push(i)).then_some(v)
}

/// Fast-engine opportunities with the display width before each. For tests.
fn fast_opportunities_with_width(para: &str) -> Option<Vec<(usize, usize)>> {
    let mut v = Vec::new();
    super::segment(super::rules()?, para, &mut |i, w| v.push((i, w))).then_some(v)
}

/// Whether the fast engine handles `para`. For coverage statistics.
fn is_fast(para: &str) -> bool {
    fast_opportunities(para).is_some()
}

fn icu(s: &str) -> Vec<usize> {
    LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default())
        .segment_str(s)
        .filter(|&i| i > 0)
        .collect()
}

fn check(s: &str) -> Result<(), TestCaseError> {
    if let Some(fast) = fast_opportunities(s) {
        prop_assert_eq!(fast, icu(s), "text={:?}", s);
        // The width reported with each opportunity is that of the text before it.
        for (i, w) in fast_opportunities_with_width(s).unwrap_or_default() {
            prop_assert_eq!(w, display_width(&s[..i]), "text={:?} at {}", s, i);
        }
    } else {
        prop_assert!(fast_opportunities_with_width(s).is_none());
    }
    Ok(())
}

/// Tokens heavy on the classes whose rules span several chars: quotes (QU,
/// Pi/Pf, LB15a/b, LB19a with East Asian context), brackets (OP/CL/CP, LB14,
/// LB16, LB30), numbers (LB25), dashes (BA/HY/B2, LB17, LB20a, LB21a), IS/SY/EX,
/// IN, CJK (ID/CJ/NS, fullwidth punctuation), Hangul, emoji, RI, misc.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-Z]{1,6}",
        3 => "[0-9]{1,4}",
        6 => "[ ]{1,2}",
        8 => "[\"'“”‘’«»‹›„‚]",
        6 => "[()\\[\\]{}]",
        5 => "[.,:;!?/%$#&*+=@~^|<>_\\\\`]",
        4 => "(-|–|—|‐|‑|\u{ad}|−|--|—— )",
        2 => "(…|‥|\u{a0}|\u{202f}|\u{2060}|\u{200b}|\u{3000}|\t|\r|€|£|¥|°|‰|′|″|§|¶|•|·|†)",
        4 => "[\u{4e00}-\u{4e20}\u{3041}-\u{3096}\u{30a1}-\u{30fa}]{1,3}",
        3 => "[、。，．：；！？（）「」『』【】〔〕〈〉《》ー々〜・゠ぁぃゃっァッヵ]",
        1 => "[\u{ff01}-\u{ff5e}]",
        1 => "[\u{ac00}-\u{ac10}\u{1100}-\u{1105}\u{1161}-\u{1165}\u{11a8}-\u{11ab}]",
        1 => "(😀|👍|🏽|🇫🇷|🇩|❤|☺|✂|\u{1f3fb})",
        1 => "[à-ÿĀ-ɏΑ-ωА-я]{1,4}",
        1 => "[\u{5d0}-\u{5ea}\u{627}-\u{64a}\u{905}-\u{939}]{1,3}",
        1 => "(3\\.5%|U\\.S\\.-led|\\(e\\.g\\.\\)|https://x\\.org/a/b|\\$1,000\\.00|1/2|-5|\\+3|e\\.g\\.,|\"“a”\"|'s|’s)",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..24).prop_map(|v| v.concat())
}

/// Short strings over a tiny alphabet: every pair and many triples get hit.
fn dense() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "1", " ", "\"", "'", "“", "”", "‘", "’", "«", "»", "(", ")", "[", "]", "-", "–",
            "—", ".", ",", "!", "?", "/", "%", "$", "…", "漢", "。", "「", "」", "、", "ぁ", "ー",
            "\u{3000}", "\u{a0}", "\u{200b}", "\t", "\r", "가", "😀", "🏽", "🇫",
        ]),
        0..10,
    )
    .prop_map(|v| v.concat())
}

/// One char (or short sequence) of every line-break class, and contexts the
/// table treats specially: next to plain ASCII words they probe the exits
/// from and entries into `segment`'s table-free plain loop.
const CLASS_REPS: &[&str] = &[
    // BK CR LF NL SP ZW WJ GL CB
    "\u{b}",
    "\r",
    "\n",
    "\u{85}",
    " ",
    "\u{200b}",
    "\u{2060}",
    "\u{a0}",
    "\u{fffc}",
    // QU (plain, Pi, Pf) OP CL CP
    "\"",
    "'",
    "«",
    "»",
    "“",
    "”",
    "‘",
    "’",
    "(",
    "[",
    "{",
    "}",
    ")",
    "]",
    "〈",
    "〉",
    // EX IS SY NS IN HY BA BB B2
    "!",
    "?",
    ",",
    ".",
    ":",
    ";",
    "/",
    "々",
    "ー",
    "…",
    "‥",
    "-",
    "\u{2010}",
    "–",
    "\t",
    "|",
    "\u{ad}",
    "´",
    "—",
    // PR PO NU AL HL (Hebrew) ID CJ JL JV JT H2 H3
    "$",
    "€",
    "+",
    "%",
    "°",
    "¢",
    "0",
    "7",
    "a",
    "Z",
    "§",
    "\u{5d0}",
    "\u{5d1}",
    "漢",
    "ぁ",
    "ァ",
    "\u{1100}",
    "\u{1161}",
    "\u{11a8}",
    "가",
    "각",
    // RI EB EM ID (emoji) AI AK AP AS VI VF (Brahmic), XX, SG-free misc
    "🇫",
    "🇷",
    "👍",
    "🏽",
    "😀",
    "①",
    "\u{1b05}",
    "\u{11003}",
    "\u{a9e0}",
    "\u{1b44}",
    "\u{1bf2}",
    "\u{378}",
    "\u{e000}",
    "\u{3000}",
    "\u{ff08}",
    "\u{ff09}",
    "\u{ff0c}",
    "\u{ff01}",
    // Non-table paths: CM, ZWJ, SA (Thai), an escape (CM)
    "\u{301}",
    "\u{200d}",
    "ก",
    "\u{1b}",
];

/// Plain ASCII words and spaces (the table-free loop) next to every class.
fn plain_boundaries() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            5 => "[a-zA-Z0-9]{1,12}",
            2 => "[0-9]{1,3}",
            4 => Just(" ".to_string()),
            1 => "[ ]{2,3}",
            3 => r"[!-/:-@\[-`{-~]",
            4 => prop::sample::select(CLASS_REPS).prop_map(str::to_string),
            1 => any::<char>().prop_map(String::from),
        ],
        0..20,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6000, ..ProptestConfig::default() })]

    #[test]
    fn plain_loop_boundaries_match_icu(t in plain_boundaries()) {
        check(&t)?;
    }

    #[test]
    fn fast_segmentation_matches_icu(t in text()) {
        check(&t)?;
    }

    #[test]
    fn fast_segmentation_matches_icu_dense(t in dense()) {
        check(&t)?;
    }
}

/// The fast engine must actually handle the common alphabet (not fall back).
#[test]
fn coverage_of_common_alphabet() {
    for s in [
        "He said “it’s (e.g.) 3.5% of U.S.-led work”—fine… ok? Yes! a/b; c: d, e.",
        "漢字「かな」、カタカナ。ぁ（注）！？ー々",
        "tab\there\rand 'quotes' \"double\" [x] {y} €5 $3",
    ] {
        assert!(is_fast(s), "{s:?}");
        check(s).unwrap();
    }
    // Combining marks, ZWJ and SA (Thai) go to the segmenter.
    for s in ["e\u{301}", "a\u{200d}b", "ไทย", "x\u{1}y"] {
        assert!(!is_fast(s), "{s:?}");
    }
}

/// Fixture paragraphs: exact segmentation, and the share of bytes on the fast path
/// (run with `--nocapture` to see it).
#[test]
fn fixtures_fast_path() {
    let paras = linebreak_paragraphs();
    let (mut fast, mut total) = (0usize, 0usize);
    for p in &paras {
        for para in p.split('\n') {
            total += para.len();
            if is_fast(para) {
                fast += para.len();
            } else {
                println!("fallback: {:?}", para.chars().take(60).collect::<String>());
            }
            check(para).unwrap();
        }
    }
    println!(
        "fast path: {fast} of {total} bytes ({:.1}%)",
        100.0 * fast as f64 / total as f64
    );
    assert!(
        fast * 100 >= total * 95,
        "fast path covers only {fast}/{total} bytes"
    );
}

/// Every block text of the line-breaking fixtures (`tests/fixtures/linebreak/*.json`).
fn linebreak_paragraphs() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/linebreak");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("fixture entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let raw = std::fs::read_to_string(&path).expect("fixture");
        let v: serde_json::Value = serde_json::from_str(&raw).expect("json");
        for b in v["blocks"].as_array().expect("blocks") {
            if let Some(t) = b["text"].as_str() {
                out.push(t.to_string());
            }
        }
    }
    out
}
