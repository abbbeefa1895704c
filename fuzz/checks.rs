//! The properties the fuzz targets check, shared with `tests/fuzz_regressions.rs` so that a
//! regression test runs exactly the assertions of the target that found it.
//!
//! Every function takes the raw fuzz input and panics only when a property fails.
#![allow(dead_code)] // each target uses one or two of these

use adslot::formats::{self, html, Format};
use adslot::markup::template::{self, SlotVars};
use adslot::{Article, Block, BlockKind, Document, PlaceOptions, ReadOptions, Rules};

/// JSON articles: any bytes give an article or an error, and placement runs on every article.
pub fn json_article(data: &[u8]) {
    let Ok(text) = adslot::source::decode("fuzz.json", data) else {
        return;
    };
    if let Ok(article) = formats::json::read("fuzz.json", text) {
        let rules = Rules::default();
        for device in rules.device_names() {
            let options = PlaceOptions::new().device(device).explain(true);
            assert!(adslot::place(&article, &rules, &options).is_ok());
        }
    }
}

/// Rule files: any text gives rules or located errors. Whatever the loader accepts is usable:
/// every device places, the validated selectors read HTML, the validated template renders.
pub fn rules_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rules = match Rules::from_toml("fuzz.toml", text) {
        Ok(rules) => rules,
        Err(e) => {
            assert!(
                !e.diagnostics().is_empty(),
                "an error without a location: {e}"
            );
            return;
        }
    };
    let article = Article::new(vec![
        Block::new(BlockKind::Headline, "A headline"),
        Block::new(BlockKind::Paragraph, "a few words"),
        Block::new(BlockKind::Image, ""),
        Block::new(BlockKind::Headlines, "more news"),
    ]);
    assert!(adslot::place(&article, &rules, &PlaceOptions::default()).is_ok());
    for device in rules.device_names() {
        let options = PlaceOptions::new().device(device).explain(true);
        assert!(adslot::place(&article, &rules, &options).is_ok());
    }
    // One element deep, so any max_depth >= 1 accepts it: only a selector could fail.
    let doc = html::read(
        "fuzz.html",
        "<p class=a id=b data-x=y>words</p>",
        &rules.html,
    );
    assert!(doc.is_ok(), "{:?}", doc.err());
    let vars = SlotVars {
        slot: "s\"<&>'",
        ordinal: 1,
        height_px: Some(250),
        gap: 0,
        device: "mobile",
    };
    let slot = template::render_slot(&rules.slot_template, &vars);
    assert!(slot.is_ok(), "{:?}", slot.err());
}

/// HTML and Markdown: the gaps are sorted, in bounds and on character boundaries, one per gap
/// of the article; a slot written at every gap by the format's writer is exactly what the
/// format promises (HTML: the element alone; Markdown: the element on a line of its own with a
/// blank line or the document's edge on each side, and no line ending that was not needed);
/// taking the slots out leaves the input byte for byte; and placement and slot writing run on
/// whatever the reader accepted.
pub fn insert(data: &[u8], format: &'static Format) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rules = Rules::default();
    let Ok(parsed) = format.read("fuzz", text, &rules.html) else {
        return;
    };
    let Some(map) = &parsed.source_map else {
        panic!("the {format} reader always maps gaps");
    };
    let gaps = &map.gaps;
    assert_eq!(gaps.len(), parsed.article.blocks.len() + 1, "gaps {gaps:?}");
    assert!(
        gaps.windows(2).all(|w| w[0] <= w[1]),
        "unsorted gaps {gaps:?}"
    );
    assert!(
        gaps.iter()
            .all(|&g| g <= text.len() && text.is_char_boundary(g)),
        "gaps {gaps:?} out of bounds or inside a character of {} bytes",
        text.len()
    );
    // A slot at every gap...
    let marker = "<div data-adslot=\"fuzz\"></div>";
    let slots: Vec<_> = (0..gaps.len()).map(|g| (g, marker.to_string())).collect();
    let out = formats::write_slots(format, text, &parsed, &slots).expect("the marker is writable");
    assert_eq!(out.inserted.len(), gaps.len());
    // ...each written as the format promises...
    for r in &out.inserted {
        let piece = &out.text[r.clone()];
        if format.name() == "markdown" {
            check_markdown_slot(&out.text, r.clone(), marker);
        } else {
            assert_eq!(piece, marker);
        }
    }
    // ...and taken out again: the input comes back exactly.
    let mut restored = String::with_capacity(text.len());
    let mut at = 0;
    for r in &out.inserted {
        restored.push_str(&out.text[at..r.start]);
        at = r.end;
    }
    restored.push_str(&out.text[at..]);
    assert_eq!(restored, text);
    // The whole pipeline runs on whatever the reader accepted.
    let options = ReadOptions::default().with_format(format);
    let doc = Document::read_bytes("fuzz", data.to_vec(), &rules, &options).expect("read above");
    let plan = adslot::place(doc.article(), &rules, &PlaceOptions::default());
    let plan = plan.expect("the default device exists");
    let out = doc.write_slots(&plan, &rules);
    assert!(out.is_ok(), "{:?}", out.err());
}

