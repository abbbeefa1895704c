//! The block model in the layout (issue 9): a device with style keys stacks its blocks with
//! collapsed margins, per-kind fonts and widths, lists as items, tables by rows, `pre` unwrapped
//! and figures as picture plus caption; figures here are worked out by hand from the user-agent
//! stylesheet, and a property holds sibling stacking to a separately written sum.

use adslot::layout::{layout, Geometry, Hyphenation};
use adslot::text::count_lines;
use adslot::{Article, Block, BlockKind, Cell, Container, Picture, Rules};
use proptest::prelude::*;

/// The mobile profile (17 px text on 27 px lines, a 343 px column, 0.5 em columns) put on the
/// block model by a style key that changes nothing else.
fn styled(extra: &str) -> Rules {
    let text = format!("[device.mobile]\nviewport_width_px = 375\n{extra}");
    Rules::from_toml("styled.toml", &text).expect("valid rules")
}

fn geometry(rules: &Rules, blocks: Vec<Block>) -> Geometry {
    let device = rules.devices.iter().find(|d| d.name == "mobile").unwrap();
    layout(&Article::new(blocks), &device.profile, Hyphenation::None)
}

const WORDS: &str = "The council voted on Monday to approve a budget that raises spending on \
                     schools, roads and the new library after a long debate.";

#[test]
fn without_style_keys_blocks_are_stacked_as_before() {
    let rules = Rules::from_toml("plain.toml", "").unwrap();
    let g = geometry(&rules, vec![Block::new(BlockKind::Paragraph, WORDS); 2]);
    let lines = count_lines(WORDS, 40, Hyphenation::None) as u64;
    assert_eq!(g.blocks[1].top_px, lines * 27 + 16); // block_gap_px
}

#[test]
fn paragraph_margins_collapse_and_the_root_contains_them() {
    // p { margin: 1em 0 } at 17 px: 17 above the first, 17 between (collapsed), 17 below.
    let g = geometry(
        &styled(""),
        vec![Block::new(BlockKind::Paragraph, WORDS); 3],
    );
    let h = count_lines(WORDS, 40, Hyphenation::None) as u64 * 27;
    let tops: Vec<u64> = g.blocks.iter().map(|b| b.top_px).collect();
    assert_eq!(tops, [17, 17 + h + 17, 17 + 2 * (h + 17)]);
    assert_eq!(g.height_px, 3 * h + 4 * 17);
}

#[test]
fn headings_take_their_level_size_and_margins() {
    // h3 { font-size: 1.17em; margin: 1em 0 } -> 19.89 px, lines of 1.5873 x 19.89 (the
    // profile's 27/17 ratio), columns floor(343 / (19.89 x 0.5)) = 34.
    let title = "What changes for the residents of the town from April";
    let h3 = Block {
        level: Some(3),
        ..Block::new(BlockKind::Heading, title)
    };
    let g = geometry(
        &styled(""),
        vec![h3, Block::new(BlockKind::Paragraph, WORDS)],
    );
    let size: f64 = 17.0 * 1.17;
    let lines = count_lines(title, 34, Hyphenation::None);
    assert_eq!(g.blocks[0].lines, lines);
    assert_eq!(g.blocks[0].top_px, size.round() as u64);
    let bottom = size + lines as f64 * size * 27.0 / 17.0;
    assert_eq!(g.blocks[1].top_px, (bottom + size).round() as u64); // 19.89 beats 17
}

#[test]
fn a_rule_files_kind_keys_change_that_kind_only() {
    let rules = styled("[device.mobile.style.body]\nmargin_top_px = 0\nmargin_bottom_px = 30\n");
    let g = geometry(&rules, vec![Block::new(BlockKind::Paragraph, WORDS); 2]);
    let h = count_lines(WORDS, 40, Hyphenation::None) as u64 * 27;
    assert_eq!((g.blocks[0].top_px, g.blocks[1].top_px), (0, h + 30));
}

#[test]
fn list_items_are_lines_of_their_own_indented_by_the_list() {
    // ul { margin: 1em 0; padding-left: 40px }: items at 303 px, floor(303 / 8.5) = 35 columns.
    let items = vec!["Bus fares fall.".to_string(), WORDS.to_string()];
    let list = Block {
        items: items.clone(),
        ..Block::new(BlockKind::List, items.join(" "))
    };
    let g = geometry(&styled(""), vec![list]);
    let lines: usize = items
        .iter()
        .map(|t| count_lines(t, 35, Hyphenation::None))
        .sum();
    assert_eq!(g.blocks[0].lines, lines);
    assert_eq!(g.blocks[0].height_px, lines as u64 * 27);
    assert_eq!(g.height_px, 17 + lines as u64 * 27 + 17);
}

