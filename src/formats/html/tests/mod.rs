//! Unit tests of the HTML reader: blocks, kinds, structure, regions and located errors (pictures
//! and figures in `media`).

use super::*;
use crate::article::{BlockKind, Cell, Container};
use crate::markup::Selector;

fn kinds(src: &str) -> Vec<&'static str> {
    read("t", src, &HtmlOptions::default())
        .unwrap()
        .article
        .kinds()
}

/// Each picture's size as the reader kept it.
fn sizes(b: &Block) -> Vec<(Option<f64>, Option<f64>, Option<f64>)> {
    b.pictures
        .iter()
        .map(|p| (p.width_px, p.height_px, p.aspect))
        .collect()
}

mod media;

#[test]
fn wrappers_are_descended_and_inline_wrappers_are_blocks() {
    assert_eq!(
        kinds("<div><div>text</div><section><p>a</p>tail<ul><li>x</ul></section></div>"),
        ["paragraph", "paragraph", "paragraph", "list"]
    );
}

#[test]
fn implied_end_tags() {
    let doc = read("t", "<p>a<p>b<div>c</div>", &HtmlOptions::default()).unwrap();
    assert_eq!(doc.article.blocks.len(), 3);
    assert_eq!(doc.source_map.unwrap().gaps, [0, 4, 8, 20]);
}

fn blocks(src: &str) -> Vec<Block> {
    read("t", src, &HtmlOptions::default())
        .unwrap()
        .article
        .blocks
}

#[test]
fn lists_tables_headings_and_pre_keep_their_structure() {
    let b = blocks(
        "<h1>T</h1><p>x</p><h3>Sub</h3><ul><li>One <b>bold</b><li>Two<ul><li>Inner</li></ul>\
         tail</li><li><p>Para</p></li></ul><table><tr><th>A<th>B</tr>\
         <tr><td>1</td><td><table><tr><td>n1<td>n2</table></td></tr></table>\
         <pre>\n  let x = 1;\n\n  <b>x</b>\n</pre>",
    );
    let kinds: Vec<_> = b.iter().map(|b| b.kind.name()).collect();
    assert_eq!(
        kinds,
        ["headline", "paragraph", "heading", "list", "table", "other"]
    );
    assert_eq!(
        (b[0].level, b[2].level, b[1].level),
        (Some(1), Some(3), None)
    );
    assert_eq!(b[3].items, ["One bold", "Two", "Inner", "tail", "Para"]);
    // A cell holding a table holds it as a block, with its own rows.
    assert_eq!(b[4].rows[0], ["A", "B"]);
    assert_eq!(b[4].rows[1][0], "1");
    let Cell::Blocks(inner) = &b[4].rows[1][1] else {
        panic!(
            "the nested table is a block of its cell: {:?}",
            b[4].rows[1][1]
        )
    };
    assert_eq!((inner.len(), inner[0].kind), (1, BlockKind::Table));
    assert_eq!(inner[0].rows, [vec!["n1", "n2"]]);
    assert!(b[5].preformatted);
    assert_eq!(b[5].text, "  let x = 1;\n\n  x");
    assert!(!b[3].preformatted && b[3].rows.is_empty() && b[4].items.is_empty());
}

#[test]
fn cells_and_quotes_holding_blocks_hold_them_as_blocks() {
    let src = "<table><tr><td>Plain <b>text</b><div>in a div</div></td>\
               <td><p>One.<p>Two.</p><ul><li>a<li>b</ul><h1>Not a headline</h1></td></tr></table>\
               <blockquote><p>Said:</p><table><tr><td>x<td>y</table></blockquote>\
               <blockquote><p>Only</p><p>paragraphs</p></blockquote>";
    let doc = read("t", src, &HtmlOptions::default()).unwrap();
    let b = &doc.article.blocks;
    // Inline content and `div`s of text stay the cell's text; paragraphs and lists are blocks.
    assert_eq!(b[0].rows[0][0], "Plain text in a div");
    let Cell::Blocks(cell) = &b[0].rows[0][1] else {
        panic!("a cell of paragraphs holds blocks: {:?}", b[0].rows[0][1])
    };
    let got: Vec<_> = cell
        .iter()
        .map(|b| (b.kind.name(), b.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("paragraph", "One."),
            ("paragraph", "Two."),
            ("list", "a b"),
            ("heading", "Not a headline")
        ]
    );
    assert_eq!(cell[2].items, ["a", "b"]);
    // The table's text is still all of it, for counting words.
    assert_eq!(
        b[0].text,
        "Plain text in a div One. Two. a b Not a headline"
    );
    // A quote holding a table holds its paragraphs and the table as blocks; one of
    // paragraphs only keeps them as items.
    let inner: Vec<_> = b[1].blocks.iter().map(|b| b.kind.name()).collect();
    assert_eq!(inner, ["paragraph", "table"]);
    assert_eq!(b[1].blocks[1].rows, [vec!["x", "y"]]);
    assert_eq!(b[1].text, "Said: x y");
    assert!(b[2].blocks.is_empty());
    assert_eq!(b[2].items, ["Only", "paragraphs"]);
    // Only top-level blocks have gaps.
    assert_eq!(doc.source_map.unwrap().gaps.len(), b.len() + 1);
}

