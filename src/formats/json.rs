//! The JSON format: `{"id", "lang", "blocks": [{"kind", "text", ...}]}` read with located errors.

use super::{Format, Likeness, Parsed};
use crate::article::Article;
use crate::error::Error;
use crate::source::Position;

/// JSON articles: recognised by a leading `{`; no body, so slots cannot be written into them.
pub static FORMAT: Format = Format {
    name: "json",
    label: "JSON",
    extensions: &["json"],
    sniff: |text| match super::content_start(text).starts_with('{') {
        true => Likeness::Clear,
        false => Likeness::No,
    },
    read: |origin, text, _| {
        Ok(Parsed {
            article: read(origin, text)?,
            source_map: None,
        })
    },
    slots: None,
};

/// Parses an article from JSON, reporting the first problem with its line and column.
///
/// ```
/// let a = adslot::formats::json::read("a.json", r#"{"blocks":[{"kind":"paragraph","text":"Hi"}]}"#).unwrap();
/// assert_eq!(a.blocks.len(), 1);
/// let e = adslot::formats::json::read("a.json", r#"{"blocks":[{"kind":"paragrap"}]}"#).unwrap_err();
/// assert!(e.to_string().starts_with("a.json:1:"));
/// assert!(e.to_string().contains("did you mean `paragraph`?"));
/// ```
pub fn read(origin: &str, text: &str) -> Result<Article, Error> {
    serde_json::from_str(text).map_err(|e| {
        let position = (e.line() > 0).then(|| Position {
            line: e.line(),
            // serde_json counts the column of a line's first byte as 0 in some errors.
            column: e.column().max(1),
        });
        Error::at(origin, position, strip_location(&e.to_string()), None)
    })
}

/// serde_json appends " at line L column C" to its messages; the diagnostic prints it up front.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn unknown_keys_and_bad_types_are_located() {
        let e = read(
            "x.json",
            "{\"blocks\": [\n {\"kind\": \"image\", \"txt\": 1}]}",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("x.json:2:"), "{e}");
        assert!(e.to_string().contains("unknown field `txt`"), "{e}");
        let e = read("x.json", "{\"blocks\": 3}").unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
        let e = read("x.json", "").unwrap_err();
        assert!(e.to_string().contains("EOF"), "{e}");
    }

    #[test]
    fn text_and_id_are_optional() {
        let a = read("x.json", r#"{"blocks":[{"kind":"image"}]}"#).unwrap();
        assert_eq!(a.blocks[0].text, "");
        assert_eq!(a.id, None);
    }
}
