//! The cssparser rule and declaration parsers that build a [`Stylesheet`]: style rules, `@media`,
//! `@supports`, `@layer`, `@font-face`, the other at-rules counted, nesting set aside.

use std::sync::Arc;

use cssparser::{
    AtRuleParser, CowRcStr, DeclarationParser, ParseError, Parser, ParserState,
    QualifiedRuleParser, RuleBodyItemParser, RuleBodyParser, StyleSheetParser, Token,
};

use super::selector::{self, Complex, SelectorProblem};
use super::{
    parse_declared, property, Counted, Decl, MediaList, Noted, Property, SheetReport, StyleRule,
    Stylesheet,
};
use crate::error::Position;

/// Rank of rules outside any `@layer`: above every layer.
const UNLAYERED: u16 = u16::MAX;

struct Builder<'c> {
    css: &'c str,
    sheet: Stylesheet,
    media_stack: Vec<usize>,
    layer: u16,
    layer_path: Vec<String>,
    layers: Vec<String>,
    anonymous_layers: u16,
    order: u32,
    /// Inside a style rule's block: nested rules are set aside.
    in_block: bool,
}

pub(super) fn parse(origin: &str, css: &str) -> Stylesheet {
    let mut b = Builder {
        css,
        sheet: Stylesheet {
            origin: origin.to_string(),
            rules: Vec::new(),
            blocks: Vec::new(),
            media: Vec::new(),
            report: SheetReport::default(),
        },
        media_stack: Vec::new(),
        layer: UNLAYERED,
        layer_path: Vec::new(),
        layers: Vec::new(),
        anonymous_layers: 0,
        order: 0,
        in_block: false,
    };
    let mut input = Parser::new(css);
    b.rule_list(&mut input);
    b.sheet
}

pub(super) fn inline(style: &str) -> Vec<Decl> {
    let mut b = Builder {
        css: style,
        sheet: Stylesheet {
            origin: String::new(),
            rules: Vec::new(),
            blocks: Vec::new(),
            media: Vec::new(),
            report: SheetReport::default(),
        },
        media_stack: Vec::new(),
        layer: UNLAYERED,
        layer_path: Vec::new(),
        layers: Vec::new(),
        anonymous_layers: 0,
        order: 0,
        in_block: false,
    };
    let mut input = Parser::new(style);
    b.declarations(&mut input)
}

/// At most this many characters of CSS are quoted in a report.
const QUOTE: usize = 60;

fn shorten(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= QUOTE {
        text
    } else {
        let cut: String = text.chars().take(QUOTE - 3).collect();
        format!("{cut}...")
    }
}

/// `value !important` split into the value and whether it is important.
fn split_important(text: &str) -> (&str, bool) {
    let t = text.trim_end();
    let lower_tail = t.len() >= 9 && t[t.len() - 9..].eq_ignore_ascii_case("important");
    if lower_tail {
        let before = t[..t.len() - 9].trim_end();
        if let Some(v) = before.strip_suffix('!') {
            return (v.trim(), true);
        }
    }
    (t.trim(), false)
}

fn has_var(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"var("))
}

