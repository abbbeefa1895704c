//! The Gutenberg format: WordPress post content in the block grammar, read by its top-level blocks, with slots written as blocks of their own.
//!
//! Post content is HTML with block comments: `<!-- wp:paragraph -->` ... `<!-- /wp:paragraph -->`,
//! self-closing `<!-- wp:latest-posts {"postsToShow":5} /-->`, blocks nested inside blocks, and
//! freeform HTML (classic content) between them. [`grammar`] reads the comments the HTML
//! tokenizer finds as WordPress's own parser (`parse_blocks`) reads its delimiters, broken
//! nesting included: delimiters are found as WordPress's regular expression finds them (also
//! where HTML would see no comment, such as inside a `<script>`), so the blocks read here are
//! the blocks WordPress sees once slots are written in.
//!
//! # Kinds
//!
//! Each **top-level** block is one article block, with the text the HTML reader finds in it:
//!
//! | block | kind |
//! |---|---|
//! | `core/paragraph` | `paragraph` (`image`/`embed` when it holds only that; none when empty) |
//! | `core/heading` | `heading`; a level-1 heading before any paragraph is the `headline` |
//! | `core/image`, `core/cover` | `image` (shape from `width`/`height`, else the `<img>`) |
//! | `core/gallery` | one `image`, shaped as its grid: `columns` of square tiles |
//! | `core/quote`, `core/pullquote` | `quote` |
//! | `core/list`, `core/table` | `list`, `table` |
//! | `core/embed` (and `core-embed/*`), `core/video`, `core/audio` | `embed` (shape from `wp-embed-aspect-W-H`; audio is a 54 px player) |
//! | `core/latest-posts`, `core/rss` | `headlines` |
//! | `core/columns`, `core/group`, `core/media-text`, `core/details`... | `other`: a container, never entered |
//! | `core/html`, `core/code`, `core/preformatted`, `core/buttons`, `core/shortcode`... | `other` |
//! | `core/spacer` | `other` of its `height` |
//! | `core/separator`, `core/more`, `core/nextpage` | none |
//! | `adslot/slot` (this engine's dynamic slot block) | `ad` |
//! | any other block | what its HTML is: one block keeps its kind, several make one `other` |
//!
//! An element matching `[html] existing_ad_selector` is an `ad` in any block. Freeform HTML
//! between blocks is read as HTML: its blocks are article blocks, with gaps where its HTML
//! nests no element (a gap inside a wrapper `<div>` would split the wrapper across two classic
//! blocks, so the blocks on each side of it are read as one).
//!
//! # Gaps and slots
//!
//! A gap lies before a top-level block's opening comment (or before a freeform block's start
//! tag), and the last gap after the last block. Broken content is read as WordPress reads it:
//! after a closer that closes no block WordPress stops parsing, so the rest is one block with no
//! gap inside or after it (the last gap is before it); a block the content ends inside of has no gap after it (the last gap is before
//! it); and no gap lies after an opener whose attributes never end (`<!-- wp:x {` with no `}
//! -->` after it), which a dynamic slot's `} /-->` would end. A slot is written there as a top-level block of
//! its own, chosen by `[gutenberg] slot_block`: a Custom HTML block holding the slot template
//! (`<!-- wp:html -->`, a line break, the template, a line break, `<!-- /wp:html -->`), or a
//! dynamic block `<!-- wp:adslot/slot {"slot":"inline","ordinal":1,"height":302} /-->` for a
//! site plugin to render. Blank lines separate it from its neighbours as WordPress's serializer
//! separates blocks, adding only the line endings that are missing. Removing each slot block
//! and the line endings written with it gives the input back byte for byte.

mod grammar;
mod kinds;

use std::ops::Range;

use super::collect::HeadlineRule;
use super::{html, Format, Likeness, Parsed, Slots, SourceMap};
use crate::article::{Article, Block, BlockKind};
use crate::error::Error;
use crate::formats::html::tokenizer::{Token, Tokenizer};
use crate::markup::template::SlotVars;
use crate::markup::{HtmlOptions, SlotBlock, VOID_ELEMENTS};
use crate::rules::Rules;