/// A Markdown slot written at `r` of `out`: optional line endings, the marker, a line ending,
/// an optional line ending; the marker alone on its line; a blank line (or the document's
/// start) before, a blank line (or the end) after; and each optional line ending only where
/// the blank line was missing. Written without the library's helpers.
fn check_markdown_slot(out: &str, r: std::ops::Range<usize>, marker: &str) {
    const EOLS: [&str; 3] = ["\r\n", "\n", "\r"];
    let eol_at = |s: &str| EOLS.into_iter().find(|e| s.starts_with(e));
    let eol_before = |s: &str| EOLS.into_iter().find(|e| s.ends_with(e));
    let blank = |line: &str| line.bytes().all(|b| b == b' ' || b == b'\t');
    let piece = &out[r.clone()];
    let m = piece.find(marker).expect("the marker is in its piece");
    let (lead, tail) = (&piece[..m], &piece[m + marker.len()..]);
    assert!(
        ["", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\r\r"].contains(&lead),
        "{lead:?} before a slot"
    );
    assert!(
        ["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\r\r"].contains(&tail),
        "{tail:?} after a slot"
    );
    // Before: what precedes in the input, and what precedes the marker line in the output.
    let input_before = &out[..r.start];
    let at_start = input_before.trim_start_matches('\u{feff}').is_empty();
    let ends_line = eol_before(input_before).is_some();
    let last_line_blank = ends_line && {
        let e = eol_before(input_before).map_or(0, str::len);
        let body = &input_before[..input_before.len() - e];
        let line = body.rfind(['\n', '\r']).map_or(body, |i| &body[i + 1..]);
        blank(line.trim_start_matches('\u{feff}'))
    };
    let needed_lead = match (at_start, ends_line, last_line_blank) {
        (true, _, _) => 0,
        (false, true, true) => 0,
        (false, true, false) => 1,
        (false, false, _) => 2,
    };
    let lead_eols = if lead.is_empty() {
        0
    } else {
        lead.len() / eol_at(lead).map_or(1, str::len)
    };
    assert_eq!(
        lead_eols, needed_lead,
        "line endings before a slot in {out:?}"
    );
    // After: the marker's line ends, then a blank line or the end of the document.
    let input_after = &out[r.end..];
    let next_line = input_after.split(['\n', '\r']).next().unwrap_or("");
    let needed_tail = if input_after.is_empty() || blank(next_line) {
        1
    } else {
        2
    };
    let tail_eols = tail.len() / eol_at(tail).map_or(1, str::len);
    assert_eq!(
        tail_eols, needed_tail,
        "line endings after a slot in {out:?}"
    );
}
