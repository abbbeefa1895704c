//! The README's rule reference, slots inserted into the publisher's documents, and input limits.

use super::*;

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
        err.contains("slots can only be inserted into ANS, Gutenberg, HTML or Markdown input"),
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
