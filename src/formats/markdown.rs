//! The Markdown format: the reader (CommonMark + tables, front matter skipped) and its slot writing.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::collect::{HeadlineRule, InlineStyle, TextCollector};
use super::structure::Structure;
use super::{html, Format, Likeness, Parsed, Slots, SourceMap};
use crate::article::{Article, Block, BlockKind, Picture};
use crate::error::Error;
use crate::markup::HtmlOptions;

/// Markdown: recognised by its syntax (headings, fences, front matter, links, lists...); each
/// slot is written as an HTML block of its own (see [`write_slot`]).
pub static FORMAT: Format = Format {
    name: "markdown",
    label: "Markdown",
    extensions: &["md", "markdown"],
    sniff: looks_like_markdown,
    declared_encoding: None,
    read,
    slots: Some(Slots {
        render: super::template,
        write: write_slot,
    }),
};

/// Reads an article from Markdown: one block per top-level block of the document.
///
/// Kinds: paragraph (`image` when it holds only images, linked or not); the first level-1
/// heading (ATX or setext) with text before any paragraph is the `headline`, other headings
/// `heading`; block quotes `quote`; lists `list`; tables `table`; code blocks `other`; thematic
/// breaks make no block. HTML blocks are read by the HTML reader with `opts` (the rule file's
/// `[html]` selectors and depth limit): one block keeps its kind (`<iframe>` is an `embed`, an
/// element matching `existing_ad_selector` an `ad`), a comment makes no block, several blocks
/// make one `other`. YAML (`---`) and TOML (`+++`) front matter is kept and skipped.
///
/// `gaps[i]` is the start of the line block `i` starts on; the last gap is the end of the text.
/// Slots are written there by [`write_slot`].
///
/// ```
/// use adslot::markup::{HtmlOptions, Selector};
/// let src = "---\ntitle: x\n---\n# Title\n\nFirst.\n\n<div class=\"ad\"></div>\n";
/// let opts = HtmlOptions::default().with_existing_ad_selector(Selector::parse(".ad")?);
/// let doc = adslot::formats::markdown::read("a.md", src, &opts)?;
/// let kinds: Vec<_> = doc.article.blocks.iter().map(|b| b.kind.name()).collect();
/// assert_eq!(kinds, ["headline", "paragraph", "ad"]);
/// assert_eq!(doc.source_map.unwrap().gaps, [17, 26, 34, 57]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Errors: those of the HTML reader in an HTML block (nesting deeper than `opts.max_depth`),
/// located in the Markdown.
pub fn read(origin: &str, text: &str, opts: &HtmlOptions) -> Result<Parsed, Error> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut blocks = Vec::new();
    let mut gaps = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Current> = None;
    let mut headline = HeadlineRule::default();
    // A byte order mark is not Markdown (pulldown-cmark would read it as text): skip it.
    let bom = text.len() - text.trim_start_matches('\u{feff}').len();
    let events = Parser::new_ext(&text[bom..], options).into_offset_iter();
    for (event, range) in events.map(|(e, r)| (e, r.start + bom..r.end + bom)) {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    current = Some(Current::new(&tag, range.start));
                } else if let Some(c) = &mut current {
                    c.start(&tag);
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if let Some(c) = &mut current {
                    c.end(&end);
                }
                if depth == 0 {
                    if let Some(c) = current.take() {
                        let raw = c.start..range.end;
                        if let Some(block) = c.into_block(origin, text, raw, opts, &mut headline)? {
                            blocks.push(block);
                            gaps.push(line_start(text, range.start));
                        }
                    }
                }
            }
            Event::Code(t) => {
                // Inline code: a run of its own in the monospace face.
                if let Some(c) = &mut current {
                    if c.in_image == 0 {
                        c.text.open_style(InlineStyle::Code);
                        c.push_text(&t);
                        c.text.close_style(InlineStyle::Code);
                    }
                }
            }
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some(c) = &mut current {
                    if c.in_image == 0 {
                        c.push_text(&t);
                    }
                }
            }
            Event::InlineHtml(_) | Event::Html(_) | Event::FootnoteReference(_) => {}
            Event::SoftBreak => {
                if let Some(c) = &mut current {
                    c.soft_break();
                }
            }
            Event::HardBreak => {
                if let Some(c) = &mut current {
                    c.hard_break();
                }
            }
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }
    gaps.push(text.len());
    Ok(Parsed {
        article: Article::new(blocks),
        source_map: Some(SourceMap { gaps }),
    })
}

