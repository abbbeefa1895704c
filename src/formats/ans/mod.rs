//! The ANS format: Arc XP stories (`content_elements`) read element by element, with slots written as `custom_embed` elements into the same JSON bytes.
//!
//! An ANS story is a JSON object whose `content_elements` array holds the body, one element
//! per paragraph, header, image, list, quote, embed... The array and each of its elements are
//! located with serde_json's [`RawValue`] (borrowed slices of the input, whose offsets are
//! where they lie in it), so the reader keeps the byte span of every element and the writer
//! can put new elements between them without rewriting anything else.
//!
//! # Kinds
//!
//! | element `type` | kind |
//! |---|---|
//! | `text` | `paragraph` (its `content` may hold inline HTML: its text is counted) |
//! | `header` | `heading` |
//! | `image` | `image` (shape from `width`/`height`; text: the caption) |
//! | `gallery` | `image` (shaped as its first image) |
//! | `list`, `link_list` | `list` |
//! | `quote` | `quote` |
//! | `table` | `table` |
//! | `oembed_response`, `video`, `custom_embed` | `embed` (shape from `raw_oembed`'s, else `promo_image`'s, `width`/`height`) |
//! | `custom_embed` with `subtype: "adslot"` (this engine's slot) | `ad` of its reserved height |
//! | `raw_html` | what its HTML is: one block keeps its kind, several make one `other` |
//! | `correction`, `interstitial_link`, `code` and any other type | `other` with its text |
//! | `divider` | none |
//!
//! # Gaps and slots
//!
//! A gap lies before each element that is a block, and the last gap after the array's last
//! element. A slot is written there as `{"type":"custom_embed","subtype":"adslot","embed":
//! {"id":"adslot-N","url":"","config":{"slot":..,"ordinal":..,"height":..}}}` followed by a
//! comma (before an element), or preceded by one (after the last element; nothing around it
//! in an empty array). Removing each inserted element and the comma written with it gives the
//! input back byte for byte.

mod kinds;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{Format, Likeness, Parsed, Slots, SourceMap};
use crate::article::Article;
use crate::error::Error;
use crate::markup::template::SlotVars;
use crate::markup::HtmlOptions;
use crate::rules::Rules;
use crate::source::Position;

/// ANS: recognised by a leading `{` with a `content_elements` key; slots are written as
/// `custom_embed` elements.
pub static FORMAT: Format = Format {
    name: "ans",
    label: "ANS",
    extensions: &["ans"],
    sniff: looks_like_ans,
    declared_encoding: None,
    read,
    slots: Some(Slots {
        render: render_slot,
        write: write_slot,
    }),
};

fn looks_like_ans(text: &str) -> Likeness {
    if super::content_start(text).starts_with('{')
        && memchr::memmem::find(text.as_bytes(), b"\"content_elements\"").is_some()
    {
        Likeness::Clear
    } else {
        Likeness::No
    }
}

/// The story's keys this reader looks at; others are left as they are.
#[derive(Deserialize)]
struct Story<'a> {
    #[serde(borrow, default)]
    content_elements: Option<&'a RawValue>,
}

