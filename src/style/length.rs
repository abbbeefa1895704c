//! Specified lengths and numbers: units, `calc()`, `min()`, `max()`, `clamp()`, and their px value
//! in a context (font sizes, the containing block, the viewport).

use cssparser::{Parser, Token};

/// A specified length, percentage or number, possibly a math function of them.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// CSS px (absolute units are converted at parse time: 1in = 96px).
    Px(f64),
    /// Multiples of the element's font size (of the parent's, inside `font-size`).
    Em(f64),
    /// Multiples of the root element's font size.
    Rem(f64),
    /// Percent of the property's reference (containing block width, font size...).
    Percent(f64),
    /// Percent of the viewport width.
    Vw(f64),
    /// Percent of the viewport height.
    Vh(f64),
    /// Percent of the smaller viewport side.
    Vmin(f64),
    /// Percent of the larger viewport side.
    Vmax(f64),
    /// A plain number (inside `calc()` and for unitless values).
    Number(f64),
    /// The sum of two.
    Sum(Box<Expr>, Box<Expr>),
    /// One scaled by a number.
    Scale(Box<Expr>, f64),
    /// The smallest of some.
    Min(Vec<Expr>),
    /// The largest of some.
    Max(Vec<Expr>),
}

/// What relative units and percentages are resolved against, in px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    /// 1em.
    pub em: f64,
    /// 1rem.
    pub rem: f64,
    /// What 100% is; `None` where percentages have no reference (they count as 0).
    pub percent_of: Option<f64>,
    /// The viewport's width.
    pub viewport_width: f64,
    /// The viewport's height.
    pub viewport_height: f64,
}

impl Expr {
    /// The value in px (a number counts as itself).
    ///
    /// ```
    /// use adslot::style::{Context, Expr};
    /// let cx = Context { em: 20.0, rem: 16.0, percent_of: Some(300.0), viewport_width: 375.0, viewport_height: 740.0 };
    /// let e = Expr::Sum(Box::new(Expr::Percent(50.0)), Box::new(Expr::Scale(Box::new(Expr::Em(1.0)), -1.0)));
    /// assert_eq!(e.px(&cx), 130.0);
    /// ```
    pub fn px(&self, cx: &Context) -> f64 {
        match self {
            Expr::Px(v) | Expr::Number(v) => *v,
            Expr::Em(v) => v * cx.em,
            Expr::Rem(v) => v * cx.rem,
            Expr::Percent(v) => cx.percent_of.map_or(0.0, |of| v * of / 100.0),
            Expr::Vw(v) => v * cx.viewport_width / 100.0,
            Expr::Vh(v) => v * cx.viewport_height / 100.0,
            Expr::Vmin(v) => v * cx.viewport_width.min(cx.viewport_height) / 100.0,
            Expr::Vmax(v) => v * cx.viewport_width.max(cx.viewport_height) / 100.0,
            Expr::Sum(a, b) => a.px(cx) + b.px(cx),
            Expr::Scale(a, k) => a.px(cx) * k,
            Expr::Min(xs) => xs.iter().map(|x| x.px(cx)).fold(f64::INFINITY, f64::min),
            Expr::Max(xs) => xs
                .iter()
                .map(|x| x.px(cx))
                .fold(f64::NEG_INFINITY, f64::max),
        }
    }

    /// Whether the value is a plain number (no unit anywhere).
    pub fn is_number(&self) -> bool {
        match self {
            Expr::Number(_) => true,
            Expr::Sum(a, b) => a.is_number() && b.is_number(),
            Expr::Scale(a, _) => a.is_number(),
            Expr::Min(xs) | Expr::Max(xs) => xs.iter().all(Expr::is_number),
            _ => false,
        }
    }

    /// Whether the value holds a percentage.
    pub fn has_percent(&self) -> bool {
        match self {
            Expr::Percent(_) => true,
            Expr::Sum(a, b) => a.has_percent() || b.has_percent(),
            Expr::Scale(a, _) => a.has_percent(),
            Expr::Min(xs) | Expr::Max(xs) => xs.iter().any(Expr::has_percent),
            _ => false,
        }
    }

    /// Whether the value is negative whatever the context (for properties that refuse that).
    fn negative_literal(&self) -> bool {
        match self {
            Expr::Px(v)
            | Expr::Em(v)
            | Expr::Rem(v)
            | Expr::Percent(v)
            | Expr::Vw(v)
            | Expr::Vh(v)
            | Expr::Vmin(v)
            | Expr::Vmax(v)
            | Expr::Number(v) => *v < 0.0,
            _ => false,
        }
    }
}

