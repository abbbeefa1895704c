//! The preview model's tests: the plan gap by gap, rows down the page, other columns, px mode.

use super::*;
use crate::article::Block;
use crate::{place, PlaceOptions};

fn article() -> Article {
    let mut blocks = vec![
        Block::new(
            BlockKind::Headline,
            "A headline long enough for two lines on a phone",
        ),
        Block::new(BlockKind::Image, ""),
    ];
    for i in 0..12 {
        blocks.push(Block::new(
            BlockKind::Paragraph,
            format!("Paragraph {i} has words enough to wrap. ").repeat(4),
        ));
    }
    Article::new(blocks)
}

fn rules() -> Rules {
    let toml = "[spacing]\nmin_words_between = 60\nmin_words_before_first = 10\n\
                [[anchor]]\nbefore = \"headline\"\nslot = \"top\"\nspacing = false\n\
                [[slot]]\nname = \"top\"\nsizes = [\"320x50\", \"970x250\"]\n";
    Rules::from_toml("r.toml", toml).unwrap()
}

fn preview<'a>(article: &'a Article, rules: &Rules, columns: Option<usize>) -> Preview<'a> {
    let options = PlaceOptions {
        explain: true,
        ..Default::default()
    };
    let plan = place(article, rules, &options).unwrap();
    Preview::new(
        article,
        rules,
        rules.select_device(None).unwrap(),
        &plan,
        columns,
    )
}

#[test]
fn the_model_holds_the_plan_gap_by_gap() {
    let (article, rules) = (article(), rules());
    let plan = place(&article, &rules, &PlaceOptions::default()).unwrap();
    let p = preview(&article, &rules, None);
    let ads: Vec<&AdBox> = p
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Ad(a) => Some(a),
            _ => None,
        })
        .collect();
    assert!(ads.len() >= 3, "{ads:?}");
    assert_eq!(ads.len(), plan.placements.len());
    for (ad, placement) in ads.iter().zip(&plan.placements) {
        assert_eq!(ad.gap, placement.before_block);
        assert_eq!(ad.top_px, placement.top_px, "drawn where the plan has it");
        assert_eq!(ad.height_px, placement.height_px);
        assert_eq!(ad.slot, placement.slot);
    }
    // The top slot is reserved at the size that fits the phone's column.
    assert_eq!(
        ads[0].size.map(|s| s.to_string()).as_deref(),
        Some("320x50")
    );
    let gaps: Vec<&GapMark> = p
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Gap(g) => Some(g),
            _ => None,
        })
        .collect();
    assert_eq!(gaps.len(), article.blocks.len() + 1, "one mark per gap");
    for (g, mark) in gaps.iter().enumerate() {
        assert_eq!(mark.gap, g);
        assert_eq!(
            mark.placed,
            plan.placements.iter().any(|p| p.before_block == g)
        );
        let reasons = mark.reasons.as_ref().expect("explained");
        assert_eq!(reasons.is_empty(), mark.placed, "gap {g}: {reasons:?}");
    }
    assert_eq!(p.totals.ads, plan.placements.len());
    assert_eq!(p.totals.between.len(), plan.placements.len() - 1);
}

#[test]
fn rows_go_down_the_page_and_lines_are_the_geometrys() {
    let (article, rules) = (article(), rules());
    for columns in [None, Some(20), Some(90)] {
        let p = preview(&article, &rules, columns);
        let mut y = 0.0;
        let mut lines = vec![0; article.blocks.len()];
        let mut viewports = 0;
        for row in &p.rows {
            let top = match row {
                Row::Gap(g) => g.top_px as f64,
                Row::Ad(a) => a.top_px as f64,
                Row::Viewport(v) => {
                    viewports += 1;
                    assert_eq!(v.number, viewports + 1);
                    v.top_px
                }
                Row::Block(b) => b.top_px as f64,
                Row::Line(l) => {
                    assert_eq!(l.line, lines[l.block]);
                    lines[l.block] += 1;
                    l.top_px
                }
            };
            assert!(top >= y, "{columns:?}: {row:?} above {y}");
            y = top;
        }
        let device = rules.select_device(None).unwrap();
        let geometry = layout::layout_at(
            &article,
            &device.profile,
            p.columns,
            crate::engine::hyphenation(device),
        );
        let counted: Vec<usize> = geometry.blocks.iter().map(|b| b.lines).collect();
        assert_eq!(lines, counted, "{columns:?}");
        assert!(viewports >= 2, "{columns:?}: {viewports} viewport marks");
    }
}

#[test]
fn drawing_at_other_columns_keeps_the_plan() {
    let (article, rules) = (article(), rules());
    let device = preview(&article, &rules, None);
    let narrow = preview(&article, &rules, Some(20));
    assert_eq!((narrow.columns, narrow.plan_columns), (20, device.columns));
    let ads = |p: &Preview| -> Vec<(usize, u64)> {
        p.rows
            .iter()
            .filter_map(|r| match r {
                Row::Ad(a) => Some((a.gap, a.height_px)),
                _ => None,
            })
            .collect()
    };
    assert_eq!(ads(&narrow), ads(&device));
    assert_eq!(narrow.totals, device.totals);
}

/// A device in candidates mode: the rows are the px layout's in the first typeface, the one the
/// plan reports `top_px` in, and every text block is drawn with the lines that layout broke.
#[test]
fn px_mode_draws_the_plans_own_geometry() {
    let toml = "[spacing]\nmin_words_between = 60\nmin_words_before_first = 10\n\
                [device.mobile]\nfonts = [\"times\", \"arial\"]\n";
    let rules = Rules::from_toml("r.toml", toml).unwrap();
    // Narrow letters: more of them fit a line in Times than the column model's average width.
    let mut article = article();
    for block in article.blocks.iter_mut().skip(2) {
        block.text = "Little lilies fill still wells till it is ill. ".repeat(5);
    }
    let plan = place(&article, &rules, &PlaceOptions::default()).unwrap();
    let p = preview(&article, &rules, None);
    let device = rules.select_device(None).unwrap();
    let px = layout::layout(&article, &device.profile, Hyphenation::None);
    assert!(px.is_px());
    let columns = layout::layout_at(&article, &device.profile, p.columns, Hyphenation::None);
    assert_ne!(
        px.blocks, columns.blocks,
        "the two models differ on this article"
    );
    let mut ads = Vec::new();
    let mut lines = vec![0; article.blocks.len()];
    for row in &p.rows {
        match row {
            Row::Ad(a) => ads.push((a.gap, a.top_px)),
            Row::Line(l) => lines[l.block] += 1,
            Row::Block(b) => {
                let shift: u64 = plan
                    .placements
                    .iter()
                    .filter(|q| q.before_block <= b.index)
                    .map(|q| q.height_px)
                    .sum();
                assert_eq!(
                    b.top_px,
                    px.blocks[b.index].top_px + shift,
                    "block {}",
                    b.index
                );
            }
            _ => {}
        }
    }
    let planned: Vec<(usize, u64)> = plan
        .placements
        .iter()
        .map(|q| (q.before_block, q.top_px))
        .collect();
    assert!(!planned.is_empty());
    assert_eq!(ads, planned, "slots drawn where the plan has them");
    let counted: Vec<usize> = px.blocks.iter().map(|b| b.lines).collect();
    assert_eq!(lines, counted, "the px layout's lines");
}
