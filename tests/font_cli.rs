//! The font side of the `adslot` command: `check` shows each device's faces and mode, `layout`
//! in px mode keeps the column mode's JSON (fields added, none renamed), `place` names the
//! binding typeface, and `adslot font` describes a face and writes a table a rule file reads.

use std::collections::BTreeSet;
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};
use serde_json::Value;

const SEED_JSON: &str = "tests/fixtures/upi-xi-global-internet.json";
const FACES: &str = "tests/fixtures/fonts/rules/faces.toml";
const OPEN_SANS: &str = "tests/fixtures/fonts/OpenSans-Regular.ttf";

fn adslot(args: &[&str]) -> Command {
    let mut cmd = Command::new(get_cargo_bin("adslot"));
    cmd.args(args).env("NO_COLOR", "1");
    cmd
}

fn json(args: &[&str]) -> Value {
    let out = adslot(args).output().expect("adslot runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// Every key path in a JSON value (array items share their parent's path).
fn keys(v: &Value, path: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let p = format!("{path}.{k}");
                out.insert(p.clone());
                keys(x, &p, out);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|x| keys(x, &format!("{path}[]"), out)),
        _ => {}
    }
}

#[test]
fn check_shows_each_devices_faces_and_mode() {
    assert_cmd_snapshot!("font_check_faces", adslot(&["check", FACES]));
}

#[test]
fn px_layout_json_keeps_every_column_mode_field() {
    let columns = json(&["layout", SEED_JSON, "--format", "json"]);
    let mut want = BTreeSet::new();
    keys(&columns, "", &mut want);
    for device in ["mobile", "desktop"] {
        let px = json(&[
            "layout", SEED_JSON, "--rules", FACES, "--device", device, "--format", "json",
        ]);
        let mut got = BTreeSet::new();
        keys(&px, "", &mut got);
        let missing: Vec<_> = want.difference(&got).collect();
        assert!(missing.is_empty(), "{device}: px layout lost {missing:?}");
        // The px numbers are the text's own: a paragraph is lines x line height.
        let line = if device == "mobile" { 27 } else { 29 };
        let blocks = px["blocks"].as_array().expect("blocks");
        assert_eq!(
            blocks.len(),
            columns["blocks"].as_array().expect("blocks").len()
        );
        for (b, c) in blocks
            .iter()
            .zip(columns["blocks"].as_array().expect("blocks"))
        {
            if b["index"] != 0 && b["lines"].as_u64() != Some(0) {
                assert_eq!(
                    b["height_px"].as_u64(),
                    b["lines"].as_u64().map(|l| l * line)
                );
            }
            assert_eq!(b["index"], c["index"]);
        }
    }
    // Candidates: one geometry per typeface, the first one's as the top-level blocks.
    let px = json(&["layout", SEED_JSON, "--rules", FACES, "--format", "json"]);
    let fonts = px["fonts"].as_array().expect("fonts");
    let names: Vec<_> = fonts
        .iter()
        .map(|f| f["font"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["times", "arial", "roboto"]);
    assert_eq!(fonts[0]["blocks"], px["blocks"]);
    assert_ne!(fonts[0]["height_px"], fonts[1]["height_px"]);
}

#[test]
fn place_in_candidates_mode_names_the_binding_typeface() {
    assert_cmd_snapshot!(
        "font_place_candidates_explain",
        adslot(&["place", SEED_JSON, "--rules", FACES, "--explain"])
    );
}

#[test]
fn font_describes_a_face_and_writes_a_table_a_rule_file_reads() {
    let dir = std::env::temp_dir().join(format!("adslot-font-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let table = dir.join("body.adm");
    let table_arg = table.display().to_string();
    let out = adslot(&["font", OPEN_SANS, "--out", &table_arg])
        .output()
        .expect("adslot runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.starts_with(&format!("face: {OPEN_SANS} (938 glyphs")),
        "{stdout}"
    );
    assert!(stdout.contains("units per em 2048"), "{stdout}");
    let rules = dir.join("rules.toml");
    std::fs::write(&rules, "[device.desktop]\nfont = \"body.adm\"\n").expect("write rules");
    let rules_arg = rules.display().to_string();
    // The table lays the seed out exactly as the face it came from.
    let from_table = json(&[
        "layout", SEED_JSON, "--rules", &rules_arg, "--device", "desktop", "--format", "json",
    ]);
    let from_face = json(&[
        "layout", SEED_JSON, "--rules", FACES, "--device", "desktop", "--format", "json",
    ]);
    assert_eq!(
        from_table["fonts"][0]["blocks"].as_array().map(Vec::len),
        Some(14)
    );
    for (t, f) in from_table["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .zip(from_face["blocks"].as_array().expect("blocks"))
        .skip(1)
    {
        // Headings differ (the face file's rule file sets Noto Serif headings); text does not.
        if t["lines"] != 0 {
            assert_eq!(t["lines"], f["lines"], "block {}", t["index"]);
        }
    }
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn font_errors_are_located() {
    let out = adslot(&["font", "tests/fixtures/fonts/README.md"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        err.starts_with("error: tests/fixtures/fonts/README.md"),
        "{err}"
    );
}
