//! Plain-text tables for people: every column as wide as its widest cell, header included.

use crate::text::display_width;

/// How a column's cells line up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// A table: headers, then rows of cells, written with two spaces between columns.
pub(crate) struct Table {
    headers: Vec<(&'static str, Align)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(headers: &[(&'static str, Align)]) -> Table {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are empty, extra cells are dropped).
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The header and the rows, each line starting with `indent`, without trailing spaces.
    pub(crate) fn write(&self, out: &mut String, indent: &str) {
        let cell = |row: &[String], c: usize| row.get(c).map_or("", String::as_str).to_string();
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|c| {
                self.rows
                    .iter()
                    .map(|r| display_width(&cell(r, c)))
                    .fold(display_width(self.headers[c].0), usize::max)
            })
            .collect();
        let header: Vec<String> = self.headers.iter().map(|h| h.0.to_string()).collect();
        for row in std::iter::once(&header).chain(&self.rows) {
            let mut line = indent.to_string();
            for (c, (width, (_, align))) in widths.iter().zip(&self.headers).enumerate() {
                let text = cell(row, c);
                let pad = " ".repeat(width - display_width(&text));
                if c > 0 {
                    line.push_str("  ");
                }
                match align {
                    Align::Left => line.extend([text.as_str(), &pad]),
                    Align::Right => line.extend([pad.as_str(), &text]),
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Align, Table};

    #[test]
    fn columns_fit_their_widest_cell() {
        let mut t = Table::new(&[
            ("n", Align::Right),
            ("name", Align::Left),
            ("px", Align::Right),
        ]);
        t.row(vec![
            "10".into(),
            "a-very-long-slot-name".into(),
            "5".into(),
        ]);
        t.row(vec!["9".into(), "top".into(), "1234".into()]);
        t.row(vec!["1".into(), "幅広い".into(), "0".into()]);
        let mut out = String::new();
        t.write(&mut out, "  ");
        assert_eq!(
            out,
            "   n  name                     px\n  \
               10  a-very-long-slot-name     5\n   \
                9  top                    1234\n   \
                1  幅広い                    0\n"
        );
    }

    #[test]
    fn a_last_column_left_aligned_leaves_no_trailing_spaces() {
        let mut t = Table::new(&[("a", Align::Left), ("b", Align::Left)]);
        t.row(vec!["x".into()]);
        let mut out = String::new();
        t.write(&mut out, "");
        assert_eq!(out, "a  b\nx\n");
    }
}
