//! What the test modules share: the fixture loaders (one copy, one place to add a fixture)
//! and the oracle every rule is registered with.

pub mod oracle;

pub mod story;

use std::path::{Path, PathBuf};

use adslot::formats;
use adslot::{Article, Rules};

/// The repository's `tests/fixtures` folder.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The files of `tests/fixtures/SUB` ending in `.EXT`, sorted by name.
pub fn fixture_files(sub: &str, ext: &str) -> Vec<PathBuf> {
    repo_files(&format!("tests/fixtures/{sub}"), ext)
}

/// The files of the repository folder `DIR` ending in `.EXT`, sorted by name (never empty).
pub fn repo_files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no .{ext} in {}", dir.display());
    paths
}

/// Every fixture article as (name, article): the seed, then each real article as JSON and as
/// HTML, read with the default `[html]` settings.
pub fn articles() -> Vec<(String, Article)> {
    let mut paths = vec![fixtures_dir().join("upi-xi-global-internet.json")];
    let mut real: Vec<_> = fixture_files("real", "json");
    real.extend(fixture_files("real", "html"));
    real.sort();
    paths.extend(real);
    let html = Rules::default().html;
    paths
        .into_iter()
        .map(|path| {
            let format = formats::from_path(&path).expect("a fixture's extension names its format");
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).expect("fixture");
            let doc = format.read(&name, &text, &html).expect("fixture parses");
            (name, doc.article)
        })
        .collect()
}

/// The text of every block of the four line-breaking parity articles (`tests/fixtures/linebreak`).
pub fn linebreak_paragraphs() -> Vec<String> {
    let mut out = Vec::new();
    for path in fixture_files("linebreak", "json") {
        let raw = std::fs::read_to_string(&path).expect("fixture");
        let v: serde_json::Value = serde_json::from_str(&raw).expect("json");
        for b in v["blocks"].as_array().expect("blocks") {
            if let Some(t) = b["text"].as_str() {
                out.push(t.to_string());
            }
        }
    }
    out
}
