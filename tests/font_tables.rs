//! The built-in metrics tables: the committed files are what the generator makes from their
//! source faces, a table measures text as the shaper sets it, and broken tables are errors.

use std::sync::Arc;

use adslot::font::{
    family, Face, Font, FontStack, Metrics, Shaper, Style, TextStyle, BUILTIN, NEWS_COVERAGE,
};
use adslot::text::pixel::Advances;
use proptest::prelude::*;

use crate::common::fixtures_dir;

fn fixture_face(name: &str) -> Face {
    Face::from_file(fixtures_dir().join("fonts").join(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// The committed table of a family's regular style, read from its file.
fn committed(key: &str) -> Vec<u8> {
    let src = BUILTIN.iter().find(|s| s.key == key).unwrap();
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(src.table_path(Style::Regular));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn committed_tables_are_what_the_generator_makes() {
    // The faces whose source file is a fixture; `cargo run --example font_tables -- --check`
    // checks all 28 against the installed fonts.
    for (key, file) in [
        ("liberation-serif", "LiberationSerif-Regular.ttf"),
        ("open-sans", "OpenSans-Regular.ttf"),
    ] {
        let made = Metrics::from_face(&fixture_face(file), NEWS_COVERAGE).to_bytes();
        assert!(
            made == committed(key),
            "fonts/{key}-regular.adm is stale: rerun the font_tables example"
        );
    }
}

#[test]
fn every_builtin_family_loads_with_its_aliases() {
    for src in BUILTIN {
        let f = family(src.key).unwrap();
        for alias in src.aliases {
            assert_eq!(family(alias).unwrap().key, src.key);
        }
        for style in Style::ALL {
            let m = f.style(style);
            assert!(
                m.covers('a') && m.covers('€') && m.covers('—'),
                "{} {style:?}",
                src.key
            );
            assert!(m.advance('W') > m.advance('i'), "{} {style:?}", src.key);
        }
    }
    assert_eq!(family("Times New Roman").unwrap().key, "liberation-serif");
    assert_eq!(family("Helvetica").unwrap().key, "liberation-sans");
    let err = family("Georgia").unwrap_err().to_string();
    assert!(
        err.starts_with("unknown font family `Georgia`; built-in families: "),
        "{err}"
    );
}

/// Words from the fixture articles' text (what the tables are for).
fn news_words() -> Vec<String> {
    let mut words = Vec::new();
    for path in crate::common::fixture_files("real", "json") {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for b in v["blocks"].as_array().unwrap() {
            for w in b["text"].as_str().unwrap_or_default().split_whitespace() {
                words.push(w.to_string());
            }
        }
    }
    words
}

#[test]
fn a_table_measures_words_as_the_shaper_does() {
    // Independent paths: the table sums advances, class kerning and ligature corrections; the
    // face shapes each word with harfrust. Fixture words agree to 1/64 px but for contextual
    // substitutions a table cannot hold (Inter's `calt` sets the x of "2x3" as ×).
    for (key, file, allowed) in [
        ("liberation-serif", "LiberationSerif-Regular.ttf", 0),
        ("inter", "Inter-Regular.otf", 12),
    ] {
        let style = TextStyle::new(17.0);
        let mut table = FontStack::new(vec![Font::Builtin(family(key).unwrap().regular())], style);
        let mut shaped = FontStack::new(vec![Font::Face(Arc::new(fixture_face(file)))], style);
        let mut differ = Vec::new();
        let mut n = 0;
        for w in news_words() {
            if !w.chars().all(|c| table.fonts()[0].covers(c)) {
                continue;
            }
            n += 1;
            if (table.width(&w) - shaped.width(&w)).abs() >= 1.0 / 64.0 {
                differ.push(w);
            }
        }
        differ.sort();
        differ.dedup();
        assert!(n > 50_000, "{n} words");
        assert!(
            differ.len() <= allowed,
            "{key}: {} words differ: {differ:?}",
            differ.len()
        );
    }
}

#[test]
fn inter_table_matches_the_otf_source() {
    // Inter's table was generated from the same OTF as the fixture: spot-check pairs.
    let m = family("inter").unwrap().regular();
    let f = fixture_face("Inter-Regular.otf");
    let mut sh = Shaper::default();
    for (a, b) in [('A', 'V'), ('T', 'o'), ('L', 'T'), ('y', '.'), ('"', 'J')] {
        let adj = f.pair_adjustment(a, b, None, &mut sh).unwrap();
        assert_eq!(f32::from(m.kern(a, b)), adj.round(), "{a}{b}");
    }
}

#[test]
fn every_truncation_of_a_table_is_an_error() {
    let bytes = committed("liberation-serif");
    assert!(Metrics::from_bytes("t.adm", &bytes).is_ok());
    for cut in (0..bytes.len()).step_by(7) {
        let err = Metrics::from_bytes("t.adm", &bytes[..cut])
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("t.adm: malformed metrics table at byte "),
            "{err}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn corrupted_tables_never_panic(flips in proptest::collection::vec((0usize..6000, any::<u8>()), 1..8)) {
        let mut bytes = committed("liberation-sans");
        for (at, v) in flips {
            let at = at % bytes.len();
            bytes[at] = v;
        }
        if let Ok(m) = Metrics::from_bytes("x.adm", &bytes) {
            // A table that reads is usable: lookups stay in bounds.
            for c in ['a', 'V', 'é', '€', '\u{1F600}'] {
                let _ = (m.advance(c), m.kern(c, 'a'), m.kern('T', c));
            }
        }
    }
}