/// Gutenberg: recognised by block comments (`<!-- wp:`) in content that is not a whole HTML
/// document; slots are written as blocks of their own.
pub static FORMAT: Format = Format {
    name: "gutenberg",
    label: "Gutenberg",
    extensions: &["gutenberg", "wp"],
    sniff: looks_like_gutenberg,
    declared_encoding: None,
    read,
    slots: Some(Slots {
        render: render_slot,
        write: write_slot,
    }),
};

fn looks_like_gutenberg(text: &str) -> Likeness {
    let start = super::content_start(text).as_bytes();
    let whole = |prefix: &[u8]| {
        start
            .get(..prefix.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(prefix))
    };
    if whole(b"<!doctype") || whole(b"<html") {
        return Likeness::No;
    }
    let delimiter = memchr::memmem::find_iter(text.as_bytes(), b"<!--").any(|i| {
        let rest = text[i + 4..].trim_start();
        rest.starts_with("wp:") || rest.starts_with("/wp:")
    });
    if delimiter {
        Likeness::Clear
    } else {
        Likeness::No
    }
}

/// Reads an article from WordPress post content: one block per top-level block (see the
/// module's table of kinds), freeform HTML between blocks read as HTML.
///
/// ```
/// let post = "<!-- wp:paragraph -->\n<p>The council met.</p>\n<!-- /wp:paragraph -->\n\n\
///             <!-- wp:columns --><div class=\"wp-block-columns\"><!-- wp:column --><div><!-- wp:paragraph -->\n\
///             <p>Left.</p>\n<!-- /wp:paragraph --></div><!-- /wp:column --></div><!-- /wp:columns -->\n\n\
///             <!-- wp:separator /-->\n\n<!-- wp:image {\"width\":800,\"height\":400} -->\n\
///             <figure><img src=\"a.jpg\"/><figcaption>The hall.</figcaption></figure>\n<!-- /wp:image -->";
/// let doc = adslot::formats::gutenberg::read("post.wp", post, &Default::default())?;
/// let kinds: Vec<_> = doc.article.blocks.iter().map(|b| (b.kind.name(), b.text.as_str())).collect();
/// assert_eq!(kinds, [("paragraph", "The council met."), ("other", "Left."), ("image", "The hall.")]);
/// assert_eq!(doc.article.blocks[2].aspect, Some(2.0));
/// let gaps = doc.source_map.unwrap().gaps;
/// assert_eq!((gaps[1], gaps[3]), (post.find("<!-- wp:columns").unwrap(), post.len()));
/// # Ok::<(), adslot::Error>(())
/// ```
///
/// Errors: those of the HTML reader (nesting deeper than `opts.max_depth`), located in the
/// post content.
pub fn read(origin: &str, text: &str, opts: &HtmlOptions) -> Result<Parsed, Error> {
    let mut headline = HeadlineRule::default();
    let mut blocks = Vec::new();
    let mut gaps = Vec::new();
    let mut end = None;
    let mut unended = None;
    for item in grammar::parse(text) {
        match item {
            grammar::Item::Unended(at) => {
                unended = unended.or(Some(at));
            }
            grammar::Item::Block(b) => {
                let html = html::read_embedded(origin, text, b.inner.clone(), opts, &mut headline)?;
                let attrs = kinds::Attrs::parse(b.attrs);
                let role = kinds::role(&b.name);
                if let Some(block) = kinds::block(role, &attrs, b.children.len(), html) {
                    headline.saw(block.kind);
                    blocks.push(block);
                    gaps.push(b.span.start);
                    end = Some(b.span.end);
                }
                // A block the content ends inside of has no place after it, whether it made
                // a block or nothing (an empty paragraph): WordPress would read a slot written
                // at the end as one of its inner blocks.
                if b.unclosed {
                    end = Some(b.span.start);
                }
            }
            grammar::Item::Unparsed(range) => {
                // WordPress does not parse past a stray closer: one block, no gap inside.
                let html = html::read_embedded(origin, text, range.clone(), opts, &mut headline)?;
                if let Some(block) = kinds::block(None, &kinds::Attrs::default(), 0, html) {
                    if block.kind != BlockKind::Other || !block.text.is_empty() {
                        headline.saw(block.kind);
                        blocks.push(block);
                        gaps.push(range.start);
                    }
                }
                // Nor after it, block or not: a slot written at the end would be unparsed too.
                end = Some(range.start);
            }
            grammar::Item::Freeform(range) => {
                let blank = |c: char| c.is_whitespace() || c == '\u{feff}';
                if text[range.clone()].trim_matches(blank).is_empty() {
                    continue;
                }
                let (found, found_gaps) = html::read_embedded_with_gaps(
                    origin,
                    text,
                    range.clone(),
                    opts,
                    &mut headline,
                )?;
                if found.is_empty() {
                    continue;
                }
                let (found, found_gaps) = top_level(text, range, found, found_gaps);
                gaps.extend_from_slice(&found_gaps[..found.len()]);
                end = found_gaps.last().copied();
                blocks.extend(found);
            }
        }
    }
    gaps.push(end.unwrap_or(text.len()));
    if let Some(at) = unended {
        before_unended(at, &mut blocks, &mut gaps);
    }
    Ok(Parsed {
        article: Article::new(blocks),
        source_map: Some(SourceMap { gaps }),
    })
}