impl Builder<'_> {
    fn at(&self, offset: usize) -> Position {
        Position::of(self.css, offset)
    }

    /// The byte offset of a slice of the CSS text (it always is one).
    fn offset_of(&self, slice: &str) -> usize {
        (slice.as_ptr() as usize)
            .saturating_sub(self.css.as_ptr() as usize)
            .min(self.css.len())
    }

    fn invalid(&mut self, text: &str, reason: &str, offset: usize) {
        let at = self.at(offset);
        self.sheet.report.invalid.push(Noted {
            text: shorten(text),
            reason: reason.to_string(),
            at,
        });
    }

    fn count(list: &mut Vec<Counted>, name: &str, at: Position) {
        match list.iter_mut().find(|c| c.name == name) {
            Some(c) => c.count += 1,
            None => list.push(Counted {
                name: name.to_string(),
                count: 1,
                first: at,
            }),
        }
    }

    fn rule_list(&mut self, input: &mut Parser<'_>) {
        let mut errors = Vec::new();
        {
            let mut rules = StyleSheetParser::new(input, &mut *self);
            while let Some(result) = rules.next() {
                if let Err((_, slice, _)) = result {
                    errors.push((slice.to_string(), rules.parser.offset_of(slice)));
                }
            }
        }
        for (text, offset) in errors {
            self.invalid(&text, "invalid rule", offset);
        }
    }

    fn declarations(&mut self, input: &mut Parser<'_>) -> Vec<Decl> {
        let was_in_block = std::mem::replace(&mut self.in_block, true);
        let out = self.block_items(input);
        self.in_block = was_in_block;
        out
    }

    fn block_items(&mut self, input: &mut Parser<'_>) -> Vec<Decl> {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        let mut nested = false;
        {
            let mut body = RuleBodyParser::new(input, &mut *self);
            while let Some(item) = body.next() {
                match item {
                    Ok(Item::Decls(ds)) => out.extend(ds),
                    Ok(Item::Nested) => nested = true,
                    Ok(Item::Nothing) => {}
                    Err((_, slice, _)) => {
                        errors.push((slice.to_string(), body.parser.offset_of(slice)));
                    }
                }
            }
        }
        if nested {
            self.sheet.report.nested_rules += 1;
        }
        for (text, offset) in errors {
            self.invalid(&text, "invalid declaration", offset);
        }
        out
    }

    /// One declaration, `name: text`, at byte `offset`.
    fn declaration(&mut self, name: &str, text: &str, offset: usize) -> Vec<Decl> {
        let (value, important) = split_important(text);
        let p = property(name);
        let report = &mut self.sheet.report;
        match p {
            Property::Ignored => {
                report.ignored += 1;
                Vec::new()
            }
            Property::Unsupported => {
                let at = self.at(offset);
                Builder::count(&mut self.sheet.report.unsupported_properties, name, at);
                Vec::new()
            }
            Property::Custom => {
                report.declarations += 1;
                vec![Decl::Custom {
                    name: Arc::from(name),
                    raw: Arc::from(value),
                    important,
                }]
            }
            Property::Longhand(_) | Property::Shorthand(_) if has_var(value) => {
                report.declarations += 1;
                vec![Decl::Pending {
                    property: p,
                    name: Arc::from(name),
                    raw: Arc::from(value),
                    important,
                }]
            }
            Property::Longhand(_) | Property::Shorthand(_) => {
                let mut input = Parser::new(value);
                match parse_declared(p, &mut input) {
                    Ok(list) => {
                        report.declarations += 1;
                        list.into_iter()
                            .map(|(property, value)| Decl::Longhand {
                                property,
                                value,
                                important,
                            })
                            .collect()
                    }
                    Err(_) => {
                        let text = format!("{name}: {value}");
                        self.invalid(&text, "invalid or unsupported value", offset);
                        Vec::new()
                    }
                }
            }
        }
    }

    fn layer_rank(&mut self, name: Option<&str>) -> u16 {
        let full = match name {
            Some(n) => {
                let mut path = self.layer_path.clone();
                path.push(n.to_string());
                path.join(".")
            }
            None => {
                self.anonymous_layers += 1;
                format!("\u{0}anonymous{}", self.anonymous_layers)
            }
        };
        let index = match self.layers.iter().position(|l| *l == full) {
            Some(i) => i,
            None => {
                self.layers.push(full);
                self.layers.len() - 1
            }
        };
        u16::try_from(index)
            .unwrap_or(UNLAYERED - 1)
            .min(UNLAYERED - 1)
    }
}

/// An item of a declaration block.
enum Item {
    Decls(Vec<Decl>),
    Nested,
    Nothing,
}

impl<'i> DeclarationParser<'i> for Builder<'_> {
    type Declaration = Item;
    type Error = ();

    fn parse_value(
        &mut self,
        name: CowRcStr<'i>,
        input: &mut Parser<'i>,
        start: &ParserState,
    ) -> Result<Item, ParseError<()>> {
        let name = name.to_ascii_lowercase();
        let value_start = input.position();
        while input.next().is_ok() {}
        let text = input.slice_from(value_start);
        Ok(Item::Decls(self.declaration(
            &name,
            text,
            start.position().byte_index(),
        )))
    }
}

impl<'i> RuleBodyItemParser<'i, Item, ()> for Builder<'_> {
    fn parse_declarations(&self) -> bool {
        true
    }
    fn parse_qualified(&self) -> bool {
        true
    }
}

/// What an at-rule's prelude said.
enum AtPrelude {
    Media(MediaList),
    Supports(bool),
    Layer(Vec<String>),
    FontFace,
    /// An at-rule nested in a style rule (CSS nesting).
    Nested,
    /// Counted under this name; its block (if any) is not applied.
    Counted(String),
}