#[test]
fn a_nested_lists_items_are_indented_once_more() {
    // Depth 1: 303 - 40 = 263 px, floor(263 / 8.5) = 30 columns; depth 0 keeps 35.
    let list = Block {
        items: vec![WORDS.to_string(), WORDS.to_string()],
        item_depths: vec![0, 1],
        ..Block::new(BlockKind::List, WORDS)
    };
    let g = geometry(&styled(""), vec![list]);
    let lines =
        count_lines(WORDS, 35, Hyphenation::None) + count_lines(WORDS, 30, Hyphenation::None);
    assert!(count_lines(WORDS, 30, Hyphenation::None) > count_lines(WORDS, 35, Hyphenation::None));
    assert_eq!(g.blocks[0].lines, lines);
    assert_eq!(g.blocks[0].height_px, lines as u64 * 27);
}

#[test]
fn an_empty_item_is_its_markers_line_unless_the_list_has_none() {
    let list = || Block {
        items: vec!["Bus fares fall.".to_string(), String::new()],
        ..Block::new(BlockKind::List, "Bus fares fall.")
    };
    let g = geometry(&styled(""), vec![list()]);
    assert_eq!((g.blocks[0].lines, g.blocks[0].height_px), (2, 2 * 27));
    let rules = styled("[device.mobile.style.list_item]\nlist_style_type = \"none\"\n");
    let g = geometry(&rules, vec![list()]);
    assert_eq!((g.blocks[0].lines, g.blocks[0].height_px), (1, 27));
}

#[test]
fn a_table_row_is_as_tall_as_its_tallest_cell() {
    // Two columns: a short one and one too long for what is left, which wraps.
    let rows = vec![
        vec!["Item".into(), "Cost".into()],
        vec!["Schools".into(), WORDS.repeat(2).into()],
    ];
    let table = Block {
        rows,
        ..Block::new(BlockKind::Table, "")
    };
    let g = geometry(&styled(""), vec![table]);
    // Cells: padding 1 px all round; border-spacing 2 px; the long cell has several lines.
    assert!(g.blocks[0].lines > 4, "{:?}", g.blocks[0]);
    let long_lines = g.blocks[0].lines - 3; // "Item", "Cost", "Schools" are one line each
    let expect = 2.0 + (27.0 + 2.0) + 2.0 + (long_lines as f64 * 27.0 + 2.0) + 2.0;
    assert_eq!(g.blocks[0].height_px, expect as u64);
}

#[test]
fn a_cell_of_paragraphs_holds_their_margins() {
    // One column as wide as the table allows (343 - 2 x 2 spacing = 339, 337 inside the
    // cell's 1 px padding: floor(337 / 8.5) = 39 columns); the paragraphs' 1 em margins stay
    // inside the cell, collapsing between them.
    let cell = Cell::Blocks(vec![
        Block::new(BlockKind::Paragraph, WORDS),
        Block::new(BlockKind::Paragraph, "Short."),
    ]);
    let table = Block {
        rows: vec![vec![cell]],
        ..Block::new(BlockKind::Table, "")
    };
    let g = geometry(&styled(""), vec![table]);
    let lines = count_lines(WORDS, 39, Hyphenation::None) as u64;
    assert_eq!(g.blocks[0].lines, lines as usize + 1);
    let content = 17 + lines * 27 + 17 + 27 + 17;
    assert_eq!(g.blocks[0].height_px, 2 + (content + 2) + 2);
}

#[test]
fn a_quote_holding_a_table_lays_it_out_in_its_box() {
    // blockquote { margin: 1em 40px }: the table at 263 px, its cell's text at 263 - 4 - 2 =
    // 257 px (30 columns); the quote is as tall as the table.
    let table = Block {
        rows: vec![vec![WORDS.into()]],
        ..Block::new(BlockKind::Table, WORDS)
    };
    let quote = Block {
        blocks: vec![table],
        ..Block::new(BlockKind::Quote, WORDS)
    };
    let g = geometry(&styled(""), vec![quote]);
    let lines = count_lines(WORDS, 30, Hyphenation::None) as u64;
    assert_eq!(g.blocks[0].lines, lines as usize);
    assert_eq!(g.blocks[0].height_px, 2 + (lines * 27 + 2) + 2);
}

