//! The CSS selector subset of rule files: parsed once, matched against an element's name and attributes.

use std::fmt;

/// A parsed selector list: `tag`, `.class`, `#id`, `[attr]`, `[attr=value]`, compounds of
/// those (`div.ad[data-slot]`), the descendant (`article p`) and child (`main > div`)
/// combinators, and comma lists. It keeps the text it was parsed from, which is how it prints,
/// compares and serializes.
///
/// ```
/// use adslot::markup::Selector;
/// let s = Selector::parse("div.ad, [data-ad], #top-ad").unwrap();
/// let attrs = [("class", "story ad"), ("id", "x")];
/// let get = |name: &str| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
/// assert!(s.matches("div", get));
/// assert!(!s.matches("span", get));
/// assert_eq!(s.to_string(), "div.ad, [data-ad], #top-ad");
/// ```
#[derive(Clone)]
pub struct Selector {
    source: String,
    alternatives: Vec<Complex>,
}

/// One alternative: the compound the element itself must match, then, innermost first, what
/// its ancestors must match.
#[derive(Clone, Debug)]
struct Complex {
    subject: Compound,
    /// `(child, compound)`: `child` when the combinator before it is `>` (the parent must
    /// match), else some ancestor must.
    ancestors: Vec<(bool, Compound)>,
}

/// An ancestor of the element a selector is matched against: its name and attributes.
pub trait Ancestor {
    /// The element name, lowercase.
    fn name(&self) -> &str;
    /// The value of the attribute `name` (lowercase), if present.
    fn attr(&self, name: &str) -> Option<&str>;
}

impl<T: Ancestor + ?Sized> Ancestor for &T {
    fn name(&self) -> &str {
        (**self).name()
    }

    fn attr(&self, name: &str) -> Option<&str> {
        (**self).attr(name)
    }
}

/// A selector outside the supported subset, with what is not supported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unsupported selector `{selector}`: {reason}; supported are tag, .class, #id, [attr], \
     [attr=value], compounds of those, the descendant and child (`>`) combinators and comma \
     lists"
)]
pub struct SelectorError {
    /// The selector as written.
    pub selector: String,
    /// What in it is not supported.
    pub reason: &'static str,
}

/// One compound selector: every part must hold.
#[derive(Clone, Debug, Default)]
struct Compound {
    tag: Option<String>,
    classes: Vec<String>,
    ids: Vec<String>,
    attrs: Vec<(String, Option<String>)>,
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || !c.is_ascii()
}

/// Length in bytes of the identifier `s` starts with.
fn ident_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, ch)| !is_ident(ch))
        .map_or(s.len(), |(i, _)| i)
}

impl Selector {
    /// Parses a selector list, or says what in it is outside the supported subset.
    ///
    /// ```
    /// use adslot::markup::Selector;
    /// assert!(Selector::parse("div.ad, [data-ad], #top-ad, article > div p").is_ok());
    /// let e = Selector::parse("div + p").unwrap_err();
    /// assert!(e.to_string().contains("`div + p`: sibling combinators and pseudo-classes"));
    /// ```
    pub fn parse(s: &str) -> Result<Selector, SelectorError> {
        let unsupported = |reason: &'static str| SelectorError {
            selector: s.to_string(),
            reason,
        };
        let mut alternatives = Vec::new();
        for part in s.split(',') {
            let part = part.trim();
            if part.is_empty() {
                return Err(unsupported("empty selector"));
            }
            alternatives.push(parse_complex(part).map_err(unsupported)?);
        }
        Ok(Selector {
            source: s.to_string(),
            alternatives,
        })
    }

    /// The selector as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether an element named `name` (lowercase) with the attributes `attr` gives (by
    /// lowercase name; the first of duplicates, as HTML keeps) matches any alternative. An
    /// alternative with combinators needs the element's ancestors: see
    /// [`Selector::matches_in`]; here it never matches.
    pub fn matches<'a>(&self, name: &str, attr: impl Fn(&str) -> Option<&'a str>) -> bool {
        self.alternatives
            .iter()
            .any(|c| c.ancestors.is_empty() && c.subject.matches(name, &attr))
    }

    /// As [`Selector::matches`], with the element's ancestors, innermost (the parent) first.
    ///
    /// ```
    /// use adslot::markup::{Ancestor, Selector};
    /// struct E(&'static str, &'static str);
    /// impl Ancestor for E {
    ///     fn name(&self) -> &str { self.0 }
    ///     fn attr(&self, n: &str) -> Option<&str> { (n == "class").then_some(self.1) }
    /// }
    /// let s = Selector::parse("article > .body p").unwrap();
    /// let no_attr = |_: &str| None;
    /// assert!(s.matches_in("p", no_attr, &[E("div", "inner"), E("div", "body"), E("article", "")]));
    /// assert!(!s.matches_in("p", no_attr, &[E("div", "body"), E("section", ""), E("article", "")]));
    /// ```
    pub fn matches_in<'a, A: Ancestor>(
        &self,
        name: &str,
        attr: impl Fn(&str) -> Option<&'a str>,
        ancestors: &[A],
    ) -> bool {
        self.alternatives
            .iter()
            .any(|c| c.subject.matches(name, &attr) && ancestors_match(&c.ancestors, ancestors))
    }
}

