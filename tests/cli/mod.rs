//! The `adslot` command end to end: snapshots of every subcommand on the seed article, and every
//! kind of bad input failing with a located message.
//!
//! Snapshots live in tests/snapshots/; after a deliberate change run the tests with
//! `INSTA_UPDATE=always` (or `cargo insta review`) and read every changed snapshot.

use std::process::{Command, Output};

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

mod bad_input;
mod batch;
mod documents;
mod regions;

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

/// The gaps of the ads a preview draws, from the `gap N ┌` box tops.
fn preview_gaps(stdout: &str) -> Vec<u64> {
    stdout
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("gap ")?.split_once(" ┌"))
        .map(|(gap, _)| gap.parse().expect("gap number"))
        .collect()
}

/// Regression: `preview --width N` used to place the ads again for N columns, so it drew a
/// plan that production never serves (here 4 ads at 20 columns where mobile gets 3).
#[test]
fn preview_width_draws_the_device_plan() {
    const PX: &str = "tests/fixtures/cli/px-spacing.toml";
    let plan = output(&["place", SEED_JSON, "--rules", PX]);
    assert!(plan.status.success());
    let plan: serde_json::Value = serde_json::from_slice(&plan.stdout).expect("plan JSON");
    let gaps: Vec<u64> = plan["placements"]
        .as_array()
        .expect("placements")
        .iter()
        .map(|p| p["before_block"].as_u64().expect("gap"))
        .collect();
    assert_eq!(gaps, [0, 5, 10]);
    let footer = format!(
        "3 ads · density {:.2} · page {} px · ",
        plan["density"].as_f64().expect("density"),
        plan["page_height_px"]
    );
    for width in ["20", "40", "60", "120"] {
        let out = output(&["preview", SEED_JSON, "--rules", PX, "--width", width]);
        assert!(out.status.success());
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        assert_eq!(preview_gaps(&stdout), gaps, "--width {width}:\n{stdout}");
        assert!(stdout.contains(&footer), "--width {width}:\n{stdout}");
    }
    assert_cmd_snapshot!(
        "preview_width_60",
        adslot(&["preview", SEED_JSON, "--rules", PX, "--width", "60"])
    );
}

const KINDS: &str = "tests/fixtures/cli/kinds.json";
const ONE_BLOCK: &str = "tests/fixtures/cli/one-block.json";
const LONG_SLOT: &str = "tests/fixtures/cli/long-slot.toml";

fn stdout_of(args: &[&str]) -> String {
    let out = output(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Asserts that `lines` (rows of a table whose last column is right-aligned) are all as wide.
fn assert_aligned(lines: &[&str]) {
    let widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    assert!(
        widths.windows(2).all(|w| w[0] == w[1]),
        "columns do not line up:\n{}",
        lines.join("\n")
    );
}

/// Regression: the report's columns were fixed widths, so a slot name over 16 characters and
/// ordinals from 10 on pushed the rest of their row out of line.
#[test]
fn report_table_fits_long_slot_names_and_two_digit_ordinals() {
    let args = ["place", KINDS, "--rules", LONG_SLOT, "--format", "text"];
    let report = stdout_of(&args);
    // Past the title and the header (whose last column is shorter than `in-flow`).
    let rows: Vec<&str> = report.lines().skip(2).collect();
    assert!(rows.len() > 10, "{report}");
    assert!(rows
        .iter()
        .any(|r| r.contains("in-article-medium-rectangle")));
    assert_aligned(&rows);
    assert_cmd_snapshot!("place_text_long_slot", adslot(&args));
}

/// Regression: `layout --format text` padded kinds with a Display that ignores widths, so the
/// rows of `other`, `ad`, `heading` (every kind but the longest) came out of line.
#[test]
fn layout_table_lines_up_every_kind() {
    let args = ["layout", KINDS, "--format", "text"];
    let table = stdout_of(&args);
    let rows: Vec<&str> = table.lines().skip(1).collect();
    for kind in ["other", "ad", "heading", "standfirst", "headlines"] {
        assert!(
            rows.iter().any(|r| r.contains(&format!(" {kind} "))),
            "{kind}"
        );
    }
    assert_aligned(&rows);
    assert_cmd_snapshot!("layout_text_kinds", adslot(&args));
}

/// Regression: `1 ads`, `1 blocks` in the report and the preview's footer.
#[test]
fn one_is_singular() {
    let place = ["place", ONE_BLOCK, "--rules", LONG_SLOT, "--format", "text"];
    let report = stdout_of(&place);
    assert!(
        report.starts_with("one-block: 1 ad on mobile (1 block, page "),
        "{report}"
    );
    let preview = ["preview", ONE_BLOCK, "--rules", LONG_SLOT];
    let drawn = stdout_of(&preview);
    assert!(
        drawn.lines().last().expect("footer").starts_with("1 ad · "),
        "{drawn}"
    );
    assert_cmd_snapshot!("place_text_one_block", adslot(&place));
    assert_cmd_snapshot!("preview_one_block", adslot(&preview));
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
    // Empty standard input, like an empty file of any format, is an article with no blocks.
    let empty = adslot(&["place", "-", "--rules", UPI])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(empty.status.success(), "{empty:?}");
    let plan: serde_json::Value = serde_json::from_slice(&empty.stdout).unwrap();
    assert_eq!(plan["placements"], serde_json::json!([]));
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
