//! The HTML tokenizer: tags with decoded attributes, text, raw text, comments and doctypes, each with its byte span.

use std::borrow::Cow;
use std::ops::Range;

use super::entities;

/// One attribute of a start tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr<'a> {
    /// The name, lowercased.
    pub name: Cow<'a, str>,
    /// The value with character references decoded (empty when the attribute has none).
    pub value: Cow<'a, str>,
}

/// A piece of HTML. `start..end` is its byte span in the input: every byte of the input lies
/// in exactly one token's span, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// Text between tags, as written (character references not decoded).
    Text {
        /// Offset of the first byte.
        start: usize,
        /// Offset after the last byte.
        end: usize,
    },
    /// The content of a raw-text element (`script`, `style`, `textarea`, ...).
    RawText {
        /// Offset of the first byte.
        start: usize,
        /// Offset after the last byte.
        end: usize,
    },
    /// A start tag.
    Start {
        /// The element name, lowercased.
        name: Cow<'a, str>,
        /// Its attributes in order, duplicates included.
        attrs: Vec<Attr<'a>>,
        /// Whether the tag ends with `/>`.
        self_closing: bool,
        /// Offset of `<`.
        start: usize,
        /// Offset after `>`.
        end: usize,
    },
    /// An end tag (its attributes, which HTML ignores, are skipped).
    End {
        /// The element name, lowercased.
        name: Cow<'a, str>,
        /// Offset of `<`.
        start: usize,
        /// Offset after `>`.
        end: usize,
    },
    /// `<!-- data -->` (an unclosed comment runs to the end of the input).
    Comment {
        /// Offset of `<!--`.
        start: usize,
        /// Offset after `-->`.
        end: usize,
        /// What lies between `<!--` and `-->`, as written.
        data: &'a str,
    },
    /// `<!doctype ...>`.
    Doctype {
        /// Offset of `<!`.
        start: usize,
        /// Offset after `>`.
        end: usize,
    },
    /// CDATA, a processing instruction, a bogus comment (`<!x>`, `</ x>`), or a tag the input
    /// ends inside of.
    Other {
        /// Offset of `<`.
        start: usize,
        /// Offset after its end.
        end: usize,
    },
}

impl Token<'_> {
    /// The token's byte span in the input.
    pub fn span(&self) -> Range<usize> {
        match *self {
            Token::Text { start, end }
            | Token::RawText { start, end }
            | Token::Start { start, end, .. }
            | Token::End { start, end, .. }
            | Token::Comment { start, end, .. }
            | Token::Doctype { start, end }
            | Token::Other { start, end } => start..end,
        }
    }
}

/// Elements whose content is not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Splits HTML into [`Token`]s, each with its byte span, in one forward pass.
///
/// It knows raw-text elements (`script`, `style`, `textarea`, `title`, `iframe`, `noscript`, ...:
/// their content is one [`Token::RawText`]), quoted and unquoted attributes, comments, CDATA,
/// doctypes and processing instructions. It builds no tree: implied end tags are the reader's.
/// Input ending inside a tag gives [`Token::Other`] up to the end.
///
/// ```
/// use adslot::formats::html::tokenizer::{Token, Tokenizer};
/// let src = "<!-- wp:paragraph --><P class=x>Hi</p><!-- /wp:paragraph -->";
/// let tokens: Vec<Token> = Tokenizer::new(src).collect();
/// match &tokens[0] {
///     Token::Comment { start, end, data } => {
///         assert_eq!((*start, *end, *data), (0, 21, " wp:paragraph "));
///     }
///     t => panic!("{t:?}"),
/// }
/// match &tokens[1] {
///     Token::Start { name, attrs, .. } => {
///         assert_eq!((&**name, &*attrs[0].name, &*attrs[0].value), ("p", "class", "x"));
///     }
///     t => panic!("{t:?}"),
/// }
/// assert_eq!(tokens[2].span(), 32..34);
/// assert!(matches!(tokens[4], Token::Comment { data: " /wp:paragraph ", .. }));
/// ```
pub struct Tokenizer<'a> {
    text: &'a str,
    pos: usize,
    /// Set after a raw-text element's start tag: its content runs to `</name`.
    raw: Option<&'static str>,
}

