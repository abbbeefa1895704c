//! The whole-page checker (`common::story`) on hand-written pages: one test per verdict, so a
//! checker that calls everything "in the story" (or nothing) fails here before it grades the
//! reader.

use crate::common::story::{check_page, normalise, slot_ranges, words, Category, Story};

const PARA_1: &str =
    "The council voted on Monday to approve a budget that raises spending on schools.";
const PARA_2: &str =
    "Opponents said the plan would leave the city short of money for road repairs.";
const PARA_3: &str =
    "The mayor is expected to sign the budget into law before the end of the month.";
const SLOT: &str = r#"<div class="adslot" data-adslot="inline" data-ordinal="1"></div>"#;

fn story() -> Story {
    Story::from_body(&format!(
        "<div><p>{PARA_1}</p><p>{PARA_2}</p><p>{PARA_3}</p></div>"
    ))
}

/// A page: masthead, `{body}` (where `{SLOT}` stands for a slot), footer.
fn page(body: &str) -> String {
    let body = body.replace("{SLOT}", SLOT);
    format!(
        "<!doctype html><html><head><title>City news</title></head><body class=\"has-sidebar\">\
         <div id=\"masthead\">City News: today's stories from the city and the county</div>\
         {body}<footer>Copyright City News, all rights reserved, since the year 1901</footer>\
         </body></html>"
    )
}

/// The one verdict of a page with one slot: `None` when the slot is in the story.
fn verdict(body: &str) -> Option<Category> {
    let checks = check_page(&page(body), &story());
    assert_eq!(checks.len(), 1, "one slot");
    checks[0].failure.as_ref().map(|f| f.category)
}

fn article(inner: &str) -> String {
    format!("<article><h1>Budget passes</h1>{inner}</article>")
}

#[test]
fn a_slot_between_story_paragraphs_is_in_the_story() {
    let body = article(&format!(
        "<p>{PARA_1}</p>{{SLOT}}<p>{PARA_2}</p><p>{PARA_3}</p>"
    ));
    assert_eq!(verdict(&body), None);
    // Different whitespace and entities than the extracted body do not matter.
    let spaced = PARA_2.replace(' ', "\n   ").replace("money", "mon&shy;ey");
    let body = article(&format!(
        "<p>{PARA_1}</p>\n{{SLOT}}\n<div><p>{spaced}</p></div>"
    ));
    assert_eq!(verdict(&body), None);
}

#[test]
fn boxes_inside_the_story_are_not_its_text_but_chrome_around_it_is() {
    // A related box and a hidden note between two story paragraphs: the slot next to them is
    // judged by the story text around them.
    let boxes = "<div class=\"related\">Related: more stories from the city council today</div>\
                 <p hidden>Subscribe to our newsletter for the latest city news</p>";
    let body = article(&format!(
        "<p>{PARA_1}</p>{{SLOT}}{boxes}<p>{PARA_2}</p><p>{PARA_3}</p>"
    ));
    assert_eq!(verdict(&body), None);
    let body = article(&format!(
        "<p>{PARA_1}</p>{boxes}{{SLOT}}<p>{PARA_2}</p><p>{PARA_3}</p>"
    ));
    assert_eq!(verdict(&body), None);
    // The site's footer outside the story is read: a slot after the footer is not in the story.
    let html = page(&article(&format!(
        "<p>{PARA_1}</p><p>{PARA_2}</p><p>{PARA_3}</p>"
    )));
    let html = html.replace("</footer>", &format!("</footer>{SLOT}"));
    let checks = check_page(&html, &story());
    assert_eq!(
        checks[0].failure.as_ref().map(|f| f.category),
        Some(Category::OutsideStory)
    );
}

#[test]
fn a_slot_after_the_headline_or_before_the_footer_is_outside_the_story() {
    let body = article(&format!(
        "{{SLOT}}<p>{PARA_1}</p><p>{PARA_2}</p><p>{PARA_3}</p>"
    ));
    assert_eq!(verdict(&body), Some(Category::OutsideStory));
    let body = format!(
        "{}{{SLOT}}",
        article(&format!("<p>{PARA_1}</p><p>{PARA_2}</p><p>{PARA_3}</p>"))
    );
    assert_eq!(verdict(&body), Some(Category::OutsideStory));
}

