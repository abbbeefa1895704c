//! Which encoding an input's bytes are in: byte order marks, encoding labels, and the WHATWG `<meta charset>` prescan.

use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// The encoding a byte order mark at the start of `bytes` names (UTF-8, UTF-16LE or
/// UTF-16BE), with the mark's length.
///
/// ```
/// use adslot::source::sniff_bom;
/// assert_eq!(sniff_bom(b"\xFF\xFE<\x00").map(|(e, n)| (e.name(), n)), Some(("UTF-16LE", 2)));
/// assert_eq!(sniff_bom(b"<p>"), None);
/// ```
pub fn sniff_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// The canonical names of the WHATWG encodings, for suggestions.
const NAMES: &[&str] = &[
    "utf-8",
    "ibm866",
    "iso-8859-2",
    "iso-8859-3",
    "iso-8859-4",
    "iso-8859-5",
    "iso-8859-6",
    "iso-8859-7",
    "iso-8859-8",
    "iso-8859-8-i",
    "iso-8859-10",
    "iso-8859-13",
    "iso-8859-14",
    "iso-8859-15",
    "iso-8859-16",
    "koi8-r",
    "koi8-u",
    "macintosh",
    "windows-874",
    "windows-1250",
    "windows-1251",
    "windows-1252",
    "windows-1253",
    "windows-1254",
    "windows-1255",
    "windows-1256",
    "windows-1257",
    "windows-1258",
    "x-mac-cyrillic",
    "gbk",
    "gb18030",
    "big5",
    "euc-jp",
    "iso-2022-jp",
    "shift_jis",
    "euc-kr",
    "utf-16be",
    "utf-16le",
    "x-user-defined",
    "latin1",
    "iso-8859-1",
    "gb2312",
    "sjis",
    "ascii",
    "utf8",
];

/// Why an encoding label cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LabelError {
    /// No encoding has this label.
    #[error("unknown encoding `{label}`{}", crate::suggest::did_you_mean(*.near).map(|h| format!(" ({h})")).unwrap_or_default())]
    Unknown {
        /// The label as given.
        label: String,
        /// The nearest known label, if one is close.
        near: Option<&'static str>,
    },
    /// The label names an encoding browsers refuse to decode (ISO-2022-KR, HZ-GB-2312,
    /// ISO-2022-CN...: the WHATWG "replacement" encoding turns the whole input into one U+FFFD).
    #[error("the encoding `{label}` is not decoded by browsers (it maps to the WHATWG replacement encoding); convert the file to UTF-8")]
    Replacement {
        /// The label as given.
        label: String,
    },
}

/// The encoding a label names, as the WHATWG Encoding Standard maps labels (`latin1` and
/// `iso-8859-1` are windows-1252, `gb2312` is GBK, `sjis` is Shift_JIS; case and surrounding
/// whitespace do not matter).
///
/// ```
/// use adslot::source::encoding_for_label;
/// assert_eq!(encoding_for_label("Shift_JIS").unwrap().name(), "Shift_JIS");
/// assert_eq!(encoding_for_label(" latin1 ").unwrap().name(), "windows-1252");
/// assert_eq!(encoding_for_label("gb2312").unwrap().name(), "GBK");
/// let e = encoding_for_label("shiftjis").unwrap_err();
/// assert_eq!(e.to_string(), "unknown encoding `shiftjis` (did you mean `shift_jis`?)");
/// assert!(encoding_for_label("iso-2022-kr").is_err());
/// ```
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, LabelError> {
    match Encoding::for_label(label.as_bytes()) {
        Some(e) if e == REPLACEMENT => Err(LabelError::Replacement {
            label: label.to_string(),
        }),
        Some(e) => Ok(e),
        None => Err(LabelError::Unknown {
            label: label.to_string(),
            near: crate::suggest::nearest(
                &label.trim().to_ascii_lowercase(),
                NAMES.iter().copied(),
            ),
        }),
    }
}

/// What the WHATWG prescan found: the encoding a `<meta>` declares, its label as written and
/// the byte offset of the `<meta`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Declared {
    /// The encoding to decode with (a declared UTF-16 means UTF-8 and `x-user-defined` means
    /// windows-1252, as the prescan rules say: a page that can be prescanned is not UTF-16).
    pub encoding: &'static Encoding,
    /// Whether the label names the replacement encoding (the input cannot be decoded).
    pub replacement: bool,
    /// Byte offset of the `<meta` that declares it.
    pub offset: usize,
}

/// How many bytes the prescan looks at first, as the HTML standard suggests.
pub const PRESCAN_BYTES: usize = 1024;