#[test]
fn details_holding_a_list_and_an_excluded_list_keep_their_structure() {
    let b = blocks(
        "<p>Story.</p><details open><summary>Contents</summary><div><ul><li>One<li>Two</ul></div>\
         </details><ul class=related-links><li>Elsewhere<li>More</ul><p>End.</p>",
    );
    // `details` is one opaque block, its content read again as blocks.
    assert_eq!(b[1].kind, BlockKind::Other);
    let inner: Vec<_> = b[1].blocks.iter().map(|b| b.kind.name()).collect();
    assert_eq!(inner, ["other", "list"]); // the summary, then the list
    assert_eq!(b[1].blocks[1].items, ["One", "Two"]);
    // An excluded list is `other` to the rules, and keeps its items for the layout.
    assert_eq!((b[2].kind, b[2].region.is_some()), (BlockKind::Other, true));
    assert_eq!(b[2].items, ["Elsewhere", "More"]);
}

#[test]
fn nesting_is_read_a_bounded_number_of_levels_deep() {
    // Tables in cells in tables...: two levels are read as blocks, deeper ones stay text.
    let src = "<table><tr><td>".repeat(6) + "x";
    let b = blocks(&src);
    let mut cell = &b[0].rows[0][0];
    let mut levels = 0;
    while let Cell::Blocks(inner) = cell {
        levels += 1;
        cell = &inner[0].rows[0][0];
    }
    assert_eq!((levels, cell), (2, &Cell::from("x")));
}

#[test]
fn nested_lists_give_their_items_a_depth() {
    let b = blocks(
        "<ul><li>a<ul><li>b<ol><li>c</ol></ul>tail<li>d</ul>\
         <ul><li>flat<li>list</ul><blockquote><p>q<ul><li>i</ul></blockquote>",
    );
    assert_eq!(b[0].items, ["a", "b", "c", "tail", "d"]);
    assert_eq!(b[0].item_depths, [0, 1, 2, 0, 0]);
    // An empty `li` is an item (its marker makes a line); not in a quote, whose items are
    // paragraphs.
    let b2 = blocks(
        "<ul><li>a<li></li><li> <li><p>p</p></ul><blockquote><p>q<ul><li></ul></blockquote>",
    );
    assert_eq!(b2[0].items, ["a", "", "", "p"]);
    assert_eq!(b2[1].items, ["q"]);
    // A list with no nested list, and any quote, carry no depths.
    assert!(b[1].item_depths.is_empty() && b[2].item_depths.is_empty());
}

#[test]
fn wbr_is_a_break_opportunity_of_no_width() {
    let b = blocks("<p>Debian/<wbr>Mandrake/<wbr/>Gentoo</p>");
    assert_eq!(b[0].text, "Debian/\u{200b}Mandrake/\u{200b}Gentoo");
    assert_eq!(crate::words::count(&b[0].text), 1);
}

#[test]
fn br_forces_a_line_break() {
    let b = blocks("<p>One<br>two<br/><br>three<br></p><ul><li>a<br>b</ul><p>x</br>y</p>");
    assert_eq!(b[0].text, "One\ntwo\n\nthree");
    assert_eq!(b[1].items, ["a\nb"]);
    assert_eq!(b[2].text, "x\ny");
}

#[test]
fn a_cell_left_open_ends_with_its_row_and_table() {
    // `</tr>` and `</table>` close the cells open in them (HTML's table scope): the table
    // does not swallow what follows it.
    let src = "<table><tr><td>a<td>b</tr><tr><td>c</table><p>After.</p>\
               <table><tr><td>d<tr><td>e<tbody><tr><td>f</table><p>End.</p>";
    let doc = read("t", src, &HtmlOptions::default()).unwrap();
    let got = doc.article.kinds_and_texts();
    assert_eq!(
        got,
        [
            ("table", "a b c"),
            ("paragraph", "After."),
            ("table", "d e f"),
            ("paragraph", "End.")
        ]
    );
    let b = &doc.article.blocks;
    assert_eq!(b[0].rows, [vec!["a", "b"], vec!["c"]]);
    assert_eq!(b[2].rows, [vec!["d"], vec!["e"], vec!["f"]]);
    let gaps = doc.source_map.unwrap().gaps;
    assert!(src[gaps[1]..].starts_with("<p>After."));
    assert!(src[gaps[3]..].starts_with("<p>End."));
}