#[test]
fn a_slot_at_the_end_of_a_bare_body_is_in_the_story() {
    let html = format!("<p>{PARA_1}</p><p>{PARA_2}</p><p>{PARA_3}</p>{SLOT}");
    let checks = check_page(&html, &story());
    assert_eq!(checks[0].failure, None);
}

#[test]
fn short_neighbours_need_the_whole_window() {
    // "Budget" occurs in the story, but the 40 characters before the slot do not.
    let body = format!(
        "<div>Read the city's full coverage of the Budget</div>{{SLOT}}{}",
        article(&format!("<p>{PARA_1}</p>"))
    );
    assert_eq!(verdict(&body), Some(Category::OutsideStory));
}

#[test]
fn regions_are_classified_by_tag_role_class_and_id() {
    let cases = [
        ("<nav>{SLOT}</nav>", Category::Chrome),
        ("<aside>{SLOT}</aside>", Category::Chrome),
        ("<form>{SLOT}</form>", Category::Chrome),
        ("<div role=\"complementary\">{SLOT}</div>", Category::Chrome),
        ("<div class=\"site-menu\">{SLOT}</div>", Category::Chrome),
        (
            "<div id=\"div-gpt-ad-1234-0\">{SLOT}</div>",
            Category::AdContainer,
        ),
        (
            "<ins class=\"adsbygoogle\">{SLOT}</ins>",
            Category::AdContainer,
        ),
        (
            "<div class=\"OUTBRAIN\">{SLOT}</div>",
            Category::AdContainer,
        ),
        (
            "<div data-ad-slot=\"top\">{SLOT}</div>",
            Category::AdContainer,
        ),
        (
            "<div class=\"story-ad\">{SLOT}<p>Advertisement</p></div>",
            Category::AdContainer,
        ),
        (
            "<div class=\"socialShare\">{SLOT}</div>",
            Category::ShareBar,
        ),
        (
            "<div class=\"newsletter-signup\">{SLOT}</div>",
            Category::Newsletter,
        ),
        ("<div class=\"signUp\">{SLOT}</div>", Category::Newsletter),
        (
            "<section class=\"related-stories\">{SLOT}</section>",
            Category::Related,
        ),
        ("<div id=\"most-read\">{SLOT}</div>", Category::Related),
        ("<div id=\"comments\">{SLOT}</div>", Category::Comments),
        ("<div class=\"right-rail\">{SLOT}</div>", Category::Sidebar),
        ("<div class=\"video-player\">{SLOT}</div>", Category::Widget),
        ("<div hidden>{SLOT}</div>", Category::Hidden),
        ("<div aria-hidden=\"true\">{SLOT}</div>", Category::Hidden),
        (
            "<div style=\"color: red; display : none !important\">{SLOT}</div>",
            Category::Hidden,
        ),
        (
            "<div style=\"visibility:hidden\">{SLOT}</div>",
            Category::Hidden,
        ),
        ("<div class=\"sr-only\">{SLOT}</div>", Category::Hidden),
        // Hiding wins over the innermost region; otherwise the innermost region decides.
        (
            "<div hidden><div class=\"newsletter\">{SLOT}</div></div>",
            Category::Hidden,
        ),
        (
            "<aside><div class=\"related\">{SLOT}</div></aside>",
            Category::Related,
        ),
    ];
    for (region, want) in cases {
        let inner = format!("<p>{PARA_1}</p>{region}<p>{PARA_2}</p><p>{PARA_3}</p>");
        assert_eq!(verdict(&article(&inner)), Some(want), "{region}");
    }
}

