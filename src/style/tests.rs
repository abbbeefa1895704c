//! The cascade rule by rule: specificity, order, importance, layers, media, units, shorthands,
//! inheritance, the user-agent defaults, `var()`, widths; and the kind styles.

use std::sync::Arc;

use super::sheet::{MediaEnv, Stylesheet};
use super::*;

type El<'a> = (&'a str, &'a [(&'a str, &'a str)]);

/// The style of the last element of `path`, under `html` and `body`, at `viewport` px.
fn at(css: &str, viewport: f64, path: &[El<'_>]) -> ComputedStyle {
    let sheet = Arc::new(Stylesheet::parse("t.css", css));
    let cascade = Cascade::new(
        Some(sheet),
        MediaEnv {
            width: viewport,
            height: 800.0,
        },
    );
    let mut s = cascade.styler();
    s.push("html", &[]);
    s.push("body", &[]);
    for (tag, attrs) in path {
        s.push(tag, attrs);
    }
    s.current().clone()
}

fn style(css: &str, path: &[El<'_>]) -> ComputedStyle {
    at(css, 375.0, path)
}

const STORY: (&str, &[(&str, &str)]) = ("article", &[("class", "story"), ("id", "main")]);
const P: (&str, &[(&str, &str)]) = ("p", &[]);
const P_LEDE: (&str, &[(&str, &str)]) = ("p", &[("class", "lede")]);

#[test]
fn specificity_beats_order() {
    let css = "#main p { margin-top: 3px } .story p { margin-top: 2px } p { margin-top: 1px }";
    assert_eq!(style(css, &[STORY, P]).margin.top, 3.0);
    let css = ".story p { margin-top: 2px } p { margin-top: 1px } article p { margin-top: 4px }";
    assert_eq!(style(css, &[STORY, P]).margin.top, 2.0);
}

#[test]
fn later_rules_win_at_equal_specificity() {
    let css = "p { margin-top: 1px } p { margin-top: 2px }";
    assert_eq!(style(css, &[P]).margin.top, 2.0);
    let css =
        ".lede { margin-top: 1px } p.lede { margin-top: 2px } .story .lede { margin-top: 3px }";
    assert_eq!(style(css, &[STORY, P_LEDE]).margin.top, 3.0);
}

#[test]
fn where_has_no_specificity_and_is_takes_its_argument() {
    let css = ":where(.story) p { margin-top: 1px } p { margin-top: 2px }";
    assert_eq!(style(css, &[STORY, P]).margin.top, 2.0);
    let css = "p { margin-top: 2px } :is(.story, x) p { margin-top: 1px }";
    assert_eq!(style(css, &[STORY, P]).margin.top, 1.0);
}

#[test]
fn important_inline_and_layers() {
    let css = "#main p { margin-top: 3px } p { margin-top: 1px !important }";
    assert_eq!(style(css, &[STORY, P]).margin.top, 1.0);
    let inline: El<'_> = ("p", &[("style", "margin-top: 9px")]);
    assert_eq!(
        style("#main p { margin-top: 3px }", &[STORY, inline])
            .margin
            .top,
        9.0
    );
    let inline: El<'_> = ("p", &[("style", "margin-top: 9px")]);
    assert_eq!(
        style("p { margin-top: 3px !important }", &[inline])
            .margin
            .top,
        3.0
    );
    // Unlayered normal rules beat layered ones whatever their specificity...
    let css = "@layer base { #main p { margin-top: 3px } } p { margin-top: 1px }";
    assert_eq!(style(css, &[STORY, P]).margin.top, 1.0);
    // ...and among layers the later wins; for !important, the earlier.
    let css = "@layer a, b; @layer b { p { margin-top: 2px } } @layer a { p { margin-top: 1px } }";
    assert_eq!(style(css, &[P]).margin.top, 2.0);
    let css = "@layer a, b; @layer b { p { margin-top: 2px !important } } \
               @layer a { p { margin-top: 1px !important } }";
    assert_eq!(style(css, &[P]).margin.top, 1.0);
}

#[test]
fn media_queries_follow_the_viewport() {
    let css = "p { font-size: 16px } @media (min-width: 600px) { p { font-size: 20px } } \
               @media screen and (max-width: 599.98px) { p { font-size: 17px } } \
               @media print { p { font-size: 99px } }";
    assert_eq!(at(css, 375.0, &[P]).font_px, 17.0);
    assert_eq!(at(css, 1280.0, &[P]).font_px, 20.0);
}

#[test]
fn units() {
    let css = "html { font-size: 10px } body { font-size: 20px } \
               p { margin: 1em 0 2rem; padding-left: 10%; text-indent: 2vw; letter-spacing: .05em }";
    let p = style(css, &[P]);
    assert_eq!(p.margin.top, 20.0, "em: the element's own size");
    assert_eq!(p.margin.bottom, 20.0, "rem: the root's");
    // The body is 375 - 2 * 8 wide; 10% of it.
    assert!((p.padding.left - 35.9).abs() < 1e-9, "{}", p.padding.left);
    assert_eq!(p.text_indent_px, 7.5);
    assert_eq!(p.letter_spacing_px, Some(1.0));
    let css = "body { font-size: 20px } p { font-size: 1.5em } span { font-size: 50% }";
    assert_eq!(
        style(css, &[P, ("span", &[])]).font_px,
        15.0,
        "em and % compound"
    );
    let css = "p { font-size: calc(1rem + 2px); margin-top: clamp(10px, 5vw, 40px) }";
    let p = style(css, &[P]);
    assert_eq!((p.font_px, p.margin.top), (18.0, 18.75));
    let css = "p { font-size: 12pt; margin-top: .5in }";
    assert_eq!(style(css, &[P]).font_px, 16.0);
    assert_eq!(style(css, &[P]).margin.top, 48.0);
}

#[test]
fn shorthands() {
    let p = style("p { margin: 1px 2px 3px; padding: 4px 5px }", &[P]);
    assert_eq!(
        (p.margin.top, p.margin.right, p.margin.bottom, p.margin.left),
        (1.0, 2.0, 3.0, 2.0)
    );
    assert_eq!(
        (
            p.padding.top,
            p.padding.right,
            p.padding.bottom,
            p.padding.left
        ),
        (4.0, 5.0, 4.0, 5.0)
    );
    let p = style(
        "p { line-height: 40px; font: italic 700 18px Georgia, serif }",
        &[P],
    );
    assert_eq!(p.line_height, LineHeight::Normal, "font resets line-height");
    assert_eq!(
        (p.font_px, p.font_weight, p.font_style),
        (18.0, 700.0, "italic")
    );
    assert_eq!(p.font_family[0].name, "Georgia");
    let p = style(
        "p { font: 1.25rem/1.6 system-ui; margin-block: 3px 4px }",
        &[P],
    );
    assert_eq!(p.line_height_px(), Some(32.0));
    assert_eq!((p.margin.top, p.margin.bottom), (3.0, 4.0));
    let p = style(
        "p { border: 2px solid #ccc; border-bottom: 0; border-left-style: none }",
        &[P],
    );
    assert_eq!(
        (p.border.top, p.border.right, p.border.bottom, p.border.left),
        (2.0, 2.0, 0.0, 0.0)
    );
    let p = style("p { border-width: 3px; }", &[P]);
    assert_eq!(p.border.top, 0.0, "a width without a style draws nothing");
}

#[test]
fn inheritance_of_font_properties() {
    let css = "body { font: 18px/1.5 Georgia; letter-spacing: 1px; margin: 0 } \
               .story { padding: 0 } h2 { font-size: 24px }";
    let h2 = style(css, &[STORY, ("h2", &[])]);
    assert_eq!(
        h2.line_height_px(),
        Some(36.0),
        "a number is inherited as the number"
    );
    assert_eq!(h2.letter_spacing_px, Some(1.0));
    assert_eq!(h2.font_family[0].name, "Georgia");
    assert!(
        (h2.margin.top - 19.92).abs() < 1e-9,
        "margins are not inherited: the UA's .83em of 24 px"
    );
    let css = "body { font-size: 18px; line-height: 150% } h2 { font-size: 24px }";
    assert_eq!(
        style(css, &[("h2", &[])]).line_height_px(),
        Some(27.0),
        "a % is inherited as px"
    );
    let css = "article { margin-top: 7px } p { margin-top: inherit }";
    assert_eq!(style(css, &[STORY, P]).margin.top, 7.0);
    let css = "body { font-weight: 300 } p { font-weight: bolder } b { font-weight: lighter }";
    assert_eq!(style(css, &[P]).font_weight, 400.0);
    assert_eq!(style(css, &[P, ("b", &[])]).font_weight, 100.0);
}

#[test]
fn user_agent_defaults() {
    let h1 = style("", &[STORY, ("h1", &[])]);
    assert_eq!(
        (h1.font_px, h1.margin.top, h1.font_weight),
        (32.0, 21.44, 700.0)
    );
    let h5 = style("", &[("h5", &[])]);
    assert!((h5.margin.top - 22.1776).abs() < 1e-9);
    let ul = style("", &[("ul", &[])]);
    assert_eq!((ul.margin.top, ul.padding.left), (16.0, 40.0));
    let nested = style("", &[("ul", &[]), ("li", &[]), ("ol", &[])]);
    assert_eq!((nested.margin.top, nested.padding.left), (0.0, 40.0));
    assert_eq!(&*nested.list_style_type, "decimal");
    let quote = style("", &[("blockquote", &[])]);
    assert_eq!(
        (
            quote.margin.left,
            quote.margin.right,
            quote.content_width_px
        ),
        (40.0, 40.0, 279.0)
    );
    let td = style(
        "",
        &[("table", &[]), ("tbody", &[]), ("tr", &[]), ("td", &[])],
    );
    assert_eq!((td.padding.top, td.display), (1.0, Display::TableCell));
    let hr = style("", &[("hr", &[])]);
    assert_eq!((hr.margin.top, hr.border.top), (8.0, 1.0));
    assert_eq!(style("", &[("i", &[])]).font_style, "italic");
    assert_eq!(style("", &[("script", &[])]).display, Display::None);
}

#[test]
fn monospace_sizes_as_chromium() {
    let pre = style("", &[("pre", &[])]);
    assert_eq!(
        (pre.font_px, pre.margin.top, pre.white_space),
        (13.0, 13.0, "pre")
    );
    assert_eq!(
        style("body { font-size: 18px }", &[("pre", &[])]).font_px,
        18.0
    );
    assert_eq!(
        style("pre { font-size: .875em }", &[("pre", &[])]).font_px,
        11.375
    );
    let two = "pre { font-family: monospace, monospace }";
    assert_eq!(style(two, &[("pre", &[])]).font_px, 16.0);
    assert_eq!(
        style("div { font-family: monospace }", &[("div", &[]), P]).font_px,
        13.0
    );
    assert_eq!(style("", &[("pre", &[]), ("code", &[])]).font_px, 13.0);
    assert_eq!(
        style("pre { font-family: Menlo }", &[("pre", &[])]).font_px,
        16.0
    );
}

#[test]
fn custom_properties() {
    let css = ":root { --gap: 24px; --body: 18px } p { margin-bottom: var(--gap); \
               font-size: var(--body) } .story { --gap: 1.5em } \
               h2 { margin-top: var(--missing, 4px); margin-bottom: var(--nope) } \
               h3 { margin: var(--missing, 4px) 0 var(--nope) }";
    assert_eq!(style(css, &[P]).margin.bottom, 24.0);
    let p = style(css, &[STORY, P]);
    assert_eq!(
        p.margin.bottom, 27.0,
        "the value is resolved where it is used (1.5em of 18)"
    );
    let h2 = style(css, &[("h2", &[])]);
    assert_eq!(
        (h2.margin.top, h2.margin.bottom),
        (4.0, 0.0),
        "invalid at computed time: unset"
    );
    let css = "body { font-size: 20px } p { font-size: var(--nope) }";
    assert_eq!(
        style(css, &[P]).font_px,
        20.0,
        "unset inherits an inherited property"
    );
}

#[test]
fn revert_and_initial() {
    let css = "p { margin: 0 } p.lede { margin-top: revert; margin-bottom: initial }";
    let p = style(css, &[P_LEDE]);
    assert_eq!((p.margin.top, p.margin.bottom), (16.0, 0.0));
    let css = "body { font-size: 20px } p { font-size: initial }";
    assert_eq!(style(css, &[P]).font_px, 16.0);
}

#[test]
fn widths_auto_margins_and_box_sizing() {
    let css = "body { margin: 0 } .story { max-width: 600px; margin: 0 auto; padding: 0 20px }";
    let s = at(css, 1280.0, &[STORY]);
    assert_eq!((s.content_width_px, s.margin.left), (600.0, 320.0));
    let s = at(css, 375.0, &[STORY]);
    assert_eq!((s.content_width_px, s.margin.left), (335.0, 0.0));
    let css = "* { box-sizing: border-box } body { margin: 0 } .story { width: 50%; \
               padding: 10px; border: 5px solid; margin-left: auto }";
    let s = at(css, 1000.0, &[STORY]);
    assert_eq!((s.content_width_px, s.margin.left), (470.0, 500.0));
    let css = "body { margin: 0 } .story { width: 100px; min-width: 200px }";
    assert_eq!(at(css, 1000.0, &[STORY]).content_width_px, 200.0);
    let css = "body { margin: 0 } p { margin: 0 -16px }";
    assert_eq!(
        style(css, &[P]).content_width_px,
        407.0,
        "negative margins widen"
    );
}

#[test]
fn floats_and_positioned_boxes_become_blocks() {
    let s = style("span { float: left }", &[("span", &[])]);
    assert_eq!((s.display, s.float), (Display::Block, "left"));
    assert!(s.contains_margins());
    let s = style("div { overflow: hidden }", &[("div", &[])]);
    assert!(s.contains_margins());
    assert!(!style("", &[("div", &[])]).contains_margins());
}

#[test]
fn unsupported_selectors_do_not_apply_but_their_siblings_do() {
    let css = "h2 + p, .lede { margin-top: 5px } p:empty { margin-top: 6px }";
    assert_eq!(style(css, &[P_LEDE]).margin.top, 5.0);
    assert_eq!(style(css, &[P]).margin.top, 16.0);
}

#[test]
fn sibling_positions() {
    let sheet = Arc::new(Stylesheet::parse(
        "t.css",
        "p:first-child { margin-top: 0 } p:nth-of-type(2) { margin-top: 2px }",
    ));
    let cascade = Cascade::new(
        Some(sheet),
        MediaEnv {
            width: 375.0,
            height: 800.0,
        },
    );
    let mut s = cascade.styler();
    s.push("html", &[]);
    s.push("body", &[]);
    assert_eq!(s.push("p", &[]).margin.top, 0.0);
    s.pop();
    s.push("h2", &[]);
    s.pop();
    assert_eq!(s.push("p", &[]).margin.top, 2.0);
    s.pop();
    assert_eq!(s.push("p", &[]).margin.top, 16.0);
}

#[test]
fn kinds_take_the_rule_files_values_above_the_stylesheet() {
    let css = ".story h2 { font-size: 20px; margin: 1em 0 }";
    let sheet = Arc::new(Stylesheet::parse("t.css", css));
    let decls = StyleKey::get("font_px")
        .unwrap()
        .declarations(&KeyValue::Number(22.0))
        .unwrap();
    let overrides = vec![
        KindOverride {
            kind: StyleKind::H2,
            selector: None,
            declarations: decls,
            written: vec!["font_px = 22".to_string()],
        },
        KindOverride {
            kind: StyleKind::Standfirst,
            selector: Some("p.standfirst".to_string()),
            declarations: Vec::new(),
            written: Vec::new(),
        },
    ];
    let settings = StyleSettings::new(375.0, 740.0).with_content_root("article.story");
    let css_standfirst = ".standfirst { font-size: 21px }";
    let styles = Styles::new(settings.clone(), Some(sheet), overrides.clone()).unwrap();
    let h2 = styles.kind(StyleKind::H2);
    assert_eq!(
        (h2.font_px, h2.margin.top),
        (22.0, 22.0),
        "em margins follow the new size"
    );
    let sheet = Arc::new(Stylesheet::parse("t.css", css_standfirst));
    let styles = Styles::new(settings, Some(sheet), overrides).unwrap();
    assert_eq!(styles.kind(StyleKind::Standfirst).font_px, 21.0);
    assert_eq!(styles.kind(StyleKind::Body).font_px, 16.0);
}

#[test]
fn a_bad_chain_is_an_error() {
    let settings = StyleSettings::new(375.0, 740.0).with_content_root("article:hover");
    let e = Styles::new(settings, None, Vec::new()).unwrap_err();
    assert!(e.to_string().starts_with("`content_root`"), "{e}");
    assert!(matches!(e, crate::style::StyleError::ContentRoot { .. }));
}
