//! HTML's table scope: which open element a new row, cell or section closes.

use super::elements::TABLE_SCOPE;

/// The index (in `names`, outermost first) of the outermost of `targets` open in the innermost
/// table: open cells do not bound the search, so a new row finds the open row under the open
/// cell, and a new cell the open cell. `None` when no target is open inside that table.
pub(super) fn outermost_in_table<'n, I>(names: I, targets: &[&str]) -> Option<usize>
where
    I: DoubleEndedIterator<Item = &'n str> + ExactSizeIterator,
{
    let mut found = None;
    for (i, n) in names.enumerate().rev() {
        if targets.contains(&n) {
            found = Some(i);
        } else if TABLE_SCOPE.contains(&n) {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::outermost_in_table;

    fn find(stack: &[&str], targets: &[&str]) -> Option<usize> {
        outermost_in_table(stack.iter().copied(), targets)
    }

    #[test]
    fn a_new_row_finds_the_row_under_the_open_cell() {
        let stack = ["html", "body", "table", "tbody", "tr", "td", "p"];
        assert_eq!(find(&stack, &["tr"]), Some(4));
        assert_eq!(find(&stack, &["td", "th"]), Some(5));
        assert_eq!(find(&stack, &["tbody", "thead", "tfoot", "tr"]), Some(3));
    }

    #[test]
    fn the_search_stops_at_the_innermost_table() {
        let stack = ["html", "table", "tr", "td", "table", "tbody"];
        assert_eq!(find(&stack, &["tr"]), None);
        assert_eq!(find(&stack, &["tbody"]), Some(5));
    }
}