/// Writes a slot as a Markdown HTML block of its own: appends `markup` (without surrounding
/// whitespace) to `out`, the output so far, knowing that `after` follows. CommonMark ends an
/// HTML block at a blank line, and an HTML block of an element not on its block list (a
/// template may be any element) cannot interrupt a paragraph, so the slot gets a line of its
/// own with a blank line on each side, adding only what is missing:
///
/// - before: a line ending if the slot would start mid-line, then a blank line unless the line
///   before is blank or the slot starts the document;
/// - the markup and a line ending;
/// - after: a blank line unless the line after is blank or the document ends.
///
/// Line endings are the input's own (`\r\n` stays `\r\n`). Between blocks already separated
/// by a blank line, that is the slot's line and one blank line after it.
///
/// ```
/// use adslot::formats::markdown::write_slot;
/// let slot = |before: &str, after: &str| {
///     let mut out = before.to_string();
///     write_slot(&mut out, after, "<div data-adslot></div>").unwrap();
///     out[before.len()..].to_string()
/// };
/// assert_eq!(slot("One.\n\n", "Two.\n"), "<div data-adslot></div>\n\n");
/// assert_eq!(slot("# Title\n", "Two.\n"), "\n<div data-adslot></div>\n\n");
/// assert_eq!(slot("One.", ""), "\n\n<div data-adslot></div>\n");
/// assert_eq!(slot("", "One.\r\n"), "<div data-adslot></div>\r\n\r\n");
/// ```
///
/// Fails when the markup holds a blank line, which would end its HTML block early.
pub fn write_slot(out: &mut String, after: &str, markup: &str) -> Result<(), String> {
    let markup = markup.trim();
    if markup.lines().any(|l| is_blank(l.as_bytes())) {
        return Err("it holds a blank line, which ends an HTML block in Markdown".to_string());
    }
    let eol = line_ending(out, after);
    if !out.trim_start_matches('\u{feff}').is_empty() {
        if !out.ends_with(['\n', '\r']) {
            out.push_str(eol);
        }
        if !last_line_is_blank(out) {
            out.push_str(eol);
        }
    }
    out.push_str(markup);
    out.push_str(eol);
    let next_line = after.split(['\n', '\r']).next().unwrap_or("");
    if !after.is_empty() && !is_blank(next_line.as_bytes()) {
        out.push_str(eol);
    }
    Ok(())
}

/// Whether a line holds only spaces and tabs (CommonMark's blank line).
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|&b| b == b' ' || b == b'\t')
}

/// Whether `out`, which ends with a line ending, ends with a blank line.
fn last_line_is_blank(out: &str) -> bool {
    let body = out
        .strip_suffix("\r\n")
        .or_else(|| out.strip_suffix(['\n', '\r']))
        .unwrap_or(out);
    let line = body.rfind(['\n', '\r']).map_or(body, |i| &body[i + 1..]);
    is_blank(line.trim_start_matches('\u{feff}').as_bytes())
}

/// The input's line ending nearest the insertion point: the last one before it, else the
/// first one after it, else `\n`.
fn line_ending(out: &str, after: &str) -> &'static str {
    let kind = |text: &str, i: usize| match (text.as_bytes()[i], text.as_bytes().get(i + 1)) {
        (b'\r', Some(b'\n')) => "\r\n",
        (b'\r', _) => "\r",
        _ => "\n",
    };
    if let Some(i) = out.rfind(['\n', '\r']) {
        // `\r\n` is found at its `\n`.
        if i > 0 && out.as_bytes()[i] == b'\n' && out.as_bytes()[i - 1] == b'\r' {
            return "\r\n";
        }
        return kind(out, i);
    }
    after.find(['\n', '\r']).map_or("\n", |i| kind(after, i))
}

