//! The Markdown article reader (CommonMark + tables, front matter skipped) and its slot wrapping.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{html, Document, SourceMap};
use crate::article::{Article, Block, BlockKind};
use crate::error::Error;

/// Reads an article from Markdown: one block per top-level block of the document.
///
/// Kinds: paragraph (`image` when it holds only images, linked or not); an ATX or setext level-1
/// heading before any paragraph is the `headline`, other headings `heading`; block quotes
/// `quote`; lists `list`; tables `table`; code blocks `other`; HTML blocks are classified by the
/// HTML reader (`<iframe>` is an `embed`, a comment makes no block, several blocks make one
/// `other`); thematic breaks make no block. YAML (`---`) and TOML (`+++`) front matter is kept
/// and skipped.
///
/// `gaps[i]` is the start of the line block `i` starts on; the last gap is the end of the text.
/// Insert there with [`slot_block`] so that the slot stays a block of its own.
///
/// ```
/// let src = "---\ntitle: x\n---\n# Title\n\nFirst.\n\n![a](b.png)\n";
/// let doc = adslot::formats::markdown::read("a.md", src).unwrap();
/// let kinds: Vec<_> = doc.article.blocks.iter().map(|b| b.kind.name()).collect();
/// assert_eq!(kinds, ["headline", "paragraph", "image"]);
/// assert_eq!(doc.source_map.unwrap().gaps, [17, 26, 34, 46]);
/// ```
pub fn read(origin: &str, text: &str) -> Result<Document, Error> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut blocks = Vec::new();
    let mut gaps = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Current> = None;
    let mut seen_paragraph = false;
    let mut seen_headline = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    current = Some(Current::new(&tag, range.start));
                } else if let Some(c) = &mut current {
                    if matches!(tag, Tag::Image { .. }) {
                        c.images += 1;
                        c.in_image += 1;
                    } else if !matches!(tag, Tag::Link { .. } | Tag::Emphasis | Tag::Strong) {
                        c.soft_break();
                    }
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if let Some(c) = &mut current {
                    if matches!(end, TagEnd::Image) {
                        c.in_image = c.in_image.saturating_sub(1);
                    } else {
                        c.soft_break();
                    }
                }
                if depth == 0 {
                    if let Some(c) = current.take() {
                        let raw = text.get(c.start..range.end).unwrap_or("");
                        if let Some(block) =
                            c.into_block(origin, raw, &mut seen_paragraph, &mut seen_headline)
                        {
                            blocks.push(block);
                            gaps.push(line_start(text, range.start));
                        }
                    }
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some(c) = &mut current {
                    if c.in_image == 0 {
                        c.push_text(&t);
                    }
                }
            }
            Event::InlineHtml(_) | Event::Html(_) | Event::FootnoteReference(_) => {}
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = &mut current {
                    c.soft_break();
                }
            }
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }
    gaps.push(text.len());
    Ok(Document {
        article: Article::new(blocks),
        source_map: Some(SourceMap { gaps }),
    })
}

/// Wraps slot markup so that, inserted at a gap, it is an HTML block of its own: blank lines
/// before and after keep it from joining the neighbouring paragraph. Removing exactly the
/// returned bytes gives the input back.
///
/// ```
/// assert_eq!(adslot::formats::markdown::slot_block("<div data-adslot></div>"), "\n\n<div data-adslot></div>\n\n");
/// ```
pub fn slot_block(markup: &str) -> String {
    format!("\n\n{markup}\n\n")
}

