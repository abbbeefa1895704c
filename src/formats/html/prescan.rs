//! The HTML reader's first pass: declared charsets, and the content root of a whole document.

use super::tokenizer::{Attr, Token, Tokenizer};
use super::Origin;
use crate::error::Error;

/// Checks declared charsets and finds the content root's start tag offset, if the input is a
/// whole document (doctype, `html`, `head` or `body` present) with an `article`, `main` or `body`.
pub(super) fn prescan(origin: Origin<'_>, text: &str) -> Result<Option<usize>, Error> {
    let mut whole = false;
    let mut body = None;
    let mut main = None;
    let mut best_article: Option<(usize, usize)> = None;
    let mut article_depth = 0usize;
    let mut article_start = 0;
    for token in Tokenizer::new(text) {
        match token {
            Token::Doctype { .. } => whole = true,
            Token::Start {
                name, attrs, start, ..
            } => match &*name {
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
                "meta" => check_charset(origin, &attrs, start)?,
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

fn check_charset(origin: Origin<'_>, attrs: &[Attr<'_>], at: usize) -> Result<(), Error> {
    let get = |n: &str| attrs.iter().find(|a| a.name == n).map(|a| &*a.value);
    let declared = match get("charset") {
        Some(c) => Some(c.to_string()),
        None if get("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-type")) => {
            get("content").and_then(|c| {
                let lower = c.to_ascii_lowercase();
                let i = lower.find("charset=")?;
                Some(c[i + 8..].split(';').next().unwrap_or("").to_string())
            })
        }
        None => None,
    };
    let Some(declared) = declared else {
        return Ok(());
    };
    let label = declared.trim().trim_matches(['"', '\'']).trim();
    if label.eq_ignore_ascii_case("utf-8") || label.eq_ignore_ascii_case("utf8") {
        return Ok(());
    }
    Err(origin.error(
        at,
        format!("declares charset {label}; only UTF-8 is supported"),
        Some("convert the file to UTF-8 and fix its <meta charset>".to_string()),
    ))
}