/// Whether `path` (innermost first) satisfies `parts` (innermost first), backtracking over
/// descendant combinators.
fn ancestors_match<A: Ancestor>(parts: &[(bool, Compound)], path: &[A]) -> bool {
    let Some(((child, compound), rest)) = parts.split_first() else {
        return true;
    };
    let fits = |e: &A| compound.matches(e.name(), &|n| e.attr(n));
    if *child {
        return path
            .split_first()
            .is_some_and(|(e, up)| fits(e) && ancestors_match(rest, up));
    }
    (0..path.len()).any(|i| fits(&path[i]) && ancestors_match(rest, &path[i + 1..]))
}

impl Compound {
    fn matches<'a>(&self, name: &str, attr: &impl Fn(&str) -> Option<&'a str>) -> bool {
        self.tag.as_deref().is_none_or(|t| t == name)
            && self.ids.iter().all(|id| attr("id") == Some(id.as_str()))
            && self.classes.iter().all(|class| {
                attr("class").is_some_and(|v| v.split_ascii_whitespace().any(|c| c == class))
            })
            && self.attrs.iter().all(|(n, want)| match (attr(n), want) {
                (Some(_), None) => true,
                (Some(actual), Some(want)) => actual == want,
                (None, _) => false,
            })
    }
}

/// Parses compounds joined by whitespace (descendant) and `>` (child).
fn parse_complex(part: &str) -> Result<Complex, &'static str> {
    let mut compounds: Vec<(bool, Compound)> = Vec::new();
    let mut child_next = false;
    let mut rest = part.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('>') {
            if compounds.is_empty() || child_next {
                return Err("`>` without an element on each side");
            }
            child_next = true;
            rest = r.trim_start();
            continue;
        }
        // A compound runs to the next whitespace or `>` outside brackets.
        let mut depth = 0;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '[' => depth += 1,
                    ']' => depth -= 1,
                    _ => {}
                }
                depth == 0 && (c.is_whitespace() || c == '>')
            })
            .map_or(rest.len(), |(i, _)| i);
        compounds.push((child_next, parse_compound(&rest[..end])?));
        child_next = false;
        rest = rest[end..].trim_start();
    }
    if child_next {
        return Err("`>` without an element on each side");
    }
    // `a > b c`: c is the subject; its ancestors are b (descendant of... ) then a (child of b).
    let mut parts = compounds.into_iter().rev();
    let Some((mut combinator, subject)) = parts.next() else {
        return Err("empty selector");
    };
    let mut ancestors = Vec::new();
    for (child_before, compound) in parts {
        ancestors.push((combinator, compound));
        combinator = child_before;
    }
    Ok(Complex { subject, ancestors })
}

