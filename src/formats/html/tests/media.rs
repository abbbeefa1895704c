//! Unit tests of the HTML reader's pictures, figures, svgs and embeds: their blocks, containers
//! and sizes.

use super::*;

#[test]
fn an_image_block_knows_its_container() {
    let html = "<figure><img width=600 height=400></figure><p><img width=600 height=400></p><img width=6 height=4><picture><img></picture>\
                <ul><li><img><li><img></ul>";
    let doc = read("t", html, &HtmlOptions::default()).unwrap();
    let figures: Vec<(BlockKind, Option<Container>)> = doc
        .article
        .blocks
        .iter()
        .map(|b| (b.kind, b.container))
        .collect();
    assert_eq!(
        figures,
        [
            (BlockKind::Image, Some(Container::Figure)),
            (BlockKind::Image, Some(Container::Paragraph)),
            (BlockKind::Image, None),
            (BlockKind::Image, None),
            (BlockKind::Image, Some(Container::List))
        ]
    );
}

#[test]
fn an_empty_figure_is_no_block() {
    // Readability leaves `<figure>` shells where it removed an embed: no box in a browser.
    let html = "<p>One.</p><figure>\n  </figure><figure><picture></picture></figure><p>Two.</p>";
    let doc = read("t", html, &HtmlOptions::default()).unwrap();
    let kinds: Vec<BlockKind> = doc.article.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(kinds, [BlockKind::Paragraph, BlockKind::Paragraph]);
    // A figure with a picture, an embed or text stays a block.
    for html in [
        "<figure><img></figure>",
        "<figure><iframe src=x></iframe></figure>",
        "<figure>Text</figure>",
    ] {
        let doc = read("t", html, &HtmlOptions::default()).unwrap();
        assert_eq!(doc.article.blocks.len(), 1, "{html}");
    }
}

#[test]
fn figure_is_one_image_with_caption_text() {
    let doc = read(
        "t",
        "<figure><img width=600 height=400><figcaption>Cap &amp; tion</figcaption></figure>",
        &HtmlOptions::default(),
    )
    .unwrap();
    let b = &doc.article.blocks[0];
    assert_eq!(
        (b.kind, b.text.as_str(), b.aspect),
        (BlockKind::Image, "Cap & tion", Some(1.5))
    );
}

#[test]
fn absurd_image_shapes_are_fixed_heights() {
    let geometry = |src| {
        let b = &read("t", src, &HtmlOptions::default())
            .unwrap()
            .article
            .blocks[0];
        (b.aspect, b.height_px, b.width_px)
    };
    // A 1000x1 strip is no picture shape: it is as tall as it says.
    assert_eq!(
        geometry("<img width=1000 height=1>"),
        (None, Some(1.0), None)
    );
    assert_eq!(
        geometry("<img width=1 height=1000>"),
        (None, Some(1000.0), None)
    );
    assert_eq!(
        geometry("<img width=100 height=1>"),
        (Some(100.0), None, Some(100.0))
    );
}

#[test]
fn pictures_keep_the_size_their_markup_gives() {
    let geometry = |src| {
        let doc = read("t", src, &HtmlOptions::default()).unwrap();
        let blocks = doc.article.blocks;
        blocks
            .into_iter()
            .map(|b| (b.kind.name(), b.width_px, b.height_px, b.aspect))
            .collect::<Vec<_>>()
    };
    // A 60x60 avatar and a 7x7 spacer keep their width; a caption's text adds nothing.
    assert_eq!(
        geometry("<figure><img src=a.png width=60 height=60><figcaption>Me</figcaption></figure><p><img src=s.gif width=7 height=7></p>"),
        [
            ("image", Some(60.0), None, Some(1.0)),
            ("image", Some(7.0), None, Some(1.0))
        ]
    );
    // Inline style, lazy attributes, srcset with sizes; an iframe embed's shape.
    assert_eq!(
        geometry(
            "<img style='width:43px;height:60px' width=600 height=400>\
                  <img data-src=a.jpg data-width=1200 data-height=800>\
                  <img srcset='a.jpg 180w, b.jpg 360w' sizes='180px'>\
                  <iframe width=560 height=315 src=v></iframe>\
                  <iframe width=100% height=410px src=c></iframe>"
        ),
        [
            ("image", Some(43.0), None, Some(43.0 / 60.0)),
            ("image", Some(1200.0), None, Some(1.5)),
            ("image", Some(180.0), None, None),
            ("embed", Some(560.0), None, Some(560.0 / 315.0)),
            ("embed", None, Some(410.0), None)
        ]
    );
    // A hidden picture inside a block is nothing; its shown sibling gives the size.
    assert_eq!(
        geometry("<figure><img hidden width=1 height=1><img width=300 height=150></figure>"),
        [("image", Some(300.0), None, Some(2.0))]
    );
    // Text blocks carry no picture size: their height comes from their lines.
    assert_eq!(
        geometry("<p><img width=20 height=20> Text beside an icon.</p>"),
        [("paragraph", None, None, None)]
    );
}