/// Signs of Markdown in the first 64 KiB: front matter, ATX headings, setext underlines,
/// fences, block quotes, list items, tables, links and images.
fn looks_like_markdown(text: &str) -> Likeness {
    let text = text.trim_start_matches('\u{feff}');
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    if ["---\n", "---\r\n", "+++\n", "+++\r\n"]
        .iter()
        .any(|f| text.starts_with(f))
    {
        return Likeness::Likely;
    }
    let mut previous_blank = true;
    for line in text.lines() {
        let l = line.trim_start_matches(' ');
        let hashes = l.bytes().take_while(|&b| b == b'#').count();
        let atx = (1..=6).contains(&hashes) && l[hashes..].starts_with([' ', '\t']);
        let underline = l.trim_end();
        let setext =
            !previous_blank && !underline.is_empty() && underline.bytes().all(|b| b == b'=');
        let digits = l.bytes().take_while(u8::is_ascii_digit).count();
        let item = l.starts_with(['-', '*', '+']) && l[1..].starts_with(' ')
            || (1..=9).contains(&digits)
                && (l[digits..].starts_with(". ") || l[digits..].starts_with(") "));
        let block = l.starts_with("```") || l.starts_with("~~~") || l.starts_with("> ");
        let table = l.starts_with('|') && (l.contains("|---") || l.contains("|:--"));
        let link = l.find('[').is_some_and(|i| l[i..].contains("]("));
        if atx || setext || item || block || table || link {
            return Likeness::Likely;
        }
        previous_blank = is_blank(line.as_bytes());
    }
    Likeness::No
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
    if at == 0 || matches!(before.get(at - 1), Some(b'\n' | b'\r')) {
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
    text: TextCollector,
    images: usize,
    in_image: usize,
    /// A heading's level.
    level: Option<u8>,
    /// Items, rows and pictures.
    structure: Structure,
    /// A code block's text as written.
    code: String,
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
        let level = match tag {
            Tag::Heading { level, .. } => Some(*level as u8),
            _ => None,
        };
        Current {
            shape,
            start,
            text: TextCollector::default(),
            images: 0,
            in_image: 0,
            level,
            structure: Structure::default(),
            code: String::new(),
        }
    }

    /// A tag opens inside the top-level block.
    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Image { .. } => {
                self.images += 1;
                self.in_image += 1;
                // Markdown gives a picture no size: as wide as the column, the default shape.
                self.structure.picture(Picture::default());
            }
            Tag::Strong => self.text.open_style(InlineStyle::Bold),
            Tag::Emphasis => self.text.open_style(InlineStyle::Italic),
            Tag::Link { .. } | Tag::Strikethrough => {}
            Tag::TableHead | Tag::TableRow => self.structure.start_row(),
            Tag::TableCell => self.structure.start_cell(),
            Tag::Item => {
                self.structure.start_list_item();
                self.soft_break();
            }
            _ => {
                if matches!(tag, Tag::List(_)) {
                    // A list inside the block: its items are one level deeper.
                    self.structure.open_list();
                }
                self.structure.end_item();
                self.soft_break();
            }
        }
    }

    /// A tag closes inside the top-level block.
    fn end(&mut self, end: &TagEnd) {
        match end {
            TagEnd::Image => self.in_image = self.in_image.saturating_sub(1),
            TagEnd::Strong => self.text.close_style(InlineStyle::Bold),
            TagEnd::Emphasis => self.text.close_style(InlineStyle::Italic),
            TagEnd::Link | TagEnd::Strikethrough => {}
            TagEnd::TableHead | TagEnd::TableRow => {
                self.structure.end_row();
                self.soft_break();
            }
            TagEnd::TableCell => {
                self.structure.end_cell();
                self.soft_break();
            }
            TagEnd::Item => {
                self.structure.end_list_item();
                self.soft_break();
            }
            _ => {
                self.structure.end_item();
                if matches!(end, TagEnd::List(_)) {
                    self.structure.close_list();
                }
                self.soft_break();
            }
        }
    }

    fn push_text(&mut self, t: &str) {
        self.text.push(t);
        self.structure.push(t);
        if self.shape == Shape::Code {
            self.code.push_str(t);
        }
    }

    fn soft_break(&mut self) {
        self.text.soft_break();
        self.structure.soft_break();
    }

    fn hard_break(&mut self) {
        self.text.hard_break();
        self.structure.hard_break();
    }

    /// The block this top-level element is, if any; `raw` is its span in `text`.
    fn into_block(
        self,
        origin: &str,
        text: &str,
        raw: std::ops::Range<usize>,
        opts: &HtmlOptions,
        headline: &mut HeadlineRule,
    ) -> Result<Option<Block>, Error> {
        let has_text = !self.text.is_empty();
        let kind = match self.shape {
            Shape::Skip => return Ok(None),
            Shape::Paragraph if !has_text && self.images > 0 => BlockKind::Image,
            Shape::Paragraph => BlockKind::Paragraph,
            Shape::Heading1 if has_text => headline.level_one(),
            Shape::Heading1 | Shape::Heading => BlockKind::Heading,
            Shape::Quote => BlockKind::Quote,
            Shape::List => BlockKind::List,
            Shape::Table => BlockKind::Table,
            Shape::Code => BlockKind::Other,
            Shape::Html => return html_block(origin, text, raw, opts, headline),
        };
        headline.saw(kind);
        let parts = self.structure.finish(kind);
        let code = self.shape == Shape::Code;
        let (text, runs) = if code {
            (self.code.trim_end().to_string(), Vec::new())
        } else {
            self.text.into_text_and_runs()
        };
        Ok(Some(Block {
            runs,
            level: matches!(kind, BlockKind::Headline | BlockKind::Heading)
                .then_some(self.level)
                .flatten(),
            items: parts.items,
            item_depths: parts.item_depths,
            rows: parts.rows,
            pictures: parts.pictures,
            preformatted: code,
            ..Block::new(kind, text)
        }))
    }
}