#[test]
fn whole_document_uses_largest_article() {
    let src = "<!doctype html><html><body><p>nav</p><article><p>x</p></article>\
               <article><h1>T</h1><p>y</p><p>z</p></article></body></html>";
    assert_eq!(kinds(src), ["headline", "paragraph", "paragraph"]);
}

#[test]
fn selectors() {
    let opts = HtmlOptions::default()
        .with_headlines_selector(Selector::parse(".related").unwrap())
        .with_existing_ad_selector(Selector::parse("div[data-ad], #top").unwrap());
    let doc = read(
        "t",
        "<div id=top></div><p>a</p><div data-ad></div><div class='x related'><p>h</p></div>",
        &opts,
    )
    .unwrap();
    let k = doc.article.kinds();
    assert_eq!(k, ["ad", "paragraph", "ad", "headlines"]);
}

#[test]
fn regions_are_opaque_hidden_ones_take_nothing_and_ads_lose_their_label() {
    let src = "<p>One.</p><nav><p>Home</p><p>World</p></nav><div hidden><p>Popup</p></div>\
               <div class=\"story-ad\"><p>Advertisement</p></div><p>Two <span hidden>x</span>\
               words.</p><aside class=\"related\"><p>More</p><p>news</p></aside>";
    let doc = read("t", src, &HtmlOptions::default()).unwrap();
    let got = doc.article.kinds_and_texts();
    assert_eq!(
        got,
        [
            ("paragraph", "One."),
            ("other", "Home World"),
            ("ad", ""),
            ("paragraph", "Two words."),
            ("other", "More news"),
        ]
    );
    // The gaps never fall inside a region: before `<nav>`, the ad, the paragraph, `<aside>`.
    let gaps = doc.source_map.unwrap().gaps;
    for (g, want) in gaps.iter().zip([
        "<p>One",
        "<nav>",
        "<div class=\"story",
        "<p>Two",
        "<aside",
        "",
    ]) {
        assert!(src[*g..].starts_with(want), "{g}: {want}");
    }
}

#[test]
fn a_region_holding_most_of_the_story_is_its_wrapper() {
    let story = "<p>A long story paragraph that goes on for a while.</p>".repeat(4);
    // The story's container says `social` (a theme's "share buttons on" flag): it holds
    // all the text, so it is descended into.
    let src = format!(
        "<!doctype html><html><body><div itemprop=\"articleBody\">\
         <div class=\"entry social-enabled\">{story}</div><div class=\"share\">Tweet</div>\
         </div></body></html>"
    );
    assert_eq!(
        kinds(&src),
        ["paragraph", "paragraph", "paragraph", "paragraph", "other"]
    );
    // Blogger's post widget holds the story: the score picks it, its sidebar stays out.
    let src = format!(
        "<!doctype html><html><body><div class=\"widget Blog\">{story}</div>\
         <div class=\"sidebar\"><p>Links</p></div></body></html>"
    );
    assert_eq!(
        kinds(&src),
        ["paragraph", "paragraph", "paragraph", "paragraph"]
    );
}

#[test]
fn link_boxes_graphics_and_controls_are_not_story_paragraphs() {
    let story = "<p>A long story paragraph that goes on for a while, and on.</p>".repeat(4);
    // Unmarked classes: a "more on this" box is known by its links, a newsroom graphic by
    // its class words, a control by its tag.
    let src = format!(
        "<!doctype html><html><body><div class=\"story\">{story}\
         <div class=\"x1\"><div>More on this</div><div><a href=a>First related headline \
         here</a><a href=b>Second related headline here</a></div></div>\
         <section class=\"interactive-embedded\"><p>A chart's leadin, not a paragraph.</p>\
         <footer>Source: a bureau</footer></section>\
         <p>Pick one: <button>Preview red theme</button></p>\
         <p>A paragraph <a href=c>with a link</a> in it is a paragraph.</p>{story}\
         </div></body></html>"
    );
    let doc = read("t", &src, &HtmlOptions::default()).unwrap();
    let got = doc.article.kinds_and_texts();
    let kinds: Vec<&str> = got.iter().map(|(k, _)| *k).collect();
    let p = "paragraph";
    assert_eq!(
        kinds,
        [p, p, p, p, "other", "embed", p, p, p, p, p, p],
        "{got:?}"
    );
    assert_eq!(got[6].1, "Pick one:");
    // The gaps: before the box and the graphic, never inside them.
    let gaps = doc.source_map.unwrap().gaps;
    assert!(src[gaps[4]..].starts_with("<div class=\"x1\">"));
    assert!(src[gaps[5]..].starts_with("<section"));
    assert!(src[gaps[6]..].starts_with("<p>Pick"));
}