#[test]
fn svgs_figures_of_text_and_embeds_in_paragraphs() {
    let b = blocks(
        "<figure><img width=600 height=400><span><svg width=22 height=22><svg></svg></svg>\
         </span></figure><p>Icons <svg viewBox='0 0 16 8'></svg> and <svg></svg></p>\
         <figure data-interactive=x><a href=y>whale strandings</a></figure>\
         <p><iframe src=v width=560 height=315></iframe></p>\
         <svg><symbol id=play></symbol></svg><p><svg width=40 height=20></svg></p>\
         <figure><iframe src=v width=560 height=315></iframe><svg width=20 height=20></svg></figure>",
    );
    // An svg is a picture of its size (one inside it is part of it); a viewBox alone gives
    // its shape at the column's width; nothing, 300 x 150.
    assert_eq!(
        sizes(&b[0]),
        [
            (Some(600.0), None, Some(1.5)),
            (Some(22.0), None, Some(1.0))
        ]
    );
    assert_eq!(
        sizes(&b[1]),
        [(None, None, Some(2.0)), (Some(300.0), None, Some(2.0))]
    );
    // A figure of text alone is its text, an opaque block, not a picture.
    assert_eq!(
        (b[2].kind, b[2].text.as_str()),
        (BlockKind::Other, "whale strandings")
    );
    // An embed alone in a paragraph keeps the paragraph as its container.
    assert_eq!(
        (b[3].kind, b[3].container),
        (BlockKind::Embed, Some(Container::Paragraph))
    );
    // Svgs alone are an image, in the flow or in a paragraph.
    assert_eq!((b[4].kind, b[5].kind), (BlockKind::Image, BlockKind::Image));
    assert_eq!(sizes(&b[4]), [(Some(300.0), None, Some(2.0))]);
    assert_eq!(sizes(&b[5]), [(Some(40.0), None, Some(2.0))]);
    // A player's svg icon does not make its embed an image.
    assert_eq!(b[6].kind, BlockKind::Embed);
    assert_eq!(b.len(), 7);
}

#[test]
fn a_figure_whose_picture_sits_in_a_paragraph_holds_blocks() {
    let b = blocks(
        "<figure><div><p><img width=600 height=400></p></div><figcaption>The vote.</figcaption>\
         </figure><figure><img width=600 height=400><figcaption>Plain.</figcaption></figure>",
    );
    // The paragraph (its margins) and the caption, stacked in the figure's box; the caption
    // stays the block's text.
    assert_eq!(b[0].text, "The vote.");
    let inner: Vec<(BlockKind, Option<Container>)> =
        b[0].blocks.iter().map(|x| (x.kind, x.container)).collect();
    assert_eq!(
        inner,
        [
            (BlockKind::Image, Some(Container::Paragraph)),
            (BlockKind::Caption, None)
        ]
    );
    assert!(b[1].blocks.is_empty());
}

#[test]
fn every_picture_is_kept_with_its_size() {
    let b = blocks(
        "<figure><img width=600 height=400><img src=b.jpg></figure>\
         <p>Text <img width=20 height=20> beside an icon.</p>\
         <p><img src=c.jpg width=570 height=0></p>\
         <figure class=wp-block-table><table><tr><td>x</table></figure>",
    );
    assert_eq!(
        sizes(&b[0]),
        [(Some(600.0), None, Some(1.5)), (None, None, None)]
    );
    assert_eq!(sizes(&b[1]), [(Some(20.0), None, Some(1.0))]);
    // `height=0` beside a width is no height: the picture is not 0 px tall.
    assert_eq!(
        (b[2].kind, b[2].height_px, sizes(&b[2])),
        (BlockKind::Image, None, vec![(Some(570.0), None, None)])
    );
    // A figure holding a table is a table.
    assert_eq!(
        (b[3].kind, b[3].rows.clone()),
        (BlockKind::Table, vec![vec![Cell::from("x")]])
    );
}

#[test]
fn embeds_take_their_providers_or_wrappers_shape() {
    let b = blocks(
        "<iframe src=\"https://www.youtube.com/embed/abc\"></iframe>\
         <iframe src=\"https://www.youtube.com/embed/abc\" width=560 height=420></iframe>\
         <div class=video style=\"position:relative;padding-bottom:75%;height:0\">\
         <iframe src=\"https://maps.example.com/embed\" style=\"position:absolute\"></iframe></div>\
         <iframe src=\"https://datawrapper.dwcdn.net/x/\"></iframe>\
         <blockquote class=twitter-tweet><p>A tweet.</p></blockquote>",
    );
    let shape = |b: &Block| (b.kind, b.width_px, b.height_px, b.aspect);
    let embed = BlockKind::Embed;
    assert_eq!(shape(&b[0]), (embed, None, None, Some(16.0 / 9.0)));
    // The markup's own size wins over the provider's shape.
    assert_eq!(
        shape(&b[1]),
        (embed, Some(560.0), None, Some(560.0 / 420.0))
    );
    // A wrapper's padding is the shape of the embed inside it.
    assert_eq!(shape(&b[2]), (embed, None, None, Some(100.0 / 75.0)));
    // Neither: the device's embed height.
    assert_eq!(shape(&b[3]), (embed, None, None, None));
    assert_eq!(shape(&b[4]), (embed, None, None, None));
}
