//! JSON reader tests: geometry values out of range are located errors at the value, columns
//! count characters, and a byte order mark is skipped.

use adslot::formats::json::read;

fn error(input: &str) -> String {
    read("a.json", input).unwrap_err().to_string()
}

/// Fixed: `height_px: -5`, `aspect: 0` and absurd values were accepted silently. Each is now
/// an error at the value's own line:column, naming the key and its range.
#[test]
fn geometry_out_of_range_is_an_error_at_the_value() {
    let h = "height_px must be from 0 to 100000";
    let a = "aspect must be from 0.01 to 100";
    for (input, want) in [
        (
            r#"{"blocks":[{"kind":"image","height_px":-5}]}"#,
            format!("a.json:1:40: {h}, found -5"),
        ),
        (
            r#"{"blocks":[{"kind":"image","aspect":0}]}"#,
            format!("a.json:1:37: {a}, found 0"),
        ),
        (
            r#"{"blocks":[{"kind":"image","aspect":-1.5}]}"#,
            format!("a.json:1:37: {a}, found -1.5"),
        ),
        (
            r#"{"blocks":[{"kind":"image","height_px":1e300}]}"#,
            format!("a.json:1:40: {h}, found 1e300"),
        ),
        (
            r#"{"blocks":[{"kind":"embed","aspect":1e-300}]}"#,
            format!("a.json:1:37: {a}, found 1e-300"),
        ),
        (
            r#"{"blocks":[{"kind":"image","height_px":100000.5}]}"#,
            format!("a.json:1:40: {h}, found 100000.5"),
        ),
        // Out of f64's range, and not a number at all.
        (
            r#"{"blocks":[{"kind":"image","height_px":1e999}]}"#,
            format!("a.json:1:40: {h}, found 1e999"),
        ),
        (
            r#"{"blocks":[{"kind":"image","height_px":"tall"}]}"#,
            format!("a.json:1:40: {h}, found \"tall\""),
        ),
        (
            r#"{"blocks":[{"kind":"image","aspect":[16, 9]}]}"#,
            format!("a.json:1:37: {a}, found [16, 9]"),
        ),
        // On a later line, after non-ASCII text: the column counts characters.
        (
            "{\"blocks\": [\n  {\"kind\": \"image\", \"text\": \"é—ü\", \"height_px\": -5}\n]}",
            format!("a.json:2:49: {h}, found -5"),
        ),
    ] {
        assert_eq!(error(input), want, "{input}");
    }
}

/// One problem is reported: the first bad geometry value if there is one (found whatever
/// else is wrong, since a reading that ignores every other key finds it), else the first
/// error of the structure.
#[test]
fn one_error_is_reported_geometry_first() {
    let e = error(r#"{"blocks":[{"kind":"imag"},{"kind":"image","height_px":-5}]}"#);
    assert!(e.starts_with("a.json:1:56: height_px must be"), "{e}");
    let e = error(r#"{"blocks":[{"kind":"image","aspect":0},{"kind":"imag","aspect":-1}]}"#);
    assert!(e.starts_with("a.json:1:37: aspect must be"), "{e}");
    let e = error(r#"{"blocks":[{"kind":"imag","aspect":1}]}"#);
    assert!(e.contains("unknown block kind `imag`"), "{e}");
    // Keys the geometry reading does not know are left to Article's reading.
    let e = error(r#"{"blocks":[{"kind":"image","colour":"red","aspect":1}]}"#);
    assert!(e.contains("unknown field `colour`"), "{e}");
}

#[test]
fn geometry_in_range_is_kept() {
    let a = read(
        "a.json",
        r#"{"blocks":[{"kind":"image","height_px":0,"aspect":0.01},
                      {"kind":"embed","height_px":100000,"aspect":100},
                      {"kind":"image","height_px":null,"aspect":1.5}]}"#,
    )
    .unwrap();
    let geometry: Vec<_> = a.blocks.iter().map(|b| (b.height_px, b.aspect)).collect();
    assert_eq!(
        geometry,
        [
            (Some(0.0), Some(0.01)),
            (Some(100000.0), Some(100.0)),
            (None, Some(1.5))
        ]
    );
}

/// Syntax errors count columns in characters too (serde_json counts bytes).
#[test]
fn error_columns_count_characters() {
    let input = "{\"blocks\":[{\"text\":\"ééé\",\"kind\":\"paragrap\"}]}";
    // serde_json reports the error after the block's closing brace: byte column 46, the
    // 43rd character.
    let brace = input.find("\"}").unwrap() + 1;
    assert_eq!(input[..=brace].chars().count(), 43);
    let e = error(input);
    assert!(e.starts_with("a.json:1:43: unknown block kind"), "{e}");
}

/// The empty-input rule (an article with no blocks) and a byte order mark.
#[test]
fn empty_input_and_byte_order_marks() {
    for input in ["", " ", "\n\r\n\t", "\u{feff}", "\u{feff}\n  "] {
        assert!(
            read("a.json", input).unwrap().blocks.is_empty(),
            "{input:?}"
        );
    }
    let a = read("a.json", "\u{feff}{\"blocks\":[{\"kind\":\"lede\"}]}").unwrap();
    assert_eq!(a.blocks.len(), 1);
    assert_eq!(
        error("\u{feff}{\"blocks\":3}"),
        "a.json:1:11: invalid type: integer `3`, expected a sequence"
    );
}

/// Runs that do not lie on their text are errors at the run, in a block or one it holds, and
/// the bindings' shared check names the same run.
#[test]
fn runs_off_their_text_are_errors_at_the_run() {
    use adslot::formats::{geometry_out_of_range, json::read};
    let nested = "{\"blocks\": [{\"kind\": \"image\", \"blocks\": [\n  {\"kind\": \"caption\", \"text\": \"é\", \"runs\": [{\"start\": 1, \"end\": 2}]}]}]}";
    let e = read("a.json", nested).unwrap_err().to_string();
    assert_eq!(e, "a.json:2:45: runs[0]: 1..2 cuts a character of the text");
    let overlap = r#"{"blocks": [{"kind": "paragraph", "text": "one two", "runs": [{"start": 0, "end": 3, "bold": true}, {"start": 2, "end": 7}]}]}"#;
    let e = read("a.json", overlap).unwrap_err().to_string();
    assert!(
        e.ends_with("runs[1]: 2..7 starts before the run before it ends (3)"),
        "{e}"
    );
    let a = adslot::Article::new(vec![adslot::Block {
        runs: vec![adslot::Run {
            start: 0,
            end: 9,
            ..Default::default()
        }],
        ..adslot::Block::new(adslot::BlockKind::Paragraph, "short")
    }]);
    assert_eq!(
        geometry_out_of_range(&a),
        Some((
            "blocks[0].runs[0]".into(),
            "0..9 is not within the text (5 bytes)".into()
        ))
    );
}