#[test]
fn class_words_do_not_match_inside_words() {
    for class in ["header", "download", "loaded", "shadow", "navy", "badge"] {
        let inner = format!("<p>{PARA_1}</p><div class=\"{class}\">{{SLOT}}</div><p>{PARA_2}</p>");
        assert_eq!(verdict(&article(&inner)), None, "{class}");
    }
    assert_eq!(
        words("socialShare-bar_2 div-gpt-ad"),
        ["social", "share", "bar", "2", "div", "gpt", "ad"]
    );
    assert_eq!(words("OUTBRAIN"), ["outbrain"]);
}

#[test]
fn a_wrapper_holding_the_story_is_not_a_box() {
    // Blogger's post widget, a Drupal layout named after its sidebar, an ASP.NET form.
    for open in [
        "<div class=\"widget Blog\">",
        "<div class=\"panel-two-col-sidebar-right\">",
        "<form id=\"aspnetForm\">",
    ] {
        let close = if open.starts_with("<form") {
            "</form>"
        } else {
            "</div>"
        };
        let inner = format!("{open}<p>{PARA_1}</p>{{SLOT}}<p>{PARA_2}</p><p>{PARA_3}</p>{close}");
        assert_eq!(verdict(&article(&inner)), None, "{open}");
    }
    // Hiding is never a wrapper.
    let inner = format!("<div hidden><p>{PARA_1}</p>{{SLOT}}<p>{PARA_2}</p><p>{PARA_3}</p></div>");
    assert_eq!(verdict(&article(&inner)), Some(Category::Hidden));
}

#[test]
fn inline_contexts_and_split_blocks() {
    let inner = format!("<p>{PARA_1}</p><span>{{SLOT}}</span><p>{PARA_2}</p>");
    assert_eq!(verdict(&article(&inner)), Some(Category::Inline));
    let inner = format!("<p>{PARA_1}</p><a href=\"/x\">{{SLOT}}</a><p>{PARA_2}</p>");
    assert_eq!(verdict(&article(&inner)), Some(Category::Inline));
    let inner = format!("<p>{PARA_1}</p><blockquote>{{SLOT}}<p>{PARA_2}</p></blockquote>");
    assert_eq!(verdict(&article(&inner)), Some(Category::SplitsBlock));
    // A div written inside a paragraph closes it in a browser: the parse changes.
    let (a, b) = PARA_2.split_at(30);
    let inner = format!("<p>{PARA_1}</p><p>{a}{{SLOT}}{b}</p><p>{PARA_3}</p>");
    assert_eq!(verdict(&article(&inner)), Some(Category::SplitsBlock));
    // Between table rows: a browser moves it before the table.
    let inner = format!("<p>{PARA_1}</p><table><tr><td>{PARA_2}</td></tr>{{SLOT}}<tr><td>{PARA_3}</td></tr></table>");
    assert_eq!(verdict(&article(&inner)), Some(Category::SplitsBlock));
    // Inside a data table's cell splits the table; inside a layout table's cell is fine.
    let inner = format!("<p>{PARA_1}</p><table><tr><td>{PARA_2}{{SLOT}}</td></tr></table>");
    assert_eq!(verdict(&article(&inner)), Some(Category::SplitsBlock));
    let inner = format!("<table><tr><td><p>{PARA_1}</p>{{SLOT}}<p>{PARA_2}</p></td></tr></table>");
    assert_eq!(verdict(&article(&inner)), None);
}

#[test]
fn a_slot_in_raw_text_is_not_an_element() {
    let inner = format!("<p>{PARA_1}</p><textarea>{{SLOT}}</textarea><p>{PARA_2}</p>");
    assert_eq!(verdict(&article(&inner)), Some(Category::SplitsBlock));
}

#[test]
fn each_slot_is_judged_alone() {
    let inner =
        format!("<p>{PARA_1}</p>{SLOT}{SLOT}<p>{PARA_2}</p><nav>{SLOT}</nav><p>{PARA_3}</p>");
    let html = page(&article(&inner));
    let checks = check_page(&html, &story());
    let got: Vec<_> = checks
        .iter()
        .map(|c| c.failure.as_ref().map(|f| f.category))
        .collect();
    assert_eq!(got, [None, None, Some(Category::Chrome)]);
    let ranges = slot_ranges(&html);
    assert_eq!(ranges.len(), 3);
    assert!(ranges.iter().all(|r| &html[r.clone()] == SLOT));
    assert_eq!(checks[1].offset, ranges[1].start);
}

