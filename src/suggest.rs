//! "Did you mean" suggestions: the nearest candidate to a misspelt key or kind.

/// The candidate closest to `given` by edit distance (a swap of two neighbouring characters
/// counts as one edit), if close enough to be a likely typo; failing that, the one candidate
/// that is `given` plus a `_suffix` (`above` for `above_px`).
pub fn nearest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let limit = (given.chars().count() / 3).max(1);
    let close = candidates
        .iter()
        .map(|&c| (distance(given, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c);
    close.or_else(|| {
        let mut suffixed = candidates.iter().copied().filter(|c| {
            !given.is_empty()
                && c.strip_prefix(given)
                    .is_some_and(|rest| rest.len() > 1 && rest.starts_with('_'))
        });
        let only = suffixed.next()?;
        suffixed.next().is_none().then_some(only)
    })
}

/// Edit distance over characters: insertions, deletions, substitutions and swaps of two
/// neighbouring characters (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, row);
    }
    previous[b.len()]
}

/// The help text for a suggestion: "did you mean `x`?".
pub fn did_you_mean(candidate: Option<&str>) -> Option<String> {
    candidate.map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::{distance, nearest};

    #[test]
    fn edit_distance() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("lede", "lede"), 0);
        // A swap is one edit (it was two, so `imgae` got no suggestion).
        assert_eq!(distance("imgae", "image"), 1);
        assert_eq!(distance("dekstop", "desktop"), 1);
        assert_eq!(distance("ab", "ba"), 1);
    }

    #[test]
    fn a_missing_unit_suffix_is_suggested_only_when_unambiguous() {
        assert_eq!(nearest("below", ["above_px", "below_px"]), Some("below_px"));
        assert_eq!(nearest("max", ["max_ads", "max_density"]), None);
        assert_eq!(nearest("", ["_x"]), None);
    }
}

#[cfg(test)]
mod examples {
    #[test]
    fn nearest() {
        let keys = ["min_words_between", "min_words_before_first"];
        assert_eq!(
            crate::suggest::nearest("min_word_between", keys),
            Some("min_words_between")
        );
        assert_eq!(crate::suggest::nearest("colour", keys), None);
        assert_eq!(
            crate::suggest::nearest("imgae", ["image", "embed"]),
            Some("image")
        );
        assert_eq!(
            crate::suggest::nearest("above", ["above_px", "below_px"]),
            Some("above_px")
        );
    }
}
