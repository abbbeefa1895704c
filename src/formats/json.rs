//! The JSON format: `{"id", "lang", "blocks": [{"kind", "text", ...}]}` read with located errors.

use std::ops::RangeInclusive;

use serde_json::value::RawValue;

use super::{Format, Likeness, Parsed};
use crate::article::{Article, Block};
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
    declared_encoding: None,
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
/// Empty or whitespace-only input is an article with no blocks (as in every format); a byte
/// order mark is skipped. A block's `height_px` and `width_px` must be from 0 to 100,000 and
/// its `aspect` (width / height) from 0.01 to 100, and so must each of its `pictures` ([`super::HEIGHT_PX_RANGE`],
/// [`super::WIDTH_PX_RANGE`], [`super::ASPECT_RANGE`]):
/// a value outside (or not a number) is an error at the value; a block's `runs` must lie on
/// its text ([`crate::article::runs_problem`]), else the error is at the run. One error is
/// reported: the first bad geometry value or run if there is one, else the first error of the
/// structure (syntax, keys, kinds, types).
///
/// ```
/// let a = adslot::formats::json::read("a.json", r#"{"blocks":[{"kind":"paragraph","text":"Hi"}]}"#).unwrap();
/// assert_eq!(a.blocks.len(), 1);
/// let e = adslot::formats::json::read("a.json", r#"{"blocks":[{"kind":"paragrap"}]}"#).unwrap_err();
/// assert!(e.to_string().starts_with("a.json:1:"));
/// assert!(e.to_string().contains("did you mean `paragraph`?"));
/// let e = adslot::formats::json::read("a.json", "{\"blocks\": [\n  {\"kind\": \"image\", \"height_px\": -5}]}").unwrap_err();
/// assert_eq!(e.to_string(), "a.json:2:34: height_px must be from 0 to 100000, found -5");
/// let e = adslot::formats::json::read("a.json", r#"{"blocks": [{"kind": "paragraph", "text": "Hi", "runs": [{"start": 1, "end": 3}]}]}"#).unwrap_err();
/// assert_eq!(e.to_string(), "a.json:1:58: runs[0]: 1..3 is not within the text (2 bytes)");
/// assert!(adslot::formats::json::read("a.json", " \n").unwrap().blocks.is_empty());
/// ```
pub fn read(origin: &str, text: &str) -> Result<Article, Error> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty() {
        return Ok(Article::default());
    }
    // Article's own Deserialize, then a range check: the hot path of `batch`. Only when
    // something is wrong does the slower reading that keeps each value's place run, to say
    // where (serde_json places a value's error after its enclosing object).
    let first = serde_json::from_str::<Article>(body);
    if let Ok(article) = first {
        if article.blocks.iter().all(geometry_in_range) && article.blocks.iter().all(runs_fit) {
            return Ok(article);
        }
    }
    Err(locate(origin, body))
}

/// The error of an input that failed to read or holds a value out of range: the slow path,
/// kept out of line so that it does not weigh on the fast one. A geometry value that is out
/// of range or not a number is reported at the value; else Article's own error.
#[cold]
#[inline(never)]
fn locate(origin: &str, body: &str) -> Error {
    if let Ok(raw) = serde_json::from_str::<Geometry<'_>>(body) {
        for b in &raw.blocks {
            if let Some(e) = runs_error(origin, body, b) {
                return e;
            }
            let checked = number(
                origin,
                body,
                b.height_px,
                "height_px",
                super::HEIGHT_PX_RANGE,
            )
            .and_then(|_| number(origin, body, b.aspect, "aspect", super::ASPECT_RANGE))
            .and_then(|_| number(origin, body, b.width_px, "width_px", super::WIDTH_PX_RANGE));
            if let Err(e) = checked {
                return e;
            }
            for (i, p) in b.pictures.iter().enumerate() {
                let key = |k: &str| format!("pictures[{i}].{k}");
                let checked = number(
                    origin,
                    body,
                    p.height_px,
                    &key("height_px"),
                    super::HEIGHT_PX_RANGE,
                )
                .and_then(|_| number(origin, body, p.aspect, &key("aspect"), super::ASPECT_RANGE))
                .and_then(|_| {
                    number(
                        origin,
                        body,
                        p.width_px,
                        &key("width_px"),
                        super::WIDTH_PX_RANGE,
                    )
                });
                if let Err(e) = checked {
                    return e;
                }
            }
        }
    }
    match serde_json::from_str::<Article>(body) {
        Err(e) => syntax_error(origin, body, &e),
        // Not reached: `read` comes here only when Article failed, a value is out of range or
        // a run does not lie on its text.
        Ok(_) => Error::at(origin, None, "a block's geometry is out of range", None),
    }
}

/// Whether a block's runs, and those of the blocks it holds, lie on their texts.
fn runs_fit(b: &Block) -> bool {
    (b.runs.is_empty() || crate::article::runs_problem(&b.text, &b.runs).is_none())
        && b.blocks.iter().all(runs_fit)
}

/// A block's first run (or that of a block it holds) that does not lie on its text, as an
/// error at the run.
fn runs_error(origin: &str, body: &str, b: &BlockGeometry<'_>) -> Option<Error> {
    if let Some(e) = b.blocks.iter().find_map(|n| runs_error(origin, body, n)) {
        return Some(e);
    }
    if b.runs.is_empty() {
        return None;
    }
    let runs: Vec<crate::article::Run> = b
        .runs
        .iter()
        .map(|r| serde_json::from_str(r.get()))
        .collect::<Result<_, _>>()
        .ok()?;
    let text: String = b
        .text
        .map_or(Ok(String::new()), |t| serde_json::from_str(t.get()))
        .ok()?;
    let (i, problem) = crate::article::runs_problem(&text, &runs)?;
    let raw = b.runs[i].get();
    let position = (raw.as_ptr() as usize)
        .checked_sub(body.as_ptr() as usize)
        .filter(|&o| o <= body.len())
        .map(|o| Position::of(body, o));
    Some(Error::at(
        origin,
        position,
        format!("runs[{i}]: {problem}"),
        None,
    ))
}

