//! Properties of the pixel line breaker, checked by a separately written first-fit: lines cover
//! the text in order, each fits unless it is one unbreakable cluster, and for plain words the
//! breaks are the greedy ones.

use adslot::font::{FontStack, TextStyle};
use adslot::text::pixel::{Advances, PixelBreaker, PixelOptions};
use proptest::prelude::*;

/// The oracle: greedy first fit over space-separated words, measuring each candidate line whole
/// (its text from the first word to the last, as set) and, when a space follows it, with that
/// hanging space's kerning (`width(line + " ") - width(" ")`), breaking only at spaces.
fn oracle(text: &str, width: f64, adv: &mut impl Advances) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let mut lines = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        current.push(word);
        let joined = current.join(" ");
        let w = if i + 1 < words.len() {
            adv.width(&format!("{joined} ")) - adv.width(" ")
        } else {
            adv.width(&joined)
        };
        if current.len() > 1 && (w * 64.0 - 1e-4).ceil() > (width * 64.0).floor() + 1.0 {
            current.pop();
            lines.push(current.join(" "));
            current = vec![word];
        }
    }
    if !current.is_empty() {
        lines.push(current.join(" "));
    }
    lines
}

fn words() -> impl Strategy<Value = String> {
    let word = "[a-zA-Z]{1,12}";
    proptest::collection::vec(word, 1..40).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn plain_words_break_greedily(text in words(), width in 60.0f64..700.0, family in 0usize..3) {
        let name = ["times", "arial", "inter"][family];
        let mut stack = FontStack::builtin(name, TextStyle::new(17.0)).unwrap();
        // Long words may be cut (overflow-wrap); compare only where every word fits a line.
        let longest = text.split(' ').map(|w| stack.width(w)).fold(0.0, f64::max);
        prop_assume!(longest <= width);
        let got: Vec<String> = PixelBreaker::new()
            .lines(&text, &mut stack, &PixelOptions::new(width))
            .into_iter()
            .map(|l| text[l.range].to_string())
            .collect();
        prop_assert_eq!(got, oracle(&text, width, &mut stack));
    }

    #[test]
    fn lines_cover_the_text_in_order_and_fit(
        text in "[a-z ,.\u{2014}\u{201c}\u{201d}\u{ad}\u{a0}\\-/()?中文。「」\n\t]{0,200}",
        width in 20.0f64..400.0,
    ) {
        let mut stack = FontStack::builtin("arial", TextStyle::new(17.0)).unwrap();
        let opts = PixelOptions::new(width).with_cjk_trim(stack.trims_cjk_punctuation());
        let mut breaker = PixelBreaker::new();
        let lines = breaker.lines(&text, &mut stack, &opts);
        prop_assert_eq!(lines.len(), breaker.count_lines(&text, &mut stack, &opts));
        let visible: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
        let mut covered = String::new();
        let mut prev_end = 0;
        for l in &lines {
            prop_assert!(l.range.start >= prev_end && l.range.start < l.range.end, "{:?}", lines);
            // What lies between lines is white space only.
            prop_assert!(text[prev_end..l.range.start].chars().all(char::is_whitespace));
            covered.extend(text[l.range.clone()].chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}'));
            // Measured as set: white space collapsed.
            let line = &text[l.range.clone()].split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            let hyphen = if l.hyphen { stack.hyphen_width() } else { 0.0 };
            // A line wider than the column holds a single character (break-word's minimum);
            // an opening CJK mark that starts a line after the first is set half-width.
            if line.chars().count() > 1 {
                let first = line.chars().next().unwrap_or(' ');
                let trim = if l.range.start > 0 && adslot::text::pixel::cjk_punct(first) == Some(adslot::text::pixel::CjkPunct::Open) {
                    stack.width(&first.to_string()) / 2.0
                } else {
                    0.0
                };
                let w = stack.width(line) + hyphen - trim;
                prop_assert!(w <= width + 2.0 / 64.0 + 0.02 * line.chars().count() as f64,
                    "line {:?} is {} px in {} px", line, w, width);
            }
            prev_end = l.range.end;
        }
        prop_assert!(text[prev_end..].chars().all(char::is_whitespace));
        prop_assert_eq!(covered, visible);
    }
}

#[test]
fn a_warm_breaker_reuses_its_cache() {
    let text =
        "The council voted on Monday to approve a budget that funds the new library. ".repeat(20);
    let mut stack = FontStack::builtin("times", TextStyle::new(17.0)).unwrap();
    let mut breaker = PixelBreaker::new();
    let opts = PixelOptions::new(343.0);
    let n = breaker.count_lines(&text, &mut stack, &opts);
    let cached = stack.cached_runs();
    assert_eq!(breaker.count_lines(&text, &mut stack, &opts), n);
    assert_eq!(
        stack.cached_runs(),
        cached,
        "the second pass measured nothing new"
    );
    assert!(cached < 20, "{cached} distinct runs for a 14-word sentence");
}
