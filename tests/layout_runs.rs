//! Inline runs in their faces (issue 9): bold, italic, code and smaller text measured as
//! Chromium sets it, with the browser judge's stylesheet (`tests/fixtures/css/judge.css`, a
//! copy of `tests/browser/styled.mjs`'s) in Liberation Sans; the line counts are Chromium
//! 156's for the same HTML.

use adslot::formats::html::read;
use adslot::layout::{layout, Hyphenation};
use adslot::markup::HtmlOptions;
use adslot::Rules;

/// Each block's lines on `device` of the judge's rule file, for the HTML `body`.
fn lines(body: &str, device: &str) -> Vec<usize> {
    let toml = "[device.mobile]\nfont_family = \"liberation-sans\"\nstylesheet = \"judge.css\"\n\
                viewport_width_px = 375\ncontent_root = \"div.adslot-judge-root\"\n\
                [device.desktop]\nfont_family = \"liberation-sans\"\nstylesheet = \"judge.css\"\n\
                viewport_width_px = 1280\ncontent_root = \"div.adslot-judge-root\"\n";
    let rules = Rules::from_toml("tests/fixtures/css/judge.toml", toml).expect("rules");
    let device = rules
        .devices
        .iter()
        .find(|d| d.name == device)
        .expect("device");
    let html = format!("<div class=\"adslot-judge-root\">{body}</div>");
    let doc = read("t.html", &html, &HtmlOptions::default()).expect("html");
    let g = layout(&doc.article, &device.profile, Hyphenation::None);
    g.blocks.iter().map(|b| b.lines).collect()
}

/// lifehacker-working's last paragraph (its links' targets left out): in `<em><small>` it takes
/// 2 lines on desktop in Chromium, 3 set as plain text.
const CREDITS: &str = "Photos by <a>cmgirl</a> (Shutterstock), <a>Macrovector</a> (Shutterstock), \
                       <a>J E Theriot</a>, <a>davidd</a>, <a>George Redgrave</a>, <a>David \
                       Amsler</a>, <a>Arup Malakar</a>, <a>J B</a>, <a>jakerome</a>, <a>401(K) \
                       2012</a>.";

#[test]
fn runs_take_the_lines_chromium_gives_them() {
    // (paragraph, lines on mobile, lines on desktop), as Chromium 156 lays them out with the
    // judge's stylesheet and Liberation Sans in its four styles.
    let cases = [
        (format!("<p><em><small>{CREDITS}</small></em></p>"), 4, 2),
        (format!("<p>{CREDITS}</p>"), 4, 3),
        (
            "<p>Use <code>cargo build --release --example styled</code> then <code>node \
             tests/browser/styled.mjs</code> to judge.</p>"
                .to_string(),
            3,
            2,
        ),
        (
            "<p><b>Breaking news from the council chamber where members debated</b> the budget \
             for hours.</p>"
                .to_string(),
            3,
            2,
        ),
    ];
    for (html, mobile, desktop) in &cases {
        assert_eq!(lines(html, "mobile"), [*mobile], "{html} on mobile");
        assert_eq!(lines(html, "desktop"), [*desktop], "{html} on desktop");
    }
}