/// Reads an HTML block with the HTML reader: one block keeps its kind, several are `other`
/// (the headline rule then sees only that `other`).
fn html_block(
    origin: &str,
    text: &str,
    raw: std::ops::Range<usize>,
    opts: &HtmlOptions,
    headline: &mut HeadlineRule,
) -> Result<Option<Block>, Error> {
    let mut rule = *headline;
    let mut blocks = html::read_embedded(origin, text, raw, opts, &mut rule)?;
    Ok(match blocks.len() {
        0 => None,
        1 => {
            *headline = rule;
            blocks.pop()
        }
        _ => {
            let text: Vec<_> = blocks
                .into_iter()
                .map(|b| b.text)
                .filter(|t| !t.is_empty())
                .collect();
            Some(Block::new(BlockKind::Other, text.join(" ")))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<&'static str> {
        read("t", src, &HtmlOptions::default())
            .unwrap()
            .article
            .kinds()
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
    fn a_byte_order_mark_is_not_text() {
        let doc = read("t", "\u{feff}# Title\n\nText\n", &HtmlOptions::default()).unwrap();
        let kinds = doc.article.kinds();
        assert_eq!(kinds, ["headline", "paragraph"]);
        assert_eq!(doc.source_map.unwrap().gaps, [3, 12, 17]);
    }

    /// Strong emphasis, emphasis and inline code are runs of the text; ending one is no word
    /// boundary (`*b*c` is one word) and does not end a list item.
    #[test]
    fn emphasis_and_code_are_runs() {
        let doc = read(
            "t",
            "A **bold** *it*s `x()`.\n\n- **one** two\n",
            &HtmlOptions::default(),
        );
        let blocks = doc.unwrap().article.blocks;
        let b = &blocks[0];
        assert_eq!(b.text, "A bold its x().");
        let runs: Vec<_> = b
            .runs
            .iter()
            .map(|r| (&b.text[r.start..r.end], r.bold, r.italic, r.code))
            .collect();
        assert_eq!(
            runs,
            [
                ("bold", true, false, false),
                ("it", false, true, false),
                ("x()", false, false, true)
            ]
        );
        assert_eq!(blocks[1].items, ["one two"]);
    }

    #[test]
    fn toml_front_matter_is_skipped() {
        let doc = read("t", "+++\na = 1\n+++\n\nText\n", &HtmlOptions::default()).unwrap();
        assert_eq!(doc.article.blocks.len(), 1);
        assert_eq!(doc.source_map.unwrap().gaps, [15, 20]);
    }
}
