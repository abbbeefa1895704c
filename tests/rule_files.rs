//! Rule-file mistakes a new user made, end to end: what `adslot check` and `adslot place` say
//! about each (snapshots in tests/snapshots/, fixtures in tests/fixtures/bad/). Each of these
//! was silent, wrong or unhelpful before its fix; the loader's unit tests
//! (`src/rules/load/tests.rs`) pin the messages one by one.

use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

const UPI: &str = "rules/upi.toml";

fn adslot(args: &[&str]) -> Command {
    let mut cmd = Command::new(get_cargo_bin("adslot"));
    cmd.args(args).env("NO_COLOR", "1");
    cmd
}

fn bad(name: &str) -> String {
    format!("tests/fixtures/bad/{name}")
}

/// `adslot check` on a bad rule file: exit 1, and stderr is exactly `expected` (one line per
/// problem, the first prefixed `error: `).
fn check_fails(name: &str, expected: &[&str]) {
    let f = bad(name);
    let out = adslot(&["check", &f]).output().expect("adslot runs");
    assert_eq!(out.status.code(), Some(1), "{f}");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    let lines: Vec<String> = expected.iter().map(|l| l.replace("{f}", &f)).collect();
    assert_eq!(stderr, format!("error: {}\n", lines.join("\n")), "{f}");
}

#[test]
fn a_key_at_the_top_level_says_its_section() {
    check_fails(
        "key-at-top-level.toml",
        &["{f}:2:1: unknown key `max_ads` at the top level (it belongs in [limits])"],
    );
    assert_cmd_snapshot!(
        "key_at_top_level",
        adslot(&["check", &bad("key-at-top-level.toml")])
    );
}

#[test]
fn a_rule_in_a_device_table_says_its_device_section() {
    check_fails(
        "key-in-device-table.toml",
        &["{f}:3:1: unknown key `max_density` in [device.mobile] (it belongs in [device.mobile.limits])"],
    );
    assert_cmd_snapshot!(
        "key_in_device_table",
        adslot(&["check", &bad("key-in-device-table.toml")])
    );
}

