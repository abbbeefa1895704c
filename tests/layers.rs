//! The crate doc's module map is the truth about layering: every module of `src/` is in it, and a
//! module imports only modules listed before it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The modules of the crate doc's module map, in the order the table lists them.
fn map_order(lib: &str) -> Vec<String> {
    let mut order = Vec::new();
    for line in lib.lines().filter(|l| l.starts_with("//! | ")) {
        let cells: Vec<&str> = line.trim_start_matches("//! ").split('|').collect();
        let Some(modules) = cells.get(2) else {
            continue;
        };
        for name in modules.split(',') {
            // A public module is a link, [`name`]; a crate-internal one is plain code, `name`.
            let name = name.trim().trim_end_matches(" (crate-internal)");
            let Some(name) = name
                .strip_prefix("[`")
                .and_then(|n| n.strip_suffix("`]"))
                .or_else(|| name.strip_prefix('`').and_then(|n| n.strip_suffix('`')))
            else {
                continue;
            };
            order.push(name.to_string());
        }
    }
    order
}

/// The top-level modules `lib.rs` declares.
fn declared(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("pub mod ")
                .or_else(|| l.trim().strip_prefix("pub(crate) mod "))
                .or_else(|| l.trim().strip_prefix("mod "))
        })
        .map(|rest| rest.trim_end_matches(';').trim().to_string())
        .collect()
}

/// The `crate::NAME` paths in a module's code (comments and doc lines left out).
fn imports(path: &Path, found: &mut BTreeSet<String>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).into_iter().flatten().flatten() {
            imports(&entry.path(), found);
        }
        return;
    }
    if path.extension().is_none_or(|e| e != "rs") {
        return;
    }
    let text = fs::read_to_string(path).unwrap_or_default();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
}

#[test]
fn the_module_map_lists_every_module_and_the_imports_follow_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs is readable");
    let order = map_order(&lib);
    let declared = declared(&lib);
    let mapped: BTreeSet<String> = order.iter().cloned().collect();
    assert_eq!(
        mapped, declared,
        "the crate doc's module map and lib.rs's modules differ"
    );
    let mut wrong = Vec::new();
    for (rank, module) in order.iter().enumerate() {
        let dir = src.join(module);
        let path = if dir.is_dir() {
            dir
        } else {
            src.join(format!("{module}.rs"))
        };
        let mut found = BTreeSet::new();
        imports(&path, &mut found);
        for used in found.iter().filter(|u| *u != module) {
            match order.iter().position(|m| m == used) {
                Some(at) if at < rank => {}
                _ => wrong.push(format!("{module} imports {used}")),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the module map's layers: {wrong:?}"
    );
}
