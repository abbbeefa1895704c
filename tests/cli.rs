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

/// Takes out every element carrying `data-adslot` (start tag to its `</div>`), written here
/// without the library: the slot template is one `div` without nested `div`s.
fn remove_slots(html: &str) -> (String, usize) {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut removed = 0;
    while let Some(start) = rest.find("<div class=\"adslot\" data-adslot=") {
        let Some(end) = rest[start..].find("</div>") else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + end + "</div>".len()..];
        removed += 1;
    }
    out.push_str(rest);
    (out, removed)
}

#[test]
fn html_and_markdown_out_are_the_input_plus_slots() {
    for (file, format) in [
        ("tests/fixtures/real/nytimes-4.html", "html"),
        ("tests/fixtures/real/guardian-1.html", "html"),
        ("tests/fixtures/real/aclu.html", "html"),
    ] {
        let out = output(&[
            "place",
            file,
            "--rules",
            "rules/default.toml",
            "--format",
            format,
        ]);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (restored, removed) = remove_slots(&String::from_utf8(out.stdout).expect("UTF-8"));
        assert!(removed >= 2, "{file}: only {removed} slots");
        assert_eq!(
            restored,
            std::fs::read_to_string(file).expect("fixture"),
            "{file}"
        );
    }
    let dir = std::env::temp_dir().join(format!("adslot-cli-md-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let md = dir.join("story.md");
    let body = "---\ntitle: A story\n---\n# A headline\n\nFirst paragraph with words.\n\n> a quote\n\nSecond paragraph.\n";
    std::fs::write(&md, body).expect("write");
    let md = md.to_str().expect("path");
    let out = output(&["place", md, "--rules", UPI, "--format", "markdown"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    // After the front matter's closing line: a blank line, the slot's line, a blank line.
    let slot = "\n<div class=\"adslot\" data-adslot=\"top\" data-ordinal=\"1\" style=\"min-height:102px\"></div>\n\n";
    assert_eq!(
        text.replacen(slot, "", 1),
        body,
        "the top anchor before the headline, nothing else changed"
    );
}

/// Regression: `--explain` with `--format html|markdown` was silently ignored. The output there
/// is the publisher's document plus slots and nothing else, so the combination is refused as a
/// usage error.
#[test]
fn explain_with_insertion_is_refused() {
    for (file, format) in [
        ("tests/fixtures/real/aclu.html", "html"),
        ("tests/fixtures/real/aclu.html", "markdown"),
    ] {
        let args = [
            "place",
            file,
            "--rules",
            UPI,
            "--format",
            format,
            "--explain",
        ];
        let err = fails(&args);
        assert_eq!(output(&args).status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!(
                "`--explain` cannot be used with `--format {format}`"
            )),
            "{err}"
        );
    }
    assert_cmd_snapshot!(
        "place_html_explain_refused",
        adslot(&[
            "place",
            "tests/fixtures/real/aclu.html",
            "--rules",
            UPI,
            "--format",
            "html",
            "--explain"
        ])
    );
}

/// Regression: the error came from the library with `--format` as its origin (`error: --format:
/// slots can only ...`); the file is the origin now, and the flag hint is the CLI's.
#[test]
fn inserting_into_json_is_an_error_naming_the_file() {
    let args = ["place", SEED_JSON, "--rules", UPI, "--format", "html"];
    let err = fails(&args);
    assert!(err.starts_with(&format!("error: {SEED_JSON}: ")), "{err}");
    assert!(
        err.contains("slots can only be inserted into an HTML or Markdown input"),
        "{err}"
    );
    assert_cmd_snapshot!("place_json_as_html", adslot(&args));
}

#[test]
fn inputs_over_the_size_limit_are_refused() {
    let err = fails(&[
        "place",
        SEED_JSON,
        "--rules",
        UPI,
        "--max-input-bytes",
        "100",
    ]);
    assert_eq!(
        err,
        format!(
            "error: {SEED_JSON}: input is larger than the limit of 100 bytes \
             (raise it with `--max-input-bytes`)\n"
        )
    );
}

#[test]
fn batch_answers_every_line_in_order_on_any_thread_count() {
    let seed = std::fs::read_to_string(SEED_JSON).expect("seed");
    let seed: serde_json::Value = serde_json::from_str(&seed).expect("json");
    let mut input = String::new();
    for i in 0..300 {
        if i % 97 == 5 {
            input.push_str("{\"blocks\": [{\"kind\": \"paragrap\"}]}\n");
        } else {
            let mut article = seed.clone();
            article["id"] = serde_json::Value::String(format!("a{i}"));
            input.push_str(&article.to_string());
            input.push('\n');
        }
    }
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let mut child = adslot(&["batch", "--rules", UPI, "--threads", threads])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs");
        let mut stdin = child.stdin.take().expect("stdin");
        let feed = input.clone();
        let writer = std::thread::spawn(move || {
            use std::io::Write;
            stdin.write_all(feed.as_bytes()).expect("write");
        });
        let out = child.wait_with_output().expect("output");
        writer.join().expect("writer");
        assert_eq!(out.status.code(), Some(3), "some lines failed");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        assert!(
            stderr.starts_with("296 articles, 1184 ads, 4 errors in "),
            "{stderr}"
        );
        outputs.push(String::from_utf8(out.stdout).expect("UTF-8"));
    }
    assert_eq!(outputs[0], outputs[1], "the same answers in the same order");
    let lines: Vec<&str> = outputs[0].lines().collect();
    assert_eq!(lines.len(), 300);
    for (i, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each answer is JSON");
        if i % 97 == 5 {
            assert_eq!(v["line"], i + 1);
            assert!(v["error"]
                .as_str()
                .expect("error")
                .contains("did you mean `paragraph`?"));
        } else {
            assert_eq!(v["id"], format!("a{i}"));
            let gaps: Vec<u64> = v["placements"]
                .as_array()
                .expect("placements")
                .iter()
                .map(|p| p["before_block"].as_u64().expect("gap"))
                .collect();
            assert_eq!(gaps, [0, 5, 9, 13]);
        }
    }
}

/// Runs `adslot batch ARGS` on `input`; returns (exit status, stdout, stderr).
fn batch(args: &[&str], input: &[u8]) -> (Option<i32>, String, String) {
    use std::io::Write;
    let mut all = vec!["batch"];
    all.extend_from_slice(args);
    let mut child = adslot(&all)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    // A run that fails before reading (an unknown device) may close its stdin first.
    if let Err(e) = stdin.write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write: {e}");
    }
    drop(stdin);
    let out = child.wait_with_output().expect("output");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (out.status.code(), text(out.stdout), text(out.stderr))
}

/// Regressions: a blank line got no answer (so answers drifted from their lines), errors read
/// `line 8:2:1`, the `id` of a line that failed was dropped, and the exit status was 0 when
/// lines failed.
#[test]
fn batch_answers_every_line_with_its_number_and_location() {
    let input: &[u8] = b"{\"id\":\"a\",\"blocks\":[{\"kind\":\"headline\",\"text\":\"Hi\"},{\"kind\":\"paragraph\",\"text\":\"One two three four five six.\"}]}\n\
        \n\
        not json\n\
        {\"id\":\"b\",\"blocks\":[{\"kind\":\"paragrap\",\"text\":\"x\"}]}\n\
        {\"blocks\":[]}\n\
        \t \r\n\
        {\"id\":\"c\",\"blocks\":[\n\
        {\"id\":\"d\",\"blocks\":[{\"kind\":\"quote\",\"text\":\"caf\xff\"}]}\n\
        {\"id\":\"e\",\"blocks\":[]}";
    let (status, stdout, stderr) = batch(&["--rules", UPI, "--threads", "2"], input);
    assert_eq!(status, Some(3), "some lines failed: {stderr}");
    let answers: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON answer"))
        .collect();
    assert_eq!(answers.len(), 9, "one answer per input line:\n{stdout}");
    for (i, a) in answers.iter().enumerate() {
        assert_eq!(a["line"], i + 1, "{a}");
    }
    assert_eq!(answers[0]["id"], "a");
    assert!(answers[1]["error"]
        .as_str()
        .expect("blank")
        .contains("blank line"));
    assert_eq!(
        answers[2]["error"], "<stdin>:3:2: expected ident",
        "file:line:column, the line of the input"
    );
    assert_eq!(answers[3]["id"], "b", "the id is kept when it was read");
    assert!(answers[3]["error"]
        .as_str()
        .expect("error")
        .starts_with("<stdin>:4:"));
    assert_eq!(answers[4]["placements"], serde_json::json!([]));
    assert_eq!(
        answers[6]["id"],
        serde_json::Value::Null,
        "not read: malformed"
    );
    assert_eq!(
        answers[7]["id"],
        serde_json::Value::Null,
        "not read: not UTF-8"
    );
    assert_eq!(answers[8]["id"], "e");
    insta::assert_snapshot!("batch_answers", stdout);
    assert!(
        stderr.starts_with("3 articles, 1 ad, 6 errors in "),
        "{stderr}"
    );
    // Every line placed: 0. A failure of the whole run: 1.
    let (status, _, stderr) = batch(&["--rules", UPI], b"{\"blocks\":[]}\n");
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        stderr.starts_with("1 article, 0 ads, 0 errors in "),
        "{stderr}"
    );
    let (status, stdout, stderr) = batch(&["--rules", UPI, "--device", "watch"], b"{}\n");
    assert_eq!((status, stdout.as_str()), (Some(1), ""), "{stderr}");
}
