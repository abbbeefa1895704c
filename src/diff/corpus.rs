//! The corpus a diff runs over: files, folders (walked in name order) and JSON Lines files
//! (one article per line), read lazily a chunk at a time.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::formats;

/// One article to compare, not read yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    /// A document file (any input format).
    File(PathBuf),
    /// One line of a JSON Lines file: the file's name, the 1-based line and its text.
    Line {
        origin: String,
        line: u64,
        text: String,
    },
    /// A corpus entry that cannot be read (a missing path, an unreadable folder or line).
    Unreadable { source: String, message: String },
}

impl Item {
    /// How the report names the article: its path, or `PATH:LINE` for a JSON Lines line.
    pub(crate) fn source(&self) -> String {
        match self {
            Item::File(path) => crate::source::display_name(path),
            Item::Line { origin, line, .. } => format!("{origin}:{line}"),
            Item::Unreadable { source, .. } => source.clone(),
        }
    }
}

/// Whether `path` is read as JSON Lines (`.jsonl`, `.ndjson`).
fn is_json_lines(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// Whether a file found in a folder is an article: an input format's extension, or JSON Lines.
/// (A file named on the command line is read whatever its name.)
fn is_article(path: &Path) -> bool {
    is_json_lines(path) || formats::from_path(path).is_some()
}

/// The corpus: the paths given, folders expanded to their article files (sorted, hidden
/// entries left out), JSON Lines files read line by line as they are reached.
pub(crate) struct Corpus {
    /// Paths still to visit, in order (reversed: the next one is last).
    pending: Vec<PathBuf>,
    /// The JSON Lines file being read, if any.
    lines: Option<(String, u64, Box<dyn BufRead + Send>)>,
}

impl Corpus {
    /// The corpus of `paths`.
    pub(crate) fn new(paths: &[PathBuf]) -> Corpus {
        Corpus {
            pending: paths.iter().rev().cloned().collect(),
            lines: None,
        }
    }

    /// Up to `n` items; fewer only at the end of the corpus.
    pub(crate) fn chunk(&mut self, n: usize) -> Vec<Item> {
        let mut items = Vec::with_capacity(n);
        while items.len() < n {
            match self.next_item() {
                Some(item) => items.push(item),
                None => break,
            }
        }
        items
    }

    fn next_item(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.next_line() {
                return Some(item);
            }
            let path = self.pending.pop()?;
            if path.is_dir() {
                match entries(&path) {
                    Ok(mut found) => {
                        found.reverse();
                        self.pending.extend(found);
                    }
                    Err(e) => return Some(unreadable(&path, &e)),
                }
            } else if is_json_lines(&path) {
                match File::open(&path) {
                    Ok(file) => {
                        let name = crate::source::display_name(&path);
                        self.lines = Some((name, 0, Box::new(BufReader::new(file))));
                    }
                    Err(e) => return Some(unreadable(&path, &e)),
                }
            } else if path.exists() {
                return Some(Item::File(path));
            } else {
                let e = std::io::Error::from(std::io::ErrorKind::NotFound);
                return Some(unreadable(&path, &e));
            }
        }
    }

    /// The next non-blank line of the JSON Lines file being read.
    fn next_line(&mut self) -> Option<Item> {
        let (origin, line, reader) = self.lines.as_mut()?;
        loop {
            let mut text = String::new();
            match reader.read_line(&mut text) {
                Ok(0) => {
                    self.lines = None;
                    return None;
                }
                Ok(_) => {
                    *line += 1;
                    if text.trim().is_empty() {
                        continue;
                    }
                    let end = text.trim_end_matches(['\n', '\r']).len();
                    text.truncate(end);
                    return Some(Item::Line {
                        origin: origin.clone(),
                        line: *line,
                        text,
                    });
                }
                Err(e) => {
                    *line += 1;
                    let item = Item::Unreadable {
                        source: format!("{origin}:{line}"),
                        message: format!("{origin}:{line}: cannot read the line: {e}"),
                    };
                    self.lines = None;
                    return Some(item);
                }
            }
        }
    }
}

/// A folder's article files and sub-folders, sorted by name, hidden ones left out.
fn entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if !hidden && (path.is_dir() || is_article(&path)) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

fn unreadable(path: &Path, e: &std::io::Error) -> Item {
    let source = crate::source::display_name(path);
    let message = Error::Io {
        origin: source.clone(),
        source: std::io::Error::new(e.kind(), e.to_string()),
    }
    .to_string();
    Item::Unreadable { source, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_walked_in_name_order_and_json_lines_line_by_line() {
        let dir = std::env::temp_dir().join(format!("adslot-corpus-{}", std::process::id()));
        let sub = dir.join("b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.join("c.json"), "{}").unwrap();
        std::fs::write(dir.join("a.md"), "# A").unwrap();
        std::fs::write(dir.join("notes.pdf"), "").unwrap();
        std::fs::write(dir.join(".hidden.json"), "{}").unwrap();
        std::fs::write(sub.join("x.jsonl"), "{\"id\":\"1\"}\n\n{\"id\":\"2\"}\r\n").unwrap();
        let missing = dir.join("missing.html");
        let mut corpus = Corpus::new(&[dir.clone(), missing]);
        let items = corpus.chunk(100);
        let sources: Vec<String> = items.iter().map(Item::source).collect();
        let name = |p: &Path| crate::source::display_name(p);
        assert_eq!(
            sources,
            [
                name(&dir.join("a.md")),
                format!("{}:1", name(&sub.join("x.jsonl"))),
                format!("{}:3", name(&sub.join("x.jsonl"))),
                name(&dir.join("c.json")),
                name(&dir.join("missing.html")),
            ]
        );
        assert!(matches!(&items[2], Item::Line { text, .. } if text == "{\"id\":\"2\"}"));
        assert!(matches!(&items[4], Item::Unreadable { .. }));
        assert!(corpus.chunk(10).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
