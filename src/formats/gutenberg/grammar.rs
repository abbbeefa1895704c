//! The WordPress block grammar: block delimiters found as WordPress's own tokenizer finds them, nested as its parser nests them.
//!
//! WordPress (`parse_blocks`, in PHP and JavaScript alike) finds delimiters with one regular
//! expression over the raw text, not with an HTML parser: a `<!-- wp:... -->` inside a
//! `<script>`, a `<textarea>`, an attribute value or another comment is a delimiter to it, and
//! attributes may hold `-->` (its JSON runs to the first `}` that whitespace, an optional `/`
//! and `-->` follow). This module matches that expression at each `<!--` of the text, so that
//! the blocks it reads are the blocks WordPress will see when slots are written in.

use std::ops::Range;

/// A block comment: `<!-- wp:name {attrs} -->`, `<!-- wp:name /-->` or `<!-- /wp:name -->`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Delimiter<'a> {
    /// The block name with its namespace (`core/` when none is written).
    pub(super) name: String,
    /// The attributes' JSON as written, if any.
    pub(super) attrs: Option<&'a str>,
    /// `<!-- /wp:... -->`.
    pub(super) closer: bool,
    /// `<!-- wp:... /-->`: a block without content.
    pub(super) void: bool,
    /// The comment's span.
    pub(super) span: Range<usize>,
}

/// The delimiter starting at `at` (a `<!--` of `text`), as WordPress's expression
/// `<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+({...}\s+)?(\/)?-->` matches it.
pub(super) fn delimiter_at(text: &str, at: usize) -> Option<Delimiter<'_>> {
    let (closer, name, after_name) = head(text, at)?;
    // `(\/)?-->` at the start of `s`: whether it is void, and the delimiter's end.
    let close = |s: &str| -> Option<(bool, usize)> {
        let (void, s2) = match s.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let end = text.len() - s2.strip_prefix("-->")?.len();
        Some((void, end))
    };
    let found = |attrs, (void, end)| Delimiter {
        name: name.clone(),
        attrs,
        closer,
        void,
        span: at..end,
    };
    if after_name.starts_with('{') {
        // The object runs to the first `}` that whitespace, an optional `/` and `-->` follow.
        let mut from = 0;
        while let Some(i) = after_name[from..].find('}').map(|i| from + i) {
            let tail = &after_name[i + 1..];
            let spaced = tail.trim_start();
            if spaced.len() < tail.len() {
                if let Some(c) = close(spaced) {
                    return Some(found(Some(&after_name[..=i]), c));
                }
            }
            from = i + 1;
        }
    }
    close(after_name).map(|c| found(None, c))
}

/// The start of a delimiter at `at`, `<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+`:
/// whether it is a closer, the namespaced name, and what follows the whitespace after it.
fn head(text: &str, at: usize) -> Option<(bool, String, &str)> {
    let after_open = text.get(at..)?.strip_prefix("<!--")?;
    let rest = after_open.trim_start();
    if rest.len() == after_open.len() {
        return None;
    }
    let (closer, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let rest = rest.strip_prefix("wp:")?;
    let (first, rest) = ident(rest)?;
    let (name, rest) = match rest.strip_prefix('/') {
        Some(r) => {
            let (second, r) = ident(r)?;
            (format!("{first}/{second}"), r)
        }
        None => (format!("core/{first}"), rest),
    };
    let after_name = rest.trim_start();
    if after_name.len() == rest.len() {
        return None;
    }
    Some((closer, name, after_name))
}

/// Whether a delimiter starts at `at` whose attributes never end: `<!-- wp:name {` with no `}`
/// after it that whitespace, an optional `/` and `-->` follow. It is no delimiter in the text
/// as it is, but the first such `}` written after it (a dynamic slot block's `} /-->`) would
/// end it, and WordPress would read everything up to there as one delimiter.
fn attrs_never_end(text: &str, at: usize) -> bool {
    head(text, at).is_some_and(|(_, _, after)| after.starts_with('{'))
}

/// `[a-z][a-z0-9_-]*` at the start of `s`, and what follows it.
fn ident(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_lowercase) {
        return None;
    }
    let end = b
        .iter()
        .position(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-'))
        .unwrap_or(b.len());
    Some((&s[..end], &s[end..]))
}

/// A block as WordPress's parser builds it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ParsedBlock<'a> {
    /// Its name, namespaced (`core/paragraph`).
    pub(super) name: String,
    /// Its attributes' JSON as written.
    pub(super) attrs: Option<&'a str>,
    /// From its opener's `<` to its closer's `>` (the opener alone for a void block; the end
    /// of the input for a block never closed).
    pub(super) span: Range<usize>,
    /// Between its opener and its closer: its HTML, inner blocks' comments included.
    pub(super) inner: Range<usize>,
    /// Whether the content ended before its closer (WordPress closes it there).
    pub(super) unclosed: bool,
    /// Its inner blocks.
    pub(super) children: Vec<ParsedBlock<'a>>,
}

