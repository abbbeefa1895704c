//! What an ANS content element is to the article: its kind, text and shape, from its `type` and fields.

use serde_json::{Map, Value};

use crate::article::{Block, BlockKind, Cell};
use crate::error::Error;
use crate::formats::html;
use crate::markup::HtmlOptions;
use crate::source::Position;

/// Where an element lies, for errors in its HTML.
pub(super) struct Place<'a> {
    pub(super) origin: &'a str,
    pub(super) at: Option<Position>,
}

type Object = Map<String, Value>;

/// The block of one element of type `kind` (`None`: nothing a reader sees in the flow).
pub(super) fn block(
    kind: &str,
    element: &Object,
    opts: &HtmlOptions,
    place: &Place<'_>,
) -> Result<Option<Block>, Error> {
    let content = || str_field(element, "content");
    let block = match kind {
        "text" => Block::new(BlockKind::Paragraph, inline_text(content(), opts, place)?),
        "header" => Block {
            level: element
                .get("level")
                .and_then(Value::as_u64)
                .filter(|l| (1..=6).contains(l))
                .map(|l| l as u8),
            ..Block::new(BlockKind::Heading, inline_text(content(), opts, place)?)
        },
        "image" => shaped(
            BlockKind::Image,
            caption(element, opts, place)?,
            aspect(element),
        ),
        "gallery" => {
            let first = element
                .get("content_elements")
                .and_then(Value::as_array)
                .and_then(|a| a.first())
                .and_then(Value::as_object);
            let text = match element.get("headlines").and_then(|h| h.get("basic")) {
                Some(Value::String(s)) => inline_text(s, opts, place)?,
                _ => String::new(),
            };
            shaped(BlockKind::Image, text, first.and_then(aspect))
        }
        "list" | "link_list" => Block {
            items: list_items(element, opts, place)?,
            ..Block::new(BlockKind::List, nested_text(element, opts, place)?)
        },
        "quote" => Block::new(BlockKind::Quote, nested_text(element, opts, place)?),
        "table" => Block {
            rows: table_rows(element, opts, place)?,
            ..Block::new(BlockKind::Table, table_text(element, opts, place)?)
        },
        "custom_embed" if is_slot(element) => Block {
            height_px: slot_height(element),
            ..Block::new(BlockKind::Ad, "")
        },
        "oembed_response" | "video" | "custom_embed" => {
            // An oEmbed's own size, else a video's poster frame.
            let sized = ["raw_oembed", "promo_image"]
                .iter()
                .find_map(|k| element.get(*k).and_then(Value::as_object).and_then(aspect));
            shaped(BlockKind::Embed, String::new(), sized)
        }
        "raw_html" => {
            let found = html_blocks(content(), opts, place)?;
            match found.len() {
                0 => Block::new(BlockKind::Other, ""),
                1 => found.into_iter().next().unwrap_or_default(),
                _ => Block::new(BlockKind::Other, joined(&found)),
            }
        }
        "divider" => return Ok(None),
        _ => Block::new(BlockKind::Other, nested_text(element, opts, place)?),
    };
    Ok(Some(block))
}

fn str_field<'a>(element: &'a Object, key: &str) -> &'a str {
    element.get(key).and_then(Value::as_str).unwrap_or("")
}

fn shaped(kind: BlockKind, text: String, aspect: Option<f64>) -> Block {
    Block {
        aspect,
        ..Block::new(kind, text)
    }
}

/// Width / height from an object's `width` and `height` numbers.
fn aspect(object: &Object) -> Option<f64> {
    let w = object.get("width")?.as_f64()?;
    let h = object.get("height")?.as_f64()?;
    (h > 0.0)
        .then(|| w / h)
        .filter(|a| crate::formats::ASPECT_RANGE.contains(a))
}

fn caption(element: &Object, opts: &HtmlOptions, place: &Place<'_>) -> Result<String, Error> {
    inline_text(str_field(element, "caption"), opts, place)
}

/// Whether an element is this engine's slot (`custom_embed`, subtype `adslot`).
fn is_slot(element: &Object) -> bool {
    element.get("subtype").and_then(Value::as_str) == Some(super::SLOT_SUBTYPE)
}

fn slot_height(element: &Object) -> Option<f64> {
    let h = element
        .get("embed")?
        .get("config")?
        .get("height")?
        .as_f64()?;
    Some(h).filter(|h| *h > 0.0 && crate::formats::HEIGHT_PX_RANGE.contains(h))
}