fn parse_compound(part: &str) -> Result<Compound, &'static str> {
    let mut c = Compound::default();
    let mut rest = part;
    if let Some(r) = rest.strip_prefix('*') {
        rest = r;
    } else {
        let n = ident_len(rest);
        if n > 0 {
            c.tag = Some(rest[..n].to_ascii_lowercase());
            rest = &rest[n..];
        }
    }
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let n = ident_len(r);
            if n == 0 {
                return Err("`.` without a class name");
            }
            c.classes.push(r[..n].to_string());
            rest = &r[n..];
        } else if let Some(r) = rest.strip_prefix('#') {
            let n = ident_len(r);
            if n == 0 {
                return Err("`#` without an id");
            }
            c.ids.push(r[..n].to_string());
            rest = &r[n..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']').ok_or("unclosed `[`")?;
            let inner = &r[..close];
            rest = &r[close + 1..];
            let (name, value) = match inner.split_once('=') {
                Some((n, v)) => {
                    let v = v.trim();
                    let v = v
                        .strip_prefix('"')
                        .and_then(|v| v.strip_suffix('"'))
                        .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                        .unwrap_or(v);
                    (n.trim(), Some(v.to_string()))
                }
                None => (inner.trim(), None),
            };
            if name.is_empty() || ident_len(name) != name.len() {
                return Err("attribute operators other than `=`");
            }
            c.attrs.push((name.to_ascii_lowercase(), value));
        } else {
            return Err("sibling combinators and pseudo-classes");
        }
    }
    Ok(c)
}

impl std::str::FromStr for Selector {
    type Err = SelectorError;
    fn from_str(s: &str) -> Result<Selector, SelectorError> {
        Selector::parse(s)
    }
}

impl fmt::Display for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl fmt::Debug for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Selector({:?})", self.source)
    }
}

impl PartialEq for Selector {
    fn eq(&self, other: &Selector) -> bool {
        self.source == other.source
    }
}

impl serde::Serialize for Selector {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(selector: &str, name: &str, attrs: &[(&str, &str)]) -> bool {
        let s = Selector::parse(selector).unwrap();
        s.matches(name, |n| {
            attrs.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
        })
    }

    #[test]
    fn compounds_need_every_part() {
        let attrs = [("class", "a  b"), ("id", "top"), ("data-ad", "")];
        assert!(matches("div.a.b#top[data-ad]", "div", &attrs));
        assert!(!matches("div.a.c", "div", &attrs));
        assert!(matches("*[data-ad]", "p", &attrs));
        assert!(matches("[data-ad='']", "p", &attrs));
        assert!(!matches("[data-ad=x]", "p", &attrs));
        assert!(matches("P", "p", &[]), "tag names are case-insensitive");
        assert!(matches("x, p", "p", &[]));
        assert!(
            !matches("div p", "p", &[]),
            "combinators need the ancestors"
        );
    }

    struct E(&'static str, &'static str);
    impl Ancestor for E {
        fn name(&self) -> &str {
            self.0
        }
        fn attr(&self, n: &str) -> Option<&str> {
            (n == "class").then_some(self.1)
        }
    }

    #[test]
    fn combinators_walk_the_ancestors() {
        let m = |sel: &str, path: &[E]| {
            Selector::parse(sel)
                .unwrap()
                .matches_in("p", |_| None, path)
        };
        let path = [E("div", "x"), E("section", "body"), E("main", "")];
        assert!(m("main p", &path));
        assert!(m("section.body p", &path));
        assert!(m("main > section > div > p", &path));
        assert!(m("main div > p", &path));
        assert!(!m("main > div > p", &path));
        assert!(!m("section > p", &path));
        assert!(m("main > .body p", &path), "backtracks past the first fit");
        assert!(!m("article p", &path));
        assert!(m("article p, main p", &path));
        assert!(m("main>section  >div>p", &path));
    }

    #[test]
    fn unsupported_parts_are_named() {
        for (s, why) in [
            ("div:hover", "pseudo-classes"),
            ("div + p", "sibling combinators"),
            ("> p", "`>` without"),
            ("div >", "`>` without"),
            ("a,", "empty selector"),
            (".", "without a class"),
            ("#", "without an id"),
            ("[x", "unclosed"),
            ("[x~=y]", "operators"),
        ] {
            let e = Selector::parse(s).unwrap_err();
            assert!(e.to_string().contains(why), "{s}: {e}");
            assert_eq!(e.selector, s);
        }
    }
}
