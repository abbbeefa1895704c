//! The HTML reader's block pass: an explicit open-element stack, implied end tags, and one block per top-level block element.

use std::borrow::Cow;
use std::collections::HashMap;

use super::content::{Content, Tag};
use super::elements::*;
use super::prescan::Prescan;
use super::regions::{self, RegionKind};
use super::tokenizer::{Attr, Token, Tokenizer};
use super::Origin;
use crate::article::{Block, Region};
use crate::error::Error;
use crate::formats::collect::HeadlineRule;
use crate::markup::{HtmlOptions, VOID_ELEMENTS as VOID};

mod implied;
mod nested;

/// Reads the blocks of `text` (found at `origin`), with the offset of each block's gap and,
/// last, the gap after the last block. `scan` is what the prescan found: the content root's
/// start tag offset, if `text` is a whole document, and the regions that wrap the story. `headline` carries the headline rule's state in and
/// out, for HTML embedded in another document.
pub(super) fn blocks(
    origin: Origin<'_>,
    text: &str,
    scan: &Prescan,
    opts: &HtmlOptions,
    headline: &mut HeadlineRule,
) -> Result<(Vec<Block>, Vec<usize>), Error> {
    blocks_nested(origin, text, scan, opts, headline, 0)
}

/// As [`blocks`], for content `nesting` levels inside blocks (a table cell's is 1).
pub(super) fn blocks_nested(
    origin: Origin<'_>,
    text: &str,
    scan: &Prescan,
    opts: &HtmlOptions,
    headline: &mut HeadlineRule,
    nesting: usize,
) -> Result<(Vec<Block>, Vec<usize>), Error> {
    let root = scan.root;
    let mut reader = Reader {
        scan,
        text,
        origin,
        opts,
        nesting,
        max_depth: opts.max_depth.max(1),
        root_start: root,
        in_flow: root.is_none(),
        root_index: None,
        done: false,
        stack: Vec::new(),
        open_counts: HashMap::new(),
        block: None,
        run: None,
        opaque: None,
        skip: None,
        foreign: 0,
        blocks: Vec::new(),
        gaps: Vec::new(),
        last_end: None,
        end_of_root: None,
        headline: *headline,
    };
    reader.run_tokens()?;
    let mut gaps = reader.gaps;
    gaps.push(reader.last_end.or(reader.end_of_root).unwrap_or(text.len()));
    *headline = reader.headline;
    Ok((reader.blocks, gaps))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    /// Outside the content root.
    Outside,
    /// A wrapper in the flow: the content root or an element descended through.
    Wrapper { blocks_before: usize, root: bool },
    /// A transparent inline element in the flow.
    Inline,
    /// Inside a block, an opaque inline, or skipped content.
    Inner,
    /// The start of an open block.
    Block,
    /// An opaque inline element in the flow (its content joins the run).
    Opaque,
    /// Skipped content (`script`, `head`, ...).
    Skip,
}

#[derive(Debug)]
struct Frame<'a> {
    name: Cow<'a, str>,
    role: Role,
    start: usize,
    /// Whether its start tag went to the open block's or run's content (see [`Content::end`]).
    reported: bool,
    /// A wrapper's shape from its inline padding (`padding-bottom: 56.25%`), which an embed
    /// directly inside it takes.
    aspect: Option<f64>,
}

#[derive(Debug)]
struct Open {
    tag: Tag,
    start: usize,
    content: Content,
}

struct Reader<'a, 'o> {
    /// What the prescan found: the story's wrappers, unknown elements that hold blocks, link
    /// boxes and what the selectors matched (nested reads take their part of it).
    scan: &'o Prescan,
    text: &'a str,
    origin: Origin<'o>,
    opts: &'o HtmlOptions,
    /// How many blocks the text being read is inside (see [`nested`]).
    nesting: usize,
    max_depth: usize,
    /// Offset of the content root's start tag, if the input is a whole document.
    root_start: Option<usize>,
    in_flow: bool,
    root_index: Option<usize>,
    done: bool,
    stack: Vec<Frame<'a>>,
    /// How many elements of each name are open: searches for one to close are skipped when
    /// none is, which keeps deep stacks from making the work quadratic.
    open_counts: HashMap<Box<str>, usize>,
    /// The open block and its stack index.
    block: Option<(usize, Open)>,
    /// Inline content collected in the flow since the last block boundary.
    run: Option<Open>,
    /// Stack index of the opaque inline element the run is inside.
    opaque: Option<usize>,
    /// Stack index of the skipped element being read through.
    skip: Option<usize>,
    /// Open `svg`/`math` elements: there `<x/>` closes itself.
    foreign: usize,
    blocks: Vec<Block>,
    gaps: Vec<usize>,
    last_end: Option<usize>,
    end_of_root: Option<usize>,
    headline: HeadlineRule,
}