#[test]
fn preformatted_text_keeps_its_lines_unwrapped() {
    let code = "fn main() {\n    println!(\"a line far longer than the column is wide, never wrapped\");\n}\n";
    let pre = Block {
        preformatted: true,
        ..Block::new(BlockKind::Other, code)
    };
    let rules = styled("[device.mobile.style.pre]\nfont_px = 13\nline_height = \"normal\"\n");
    let g = geometry(&rules, vec![pre]);
    assert_eq!(g.blocks[0].lines, 3);
    // `normal` lines are 1.2 em in column mode.
    assert_eq!(g.blocks[0].height_px, (3.0_f64 * 13.0 * 1.2).round() as u64);
}

#[test]
fn a_figure_is_its_picture_then_its_caption() {
    // figure { margin: 1em 40px }: the picture at 343 - 80 = 263 px and 1.5 wide per high,
    // the caption's lines at 263 px (floor(263 / 8.5) = 30 columns) below it.
    let caption = "The council chamber on Monday night, after the vote.";
    let figure = Block {
        aspect: Some(1.5),
        ..Block::new(BlockKind::Image, caption)
    };
    let g = geometry(&styled(""), vec![figure]);
    let lines = count_lines(caption, 30, Hyphenation::None);
    assert_eq!(g.blocks[0].lines, lines);
    let expect = 263.0 / 1.5 + lines as f64 * 27.0;
    assert_eq!(g.blocks[0].height_px, expect.round() as u64);
}

#[test]
fn a_figure_without_a_caption_keeps_the_figures_margins() {
    // A `<figure>` (`container: figure`) is the figure's box with or without a caption: its picture at
    // 343 - 80 = 263 px; the same picture as a bare `<img>` is as wide as the column.
    let picture = |figure: bool| Block {
        aspect: Some(1.5),
        container: figure.then_some(Container::Figure),
        ..Block::new(BlockKind::Image, "")
    };
    let g = geometry(&styled(""), vec![picture(true), picture(false)]);
    assert_eq!(g.blocks[0].height_px, (263.0_f64 / 1.5).round() as u64);
    assert_eq!(g.blocks[1].height_px, (343.0_f64 / 1.5).round() as u64);
}

#[test]
fn pictures_or_an_embed_alone_in_a_paragraph_take_its_margins() {
    // p { margin: 0 0 30px }: a `<p><img></p>` (container paragraph) keeps 30 px below its
    // picture (343 / 1.5 tall); a bare picture of the content root has no margin of its own.
    let rules = styled("[device.mobile.style.body]\nmargin_top_px = 0\nmargin_bottom_px = 30\n");
    let picture = |kind, container| Block {
        aspect: Some(1.5),
        container,
        ..Block::new(kind, "")
    };
    let h = (343.0_f64 / 1.5).round() as u64;
    let next = |kind, container| {
        let g = geometry(
            &rules,
            vec![
                picture(kind, container),
                Block::new(BlockKind::Paragraph, WORDS),
            ],
        );
        (g.blocks[0].height_px, g.blocks[1].top_px)
    };
    // An embed alone in a paragraph (`<p><iframe></p>`) likewise.
    for kind in [BlockKind::Image, BlockKind::Embed] {
        assert_eq!(next(kind, Some(Container::Paragraph)), (h, h + 30));
        assert_eq!(next(kind, None), (h, h));
    }
}

#[test]
fn a_figures_paragraph_keeps_its_margin_above_the_caption() {
    // figure { margin: 1em 40px } holding p { margin: 1em 0 } and a figcaption: the picture
    // at 263 px, the paragraph's 17 px bottom margin, then the caption's lines at 263 px (30
    // columns); the paragraph's top margin collapses with the figure's.
    let caption = "The council chamber on Monday night, after the vote.";
    let picture = Block {
        aspect: Some(1.5),
        container: Some(Container::Paragraph),
        ..Block::new(BlockKind::Image, "")
    };
    let figure = Block {
        aspect: Some(1.5),
        container: Some(Container::Figure),
        blocks: vec![picture, Block::new(BlockKind::Caption, caption)],
        ..Block::new(BlockKind::Image, caption)
    };
    let g = geometry(&styled(""), vec![figure]);
    let lines = count_lines(caption, 30, Hyphenation::None);
    assert_eq!((g.blocks[0].top_px, g.blocks[0].lines), (17, lines));
    let expect = 263.0 / 1.5 + 17.0 + lines as f64 * 27.0;
    assert_eq!(g.blocks[0].height_px, expect.round() as u64);
}