#[test]
fn the_in_flow_slot_is_a_device_setting() {
    let f = bad("device-placement-slot.toml");
    let out = adslot(&["check", &f]).output().expect("adslot runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_cmd_snapshot!("device_placement_slot", adslot(&["check", &f]));
    // The desktop plan uses the desktop slot, with its height.
    let seed = "tests/fixtures/upi-xi-global-internet.json";
    let out = adslot(&["place", seed, "--rules", &f, "--device", "desktop"])
        .output()
        .expect("adslot runs");
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let placements = plan["placements"].as_array().expect("placements");
    assert!(!placements.is_empty());
    for p in placements {
        assert_eq!(p["slot"], "inline-wide");
        assert_eq!(p["height_px"], 600 + 20 + 2 * 24);
    }
}

#[test]
fn misspelt_kinds_get_suggestions() {
    check_fails(
        "misspelt-kinds.toml",
        &[
            "{f}:2:16: `never_after`: unknown block kind `imgae` (did you mean `image`?)",
            "{f}:4:12: unknown block kind `imgae` in [clearance] (did you mean `image`?)",
        ],
    );
    assert_cmd_snapshot!(
        "misspelt_kinds",
        adslot(&["check", &bad("misspelt-kinds.toml")])
    );
}

#[test]
fn a_key_without_its_unit_gets_the_key_with_it() {
    check_fails(
        "missing-unit.toml",
        &["{f}:2:1: unknown key `above` in [clearance.image] (did you mean `above_px`?)"],
    );
    assert_cmd_snapshot!(
        "missing_unit",
        adslot(&["check", &bad("missing-unit.toml")])
    );
}

#[test]
fn single_brackets_hint_at_double_ones() {
    check_fails(
        "single-bracket-anchor.toml",
        &["{f}:2:1: `anchor` is a single table, but it must be an array of tables (write [[anchor]], with double brackets, above each anchor)"],
    );
    assert_cmd_snapshot!(
        "single_bracket_anchor",
        adslot(&["check", &bad("single-bracket-anchor.toml")])
    );
}

#[test]
fn one_mistake_is_reported_once() {
    check_fails(
        "impossible-spacing.toml",
        &["{f}:4:26: `max_paragraphs_between = 2` (line 4) is below `min_paragraphs_between = 4` (line 2): no plan can keep both"],
    );
    check_fails(
        "too-many-anchors.toml",
        &["{f}:4:3: 2 anchors but max_ads is 1"],
    );
    assert_cmd_snapshot!(
        "impossible_spacing",
        adslot(&["check", &bad("impossible-spacing.toml")])
    );
}

#[test]
fn follow_on_errors_are_dropped() {
    check_fails(
        "bad-size.toml",
        &["{f}:3:10: `sizes`: `300*250` is not a size like \"300x250\""],
    );
    assert_cmd_snapshot!("bad_size", adslot(&["check", &bad("bad-size.toml")]));
}

#[test]
fn a_size_of_zero_is_an_error() {
    check_fails(
        "zero-size.toml",
        &["{f}:3:21: `sizes`: `0x90` has a zero side; a size is at least 1x1"],
    );
    assert_cmd_snapshot!("zero_size", adslot(&["check", &bad("zero-size.toml")]));
}

#[test]
fn json_rules_are_recognised() {
    check_fails(
        "rules.json",
        &["{f}:1:1: this is JSON, but a rule file is TOML (write sections as `[limits]` and values as `max_ads = 8`, one per line)"],
    );
    let seed = "tests/fixtures/upi-xi-global-internet.json";
    assert_cmd_snapshot!(
        "rules_json",
        adslot(&["place", seed, "--rules", &bad("rules.json")])
    );
}

#[test]
fn check_prints_warnings_with_their_place() {
    let f = bad("warnings.toml");
    let out = adslot(&["check", &f]).output().expect("adslot runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    for at in ["2:9", "6:8", "10:8", "16:1"] {
        assert!(
            stdout.contains(&format!("warning: {f}:{at}: ")),
            "no warning at {at}:\n{stdout}"
        );
    }
    assert!(
        stdout.starts_with("rules `default`: ok, 4 warnings\n"),
        "{stdout}"
    );
    assert_cmd_snapshot!("warnings", adslot(&["check", &f]));
}

#[test]
fn an_anchor_without_its_block_is_reported() {
    let f = bad("no-headlines.json");
    let out = adslot(&["place", &f, "--rules", UPI])
        .output()
        .expect("runs");
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        plan["unplaced_anchors"],
        serde_json::json!([{
            "slot": "pre-headlines",
            "before": "headlines",
            "reason": "the article has no `headlines` block"
        }])
    );
    assert_cmd_snapshot!(
        "no_headlines_text",
        adslot(&["place", &f, "--rules", UPI, "--format", "text", "--explain"])
    );
}

#[test]
fn ads_already_over_max_ads_are_a_warning() {
    let f = bad("ads-on-page.json");
    let out = adslot(&["place", &f, "--rules", UPI])
        .output()
        .expect("runs");
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(plan["warnings"][0]["rule"], "max_ads");
    assert_eq!(
        plan["warnings"][0]["text"],
        "7 ads already on the page (kind `ad`) leave no room for an in-flow ad: the plan already has 8 ads; max_ads is 6"
    );
    assert_cmd_snapshot!("ads_on_page", adslot(&["place", &f, "--rules", UPI]));
    assert_cmd_snapshot!(
        "ads_on_page_text",
        adslot(&["place", &f, "--rules", UPI, "--format", "text"])
    );
}

/// The README's rule reference is generated from the registry and the key tables, and
/// `adslot rules` covers every key the loader accepts (`render::reference`'s unit test).
#[test]
fn rules_lists_every_kind_of_key() {
    let out = adslot(&["rules"]).output().expect("runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for key in [
        "`[spacing] min_words_between`",
        "`[placement] slot`",
        "`[[anchor]] before`",
        "`[[slot]] sizes`",
        "`[device.NAME] viewport_height_px`",
        "`[html] slot_template`",
    ] {
        assert!(text.contains(key), "`adslot rules` lacks {key}");
    }
}
