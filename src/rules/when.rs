//! Conditional rule sets (`[[when]]`): conditions on the article's metadata, its length and
//! the device, and the rule values a set overrides when they hold.

use std::cell::OnceCell;

use serde::Serialize;

use super::registry::Overrides;
use crate::article::Article;

/// One `[[when]]` set: every condition given must hold for its values to apply.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct When {
    /// Its name in explanations (`name = ..`, else `when #N`).
    pub name: String,
    /// The article's section is one of these (compared without case); empty: any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub section: Vec<String>,
    /// The article has at least one of these tags (without case); empty: no condition.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags_any: Vec<String>,
    /// The article has all of these tags (without case); empty: no condition.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags_all: Vec<String>,
    /// The article's type is one of these (without case); empty: any.
    #[serde(rename = "type", skip_serializing_if = "Vec::is_empty")]
    pub kind: Vec<String>,
    /// The article has at least this many words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_words: Option<u64>,
    /// The article has at most this many words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_words: Option<u64>,
    /// The device is one of these; empty: any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub device: Vec<String>,
    /// The rule values it sets.
    pub set: Overrides,
}

/// What a set's conditions are judged on: one article on one device. The article's words
/// are counted once, and only if a set asks.
pub(crate) struct Facts<'a> {
    article: &'a Article,
    device: &'a str,
    words: OnceCell<u64>,
}

impl<'a> Facts<'a> {
    /// The facts of `article` placed on `device`.
    pub fn new(article: &'a Article, device: &'a str) -> Facts<'a> {
        Facts {
            article,
            device,
            words: OnceCell::new(),
        }
    }

    fn words(&self) -> u64 {
        *self.words.get_or_init(|| self.article.words())
    }
}

/// Metadata compared as people write it: without case or surrounding space.
fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn one_of(value: Option<&str>, wanted: &[String]) -> bool {
    wanted.is_empty() || value.is_some_and(|v| wanted.iter().any(|w| same(v, w)))
}

impl When {
    /// Whether every condition of the set holds.
    pub(crate) fn matches(&self, facts: &Facts<'_>) -> bool {
        let a = facts.article;
        let has = |tag: &String| a.tags.iter().any(|t| same(t, tag));
        one_of(Some(facts.device), &self.device)
            && one_of(a.section.as_deref(), &self.section)
            && one_of(a.kind.as_deref(), &self.kind)
            && (self.tags_any.is_empty() || self.tags_any.iter().any(has))
            && self.tags_all.iter().all(has)
            && self.min_words.is_none_or(|n| facts.words() >= n)
            && self.max_words.is_none_or(|n| facts.words() <= n)
    }

    /// Whether the set can apply on device `name`.
    pub fn admits_device(&self, name: &str) -> bool {
        one_of(Some(name), &self.device)
    }

    /// Its conditions in words: `section business or money, tag premium, on mobile`;
    /// `always` when it has none.
    pub fn describe(&self) -> String {
        let list = |items: &[String], joiner: &str| items.join(joiner);
        let mut parts = Vec::new();
        if !self.section.is_empty() {
            parts.push(format!("section {}", list(&self.section, " or ")));
        }
        if !self.tags_any.is_empty() {
            parts.push(format!("a tag of {}", list(&self.tags_any, ", ")));
        }
        if !self.tags_all.is_empty() {
            parts.push(format!("tags {}", list(&self.tags_all, " and ")));
        }
        if !self.kind.is_empty() {
            parts.push(format!("type {}", list(&self.kind, " or ")));
        }
        if let Some(n) = self.min_words {
            parts.push(format!("at least {n} words"));
        }
        if let Some(n) = self.max_words {
            parts.push(format!("at most {n} words"));
        }
        if !self.device.is_empty() {
            parts.push(format!("on {}", list(&self.device, " or ")));
        }
        if parts.is_empty() {
            "always".to_string()
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
mod examples {
    #[test]
    fn matches() {
        use crate::rules::when::{Facts, When};
        let article = crate::Article {
            section: Some("Business ".into()),
            tags: vec!["Markets".into()],
            ..crate::Article::default()
        };
        let when = When {
            section: vec!["business".into()],
            tags_any: vec!["markets".into(), "tech".into()],
            ..When::default()
        };
        assert!(when.matches(&Facts::new(&article, "mobile")));
        let mobile_only = When {
            device: vec!["mobile".into()],
            min_words: Some(1),
            ..When::default()
        };
        assert!(!mobile_only.matches(&Facts::new(&article, "mobile"))); // no words
    }
}