#[test]
fn pictures_alone_in_a_list_take_its_box_and_indentation() {
    // ul { margin: 1em 0; padding-left: 40px }: a gallery's pictures at 343 - 40 = 303 px,
    // stacked, inside the list's margins.
    let gallery = Block {
        container: Some(Container::List),
        pictures: vec![
            Picture {
                aspect: Some(1.5),
                ..Picture::default()
            };
            2
        ],
        ..Block::new(BlockKind::Image, "")
    };
    let g = geometry(&styled(""), vec![gallery]);
    assert_eq!((g.blocks[0].top_px, g.blocks[0].height_px), (17, 404));
    assert_eq!(g.height_px, 17 + 404 + 17);
}

#[test]
fn a_quote_is_set_in_its_paragraph_inside_the_quotes_margins() {
    // blockquote { margin: 1em 40px } around p { margin: 1em 0 }: the margins collapse, the
    // lines are 263 px wide (30 columns).
    let g = geometry(&styled(""), vec![Block::new(BlockKind::Quote, WORDS)]);
    let lines = count_lines(WORDS, 30, Hyphenation::None);
    assert_eq!((g.blocks[0].top_px, g.blocks[0].lines), (17, lines));
    assert_eq!(g.height_px, 17 + lines as u64 * 27 + 17);
}

#[test]
fn json_articles_carry_items_rows_levels_and_pre() {
    let a = adslot::formats::json::read(
        "a.json",
        r#"{"blocks": [
            {"kind": "heading", "text": "Figures", "level": 3},
            {"kind": "list", "items": ["one", "two"], "item_depths": [0, 1]},
            {"kind": "table", "rows": [["a", "b"], ["c", [{"kind": "paragraph", "text": "d"}]]]},
            {"kind": "other", "text": "x = 1\ny = 2", "preformatted": true}
        ]}"#,
    )
    .unwrap();
    assert_eq!(a.blocks[0].level, Some(3));
    assert_eq!(a.blocks[1].items, ["one", "two"]);
    assert_eq!(a.blocks[1].item_depths, [0, 1]);
    assert_eq!(a.blocks[2].rows[0], ["a", "b"]);
    assert!(matches!(&a.blocks[2].rows[1][1], Cell::Blocks(b) if b[0].text == "d"));
    assert!(a.blocks[3].preformatted);
    let g = geometry(&styled(""), a.blocks);
    assert_eq!(
        g.blocks.iter().map(|b| b.lines).collect::<Vec<_>>(),
        [1, 2, 4, 2]
    );
}

#[test]
fn markdown_nested_lists_give_their_items_a_depth() {
    let md = "- one\n  - two\n    - three\n- four\n";
    let doc = adslot::formats::markdown::read("a.md", md, &Default::default()).unwrap();
    let list = &doc.article.blocks[0];
    assert_eq!(list.items, ["one", "two", "three", "four"]);
    assert_eq!(list.item_depths, [0, 1, 2, 0]);
}

#[test]
fn a_line_feed_forces_a_line_and_an_empty_line_counts() {
    // "One\ntwo\n\nthree": three short lines and an empty one, each a line box; the same
    // words without the breaks fit on one line.
    let g = geometry(
        &styled(""),
        vec![
            Block::new(BlockKind::Paragraph, "One\ntwo\n\nthree"),
            Block::new(BlockKind::Paragraph, "One two three"),
        ],
    );
    assert_eq!((g.blocks[0].lines, g.blocks[1].lines), (4, 1));
    assert_eq!(g.blocks[0].height_px, 4 * 27);
}

#[test]
fn pictures_stack_never_stretched_and_add_to_their_blocks_lines() {
    use adslot::Picture;
    let icon = Picture {
        width_px: Some(40.0),
        aspect: Some(2.0),
        ..Picture::default()
    };
    let wide = Picture {
        width_px: Some(4000.0),
        aspect: Some(2.0),
        ..Picture::default()
    };
    let fixed = Picture {
        height_px: Some(33.5),
        ..Picture::default()
    };
    // An image of three pictures: 20 + 343 / 2 + 33.5, as a box of the content root (no margins).
    let image = Block {
        pictures: vec![icon, wide, fixed],
        ..Block::new(BlockKind::Image, "")
    };
    // A paragraph of one line and a picture of unknown size: the column at the default 1.5.
    let para = Block {
        pictures: vec![Picture::default()],
        ..Block::new(BlockKind::Paragraph, "Text")
    };
    let g = geometry(&styled(""), vec![image, para]);
    assert_eq!(g.blocks[0].height_px, 225);
    assert_eq!(
        g.blocks[1].height_px,
        (27.0_f64 + 343.0 / 1.5).round() as u64
    );
}

