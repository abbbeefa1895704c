//! The style keys of a rule file end to end: `[device.NAME] stylesheet` read relative to the
//! rule file and parsed once, `viewport_width_px` and `content_root` giving the column Chromium
//! gives (tests/fixtures/css/chromium-styles.json), `[device.NAME.style.KIND]` above the
//! stylesheet, every mistake located with a suggestion, and what `check` prints.

use std::cell::Cell;
use std::path::Path;

use adslot::style::StyleKind;
use adslot::{Error, Rules};

use crate::common::fixtures_dir;

/// The messages of a rule file that does not load, one per problem.
fn problems(toml: &str) -> String {
    let css = "p { margin: 0 }";
    match Rules::from_toml_with("r.toml", toml, &|_| Ok(css.to_string())) {
        Ok(_) => panic!("loaded: {toml}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_stylesheet_is_read_next_to_the_rule_file_and_gives_chromiums_column() {
    let rules = Rules::from_path(&fixtures_dir().join("css/guardian.toml")).unwrap();
    let mobile = &rules.device("mobile").unwrap().styles;
    let desktop = &rules.device("desktop").unwrap().styles;
    // Chromium's content widths of this content root (chromium-styles.json, `root`).
    assert_eq!(mobile.column_width_px(), 355.0);
    assert_eq!(desktop.column_width_px(), 620.0);
    // guardian.css: `.article-body-commercial-selector p { margin-bottom: 0.75rem }` on both; the rule file's h2 margin above the stylesheet's on desktop only.
    let body = mobile.kind(StyleKind::Body);
    assert_eq!((body.margin.top, body.margin.bottom), (0.0, 12.0));
    assert_eq!(desktop.kind(StyleKind::H2).margin.top, 30.0);
    assert_ne!(mobile.kind(StyleKind::H2).margin.top, 30.0);
}

#[test]
fn a_stylesheet_named_twice_is_read_and_parsed_once() {
    let reads = Cell::new(0);
    let read = |path: &Path| -> Result<String, Error> {
        reads.set(reads.get() + 1);
        assert_eq!(path, Path::new("conf/site.css"));
        Ok(".story p { margin: 0 0 20px }".to_string())
    };
    let toml = "[device.mobile]\nstylesheet = \"site.css\"\ncontent_root = \".story\"\n\
                [device.desktop]\nstylesheet = \"site.css\"\ncontent_root = \".story\"\n";
    let rules = Rules::from_toml_with("conf/rules.toml", toml, &read).unwrap();
    assert_eq!(reads.get(), 1);
    assert_eq!(
        rules
            .device("desktop")
            .unwrap()
            .styles
            .kind(StyleKind::Body)
            .margin
            .bottom,
        20.0
    );
}

#[test]
fn a_missing_stylesheet_is_an_error_at_its_key() {
    let toml = "[device.mobile]\nstylesheet = \"nowhere.css\"\n";
    let e = Rules::from_toml("dir/r.toml", toml)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("dir/r.toml:2:14: cannot read the stylesheet `nowhere.css`: dir/nowhere.css: cannot read"),
        "{e}"
    );
}

#[test]
fn style_mistakes_are_located_with_suggestions() {
    assert_eq!(
        problems("[device.mobile.style.listitem]\nfont_px = 22\n"),
        "r.toml:1:22: unknown style kind `listitem` in [device.mobile.style] (did you mean `list_item`?)"
    );
    assert_eq!(
        problems("[device.mobile.style.h2]\nmargin_top = 24\n"),
        "r.toml:2:1: unknown key `margin_top` in [device.mobile.style.h2] (did you mean `margin_top_px`?)"
    );
    assert_eq!(
        problems("[device.mobile]\nviewport_width_px = 0\n"),
        "r.toml:2:21: `viewport_width_px` must be greater than 0"
    );
    assert_eq!(
        problems("[device.mobile.style.body]\nline_height = 1.5\nline_height_px = 24\n"),
        "r.toml:3:18: `line_height_px` and `line_height` both set the line height: keep one"
    );
    assert!(
        problems("[device.mobile]\ncontent_root = \"main p:hover\"\n")
            .starts_with("r.toml:2:16: `content_root`: `p:hover` is not an element")
    );
    assert_eq!(
        problems("stylesheet = \"site.css\"\n"),
        "r.toml:1:1: unknown key `stylesheet` at the top level (it belongs in [device.NAME])"
    );
}

#[test]
fn check_shows_what_was_read_and_what_was_not() {
    let rules = Rules::from_path(&fixtures_dir().join("css/guardian.toml")).unwrap();
    let out = adslot::render::styles(&rules);
    assert!(
        out.starts_with(
            "styles of mobile: stylesheet `guardian.css` at a 375 px viewport, content root \
         `main > article.dcr-article > div.article-body-commercial-selector`: column 355 px"
        ),
        "{out}"
    );
    assert!(out.contains("styles of desktop: "), "{out}");
    assert!(
        out.contains("[device.desktop.style.h2] margin_top_px = 30"),
        "{out}"
    );
    // guardian.css has a `::before` rule and user-action pseudo-classes: counted, not laid out.
    assert!(out.contains("not laid out: "), "{out}");
}