/// A length unit's value as an expression, `None` for units adslot does not know.
fn dimension(value: f64, unit: &str) -> Option<Expr> {
    let u = unit.to_ascii_lowercase();
    Some(match u.as_str() {
        "px" => Expr::Px(value),
        "em" => Expr::Em(value),
        "rem" => Expr::Rem(value),
        // The font's x-height and "0" advance, at the usual half em (no font is known here).
        "ex" | "ch" => Expr::Em(value * 0.5),
        "vw" | "svw" | "lvw" | "dvw" => Expr::Vw(value),
        "vh" | "svh" | "lvh" | "dvh" => Expr::Vh(value),
        "vmin" | "svmin" | "lvmin" | "dvmin" => Expr::Vmin(value),
        "vmax" | "svmax" | "lvmax" | "dvmax" => Expr::Vmax(value),
        "pt" => Expr::Px(value * 96.0 / 72.0),
        "pc" => Expr::Px(value * 16.0),
        "in" => Expr::Px(value * 96.0),
        "cm" => Expr::Px(value * 96.0 / 2.54),
        "mm" => Expr::Px(value * 96.0 / 25.4),
        "q" => Expr::Px(value * 96.0 / 101.6),
        _ => return None,
    })
}

/// What a value may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Allow {
    /// Lengths and percentages (a bare 0 is a length).
    Length,
    /// Lengths, percentages and plain numbers.
    LengthOrNumber,
}

/// Parses one length, percentage or (where allowed) number, or a math function of them.
/// `non_negative` refuses literal negative values.
pub(crate) fn parse<'i>(
    input: &mut Parser<'i>,
    allow: Allow,
    non_negative: bool,
) -> Result<Expr, cssparser::ParseError<()>> {
    let expr = parse_value(input, allow, false)?;
    if non_negative && expr.negative_literal() {
        return Err(cssparser::ParseError::<()>::custom(()));
    }
    if allow == Allow::Length && expr.is_number() && expr != Expr::Number(0.0) {
        return Err(cssparser::ParseError::<()>::custom(()));
    }
    Ok(match expr {
        Expr::Number(n) if allow == Allow::Length => Expr::Px(n),
        e => e,
    })
}

fn parse_value<'i>(
    input: &mut Parser<'i>,
    allow: Allow,
    in_math: bool,
) -> Result<Expr, cssparser::ParseError<()>> {
    input.skip_whitespace();
    let start = input.position();
    let token = input.next()?.clone();
    let source = input.slice_from(start);
    match token {
        Token::Dimension { value, unit, .. } => dimension(precise(source, value), &unit)
            .ok_or_else(|| cssparser::ParseError::<()>::custom(())),
        Token::Percentage { unit_value, .. } => {
            Ok(Expr::Percent(precise(source, unit_value * 100.0)))
        }
        Token::Number { value, .. }
            if in_math || allow == Allow::LengthOrNumber || value == 0.0 =>
        {
            Ok(Expr::Number(precise(source, value)))
        }
        Token::ParenthesisBlock if in_math => input.parse_nested_block(|i| sum(i, allow)),
        Token::Function(name) => {
            let name = name.to_ascii_lowercase();
            input.parse_nested_block(|i| match name.as_str() {
                "calc" | "-webkit-calc" => sum(i, allow),
                "min" | "max" => {
                    let xs = i.parse_comma_separated(|i| sum(i, allow))?;
                    Ok(if name == "min" {
                        Expr::Min(xs)
                    } else {
                        Expr::Max(xs)
                    })
                }
                "clamp" => {
                    let mut xs = i.parse_comma_separated(|i| sum(i, allow))?;
                    if xs.len() != 3 {
                        return Err(cssparser::ParseError::<()>::custom(()));
                    }
                    let (hi, mid, lo) = (xs.pop(), xs.pop(), xs.pop());
                    match (lo, mid, hi) {
                        (Some(lo), Some(mid), Some(hi)) => {
                            Ok(Expr::Max(vec![lo, Expr::Min(vec![mid, hi])]))
                        }
                        _ => Err(cssparser::ParseError::<()>::custom(())),
                    }
                }
                _ => Err(cssparser::ParseError::<()>::custom(())),
            })
        }
        _ => Err(cssparser::ParseError::<()>::unexpected_token()),
    }
}

/// A number token's value read again from its text in double precision (the tokenizer keeps
/// single precision; Chromium computes in double), falling back to the token's value.
fn precise(source: &str, value: f32) -> f64 {
    let end = source
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || ((c == '+' || c == '-') && (i == 0 || source[..i].ends_with(['e', 'E'])))
                || ((c == 'e' || c == 'E')
                    && source[i + 1..]
                        .starts_with(|d: char| d.is_ascii_digit() || d == '-' || d == '+')))
        })
        .map_or(source.len(), |(i, _)| i);
    source[..end].parse::<f64>().unwrap_or(f64::from(value))
}