/// Reads an article from an ANS story: one block per element of `content_elements` (see the
/// module's table of kinds).
///
/// ```
/// let story = r#"{"type": "story", "content_elements": [
///   {"type": "text", "content": "The council <b>met</b>."},
///   {"type": "divider"},
///   {"type": "image", "width": 1200, "height": 800, "caption": "The hall."}
/// ]}"#;
/// let doc = adslot::formats::ans::read("story.ans", story, &Default::default())?;
/// let kinds: Vec<_> = doc.article.blocks.iter().map(|b| (b.kind.name(), b.text.as_str())).collect();
/// assert_eq!(kinds, [("paragraph", "The council met."), ("image", "The hall.")]);
/// let gaps = doc.source_map.unwrap().gaps;
/// assert_eq!(gaps[0], story.find("{\"type\": \"text\"").unwrap());
/// let e = adslot::formats::ans::read("story.ans", "{\"content_elements\": [\n  {\"content\": \"x\"}]}", &Default::default());
/// assert_eq!(e.unwrap_err().to_string(), "story.ans:2:3: this element has no `type`");
/// # Ok::<(), adslot::Error>(())
/// ```
///
/// Empty input is an article with no blocks and nowhere to write slots. Errors, each with its
/// line:column: the input is not JSON, not an object, has no `content_elements` array, or an
/// element is not an object with a string `type`.
pub fn read(origin: &str, text: &str, opts: &HtmlOptions) -> Result<Parsed, Error> {
    let body_start = text.len() - text.trim_start_matches('\u{feff}').len();
    let body = &text[body_start..];
    if body.trim().is_empty() {
        // No array to write slots into.
        return Ok(Parsed {
            article: Article::default(),
            source_map: None,
        });
    }
    let at = |offset: usize| Some(Position::of(text, offset));
    let first = body_start + (body.len() - body.trim_start().len());
    if !body.trim_start().starts_with('{') {
        return Err(Error::at(
            origin,
            at(first),
            "an ANS story is a JSON object",
            None,
        ));
    }
    let story: Story<'_> =
        serde_json::from_str(body).map_err(|e| syntax(origin, text, body_start, &e))?;
    let Some(array) = story.content_elements else {
        return Err(Error::at(
            origin,
            at(first),
            "this story has no `content_elements`",
            Some("ANS keeps a story's body in a `content_elements` array".to_string()),
        ));
    };
    let array_at = offset_in(text, array.get());
    let elements: Vec<&RawValue> = serde_json::from_str(array.get()).map_err(|_| {
        Error::at(
            origin,
            at(array_at),
            "`content_elements` is not an array",
            None,
        )
    })?;
    let mut blocks = Vec::new();
    let mut gaps = Vec::new();
    for raw in &elements {
        let start = offset_in(text, raw.get());
        let element: serde_json::Value =
            serde_json::from_str(raw.get()).map_err(|e| syntax(origin, text, start, &e))?;
        let Some(object) = element.as_object() else {
            return Err(Error::at(
                origin,
                at(start),
                "this element is not an object",
                None,
            ));
        };
        let Some(kind) = object.get("type") else {
            return Err(Error::at(
                origin,
                at(start),
                "this element has no `type`",
                None,
            ));
        };
        let Some(kind) = kind.as_str() else {
            return Err(Error::at(
                origin,
                at(start),
                "this element's `type` is not a string",
                None,
            ));
        };
        let place = kinds::Place {
            origin,
            at: at(start),
        };
        if let Some(block) = kinds::block(kind, object, opts, &place)? {
            blocks.push(block);
            gaps.push(start);
        }
    }
    let end = match elements.last() {
        Some(last) => offset_in(text, last.get()) + last.get().len(),
        // After the `[`, before anything inside.
        None => array_at + 1,
    };
    gaps.push(end);
    Ok(Parsed {
        article: Article::new(blocks),
        source_map: Some(SourceMap { gaps }),
    })
}

/// serde_json's error in the JSON at `base` of `text`, at its line:column in `text`.
fn syntax(origin: &str, text: &str, base: usize, e: &serde_json::Error) -> Error {
    let message = e.to_string();
    let message = message
        .rfind(" at line ")
        .map_or(message.as_str(), |i| &message[..i]);
    if e.line() == 0 {
        return Error::at(origin, None, message, None);
    }
    let json = &text[base..];
    // serde_json's column counts bytes up to the last one it read (0 at a line's start).
    let line_start = match e.line() {
        1 => 0,
        n => json
            .match_indices('\n')
            .nth(n - 2)
            .map_or(json.len(), |(i, _)| i + 1),
    };
    let last = base + line_start + e.column().saturating_sub(1);
    Error::at(origin, Some(Position::of(text, last)), message, None)
}

/// Where `part` (a slice borrowed from `whole`) starts in `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// The subtype of this engine's slot elements.
pub const SLOT_SUBTYPE: &str = "adslot";

/// One slot as an ANS element: a `custom_embed` of subtype `adslot` with the slot, ordinal and
/// reserved height in its config.
fn render_slot(vars: &SlotVars<'_>, _rules: &Rules) -> Result<String, String> {
    let element = serde_json::json!({
        "type": "custom_embed",
        "subtype": SLOT_SUBTYPE,
        "embed": {
            "id": format!("adslot-{}", vars.ordinal),
            "url": "",
            "config": {
                "slot": vars.slot,
                "ordinal": vars.ordinal,
                "height": vars.height_px.unwrap_or(0),
            },
        },
    });
    Ok(element.to_string())
}

/// Writes a slot element into `content_elements`: appends `element` to `out`, the output so
/// far, knowing that `after` follows: with a comma after it before an element, a comma before
/// it after the last element, and none in an empty array.
///
/// ```
/// use adslot::formats::ans::write_slot;
/// let slot = |before: &str, after: &str| {
///     let mut out = before.to_string();
///     write_slot(&mut out, after, "{}").unwrap();
///     out[before.len()..].to_string()
/// };
/// assert_eq!(slot("[", "{\"type\":\"text\"}]"), "{},");
/// assert_eq!(slot("[{\"type\":\"text\"}", "\n]"), ",{}");
/// assert_eq!(slot("[", "]"), "{}");
/// assert_eq!(slot("[ ", " ]"), "{}");
/// ```
pub fn write_slot(out: &mut String, after: &str, element: &str) -> Result<(), String> {
    let closes = after.trim_start().starts_with(']');
    let opens = out.trim_end().ends_with('[');
    match (opens, closes) {
        (true, true) => out.push_str(element),
        (_, true) => {
            out.push(',');
            out.push_str(element);
        }
        (_, false) => {
            out.push_str(element);
            out.push(',');
        }
    }
    Ok(())
}