/// Keeps every gap at or before `at`, where a delimiter starts whose attributes never end: a
/// slot written after it would end them for WordPress (a dynamic slot's `} /-->` does), which
/// would read the slot, and all between, as one block comment. The blocks from the last gap
/// before `at` on are read as one, and the last gap is before them (at the start when no gap
/// comes before `at`).
fn before_unended(at: usize, blocks: &mut Vec<Block>, gaps: &mut Vec<usize>) {
    let n = blocks.len();
    let keep = gaps[..n].partition_point(|&g| g <= at);
    if keep == n && gaps[n] <= at {
        return;
    }
    let from = keep.saturating_sub(1);
    let rest = blocks.split_off(from.min(n));
    if !rest.is_empty() {
        blocks.push(merge(rest));
    }
    let start = if keep == 0 { 0 } else { gaps[from] };
    gaps.truncate(from);
    if !blocks.is_empty() {
        gaps.push(start);
    }
    gaps.push(start);
}

/// The blocks of freeform HTML at `range` with gaps only where no element is open. A gap
/// inside an element that starts after the block before it moves to that element's start tag
/// (the first gap: to the freeform's start); the last gap, if inside an element, moves to the
/// freeform's end; blocks on both sides of any other gap inside an element are read as one.
fn top_level(
    text: &str,
    range: Range<usize>,
    blocks: Vec<Block>,
    gaps: Vec<usize>,
) -> (Vec<Block>, Vec<usize>) {
    let open = outermost_open(text, range.clone(), &gaps);
    let last = gaps.len() - 1;
    let mut out_gaps: Vec<usize> = Vec::with_capacity(gaps.len());
    let mut runs: Vec<Vec<Block>> = Vec::new();
    for (i, block) in blocks.into_iter().enumerate() {
        let gap = match open[i] {
            None => Some(gaps[i]),
            Some(_) if i == 0 => Some(range.start),
            Some(start) if out_gaps.last().is_some_and(|&g| start > g) => Some(start),
            Some(_) => None,
        };
        match (gap, runs.last_mut()) {
            (None, Some(run)) => run.push(block),
            (gap, _) => {
                out_gaps.push(gap.unwrap_or(range.start));
                runs.push(vec![block]);
            }
        }
    }
    out_gaps.push(match open[last] {
        None => gaps[last],
        Some(_) => range.end,
    });
    let merged = runs.into_iter().map(merge).collect();
    (merged, out_gaps)
}

/// One block for blocks read together: itself if alone; else of their kind if they share one,
/// `other` if not, with their texts.
fn merge(run: Vec<Block>) -> Block {
    if run.len() == 1 {
        return run.into_iter().next().unwrap_or_default();
    }
    let kind = match run.first().map(|b| b.kind) {
        Some(k) if run.iter().all(|b| b.kind == k) && k.has_text_layout() => k,
        _ => BlockKind::Other,
    };
    Block::new(kind, kinds::joined(&run))
}

