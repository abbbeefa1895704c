//! The one-call entry points and the format table: reading from bytes and paths with the
//! format from the extension or the content, writing slots only into the format read, the
//! empty-input rule, and what adding a format touches.

use adslot::formats::{self, html, json, markdown, text};
use adslot::{place, Document, Error, PlaceOptions, ReadOptions, Rules};

fn rules() -> Rules {
    Rules::from_toml(
        "r.toml",
        "[spacing]\nmin_words_before_first = 0\nmin_words_between = 0\n[placement]\nnever_after = []",
    )
    .unwrap()
}

fn read(origin: &str, bytes: &str) -> Result<Document, Error> {
    Document::read_bytes(origin, bytes.into(), &rules(), &ReadOptions::default())
}

fn read_as(origin: &str, bytes: &str, format: &'static formats::Format) -> Document {
    let options = ReadOptions::default().with_format(format);
    Document::read_bytes(origin, bytes.into(), &rules(), &options).unwrap()
}

fn plan(doc: &Document) -> adslot::Plan {
    place(doc.article(), &rules(), &PlaceOptions::default()).unwrap()
}

/// Fixed: `place --format html` on a plain-text input inserted HTML into the text, and
/// `--format markdown` on HTML wrote HTML. The library refuses, naming both formats.
#[test]
fn slots_are_written_only_into_the_format_read() {
    let doc = read("story.txt", "Headline\n\nOne paragraph.\n\nAnother.\n").unwrap();
    let e = doc
        .write_slots_as(&html::FORMAT, &plan(&doc), &rules())
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "story.txt: slots can only be inserted into ANS, Gutenberg, HTML or Markdown input, and this article \
         was read as plain text"
    );
    let doc = read("story.html", "<p>One.</p><p>Two.</p>").unwrap();
    let e = doc
        .write_slots_as(&markdown::FORMAT, &plan(&doc), &rules())
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "story.html: cannot write Markdown slots into this input: it was read as HTML"
    );
    let doc = read("story.md", "One.\n\nTwo.\n").unwrap();
    let e = doc
        .write_slots_as(&html::FORMAT, &plan(&doc), &rules())
        .unwrap_err();
    assert!(e.to_string().contains("it was read as Markdown"), "{e}");
    let doc = read(
        "story.json",
        r#"{"blocks":[{"kind":"paragraph","text":"x"}]}"#,
    )
    .unwrap();
    let e = doc.write_slots(&plan(&doc), &rules()).unwrap_err();
    assert!(
        e.to_string().contains("this article was read as JSON"),
        "{e}"
    );
    // Library errors name no command-line flag.
    assert!(!e.to_string().contains("--"), "{e}");
    // The same document written in its own format is the input plus slots.
    let doc = read("story.html", "<p>One.</p><p>Two.</p>").unwrap();
    let out = doc
        .write_slots_as(&html::FORMAT, &plan(&doc), &rules())
        .unwrap();
    assert_eq!(
        out.matches("data-adslot").count(),
        plan(&doc).placements.len()
    );
}

/// A plan for another article is an error, not silently dropped slots.
#[test]
fn a_plan_for_another_article_is_refused() {
    let long = read("a.md", "One.\n\nTwo.\n\nThree.\n\nFour.\n").unwrap();
    let short = read("b.md", "One.\n").unwrap();
    let e = short
        .write_slots(&plan(&long), &rules())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("b.md: a slot is placed at gap "), "{e}");
}

