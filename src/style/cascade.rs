//! The cascade: the user-agent and the publisher's stylesheet compiled for one viewport (rules
//! whose `@media` hold, filed by id, class and tag), and a [`Styler`] that computes the style of
//! each element of a document walk from its ancestors', `var()` substituted on the way.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use cssparser::{Parser, Token};

use super::computed::{compute, Cascaded, ComputedStyle, Env};
use super::sheet::{
    parse_declared, Decl, ElementData, Key, Longhand, MediaEnv, Property, Stylesheet, Value, Wide,
    LONGHANDS,
};

type Index = HashMap<String, Vec<(u8, u32)>, foldhash::fast::FixedState>;

/// The stylesheets in force on one device, compiled: parsed once per rule file, compiled once
/// per device.
#[derive(Clone, Debug)]
pub struct Cascade {
    sheets: [Option<Arc<Stylesheet>>; 2],
    by_id: Index,
    by_class: Index,
    by_tag: Index,
    any: Vec<(u8, u32)>,
    env: MediaEnv,
    /// Style rules inside `@media` of the publisher's sheet that hold on this viewport.
    pub media_rules_applied: usize,
    /// Style rules inside `@media` of the publisher's sheet that do not.
    pub media_rules_skipped: usize,
}

/// The sheet index of the user-agent stylesheet, and of the publisher's.
const UA: u8 = 0;
const AUTHOR: u8 = 1;

impl Cascade {
    /// The user-agent stylesheet and `author` (if any), for a viewport.
    ///
    /// ```
    /// use adslot::style::{Cascade, sheet::{MediaEnv, Stylesheet}};
    /// use std::sync::Arc;
    /// let css = "p { margin: 0 0 24px } @media (min-width: 600px) { p { font-size: 20px } }";
    /// let sheet = Arc::new(Stylesheet::parse("site.css", css));
    /// let cascade = Cascade::new(Some(sheet), MediaEnv { width: 375.0, height: 740.0 });
    /// let mut s = cascade.styler();
    /// s.push("html", &[]);
    /// s.push("body", &[]);
    /// let p = s.push("p", &[]);
    /// assert_eq!((p.margin.top, p.margin.bottom, p.font_px), (0.0, 24.0, 16.0));
    /// assert_eq!(cascade.media_rules_skipped, 1);
    /// ```
    pub fn new(author: Option<Arc<Stylesheet>>, env: MediaEnv) -> Cascade {
        let mut c = Cascade {
            sheets: [Some(super::ua::sheet()), author],
            by_id: Index::default(),
            by_class: Index::default(),
            by_tag: Index::default(),
            any: Vec::new(),
            env,
            media_rules_applied: 0,
            media_rules_skipped: 0,
        };
        for origin in [UA, AUTHOR] {
            let Some(sheet) = c.sheets[usize::from(origin)].clone() else {
                continue;
            };
            let holds: Vec<bool> = sheet.media.iter().map(|m| m.matches(&env)).collect();
            for (i, rule) in sheet.rules.iter().enumerate() {
                let applies = rule.media.iter().all(|&m| holds[m]);
                if origin == AUTHOR && !rule.media.is_empty() {
                    if applies {
                        c.media_rules_applied += 1;
                    } else {
                        c.media_rules_skipped += 1;
                    }
                }
                if !applies {
                    continue;
                }
                let entry = (origin, i as u32);
                match rule.selector.key() {
                    Key::Id(k) => c.by_id.entry(k.to_string()).or_default().push(entry),
                    Key::Class(k) => c.by_class.entry(k.to_string()).or_default().push(entry),
                    Key::Tag(k) => c.by_tag.entry(k.to_string()).or_default().push(entry),
                    Key::Any => c.any.push(entry),
                }
            }
        }
        c
    }

    /// The viewport it was compiled for.
    pub fn env(&self) -> MediaEnv {
        self.env
    }

    /// The publisher's stylesheet, if any.
    pub fn author(&self) -> Option<&Arc<Stylesheet>> {
        self.sheets[1].as_ref()
    }

