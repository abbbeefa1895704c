//! Counted nouns for people: `1 ad`, `2 ads`.

/// `n` and the noun in the number `n` calls for.
pub(crate) fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(plural(0, "ad", "ads"), "0 ads");
        assert_eq!(plural(1, "ad", "ads"), "1 ad");
        assert_eq!(plural(2, "ad", "ads"), "2 ads");
        assert_eq!(plural(11, "error", "errors"), "11 errors");
    }
}
