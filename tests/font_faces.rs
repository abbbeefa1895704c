//! Reading faces: every container gives the same face, bad files give located errors, and
//! widths come from advances, kerning and shaping as HarfBuzz (so Chromium) sets them.

use std::sync::Arc;

use adslot::font::{Container, Face, Font, FontError, FontStack, Shaper, TextStyle};
use adslot::text::pixel::Advances;

use crate::common::fixtures_dir;

fn fixture(name: &str) -> std::path::PathBuf {
    fixtures_dir().join("fonts").join(name)
}

fn face(name: &str) -> Face {
    Face::from_file(fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn stack(name: &str, px: f64) -> FontStack {
    FontStack::new(vec![Font::Face(Arc::new(face(name)))], TextStyle::new(px))
}

#[test]
fn ttf_woff_and_woff2_are_one_face() {
    let words = [
        "AVAVAV",
        "Typography",
        "naïve café",
        "Zürich — “quoted”",
        "office ffi",
    ];
    let ttf = face("LiberationSerif-Regular.ttf");
    assert_eq!(ttf.family(), "Liberation Serif");
    assert_eq!(ttf.units_per_em(), 2048);
    for name in [
        "LiberationSerif-Regular.woff",
        "LiberationSerif-Regular.woff2",
    ] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let expected = if name.ends_with('2') {
            Container::Woff2
        } else {
            Container::Woff
        };
        assert_eq!(Container::sniff(&bytes), Some(expected));
        let other = face(name);
        assert_eq!(
            (other.family(), other.glyph_count()),
            (ttf.family(), ttf.glyph_count())
        );
        let (mut a, mut b) = (Shaper::default(), Shaper::default());
        for w in words {
            assert_eq!(
                ttf.shaped_width(w, &mut a),
                other.shaped_width(w, &mut b),
                "{name}: {w}"
            );
        }
    }
}

#[test]
fn kerning_and_cff_faces() {
    // Liberation Serif (TrueType, GPOS) and Inter (CFF outlines in an OTF) both kern "AV".
    for name in ["LiberationSerif-Regular.ttf", "Inter-Regular.otf"] {
        let f = face(name);
        let plain = f.advance('A').unwrap() + f.advance('V').unwrap();
        assert!(
            f.shaped_width("AV", &mut Shaper::default()) < plain - 50.0,
            "{name}"
        );
    }
    // 17 px Liberation Serif, as Chromium measures it: "AV" 22.375 px, "a" 7.546875 px
    // (LayoutUnit-rounded); ours to within 1/64 px.
    let mut s = stack("LiberationSerif-Regular.ttf", 17.0);
    assert!(
        (s.width("AV") - 22.375).abs() < 1.0 / 64.0,
        "{}",
        s.width("AV")
    );
    assert!((s.width("a") - 7.546875).abs() < 1.0 / 64.0);
    assert!((s.width("a a") - 19.34375).abs() < 1.0 / 64.0);
}

#[test]
fn a_kern_table_chromium_drops_does_not_kern() {
    // Debian's Open Sans 1.10 has a legacy `kern` table of 18,694 pairs, more than Chromium's
    // sanitiser accepts, and no kerning in GPOS: Chromium sets "AVAV" at its plain width.
    let f = face("OpenSans-Regular.ttf");
    let plain = 2.0 * (f.advance('A').unwrap() + f.advance('V').unwrap());
    assert_eq!(f.shaped_width("AVAV", &mut Shaper::default()), plain);
}

#[test]
fn shaping_joins_arabic_and_devanagari() {
    // Arabic letters take their joining forms: the word is not the sum of isolated letters.
    let ar = face("NotoSansArabic-Regular.ttf");
    let mut sh = Shaper::default();
    let word = "العربية";
    let isolated: f32 = word
        .chars()
        .map(|c| ar.shaped_width(&c.to_string(), &mut sh))
        .sum();
    assert!((ar.shaped_width(word, &mut sh) - isolated).abs() > 10.0);
    // Devanagari conjuncts: क्ष is one cluster, narrower than क + ् + ष set apart.
    let hi = face("NotoSansDevanagari-Regular.ttf");
    let apart: f32 = ["क", "्", "ष"]
        .iter()
        .map(|c| hi.shaped_width(c, &mut sh))
        .sum();
    assert!(hi.shaped_width("क्ष", &mut sh) < apart);
}

#[test]
fn bad_font_files_are_located_errors() {
    let missing = Face::from_file("/no/such/dir/Body.woff2").unwrap_err();
    assert!(matches!(missing, FontError::Io { .. }));
    assert!(
        missing
            .to_string()
            .starts_with("/no/such/dir/Body.woff2: cannot read"),
        "{missing}"
    );

    let notes = Face::from_bytes("notes.txt", b"not a font at all".to_vec()).unwrap_err();
    assert_eq!(
        notes.to_string(),
        "notes.txt: not a font file (TTF, OTF, TTC, WOFF or WOFF2 expected): the file starts with bytes 6e 6f 74 20"
    );

    let woff2 = std::fs::read(fixture("LiberationSerif-Regular.woff2")).unwrap();
    for cut in [8, 48, woff2.len() / 2] {
        let err = Face::from_bytes("Body.woff2", woff2[..cut].to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("Body.woff2: "), "{err}");
    }
    let ttf = std::fs::read(fixture("LiberationSerif-Regular.ttf")).unwrap();
    for cut in [0, 3, 12, 100] {
        // Never a panic; an error naming the file.
        if let Err(e) = Face::from_bytes("Body.ttf", ttf[..cut].to_vec()) {
            assert!(e.to_string().starts_with("Body.ttf: "), "{e}");
        }
    }
}

#[test]
fn fallback_chain_and_last_resort_widths() {
    // Hebrew in a Latin face falls back to the Hebrew face; ideographs no face maps are 1 em.
    let latin = Font::Face(Arc::new(face("LiberationSerif-Regular.ttf")));
    let hebrew = Arc::new(face("NotoSansHebrew-Regular.ttf"));
    let mut s = FontStack::new(
        vec![latin, Font::Face(Arc::clone(&hebrew))],
        TextStyle::new(20.0),
    );
    let shalom = "שלום";
    let expected = f64::from(hebrew.shaped_width(shalom, &mut Shaper::default())) * 20.0
        / f64::from(hebrew.units_per_em());
    assert!((s.width(shalom) - expected).abs() < 0.01);
    assert_eq!(s.width("漢字"), 40.0);
    // Letter and word spacing: after every character, on every space.
    let mut spaced = FontStack::new(
        vec![Font::Face(Arc::new(face("LiberationSerif-Regular.ttf")))],
        TextStyle::new(20.0).with_spacing(1.5, 4.0),
    );
    let mut plain = stack("LiberationSerif-Regular.ttf", 20.0);
    assert!((spaced.width("a b") - plain.width("a b") - 3.0 * 1.5 - 4.0).abs() < 1e-9);
}