#[test]
fn the_article_body_marker_wins_over_the_largest_article() {
    let src = "<!doctype html><body><article><p>A teaser card with a longer text than the story \
               has, about something else entirely.</p></article>\
               <div itemprop=\"articleBody\"><p>The story.</p><p>Its end.</p></div></body>";
    let doc = read("t", src, &HtmlOptions::default()).unwrap();
    let texts: Vec<_> = doc.article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["The story.", "Its end."]);
}

#[test]
fn the_rule_files_selectors_match_with_ancestors_and_win() {
    let src = "<!doctype html><body><div itemprop=\"articleBody\"><p>Marked.</p></div>\
               <main><div class=\"story\"><p>One.</p><div class=\"box\"><p>Promo</p></div>\
               <section><div class=\"box\"><p>Two.</p></div></section></div></main></body>";
    let opts = HtmlOptions::default()
        .with_content_selector(Selector::parse("main > .story").unwrap())
        .with_exclude_selector(Selector::parse(".story > .box").unwrap());
    let doc = read("t", src, &opts).unwrap();
    let got = doc.article.kinds_and_texts();
    // The content selector beats the articleBody marker; only the box that is a child of
    // `.story` is excluded, the one inside `<section>` is read.
    assert_eq!(
        got,
        [
            ("paragraph", "One."),
            ("other", "Promo"),
            ("paragraph", "Two.")
        ]
    );
    // A headlines selector with a combinator matches too.
    let opts =
        HtmlOptions::default().with_headlines_selector(Selector::parse("section .box").unwrap());
    let doc = read(
        "t",
        "<div><p>A.</p><section><div class=box><p>B</p></div></section></div>",
        &opts,
    )
    .unwrap();
    let kinds = doc.article.kinds();
    assert_eq!(kinds, ["paragraph", "headlines"]);
}

#[test]
fn unknown_elements_are_inline_unless_they_hold_blocks() {
    // A formula in a sentence: one paragraph, no gap at the formula.
    let doc = read(
        "t",
        "<div>Let <mjx-container><mjx-math>x</mjx-math></mjx-container> be even.</div>\
         <story-card><p>One.</p><p>Two.</p></story-card>",
        &HtmlOptions::default(),
    )
    .unwrap();
    let texts: Vec<_> = doc.article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Let x be even.", "One.", "Two."]);
}

#[test]
fn depth_is_a_located_error() {
    let src = format!("\n{}", "<div>".repeat(300));
    let e = read("t.html", &src, &HtmlOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("t.html:2:1281: nesting deeper than 256 elements"),
        "{e}"
    );
}

/// Each run of the first block as (its text, bold, italic, code, small).
fn runs(src: &str) -> Vec<(String, [bool; 4])> {
    let b = &blocks(src)[0];
    b.runs
        .iter()
        .map(|r| {
            let text = b.text[r.start..r.end].to_string();
            (text, [r.bold, r.italic, r.code, r.small])
        })
        .collect()
}

#[test]
fn inline_styles_are_runs_of_the_text() {
    let t = |s: &str| s.to_string();
    assert_eq!(
        runs("<p>A <b>bold</b> and <em>it <strong>both</strong></em> <code>x()</code>.</p>"),
        [
            (t("bold"), [true, false, false, false]),
            (t("it"), [false, true, false, false]),
            (t("both"), [true, true, false, false]),
            (t("x()"), [false, false, true, false]),
        ]
    );
    // A style across links and spaces is one run; spaces at its edges are not in it.
    assert_eq!(
        runs("<p><em><small> Photos by <a href=x>cmgirl</a>, <a>J E</a> </small></em> end</p>"),
        [(t("Photos by cmgirl, J E"), [false, true, false, true])]
    );
    // The same style twice with only a space between: one run.
    assert_eq!(
        runs("<p><b>one</b> <b>two</b> three</p>"),
        [(t("one two"), [true, false, false, false])]
    );
    // Unclosed styles end with the block; a pre keeps no runs (its text is as written).
    assert_eq!(
        runs("<p>a <i>b c"),
        [(t("b c"), [false, true, false, false])]
    );
    assert!(blocks("<pre>a <b>b</b></pre>")[0].runs.is_empty());
    assert!(blocks("<p>plain <span>text</span></p>")[0].runs.is_empty());
}