    /// A styler for one walk over a document, starting above its root element.
    pub fn styler(&self) -> Styler<'_> {
        Styler {
            cascade: self,
            path: Vec::new(),
            styles: Vec::new(),
            siblings: vec![Siblings::default()],
            base: ComputedStyle::initial(self.env.width),
            rem: 16.0,
        }
    }

    /// The rules matching the last element of `path`, as (origin, rule) pairs.
    fn matching(&self, path: &[ElementData]) -> Vec<(u8, u32)> {
        let Some(el) = path.last() else {
            return Vec::new();
        };
        let mut candidates: Vec<(u8, u32)> = Vec::new();
        if let Some(id) = &el.id {
            candidates.extend(self.by_id.get(id).into_iter().flatten());
        }
        for class in &el.classes {
            candidates.extend(self.by_class.get(class).into_iter().flatten());
        }
        candidates.extend(self.by_tag.get(&el.tag).into_iter().flatten());
        candidates.extend(&self.any);
        candidates.retain(|&(o, i)| self.rule(o, i).selector.matches(path));
        // An element with a repeated class meets a rule twice.
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    fn rule(&self, origin: u8, i: u32) -> &super::sheet::StyleRule {
        let sheet = self.sheets[usize::from(origin)].as_deref();
        &sheet.expect("indexed rules come from a sheet").rules[i as usize]
    }

    fn block(&self, origin: u8, i: u32) -> &[Decl] {
        let sheet = self.sheets[usize::from(origin)]
            .as_deref()
            .expect("indexed rules come from a sheet");
        &sheet.blocks[sheet.rules[i as usize].block]
    }
}

/// What a walk knows of the element children an open element has had so far.
#[derive(Clone, Debug, Default)]
struct Siblings {
    total: u32,
    by_tag: Vec<(String, u32)>,
}

/// Computes styles along a document walk: [`push`](Styler::push) an element when it opens,
/// [`pop`](Styler::pop) it when it closes.
#[derive(Clone, Debug)]
pub struct Styler<'c> {
    cascade: &'c Cascade,
    path: Vec<ElementData>,
    styles: Vec<ComputedStyle>,
    siblings: Vec<Siblings>,
    base: ComputedStyle,
    rem: f64,
}

/// What follows an element among its parent's element children, for the selectors that count
/// from the end (`:last-child`, `:nth-last-of-type()`...): a walk over a built tree knows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Following {
    /// Element siblings after it.
    pub elements: u32,
    /// Of them, those with its tag.
    pub same_tag: u32,
}

