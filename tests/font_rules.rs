//! The font keys of `[device.NAME]`: what they resolve to (modes, faces, fallback, paths relative
//! to the rule file), and every mistake as an error at its key or item with a suggestion.

use adslot::font::{Font, FontStack, TextStyle};
use adslot::layout::{layout, Hyphenation};
use adslot::text::pixel::{PixelBreaker, PixelOptions};
use adslot::{Article, Block, BlockKind, Rules};

use crate::common::fixtures_dir;

fn load(toml: &str) -> Rules {
    Rules::from_toml("r.toml", toml).unwrap_or_else(|e| panic!("{e}"))
}

fn error(toml: &str) -> String {
    match Rules::from_toml("r.toml", toml) {
        Ok(_) => panic!("loaded:\n{toml}"),
        Err(e) => e.to_string(),
    }
}

const TEXT: &str = "The council voted on Monday to approve a budget that funds the new library, \
                    two parks and a bus line, after a debate that ran late into the night.";

#[test]
fn no_font_is_column_mode_and_a_font_is_px_mode() {
    let rules = load("[device.desktop]\nfont_family = \"Times New Roman\"\n");
    let mobile = &rules.device("mobile").unwrap().profile;
    let desktop = &rules.device("desktop").unwrap().profile;
    assert!(mobile.typography.is_columns());
    let faces = desktop.typography.faces();
    assert_eq!(faces.len(), 1);
    assert_eq!(faces[0].name, "Times New Roman");
    assert_eq!(faces[0].body[0].name(), "Liberation Serif Regular");
    assert_eq!(faces[0].heading[0].name(), "Liberation Serif Bold");

    let article = Article::new(vec![
        Block::new(
            BlockKind::Headline,
            "A headline long enough to wrap at least once, surely",
        ),
        Block::new(BlockKind::Paragraph, TEXT),
    ]);
    let columns = layout(&article, mobile, Hyphenation::None);
    assert!(!columns.is_px() && columns.fonts.is_empty());
    let px = layout(&article, desktop, Hyphenation::None);
    assert!(px.is_px());
    assert_eq!(px.fonts.len(), 1);
    assert_eq!(px.blocks, px.fonts[0].blocks);
    // The paragraph's lines are the pixel breaker's at the desktop column and size.
    let mut times = FontStack::builtin("times", TextStyle::new(18.0)).unwrap();
    let lines = PixelBreaker::new().count_lines(TEXT, &mut times, &PixelOptions::new(620.0));
    assert_eq!(px.blocks[1].lines, lines);
    assert_eq!(px.blocks[1].height_px, lines as u64 * 29);
    // The headline: bold at 18 x 1.25 px on 29 x 1.25 px lines (36.25 px: 2320 LayoutUnits).
    let mut bold = FontStack::new(
        vec![Font::Builtin(
            adslot::font::family("times")
                .unwrap()
                .style(adslot::font::Style::Bold),
        )],
        TextStyle::new(22.5),
    );
    let headline = PixelBreaker::new().count_lines(
        &article.blocks[0].text,
        &mut bold,
        &PixelOptions::new(620.0),
    );
    assert_eq!(px.blocks[0].lines, headline);
    let height = (headline as f64 * 36.25).round() as u64;
    assert_eq!(px.blocks[0].height_px, height);
    assert_eq!(px.blocks[1].top_px, height + 20);
}

#[test]
fn candidates_lay_every_block_out_in_each_typeface() {
    let rules = load(
        "[device.mobile]\nfonts = [\"times\", \"arial\", \"roboto\"]\nfallback = [\"dejavu-sans\"]\n",
    );
    let profile = &rules.device("mobile").unwrap().profile;
    let names: Vec<&str> = profile
        .typography
        .faces()
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["times", "arial", "roboto"]);
    let face = &profile.typography.faces()[2];
    assert_eq!(face.body[1].name(), "DejaVu Sans Book");
    assert_eq!(face.heading[1].name(), "DejaVu Sans Bold");
    let article = Article::new(vec![Block::new(BlockKind::Paragraph, TEXT.repeat(4))]);
    let g = layout(&article, profile, Hyphenation::None);
    let fonts: Vec<&str> = g.fonts.iter().map(|f| f.font.as_str()).collect();
    assert_eq!(fonts, ["times", "arial", "roboto"]);
    assert_eq!(g.blocks, g.fonts[0].blocks);
    // Liberation Serif is narrower than Liberation Sans: fewer lines.
    assert!(
        g.fonts[0].blocks[0].lines < g.fonts[1].blocks[0].lines,
        "{g:?}"
    );
}