/// The format: asked for, else the extension's, else the content's.
#[test]
fn formats_come_from_the_request_the_extension_or_the_content() {
    let md = "# Title\n\nText.\n";
    assert_eq!(read("a.md", md).unwrap().format(), &markdown::FORMAT);
    assert_eq!(read("a.txt", md).unwrap().format(), &text::FORMAT);
    assert_eq!(read("<stdin>", md).unwrap().format(), &markdown::FORMAT);
    assert_eq!(read("a.unknown", md).unwrap().format(), &markdown::FORMAT);
    assert_eq!(read_as("a.md", md, &html::FORMAT).format(), &html::FORMAT);
    let cases = [
        (r#"{"blocks": []}"#, &json::FORMAT),
        ("<article><p>x</p></article>", &html::FORMAT),
        ("Headline\n\nBody.", &text::FORMAT),
    ];
    for (content, format) in cases {
        assert_eq!(read("-", content).unwrap().format(), format, "{content}");
    }
}

/// Fixed: an HTML file given as JSON got `1:1: expected value`; now the error says what the
/// content looks like.
#[test]
fn json_that_is_not_json_says_what_it_looks_like() {
    for (content, looks) in [
        ("<!doctype html><p>Hi</p>", "HTML"),
        ("\n\n  <p>Hi</p>", "HTML"),
        ("# Title\n\nText.\n", "Markdown"),
        ("Headline\n\nText.\n", "plain text"),
    ] {
        let e = read("a.json", content).unwrap_err().to_string();
        assert!(e.starts_with("a.json:"), "{e}");
        assert!(
            e.ends_with(&format!("(the content looks like {looks}, not JSON)")),
            "{e}"
        );
        let options = ReadOptions::default().with_format(&json::FORMAT);
        let e = Document::read_bytes("<stdin>", content.into(), &rules(), &options)
            .unwrap_err()
            .to_string();
        assert!(e.contains(&format!("looks like {looks}")), "{e}");
    }
    // Broken JSON is still JSON: no hint, just the located error.
    let e = read("a.json", "{\"blocks\": [}").unwrap_err().to_string();
    assert!(!e.contains("looks like"), "{e}");
}

/// Every format of the table reads, from its extension, and names itself.
#[test]
fn the_table_lists_every_format_once() {
    let names: Vec<_> = formats::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(
        names,
        ["ans", "json", "text", "gutenberg", "html", "markdown"]
    );
    for f in formats::ALL {
        for ext in f.extensions() {
            let name = format!("story.{ext}");
            assert_eq!(formats::from_path(name.as_ref()), Some(*f));
        }
        assert_eq!(formats::by_name(f.name()), Some(*f));
    }
    let writable: Vec<_> = formats::ALL
        .iter()
        .filter(|f| f.writes_slots())
        .map(|f| f.name())
        .collect();
    assert_eq!(writable, ["ans", "gutenberg", "html", "markdown"]);
}

/// Reading from a path: the extension gives the format, errors name the file.
#[test]
fn paths_are_read_with_their_extension() {
    let dir = std::env::temp_dir().join(format!("adslot-documents-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("story.md");
    std::fs::write(&path, "# T\n\nOne.\n").unwrap();
    let doc = Document::read_path(&path, &rules(), &ReadOptions::default()).unwrap();
    assert_eq!(doc.format(), &markdown::FORMAT);
    assert_eq!(doc.origin(), path.display().to_string());
    assert_eq!(doc.text(), "# T\n\nOne.\n");
    let small = ReadOptions::default().with_max_bytes(4);
    let e = Document::read_path(&path, &rules(), &small).unwrap_err();
    assert!(
        e.to_string().contains("larger than the limit of 4 bytes"),
        "{e}"
    );
    let e = Document::read_bytes(
        "x.md",
        b"ok\xff".to_vec(),
        &rules(),
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "x.md: not valid UTF-8 at byte 2");
    let missing = dir.join("missing.html");
    let e = Document::read_path(&missing, &rules(), &ReadOptions::default()).unwrap_err();
    assert!(
        e.to_string().starts_with(&missing.display().to_string()),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Fixed: an empty `.json` file was an error while an empty `.html`, `.md` or `.txt` was a
/// success. One rule now: empty or whitespace-only input, in every format, is an article
/// with no blocks (and placing it is a success with no placements).
#[test]
fn empty_input_is_an_article_with_no_blocks_in_every_format() {
    for f in formats::ALL {
        for input in ["", "\n", " \r\n\t\n", "\u{feff}", "\u{feff}\n \n"] {
            let name = format!("empty.{}", f.extensions()[0]);
            let doc = read(&name, input).unwrap_or_else(|e| panic!("{name} {input:?}: {e}"));
            assert_eq!(doc.format(), *f);
            assert!(doc.article().blocks.is_empty(), "{name} {input:?}");
            let plan = place(doc.article(), &Rules::default(), &PlaceOptions::default());
            assert!(plan.unwrap().placements.is_empty(), "{name} {input:?}");
            let doc = read_as("-", input, f);
            assert!(doc.article().blocks.is_empty(), "{} {input:?}", f.name());
        }
    }
}