/// `a + b - c` (inside a math function).
fn sum<'i>(input: &mut Parser<'i>, allow: Allow) -> Result<Expr, cssparser::ParseError<()>> {
    let mut acc = product(input, allow)?;
    loop {
        let state = input.state();
        let sign = match input.next() {
            Ok(Token::Delim('+')) => 1.0,
            Ok(Token::Delim('-')) => -1.0,
            // `1px -2px` tokenizes the sign into the number: CSS requires spaces around + and -.
            Ok(_) => return Err(cssparser::ParseError::<()>::custom(())),
            Err(_) => {
                input.reset(&state);
                return Ok(acc);
            }
        };
        let rhs = product(input, allow)?;
        let rhs = if sign < 0.0 {
            Expr::Scale(Box::new(rhs), -1.0)
        } else {
            rhs
        };
        acc = Expr::Sum(Box::new(acc), Box::new(rhs));
    }
}

/// `a * 2 / 3` (inside a math function): one side of each product must be a number.
fn product<'i>(input: &mut Parser<'i>, allow: Allow) -> Result<Expr, cssparser::ParseError<()>> {
    let mut acc = parse_value(input, allow, true)?;
    loop {
        let state = input.state();
        let op = match input.next() {
            Ok(Token::Delim('*')) => '*',
            Ok(Token::Delim('/')) => '/',
            _ => {
                input.reset(&state);
                return Ok(acc);
            }
        };
        let rhs = parse_value(input, allow, true)?;
        acc = match (op, number_value(&acc), number_value(&rhs)) {
            ('*', _, Some(k)) => Expr::Scale(Box::new(acc), k),
            ('*', Some(k), None) => Expr::Scale(Box::new(rhs), k),
            ('/', _, Some(k)) if k != 0.0 => Expr::Scale(Box::new(acc), 1.0 / k),
            _ => return Err(cssparser::ParseError::<()>::custom(())),
        };
    }
}

/// The value of an expression that is a plain number.
fn number_value(e: &Expr) -> Option<f64> {
    e.is_number().then(|| {
        e.px(&Context {
            em: 0.0,
            rem: 0.0,
            percent_of: None,
            viewport_width: 0.0,
            viewport_height: 0.0,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn px(css: &str, allow: Allow) -> Option<f64> {
        let mut p = Parser::new(css);
        let e = parse(&mut p, allow, false).ok()?;
        p.expect_exhausted().ok()?;
        let cx = Context {
            em: 20.0,
            rem: 10.0,
            percent_of: Some(400.0),
            viewport_width: 375.0,
            viewport_height: 800.0,
        };
        Some(e.px(&cx))
    }

    #[test]
    fn units_convert_to_px() {
        assert_eq!(px("12px", Allow::Length), Some(12.0));
        assert_eq!(px("1.5em", Allow::Length), Some(30.0));
        assert_eq!(px("2rem", Allow::Length), Some(20.0));
        assert_eq!(px("25%", Allow::Length), Some(100.0));
        assert_eq!(px("10vw", Allow::Length), Some(37.5));
        assert_eq!(px("12pt", Allow::Length), Some(16.0));
        assert_eq!(px("1in", Allow::Length), Some(96.0));
        assert_eq!(px("0", Allow::Length), Some(0.0));
        assert_eq!(px("3", Allow::Length), None, "a number is not a length");
        assert_eq!(px("1.5", Allow::LengthOrNumber), Some(1.5));
        assert_eq!(px("3furlongs", Allow::Length), None);
    }

    #[test]
    fn math_functions() {
        assert_eq!(px("calc(100% - 2rem)", Allow::Length), Some(380.0));
        assert_eq!(px("calc(1em * 1.5 + 2px)", Allow::Length), Some(32.0));
        assert_eq!(px("calc(2 * (1rem + 5px))", Allow::Length), Some(30.0));
        assert_eq!(px("calc(1em / 4)", Allow::Length), Some(5.0));
        assert_eq!(px("min(50%, 300px)", Allow::Length), Some(200.0));
        assert_eq!(px("max(50%, 300px)", Allow::Length), Some(300.0));
        assert_eq!(px("clamp(1rem, 10vw, 2rem)", Allow::Length), Some(20.0));
        assert_eq!(px("clamp(1rem, 2vw, 2rem)", Allow::Length), Some(10.0));
        assert_eq!(
            px("calc(1px -2px)", Allow::Length),
            None,
            "+ and - need spaces"
        );
        assert_eq!(px("calc(1px * 2px)", Allow::Length), None);
        assert_eq!(px("calc(1.2)", Allow::LengthOrNumber), Some(1.2));
    }
}