#[test]
fn font_files_are_read_relative_to_the_rule_file() {
    let dir = std::env::temp_dir().join(format!("adslot-font-rules-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("fonts")).unwrap();
    for f in ["LiberationSerif-Regular.woff2", "Inter-Regular.otf"] {
        std::fs::copy(
            fixtures_dir().join("fonts").join(f),
            dir.join("fonts").join(f),
        )
        .unwrap();
    }
    // A table written by `adslot font` (here, by the library it calls) is a font file too.
    let table = adslot::font::table_of(
        &adslot::font::load_file(dir.join("fonts/Inter-Regular.otf")).unwrap(),
    );
    std::fs::write(dir.join("fonts/inter.adm"), table.to_bytes()).unwrap();
    let path = dir.join("site.toml");
    std::fs::write(
        &path,
        "[device.mobile]\nfont = \"fonts/LiberationSerif-Regular.woff2\"\n\
         [device.desktop]\nfonts = [\"fonts/inter.adm\", \"times\"]\n",
    )
    .unwrap();
    let rules = Rules::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let mobile = &rules.device("mobile").unwrap().profile.typography;
    assert!(matches!(mobile.faces()[0].body[0], Font::Face(_)));
    assert_eq!(mobile.faces()[0].body[0].name(), "Liberation Serif Regular");
    // A file is one face: headings use it too (a browser would synthesise the bold).
    assert_eq!(
        mobile.faces()[0].heading[0].name(),
        "Liberation Serif Regular"
    );
    let desktop = &rules.device("desktop").unwrap().profile.typography;
    assert!(matches!(desktop.faces()[0].body[0], Font::Metrics(_)));
    assert_eq!(desktop.faces()[0].body[0].name(), "Inter Regular");
    // The face and the built-in table of the same font break alike.
    let article = Article::new(vec![Block::new(BlockKind::Paragraph, TEXT.repeat(3))]);
    let face = layout(
        &article,
        &rules.device("mobile").unwrap().profile,
        Hyphenation::None,
    );
    let builtin = load("[device.mobile]\nfont_family = \"times\"\n");
    let table = layout(
        &article,
        &builtin.device("mobile").unwrap().profile,
        Hyphenation::None,
    );
    assert_eq!(face.blocks, table.blocks);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn font_mistakes_are_located_at_their_key() {
    let e = error("[device.mobile]\nfont = \"fonts/Missing.woff2\"\n");
    assert!(
        e.starts_with("r.toml:2:8: `font`: fonts/Missing.woff2: cannot read the font file"),
        "{e}"
    );
    let e = error("[device.mobile]\nfont = \"times\"\n");
    assert!(
        e.ends_with("(`times` is a built-in family: write `font_family = \"times\"`)"),
        "{e}"
    );
    let notes = fixtures_dir().join("fonts/README.md");
    let e = error(&format!(
        "[device.mobile]\nfont = {:?}\n",
        notes.display().to_string()
    ));
    assert!(
        e.contains("r.toml:2:8: `font`: ") && e.contains("not a font file"),
        "{e}"
    );
    let e = error("[device.mobile]\nfont_family = \"robto\"\n");
    assert_eq!(
        e,
        "r.toml:2:15: `font_family`: unknown font family `robto` (did you mean `roboto`?)"
    );
    let e = error("[device.desktop]\nfonts = [\"times\", \"aerial\", \"roboto\"]\n");
    assert_eq!(
        e,
        "r.toml:2:19: `fonts`: unknown font family `aerial` (did you mean `arial`?)"
    );
    let e = error("[device.mobile]\nfont_family = \"times\"\nfont = \"a.ttf\"\n");
    assert!(
        e.contains("both `font` and `font_family` name the body font"),
        "{e}"
    );
    let e = error("[device.mobile]\nfonts = [\"times\"]\nfont_family = \"arial\"\n");
    assert!(
        e.contains("`font_family` and `fonts` both name the body font"),
        "{e}"
    );
    let e = error("[device.mobile]\nfallback = [\"dejavu-sans\"]\n");
    assert!(
        e.starts_with("r.toml:2:12: `fallback` sets text in px, but the device names no font"),
        "{e}"
    );
    let e = error("[device.mobile]\nfont_family = \"times\"\nhyphens = \"atuo\"\n");
    assert!(
        e.starts_with("r.toml:3:11: `hyphens`: expected one of"),
        "{e}"
    );
    assert!(e.ends_with("(did you mean `auto`?)"), "{e}");
    let e = error("[device.mobile]\nfont_family = \"times\"\nhyphens = \"auto\"\nlang = \"de\"\n");
    assert!(
        e.starts_with("r.toml:4:8: no hyphenation patterns for `de`"),
        "{e}"
    );
    let e = error("[device.mobile]\nfonts = []\n");
    assert!(e.starts_with("r.toml:2:9: `fonts` is empty"), "{e}");
    let e = error("[device.mobile]\nfonts = \"times\"\n");
    assert!(
        e.starts_with("r.toml:2:9: `fonts`: expected an array"),
        "{e}"
    );
    let e = error("[device.mobile]\nfont_famliy = \"times\"\n");
    assert!(e.ends_with("(did you mean `font_family`?)"), "{e}");
    // A font key in the wrong table says where it belongs.
    let e = error("[spacing]\nfont_family = \"times\"\n");
    assert!(e.ends_with("(it belongs in [device.NAME])"), "{e}");
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let e = error(
        "[device.mobile]\nfonts = [\"tims\", \"arial\"]\nheading_style = \"heavy\"\n\
         [device.desktop]\nfont_family = \"robot\"\n",
    );
    let lines: Vec<&str> = e.lines().collect();
    assert_eq!(lines.len(), 3, "{e}");
    assert!(
        lines[0].starts_with("r.toml:2:10: `fonts`: unknown font family `tims`"),
        "{e}"
    );
    assert!(
        lines[1].starts_with("r.toml:3:17: `heading_style`: expected one of"),
        "{e}"
    );
    assert!(
        lines[2].starts_with("r.toml:5:15: `font_family`: unknown font family `robot`"),
        "{e}"
    );
}
