//! The HTML reader's first pass: the content root of a whole document.

use super::tokenizer::{Token, Tokenizer};
use super::Origin;
use crate::error::Error;

/// Finds the content root's start tag offset, if the input is a whole document (doctype,
/// `html`, `head` or `body` present) with an `article`, `main` or `body`. A declared charset
/// is not the reader's concern: its text is decoded already (`source::prescan_meta` found the
/// encoding from the bytes).
pub(super) fn prescan(_origin: Origin<'_>, text: &str) -> Result<Option<usize>, Error> {
    let mut whole = false;
    let mut body = None;
    let mut main = None;
    let mut best_article: Option<(usize, usize)> = None;
    let mut article_depth = 0usize;
    let mut article_start = 0;
    for token in Tokenizer::new(text) {
        match token {
            Token::Doctype { .. } => whole = true,
            Token::Start { name, start, .. } => match &*name {
                "html" | "head" => whole = true,
                "body" => {
                    whole = true;
                    body.get_or_insert(start);
                }
                "main" => {
                    main.get_or_insert(start);
                }
                "article" => {
                    if article_depth == 0 {
                        article_start = start;
                    }
                    article_depth += 1;
                }
                _ => {}
            },
            Token::End { name, end, .. } if name == "article" && article_depth > 0 => {
                article_depth -= 1;
                if article_depth == 0 {
                    keep_largest(&mut best_article, article_start, end);
                }
            }
            _ => {}
        }
    }
    if article_depth > 0 {
        keep_largest(&mut best_article, article_start, text.len());
    }
    if !whole {
        return Ok(None);
    }
    Ok(best_article.map(|(s, _)| s).or(main).or(body))
}

fn keep_largest(best: &mut Option<(usize, usize)>, start: usize, end: usize) {
    let len = end.saturating_sub(start);
    if best.is_none_or(|(_, l)| len > l) {
        *best = Some((start, len));
    }
}
