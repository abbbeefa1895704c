//! "Did you mean" suggestions: the nearest candidate to a misspelt key or kind.

/// The candidate closest to `given` by edit distance, if close enough to be a likely typo.
///
/// ```
/// let keys = ["min_words_between", "min_words_before_first"];
/// assert_eq!(adslot::suggest::nearest("min_word_between", keys), Some("min_words_between"));
/// assert_eq!(adslot::suggest::nearest("colour", keys), None);
/// ```
pub fn nearest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (given.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(given, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// The help text for a suggestion: "did you mean `x`?".
pub fn did_you_mean(candidate: Option<&str>) -> Option<String> {
    candidate.map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("lede", "lede"), 0);
    }
}