/// The encoding an HTML document declares with `<meta charset>` or `<meta http-equiv=
/// "Content-Type" content="...; charset=...">`: the HTML standard's "prescan a byte stream to
/// determine its encoding" over the first [`PRESCAN_BYTES`] bytes. When those hold no
/// declaration, the rest of the head is scanned the same way (up to `<body`), as a browser's
/// parser changes the encoding when it meets a late `<meta charset>` in the head.
///
/// ```
/// use adslot::source::prescan_meta;
/// let page = b"<!doctype html><!-- <meta charset=koi8-r> --><META http-equiv=content-type content='text/html;charset=Shift_JIS'>";
/// assert_eq!(prescan_meta(page).unwrap().encoding.name(), "Shift_JIS");
/// assert_eq!(prescan_meta(b"<meta charset=utf-16le>").unwrap().encoding.name(), "UTF-8");
/// assert!(prescan_meta(b"<meta content='charset=gbk'>").is_none()); // no http-equiv
/// ```
pub fn prescan_meta(bytes: &[u8]) -> Option<Declared> {
    let window = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    if let Some(found) = prescan(window, false) {
        return Some(found);
    }
    if bytes.len() > PRESCAN_BYTES {
        return prescan(bytes, true);
    }
    None
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn starts_with_ci(bytes: &[u8], at: usize, prefix: &[u8]) -> bool {
    bytes
        .get(at..at + prefix.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(prefix))
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

/// The prescan over `b`; with `stop_at_body`, it ends at a `<body` start tag.
fn prescan(b: &[u8], stop_at_body: bool) -> Option<Declared> {
    let mut pos = 0;
    while pos < b.len() {
        if b[pos..].starts_with(b"<!--") {
            // To the `>` of the first `-->` after `<!`: `<!-->` is a whole comment.
            pos = find(b, pos + 2, b"-->")? + 3;
            continue;
        }
        if starts_with_ci(b, pos, b"<meta")
            && b.get(pos + 5).is_some_and(|&c| is_space(c) || c == b'/')
        {
            let start = pos;
            pos += 5;
            if let Some(found) = meta(b, &mut pos, start)? {
                return Some(found);
            }
            continue;
        }
        let letter_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
        if b[pos] == b'<'
            && (letter_at(pos + 1) || (b.get(pos + 1) == Some(&b'/') && letter_at(pos + 2)))
        {
            if stop_at_body
                && starts_with_ci(b, pos, b"<body")
                && b.get(pos + 5)
                    .is_none_or(|&c| is_space(c) || c == b'>' || c == b'/')
            {
                return None;
            }
            while b.get(pos).is_some_and(|&c| !is_space(c) && c != b'>') {
                pos += 1;
            }
            while attribute(b, &mut pos)?.is_some() {}
            pos += 1;
            continue;
        }
        if b[pos..].starts_with(b"<!") || b[pos..].starts_with(b"</") || b[pos..].starts_with(b"<?")
        {
            pos = find(b, pos + 1, b">")? + 1;
            continue;
        }
        pos += 1;
    }
    None
}

/// The attributes of a `<meta` (`pos` after its name): the declaration, if it makes one.
/// `None` when the input ends inside the tag.
fn meta(b: &[u8], pos: &mut usize, start: usize) -> Option<Option<Declared>> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<&'static Encoding> = None;
    while let Some((name, value)) = attribute(b, pos)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value.as_slice() == b"content-type",
            b"content" if charset.is_none() => {
                if let Some(label) = charset_in_content(&value) {
                    charset = Encoding::for_label(label);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Encoding::for_label(&value);
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    *pos += 1;
    let found = match (need_pragma, charset) {
        (None, _) | (_, None) => None,
        (Some(true), _) if !got_pragma => None,
        (Some(_), Some(e)) => Some(e),
    };
    Some(found.map(|e| Declared {
        encoding: if e == UTF_16BE || e == UTF_16LE {
            UTF_8
        } else if e == X_USER_DEFINED {
            WINDOWS_1252
        } else {
            e
        },
        replacement: e == REPLACEMENT,
        offset: start,
    }))
}

/// The HTML standard's "get an attribute" at `pos`: `Some(None)` at the tag's `>`, `None` when
/// the input ends first. Names and values are lowercased.
#[allow(clippy::type_complexity)]
fn attribute(b: &[u8], pos: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    while b.get(*pos).is_some_and(|&c| is_space(c) || c == b'/') {
        *pos += 1;
    }
    if *b.get(*pos)? == b'>' {
        return Some(None);
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    loop {
        let c = *b.get(*pos)?;
        if c == b'=' && !name.is_empty() {
            *pos += 1;
            break;
        }
        if is_space(c) {
            while b.get(*pos).is_some_and(|&c| is_space(c)) {
                *pos += 1;
            }
            if *b.get(*pos)? != b'=' {
                return Some(Some((name, value)));
            }
            *pos += 1;
            break;
        }
        if c == b'/' || c == b'>' {
            return Some(Some((name, value)));
        }
        name.push(c.to_ascii_lowercase());
        *pos += 1;
    }
    while b.get(*pos).is_some_and(|&c| is_space(c)) {
        *pos += 1;
    }
    let c = *b.get(*pos)?;
    if c == b'"' || c == b'\'' {
        loop {
            *pos += 1;
            let d = *b.get(*pos)?;
            if d == c {
                *pos += 1;
                return Some(Some((name, value)));
            }
            value.push(d.to_ascii_lowercase());
        }
    }
    if c == b'>' {
        return Some(Some((name, value)));
    }
    loop {
        let d = *b.get(*pos)?;
        if is_space(d) || d == b'>' {
            return Some(Some((name, value)));
        }
        value.push(d.to_ascii_lowercase());
        *pos += 1;
    }
}

/// The HTML standard's "extracting a character encoding from a meta element": the label
/// after `charset=` in a `content` value.
fn charset_in_content(v: &[u8]) -> Option<&[u8]> {
    let mut pos = 0;
    loop {
        pos = find(v, pos, b"charset")? + 7;
        while v.get(pos).is_some_and(|&c| is_space(c)) {
            pos += 1;
        }
        if v.get(pos) != Some(&b'=') {
            continue;
        }
        pos += 1;
        while v.get(pos).is_some_and(|&c| is_space(c)) {
            pos += 1;
        }
        return match *v.get(pos)? {
            q @ (b'"' | b'\'') => {
                let end = v[pos + 1..].iter().position(|&c| c == q)?;
                Some(&v[pos + 1..pos + 1 + end])
            }
            _ => {
                let end = v[pos..]
                    .iter()
                    .position(|&c| is_space(c) || c == b';')
                    .map_or(v.len(), |i| pos + i);
                Some(&v[pos..end])
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> Option<&'static str> {
        prescan_meta(bytes).map(|d| d.encoding.name())
    }

    #[test]
    fn the_standard_prescan() {
        for (page, want) in [
            (
                &b"<meta charset=\"windows-1252\">"[..],
                Some("windows-1252"),
            ),
            (b"<meta charset=gb2312>", Some("GBK")),
            (b"<meta charset='ISO-8859-1'/>", Some("windows-1252")),
            (b"<meta charset=x-user-defined>", Some("windows-1252")),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-jp\">",
                Some("EUC-JP"),
            ),
            (
                b"<meta content=\"text/html; charset = 'big5'\" http-equiv=content-type>",
                Some("Big5"),
            ),
            // A second attribute of one name is ignored; an unknown label is no declaration.
            (b"<meta charset=koi8-r charset=gbk>", Some("KOI8-R")),
            (b"<meta charset=nonsense><meta charset=gbk>", Some("GBK")),
            // Inside comments, other tags' attributes and bogus comments: nothing.
            (b"<!-- <meta charset=gbk> -->", None),
            (b"<!--><meta charset=gbk>", Some("GBK")),
            (b"<div title='<meta charset=gbk>'>", None),
            (b"<!x <meta charset=gbk>><p>", None),
            (b"<metax charset=gbk>", None),
            (b"<meta charset=gbk", None),
            (b"", None),
        ] {
            assert_eq!(name(page), want, "{}", String::from_utf8_lossy(page));
        }
    }

    #[test]
    fn a_late_declaration_in_the_head_counts_and_one_in_the_body_does_not() {
        let pad = "<!-- ".to_string() + &"x".repeat(2000) + " -->";
        let head = format!("<html><head>{pad}<meta charset=shift_jis></head><body></body>");
        assert_eq!(name(head.as_bytes()), Some("Shift_JIS"));
        let body = format!("<html><head>{pad}</head><body><meta charset=shift_jis></body>");
        assert_eq!(name(body.as_bytes()), None);
    }

    #[test]
    fn replacement_labels_are_reported() {
        let d = prescan_meta(b"<p><meta charset=iso-2022-kr>").unwrap();
        assert!(d.replacement);
        assert_eq!(d.offset, 3);
    }
}
