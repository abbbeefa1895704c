//! The properties the fuzz targets check, shared with `tests/fuzz_regressions.rs` so that a
//! regression test runs exactly the assertions of the target that found it.
//!
//! Every function takes the raw fuzz input and panics only when a property fails.
#![allow(dead_code)] // each target uses one or two of these

use adslot::formats::{self, html, Format};
use adslot::markup::{self as template, SlotVars};
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
        } else if format.name() == "gutenberg" {
            // A block between blocks: the blank lines that separate blocks, and no more.
            let m = piece.find(marker).expect("the marker is in its piece");
            for side in [&piece[..m], &piece[m + marker.len()..]] {
                assert!(
                    ["", "\n", "\n\n", "\r\n", "\r\n\r\n"].contains(&side),
                    "{side:?} around a block in {:?}",
                    out.text
                );
            }
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

/// The top-level blocks of WordPress post content as `(name, start, end)`, by a tokenizer
/// written as WordPress's own (`block-serialization-default-parser`): its regular expression
/// `<!--\s+(\/)?wp:([a-z][a-z0-9_-]*\/)?([a-z][a-z0-9_-]*)\s+({...}\s+)?(\/)?-->` matched over
/// the raw text, closers closing the innermost block, a stray closer ending the parse. Written
/// without the library, to judge its Gutenberg writer.
pub fn wordpress_top_level(text: &str) -> Vec<(String, usize, usize)> {
    fn ident(b: &[u8], mut i: usize) -> Option<usize> {
        if !b.get(i)?.is_ascii_lowercase() {
            return None;
        }
        while b.get(i).is_some_and(|c| {
            c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_' || *c == b'-'
        }) {
            i += 1;
        }
        Some(i)
    }
    fn spaces(text: &str, i: usize) -> usize {
        let rest = &text[i..];
        i + rest.len() - rest.trim_start().len()
    }
    // One delimiter at `at`: (name, closer, void, end).
    fn token(text: &str, at: usize) -> Option<(String, bool, bool, usize)> {
        let b = text.as_bytes();
        let mut i = at + 4;
        let s = spaces(text, i);
        if s == i {
            return None;
        }
        i = s;
        let closer = b.get(i) == Some(&b'/');
        i += usize::from(closer);
        if !text[i..].starts_with("wp:") {
            return None;
        }
        i += 3;
        let name_start = i;
        let first_end = ident(b, i)?;
        let mut name = format!("core/{}", &text[i..first_end]);
        i = first_end;
        if b.get(i) == Some(&b'/') {
            let second_end = ident(b, i + 1)?;
            name = text[name_start..second_end].to_string();
            i = second_end;
        }
        let s = spaces(text, i);
        if s == i {
            return None;
        }
        i = s;
        // Attributes: from `{` to the first `}` that whitespace, an optional `/` and `-->` follow.
        let end_at = |j: usize| -> Option<(bool, usize)> {
            let void = b.get(j) == Some(&b'/');
            let k = j + usize::from(void);
            text[k..].starts_with("-->").then_some((void, k + 3))
        };
        if b.get(i) == Some(&b'{') {
            let mut j = i;
            while let Some(off) = text[j + 1..].find('}') {
                j = j + 1 + off;
                let s = spaces(text, j + 1);
                if s > j + 1 {
                    if let Some((void, end)) = end_at(s) {
                        return Some((name, closer, void, end));
                    }
                }
            }
        }
        let (void, end) = end_at(i)?;
        Some((name, closer, void, end))
    }
    let mut out = Vec::new();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find("<!--") {
        let at = i + off;
        let Some((name, closer, void, end)) = token(text, at) else {
            i = at + 1;
            continue;
        };
        i = end;
        if void && !closer {
            if stack.is_empty() {
                out.push((name, at, end));
            }
        } else if !closer {
            stack.push((name, at));
        } else {
            let Some((name, start)) = stack.pop() else {
                break;
            };
            if stack.is_empty() {
                out.push((name, start, end));
            }
        }
    }
    if let Some((name, start)) = stack.into_iter().next() {
        out.push((name, start, text.len()));
    }
    out
}

/// Gutenberg post content: the insertion properties of [`insert`], and WordPress (as
/// [`wordpress_top_level`] reads it) sees every slot as a top-level block of its own, with the
/// input's top-level blocks around it unchanged; both slot blocks (Custom HTML and dynamic).
pub fn gutenberg_insert(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    insert(data, &formats::gutenberg::FORMAT);
    let before = wordpress_top_level(text);
    for block in ["html", "dynamic"] {
        let rules = Rules::from_toml(
            "fuzz.toml",
            &format!("[gutenberg]\nslot_block = \"{block}\""),
        )
        .expect("rules");
        let Ok(parsed) = formats::gutenberg::FORMAT.read("fuzz", text, &rules.html) else {
            return;
        };
        let n = parsed.source_map.as_ref().map_or(0, |m| m.gaps.len());
        let slots: Vec<_> = (0..n)
            .map(|g| {
                let vars = SlotVars { slot: "s--\"<&>'", ordinal: g + 1, height_px: Some(250), gap: g, device: "mobile" };
                let piece = match block {
                    "html" => format!("<!-- wp:html -->\n{}\n<!-- /wp:html -->", template::render_slot(template::DEFAULT_SLOT_TEMPLATE, &vars).expect("renders")),
                    _ => "<!-- wp:adslot/slot {\"slot\":\"s\\u002d\\u002d\",\"ordinal\":1,\"height\":250} /-->".to_string(),
                };
                (g, piece)
            })
            .collect();
        let out = formats::write_slots(&formats::gutenberg::FORMAT, text, &parsed, &slots)
            .expect("writes");
        let after = wordpress_top_level(&out.text);
        let slot_name = if block == "html" {
            "core/html"
        } else {
            "adslot/slot"
        };
        // Each inserted piece holds exactly one top-level block, the slot; every other
        // top-level block is the input's, in order.
        let mut theirs = Vec::new();
        for (name, start, end) in &after {
            match out
                .inserted
                .iter()
                .find(|r| r.start <= *start && *start < r.end)
            {
                Some(r) => {
                    assert_eq!(
                        name, slot_name,
                        "a slot piece read as {name} in {:?}",
                        out.text
                    );
                    assert!(
                        *end <= r.end,
                        "the slot block runs out of its piece in {:?}",
                        out.text
                    );
                }
                None => theirs.push(name.clone()),
            }
        }
        let slot_blocks = after.len() - theirs.len();
        assert_eq!(
            slot_blocks,
            out.inserted.len(),
            "slots not top-level in {:?}",
            out.text
        );
        let names: Vec<_> = before.iter().map(|(n, _, _)| n.clone()).collect();
        assert_eq!(
            theirs, names,
            "the input's blocks changed around the slots in {:?}",
            out.text
        );
    }
}

/// ANS stories: the gaps are sorted and in bounds; a slot element written at every gap gives
/// valid JSON whose `content_elements` are the input's with the slot elements between them
/// (compared as JSON values, parsed with serde_json alone); taking the inserted pieces (the
/// element and its comma) out leaves the input byte for byte.
pub fn ans_insert(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rules = Rules::default();
    let format = &formats::ans::FORMAT;
    let Ok(parsed) = format.read("fuzz", text, &rules.html) else {
        return;
    };
    let Some(map) = &parsed.source_map else {
        assert!(
            text.trim_start_matches('\u{feff}').trim().is_empty(),
            "no gaps in {text:?}"
        );
        return;
    };
    let gaps = &map.gaps;
    assert_eq!(gaps.len(), parsed.article.blocks.len() + 1, "gaps {gaps:?}");
    assert!(gaps.windows(2).all(|w| w[0] <= w[1]), "unsorted {gaps:?}");
    assert!(gaps
        .iter()
        .all(|&g| g <= text.len() && text.is_char_boundary(g)));
    let element = |g: usize| {
        format!(
            "{{\"type\":\"custom_embed\",\"subtype\":\"adslot\",\"embed\":{{\"id\":\"fuzz-{g}\",\"url\":\"\",\"config\":{{\"slot\":\"s\\\"<\",\"ordinal\":{g},\"height\":250}}}}}}"
        )
    };
    let slots: Vec<_> = (0..gaps.len()).map(|g| (g, element(g))).collect();
    let out = formats::write_slots(format, text, &parsed, &slots).expect("writes");
    assert_eq!(out.inserted.len(), gaps.len());
    for (r, (_, e)) in out.inserted.iter().zip(&slots) {
        let piece = &out.text[r.clone()];
        assert!(
            [e.clone(), format!("{e},"), format!(",{e}")].contains(&piece.to_string()),
            "{piece:?}"
        );
    }
    // Removed again: the input.
    let mut restored = String::with_capacity(text.len());
    let mut at = 0;
    for r in &out.inserted {
        restored.push_str(&out.text[at..r.start]);
        at = r.end;
    }
    restored.push_str(&out.text[at..]);
    assert_eq!(restored, text);
    // As JSON: the input's elements in order, and the slots among them, where the gaps are.
    let body = |s: &str| s.trim_start_matches('\u{feff}').to_string();
    let before: serde_json::Value = serde_json::from_str(&body(text)).expect("the reader took it");
    let after: serde_json::Value =
        serde_json::from_str(&body(&out.text)).expect("the output is JSON");
    let list = |v: &serde_json::Value| {
        v["content_elements"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let (theirs, ours) = (list(&before), list(&after));
    let is_ours = |v: &serde_json::Value| {
        v["embed"]["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("fuzz-"))
    };
    let kept: Vec<_> = ours.iter().filter(|v| !is_ours(v)).cloned().collect();
    assert_eq!(
        kept, theirs,
        "the input's elements changed in {:?}",
        out.text
    );
    assert_eq!(ours.len() - kept.len(), gaps.len());
    // Everything outside content_elements is unchanged.
    let strip = |mut v: serde_json::Value| {
        if let Some(o) = v.as_object_mut() {
            o.remove("content_elements");
        }
        v
    };
    assert_eq!(strip(before), strip(after));
}