pub(super) fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer at the start of `text`.
    pub fn new(text: &'a str) -> Tokenizer<'a> {
        Tokenizer {
            text,
            pos: 0,
            raw: None,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// Offset of `needle` at or after `from`, or the end of the text.
    fn find_from(&self, from: usize, needle: &str) -> Option<usize> {
        self.text.get(from..)?.find(needle).map(|i| from + i)
    }

    /// Where the raw text of `name` that starts at `from` ends: at `</name` + delimiter.
    fn raw_end(&self, from: usize, name: &str) -> usize {
        if name == "plaintext" {
            return self.text.len();
        }
        let b = self.bytes();
        let mut p = from;
        while let Some(q) = self.find_from(p, "</") {
            let after = q + 2 + name.len();
            let named = b
                .get(q + 2..after)
                .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()));
            if named
                && b.get(after)
                    .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
            {
                return q;
            }
            p = q + 2;
        }
        self.text.len()
    }

    /// Parses attributes from `i` to the tag's `>`; returns them, self-closing, and the end.
    /// `None` when the input ends inside the tag.
    fn attributes(&self, mut i: usize, keep: bool) -> Option<(Vec<Attr<'a>>, bool, usize)> {
        let b = self.bytes();
        let mut attrs = Vec::new();
        loop {
            let mut self_closing = false;
            while let Some(&c) = b.get(i) {
                if c == b'/' {
                    self_closing = b.get(i + 1) == Some(&b'>');
                    i += 1;
                } else if is_space(c) {
                    i += 1;
                } else {
                    break;
                }
            }
            match b.get(i) {
                None => return None,
                Some(b'>') => return Some((attrs, self_closing, i + 1)),
                Some(_) => {}
            }
            let name_start = i;
            if b.get(i) == Some(&b'=') {
                i += 1;
            }
            while b
                .get(i)
                .is_some_and(|&c| !is_space(c) && !matches!(c, b'/' | b'>' | b'='))
            {
                i += 1;
            }
            let name = self.text.get(name_start..i).unwrap_or("");
            while b.get(i).is_some_and(|&c| is_space(c)) {
                i += 1;
            }
            let mut value = "";
            if b.get(i) == Some(&b'=') {
                i += 1;
                while b.get(i).is_some_and(|&c| is_space(c)) {
                    i += 1;
                }
                match b.get(i) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let quote = if q == b'"' { "\"" } else { "'" };
                        let close = self.find_from(i + 1, quote)?;
                        value = self.text.get(i + 1..close).unwrap_or("");
                        i = close + 1;
                    }
                    Some(_) => {
                        let s = i;
                        while b.get(i).is_some_and(|&c| !is_space(c) && c != b'>') {
                            i += 1;
                        }
                        value = self.text.get(s..i).unwrap_or("");
                    }
                    None => return None,
                }
            }
            if keep {
                attrs.push(Attr {
                    name: lower(name),
                    value: entities::decode(value),
                });
            }
        }
    }

    /// A `<` that starts no tag is text, up to the next `<`.
    fn lone_lt(&mut self, start: usize) -> Token<'a> {
        let end = self.find_from(start + 1, "<").unwrap_or(self.text.len());
        self.pos = end;
        Token::Text { start, end }
    }

    fn tag_name_end(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut i = from;
        while b
            .get(i)
            .is_some_and(|&c| !is_space(c) && c != b'/' && c != b'>')
        {
            i += 1;
        }
        i
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let len = self.text.len();
        if self.pos >= len {
            return None;
        }
        let start = self.pos;
        if let Some(name) = self.raw.take() {
            let end = self.raw_end(start, name);
            if end > start {
                self.pos = end;
                return Some(Token::RawText { start, end });
            }
        }
        let b = self.bytes();
        if b[start] != b'<' {
            let end = self.find_from(start, "<").unwrap_or(len);
            self.pos = end;
            return Some(Token::Text { start, end });
        }
        // Moves past the first `needle` at or after `from` (or to the end); the span so far.
        let until = |t: &mut Self, from: usize, needle: &str| {
            t.pos = t.find_from(from, needle).map_or(len, |i| i + needle.len());
            (start, t.pos)
        };
        let other = |(start, end)| Token::Other { start, end };
        Some(match b.get(start + 1) {
            Some(b'!') => {
                let rest = &b[start..];
                if rest.starts_with(b"<!--") {
                    // `<!-->` and `<!--->` are empty comments, as browsers read them.
                    let (data_end, end) = if rest[4..].starts_with(b">") {
                        (start + 4, start + 5)
                    } else if rest[4..].starts_with(b"->") {
                        (start + 4, start + 6)
                    } else {
                        match self.find_from(start + 4, "-->") {
                            Some(i) => (i, i + 3),
                            None => (len, len),
                        }
                    };
                    self.pos = end;
                    let data = self.text.get(start + 4..data_end).unwrap_or("");
                    Token::Comment { start, end, data }
                } else if rest.starts_with(b"<![CDATA[") {
                    other(until(self, start + 9, "]]>"))
                } else if rest
                    .get(2..9)
                    .is_some_and(|s| s.eq_ignore_ascii_case(b"doctype"))
                {
                    let (start, end) = until(self, start + 2, ">");
                    Token::Doctype { start, end }
                } else {
                    other(until(self, start + 2, ">"))
                }
            }
            Some(b'?') => other(until(self, start + 2, ">")),
            Some(b'/') => match b.get(start + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let name_end = self.tag_name_end(start + 2);
                    let name = lower(self.text.get(start + 2..name_end).unwrap_or(""));
                    match self.attributes(name_end, false) {
                        Some((_, _, end)) => {
                            self.pos = end;
                            Token::End { name, start, end }
                        }
                        None => {
                            self.pos = len;
                            other((start, len))
                        }
                    }
                }
                Some(b'>') => {
                    self.pos = start + 3;
                    other((start, start + 3))
                }
                Some(_) => other(until(self, start + 2, ">")),
                None => self.lone_lt(start),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = self.tag_name_end(start + 1);
                let name = lower(self.text.get(start + 1..name_end).unwrap_or(""));
                match self.attributes(name_end, true) {
                    Some((attrs, self_closing, end)) => {
                        self.pos = end;
                        self.raw = RAW_TEXT.iter().find(|&&r| r == name).copied();
                        Token::Start {
                            name,
                            attrs,
                            self_closing,
                            start,
                            end,
                        }
                    }
                    None => {
                        self.pos = len;
                        other((start, len))
                    }
                }
            }
            _ => self.lone_lt(start),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(src: &str) -> Vec<Range<usize>> {
        Tokenizer::new(src).map(|t| t.span()).collect()
    }

    #[test]
    fn spans_cover_the_input_in_order() {
        for src in [
            "a<b c=d>e</b >",
            "<!--x--><!----><!-->t<!--->",
            "<!doctype html><?xml x?><![CDATA[c]]></>< a<",
            "<script>if (a<b) {}</script>x",
            "<!-- unclosed",
            "<p a='unclosed",
        ] {
            let s = spans(src);
            assert_eq!(s.first().map(|r| r.start), Some(0), "{src}");
            assert_eq!(s.last().map(|r| r.end), Some(src.len()), "{src}");
            assert!(s.windows(2).all(|w| w[0].end == w[1].start), "{src}: {s:?}");
        }
    }

    #[test]
    fn comments_keep_their_data() {
        let data: Vec<_> = Tokenizer::new("<!--a--><!----><!-->x<!-- b")
            .filter_map(|t| match t {
                Token::Comment { data, .. } => Some(data),
                _ => None,
            })
            .collect();
        assert_eq!(data, ["a", "", "", " b"]);
    }

    #[test]
    fn raw_text_is_one_token() {
        let t: Vec<_> = Tokenizer::new("<style>p<q</style>").collect();
        assert_eq!(t[1], Token::RawText { start: 7, end: 10 });
        assert!(matches!(&t[2], Token::End { name, .. } if name == "style"));
    }
}
