//! Unit tests of `value`.

use super::super::property::property;
use super::*;

fn parse(name: &str, css: &str) -> Option<Vec<(Longhand, Value)>> {
    let mut p = Parser::new(css);
    parse_declared(property(name), &mut p).ok()
}

#[test]
fn margin_takes_one_to_four_values() {
    let px = |v: f64| Value::Length(Expr::Px(v));
    let got = parse("margin", "1px 2px 3px").unwrap();
    let values: Vec<_> = got.iter().map(|(_, v)| v.clone()).collect();
    assert_eq!(values, [px(1.0), px(2.0), px(3.0), px(2.0)]);
    let got = parse("margin", "0 auto").unwrap();
    assert_eq!(got[1].1, Value::Keyword("auto"));
    assert!(parse("margin", "1px 2px 3px 4px 5px").is_none());
    assert!(
        parse("padding", "-1px").is_none(),
        "padding is never negative"
    );
}

#[test]
fn border_shorthand_defaults_width_to_medium_and_style_to_none() {
    let got = parse("border-top", "solid red").unwrap();
    assert_eq!(
        got[0],
        (Longhand::BorderTopWidth, Value::Length(Expr::Px(3.0)))
    );
    let got = parse("border", "1px").unwrap();
    assert_eq!(got[4], (Longhand::BorderTopStyle, Value::Keyword("none")));
    let got = parse("border-bottom", "2px dotted rgb(0 0 0 / 50%)").unwrap();
    assert_eq!(
        got[1],
        (Longhand::BorderBottomStyle, Value::Keyword("dotted"))
    );
}

#[test]
fn font_shorthand_resets_and_sets() {
    let got = parse(
        "font",
        "italic bold 12px/30px Georgia, \"Times New Roman\", serif",
    )
    .unwrap();
    assert_eq!(got[0].1, Value::Keyword("italic"));
    assert_eq!(got[1].1, Value::Keyword("bold"));
    assert_eq!(got[2].1, Value::Length(Expr::Px(12.0)));
    assert_eq!(got[3].1, Value::Length(Expr::Px(30.0)));
    let Value::Families(f) = &got[4].1 else {
        panic!("{:?}", got[4]);
    };
    assert_eq!(f[1].name, "Times New Roman");
    assert!(f[2].generic);
    let got = parse("font", "1rem/1.5 system-ui").unwrap();
    assert_eq!(got[3].1, Value::Length(Expr::Number(1.5)));
    assert_eq!(got[1].1, Value::Keyword("normal"));
    assert!(
        parse("font", "bold Georgia").is_none(),
        "the size is required"
    );
    assert!(parse("font", "menu").is_none());
}

#[test]
fn css_wide_keywords_apply_to_every_longhand() {
    let got = parse("padding", "inherit").unwrap();
    assert_eq!(got.len(), 4);
    assert!(got.iter().all(|(_, v)| *v == Value::Wide(Wide::Inherit)));
    assert!(parse("padding", "inherit 2px").is_none());
}

#[test]
fn list_style_none_is_the_type() {
    let got = parse("list-style", "none").unwrap();
    assert_eq!(got[0].1, Value::Keyword("none"));
    let got = parse("list-style", "square inside").unwrap();
    assert_eq!(got[0].1, Value::Keyword("square"));
    assert_eq!(got[1].1, Value::Keyword("inside"));
}
