//! Unit tests of `selector`.

use super::*;

fn one(css: &str) -> Result<Complex> {
    let mut p = Parser::new(css);
    let mut list = parse_list(&mut p)?;
    assert_eq!(list.len(), 1, "{css}");
    list.remove(0)
}

fn el(tag: &str, attrs: &[(&str, &str)]) -> ElementData {
    ElementData::new(tag, attrs)
}

#[test]
fn specificity_counts_ids_classes_and_types() {
    let s = |css: &str| {
        let v = one(css).unwrap().specificity();
        (v >> 20, (v >> 10) & 1023, v & 1023)
    };
    assert_eq!(s("p"), (0, 0, 1));
    assert_eq!(s("article p.lede"), (0, 1, 2));
    assert_eq!(s("#main .body > p:first-child"), (1, 2, 1));
    assert_eq!(s("a[href]:hover"), (0, 2, 1));
    assert_eq!(s(":where(#x, .y) p"), (0, 0, 1));
    assert_eq!(s(":is(#x, .y) p"), (1, 0, 1));
    assert_eq!(s("p:not(.a, #b)"), (1, 0, 1));
    assert_eq!(s("*"), (0, 0, 0));
}

#[test]
fn combinators_walk_the_ancestors() {
    let path = [
        el("html", &[]),
        el("body", &[]),
        el("article", &[("class", "story")]),
        el("div", &[("class", "body")]),
        el("p", &[]),
    ];
    assert!(one(".story p").unwrap().matches(&path));
    assert!(one(".story .body > p").unwrap().matches(&path));
    assert!(!one(".story > p").unwrap().matches(&path));
    assert!(one("html p").unwrap().matches(&path));
    assert!(one("article div p").unwrap().matches(&path));
    assert!(!one("div article p").unwrap().matches(&path));
    assert!(one(":root p").unwrap().matches(&path));
    assert!(!one("p:hover").unwrap().matches(&path));
    assert!(one("p:not(:hover)").unwrap().matches(&path));
    assert!(one(":is(section, article) > .body p")
        .unwrap()
        .matches(&path));
}

#[test]
fn attributes_and_positions() {
    let mut p = el("p", &[("lang", "en-GB"), ("data-x", "Alpha beta")]);
    p.index = 3;
    p.type_index = 2;
    let path = [el("div", &[]), p];
    for (css, want) in [
        ("[lang|=en]", true),
        ("[data-x~=beta]", true),
        ("[data-x^=alpha]", false),
        ("[data-x^=alpha i]", true),
        ("[data-x$=ta]", true),
        ("[data-x*=\"a b\"]", true),
        ("p:first-child", false),
        ("p:nth-child(odd)", true),
        ("p:nth-child(2n+1)", true),
        ("p:nth-of-type(2)", true),
        ("p:first-of-type", false),
        // Nothing is known of what follows: counting from the end matches nothing.
        ("p:last-child", false),
        ("p:not(:last-child)", true),
    ] {
        assert_eq!(one(css).unwrap().matches(&path), want, "{css}");
    }
}

#[test]
fn positions_from_the_end_where_the_walk_knows_them() {
    // The 3rd of 4 children, the 2nd of 2 `p`s.
    let mut p = el("p", &[]);
    (p.index, p.type_index) = (3, 2);
    (p.index_from_end, p.type_index_from_end) = (Some(2), Some(1));
    let path = [el("div", &[]), p];
    for (css, want) in [
        ("p:last-child", false),
        ("p:last-of-type", true),
        ("p:nth-last-child(2)", true),
        ("p:nth-last-child(2n+1)", false),
        ("p:nth-last-of-type(1)", true),
        ("p:only-child", false),
        ("p:only-of-type", false),
    ] {
        assert_eq!(one(css).unwrap().matches(&path), want, "{css}");
    }
    let mut only = el("li", &[]);
    (only.index_from_end, only.type_index_from_end) = (Some(1), Some(1));
    let path = [el("ul", &[]), only];
    assert!(one("li:only-child").unwrap().matches(&path));
    assert!(one("li:only-of-type").unwrap().matches(&path));
    let spec = |css| one(css).unwrap().specificity();
    assert_eq!(spec("li:last-child"), spec("li:first-child"));
    assert_eq!(spec("li:only-child"), spec("li:first-child"));
}

#[test]
fn unsupported_and_invalid_selectors_are_told_apart() {
    assert!(matches!(
        one("h2 + p"),
        Err(SelectorProblem::Unsupported(_))
    ));
    assert!(matches!(
        one("p:empty"),
        Err(SelectorProblem::Unsupported(_))
    ));
    assert!(matches!(
        one("li:has(> a)"),
        Err(SelectorProblem::Unsupported(_))
    ));
    assert!(matches!(
        one("p:lang(en)"),
        Err(SelectorProblem::Unsupported(_))
    ));
    assert!(matches!(
        one("li:nth-child(2 of .x)"),
        Err(SelectorProblem::Unsupported(_))
    ));
    assert!(matches!(
        one("p::first-line"),
        Err(SelectorProblem::PseudoElement(_))
    ));
    assert!(matches!(
        one("p:before"),
        Err(SelectorProblem::PseudoElement(_))
    ));
    let mut p = Parser::new("p, > a");
    assert_eq!(parse_list(&mut p), Err(SelectorProblem::Invalid));
    let mut p = Parser::new("p, h2 ~ p, .x");
    let list = parse_list(&mut p).unwrap();
    assert_eq!(list.iter().filter(|s| s.is_ok()).count(), 2);
    assert!(matches!(one("p..a"), Err(SelectorProblem::Invalid)));
}
