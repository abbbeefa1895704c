//! The `adslot` command end to end: snapshots of every subcommand on the seed article, and every
//! kind of bad input failing with a located message.
//!
//! Snapshots live in tests/snapshots/; after a deliberate change run the tests with
//! `INSTA_UPDATE=always` (or `cargo insta review`) and read every changed snapshot.

use std::process::{Command, Output};

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

const SEED_JSON: &str = "tests/fixtures/upi-xi-global-internet.json";
const SEED_TXT: &str = "tests/fixtures/upi-xi-global-internet.txt";
const UPI: &str = "rules/upi.toml";

fn adslot(args: &[&str]) -> Command {
    let mut cmd = Command::new(get_cargo_bin("adslot"));
    cmd.args(args).env("NO_COLOR", "1");
    cmd
}

fn output(args: &[&str]) -> Output {
    adslot(args).output().expect("adslot runs")
}

/// Runs a command that must fail, and returns its stderr.
fn fails(args: &[&str]) -> String {
    let out = output(args);
    assert!(!out.status.success(), "{args:?} should fail");
    assert_ne!(out.status.code(), Some(0));
    assert!(
        out.stdout.is_empty(),
        "{args:?} printed to stdout on failure"
    );
    String::from_utf8(out.stderr).unwrap()
}