fn geometry_in_range(b: &Block) -> bool {
    sizes_in_range(b.height_px, b.aspect, b.width_px)
        && b.pictures
            .iter()
            .all(|p| sizes_in_range(p.height_px, p.aspect, p.width_px))
}

fn sizes_in_range(height: Option<f64>, aspect: Option<f64>, width: Option<f64>) -> bool {
    height.is_none_or(|h| super::HEIGHT_PX_RANGE.contains(&h))
        && aspect.is_none_or(|a| super::ASPECT_RANGE.contains(&a))
        && width.is_none_or(|w| super::WIDTH_PX_RANGE.contains(&w))
}

/// serde_json's error at its line:column (in characters), without its " at line L column C".
fn syntax_error(origin: &str, body: &str, e: &serde_json::Error) -> Error {
    let message = e.to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => &message,
    };
    if e.line() == 0 {
        return Error::at(origin, None, message, None);
    }
    // serde_json's column counts bytes up to the last one it read (0 at a line's start).
    let line_start = match e.line() {
        1 => 0,
        n => body
            .match_indices('\n')
            .nth(n - 2)
            .map_or(body.len(), |(i, _)| i + 1),
    };
    let last = line_start + e.column().saturating_sub(1);
    Error::at(origin, Some(Position::of(body, last)), message, None)
}

/// A geometry value: a number in `range`, else an error at the value.
fn number(
    origin: &str,
    body: &str,
    raw: Option<&RawValue>,
    key: &str,
    range: RangeInclusive<f64>,
) -> Result<Option<f64>, Error> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let found = raw.get();
    // The raw value is valid JSON: a number token parses as Rust's f64 (correctly rounded;
    // beyond f64 it is infinite, so out of range), anything else does not parse.
    match found.parse::<f64>() {
        Ok(v) if range.contains(&v) => Ok(Some(v)),
        _ => {
            // A borrowed RawValue is a slice of `body`: its offset is the value's place.
            let offset = (found.as_ptr() as usize).checked_sub(body.as_ptr() as usize);
            let position = offset
                .filter(|&o| o <= body.len())
                .map(|o| Position::of(body, o));
            let message = format!(
                "{key} must be from {} to {}, found {found}",
                range.start(),
                range.end()
            );
            Err(Error::at(origin, position, message, None))
        }
    }
}

/// The geometry values of an article's blocks, kept as written so that a bad one is reported
/// where it is; every other key is ignored here (Article's reading checks them).
#[derive(serde::Deserialize)]
struct Geometry<'a> {
    #[serde(borrow)]
    blocks: Vec<BlockGeometry<'a>>,
}

#[derive(serde::Deserialize)]
struct BlockGeometry<'a> {
    #[serde(default, borrow)]
    height_px: Option<&'a RawValue>,
    #[serde(default, borrow)]
    aspect: Option<&'a RawValue>,
    #[serde(default, borrow)]
    width_px: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pictures: Vec<PictureGeometry<'a>>,
    #[serde(default, borrow)]
    text: Option<&'a RawValue>,
    #[serde(default, borrow)]
    runs: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    blocks: Vec<BlockGeometry<'a>>,
}

#[derive(serde::Deserialize)]
struct PictureGeometry<'a> {
    #[serde(default, borrow)]
    height_px: Option<&'a RawValue>,
    #[serde(default, borrow)]
    aspect: Option<&'a RawValue>,
    #[serde(default, borrow)]
    width_px: Option<&'a RawValue>,
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
        let e = read("x.json", "{").unwrap_err();
        assert!(e.to_string().contains("EOF"), "{e}");
    }

    #[test]
    fn width_px_is_read_and_range_checked() {
        let a = read(
            "x.json",
            r#"{"blocks":[{"kind":"image","width_px":60,"aspect":1}]}"#,
        );
        assert_eq!(a.unwrap().blocks[0].width_px, Some(60.0));
        let e = read("x.json", r#"{"blocks":[{"kind":"image","width_px":-1}]}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.json:1:39: width_px must be from 0 to 100000, found -1"
        );
    }

    #[test]
    fn pictures_are_read_and_range_checked() {
        let a = read(
            "x.json",
            r#"{"blocks":[{"kind":"paragraph","text":"t","pictures":[{"width_px":20,"aspect":1},{"height_px":5}]}]}"#,
        )
        .unwrap();
        assert_eq!(a.blocks[0].pictures.len(), 2);
        assert_eq!(a.blocks[0].pictures[1].height_px, Some(5.0));
        let e = read(
            "x.json",
            "{\"blocks\":[{\"kind\":\"image\",\"pictures\":[{},\n{\"aspect\": 0}]}]}",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.json:2:12: pictures[1].aspect must be from 0.01 to 100, found 0"
        );
        let e = read(
            "x.json",
            r#"{"blocks":[{"kind":"image","pictures":[{"wide":1}]}]}"#,
        )
        .unwrap_err();
        assert!(e.to_string().contains("unknown field `wide`"), "{e}");
    }

    #[test]
    fn text_and_id_are_optional() {
        let a = read("x.json", r#"{"blocks":[{"kind":"image"}]}"#).unwrap();
        assert_eq!(a.blocks[0].text, "");
        assert_eq!(a.id, None);
    }
}
