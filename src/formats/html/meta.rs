//! Article metadata a page declares: `article:section` and `article:tag` meta, and JSON-LD articles' `articleSection` and `keywords`.
//!
//! The section is the first `<meta property="article:section">` (or `name=`) with content,
//! else the first JSON-LD article's `articleSection` (its first item when a list). The tags are
//! the `article:tag` metas' contents in order (a single one is split at commas, as the
//! Guardian writes its whole list in one; several are one tag each, as the New York Times
//! writes `Trump, Donald J`), then the first JSON-LD article's `keywords` (a list, or a string
//! split at commas), without repeats (compared as rules compare them: trimmed, any case).
//!
//! A JSON-LD article is an object (at the top, in a list, or in an `@graph`) whose `@type` is,
//! or lists, `Article` or a type ending in `Article` (`NewsArticle`, `ReportageNewsArticle`,
//! ...), `BlogPosting`, `LiveBlogPosting` or `Report`. A script that is not valid JSON (pages
//! escape them in odd ways) is skipped: metadata is a hint, and a broken script is no reason to
//! refuse the page.

use serde_json::Value;

use super::tokenizer::Attr;

/// What the page's metadata says, collected during the prescan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Metadata {
    section: Option<String>,
    meta_tags: Vec<String>,
    ld_section: Option<String>,
    ld_keywords: Option<Vec<String>>,
    /// Whether the script being read is JSON-LD.
    in_ld: bool,
}

impl Metadata {
    /// Notes a start tag: a `meta` it declares, or a JSON-LD script whose text comes next.
    pub(super) fn start(&mut self, name: &str, attrs: &[Attr<'_>]) {
        let get = |n: &str| attrs.iter().find(|a| a.name == n).map(|a| a.value.trim());
        match name {
            "meta" => {
                let Some(content) = get("content").filter(|c| !c.is_empty()) else {
                    return;
                };
                let property = get("property").or(get("name")).unwrap_or("");
                if property.eq_ignore_ascii_case("article:section") {
                    self.section.get_or_insert_with(|| content.to_string());
                } else if property.eq_ignore_ascii_case("article:tag") {
                    self.meta_tags.push(content.to_string());
                }
            }
            "script" => {
                self.in_ld = get("type").is_some_and(|t| {
                    t.split(';')
                        .next()
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                });
            }
            _ => self.in_ld = false,
        }
    }

    /// Notes the text of a raw-text element (a script's, when JSON-LD).
    pub(super) fn raw_text(&mut self, text: &str) {
        if !std::mem::take(&mut self.in_ld) || self.ld_keywords.is_some() {
            return;
        }
        let json = unwrap_cdata(text);
        let Ok(value) = serde_json::from_str::<Value>(json) else {
            return;
        };
        if let Some(article) = first_article(&value, 0) {
            self.ld_section = strings(article.get("articleSection"), false)
                .into_iter()
                .next();
            self.ld_keywords = Some(strings(article.get("keywords"), true));
        }
    }

    /// The section and the tags.
    pub(super) fn finish(self) -> (Option<String>, Vec<String>) {
        let split = self.meta_tags.len() == 1;
        let mut tags: Vec<String> = Vec::new();
        let meta = self.meta_tags.iter().flat_map(|t| {
            let parts: Vec<&str> = if split {
                t.split(',').collect()
            } else {
                vec![t.as_str()]
            };
            parts
        });
        let ld = self.ld_keywords.iter().flatten().map(String::as_str);
        for tag in meta.chain(ld) {
            let tag = tag.trim();
            let key = tag.to_lowercase();
            if !tag.is_empty() && !tags.iter().any(|t| t.to_lowercase() == key) {
                tags.push(tag.to_string());
            }
        }
        let section = self
            .section
            .or(self.ld_section)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        (section, tags)
    }
}

/// The JSON inside a script, without the `<![CDATA[ ... ]]>` (or `//<![CDATA[`) pages wrap
/// it in.
fn unwrap_cdata(text: &str) -> &str {
    let t = text.trim();
    let t = t.strip_prefix("//").map_or(t, str::trim_start);
    let Some(inner) = t.strip_prefix("<![CDATA[") else {
        return t;
    };
    let inner = inner.trim_end();
    let inner = inner.strip_suffix("]]>").unwrap_or(inner).trim_end();
    inner.strip_suffix("//").unwrap_or(inner)
}

/// Whether a schema.org type names an article.
fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article") || matches!(t, "BlogPosting" | "LiveBlogPosting" | "Report")
}