/// Asserts that stderr names `file` at `line:column` (the error line starts with it).
fn assert_located_at(stderr: &str, file: &str, line: usize, column: usize) {
    let want = format!("error: {file}:{line}:{column}: ");
    assert!(
        stderr.lines().any(|l| l.starts_with(&want))
            || stderr.contains(&format!("\n{file}:{line}:{column}: ")),
        "stderr does not name {file}:{line}:{column}:\n{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// Good input.

#[test]
fn place_json() {
    assert_cmd_snapshot!("place_json", adslot(&["place", SEED_JSON, "--rules", UPI]));
}

#[test]
fn place_json_explain() {
    assert_cmd_snapshot!(
        "place_json_explain",
        adslot(&["place", SEED_JSON, "--rules", UPI, "--explain"])
    );
}

#[test]
fn place_text() {
    assert_cmd_snapshot!(
        "place_text",
        adslot(&["place", SEED_JSON, "--rules", UPI, "--format", "text"])
    );
}

#[test]
fn place_text_explain() {
    assert_cmd_snapshot!(
        "place_text_explain",
        adslot(&[
            "place",
            SEED_JSON,
            "--rules",
            UPI,
            "--format",
            "text",
            "--explain"
        ])
    );
}

#[test]
fn place_txt_article() {
    // The publisher's page read as a plain-text article: its "Advertisement" labels become
    // blocks too (the first one the headline), so this pins the text reader and report, not
    // UPI's positions (tests/seed.rs checks those).
    assert_cmd_snapshot!(
        "place_txt_article",
        adslot(&["place", SEED_TXT, "--rules", UPI, "--format", "text"])
    );
}

#[test]
fn preview_no_color() {
    assert_cmd_snapshot!(
        "preview",
        adslot(&["preview", SEED_JSON, "--rules", UPI, "--color", "never"])
    );
}

#[test]
fn check_upi() {
    assert_cmd_snapshot!("check_upi", adslot(&["check", UPI]));
}

#[test]
fn layout_columns_40() {
    assert_cmd_snapshot!(
        "layout_columns_40",
        adslot(&["layout", SEED_JSON, "--columns", "40"])
    );
}

#[test]
fn rules_reference() {
    assert_cmd_snapshot!("rules_reference", adslot(&["rules"]));
}

#[test]
fn empty_article_places_nothing() {
    let out = output(&["place", "tests/fixtures/bad/empty.json", "--rules", UPI]);
    assert!(out.status.success());
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["placements"], serde_json::json!([]));
    assert_cmd_snapshot!(
        "place_empty",
        adslot(&["place", "tests/fixtures/bad/empty.json", "--rules", UPI])
    );
}

#[test]
fn stdin_is_read_with_dash() {
    let article = std::fs::read_to_string(SEED_JSON).unwrap();
    let from_file = output(&["place", SEED_JSON, "--rules", UPI]);
    let mut cmd = adslot(&["place", "-", "--rules", UPI]);
    let from_stdin = {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(article.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    assert!(from_stdin.status.success());
    assert_eq!(from_stdin.stdout, from_file.stdout);
    // Standard input is `<stdin>` in errors.
    assert_cmd_snapshot!(
        "stdin_bad_json",
        adslot(&["place", "-", "--rules", UPI]).pass_stdin("{\"blocks\": [\n  {\"kind\": 3}\n]}")
    );
    let err = String::from_utf8(
        adslot(&["place", "-", "--rules", UPI])
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
            .stderr,
    )
    .unwrap();
    assert!(err.starts_with("error: <stdin>:"), "{err}");
}

#[test]
fn stdin_text_with_input_format() {
    assert_cmd_snapshot!(
        "stdin_text",
        adslot(&[
            "place",
            "-",
            "--rules",
            UPI,
            "--input-format",
            "text",
            "--format",
            "text"
        ])
        .pass_stdin(std::fs::read(SEED_TXT).unwrap())
    );
}

// ---------------------------------------------------------------------------------------------
// Bad input: non-zero exit, stderr names the file and line:column.

const BAD: &str = "tests/fixtures/bad";

fn bad(name: &str) -> String {
    format!("{BAD}/{name}")
}

#[test]
fn malformed_json() {
    let f = bad("malformed.json");
    let err = fails(&["place", &f, "--rules", UPI]);
    assert_located_at(&err, &f, 4, 3);
    assert_cmd_snapshot!("bad_malformed_json", adslot(&["place", &f, "--rules", UPI]));
}

#[test]
fn unknown_block_kind_suggests_the_nearest() {
    let f = bad("unknown-kind.json");
    let err = fails(&["place", &f, "--rules", UPI]);
    assert!(err.starts_with(&format!("error: {f}:4:")), "{err}");
    assert!(
        err.contains("unknown block kind `paragrap`") && err.contains("did you mean `paragraph`?"),
        "{err}"
    );
    assert_cmd_snapshot!("bad_unknown_kind", adslot(&["place", &f, "--rules", UPI]));
}

#[test]
fn unknown_json_key() {
    let f = bad("unknown-key.json");
    let err = fails(&["place", &f, "--rules", UPI]);
    assert!(err.starts_with(&format!("error: {f}:3:")), "{err}");
    assert!(err.contains("unknown field `txt`"), "{err}");
    assert_cmd_snapshot!(
        "bad_unknown_json_key",
        adslot(&["place", &f, "--rules", UPI])
    );
}

#[test]
fn invalid_utf8_names_the_byte() {
    let f = bad("invalid-utf8.json");
    let bytes = std::fs::read(&f).unwrap();
    let offset = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
    let err = fails(&["place", &f, "--rules", UPI]);
    assert_eq!(
        err,
        format!("error: {f}: not valid UTF-8 at byte {offset}\n")
    );
    assert_cmd_snapshot!("bad_invalid_utf8", adslot(&["place", &f, "--rules", UPI]));
}

#[test]
fn malformed_toml() {
    let f = bad("malformed.toml");
    let err = fails(&["check", &f]);
    assert!(err.starts_with(&format!("error: {f}:1:")), "{err}");
    assert_cmd_snapshot!("bad_malformed_toml", adslot(&["check", &f]));
}

#[test]
fn unknown_toml_key_suggests_the_nearest() {
    let f = bad("unknown-key.toml");
    let err = fails(&["check", &f]);
    assert_located_at(&err, &f, 3, 1);
    assert!(
        err.contains("did you mean `min_words_before_first`?"),
        "{err}"
    );
    assert_cmd_snapshot!("bad_unknown_toml_key", adslot(&["check", &f]));
}

#[test]
fn wrong_type() {
    let f = bad("wrong-type.toml");
    let err = fails(&["check", &f]);
    assert_located_at(&err, &f, 2, 11);
    assert!(
        err.contains("expected a non-negative integer, found a string"),
        "{err}"
    );
    assert_cmd_snapshot!("bad_wrong_type", adslot(&["check", &f]));
}

#[test]
fn negative_number() {
    let f = bad("negative.toml");
    let err = fails(&["check", &f]);
    assert_located_at(&err, &f, 2, 21);
    assert!(err.contains("-5"), "{err}");
    assert_cmd_snapshot!("bad_negative", adslot(&["check", &f]));
}

#[test]
fn unknown_kind_in_never_after() {
    let f = bad("unknown-never-after.toml");
    let err = fails(&["check", &f]);
    assert_located_at(&err, &f, 2, 28);
    assert!(
        err.contains("unknown block kind `imag`") && err.contains("did you mean `image`?"),
        "{err}"
    );
    assert_cmd_snapshot!("bad_unknown_never_after", adslot(&["check", &f]));
}

#[test]
fn two_anchors_on_one_kind() {
    let f = bad("two-anchors.toml");
    let err = fails(&["check", &f]);
    assert_located_at(&err, &f, 6, 10);
    assert!(err.contains("two anchors before `headline`"), "{err}");
    assert_cmd_snapshot!("bad_two_anchors", adslot(&["check", &f]));
}

#[test]
fn more_anchors_than_max_ads() {
    let f = bad("too-many-anchors.toml");
    let err = fails(&["check", &f]);
    assert!(err.starts_with(&format!("error: {f}:")), "{err}");
    assert!(err.contains("2 anchors but max_ads is 1"), "{err}");
    assert_cmd_snapshot!("bad_too_many_anchors", adslot(&["check", &f]));
}

#[test]
fn missing_files() {
    let err = fails(&["place", "tests/fixtures/nope.json", "--rules", UPI]);
    assert!(
        err.starts_with("error: tests/fixtures/nope.json: cannot read"),
        "{err}"
    );
    let err = fails(&["place", SEED_JSON, "--rules", "rules/nope.toml"]);
    assert!(
        err.starts_with("error: rules/nope.toml: cannot read"),
        "{err}"
    );
    let err = fails(&["check", "rules/nope.toml"]);
    assert!(
        err.starts_with("error: rules/nope.toml: cannot read"),
        "{err}"
    );
}

/// Regression: `main` once printed errors with anyhow's `{:#}`, which repeated the OS message
/// that `Error::Io`'s Display already ends with.
#[test]
fn missing_file_message_names_its_cause_once() {
    let err = fails(&["place", "tests/fixtures/nope.json", "--rules", UPI]);
    assert_eq!(err.matches("(os error 2)").count(), 1, "{err}");
}

#[test]
fn unknown_device() {
    let err = fails(&["place", SEED_JSON, "--rules", UPI, "--device", "watch"]);
    assert_eq!(
        err,
        "error: unknown device `watch` (the rules define: mobile, desktop)\n"
    );
    let err = fails(&["preview", SEED_JSON, "--rules", UPI, "--device", "watch"]);
    assert!(err.contains("unknown device `watch`"), "{err}");
    let err = fails(&["layout", SEED_JSON, "--device", "watch"]);
    assert!(err.contains("unknown device `watch`"), "{err}");
    assert_cmd_snapshot!(
        "bad_unknown_device",
        adslot(&["place", SEED_JSON, "--rules", UPI, "--device", "watch"])
    );
}

/// The README's rule reference is generated from the registry: it must not drift.
#[test]
fn readme_rule_reference_is_current() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    assert!(
        readme.contains(&adslot::render::reference()),
        "README.md's rule table differs from `adslot rules`: paste its output in"
    );
}