/// Rule lists inside at-rules and style rules share the builder; nested style rules (inside a
/// style rule's block) are told apart by `Item`.
impl<'i> QualifiedRuleParser<'i> for Builder<'_> {
    type Prelude = Option<Vec<Complex>>;
    type QualifiedRule = Item;
    type Error = ();

    fn parse_prelude(&mut self, input: &mut Parser<'i>) -> Result<Self::Prelude, ParseError<()>> {
        if self.in_block {
            while input.next().is_ok() {}
            return Ok(None);
        }
        let start = input.position();
        let list = selector::parse_list(input);
        let mut usable = Vec::new();
        match list {
            Err(_) => return Err(cssparser::ParseError::<()>::custom(())),
            Ok(list) => {
                let text = input.slice_from(start);
                let mut pieces: Vec<&str> = text.split(',').collect();
                if pieces.len() != list.len() {
                    // Commas inside `:is()`: quote the whole list.
                    pieces = vec![text; list.len()];
                }
                for (i, one) in list.into_iter().enumerate() {
                    let piece = pieces.get(i).copied().unwrap_or(text);
                    let lead = piece.len() - piece.trim_start().len();
                    let offset = self.offset_of(piece) + lead;
                    match one {
                        Ok(c) => usable.push(c),
                        Err(SelectorProblem::PseudoElement(_)) => {
                            self.sheet.report.pseudo_element_selectors += 1;
                        }
                        Err(SelectorProblem::Unsupported(reason)) => {
                            let at = self.at(offset);
                            self.sheet.report.unsupported_selectors.push(Noted {
                                text: shorten(piece),
                                reason,
                                at,
                            });
                        }
                        Err(SelectorProblem::Invalid) => {}
                    }
                }
            }
        }
        Ok(Some(usable))
    }

    fn parse_block(
        &mut self,
        prelude: Self::Prelude,
        _start: &ParserState,
        input: &mut Parser<'i>,
    ) -> Result<Item, ParseError<()>> {
        let decls = self.declarations(input);
        let Some(selectors) = prelude else {
            return Ok(Item::Nested);
        };
        if selectors.is_empty() {
            return Ok(Item::Nothing);
        }
        self.sheet.report.style_rules += 1;
        self.sheet.report.selectors += selectors.len();
        let block = self.sheet.blocks.len();
        self.sheet.blocks.push(decls);
        for selector in selectors {
            self.order += 1;
            self.sheet.rules.push(StyleRule {
                specificity: selector.specificity(),
                selector,
                block,
                media: self.media_stack.clone(),
                layer: self.layer,
                order: self.order,
            });
        }
        Ok(Item::Nothing)
    }
}