impl<'a> Reader<'a, '_> {
    fn run_tokens(&mut self) -> Result<(), Error> {
        let text = self.text;
        for token in Tokenizer::new(text) {
            match token {
                Token::Text { start, end } => self.on_text(start, end),
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                    start,
                    end,
                } => self.on_start(name, &attrs, self_closing, start, end)?,
                Token::End { name, start, end } => self.on_end(&name, start, end),
                Token::RawText { .. }
                | Token::Comment { .. }
                | Token::Doctype { .. }
                | Token::Other { .. } => {}
            }
            if self.done {
                return Ok(());
            }
        }
        let len = text.len();
        self.pop_to(0, len, len);
        if self.in_flow && !self.done {
            // The virtual root of a fragment (or a root left open) ends with the input.
            self.flush_run(len);
            self.end_of_root.get_or_insert(len);
        }
        Ok(())
    }

    fn on_text(&mut self, start: usize, end: usize) {
        let mut start = start;
        if start == 0 && self.text.starts_with('\u{feff}') {
            // The byte order mark is kept in the source, but it is not text.
            start = 3;
        }
        let raw = self.text.get(start..end).unwrap_or("");
        if self.skip.is_some() || !self.in_flow {
            return;
        }
        if let Some((_, open)) = &mut self.block {
            open.content.push_text(raw);
            return;
        }
        let blank = raw
            .find(|c: char| !c.is_whitespace())
            .map_or(raw.len(), |i| i);
        if blank == raw.len() && self.opaque.is_none() {
            if let Some(run) = &mut self.run {
                run.content.soft_break();
            }
            return;
        }
        let run = self.run.get_or_insert_with(|| Open {
            tag: Tag::Run,
            start: start + blank,
            content: Content::default(),
        });
        run.content.push_text(raw);
    }

    fn on_start(
        &mut self,
        name: Cow<'a, str>,
        attrs: &[Attr<'_>],
        self_closing: bool,
        start: usize,
        end: usize,
    ) -> Result<(), Error> {
        self.close_implied(&name, start);
        let void = VOID.contains(&&*name) || (self_closing && self.foreign > 0);

        if self.root_start == Some(start) {
            self.block = None;
            self.run = None;
            self.opaque = None;
            self.skip = None;
            self.in_flow = true;
            self.root_index = Some(self.stack.len());
            let role = Role::Wrapper {
                blocks_before: 0,
                root: true,
            };
            return self.push(name, role, start, void);
        }
        if self.skip.is_some() || !self.in_flow {
            let role = if self.in_flow {
                Role::Inner
            } else {
                Role::Outside
            };
            return self.push(name, role, start, void);
        }
        let hidden = regions::is_hidden(attrs);
        if hidden && (self.block.is_some() || self.opaque.is_some()) {
            // Inside a block, a hidden element is nothing: no text, no picture, no size.
            if void {
                return Ok(());
            }
            self.skip = Some(self.stack.len());
            return self.push(name, Role::Skip, start, false);
        }
        if let Some((_, open)) = &mut self.block {
            open.content.element(&name, attrs, end);
            return self.push_inner(name, start, void);
        }
        if self.opaque.is_some() {
            if let Some(run) = &mut self.run {
                run.content.element(&name, attrs, end);
            }
            return self.push_inner(name, start, void);
        }
        if SKIP.contains(&&*name) {
            self.skip = Some(self.stack.len());
            return self.push(name, Role::Skip, start, void);
        }
        if TABLE_PARTS.contains(&&*name) {
            // Outside a table, browsers ignore these tags; their content joins the flow.
            return Ok(());
        }
        let inline = INLINE.contains(&&*name) || OPAQUE_INLINE.contains(&&*name);
        let region = regions::classify(&name, attrs).filter(|r| {
            // A region that holds most of the story is its wrapper; an inline element is a
            // region only when hidden or an ad (`ins.adsbygoogle`).
            !self.scan.wrappers.contains(&start)
                && (!inline || matches!(r.kind, RegionKind::Hidden | RegionKind::Ad))
        });
        if let Some(region) = region {
            if region.kind == RegionKind::Hidden {
                if void {
                    return Ok(());
                }
                if !inline {
                    self.flush_run(start);
                }
                self.skip = Some(self.stack.len());
                return self.push(name, Role::Skip, start, false);
            }
        }
        // The rule file's selectors win over the built-in regions (hiding aside).
        let selected = self.selected_tag(start);
        let tag = match (selected, region.map(|r| r.kind)) {
            (Some(tag), _) => Some(tag),
            (None, Some(RegionKind::Ad)) => Some(Tag::Ad),
            (None, Some(RegionKind::Excluded(region))) => Some(Tag::Excluded(region)),
            (None, Some(RegionKind::Embed)) => Some(Tag::Embed),
            (None, None) if self.scan.link_boxes.binary_search(&start).is_ok() => {
                Some(Tag::Excluded(Region::Links))
            }
            _ => self.block_tag(&name, attrs),
        };
        if let Some(tag) = tag {
            self.flush_run(start);
            let mut content = Content::default();
            content.wrapper_aspect = self.stack.last().and_then(|f| f.aspect);
            content.element(&name, attrs, end);
            content.soft_break();
            let open = Open {
                tag,
                start,
                content,
            };
            if void {
                self.finish(open, end);
                return Ok(());
            }
            self.block = Some((self.stack.len(), open));
            return self.push(name, Role::Block, start, false);
        }
        if name == "hr" {
            self.flush_run(start);
            return Ok(());
        }
        let opaque = OPAQUE_INLINE.contains(&&*name);
        // Unknown and custom elements (`mjx-container`) are inline unless they hold blocks.
        let inline_unknown =
            is_unknown(&name) && self.scan.block_unknowns.binary_search(&start).is_err();
        if opaque || INLINE.contains(&&*name) || inline_unknown {
            if void && self.run.is_none() {
                // A lone `<br>` or `<input>` starts nothing.
                return Ok(());
            }
            let run = self.run.get_or_insert_with(|| Open {
                tag: Tag::Run,
                start,
                content: Content::default(),
            });
            run.content.element(&name, attrs, end);
            if opaque && !void {
                self.opaque = Some(self.stack.len());
                return self.push_frame(name, Role::Opaque, start, false, true);
            }
            return self.push_frame(name, Role::Inline, start, void, true);
        }
        // Everything else is a wrapper: `div`, `section`, `article`, `header`, `footer`, `aside`,
        // `main`, `nav`, `center`, and unknown or custom elements that hold blocks.
        self.flush_run(start);
        let role = Role::Wrapper {
            blocks_before: self.blocks.len(),
            root: false,
        };
        let aspect = super::embeds::wrapper_aspect(attrs);
        self.push(name, role, start, void)?;
        if let Some(frame) = self.stack.last_mut().filter(|_| !void) {
            frame.aspect = aspect;
        }
        Ok(())
    }

    /// The block the rule file's `existing_ad_selector`, `headlines_selector` or
    /// `exclude_selector` makes of the element starting at `start`, if any matches (the
    /// prescan matched them, with the ancestors).
    fn selected_tag(&self, start: usize) -> Option<Tag> {
        if self.scan.selected.ad(start) {
            return Some(Tag::Ad);
        }
        if self.scan.selected.headlines(start) {
            return Some(Tag::Headlines);
        }
        if self.scan.selected.excluded(start) {
            return Some(Tag::Excluded(Region::Selector));
        }
        None
    }

    /// The block an element in the flow starts, if it is one.
    fn block_tag(&self, name: &str, attrs: &[Attr<'_>]) -> Option<Tag> {
        if EMBED_CLASSES.iter().any(|c| has_class(attrs, c)) || EMBED_TAGS.contains(&name) {
            return Some(Tag::Embed);
        }
        Some(match name {
            "p" => Tag::Paragraph,
            "h1" => Tag::H1,
            "h2" | "h3" | "h4" | "h5" | "h6" => Tag::Heading,
            "figure" | "picture" | "img" => Tag::Figure,
            "figcaption" => Tag::Caption,
            "blockquote" => Tag::Quote,
            "ul" | "ol" | "dl" | "menu" | "dir" | "li" | "dd" | "dt" => Tag::List,
            "table" => Tag::Table,
            "pre" | "form" | "fieldset" | "details" | "summary" | "address" | "listing" | "xmp"
            | "plaintext" | "legend" => Tag::Other,
            _ => return None,
        })
    }

    /// Pushes an element inside a block or an opaque inline, whose start went to its content.
    fn push_inner(&mut self, name: Cow<'a, str>, start: usize, void: bool) -> Result<(), Error> {
        if SKIP.contains(&&*name) && !void {
            self.skip = Some(self.stack.len());
            return self.push_frame(name, Role::Skip, start, false, true);
        }
        self.push_frame(name, Role::Inner, start, void, true)
    }

    fn push(
        &mut self,
        name: Cow<'a, str>,
        role: Role,
        start: usize,
        void: bool,
    ) -> Result<(), Error> {
        self.push_frame(name, role, start, void, false)
    }

    /// Pushes a frame; `reported`: its start tag was given to the open block's or run's
    /// content, which is told when it ends.
    fn push_frame(
        &mut self,
        name: Cow<'a, str>,
        role: Role,
        start: usize,
        void: bool,
        reported: bool,
    ) -> Result<(), Error> {
        if void {
            return Ok(());
        }
        if self.stack.len() >= self.max_depth {
            return Err(self.origin.error(
                start,
                format!("nesting deeper than {} elements", self.max_depth),
                Some("check for unclosed tags, or raise [html] max_depth".to_string()),
            ));
        }
        if name == "svg" || name == "math" {
            self.foreign += 1;
        }
        match self.open_counts.get_mut(&*name) {
            Some(n) => *n += 1,
            None => {
                self.open_counts.insert(name.as_ref().into(), 1);
            }
        }
        self.stack.push(Frame {
            name,
            role,
            start,
            reported,
            aspect: None,
        });
        Ok(())
    }

    fn on_end(&mut self, name: &str, start: usize, end: usize) {
        if name == "br" {
            if let Some((_, open)) = &mut self.block {
                open.content.line_break();
            } else if let Some(run) = &mut self.run {
                run.content.line_break();
            }
            return;
        }
        if !self.is_open(name) {
            return;
        }
        // A row's, a section's or the table's end tag closes the cells open in it (table
        // scope); other end tags stop at a cell, a table and the like (scope).
        let scope = if TABLE_ENDS.contains(&name) {
            TABLE_SCOPE
        } else {
            SCOPE
        };
        for i in (0..self.stack.len()).rev() {
            let n = &*self.stack[i].name;
            if n == name {
                self.pop_to(i, start, end);
                return;
            }
            if scope.contains(&n) {
                return;
            }
        }
    }

    /// Pops frames down to and including `index`. The frame at `index` closes with its end tag
    /// at `content_end..element_end`; frames above it close implicitly at `content_end`.
    fn pop_to(&mut self, index: usize, content_end: usize, element_end: usize) {
        while self.stack.len() > index {
            let Some(frame) = self.stack.pop() else {
                return;
            };
            let i = self.stack.len();
            let element_end = if i == index { element_end } else { content_end };
            if frame.name == "svg" || frame.name == "math" {
                self.foreign = self.foreign.saturating_sub(1);
            }
            if let Some(n) = self.open_counts.get_mut(&*frame.name) {
                *n = n.saturating_sub(1);
            }
            if frame.reported {
                if let Some((_, open)) = &mut self.block {
                    open.content.end(&frame.name, content_end);
                } else if let Some(run) = &mut self.run {
                    run.content.end(&frame.name, content_end);
                }
            }
            if self.skip == Some(i) {
                self.skip = None;
            }
            if self.opaque == Some(i) {
                self.opaque = None;
            }
            match frame.role {
                Role::Block => {
                    if let Some((_, open)) = self.block.take() {
                        self.finish_at(open, content_end, element_end);
                    }
                }
                Role::Wrapper { root: true, .. } => {
                    self.flush_run(content_end);
                    self.end_of_root = Some(content_end);
                    self.in_flow = false;
                    self.done = true;
                }
                Role::Wrapper { blocks_before, .. } => {
                    if self.blocks.len() == blocks_before {
                        if let Some(mut run) = self.run.take() {
                            // A wrapper of inline content only is itself the block.
                            run.start = frame.start;
                            self.finish(run, element_end);
                        }
                    } else {
                        self.flush_run(content_end);
                    }
                }
                Role::Outside | Role::Inline | Role::Inner | Role::Opaque | Role::Skip => {}
            }
        }
    }

    fn flush_run(&mut self, end: usize) {
        if let Some(run) = self.run.take() {
            self.finish(run, end);
        }
    }

    /// Turns a closed block into a `Block` and its gap, or drops it when it holds nothing.
    fn finish(&mut self, open: Open, end: usize) {
        self.finish_at(open, end, end);
    }

    /// As [`Reader::finish`], the block's content ending at `content_end`: the blocks inside
    /// it (a cell's, a quote's table) are read from there.
    fn finish_at(&mut self, open: Open, content_end: usize, end: usize) {
        let Some((mut block, inside)) =
            open.content
                .into_block(open.tag, &mut self.headline, content_end)
        else {
            return;
        };
        let at = nested::Within {
            origin: self.origin,
            scan: self.scan,
            text: self.text,
            opts: self.opts,
            nesting: self.nesting,
        };
        nested::fill(&mut block, inside, at);
        self.blocks.push(block);
        self.gaps.push(open.start);
        self.last_end = Some(end);
    }
}
