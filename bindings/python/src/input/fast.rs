//! The hot path of reading a dict article: plain dicts, lists, strings and numbers walked
//! directly; `None` for anything else, which the serde reading then takes or locates.

use adslot::{Article, Block, BlockKind};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};

/// The article in `obj`, if it is a plain dict of the keys `id`, `lang`, `section`, `tags`
/// (a list of strings), `type` and `blocks` (a list of plain dicts of `kind`, `text`, `id`,
/// `height_px`, `aspect`) with values of their types and known kinds; `None` otherwise.
///
/// Keys are looked up (their hashes are cached, so a lookup is a hash probe and at most one
/// string comparison), and a dict holding more keys than were found holds one it does not
/// know.
pub fn article(obj: &Bound<'_, PyAny>) -> Option<Article> {
    let py = obj.py();
    let dict = obj.cast_exact::<PyDict>().ok()?;
    let blocks = dict.get_item(intern!(py, "blocks")).ok()??;
    let mut article = Article::default();
    let mut found = 1;
    if dict.len() > found {
        let id = dict.get_item(intern!(py, "id")).ok()?;
        let lang = dict.get_item(intern!(py, "lang")).ok()?;
        let section = dict.get_item(intern!(py, "section")).ok()?;
        let kind = dict.get_item(intern!(py, "type")).ok()?;
        let tags = dict.get_item(intern!(py, "tags")).ok()?;
        found += [&id, &lang, &section, &kind, &tags]
            .iter()
            .filter(|v| v.is_some())
            .count();
        if dict.len() != found {
            return None;
        }
        article.id = optional_string(id)?;
        article.lang = optional_string(lang)?;
        article.section = optional_string(section)?;
        article.kind = optional_string(kind)?;
        if let Some(tags) = tags {
            // A list of strings; `None` (JSON null) is an error of the serde reading's.
            let tags = tags.cast_exact::<PyList>().ok()?;
            article.tags = tags.iter().map(|t| string(&t)).collect::<Option<_>>()?;
        }
    }
    let list = blocks.cast_exact::<PyList>().ok()?;
    article.blocks.reserve_exact(list.len());
    for item in list.iter() {
        article.blocks.push(block(&item)?);
    }
    Some(article)
}

fn block(obj: &Bound<'_, PyAny>) -> Option<Block> {
    let py = obj.py();
    let dict = obj.cast_exact::<PyDict>().ok()?;
    let kind = dict.get_item(intern!(py, "kind")).ok()??;
    let text = dict.get_item(intern!(py, "text")).ok()?;
    let mut found = 1 + usize::from(text.is_some());
    let mut block = Block {
        kind: BlockKind::parse(&string(&kind)?).ok()?,
        text: match text {
            Some(text) => string(&text)?,
            None => String::new(),
        },
        ..Block::default()
    };
    if dict.len() > found {
        // Images and embeds: their own keys.
        let id = dict.get_item(intern!(py, "id")).ok()?;
        let height = dict.get_item(intern!(py, "height_px")).ok()?;
        let aspect = dict.get_item(intern!(py, "aspect")).ok()?;
        found += [&id, &height, &aspect]
            .iter()
            .filter(|v| v.is_some())
            .count();
        if dict.len() != found {
            return None;
        }
        block.id = optional_string(id)?;
        block.height_px = optional_number(height)?;
        block.aspect = optional_number(aspect)?;
    }
    Some(block)
}

fn string(obj: &Bound<'_, PyAny>) -> Option<String> {
    Some(
        obj.cast_exact::<PyString>()
            .ok()?
            .to_cow()
            .ok()?
            .into_owned(),
    )
}

/// An absent key, `None` (JSON null) or a string; `Some(None)` is absent or null.
fn optional_string(obj: Option<Bound<'_, PyAny>>) -> Option<Option<String>> {
    match obj {
        None => Some(None),
        Some(obj) if obj.is_none() => Some(None),
        Some(obj) => string(&obj).map(Some),
    }
}

/// An absent key, `None`, an int or a float (not a bool, which JSON does not take for a
/// number).
fn optional_number(obj: Option<Bound<'_, PyAny>>) -> Option<Option<f64>> {
    let obj = match obj {
        None => return Some(None),
        Some(obj) if obj.is_none() => return Some(None),
        Some(obj) => obj,
    };
    if obj.is_instance_of::<PyBool>() {
        return None;
    }
    if obj.is_exact_instance_of::<PyFloat>() || obj.is_exact_instance_of::<PyInt>() {
        return obj.extract::<f64>().ok().map(Some);
    }
    None
}