impl<'i> AtRuleParser<'i> for Builder<'_> {
    type Prelude = AtPrelude;
    type AtRule = Item;
    type Error = ();

    fn parse_prelude(
        &mut self,
        name: CowRcStr<'i>,
        input: &mut Parser<'i>,
    ) -> Result<AtPrelude, ParseError<()>> {
        let name = name.to_ascii_lowercase();
        let start = input.position();
        if self.in_block {
            while input.next().is_ok() {}
            return Ok(AtPrelude::Nested);
        }
        Ok(match name.as_str() {
            "media" => {
                let list = MediaList::read(input);
                for u in &list.unknown {
                    let at = self.at(start.byte_index());
                    self.sheet.report.unknown_media_features.push(Noted {
                        text: shorten(u),
                        reason: "media feature not evaluated (false)".to_string(),
                        at,
                    });
                }
                AtPrelude::Media(list)
            }
            "supports" => AtPrelude::Supports(supports(input)),
            "layer" => {
                let names = input
                    .parse_comma_separated(|i| {
                        let mut parts = vec![i.expect_ident_cloned()?.to_string()];
                        while i.try_parse(|i| i.expect_delim('.')).is_ok() {
                            parts.push(i.expect_ident_cloned()?.to_string());
                        }
                        Ok::<_, ParseError<()>>(parts.join("."))
                    })
                    .unwrap_or_default();
                AtPrelude::Layer(names)
            }
            "font-face" => AtPrelude::FontFace,
            "import" => {
                while input.next().is_ok() {}
                AtPrelude::Counted(format!("@import {}", shorten(input.slice_from(start))))
            }
            other => {
                while input.next().is_ok() {}
                AtPrelude::Counted(format!("@{other}"))
            }
        })
    }

    fn rule_without_block(&mut self, prelude: AtPrelude, start: &ParserState) -> Result<Item, ()> {
        match prelude {
            AtPrelude::Layer(names) => {
                // `@layer a, b;` fixes the order of the layers.
                for n in names {
                    self.layer_rank(Some(&n));
                }
            }
            AtPrelude::Counted(name) => {
                let at = self.at(start.position().byte_index());
                Builder::count(&mut self.sheet.report.at_rules, &name, at);
            }
            AtPrelude::Nested => return Ok(Item::Nested),
            _ => return Err(()),
        }
        Ok(Item::Nothing)
    }

    fn parse_block(
        &mut self,
        prelude: AtPrelude,
        start: &ParserState,
        input: &mut Parser<'i>,
    ) -> Result<Item, ParseError<()>> {
        match prelude {
            AtPrelude::Media(list) => {
                self.sheet.media.push(list);
                self.media_stack.push(self.sheet.media.len() - 1);
                self.rule_list(input);
                self.media_stack.pop();
            }
            AtPrelude::Supports(true) => self.rule_list(input),
            AtPrelude::Supports(false) => {}
            AtPrelude::Layer(names) => {
                let name = names.into_iter().next();
                let saved = (self.layer, self.layer_path.len());
                self.layer = self.layer_rank(name.as_deref());
                if let Some(n) = &name {
                    self.layer_path.push(n.clone());
                }
                self.rule_list(input);
                self.layer = saved.0;
                self.layer_path.truncate(saved.1);
            }
            AtPrelude::FontFace => {
                let decls_start = input.position();
                while input.next().is_ok() {}
                let block = input.slice_from(decls_start);
                if let Some(family) = font_face_family(block) {
                    self.sheet.report.font_faces.push(family);
                }
            }
            AtPrelude::Counted(name) => {
                while input.next().is_ok() {}
                let at = self.at(start.position().byte_index());
                Builder::count(&mut self.sheet.report.at_rules, &name, at);
            }
            AtPrelude::Nested => {
                while input.next().is_ok() {}
                return Ok(Item::Nested);
            }
        }
        Ok(Item::Nothing)
    }
}

/// The `font-family` of an `@font-face` block.
fn font_face_family(block: &str) -> Option<String> {
    for decl in block.split(';') {
        let (name, value) = decl.split_once(':')?;
        if name.trim().eq_ignore_ascii_case("font-family") {
            let v = value.trim().trim_matches(['"', '\'']);
            return Some(v.to_string());
        }
    }
    None
}

/// `@supports`: Chromium supports nearly every property and value, so a declaration test is
/// true unless it names another engine's prefix (`-moz-`, `-ms-`, `-o-`); `not`, `and`, `or`
/// and `selector()` are evaluated on that basis.
fn supports(input: &mut Parser<'_>) -> bool {
    fn condition(input: &mut Parser<'_>) -> bool {
        if input.try_parse(|i| i.expect_ident_matching("not")).is_ok() {
            return !in_parens(input);
        }
        let mut value = in_parens(input);
        loop {
            let word = match input.try_parse(|i| i.expect_ident_cloned()) {
                Ok(w) => w.to_ascii_lowercase(),
                Err(_) => return value,
            };
            let next = in_parens(input);
            value = if word == "and" {
                value && next
            } else {
                value || next
            };
        }
    }
    fn in_parens(input: &mut Parser<'_>) -> bool {
        match input.next().cloned() {
            Ok(Token::ParenthesisBlock) => input
                .parse_nested_block(|i| {
                    let state = i.state();
                    let nested = matches!(i.next(), Ok(Token::ParenthesisBlock))
                        || i.try_parse(|i| i.expect_ident_matching("not")).is_ok();
                    i.reset(&state);
                    if nested {
                        return Ok::<_, ParseError<()>>(condition(i));
                    }
                    let name = i.expect_ident_cloned().map(|n| n.to_ascii_lowercase());
                    while i.next().is_ok() {}
                    Ok(name.is_ok_and(|n| {
                        !(n.starts_with("-moz-") || n.starts_with("-ms-") || n.starts_with("-o-"))
                    }))
                })
                .unwrap_or(false),
            Ok(Token::Function(_)) => {
                let _ = input.parse_nested_block(|i| {
                    while i.next().is_ok() {}
                    Ok::<_, ParseError<()>>(())
                });
                true
            }
            _ => false,
        }
    }
    let v = condition(input);
    while input.next().is_ok() {}
    v
}

#[cfg(test)]
mod tests;