/// A declaration that won a longhand.
#[derive(Clone, Copy)]
enum Winner<'a> {
    Value(&'a Value),
    Pending(&'a Decl),
}

impl Styler<'_> {
    /// Opens an element (tag name and attributes as in the document; `style` is read) and
    /// returns its computed style.
    pub fn push(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &ComputedStyle {
        self.push_with(tag, attrs, &[])
    }

    /// [`push`](Styler::push), with `overrides` applied above everything the stylesheets and
    /// the `style` attribute say (the rule file's `[device.NAME.style.KIND]` keys).
    pub fn push_with(
        &mut self,
        tag: &str,
        attrs: &[(&str, &str)],
        overrides: &[Decl],
    ) -> &ComputedStyle {
        self.push_placed(tag, attrs, overrides, None)
    }

    /// [`push_with`](Styler::push_with), told what follows the element (`None`: not known, and
    /// the selectors that count from the end do not match it).
    ///
    /// ```
    /// use adslot::style::{Following, StyleSettings, Styles};
    /// use adslot::style::sheet::Stylesheet;
    /// let css = "li { margin: 0 0 8px } li:last-child { margin-bottom: 0 }";
    /// let sheet = std::sync::Arc::new(Stylesheet::parse("site.css", css));
    /// let styles = Styles::new(StyleSettings::new(375.0, 740.0), Some(sheet), Vec::new()).unwrap();
    /// let mut s = styles.styler();
    /// s.push("ul", &[]);
    /// let first = Following { elements: 1, same_tag: 1 };
    /// assert_eq!(s.push_placed("li", &[], &[], Some(first)).margin.bottom, 8.0);
    /// s.pop();
    /// let last = Following::default();
    /// assert_eq!(s.push_placed("li", &[], &[], Some(last)).margin.bottom, 0.0);
    /// ```
    pub fn push_placed(
        &mut self,
        tag: &str,
        attrs: &[(&str, &str)],
        overrides: &[Decl],
        following: Option<Following>,
    ) -> &ComputedStyle {
        let mut el = ElementData::new(tag, attrs);
        el.index_from_end = following.map(|f| f.elements + 1);
        el.type_index_from_end = following.map(|f| f.same_tag + 1);
        let level = self
            .siblings
            .last_mut()
            .expect("the walk's top level is never popped");
        level.total += 1;
        el.index = level.total;
        el.type_index = match level.by_tag.iter_mut().find(|(t, _)| *t == el.tag) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                level.by_tag.push((el.tag.clone(), 1));
                1
            }
        };
        let inline = attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("style"))
            .map(|(_, v)| Stylesheet::parse_inline(v))
            .unwrap_or_default();
        self.path.push(el);
        let style = self.compute(&inline, overrides);
        if self.path.len() == 1 {
            self.rem = style.font_px;
        }
        self.styles.push(style);
        self.siblings.push(Siblings::default());
        self.styles.last().expect("just pushed")
    }

    /// Closes the innermost open element.
    pub fn pop(&mut self) {
        if self.path.pop().is_some() {
            self.styles.pop();
            self.siblings.pop();
        }
    }

    /// The innermost open element's style (before the first push: the initial style).
    pub fn current(&self) -> &ComputedStyle {
        self.styles.last().unwrap_or(&self.base)
    }

    /// How many elements are open.
    pub fn depth(&self) -> usize {
        self.path.len()
    }

    fn compute(&self, inline: &[Decl], overrides: &[Decl]) -> ComputedStyle {
        let c = self.cascade;
        let parent = self.current();
        let matched = c.matching(&self.path);
        let key = |&(o, i): &(u8, u32)| {
            let r = c.rule(o, i);
            (r.layer, r.specificity, r.order)
        };
        let mut ua: Vec<(u8, u32)> = matched.iter().copied().filter(|m| m.0 == UA).collect();
        ua.sort_by_key(key);
        let mut author: Vec<(u8, u32)> =
            matched.iter().copied().filter(|m| m.0 == AUTHOR).collect();
        author.sort_by_key(key);

        let mut acc = Acc {
            win: [None; LONGHANDS],
            custom: parent.custom.clone(),
            declared: Vec::new(),
        };
        let mut ua_win: [Option<&Value>; LONGHANDS] = [None; LONGHANDS];
        let ua_blocks: Vec<&[Decl]> = ua.iter().map(|&(o, i)| c.block(o, i)).collect();
        let author_blocks: Vec<&[Decl]> = author.iter().map(|&(o, i)| c.block(o, i)).collect();
        // 1. User-agent normal declarations.
        for d in ua_blocks
            .iter()
            .flat_map(|b| b.iter())
            .filter(|d| !d.important())
        {
            if let Decl::Longhand {
                property, value, ..
            } = d
            {
                ua_win[*property as usize] = Some(value);
            }
            acc.apply(d);
        }
        // 2. The publisher's normal declarations, then the style attribute's.
        for d in author_blocks.iter().flat_map(|b| b.iter()).chain(inline) {
            if !d.important() {
                acc.apply(d);
            }
        }
        // 3. The publisher's important ones: earlier layers win, the style attribute last.
        if author_blocks
            .iter()
            .flat_map(|b| b.iter())
            .chain(inline)
            .any(Decl::important)
        {
            let mut important = author.clone();
            important.sort_by_key(|m| {
                let (layer, spec, order) = key(m);
                (std::cmp::Reverse(layer), spec, order)
            });
            for &(o, i) in &important {
                for d in c.block(o, i).iter().filter(|d| d.important()) {
                    acc.apply(d);
                }
            }
            for d in inline.iter().filter(|d| d.important()) {
                acc.apply(d);
            }
        }
        // 4. User-agent important declarations, then the rule file's overrides.
        for d in ua_blocks
            .iter()
            .flat_map(|b| b.iter())
            .filter(|d| d.important())
        {
            acc.apply(d);
        }
        for d in overrides {
            acc.apply(d);
        }
        let Acc {
            win,
            mut custom,
            declared,
        } = acc;
        resolve_custom(&mut custom, &declared);

        let mut cascaded: Cascaded = std::array::from_fn(|_| None);
        let mut pending: Vec<(&Decl, Substituted)> = Vec::new();
        for (i, w) in win.iter().enumerate() {
            cascaded[i] = match w {
                None => None,
                Some(Winner::Value(Value::Wide(Wide::Revert))) => ua_win[i].cloned(),
                Some(Winner::Value(v)) => Some((*v).clone()),
                Some(Winner::Pending(d)) => {
                    let known = pending.iter().position(|(p, _)| std::ptr::eq(*p, *d));
                    let index = known.unwrap_or_else(|| {
                        pending.push((d, substitute_decl(d, &custom)));
                        pending.len() - 1
                    });
                    let values = &pending[index].1;
                    let l = Longhand::ALL[i];
                    Some(
                        values
                            .as_ref()
                            .and_then(|vs| vs.iter().find(|(x, _)| *x == l))
                            .map_or(Value::Wide(Wide::Unset), |(_, v)| v.clone()),
                    )
                }
            };
        }
        let env = Env {
            rem: self.rem,
            viewport_width: c.env.width,
            viewport_height: c.env.height,
        };
        compute(parent, &cascaded, custom, &env, self.path.len() == 1)
    }
}

