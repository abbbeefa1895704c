//! Content types: which format and encoding a request's `Content-Type` or `?format=` names, and the answer's type.

use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};

use super::problem::Problem;
use crate::formats::{self, Format};
use crate::source::{self, Encoding};

/// Media types and the format each names. Gutenberg and ANS have no registered type: ask for
/// them with `?format=gutenberg` or `?format=ans`.
const TYPES: &[(&str, &str)] = &[
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    ("text/markdown", "markdown"),
    ("text/x-markdown", "markdown"),
    ("text/plain", "text"),
    ("application/json", "json"),
];

/// The media type of an answer in each format when the request named none.
const ANSWER_TYPES: &[(&str, &str)] = &[
    ("html", "text/html"),
    ("gutenberg", "text/html"),
    ("markdown", "text/markdown"),
    ("text", "text/plain"),
    ("json", "application/json"),
    ("ans", "application/json"),
];

/// What a request says about its body.
#[derive(Debug)]
pub(super) struct Media {
    /// The format (`None`: sniffed from the content, as the CLI does with standard input).
    pub(super) format: Option<&'static Format>,
    /// The `charset` parameter's encoding, if there was one.
    pub(super) encoding: Option<&'static Encoding>,
    /// The request's media type, without parameters, lower-cased.
    media_type: Option<String>,
}

impl Media {
    /// The `Content-Type` of an answer holding the document in `format` and `encoding`: the
    /// request's own media type if it gave one, else the format's.
    pub(super) fn answer_type(&self, format: &Format, encoding: &'static Encoding) -> String {
        let media_type = self.media_type.as_deref().unwrap_or_else(|| {
            ANSWER_TYPES
                .iter()
                .find(|(name, _)| *name == format.name())
                .map_or("application/octet-stream", |(_, t)| *t)
        });
        format!("{media_type}; charset={}", encoding.name())
    }
}

/// The formats that take slots, for messages.
pub(super) fn slot_formats() -> String {
    formats::ALL
        .iter()
        .filter(|f| f.writes_slots())
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The body's format and encoding: `?format=` if given, else the `Content-Type`'s, else
/// `default`, else sniffed. Errors (415): an unknown `?format=`, media type or `charset`.
pub(super) fn resolve(
    asked: Option<&str>,
    headers: &HeaderMap,
    default: Option<&'static Format>,
) -> Result<Media, Problem> {
    let unsupported = |message: String| Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, message);
    let mut media = Media {
        format: None,
        encoding: None,
        media_type: None,
    };
    if let Some(value) = headers.get(CONTENT_TYPE) {
        let value = value
            .to_str()
            .map_err(|_| unsupported("Content-Type is not ASCII".to_string()))?;
        let mut parts = value.split(';');
        let media_type = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        for param in parts {
            let Some((key, label)) = param.split_once('=') else {
                continue;
            };
            if key.trim().eq_ignore_ascii_case("charset") {
                let label = label.trim().trim_matches('"');
                let encoding = source::encoding_for_label(label)
                    .map_err(|e| unsupported(format!("Content-Type: {e}")))?;
                media.encoding = Some(encoding);
            }
        }
        let named = TYPES.iter().find(|(t, _)| *t == media_type);
        match (named, asked) {
            (Some((_, name)), None) => media.format = formats::by_name(name),
            // `?format=` says the format; the media type is still the answer's.
            (_, Some(_)) => {}
            (None, None) => {
                let known: Vec<&str> = TYPES.iter().map(|(t, _)| *t).collect();
                return Err(unsupported(format!(
                    "unsupported Content-Type `{media_type}` (use one of {}, or say the format \
                     with ?format={})",
                    known.join(", "),
                    format_names()
                )));
            }
        }
        // An answer carries the request's type only where that type named the format.
        media.media_type = named.map(|_| media_type);
    }
    if let Some(name) = asked {
        media.format = Some(formats::by_name(name).ok_or_else(|| {
            unsupported(format!(
                "unknown format `{name}` (formats: {})",
                format_names()
            ))
        })?);
    }
    if media.format.is_none() && media.media_type.is_none() {
        media.format = default;
    }
    Ok(media)
}

fn format_names() -> String {
    formats::ALL
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join("|")
}