/// The first article object in a JSON-LD value, in document order (nested lists and `@graph`
/// at most 8 deep: JSON-LD nests little, and a page cannot make this walk long).
fn first_article(value: &Value, depth: usize) -> Option<&serde_json::Map<String, Value>> {
    if depth > 8 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| first_article(v, depth + 1)),
        Value::Object(object) => {
            let typed = match object.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(ts)) => {
                    ts.iter().any(|t| t.as_str().is_some_and(is_article_type))
                }
                _ => false,
            };
            if typed {
                return Some(object);
            }
            object
                .get("@graph")
                .and_then(|g| first_article(g, depth + 1))
        }
        _ => None,
    }
}

/// The strings of a JSON-LD value: a string (split at commas when `split`) or a list of them.
fn strings(value: Option<&Value>, split: bool) -> Vec<String> {
    let one = |s: &str| -> Vec<String> {
        let parts: Vec<&str> = if split {
            s.split(',').collect()
        } else {
            vec![s]
        };
        parts
            .into_iter()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    match value {
        Some(Value::String(s)) => one(s),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .flat_map(one)
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokenizer::{Token, Tokenizer};
    use super::*;

    fn read(html: &str) -> (Option<String>, Vec<String>) {
        let mut m = Metadata::default();
        for token in Tokenizer::new(html) {
            match token {
                Token::Start { name, attrs, .. } => m.start(&name, &attrs),
                Token::RawText { start, end } => m.raw_text(&html[start..end]),
                _ => {}
            }
        }
        m.finish()
    }

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn article_meta() {
        let (section, t) = read(
            "<meta property=article:section content=' Environment '>\
             <meta property=article:section content=Other>\
             <meta property=article:tag content='Oceans,New Zealand, Whales,,oceans'>",
        );
        assert_eq!(section.as_deref(), Some("Environment"));
        assert_eq!(t, tags(&["Oceans", "New Zealand", "Whales"]));
        // Several tag metas are one tag each, commas and all.
        let (section, t) = read(
            "<meta content=Business name=article:section>\
             <meta property=article:tag content='Trump, Donald J'>\
             <meta property=article:tag content='Interest Rates'>\
             <meta property=article:tag content=''>",
        );
        assert_eq!(section.as_deref(), Some("Business"));
        assert_eq!(t, tags(&["Trump, Donald J", "Interest Rates"]));
        assert_eq!(
            read("<meta property=og:type content=article>"),
            (None, vec![])
        );
    }

    #[test]
    fn json_ld_articles() {
        let page = r#"<script type="application/ld+json">//<![CDATA[
            {"@context": "https://schema.org", "@graph": [
              {"@type": "WebPage", "keywords": "not, these"},
              {"@type": ["Thing", "NewsArticle"], "articleSection": ["World", "Africa"],
               "keywords": ["Zimbabwe", "Robert Mugabe", "zimbabwe"]}]}
            //]]></script>
            <script type="application/ld+json">{"@type": "Article", "keywords": "late"}</script>"#;
        let (section, t) = read(page);
        assert_eq!(section.as_deref(), Some("World"));
        assert_eq!(t, tags(&["Zimbabwe", "Robert Mugabe"]));
        // Keywords as one string are split; meta wins for the section and comes first in tags.
        let page = r#"<meta property=article:section content=Sport>
            <meta property=article:tag content=Rugby><meta property=article:tag content=Wales>
            <script type='application/ld+json; charset=utf-8'>
            {"@type": "http://schema.org/ReportageNewsArticle", "articleSection": "News",
             "keywords": "rugby, Six Nations"}</script>"#;
        let (section, t) = read(page);
        assert_eq!(section.as_deref(), Some("Sport"));
        assert_eq!(t, tags(&["Rugby", "Wales", "Six Nations"]));
    }

    #[test]
    fn other_scripts_and_broken_json_are_skipped() {
        let page = r#"<script>{"@type": "NewsArticle", "keywords": "js"}</script>
            <script type="application/ld+json">{ &#34;@type&#34;: broken</script>
            <script type="application/ld+json">{"@type": "Organization", "keywords": "org"}</script>
            <script type="application/ld+json">[[[[[[[[[[{"@type": "Article", "keywords": "deep"}]]]]]]]]]]</script>"#;
        assert_eq!(read(page), (None, vec![]));
    }
}