/// The declarations winning each longhand so far, and the custom properties.
struct Acc<'a> {
    win: [Option<Winner<'a>>; LONGHANDS],
    custom: Arc<BTreeMap<Arc<str>, Arc<str>>>,
    declared: Vec<Arc<str>>,
}

impl<'a> Acc<'a> {
    fn apply(&mut self, d: &'a Decl) {
        match d {
            Decl::Longhand {
                property, value, ..
            } => {
                self.win[*property as usize] = Some(Winner::Value(value));
            }
            Decl::Custom { name, raw, .. } => {
                Arc::make_mut(&mut self.custom).insert(name.clone(), raw.clone());
                self.declared.push(name.clone());
            }
            Decl::Pending { property, .. } => {
                for l in longhands_of(*property) {
                    self.win[l as usize] = Some(Winner::Pending(d));
                }
            }
        }
    }
}

/// A pending declaration's longhands after substitution (`None`: invalid).
type Substituted = Option<Vec<(Longhand, Value)>>;

fn longhands_of(p: Property) -> Vec<Longhand> {
    match p {
        Property::Longhand(l) => vec![l],
        Property::Shorthand(s) => s.longhands(),
        _ => Vec::new(),
    }
}

/// A pending declaration's longhands once its `var()`s are substituted (`None`: invalid at
/// computed-value time, the longhands are unset).
fn substitute_decl(
    d: &Decl,
    custom: &BTreeMap<Arc<str>, Arc<str>>,
) -> Option<Vec<(Longhand, Value)>> {
    let Decl::Pending { property, raw, .. } = d else {
        return None;
    };
    let text = substitute(raw, custom, 0)?;
    let mut input = Parser::new(&text);
    parse_declared(*property, &mut input).ok()
}

/// The deepest chain of custom properties referring to each other that is followed.
const MAX_VAR_DEPTH: usize = 32;

