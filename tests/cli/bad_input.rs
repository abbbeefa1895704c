//! Bad input: a non-zero exit, and stderr names the file and line:column.

use super::*;

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
    assert!(
        err.contains("a second anchor before the first `headline` block"),
        "{err}"
    );
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
