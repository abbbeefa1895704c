//! What a block holds while it is read (text, pictures and their size) and the kind it makes.

use super::elements::*;
use super::entities;
use super::media;
use super::tokenizer::Attr;
use std::ops::Range;

use crate::article::{Block, BlockKind, Container, Region};
use crate::formats::collect::{HeadlineRule, InlineStyle, TextCollector};
use crate::formats::structure::{NestedCell, Structure};

/// What a block's tag says it is; the final kind also depends on its content.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Tag {
    Paragraph,
    H1,
    Heading,
    Figure,
    Quote,
    List,
    Table,
    Embed,
    Caption,
    Ad,
    Headlines,
    Other,
    /// A region shown but not story (share bar, related box, ...): an opaque `other` block
    /// that names its region.
    Excluded(Region),
    /// Bare inline content, or a wrapper holding only that.
    Run,
}

#[derive(Debug, Default)]
pub(super) struct Content {
    text: TextCollector,
    images: usize,
    figures: usize,
    /// The block's own element, when it is one that holds pictures in a box of its own.
    container: Option<Container>,
    embeds: usize,
    size: Option<media::Size>,
    /// Items, rows and pictures.
    structure: Structure,
    /// Open `table` elements: rows and cells are the outermost table's.
    tables: usize,
    /// The first heading element's level (a heading block's own).
    level: Option<u8>,
    /// The text as written, when the block's own element is preformatted (`pre`, `listing`,
    /// `xmp`).
    pre: Option<PreText>,
    /// Whether the block's own element (the first) was read.
    started: bool,
    /// Whether it holds a table (a `figure` of a table is one).
    has_table: bool,
    /// Where the block's own element's content starts in the source (after its start tag).
    inner_start: Option<usize>,
    /// Whether the block's own element is a list (`ul`, `ol`, ...), and whether a list opened
    /// inside it.
    own_list: bool,
    has_list: bool,
    /// Whether a `p` opened inside it (a figure whose picture, or caption, sits in one: read
    /// again as blocks, so that the paragraph's margins count).
    has_paragraph: bool,
    /// Open `svg` elements.
    svgs: usize,
    /// Outermost `svg`s: pictures, which make a block of nothing else an image, but never turn
    /// an embed (a player with its svg icons) into one.
    svg_pictures: usize,
    /// The shape of the responsive wrapper the block's element sits in, if it is in one: an
    /// embed its markup does not size takes it.
    pub(super) wrapper_aspect: Option<f64>,
}

/// The inline elements that style their text, as the user-agent stylesheet does.
fn inline_style(name: &str) -> Option<InlineStyle> {
    match name {
        "b" | "strong" => Some(InlineStyle::Bold),
        "i" | "em" | "cite" | "var" | "dfn" => Some(InlineStyle::Italic),
        "code" | "kbd" | "samp" | "tt" => Some(InlineStyle::Code),
        "small" => Some(InlineStyle::Small),
        _ => None,
    }
}

/// What of a block the reader reads again as blocks of their own: its cells that hold blocks,
/// and for a quote (or `details`, `form`...) holding a table or a list, or a figure holding a
/// paragraph, its whole content.
#[derive(Debug, Default)]
pub(super) struct Nested {
    pub cells: Vec<NestedCell>,
    pub content: Option<Range<usize>>,
}

/// A preformatted block's text as written: its line breaks and spaces kept.
#[derive(Debug, Default)]
struct PreText {
    text: String,
    /// Open `pre` elements.
    open: usize,
}

/// Elements that make a table cell's content blocks of their own: with margins, items or rows
/// that its text alone would not have (a `div` of text is still the cell's text).
const CELL_BLOCKS: &[&str] = &[
    "p",
    "ul",
    "ol",
    "dl",
    "menu",
    "blockquote",
    "pre",
    "table",
    "figure",
];

/// List elements: one inside a list indents its items once more.
const LISTS: &[&str] = &["ul", "ol", "menu", "dir", "dl"];

/// Elements whose text keeps its line breaks and spaces.
const PREFORMATTED: &[&str] = &["pre", "listing", "xmp", "plaintext"];

impl Content {
    pub(super) fn push_text(&mut self, raw: &str) {
        let decoded = entities::decode(raw);
        self.text.push(&decoded);
        self.structure.push(&decoded);
        if let Some(pre) = self.pre.as_mut().filter(|p| p.open > 0) {
            pre.text.push_str(&decoded);
        }
    }

    pub(super) fn soft_break(&mut self) {
        self.text.soft_break();
        self.structure.soft_break();
    }

    /// A `<br>`: a line of its own for what follows.
    fn hard_break(&mut self) {
        self.text.hard_break();
        self.structure.hard_break();
        if let Some(pre) = self.pre.as_mut().filter(|p| p.open > 0) {
            pre.text.push('\n');
        }
    }

    /// A `<br>` written as an end tag (`</br>`), which browsers read as `<br>`.
    pub(super) fn line_break(&mut self) {
        self.hard_break();
    }

