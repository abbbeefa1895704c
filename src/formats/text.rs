//! The plain-text format: paragraphs separated by blank lines, the first one the headline.

use super::{Format, Likeness, Parsed, SourceMap};
use crate::article::{Article, Block, BlockKind};

/// Plain text: read from anything (the fallback of sniffing); slots cannot be written into it.
pub static FORMAT: Format = Format {
    name: "text",
    label: "plain text",
    extensions: &["txt", "text"],
    sniff: |_| Likeness::Fallback,
    declared_encoding: None,
    read: |_, text, _| Ok(read(text)),
    slots: None,
};

/// Splits `text` into blocks at blank lines; the first block is the headline.
///
/// Lines inside a paragraph are joined with a space. The source map puts each gap at the start
/// of its paragraph's first line, and the last gap at the end of the text.
///
/// ```
/// let doc = adslot::formats::text::read("Title\n\nOne\ntwo.\n\n\nThree.");
/// let kinds: Vec<_> = doc.article.blocks.iter().map(|b| b.kind.name()).collect();
/// assert_eq!(kinds, ["headline", "paragraph", "paragraph"]);
/// assert_eq!(doc.article.blocks[1].text, "One two.");
/// assert_eq!(doc.source_map.unwrap().gaps, [0, 7, 18, 24]);
/// ```
pub fn read(text: &str) -> Parsed {
    let mut blocks = Vec::new();
    let mut gaps = Vec::new();
    let mut current: Option<(usize, String)> = None;
    // A byte order mark is not text.
    let mut offset = text.len() - text.trim_start_matches('\u{feff}').len();
    for line in text[offset..].split_inclusive('\n') {
        let content = line.trim();
        if content.is_empty() {
            if let Some((start, body)) = current.take() {
                push(&mut blocks, &mut gaps, start, body);
            }
        } else {
            match &mut current {
                Some((_, body)) => {
                    body.push(' ');
                    body.push_str(content);
                }
                None => current = Some((offset, content.to_string())),
            }
        }
        offset += line.len();
    }
    if let Some((start, body)) = current.take() {
        push(&mut blocks, &mut gaps, start, body);
    }
    gaps.push(text.len());
    Parsed {
        article: Article::new(blocks),
        source_map: Some(SourceMap { gaps }),
    }
}

fn push(blocks: &mut Vec<Block>, gaps: &mut Vec<usize>, start: usize, body: String) {
    let kind = if blocks.is_empty() {
        BlockKind::Headline
    } else {
        BlockKind::Paragraph
    };
    blocks.push(Block::new(kind, body));
    gaps.push(start);
}

#[cfg(test)]
mod tests {
    use super::read;

    #[test]
    fn empty_and_blank_inputs_have_no_blocks() {
        for input in ["", "\n\n", "  \r\n\t\n"] {
            let doc = read(input);
            assert!(doc.article.blocks.is_empty());
            assert_eq!(doc.source_map.unwrap().gaps, [input.len()]);
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_text() {
        let doc = read("\u{feff}Title\n\nBody");
        assert_eq!(doc.article.blocks[0].text, "Title");
        assert_eq!(doc.source_map.unwrap().gaps, [3, 10, 14]);
    }

    #[test]
    fn crlf_lines_are_trimmed() {
        let doc = read("T\r\n\r\nA\r\nB\r\n");
        assert_eq!(doc.article.blocks[1].text, "A B");
    }
}
