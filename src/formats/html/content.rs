//! What a block holds while it is read (text, pictures and their size) and the kind it makes.

use super::elements::*;
use super::entities;
use super::media;
use super::tokenizer::Attr;
use crate::article::{Block, BlockKind, Region};
use crate::formats::collect::{HeadlineRule, TextCollector};

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
    embeds: usize,
    size: Option<media::Size>,
}

impl Content {
    pub(super) fn push_text(&mut self, raw: &str) {
        self.text.push(&entities::decode(raw));
    }

    pub(super) fn soft_break(&mut self) {
        self.text.soft_break();
    }

    pub(super) fn element(&mut self, name: &str, attrs: &[Attr<'_>]) {
        match name {
            "img" => {
                self.images += 1;
                self.note_size(attrs);
            }
            "figure" | "picture" => self.figures += 1,
            n if EMBED_TAGS.contains(&n) => {
                self.embeds += 1;
                self.note_size(attrs);
            }
            _ => {}
        }
        let inline = INLINE.contains(&name) || OPAQUE_INLINE.contains(&name) || is_unknown(name);
        if !inline || name == "br" {
            self.soft_break();
        }
    }

    /// The first image's or embed's size is the block's (a figure's picture, not its logo).
    fn note_size(&mut self, attrs: &[Attr<'_>]) {
        if self.size.is_none() {
            self.size = Some(media::size(attrs));
        }
    }

    /// The block this content makes under `tag`, or none when it holds nothing.
    pub(super) fn into_block(self, tag: Tag, headline: &mut HeadlineRule) -> Option<Block> {
        let c = self;
        let has_text = !c.text.is_empty();
        let media = if c.embeds > 0 && c.images == 0 {
            Some(BlockKind::Embed)
        } else if c.images > 0 || c.figures > 0 {
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
        // Pictures keep the size their markup gives (text and ads are laid out by the device).
        let size = match kind {
            BlockKind::Image | BlockKind::Embed => c.size.unwrap_or_default(),
            _ => media::Size::default(),
        };
        // An ad's label ("Advertisement") is not article text.
        let text = if kind == BlockKind::Ad {
            String::new()
        } else {
            c.text.into_text()
        };
        Some(Block {
            kind,
            text,
            height_px: size.height_px,
            aspect: size.aspect,
            width_px: size.width_px,
            region: match tag {
                Tag::Excluded(region) => Some(region),
                _ => None,
            },
            ..Block::default()
        })
    }
}