#[test]
fn normalise_drops_whitespace_and_invisible_characters() {
    assert_eq!(normalise(" a\u{a0}b\n\tc\u{ad}d\u{200b}e "), "abcde");
}

mod generated {
    //! The checker on generated articles whose truth is known by construction: story
    //! paragraphs with boxes between them, and slots between items or inside boxes.

    use super::*;
    use proptest::prelude::*;

    const SENTENCES: [&str; 8] = [
        "Residents packed the hall on Tuesday evening to hear the proposal for the new bridge.",
        "Engineers estimate that construction will take three years and cost forty million.",
        "Several shop owners worried that the detour would keep customers away from Main Street.",
        "The transport committee promised to publish a full traffic study before the vote.",
        "A petition against the plan has gathered more than two thousand signatures so far.",
        "Supporters argue the old crossing is unsafe and closes for repairs every winter.",
        "The state has offered to cover half of the cost if work begins before next spring.",
        "A final decision is expected when the council meets again at the end of the month.",
    ];

    /// Boxes a story may hold: their markup and the verdict for a slot inside them.
    const BOXES: [(&str, &str, Category); 5] = [
        ("<div class=\"related-links\">", "</div>", Category::Related),
        ("<aside>", "</aside>", Category::Chrome),
        ("<div hidden>", "</div>", Category::Hidden),
        (
            "<div class=\"ad-container\">",
            "</div>",
            Category::AdContainer,
        ),
        ("<div class=\"share-tools\">", "</div>", Category::ShareBar),
    ];

    #[derive(Clone, Debug)]
    enum Item {
        Paragraph,
        /// A box of `BOXES[kind]`, with a slot inside it or not.
        Box {
            kind: usize,
            slot: bool,
        },
    }

    fn items() -> impl Strategy<Value = Vec<Item>> {
        let item = prop_oneof![
            3 => Just(Item::Paragraph),
            1 => (0..BOXES.len(), any::<bool>()).prop_map(|(kind, slot)| Item::Box { kind, slot }),
        ];
        prop::collection::vec(item, 1..12).prop_filter("two paragraphs at least", |v| {
            v.iter().filter(|i| matches!(i, Item::Paragraph)).count() >= 2
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn verdicts_match_the_construction(items in items(), gaps in prop::collection::vec(any::<bool>(), 13)) {
            let mut inner = String::new();
            let mut body = String::new();
            let mut want = Vec::new();
            let paragraphs = items.iter().filter(|i| matches!(i, Item::Paragraph)).count();
            let mut seen = 0;
            for (g, item) in items.iter().enumerate() {
                if gaps[g] {
                    inner.push_str(SLOT);
                    let inside = seen > 0 && seen < paragraphs;
                    want.push((!inside).then_some(Category::OutsideStory));
                }
                match item {
                    Item::Paragraph => {
                        let p = format!("<p>{}</p>", SENTENCES[seen % SENTENCES.len()]);
                        inner.push_str(&p);
                        body.push_str(&p);
                        seen += 1;
                    }
                    Item::Box { kind, slot } => {
                        let (open, close, category) = BOXES[*kind];
                        inner.push_str(open);
                        if *slot {
                            inner.push_str(SLOT);
                            want.push(Some(category));
                        }
                        inner.push_str("Other stories from around the region this week");
                        inner.push_str(close);
                    }
                }
            }
            if gaps[items.len()] {
                inner.push_str(SLOT);
                want.push(Some(Category::OutsideStory));
            }
            let story = Story::from_body(&body);
            let html = page(&article(&inner));
            let got: Vec<_> = check_page(&html, &story)
                .iter()
                .map(|c| c.failure.as_ref().map(|f| f.category))
                .collect();
            prop_assert_eq!(got, want, "{}", html);
        }
    }
}