/// At each of `offsets` (sorted, in `range` of `text`), the start of the outermost element
/// open there, if any, counted over the tokens before it: start tags of non-void elements open
/// one, an end tag closes up to the element of its name if one is open. Implied end tags are
/// not modelled, which can only find elements open where none is (fewer gaps, never a gap
/// inside an element).
fn outermost_open(text: &str, range: Range<usize>, offsets: &[usize]) -> Vec<Option<usize>> {
    let chunk = text.get(range.clone()).unwrap_or("");
    let mut tokens = Tokenizer::new(chunk).peekable();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut out = Vec::with_capacity(offsets.len());
    for &at in offsets {
        let at = at.saturating_sub(range.start);
        while let Some(token) = tokens.next_if(|t| t.span().start < at) {
            match token {
                Token::Start {
                    name,
                    self_closing: false,
                    start,
                    ..
                } if !VOID_ELEMENTS.contains(&&*name) => open.push((name.into_owned(), start)),
                Token::End { name, .. } => {
                    if let Some(i) = open.iter().rposition(|(n, _)| *n == name) {
                        open.truncate(i);
                    }
                }
                _ => {}
            }
        }
        out.push(open.first().map(|&(_, start)| range.start + start));
    }
    out
}

/// One slot as a block of its own: a Custom HTML block holding the slot template, or this
/// engine's dynamic block, as `[gutenberg] slot_block` says.
fn render_slot(vars: &SlotVars<'_>, rules: &Rules) -> Result<String, String> {
    match rules.gutenberg.slot_block {
        SlotBlock::Dynamic => {
            // In this order, as a block's attributes are read (serde_json would sort them).
            let attrs = format!(
                "{{\"slot\":{},\"ordinal\":{},\"height\":{}}}",
                serde_json::Value::from(vars.slot),
                vars.ordinal,
                vars.height_px.unwrap_or(0)
            );
            Ok(format!(
                "<!-- wp:adslot/slot {} /-->",
                block_attributes(&attrs)
            ))
        }
        _ => {
            let markup = super::template(vars, rules)?;
            let delimiter = memchr::memmem::find_iter(markup.as_bytes(), b"<!--")
                .any(|at| grammar::delimiter_at(&markup, at).is_some());
            if delimiter {
                return Err("it holds a block comment (`<!-- wp:...`), which would end its Custom HTML block".to_string());
            }
            Ok(format!("<!-- wp:html -->\n{markup}\n<!-- /wp:html -->"))
        }
    }
}

