//! A table cell: its text, or the blocks it holds (JSON: a string, or an array of blocks).

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use super::Block;

/// One cell of a table's [`rows`](Block::rows): inline content only (its text, set as the cell's
/// lines), or blocks of its own (paragraphs, lists, headings, pictures, a table), stacked in
/// the cell as they are in the column, narrowed to the cell. In JSON a cell is a string or an
/// array of blocks.
///
/// ```
/// use adslot::Cell;
/// let a = adslot::formats::json::read(
///     "a.json",
///     r#"{"blocks": [{"kind": "table", "rows": [["Year", [{"kind": "paragraph", "text": "One."}]]]}]}"#,
/// ).unwrap();
/// let row = &a.blocks[0].rows[0];
/// assert_eq!(row[0], "Year");
/// assert!(matches!(&row[1], Cell::Blocks(b) if b[0].text == "One."));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Inline content: the cell's text.
    Text(String),
    /// Blocks of its own, in order.
    Blocks(Vec<Block>),
}

impl Default for Cell {
    fn default() -> Cell {
        Cell::Text(String::new())
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

/// A cell equals a string when it is that text (a cell of blocks never does).
impl PartialEq<&str> for Cell {
    fn eq(&self, other: &&str) -> bool {
        matches!(self, Cell::Text(t) if t == other)
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(t) => s.serialize_str(t),
            Cell::Blocks(b) => b.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Cell, D::Error> {
        d.deserialize_any(CellVisitor)
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Cell;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table cell: a string (its text) or an array of blocks")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
        Ok(Cell::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Cell, E> {
        Ok(Cell::Text(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cell, A::Error> {
        let mut blocks = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(b) = seq.next_element::<Block>()? {
            blocks.push(b);
        }
        Ok(Cell::Blocks(blocks))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip_as_strings_and_arrays() {
        let json = r#"["a",[{"kind":"list","items":["x","y"]}]]"#;
        let cells: Vec<Cell> = serde_json::from_str(json).unwrap();
        assert_eq!(cells[0], "a");
        let Cell::Blocks(b) = &cells[1] else {
            panic!("the second cell holds blocks")
        };
        assert_eq!(b[0].items, ["x", "y"]);
        let again = serde_json::to_string(&cells).unwrap();
        assert!(again.starts_with(r#"["a",[{"kind":"list""#), "{again}");
        assert_eq!(serde_json::from_str::<Vec<Cell>>(&again).unwrap(), cells);
    }

    #[test]
    fn anything_else_is_refused_with_what_a_cell_is() {
        let e = serde_json::from_str::<Cell>("3").unwrap_err().to_string();
        assert!(
            e.contains("a string (its text) or an array of blocks"),
            "{e}"
        );
        assert!(serde_json::from_str::<Cell>(r#"[{"kind":"nope"}]"#).is_err());
    }
}