/// The checker: siblings without padding or borders, each `lines x line` tall, margins
/// collapsing pairwise to the larger one; the first margin and the last inside the root.
fn sibling_tops(blocks: &[(f64, f64, f64)]) -> (Vec<f64>, f64) {
    let mut tops = Vec::new();
    let mut y = 0.0;
    let mut previous_bottom = 0.0_f64;
    for (i, &(mt, height, mb)) in blocks.iter().enumerate() {
        y += if i == 0 { mt } else { mt.max(previous_bottom) };
        tops.push(y);
        y += height;
        previous_bottom = mb;
    }
    (tops, y + previous_bottom)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn siblings_stack_with_the_larger_margin_between_them(
        spec in proptest::collection::vec((0_u8..4, 1_usize..40), 1..12),
        margin in 0_u32..40,
    ) {
        let rules = styled(&format!(
            "[device.mobile.style.body]\nmargin_top_px = {margin}\nmargin_bottom_px = {margin}\n\
             [device.mobile.style.h2]\nmargin_top_px = 24\nmargin_bottom_px = 8\n\
             [device.mobile.style.h3]\nmargin_top_px = 0\nmargin_bottom_px = 30\n"
        ));
        let blocks: Vec<Block> = spec
            .iter()
            .map(|&(k, words)| {
                let text = "word ".repeat(words);
                match k {
                    0 | 1 => Block::new(BlockKind::Paragraph, text),
                    2 => Block { level: Some(2), ..Block::new(BlockKind::Heading, text) },
                    _ => Block { level: Some(3), ..Block::new(BlockKind::Heading, text) },
                }
            })
            .collect();
        let g = geometry(&rules, blocks);
        let m = f64::from(margin);
        let boxes: Vec<(f64, f64, f64)> = spec
            .iter()
            .zip(&g.blocks)
            .map(|(&(k, _), b)| {
                // Lines come from the layout (counting them is another test's business);
                // line heights are the profile's 27/17 of each kind's size (h2 1.5em, h3 1.17em).
                let line = |size: f64| size * 27.0 / 17.0;
                let n = b.lines as f64;
                match k {
                    0 | 1 => (m, n * 27.0, m),
                    2 => (24.0, n * line(17.0 * 1.5), 8.0),
                    _ => (0.0, n * line(17.0 * 1.17), 30.0),
                }
            })
            .collect();
        let (tops, height) = sibling_tops(&boxes);
        for (b, t) in g.blocks.iter().zip(&tops) {
            // Whole px rounded from the exact positions.
            prop_assert!((b.top_px as f64 - t).abs() <= 0.5 + 1e-9, "{:?} vs {}", b, t);
        }
        prop_assert!((g.height_px as f64 - height).abs() <= 0.5 + 1e-9);
    }
}

/// A video player without a size in its markup is 16:9 at the column's width (193 px of 343),
/// unless the stylesheet gives `iframe` a height, which wins as it does in the browser (the
/// judge's stylesheet: 400 px on mobile).
#[test]
fn players_take_their_providers_shape_or_the_stylesheets_height() {
    let html = "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>";
    let doc = adslot::formats::html::read("t.html", html, &Default::default()).expect("html");
    let video = &doc.article.blocks[0];
    assert_eq!(video.aspect, Some(16.0 / 9.0));
    let g = geometry(&styled(""), vec![video.clone()]);
    assert_eq!(
        g.blocks[0].height_px,
        (343.0_f64 * 9.0 / 16.0).round() as u64
    );
    let judge = "[device.mobile]\nstylesheet = \"judge.css\"\nviewport_width_px = 375\n\
                 content_root = \"div.adslot-judge-root\"\n";
    let rules = Rules::from_toml("tests/fixtures/css/judge.toml", judge).expect("rules");
    assert_eq!(
        geometry(&rules, vec![video.clone()]).blocks[0].height_px,
        400
    );
}