/// Block attributes as WordPress's serializer writes them: JSON with `--`, `<`, `>`, `&` and
/// escaped quotes as `\u` escapes, so they never end the comment or trip an HTML filter.
fn block_attributes(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                out.push_str("\\u002d\\u002d");
            }
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // An escape: `\"` becomes `\u0022`, any other stays as written.
            '\\' => match chars.next() {
                Some('"') => out.push_str("\\u0022"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out
}

/// Writes a slot block between top-level blocks: appends `block` to `out`, the output so far,
/// knowing that `after` follows, with a blank line on each side as WordPress separates blocks
/// (none added before at the start of the content, none after at its end, and only the line
/// endings that are missing; `\r\n` when the content around uses it).
///
/// ```
/// use adslot::formats::gutenberg::write_slot;
/// let slot = |before: &str, after: &str| {
///     let mut out = before.to_string();
///     write_slot(&mut out, after, "<!-- wp:adslot/slot /-->").unwrap();
///     out[before.len()..].to_string()
/// };
/// assert_eq!(slot("<!-- /wp:paragraph -->\n\n", "<!-- wp:paragraph -->"), "<!-- wp:adslot/slot /-->\n\n");
/// // At the end: the input's own final line ending follows.
/// assert_eq!(slot("<!-- /wp:paragraph -->", "\n"), "\n\n<!-- wp:adslot/slot /-->");
/// assert_eq!(slot("", "<!-- wp:paragraph -->"), "<!-- wp:adslot/slot /-->\n\n");
/// ```
pub fn write_slot(out: &mut String, after: &str, block: &str) -> Result<(), String> {
    let eol = if out.ends_with("\r\n") || after.starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let ending = |s: &str, at_end: bool| {
        let mut rest = s;
        let mut n = 0;
        while n < 2 {
            let next = if at_end {
                rest.strip_suffix(eol)
            } else {
                rest.strip_prefix(eol)
            };
            match next {
                Some(r) => {
                    rest = r;
                    n += 1;
                }
                None => break,
            }
        }
        n
    };
    if !out.is_empty() {
        for _ in ending(out, true)..2 {
            out.push_str(eol);
        }
    }
    out.push_str(block);
    if !after.is_empty() {
        let have = ending(after, false);
        let need = if after.len() == have * eol.len() {
            1
        } else {
            2
        };
        for _ in have.min(need)..need {
            out.push_str(eol);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(post: &str) -> Vec<(&'static str, String)> {
        read("t", post, &HtmlOptions::default())
            .unwrap()
            .article
            .blocks
            .iter()
            .map(|b| (b.kind.name(), b.text.clone()))
            .collect()
    }

    #[test]
    fn freeform_between_blocks_is_html_with_top_level_gaps_only() {
        let post = "<p>One.</p>\n<div class=\"old\"><p>Two.</p><p>Three.</p></div>\n<!-- wp:paragraph --><p>Four.</p><!-- /wp:paragraph -->";
        let doc = read("t", post, &HtmlOptions::default()).unwrap();
        let got = doc.article.kinds_and_texts();
        assert_eq!(
            got,
            [
                ("paragraph", "One."),
                ("paragraph", "Two. Three."),
                ("paragraph", "Four.")
            ]
        );
        let gaps = doc.source_map.unwrap().gaps;
        assert_eq!(
            gaps,
            [
                0,
                post.find("<div").unwrap(),
                post.find("<!-- wp:").unwrap(),
                post.len()
            ]
        );
    }

    #[test]
    fn named_blocks_and_unknown_ones() {
        let post = "<!-- wp:heading {\"level\":1} --><h1>Title</h1><!-- /wp:heading -->\
                    <!-- wp:paragraph --><p></p><!-- /wp:paragraph -->\
                    <!-- wp:spacer {\"height\":\"40px\"} --><div style=\"height:40px\"></div><!-- /wp:spacer -->\
                    <!-- wp:latest-posts /-->\
                    <!-- wp:acme/callout --><div class=\"callout\"><p>Tip.</p></div><!-- /wp:acme/callout -->\
                    <!-- wp:acme/counter /-->\
                    <!-- wp:adslot/slot {\"slot\":\"inline\",\"ordinal\":1,\"height\":250} /-->";
        assert_eq!(
            kinds(post),
            [
                ("headline", "Title".to_string()),
                ("other", String::new()),
                ("headlines", String::new()),
                ("paragraph", "Tip.".to_string()),
                ("other", String::new()),
                ("ad", String::new()),
            ]
        );
        let doc = read("t", post, &HtmlOptions::default()).unwrap();
        assert_eq!(doc.article.blocks[1].height_px, Some(40.0));
        assert_eq!(doc.article.blocks[5].height_px, Some(250.0));
    }

    #[test]
    fn galleries_are_shaped_as_their_grid() {
        let img = "<!-- wp:image --><figure><img src=x></figure><!-- /wp:image -->";
        let post = format!(
            "<!-- wp:gallery {{\"columns\":2}} --><figure>{}</figure><!-- /wp:gallery -->",
            img.repeat(5)
        );
        let doc = read("t", &post, &HtmlOptions::default()).unwrap();
        assert_eq!(doc.article.blocks[0].kind, BlockKind::Image);
        assert_eq!(doc.article.blocks[0].aspect, Some(2.0 / 3.0));
        let old =
            "<!-- wp:gallery {\"ids\":[1,2,3,4]} --><ul><li><img></li></ul><!-- /wp:gallery -->";
        assert_eq!(
            read("t", old, &HtmlOptions::default())
                .unwrap()
                .article
                .blocks[0]
                .aspect,
            Some(1.5)
        );
    }

    #[test]
    fn attributes_are_escaped_as_wordpress_escapes_them() {
        let v = serde_json::json!({"slot": "a--b<c>&\"d\\"}).to_string();
        let escaped = block_attributes(&v);
        assert_eq!(
            escaped,
            r#"{"slot":"a\u002d\u002db\u003cc\u003e\u0026\u0022d\\"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["slot"], "a--b<c>&\"d\\");
    }

    #[test]
    fn sniffing() {
        assert_eq!(
            looks_like_gutenberg("\n<!-- wp:paragraph -->"),
            Likeness::Clear
        );
        assert_eq!(
            looks_like_gutenberg("<p>x</p><!--\twp:more\t-->"),
            Likeness::Clear
        );
        assert_eq!(
            looks_like_gutenberg("<!DOCTYPE html><!-- wp:paragraph -->"),
            Likeness::No
        );
        assert_eq!(looks_like_gutenberg("<p>wp:paragraph</p>"), Likeness::No);
    }
}
