//! Unit tests of `parse`.

use super::*;
use crate::style::sheet::{Longhand, Value};

#[test]
fn important_and_var_are_read() {
    let d = inline("margin-top: 4px !important; font-size: var(--f, 12px); --f: 14px");
    assert_eq!(d.len(), 3);
    assert!(matches!(
        &d[0],
        Decl::Longhand {
            property: Longhand::MarginTop,
            important: true,
            ..
        }
    ));
    assert!(matches!(&d[1], Decl::Pending { raw, .. } if &**raw == "var(--f, 12px)"));
    assert!(matches!(&d[2], Decl::Custom { raw, .. } if &**raw == "14px"));
}

#[test]
fn at_rules_and_layers() {
    let css = "@import url(more.css);\n@layer base, theme;\n@layer theme { p { margin: 0 } }\n\
               @layer base { p { margin: 1px } }\np { padding: 0 }\n\
               @supports (display: grid) { h2 { margin: 0 } }\n\
               @supports (-moz-appearance: none) { h3 { margin: 0 } }\n\
               @font-face { font-family: \"Guardian Text\"; src: url(x.woff2) }\n\
               @keyframes spin { from { color: red } }\n@container (min-width: 1px) { p { margin: 0 } }";
    let s = Stylesheet::parse("a.css", css);
    let layers: Vec<u16> = s.rules.iter().map(|r| r.layer).collect();
    assert_eq!(layers, [1, 0, UNLAYERED, UNLAYERED]);
    assert_eq!(s.report.font_faces, ["Guardian Text"]);
    let names: Vec<&str> = s.report.at_rules.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["@import url(more.css)", "@keyframes", "@container"]);
    assert_eq!(s.report.at_rules[0].first.to_string(), "1:1");
}

#[test]
fn invalid_css_is_dropped_and_located() {
    let css = "p { margin: 1px 2px 3px 4px 5px; padding: 2px }\np > { margin: 0 }\nh2 { grid-area: a; gap: 1px; gap: 2px }";
    let s = Stylesheet::parse("a.css", css);
    assert_eq!(s.report.invalid.len(), 2, "{:?}", s.report.invalid);
    assert_eq!(s.report.invalid[0].at.to_string(), "1:5");
    assert_eq!(s.report.invalid[1].at.to_string(), "2:1");
    assert_eq!(s.rules.len(), 2);
    assert_eq!(s.blocks[0].len(), 4, "padding survives its bad neighbour");
    let gap = &s.report.unsupported_properties[1];
    assert_eq!(
        (gap.name.as_str(), gap.count, gap.first.to_string()),
        ("gap", 2, "3:20".to_string())
    );
    assert!(matches!(
        &s.blocks[0][0],
        Decl::Longhand {
            value: Value::Length(_),
            ..
        }
    ));
}

#[test]
fn nested_rules_are_counted_not_applied() {
    let s = Stylesheet::parse(
        "a.css",
        "p { margin: 0; & span { margin: 1px } padding: 0 }",
    );
    assert_eq!(s.report.nested_rules, 1);
    assert_eq!(s.rules.len(), 1);
    assert_eq!(s.blocks[0].len(), 8);
}