/// Substitutes the custom properties this element declared (their `var()`s see the element's
/// own values); a cycle or a missing value without fallback makes the property invalid.
fn resolve_custom(custom: &mut Arc<BTreeMap<Arc<str>, Arc<str>>>, declared: &[Arc<str>]) {
    for name in declared {
        let Some(raw) = custom.get(name).cloned() else {
            continue;
        };
        if !raw.to_ascii_lowercase().contains("var(") {
            continue;
        }
        let mut without = (**custom).clone();
        without.remove(name);
        match substitute(&raw, &without, 0) {
            Some(v) => Arc::make_mut(custom).insert(name.clone(), Arc::from(v.as_str())),
            None => Arc::make_mut(custom).remove(name),
        };
    }
}

/// `text` with every `var(--name[, fallback])` replaced, `None` if one cannot be.
fn substitute(text: &str, custom: &BTreeMap<Arc<str>, Arc<str>>, depth: usize) -> Option<String> {
    if depth > MAX_VAR_DEPTH {
        return None;
    }
    let mut input = Parser::new(text);
    let mut out = String::with_capacity(text.len());
    walk(&mut input, custom, depth, &mut out)?;
    Some(out)
}

fn walk(
    input: &mut Parser<'_>,
    custom: &BTreeMap<Arc<str>, Arc<str>>,
    depth: usize,
    out: &mut String,
) -> Option<()> {
    loop {
        let start = input.position();
        let token = match input.next_including_whitespace_and_comments() {
            Ok(t) => t.clone(),
            Err(_) => return Some(()),
        };
        match token {
            Token::Function(name) if name.eq_ignore_ascii_case("var") => {
                let value = input
                    .parse_nested_block(|i| {
                        let name = i.expect_ident_cloned()?.to_string();
                        let fallback = if i.try_parse(|i| i.expect_comma()).is_ok() {
                            let s = i.position();
                            while i.next_including_whitespace_and_comments().is_ok() {}
                            Some(i.slice_from(s).to_string())
                        } else {
                            None
                        };
                        Ok::<_, cssparser::ParseError<()>>((name, fallback))
                    })
                    .ok()?;
                let (name, fallback) = value;
                let replaced = match custom.get(name.as_str()) {
                    Some(v) if !v.trim().is_empty() => substitute(v, custom, depth + 1),
                    _ => None,
                };
                let replaced = match replaced {
                    Some(r) => r,
                    None => substitute(fallback?.trim(), custom, depth + 1)?,
                };
                out.push_str(&replaced);
            }
            Token::Function(_)
            | Token::ParenthesisBlock
            | Token::SquareBracketBlock
            | Token::CurlyBracketBlock => {
                out.push_str(input.slice_from(start));
                let close = match token {
                    Token::SquareBracketBlock => ']',
                    Token::CurlyBracketBlock => '}',
                    _ => ')',
                };
                input
                    .parse_nested_block(|i| {
                        walk(i, custom, depth, out)
                            .ok_or_else(|| cssparser::ParseError::<()>::custom(()))
                    })
                    .ok()?;
                out.push(close);
            }
            _ => out.push_str(input.slice_from(start)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn var_substitution_with_fallbacks_and_nesting() {
        let mut m = BTreeMap::new();
        m.insert(Arc::from("--a"), Arc::from("2px"));
        m.insert(Arc::from("--b"), Arc::from("var(--a) 3px"));
        assert_eq!(substitute("var(--a)", &m, 0).as_deref(), Some("2px"));
        assert_eq!(
            substitute("calc(var(--a) * 2)", &m, 0).as_deref(),
            Some("calc(2px * 2)")
        );
        assert_eq!(substitute("var(--b)", &m, 0).as_deref(), Some("2px 3px"));
        assert_eq!(substitute("var(--x, 1em)", &m, 0).as_deref(), Some("1em"));
        assert_eq!(
            substitute("var(--x, var(--a))", &m, 0).as_deref(),
            Some("2px")
        );
        assert_eq!(substitute("var(--x)", &m, 0), None);
        m.insert(Arc::from("--c"), Arc::from("var(--c)"));
        assert_eq!(substitute("var(--c)", &m, 0), None, "a cycle is invalid");
    }
}
