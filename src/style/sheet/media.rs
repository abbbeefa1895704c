//! `@media` queries: parsed once, evaluated for each device's viewport (width and height queries,
//! media types, and the fixed answers of a screen at rest for the other features).

use cssparser::{Parser, Token};

/// What media queries are evaluated against: a screen of this viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MediaEnv {
    /// Viewport width in CSS px.
    pub width: f64,
    /// Viewport height in CSS px.
    pub height: f64,
}

/// A media query list (`screen and (min-width: 600px), print`): true when any query is.
#[derive(Clone, Debug, PartialEq)]
pub struct MediaList {
    queries: Vec<Query>,
    /// Features adslot could not evaluate (they count as false), for the report.
    pub unknown: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
struct Query {
    not: bool,
    screen: bool,
    condition: Option<Condition>,
}

#[derive(Clone, Debug, PartialEq)]
enum Condition {
    Not(Box<Condition>),
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Feature(Feature),
    /// Something unknown or invalid: false.
    False,
}

#[derive(Clone, Debug, PartialEq)]
enum Feature {
    /// `width`, `height`, `aspect-ratio`, ... compared with a value.
    Range { name: Dimension, op: Op, value: f64 },
    /// A feature with a fixed answer on a screen at rest (`hover: hover`, `color`...).
    Fixed(bool),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dimension {
    Width,
    Height,
    AspectRatio,
    Resolution,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

impl Op {
    fn flip(self) -> Op {
        match self {
            Op::Lt => Op::Gt,
            Op::Le => Op::Ge,
            Op::Ge => Op::Le,
            Op::Gt => Op::Lt,
            Op::Eq => Op::Eq,
        }
    }
}

impl MediaList {
    /// Parses a media query list (the prelude of `@media`); never fails: what cannot be read
    /// is false, as in browsers.
    ///
    /// ```
    /// use adslot::style::sheet::{MediaEnv, MediaList};
    /// let q = MediaList::parse("screen and (min-width: 600px), print");
    /// assert!(!q.matches(&MediaEnv { width: 375.0, height: 740.0 }));
    /// assert!(q.matches(&MediaEnv { width: 1280.0, height: 900.0 }));
    /// assert!(MediaList::parse("(400px <= width < 700px)").matches(&MediaEnv { width: 600.0, height: 900.0 }));
    /// ```
    pub fn parse(text: &str) -> MediaList {
        let mut input = Parser::new(text);
        MediaList::read(&mut input)
    }

    pub(crate) fn read(input: &mut Parser<'_>) -> MediaList {
        let mut unknown = Vec::new();
        let mut queries = Vec::new();
        if input.is_exhausted() {
            return MediaList {
                queries: vec![Query {
                    not: false,
                    screen: true,
                    condition: None,
                }],
                unknown,
            };
        }
        loop {
            let q = input.parse_until_before(cssparser::Delimiter::Comma, |i| {
                Ok::<_, cssparser::ParseError<()>>(query(i, &mut unknown))
            });
            queries.push(q.unwrap_or(Query {
                not: false,
                screen: false,
                condition: None,
            }));
            if input.next().is_err() {
                break;
            }
        }
        MediaList { queries, unknown }
    }

    /// Whether the list holds for `env`.
    pub fn matches(&self, env: &MediaEnv) -> bool {
        self.queries.iter().any(|q| {
            let v = q.screen && q.condition.as_ref().is_none_or(|c| c.eval(env));
            v != q.not
        })
    }
}

fn query(input: &mut Parser<'_>, unknown: &mut Vec<String>) -> Query {
    let never = Query {
        not: false,
        screen: false,
        condition: None,
    };
    let state = input.state();
    let mut not = false;
    let first = match input.next() {
        Ok(Token::Ident(w)) => Some(w.to_ascii_lowercase()),
        _ => None,
    };
    let Some(mut word) = first else {
        input.reset(&state);
        let c = condition(input, unknown);
        return Query {
            not: false,
            screen: true,
            condition: Some(if input.is_exhausted() {
                c
            } else {
                Condition::False
            }),
        };
    };
    if word == "not" || word == "only" {
        not = word == "not";
        match input.next() {
            Ok(Token::Ident(w)) => word = w.to_ascii_lowercase(),
            _ => {
                // `not (condition)`.
                input.reset(&state);
                let c = condition(input, unknown);
                return Query {
                    not: false,
                    screen: true,
                    condition: Some(c),
                };
            }
        }
    }
    let screen = match word.as_str() {
        "all" | "screen" => true,
        "print" | "speech" | "tv" | "projection" | "handheld" | "tty" | "braille" | "embossed"
        | "aural" => false,
        _ => return never,
    };
    let condition = if input.is_exhausted() {
        None
    } else if input.try_parse(|i| i.expect_ident_matching("and")).is_ok() {
        Some(condition(input, unknown))
    } else {
        return never;
    };
    Query {
        not,
        screen,
        condition,
    }
}

/// `not (a)`, `(a) and (b) and ...`, `(a) or (b) or ...`.
fn condition(input: &mut Parser<'_>, unknown: &mut Vec<String>) -> Condition {
    if input.try_parse(|i| i.expect_ident_matching("not")).is_ok() {
        return Condition::Not(Box::new(in_parens(input, unknown)));
    }
    let first = in_parens(input, unknown);
    let mut all = vec![first];
    let mut joiner: Option<bool> = None; // Some(true): and, Some(false): or
    loop {
        let word = match input.try_parse(|i| i.expect_ident_cloned()) {
            Ok(w) => w.to_ascii_lowercase(),
            Err(_) => break,
        };
        let and = match word.as_str() {
            "and" => true,
            "or" => false,
            _ => return Condition::False,
        };
        if joiner.is_some_and(|j| j != and) {
            return Condition::False; // mixing and/or without parentheses is invalid
        }
        joiner = Some(and);
        all.push(in_parens(input, unknown));
    }
    match joiner {
        None => all.pop().unwrap_or(Condition::False),
        Some(true) => Condition::And(all),
        Some(false) => Condition::Or(all),
    }
}

fn in_parens(input: &mut Parser<'_>, unknown: &mut Vec<String>) -> Condition {
    if input.expect_parenthesis_block().is_err() {
        return Condition::False;
    }
    let parsed = input.parse_nested_block(|i| {
        let state = i.state();
        // A nested condition, else a feature.
        if let Ok(Token::ParenthesisBlock) | Ok(Token::Ident(_)) = i.next().cloned() {
            i.reset(&state);
            if matches!(i.next(), Ok(Token::ParenthesisBlock))
                || i.try_parse(|i| i.expect_ident_matching("not")).is_ok()
            {
                i.reset(&state);
                return Ok::<_, cssparser::ParseError<()>>(condition(i, unknown));
            }
        }
        i.reset(&state);
        let start = i.position();
        let f = feature(i);
        Ok(match f {
            Some(c) if i.is_exhausted() => c,
            _ => {
                while i.next().is_ok() {}
                unknown.push(i.slice_from(start).trim().to_string());
                Condition::False
            }
        })
    });
    parsed.unwrap_or(Condition::False)
}

/// A length (px, em/rem at 16 px) or a ratio or number, for comparisons.
fn value(input: &mut Parser<'_>, dim: Dimension) -> Option<f64> {
    let token = input.next().ok()?.clone();
    match (dim, token) {
        (Dimension::Width | Dimension::Height, Token::Dimension { value, unit, .. }) => {
            let v = f64::from(value);
            match unit.to_ascii_lowercase().as_str() {
                "px" => Some(v),
                // Media queries resolve em and rem against the initial font size.
                "em" | "rem" => Some(v * 16.0),
                "pt" => Some(v * 96.0 / 72.0),
                "in" => Some(v * 96.0),
                "cm" => Some(v * 96.0 / 2.54),
                "mm" => Some(v * 96.0 / 25.4),
                _ => None,
            }
        }
        (Dimension::Width | Dimension::Height, Token::Number { value: 0.0, .. }) => Some(0.0),
        (Dimension::AspectRatio, Token::Number { value, .. }) => {
            let w = f64::from(value);
            let h = if input.try_parse(|i| i.expect_delim('/')).is_ok() {
                f64::from(input.expect_number().ok()?)
            } else {
                1.0
            };
            (h > 0.0).then_some(w / h)
        }
        (Dimension::Resolution, Token::Dimension { value, unit, .. }) => {
            let v = f64::from(value);
            match unit.to_ascii_lowercase().as_str() {
                "dppx" | "x" => Some(v),
                "dpi" => Some(v / 96.0),
                "dpcm" => Some(v * 2.54 / 96.0),
                _ => None,
            }
        }
        (Dimension::Resolution, Token::Number { value, .. }) => Some(f64::from(value)),
        _ => None,
    }
}

fn dimension(name: &str) -> Option<Dimension> {
    match name {
        "width" | "device-width" => Some(Dimension::Width),
        "height" | "device-height" => Some(Dimension::Height),
        "aspect-ratio" | "device-aspect-ratio" => Some(Dimension::AspectRatio),
        "resolution" | "-webkit-device-pixel-ratio" => Some(Dimension::Resolution),
        _ => None,
    }
}

/// The answer of a screen at rest, as headless Chromium gives it, to the other features.
fn fixed(name: &str, value: Option<&str>) -> Option<bool> {
    let is = |want: &str| value.is_none_or(|v| v == want);
    Some(match name {
        "color" => value.is_none(),
        "monochrome" | "grid" => false,
        "orientation" => return None, // decided by width and height
        "hover" | "any-hover" => is("hover"),
        "pointer" | "any-pointer" => is("fine"),
        "prefers-color-scheme" => value == Some("light"),
        "prefers-reduced-motion" | "prefers-reduced-transparency" | "prefers-reduced-data" => {
            value == Some("no-preference")
        }
        "prefers-contrast" => value == Some("no-preference"),
        "forced-colors" | "inverted-colors" => value == Some("none"),
        "display-mode" => value == Some("browser"),
        "scripting" => value.is_some_and(|v| v == "enabled"),
        "update" => value.is_none_or(|v| v == "fast"),
        "overflow-block" => value.is_none_or(|v| v == "scroll"),
        "overflow-inline" => value.is_none_or(|v| v == "scroll"),
        "dynamic-range" | "video-dynamic-range" => value == Some("standard"),
        _ => return None,
    })
}

fn op(input: &mut Parser<'_>) -> Option<Op> {
    let first = match input.next() {
        Ok(Token::Delim(c)) => *c,
        _ => return None,
    };
    let eq = input
        .try_parse(|i| -> Result<(), cssparser::BasicParseError> {
            match i.next_including_whitespace()? {
                Token::Delim('=') => Ok(()),
                _ => Err(cssparser::BasicParseError::unexpected_token()),
            }
        })
        .is_ok();
    Some(match (first, eq) {
        ('<', false) => Op::Lt,
        ('<', true) => Op::Le,
        ('>', false) => Op::Gt,
        ('>', true) => Op::Ge,
        ('=', false) => Op::Eq,
        _ => return None,
    })
}

fn range(name: Dimension, op: Op, value: f64) -> Condition {
    Condition::Feature(Feature::Range { name, op, value })
}

fn feature(input: &mut Parser<'_>) -> Option<Condition> {
    let state = input.state();
    if !matches!(input.next(), Ok(Token::Ident(_))) {
        // `value op name [op value]`: the range syntax, value first.
        for dim in [
            Dimension::Width,
            Dimension::AspectRatio,
            Dimension::Resolution,
        ] {
            input.reset(&state);
            let Some(low) = value(input, dim) else {
                continue;
            };
            let op1 = op(input)?;
            let name = input.expect_ident_cloned().ok()?.to_ascii_lowercase();
            let dim = dimension(&name)?;
            let lower = range(dim, op1.flip(), low);
            if input.is_exhausted() {
                return Some(lower);
            }
            let op2 = op(input)?;
            let high = value(input, dim)?;
            return Some(Condition::And(vec![lower, range(dim, op2, high)]));
        }
        return None;
    }
    input.reset(&state);
    let name = input.expect_ident_cloned().ok()?.to_ascii_lowercase();
    let (prefix, base) = if let Some(b) = name.strip_prefix("min-") {
        (Some(Op::Ge), b.to_string())
    } else if let Some(b) = name.strip_prefix("max-") {
        (Some(Op::Le), b.to_string())
    } else if let Some(b) = name.strip_prefix("-webkit-min-") {
        (Some(Op::Ge), format!("-webkit-{b}"))
    } else if let Some(b) = name.strip_prefix("-webkit-max-") {
        (Some(Op::Le), format!("-webkit-{b}"))
    } else {
        (None, name.clone())
    };
    let fixed_answer = |v| Some(Condition::Feature(Feature::Fixed(v)));
    if input.is_exhausted() {
        // Boolean context: a viewport always has a width, height and orientation.
        return match (prefix, dimension(&base)) {
            (None, Some(_)) => fixed_answer(true),
            (None, None) if base == "orientation" => fixed_answer(true),
            (None, None) => fixed(&base, None).and_then(fixed_answer),
            _ => None,
        };
    }
    if input.try_parse(|i| i.expect_colon()).is_ok() {
        if let Some(dim) = dimension(&base) {
            let v = value(input, dim)?;
            return Some(range(dim, prefix.unwrap_or(Op::Eq), v));
        }
        let word = input.expect_ident_cloned().ok()?.to_ascii_lowercase();
        if base == "orientation" {
            return match word.as_str() {
                "portrait" => Some(range(Dimension::AspectRatio, Op::Le, 1.0)),
                "landscape" => Some(range(Dimension::AspectRatio, Op::Gt, 1.0)),
                _ => None,
            };
        }
        return fixed(&base, Some(&word)).and_then(fixed_answer);
    }
    // `name op value`.
    let dim = dimension(&base)?;
    let o = op(input)?;
    let v = value(input, dim)?;
    Some(range(dim, o, v))
}

impl Condition {
    fn eval(&self, env: &MediaEnv) -> bool {
        match self {
            Condition::Not(c) => !c.eval(env),
            Condition::And(cs) => cs.iter().all(|c| c.eval(env)),
            Condition::Or(cs) => cs.iter().any(|c| c.eval(env)),
            Condition::Feature(Feature::Fixed(v)) => *v,
            Condition::Feature(Feature::Range { name, op, value }) => {
                let actual = match name {
                    Dimension::Width => env.width,
                    Dimension::Height => env.height,
                    Dimension::AspectRatio => env.width / env.height,
                    Dimension::Resolution => 1.0,
                };
                match op {
                    Op::Lt => actual < *value,
                    Op::Le => actual <= *value,
                    Op::Eq => (actual - value).abs() < 1e-9,
                    Op::Ge => actual >= *value,
                    Op::Gt => actual > *value,
                }
            }
            Condition::False => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(query: &str, width: f64) -> bool {
        MediaList::parse(query).matches(&MediaEnv {
            width,
            height: 800.0,
        })
    }

    #[test]
    fn width_queries() {
        assert!(at("(min-width: 600px)", 600.0));
        assert!(!at("(min-width: 600px)", 599.0));
        assert!(at("(max-width: 37.5em)", 600.0), "em at 16 px");
        assert!(at("screen and (max-width: 599px)", 375.0));
        assert!(!at("print and (max-width: 599px)", 375.0));
        assert!(at("not print", 375.0));
        assert!(!at("not screen and (min-width: 100px)", 375.0));
        assert!(at(
            "only screen and (min-width: 320px) and (max-width: 480px)",
            375.0
        ));
        assert!(at("(width >= 600px)", 600.0));
        assert!(!at("(width > 600px)", 600.0));
        assert!(at("(400px < width <= 700px)", 700.0));
        assert!(!at("(400px < width <= 700px)", 400.0));
        assert!(at("(min-width: 1px) or (max-width: 2px)", 375.0));
        assert!(at("not (min-width: 600px)", 375.0));
        assert!(at("((min-width: 300px) and (max-width: 400px))", 375.0));
        assert!(at("(orientation: portrait)", 375.0));
        assert!(!at("(orientation: portrait)", 1280.0));
        assert!(at("", 375.0), "an empty list is all");
    }

    #[test]
    fn other_features_have_fixed_answers_and_unknown_ones_are_false() {
        assert!(at("(prefers-color-scheme: light)", 375.0));
        assert!(!at("(prefers-color-scheme: dark)", 375.0));
        assert!(at("(hover: hover)", 375.0));
        assert!(at("(min-resolution: 1dppx)", 375.0));
        assert!(!at("(-webkit-min-device-pixel-ratio: 2)", 375.0));
        let q = MediaList::parse("(frobnicate: 3), screen");
        assert_eq!(q.unknown, ["frobnicate: 3"]);
        assert!(q.matches(&MediaEnv {
            width: 1.0,
            height: 1.0
        }));
        assert!(!at("garbage here", 375.0));
        assert!(!at(
            "(min-width: 1px) and (max-width: 2px) or (color)",
            375.0
        ));
    }
}