/// What post content holds at its top level: blocks, and freeform HTML between them (classic
/// content, or only the line breaks between blocks).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Item<'a> {
    /// A top-level block.
    Block(ParsedBlock<'a>),
    /// HTML outside any block.
    Freeform(Range<usize>),
    /// Everything from a closer that closes no block on: WordPress stops parsing there, so
    /// this is freeform it never looks into (a block comment in it is no block).
    Unparsed(Range<usize>),
    /// Where a delimiter starts whose attributes never end (see [`attrs_never_end`]): text
    /// for WordPress, inside the block or freeform around it, until something written after
    /// it ends the attributes. Nothing may be written after it.
    Unended(usize),
}

struct Frame<'a> {
    block: ParsedBlock<'a>,
    /// Where the freeform HTML before a top-level block started.
    leading: usize,
}

/// The top level of `text` as WordPress's block parser (`parse_blocks`) reads it: a closer
/// closes the innermost open block whatever its name; a closer with no block open ends the
/// parse, leaving the rest freeform; blocks still open at the end close there.
pub(super) fn parse(text: &str) -> Vec<Item<'_>> {
    let mut items = Vec::new();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut offset = 0;
    let freeform = |items: &mut Vec<Item<'_>>, range: Range<usize>| {
        if !range.is_empty() {
            items.push(Item::Freeform(range));
        }
    };
    let mut search = 0;
    while let Some(start) =
        memchr::memmem::find(&text.as_bytes()[search..], b"<!--").map(|i| search + i)
    {
        let Some(d) = delimiter_at(text, start) else {
            if attrs_never_end(text, start) {
                items.push(Item::Unended(start));
            }
            search = start + 1;
            continue;
        };
        let end = d.span.end;
        search = end;
        if d.void && !d.closer {
            let block = ParsedBlock {
                name: d.name,
                attrs: d.attrs,
                span: start..end,
                inner: end..end,
                unclosed: false,
                children: Vec::new(),
            };
            match stack.last_mut() {
                Some(parent) => parent.block.children.push(block),
                None => {
                    freeform(&mut items, offset..start);
                    items.push(Item::Block(block));
                }
            }
            offset = end;
        } else if !d.closer {
            stack.push(Frame {
                block: ParsedBlock {
                    name: d.name,
                    attrs: d.attrs,
                    span: start..end,
                    inner: end..end,
                    unclosed: false,
                    children: Vec::new(),
                },
                leading: offset,
            });
            offset = end;
        } else {
            let Some(mut frame) = stack.pop() else {
                // A closer without an opener: WordPress gives up, and the rest is freeform
                // that it does not parse.
                items.push(Item::Unparsed(offset..text.len()));
                return items;
            };
            frame.block.span.end = end;
            frame.block.inner.end = start;
            match stack.last_mut() {
                Some(parent) => parent.block.children.push(frame.block),
                None => {
                    freeform(&mut items, frame.leading..frame.block.span.start);
                    items.push(Item::Block(frame.block));
                }
            }
            offset = end;
        }
    }
    // Blocks left open close at the end, inside each other.
    while let Some(mut frame) = stack.pop() {
        frame.block.span.end = text.len();
        frame.block.inner.end = text.len();
        frame.block.unclosed = true;
        match stack.last_mut() {
            Some(parent) => parent.block.children.push(frame.block),
            None => {
                freeform(&mut items, frame.leading..frame.block.span.start);
                items.push(Item::Block(frame.block));
                offset = text.len();
            }
        }
    }
    freeform(&mut items, offset..text.len());
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(data: &str) -> Option<(String, Option<String>, bool, bool)> {
        let text = format!("<!--{data}-->x");
        delimiter_at(&text, 0).map(|d| {
            assert_eq!(d.span, 0..text.len() - 1);
            (d.name, d.attrs.map(str::to_string), d.closer, d.void)
        })
    }

    #[test]
    fn delimiters_as_wordpress_reads_them() {
        assert_eq!(
            d(" wp:paragraph "),
            Some(("core/paragraph".into(), None, false, false))
        );
        assert_eq!(
            d(" /wp:paragraph "),
            Some(("core/paragraph".into(), None, true, false))
        );
        assert_eq!(
            d(" wp:image {\"id\":7,\"a\":{\"b\":1}} "),
            Some((
                "core/image".into(),
                Some("{\"id\":7,\"a\":{\"b\":1}}".into()),
                false,
                false
            ))
        );
        assert_eq!(
            d(" wp:jetpack/slideshow {\"ids\":[1]} /"),
            Some((
                "jetpack/slideshow".into(),
                Some("{\"ids\":[1]}".into()),
                false,
                true
            ))
        );
        assert_eq!(
            d(" wp:spacer /"),
            Some(("core/spacer".into(), None, false, true))
        );
        assert_eq!(
            d("\n\twp:more\n"),
            Some(("core/more".into(), None, false, false))
        );
        // Attributes may hold `-->`: they run to a `}` that ` -->` follows.
        let text = "<!-- wp:p {\"a\":\"-->\"} -->";
        assert_eq!(delimiter_at(text, 0).map(|d| d.span.end), Some(text.len()));
        for not in [
            "wp:paragraph ",
            " wp:paragraph",
            " wp:Paragraph ",
            " wp:1p ",
            " wp:p {x ",
            " wp:p {}/",
            " wp:p x ",
            " wp: ",
            " more ",
        ] {
            assert_eq!(d(not), None, "{not:?}");
        }
    }

    fn shape(text: &str) -> Vec<String> {
        fn one(b: &ParsedBlock<'_>, text: &str) -> String {
            let kids: Vec<String> = b.children.iter().map(|c| one(c, text)).collect();
            format!(
                "{}{:?}[{}]",
                b.name,
                &text[b.inner.clone()].trim(),
                kids.join(",")
            )
        }
        parse(text)
            .iter()
            .map(|i| match i {
                Item::Block(b) => one(b, text),
                Item::Freeform(r) => format!("free{:?}", &text[r.clone()]),
                Item::Unparsed(r) => format!("rest{:?}", &text[r.clone()]),
                Item::Unended(at) => format!("unended@{at}"),
            })
            .collect()
    }

    #[test]
    fn blocks_nest_and_freeform_lies_between() {
        let post = "<p>classic</p>\n<!-- wp:columns --><div><!-- wp:column --><p>a</p><!-- /wp:column --><!-- wp:image /--></div><!-- /wp:columns -->\n\n<!-- wp:separator /-->";
        assert_eq!(
            shape(post),
            [
                "free\"<p>classic</p>\\n\"",
                "core/columns\"<div><!-- wp:column --><p>a</p><!-- /wp:column --><!-- wp:image /--></div>\"[core/column\"<p>a</p>\"[],core/image\"\"[]]",
                "free\"\\n\\n\"",
                "core/separator\"\"[]",
            ]
        );
    }

    #[test]
    fn broken_nesting_is_read_as_wordpress_reads_it() {
        // A closer closes the innermost block, whatever its name.
        assert_eq!(
            shape("<!-- wp:quote -->q<!-- /wp:paragraph -->"),
            ["core/quote\"q\"[]"]
        );
        // A closer with nothing open: the rest is freeform, blocks after it included.
        assert_eq!(
            shape("<!-- /wp:paragraph --><!-- wp:paragraph -->p<!-- /wp:paragraph -->"),
            ["rest\"<!-- /wp:paragraph --><!-- wp:paragraph -->p<!-- /wp:paragraph -->\""]
        );
        // Open at the end: closed there.
        assert_eq!(
            shape("<!-- wp:group --><!-- wp:paragraph -->p"),
            ["core/group\"<!-- wp:paragraph -->p\"[core/paragraph\"p\"[]]"]
        );
        // An opener whose attributes never end is text, and is marked.
        assert_eq!(
            shape("<!-- wp:paragraph -->p<!-- wp:x {\"a\":1 --><!-- /wp:paragraph -->"),
            [
                "unended@22",
                "core/paragraph\"p<!-- wp:x {\\\"a\\\":1 -->\"[]"
            ]
        );
        // As WordPress finds them: in a script or an attribute value too.
        assert_eq!(
            shape("<script>'<!-- wp:p /-->'</script>"),
            ["free\"<script>'\"", "core/p\"\"[]", "free\"'</script>\""]
        );
    }
}
