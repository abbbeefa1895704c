//! The geometry's line counts on every fixture article equal textwrap 0.16's first-fit
//! reference, at the columns the built-in devices use (body and heading), with and without
//! hyphenation: the layout the rules measure is the reference's, block by block. And every
//! fixture block's lines equal the reference's at every width from 30 to 100 columns.

use std::collections::BTreeSet;

use adslot::layout::{layout, DeviceProfile, Hyphenation};
use adslot::BlockKind;

use crate::linebreak_parity::{check, reference};

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
                        reference(&block.text, columns, hyphenation).len()
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

/// Every distinct block text of every fixture article (the seed, the real bodies as JSON and
/// as HTML, which holds the line-breaking parity articles) at 30..=100 columns, line for line.
/// textwrap's own hyphenation is slow in test builds: with it, every 7th width. Run with
/// `--nocapture` for the figure.
#[test]
fn every_fixture_block_at_30_to_100_columns() {
    let texts: BTreeSet<String> = crate::common::articles()
        .into_iter()
        .flat_map(|(_, a)| a.blocks.into_iter().map(|b| b.text))
        .filter(|t| !t.trim().is_empty())
        .collect();
    let mut cases = 0;
    let mut failures = Vec::new();
    for width in 30..=100 {
        let modes: &[Hyphenation] = if width % 7 == 0 {
            &[Hyphenation::None, Hyphenation::EnUs]
        } else {
            &[Hyphenation::None]
        };
        for &hy in modes {
            for text in &texts {
                cases += 1;
                if let Err(e) = check(text, width, hy) {
                    failures.push(e);
                }
            }
        }
    }
    println!(
        "{} of {cases} (block, width, hyphenation) cases differ from textwrap ({} blocks)",
        failures.len(),
        texts.len()
    );
    assert!(texts.len() > 1000 && cases > 80_000, "{cases} cases");
    assert!(
        failures.is_empty(),
        "{}",
        failures[..failures.len().min(3)].join("\n")
    );
}