/// The start of the line `offset` is on, if only spaces and tabs precede it there.
fn line_start(text: &str, offset: usize) -> usize {
    let before = text.as_bytes().get(..offset).unwrap_or_default();
    let indent = before
        .iter()
        .rev()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let at = offset - indent;
    if at == 0 || before.get(at - 1) == Some(&b'\n') {
        at
    } else {
        offset
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Paragraph,
    Heading1,
    Heading,
    Quote,
    List,
    Table,
    Code,
    Html,
    /// Front matter and anything else that is not article content.
    Skip,
}

struct Current {
    shape: Shape,
    start: usize,
    text: String,
    pending_space: bool,
    images: usize,
    in_image: usize,
    /// Non-blank text outside images.
    has_text: bool,
}

impl Current {
    fn new(tag: &Tag<'_>, start: usize) -> Current {
        let shape = match tag {
            Tag::Paragraph => Shape::Paragraph,
            Tag::Heading { level, .. } if *level == pulldown_cmark::HeadingLevel::H1 => {
                Shape::Heading1
            }
            Tag::Heading { .. } => Shape::Heading,
            Tag::BlockQuote(_) => Shape::Quote,
            Tag::List(_) => Shape::List,
            Tag::Table(_) => Shape::Table,
            Tag::CodeBlock(_) => Shape::Code,
            Tag::HtmlBlock => Shape::Html,
            _ => Shape::Skip,
        };
        Current {
            shape,
            start,
            text: String::new(),
            pending_space: false,
            images: 0,
            in_image: 0,
            has_text: false,
        }
    }

    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_whitespace() {
                self.pending_space = !self.text.is_empty();
            } else {
                if self.pending_space {
                    self.text.push(' ');
                    self.pending_space = false;
                }
                self.text.push(c);
                self.has_text = true;
            }
        }
    }

    fn soft_break(&mut self) {
        self.pending_space = !self.text.is_empty();
    }

    fn into_block(
        self,
        origin: &str,
        raw: &str,
        seen_paragraph: &mut bool,
        seen_headline: &mut bool,
    ) -> Option<Block> {
        let kind = match self.shape {
            Shape::Skip => return None,
            Shape::Paragraph if !self.has_text && self.images > 0 => BlockKind::Image,
            Shape::Paragraph => BlockKind::Paragraph,
            Shape::Heading1 if !*seen_paragraph && !*seen_headline => {
                *seen_headline = true;
                BlockKind::Headline
            }
            Shape::Heading1 | Shape::Heading => BlockKind::Heading,
            Shape::Quote => BlockKind::Quote,
            Shape::List => BlockKind::List,
            Shape::Table => BlockKind::Table,
            Shape::Code => BlockKind::Other,
            Shape::Html => return html_block(origin, raw),
        };
        if kind == BlockKind::Paragraph {
            *seen_paragraph = true;
        }
        Some(Block::new(kind, self.text))
    }
}

/// Classifies an HTML block with the HTML reader: one block keeps its kind, several are `other`.
fn html_block(origin: &str, raw: &str) -> Option<Block> {
    let Ok(doc) = html::read(origin, raw, &crate::markup::HtmlOptions::default()) else {
        return Some(Block::new(BlockKind::Other, ""));
    };
    let mut blocks = doc.article.blocks;
    match blocks.len() {
        0 => None,
        1 => blocks.pop().map(|mut b| {
            if b.kind == BlockKind::Headline {
                b.kind = BlockKind::Heading;
            }
            b
        }),
        _ => {
            let text: Vec<_> = blocks
                .into_iter()
                .map(|b| b.text)
                .filter(|t| !t.is_empty())
                .collect();
            Some(Block::new(BlockKind::Other, text.join(" ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<&'static str> {
        read("t", src)
            .unwrap()
            .article
            .blocks
            .iter()
            .map(|b| b.kind.name())
            .collect()
    }

    #[test]
    fn kinds_of_blocks() {
        let src = "Para first.\n\n# Not headline\n\n> q\n\n- a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\
                   ```\ncode\n```\n\n---\n\n<iframe src=x></iframe>\n\n<!-- c -->\n\n[![a](b)](c)\n";
        assert_eq!(
            kinds(src),
            [
                "paragraph",
                "heading",
                "quote",
                "list",
                "table",
                "other",
                "embed",
                "image"
            ]
        );
    }

    #[test]
    fn toml_front_matter_is_skipped() {
        let doc = read("t", "+++\na = 1\n+++\n\nText\n").unwrap();
        assert_eq!(doc.article.blocks.len(), 1);
        assert_eq!(doc.source_map.unwrap().gaps, [15, 20]);
    }
}
