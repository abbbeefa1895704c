//! Selectors of a stylesheet: parsed from CSS tokens into the subset adslot matches, with their
//! specificity, and matched against an element and its ancestors.
//!
//! Supported: type, universal, `.class`, `#id`, attribute selectors (all operators), the
//! descendant and child combinators, `:is()`/`:where()`/`:not()`, `:root`, `:first-child`,
//! `:first-of-type`, `:nth-child()`, `:nth-of-type()`, `:link`/`:any-link`; the ones that count
//! from the end (`:last-child`, `:last-of-type`, `:only-child`, `:only-of-type`,
//! `:nth-last-child()`, `:nth-last-of-type()`) match where the walk says what follows an element
//! (a walk that cannot look ahead matches none of them); user-action and form-state
//! pseudo-classes (`:hover`, `:focus`, `:visited`, `:checked`...) never match, as on a page at
//! rest. Not supported (the selector is dropped and reported): sibling combinators, `:empty`,
//! `:has()`, `:lang()`, namespaces and nesting (`&`). Pseudo-elements (`::before`) style no
//! element.

use cssparser::{Parser, Token};

pub use super::element::ElementData;

/// A complex selector, subject first: `compounds[0]` is the element styled, `combinators[i]`
/// relates `compounds[i]` to `compounds[i + 1]` on its left.
#[derive(Clone, Debug, PartialEq)]
pub struct Complex {
    compounds: Vec<Compound>,
    combinators: Vec<Combinator>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Combinator {
    Descendant,
    Child,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Compound {
    tag: Option<String>,
    ids: Vec<String>,
    classes: Vec<String>,
    attrs: Vec<AttrSelector>,
    pseudos: Vec<Pseudo>,
}

#[derive(Clone, Debug, PartialEq)]
struct AttrSelector {
    name: String,
    op: AttrOp,
    value: String,
    case_insensitive: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AttrOp {
    Exists,
    Equals,
    Includes,
    Dash,
    Prefix,
    Suffix,
    Substring,
}

#[derive(Clone, Debug, PartialEq)]
enum Pseudo {
    Root,
    Link,
    Never,
    Nth {
        a: i32,
        b: i32,
        of_type: bool,
    },
    /// Counted from the end; never matches where the walk does not know what follows.
    NthLast {
        a: i32,
        b: i32,
        of_type: bool,
    },
    /// The first and the last at once.
    Only {
        of_type: bool,
    },
    Not(Vec<Complex>),
    Is {
        args: Vec<Complex>,
        zero: bool,
    },
}

/// Why a selector is not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectorProblem {
    /// Valid CSS that adslot does not match (the reason names the part).
    Unsupported(String),
    /// It selects a pseudo-element, not an element.
    PseudoElement(String),
    /// Not a valid selector: the whole rule is dropped, as browsers do.
    Invalid,
}

/// `(ids, classes, types)` packed so that comparing the numbers compares specificity.
pub type Specificity = u32;

fn pack(ids: u32, classes: u32, types: u32) -> Specificity {
    (ids.min(1023) << 20) | (classes.min(1023) << 10) | types.min(1023)
}

const NEVER: &[&str] = &[
    "hover",
    "active",
    "focus",
    "focus-visible",
    "focus-within",
    "visited",
    "target",
    "target-within",
    "checked",
    "disabled",
    "enabled",
    "indeterminate",
    "placeholder-shown",
    "autofill",
    "-webkit-autofill",
    "invalid",
    "valid",
    "user-invalid",
    "user-valid",
    "required",
    "optional",
    "in-range",
    "out-of-range",
    "read-write",
    "default",
    "fullscreen",
    "modal",
    "open",
    "popover-open",
    "playing",
    "paused",
    "defined",
    "local-link",
];
const LEGACY_PSEUDO_ELEMENTS: &[&str] = &["before", "after", "first-line", "first-letter"];

type Result<T> = std::result::Result<T, SelectorProblem>;

/// Parses a selector list; each selector is kept or comes back with why it is not used.
/// An invalid selector invalidates the whole list (as in a style rule's prelude).
pub fn parse_list(input: &mut Parser<'_>) -> Result<Vec<Result<Complex>>> {
    let mut out = Vec::new();
    loop {
        let one = input.parse_until_before(cssparser::Delimiter::Comma, |i| {
            let one = complex(i);
            // What follows an unsupported part is skipped (the delimited parser must be used up).
            while i.next().is_ok() {}
            Ok::<_, cssparser::ParseError<()>>(one)
        });
        let one = one.unwrap_or(Err(SelectorProblem::Invalid));
        if one == Err(SelectorProblem::Invalid) {
            return Err(SelectorProblem::Invalid);
        }
        out.push(one);
        match input.next() {
            Ok(Token::Comma) => continue,
            Err(_) => return Ok(out),
            Ok(_) => return Err(SelectorProblem::Invalid),
        }
    }
}

fn unsupported<T>(what: impl Into<String>) -> Result<T> {
    Err(SelectorProblem::Unsupported(what.into()))
}

/// One complex selector (up to the end of `input`).
fn complex(input: &mut Parser<'_>) -> Result<Complex> {
    let mut compounds = vec![Compound::default()];
    let mut combinators = Vec::new();
    let mut empty = true;
    let mut pending_space = false;
    input.skip_whitespace();
    while let Ok(token) = input.next_including_whitespace() {
        let token = token.clone();
        let start_compound = |compounds: &mut Vec<Compound>,
                              combinators: &mut Vec<Combinator>,
                              empty: &mut bool,
                              space: &mut bool,
                              c: Combinator| {
            compounds.push(Compound::default());
            combinators.push(c);
            *empty = true;
            *space = false;
        };
        match token {
            Token::WhiteSpace(_) => {
                if !empty {
                    pending_space = true;
                }
                continue;
            }
            Token::Delim('>') => {
                if empty {
                    return Err(SelectorProblem::Invalid);
                }
                start_compound(
                    &mut compounds,
                    &mut combinators,
                    &mut empty,
                    &mut pending_space,
                    Combinator::Child,
                );
                continue;
            }
            Token::Delim('+') | Token::Delim('~') => {
                return unsupported("sibling combinators (`+`, `~`)");
            }
            Token::Delim('&') => return unsupported("nesting (`&`)"),
            Token::Delim('|') => return unsupported("namespaces"),
            _ => {}
        }
        if pending_space {
            start_compound(
                &mut compounds,
                &mut combinators,
                &mut empty,
                &mut pending_space,
                Combinator::Descendant,
            );
        }
        let last = compounds.len() - 1;
        let c = &mut compounds[last];
        match token {
            Token::Ident(name) if empty => c.tag = Some(name.to_ascii_lowercase()),
            Token::Delim('*') if empty => {}
            Token::Delim('.') => match input.next_including_whitespace() {
                Ok(Token::Ident(class)) => c.classes.push(class.to_string()),
                _ => return Err(SelectorProblem::Invalid),
            },
            Token::IDHash(id) => c.ids.push(id.to_string()),
            Token::SquareBracketBlock => {
                let attr = input
                    .parse_nested_block(|i| Ok::<_, cssparser::ParseError<()>>(attribute(i)))
                    .unwrap_or(Err(SelectorProblem::Invalid))?;
                c.attrs.push(attr);
            }
            Token::Colon => {
                let p = pseudo(input)?;
                c.pseudos.push(p);
            }
            _ => return Err(SelectorProblem::Invalid),
        }
        empty = false;
    }
    if empty {
        // Nothing, or a trailing combinator.
        return Err(SelectorProblem::Invalid);
    }
    compounds.reverse();
    combinators.reverse();
    Ok(Complex {
        compounds,
        combinators,
    })
}

fn attribute(input: &mut Parser<'_>) -> Result<AttrSelector> {
    let name = match input.next() {
        Ok(Token::Ident(n)) => n.to_ascii_lowercase(),
        Ok(Token::Delim('|')) | Ok(Token::Delim('*')) => return unsupported("namespaces"),
        _ => return Err(SelectorProblem::Invalid),
    };
    let op = match input.next() {
        Err(_) => {
            return Ok(AttrSelector {
                name,
                op: AttrOp::Exists,
                value: String::new(),
                case_insensitive: false,
            })
        }
        Ok(Token::Delim('=')) => AttrOp::Equals,
        Ok(Token::IncludeMatch) => AttrOp::Includes,
        Ok(Token::DashMatch) => AttrOp::Dash,
        Ok(Token::PrefixMatch) => AttrOp::Prefix,
        Ok(Token::SuffixMatch) => AttrOp::Suffix,
        Ok(Token::SubstringMatch) => AttrOp::Substring,
        Ok(_) => return Err(SelectorProblem::Invalid),
    };
    let value = match input.next() {
        Ok(Token::Ident(v)) | Ok(Token::QuotedString(v)) => v.to_string(),
        _ => return Err(SelectorProblem::Invalid),
    };
    let case_insensitive = match input.next() {
        Err(_) => false,
        Ok(Token::Ident(f)) if f.eq_ignore_ascii_case("i") => true,
        Ok(Token::Ident(f)) if f.eq_ignore_ascii_case("s") => false,
        Ok(_) => return Err(SelectorProblem::Invalid),
    };
    Ok(AttrSelector {
        name,
        op,
        value,
        case_insensitive,
    })
}

fn pseudo(input: &mut Parser<'_>) -> Result<Pseudo> {
    let token = input
        .next_including_whitespace()
        .map_err(|_| SelectorProblem::Invalid)?
        .clone();
    match token {
        Token::Colon => match input.next_including_whitespace() {
            Ok(Token::Ident(name)) | Ok(Token::Function(name)) => Err(
                SelectorProblem::PseudoElement(format!("::{}", name.to_ascii_lowercase())),
            ),
            _ => Err(SelectorProblem::Invalid),
        },
        Token::Ident(name) => {
            let name = name.to_ascii_lowercase();
            if LEGACY_PSEUDO_ELEMENTS.contains(&name.as_str()) {
                return Err(SelectorProblem::PseudoElement(format!("::{name}")));
            }
            match name.as_str() {
                "root" => Ok(Pseudo::Root),
                "link" | "any-link" | "-webkit-any-link" => Ok(Pseudo::Link),
                "first-child" => Ok(Pseudo::Nth {
                    a: 0,
                    b: 1,
                    of_type: false,
                }),
                "first-of-type" => Ok(Pseudo::Nth {
                    a: 0,
                    b: 1,
                    of_type: true,
                }),
                "last-child" | "last-of-type" => Ok(Pseudo::NthLast {
                    a: 0,
                    b: 1,
                    of_type: name == "last-of-type",
                }),
                "only-child" | "only-of-type" => Ok(Pseudo::Only {
                    of_type: name == "only-of-type",
                }),
                n if NEVER.contains(&n) => Ok(Pseudo::Never),
                n => unsupported(format!("`:{n}`")),
            }
        }
        Token::Function(name) => {
            let name = name.to_ascii_lowercase();
            let parsed = input
                .parse_nested_block(|i| Ok::<_, cssparser::ParseError<()>>(function(&name, i)));
            parsed.unwrap_or(Err(SelectorProblem::Invalid))
        }
        _ => Err(SelectorProblem::Invalid),
    }
}

fn function(name: &str, input: &mut Parser<'_>) -> Result<Pseudo> {
    match name {
        "nth-child" | "nth-of-type" | "nth-last-child" | "nth-last-of-type" => {
            let (a, b) = cssparser::parse_nth(input).map_err(|_| SelectorProblem::Invalid)?;
            if !input.is_exhausted() {
                while input.next().is_ok() {}
                return unsupported(format!("`:{name}(... of S)`"));
            }
            let of_type = name.ends_with("of-type");
            Ok(if name.starts_with("nth-last") {
                Pseudo::NthLast { a, b, of_type }
            } else {
                Pseudo::Nth { a, b, of_type }
            })
        }
        "is" | "where" | "matches" | "-webkit-any" | "any" | "not" => {
            // Forgiving: arguments adslot cannot use are dropped (and reported with the rule).
            let list = parse_list(input)?;
            let mut args = Vec::new();
            for one in list {
                match one {
                    Ok(c) => args.push(c),
                    // A `:not()` of something unknown cannot be decided.
                    Err(problem) if name == "not" => return Err(problem),
                    Err(_) => {}
                }
            }
            if name == "not" {
                Ok(Pseudo::Not(args))
            } else {
                Ok(Pseudo::Is {
                    args,
                    zero: name == "where",
                })
            }
        }
        n => {
            // Valid CSS adslot does not match (`:has()`, `:lang()`...): its arguments are
            // skipped so that only this selector is dropped, not the rule.
            while input.next().is_ok() {}
            unsupported(format!("`:{n}()`"))
        }
    }
}

impl Complex {
    /// Specificity: ids, then classes, attributes and pseudo-classes, then types.
    pub fn specificity(&self) -> Specificity {
        let (mut a, mut b, mut c) = (0, 0, 0);
        for compound in &self.compounds {
            let (x, y, z) = compound.specificity();
            a += x;
            b += y;
            c += z;
        }
        pack(a, b, c)
    }

    /// What the rule index files the selector under: its subject's id, else a class, else its
    /// tag (`None`: any element).
    pub fn key(&self) -> Key<'_> {
        let subject = &self.compounds[0];
        if let Some(id) = subject.ids.first() {
            Key::Id(id)
        } else if let Some(class) = subject.classes.first() {
            Key::Class(class)
        } else if let Some(tag) = &subject.tag {
            Key::Tag(tag)
        } else {
            Key::Any
        }
    }

    /// Whether the last element of `path` (its ancestors before it, the root first) matches.
    pub fn matches(&self, path: &[ElementData]) -> bool {
        !path.is_empty() && self.match_from(0, path)
    }

    fn match_from(&self, part: usize, path: &[ElementData]) -> bool {
        let Some((element, ancestors)) = path.split_last() else {
            return false;
        };
        if !self.compounds[part].matches(element, path) {
            return false;
        }
        if part + 1 == self.compounds.len() {
            return true;
        }
        match self.combinators[part] {
            Combinator::Child => self.match_from(part + 1, ancestors),
            Combinator::Descendant => (1..=ancestors.len())
                .rev()
                .any(|n| self.match_from(part + 1, &ancestors[..n])),
        }
    }
}

/// Where a selector is filed in the rule index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key<'a> {
    /// By the subject's id.
    Id(&'a str),
    /// By one of the subject's classes.
    Class(&'a str),
    /// By the subject's tag.
    Tag(&'a str),
    /// Not filed: tried on every element.
    Any,
}

impl Compound {
    fn specificity(&self) -> (u32, u32, u32) {
        let mut a = self.ids.len() as u32;
        let mut b = (self.classes.len() + self.attrs.len()) as u32;
        let mut c = u32::from(self.tag.is_some());
        for p in &self.pseudos {
            match p {
                // The most specific argument counts, in its own columns.
                Pseudo::Not(args) | Pseudo::Is { args, zero: false } => {
                    let max = args.iter().map(Complex::specificity).max().unwrap_or(0);
                    a += max >> 20;
                    b += (max >> 10) & 1023;
                    c += max & 1023;
                }
                Pseudo::Is { zero: true, .. } => {}
                _ => b += 1,
            }
        }
        (a, b, c)
    }

    /// Whether `element`, the last of `path`, matches.
    fn matches(&self, element: &ElementData, path: &[ElementData]) -> bool {
        if self.tag.as_ref().is_some_and(|t| *t != element.tag) {
            return false;
        }
        if !self
            .ids
            .iter()
            .all(|id| element.id.as_deref() == Some(id.as_str()))
        {
            return false;
        }
        if !self.classes.iter().all(|c| element.classes.contains(c)) {
            return false;
        }
        if !self.attrs.iter().all(|a| a.matches(element)) {
            return false;
        }
        self.pseudos.iter().all(|p| match p {
            Pseudo::Root => path.len() == 1,
            Pseudo::Link => {
                matches!(element.tag.as_str(), "a" | "area") && element.attr("href").is_some()
            }
            Pseudo::Never => false,
            Pseudo::Nth { a, b, of_type } => {
                let index = i64::from(if *of_type {
                    element.type_index
                } else {
                    element.index
                });
                nth(i64::from(*a), i64::from(*b), index)
            }
            Pseudo::NthLast { a, b, of_type } => {
                let from_end = if *of_type {
                    element.type_index_from_end
                } else {
                    element.index_from_end
                };
                from_end.is_some_and(|i| nth(i64::from(*a), i64::from(*b), i64::from(i)))
            }
            Pseudo::Only { of_type } => {
                let (index, from_end) = if *of_type {
                    (element.type_index, element.type_index_from_end)
                } else {
                    (element.index, element.index_from_end)
                };
                index == 1 && from_end == Some(1)
            }
            Pseudo::Not(args) => !args.iter().any(|c| c.matches(path)),
            Pseudo::Is { args, .. } => args.iter().any(|c| c.matches(path)),
        })
    }
}

/// Whether `index` (1-based) is `a*n + b` for some n >= 0.
fn nth(a: i64, b: i64, index: i64) -> bool {
    if a == 0 {
        return index == b;
    }
    let d = index - b;
    d % a == 0 && d / a >= 0
}

impl AttrSelector {
    fn matches(&self, element: &ElementData) -> bool {
        let Some(actual) = element.attr(&self.name) else {
            return false;
        };
        let (actual, want) = if self.case_insensitive {
            (actual.to_lowercase(), self.value.to_lowercase())
        } else {
            (actual.to_string(), self.value.clone())
        };
        match self.op {
            AttrOp::Exists => true,
            AttrOp::Equals => actual == want,
            AttrOp::Includes => actual.split_ascii_whitespace().any(|w| w == want),
            AttrOp::Dash => actual == want || actual.starts_with(&format!("{want}-")),
            AttrOp::Prefix => !want.is_empty() && actual.starts_with(&want),
            AttrOp::Suffix => !want.is_empty() && actual.ends_with(&want),
            AttrOp::Substring => !want.is_empty() && actual.contains(&want),
        }
    }
}

#[cfg(test)]
mod tests;
