//! The fuzz targets' properties (`fuzz/checks.rs`, included by path, so the very same
//! assertions) run here in CI, which does not build the nightly-only fuzz crate.
//!
//! `seeds_hold_the_properties` runs them on every fixture the fuzz corpora are seeded from.
//! When a target finds an input, minimize it (`cargo fuzz tmin`), save it as
//! `tests/fixtures/fuzz/NAME` and add a `#[test]` here that passes its bytes to the target's
//! function in `checks`. The runs so far are in `fuzz/README.md`.

#[path = "../fuzz/checks.rs"]
pub(crate) mod checks;

use adslot::formats::{ans, gutenberg, html, markdown};

fn files(dir: &str, ext: &str) -> Vec<Vec<u8>> {
    crate::common::repo_files(dir, ext)
        .iter()
        .map(|p| std::fs::read(p).expect("fixture"))
        .collect()
}

/// The fuzz seeds themselves pass: the properties hold on every fixture of the repository.
#[test]
fn seeds_hold_the_properties() {
    for data in files("tests/fixtures/real", "json")
        .into_iter()
        .chain(files("tests/fixtures/bad", "json"))
    {
        checks::json_article(&data);
    }
    for data in files("rules", "toml")
        .into_iter()
        .chain(files("tests/fixtures/bad", "toml"))
    {
        checks::rules_toml(&data);
    }
    for data in files("tests/fixtures/real", "html") {
        checks::insert(&data, &html::FORMAT);
        checks::insert(&data, &markdown::FORMAT);
    }
    for data in files("fuzz/seeds/markdown", "md") {
        checks::insert(&data, &markdown::FORMAT);
    }
    for data in files("tests/fixtures/cms", "gutenberg") {
        checks::gutenberg_insert(&data);
    }
    for data in files("tests/fixtures/cms", "ans") {
        checks::ans_insert(&data);
    }
}

/// The seeds reach the whole pipeline: the insertion check returns early on input its reader
/// refuses, so a seed that stopped reading would silently check nothing.
#[test]
fn seeds_are_read() {
    let rules = adslot::Rules::default();
    for (dir, ext, format) in [
        ("tests/fixtures/real", "html", &html::FORMAT),
        ("tests/fixtures/real", "html", &markdown::FORMAT),
        ("fuzz/seeds/markdown", "md", &markdown::FORMAT),
        ("tests/fixtures/cms", "gutenberg", &gutenberg::FORMAT),
        ("tests/fixtures/cms", "ans", &ans::FORMAT),
    ] {
        for path in crate::common::repo_files(dir, ext) {
            let text = std::fs::read_to_string(&path).expect("fixture");
            let read = format.read("seed", &text, &rules.html);
            assert!(
                read.is_ok(),
                "{} as {format}: {:?}",
                path.display(),
                read.err()
            );
        }
    }
}

/// `gutenberg_insert`, 2026-12-02: a block opened and never closed whose content makes no
/// block (here a comment running to the end) took the slot of the end of the post, inside it
/// for WordPress. The end's gap is now before such a block, whatever it holds.
#[test]
fn an_unclosed_block_that_makes_nothing_takes_no_slot_after_it() {
    let found = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fuzz/gutenberg-unclosed-empty-block.wp"
    ))
    .expect("fixture");
    checks::gutenberg_insert(&found);
    let post = "<!-- wp:paragraph -->\n<p>One.</p>\n<!-- /wp:paragraph -->\n\n\
                <!-- wp:paragraph --><!-- a comment to the end";
    checks::gutenberg_insert(post.as_bytes());
    let doc = gutenberg::read("p.wp", post, &Default::default()).expect("reads");
    let gaps = doc.source_map.expect("gaps").gaps;
    assert_eq!(gaps.last().copied(), post.rfind("<!-- wp:paragraph"));
    // A stray closer: no slot after it either, though what follows it makes no block.
    let post = "<!-- wp:paragraph -->\n<p>One.</p>\n<!-- /wp:paragraph -->\n\n\
                <!-- /wp:group --><!-- x";
    checks::gutenberg_insert(post.as_bytes());
}

/// `gutenberg_insert`, found in an earlier session: a block opener whose attributes never end
/// (`<!-- wp:x {"a":1` with no `} -->` after it) is text to WordPress, until a dynamic slot
/// written after it (`... "height":250} /-->`) ends them: the slot, and everything between,
/// became that opener's comment. No gap lies after such an opener any more.
#[test]
fn a_slot_never_ends_an_opener_whose_attributes_never_end() {
    let one = "<!-- wp:paragraph -->\n<p>One.</p>\n<!-- /wp:paragraph -->\n\n";
    let two = "<!-- wp:paragraph -->\n<p>Two.</p>\n<!-- /wp:paragraph -->\n\n";
    for post in [
        // In freeform between blocks, inside a block, before any block, and alone.
        format!("{one}<!-- wp:x {{\"a\":1 -->\n\n{two}{two}"),
        format!("{one}<!-- wp:paragraph -->\n<p>T<!-- wp:x {{\"a\" </p>\n<!-- /wp:paragraph -->\n\n{two}"),
        format!("<!-- /wp:x {{ -->{one}{two}"),
        "<!-- wp:x { ".to_string(),
    ] {
        checks::gutenberg_insert(post.as_bytes());
        let doc = gutenberg::read("p.wp", &post, &Default::default()).expect("reads");
        let gaps = doc.source_map.expect("gaps").gaps;
        let unended = post.find("<!-- wp:x").or(post.find("<!-- /wp:x")).expect("in it");
        assert!(gaps.iter().all(|&g| g <= unended), "{gaps:?} in {post:?}");
        assert_eq!(gaps.len(), doc.article.blocks.len() + 1);
    }
    // The blocks before it keep their gaps.
    let post = format!("{one}{two}<!-- wp:x {{\"a\":1 -->\n\n{two}");
    let doc = gutenberg::read("p.wp", &post, &Default::default()).expect("reads");
    let gaps = doc.source_map.expect("gaps").gaps;
    assert_eq!(gaps[..2], [0, one.len()]);
}