/// The blocks the HTML reader finds in `content`, an element's HTML; its errors are placed at
/// the element.
fn html_blocks(content: &str, opts: &HtmlOptions, place: &Place<'_>) -> Result<Vec<Block>, Error> {
    match html::read(place.origin, content, opts) {
        Ok(parsed) => Ok(parsed.article.blocks),
        Err(e) => Err(Error::at(
            place.origin,
            place.at,
            format!("this element's HTML does not read: {e}"),
            None,
        )),
    }
}

/// The text of inline HTML (a `text` element's `content`, a caption).
fn inline_text(content: &str, opts: &HtmlOptions, place: &Place<'_>) -> Result<String, Error> {
    if !content.contains(['<', '&']) {
        return Ok(content.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    // As the body of a paragraph, so that bare text is read as one.
    let wrapped = format!("<p>{content}</p>");
    Ok(joined(&html_blocks(&wrapped, opts, place)?))
}

/// The text of an element holding others: its `content`, its `items` or `content_elements`
/// (each read the same way), and a quote's `citation`.
fn nested_text(element: &Object, opts: &HtmlOptions, place: &Place<'_>) -> Result<String, Error> {
    let mut parts = Vec::new();
    let content = str_field(element, "content");
    if !content.is_empty() {
        parts.push(inline_text(content, opts, place)?);
    }
    for key in ["items", "content_elements"] {
        for child in element
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(child) = child.as_object() {
                parts.push(nested_text(child, opts, place)?);
            }
        }
    }
    if let Some(citation) = element.get("citation").and_then(Value::as_object) {
        parts.push(nested_text(citation, opts, place)?);
    }
    // A correction's and an interstitial link's words.
    for key in ["text", "headline"] {
        if let Some(s) = element.get(key).and_then(Value::as_str) {
            parts.push(inline_text(s, opts, place)?);
        }
    }
    Ok(join(parts))
}

/// A table's cells: `header` and `rows`, each cell an element of its own.
fn table_text(element: &Object, opts: &HtmlOptions, place: &Place<'_>) -> Result<String, Error> {
    let mut parts = Vec::new();
    let header = element.get("header").and_then(Value::as_array);
    let rows = element.get("rows").and_then(Value::as_array);
    let cells = header.into_iter().flatten().chain(
        rows.into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten(),
    );
    for cell in cells.filter_map(Value::as_object) {
        parts.push(nested_text(cell, opts, place)?);
    }
    Ok(join(parts))
}

/// A list's items, each its own lines: every element of `items` (a nested list's items
/// follow their parent's, as a browser shows them).
fn list_items(
    element: &Object,
    opts: &HtmlOptions,
    place: &Place<'_>,
) -> Result<Vec<String>, Error> {
    let mut items = Vec::new();
    for child in element
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let own = str_field(child, "content");
        if child.get("items").is_some() {
            if !own.is_empty() {
                items.push(inline_text(own, opts, place)?);
            }
            items.extend(list_items(child, opts, place)?);
        } else {
            items.push(nested_text(child, opts, place)?);
        }
    }
    Ok(items.into_iter().filter(|i| !i.is_empty()).collect())
}

/// A table's rows of cells: its `header`, then its `rows`.
fn table_rows(
    element: &Object,
    opts: &HtmlOptions,
    place: &Place<'_>,
) -> Result<Vec<Vec<Cell>>, Error> {
    let header = element.get("header").and_then(Value::as_array);
    let rows = element.get("rows").and_then(Value::as_array);
    let mut out = Vec::new();
    for row in header
        .into_iter()
        .chain(rows.into_iter().flatten().filter_map(Value::as_array))
    {
        let mut cells = Vec::new();
        for cell in row {
            cells.push(match cell.as_object() {
                Some(cell) => Cell::Text(nested_text(cell, opts, place)?),
                None => Cell::default(),
            });
        }
        if !cells.is_empty() {
            out.push(cells);
        }
    }
    Ok(out)
}

fn join(parts: Vec<String>) -> String {
    let parts: Vec<_> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    parts.join(" ")
}

fn joined(blocks: &[Block]) -> String {
    join(blocks.iter().map(|b| b.text.clone()).collect())
}
