//! The geometry's line counts on every fixture article equal textwrap 0.16's first-fit
//! reference, at the columns the built-in devices use (body and heading), with and without
//! hyphenation: the layout the rules measure is the reference's, block by block.

use adslot::layout::{layout, DeviceProfile, Hyphenation};
use adslot::BlockKind;
use textwrap::{Options, WordSplitter, WrapAlgorithm};

fn reference_lines(text: &str, columns: usize, hyphenation: Hyphenation) -> usize {
    let splitter = match hyphenation {
        Hyphenation::None => WordSplitter::NoHyphenation,
        Hyphenation::EnUs => {
            static DICT: std::sync::OnceLock<hyphenation::Standard> = std::sync::OnceLock::new();
            let dict = DICT.get_or_init(|| {
                use hyphenation::Load;
                hyphenation::Standard::from_embedded(hyphenation::Language::EnglishUS)
                    .expect("embedded en-US patterns")
            });
            WordSplitter::Hyphenation(dict.clone())
        }
    };
    let options = Options::new(columns)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .break_words(true)
        .word_splitter(splitter);
    textwrap::wrap(text, &options).len()
}

#[test]
fn every_fixture_block_breaks_like_textwrap_on_both_devices() {
    let articles = crate::common::articles();
    assert!(articles.len() >= 79);
    let mut blocks = 0;
    for device in [DeviceProfile::mobile(), DeviceProfile::desktop()] {
        for hyphenation in [Hyphenation::None, Hyphenation::EnUs] {
            for (name, article) in &articles {
                let geo = layout(article, &device, hyphenation);
                for (b, block) in geo.blocks.iter().zip(&article.blocks) {
                    let columns = match block.kind {
                        BlockKind::Headline | BlockKind::Heading => geo.heading_columns,
                        _ => geo.columns,
                    };
                    let expect = if !block.kind.has_text_layout() || block.text.trim().is_empty() {
                        0
                    } else {
                        reference_lines(&block.text, columns, hyphenation)
                    };
                    assert_eq!(
                        b.lines, expect,
                        "{name} block {} ({}) at {columns} columns, {hyphenation:?}",
                        b.index, block.kind
                    );
                    blocks += 1;
                }
            }
        }
    }
    assert!(blocks > 10_000, "{blocks} blocks compared");
}