    /// An element starts; its content at byte `at` of the source (the end of its start tag).
    pub(super) fn element(&mut self, name: &str, attrs: &[Attr<'_>], at: usize) {
        let own = !self.started;
        self.started = true;
        if own {
            self.inner_start = Some(at);
            self.own_list = LISTS.contains(&name);
            if matches!(name, "ul" | "ol" | "menu") {
                self.container = Some(Container::List);
            }
        }
        match name {
            "img" => {
                self.images += 1;
                self.note_size(attrs);
                self.structure.picture(media::size(attrs).picture());
            }
            "figure" => {
                self.figures += 1;
                if own {
                    self.container = Some(Container::Figure);
                }
            }
            "picture" => self.figures += 1,
            "svg" if self.svgs == 0 => {
                // Inline vector graphics take their box in the flow, as a picture does (an
                // `<svg>` inside one is part of it); svgs alone are an image (an unsized
                // sprite sheet is 300 x 150 in the browser unless the site's CSS hides it).
                self.svgs += 1;
                self.svg_pictures += 1;
                self.structure.picture(media::svg_size(attrs).picture());
            }
            "svg" => self.svgs += 1,
            "p" if own => self.container = Some(Container::Paragraph),
            "p" => self.has_paragraph = true,
            n if EMBED_TAGS.contains(&n) => {
                self.embeds += 1;
                self.note_embed_size(attrs);
            }
            "br" => {
                self.hard_break();
                return;
            }
            "wbr" => {
                // A line break opportunity, as browsers read it: a zero width space (no width,
                // not a word boundary for counting).
                self.text.push("\u{200b}");
                self.structure.push("\u{200b}");
                return;
            }
            "table" => {
                self.tables += 1;
                self.has_table = true;
            }
            n if LISTS.contains(&n) && !own => {
                self.has_list = true;
                self.structure.open_list();
            }
            "li" => self.structure.start_list_item(),
            "tr" if self.tables == 1 => self.structure.start_row(),
            "td" | "th" if self.tables == 1 => {
                self.structure.start_cell();
                self.structure.cell_source(at);
            }
            n if HEADINGS.contains(&n) && self.level.is_none() => {
                self.level = n[1..].parse().ok();
            }
            n if PREFORMATTED.contains(&n) => {
                if own {
                    self.pre = Some(PreText::default());
                }
                if let Some(pre) = &mut self.pre {
                    pre.open += 1;
                }
            }
            n => {
                if let Some(style) = inline_style(n) {
                    self.text.open_style(style);
                }
            }
        }
        let inline = INLINE.contains(&name) || OPAQUE_INLINE.contains(&name) || is_unknown(name);
        if !inline {
            if CELL_BLOCKS.contains(&name) || HEADINGS.contains(&name) {
                self.structure.cell_holds_blocks();
            }
            self.structure.end_item();
            self.soft_break();
        }
    }

    /// An element read with [`Content::element`] ends (explicitly or implied), its content at
    /// byte `at` of the source.
    pub(super) fn end(&mut self, name: &str, at: usize) {
        match name {
            "svg" => self.svgs = self.svgs.saturating_sub(1),
            "table" => self.tables = self.tables.saturating_sub(1),
            // The own list's end finds no list open inside it (the structure's depth is 0).
            n if LISTS.contains(&n) => self.structure.close_list(),
            "li" => self.structure.end_list_item(),
            "tr" if self.tables == 1 => self.structure.end_row(),
            "td" | "th" if self.tables == 1 => self.structure.end_cell_at(Some(at)),
            n if PREFORMATTED.contains(&n) => {
                if let Some(pre) = &mut self.pre {
                    pre.open = pre.open.saturating_sub(1);
                }
            }
            n => {
                if let Some(style) = inline_style(n) {
                    self.text.close_style(style);
                }
            }
        }
        let inline = INLINE.contains(&name) || OPAQUE_INLINE.contains(&name) || is_unknown(name);
        if !inline {
            self.structure.end_item();
            self.soft_break();
        }
    }

    /// The first image's or embed's size is the block's (a figure's picture, not its logo).
    fn note_size(&mut self, attrs: &[Attr<'_>]) {
        if self.size.is_none() {
            self.size = Some(media::size(attrs));
        }
    }

    /// An embed's size: its markup's, else a known video provider's shape.
    fn note_embed_size(&mut self, attrs: &[Attr<'_>]) {
        if self.size.is_none() {
            let size = media::size(attrs);
            let unsized_ = size == media::Size::default();
            let provider = super::embeds::provider_size(attrs).filter(|_| unsized_);
            self.size = Some(provider.unwrap_or(size));
        }
    }

    /// The block this content makes under `tag`, or none when it holds nothing; with what of
    /// it to read again as blocks, its own content ending at byte `end` of the source.
    pub(super) fn into_block(
        self,
        tag: Tag,
        headline: &mut HeadlineRule,
        end: usize,
    ) -> Option<(Block, Nested)> {
        let c = self;
        let has_text = !c.text.is_empty();
        let media = if c.embeds > 0 && c.images == 0 {
            Some(BlockKind::Embed)
        } else if c.images > 0 || c.figures > 0 || c.svg_pictures > 0 {
            Some(BlockKind::Image)
        } else if c.embeds > 0 {
            Some(BlockKind::Embed)
        } else {
            None
        };
        let text_or_media = |k: BlockKind| if has_text { Some(k) } else { media };
        let kind = match tag {
            Tag::Ad => Some(BlockKind::Ad),
            Tag::Headlines => Some(BlockKind::Headlines),
            Tag::Embed => Some(BlockKind::Embed),
            Tag::Figure if c.images == 0 && c.embeds == 0 && c.has_table => Some(BlockKind::Table),
            // A figure holding nothing (its embed or picture stripped, or left to a script) is
            // no box in the browser: its margins collapse through it.
            Tag::Figure if !has_text && c.images + c.svg_pictures == 0 && c.embeds == 0 => None,
            // A figure of text alone (an interactive's fallback link, left to a script) shows
            // that text, not a picture: an opaque block of its lines.
            Tag::Figure if c.images == 0 && c.embeds == 0 && c.figures <= 1 => {
                Some(BlockKind::Other)
            }
            Tag::Figure => Some(media.unwrap_or(BlockKind::Image)),
            Tag::Paragraph => text_or_media(BlockKind::Paragraph),
            Tag::Run if c.figures > 0 => Some(BlockKind::Image),
            Tag::Run => text_or_media(BlockKind::Paragraph),
            Tag::H1 if has_text => Some(headline.level_one()),
            Tag::H1 | Tag::Heading => text_or_media(BlockKind::Heading),
            Tag::Caption => text_or_media(BlockKind::Caption),
            Tag::Quote => text_or_media(BlockKind::Quote),
            Tag::List => text_or_media(BlockKind::List),
            Tag::Table => text_or_media(BlockKind::Table),
            Tag::Other => text_or_media(BlockKind::Other),
            Tag::Excluded(_) => Some(BlockKind::Other),
        };
        let kind = kind?;
        headline.saw(kind);
        // Pictures keep the size their markup gives (text and ads are laid out by the device);
        // an embed the markup does not size takes its responsive wrapper's shape.
        let size = match kind {
            BlockKind::Embed => match c.size.unwrap_or_default() {
                s if s == media::Size::default() => media::Size {
                    aspect: c.wrapper_aspect,
                    ..s
                },
                s => s,
            },
            BlockKind::Image => c.size.unwrap_or_default(),
            _ => media::Size::default(),
        };
        // An excluded region that is a list (a table of contents, a list of links) keeps its
        // items: the browser lays it out as a list, whatever kind it is to the rules.
        let parts = match tag {
            Tag::Excluded(_) if c.own_list => c.structure.finish(BlockKind::List),
            _ => c.structure.finish(kind),
        };
        let nested = Nested {
            cells: parts.nested,
            content: match (kind, c.inner_start) {
                // A quote, `details` or the like holding a table or a list: the browser lays its
                // content out as boxes of their own (a quote of paragraphs keeps its items).
                (BlockKind::Quote | BlockKind::Other, Some(start))
                    if (c.has_table || c.has_list) && start <= end && !c.own_list =>
                {
                    Some(start..end)
                }
                // A figure whose picture sits in a paragraph (`<figure><p><img></p>
                // <figcaption>`): the paragraph's margins stand between picture and caption.
                (BlockKind::Image, Some(start))
                    if tag == Tag::Figure && c.has_paragraph && start <= end =>
                {
                    Some(start..end)
                }
                _ => None,
            },
        };
        // An ad's label ("Advertisement") is not article text.
        let (text, preformatted, runs) = match (kind, c.pre) {
            (BlockKind::Ad, _) => (String::new(), false, Vec::new()),
            // `pre`'s first line feed is not text (HTML drops it), nor are its trailing ones.
            (_, Some(pre)) if kind.has_text_layout() => {
                let t = pre.text.as_str();
                let t = t.strip_prefix("\r\n").or(t.strip_prefix('\n')).unwrap_or(t);
                let t = t.trim_end();
                (
                    t.replace("\r\n", "\n").replace('\r', "\n"),
                    true,
                    Vec::new(),
                )
            }
            _ => {
                let (text, runs) = c.text.into_text_and_runs();
                (text, false, runs)
            }
        };
        let level = match kind {
            BlockKind::Headline | BlockKind::Heading => c.level,
            _ => None,
        };
        let block = Block {
            kind,
            text,
            runs,
            height_px: size.height_px,
            aspect: size.aspect,
            width_px: size.width_px,
            level,
            items: parts.items,
            item_depths: parts.item_depths,
            rows: parts.rows,
            preformatted,
            container: c
                .container
                .filter(|_| matches!(kind, BlockKind::Image | BlockKind::Embed)),
            pictures: match kind {
                BlockKind::Embed | BlockKind::Ad => Vec::new(),
                _ => parts.pictures,
            },
            region: match tag {
                Tag::Excluded(region) => Some(region),
                _ => None,
            },
            ..Block::default()
        };
        Some((block, nested))
    }
}
