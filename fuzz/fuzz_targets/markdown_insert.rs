//! Fuzzes the markdown reader and slot insertion, asserting the lossless property: taking the
//! inserted slot markup back out gives the input byte for byte.
#![no_main]

use adslot::formats::{self, InputFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rules = adslot::Rules::default();
    let Ok(doc) = formats::read("fuzz", text, InputFormat::Markdown, &rules.html) else {
        return;
    };
    let Some(map) = &doc.source_map else {
        panic!("the markdown reader always maps gaps");
    };
    assert_eq!(map.gaps.len(), doc.article.blocks.len() + 1);
    assert!(map.gaps.windows(2).all(|w| w[0] <= w[1]));
    assert!(map.gaps.iter().all(|&g| g <= text.len() && text.is_char_boundary(g)));
    // A slot at every gap...
    let marker = "<div data-adslot=\"fuzz\"></div>";
    let insertions: Vec<(usize, String)> =
        map.gaps.iter().map(|&g| (g, marker.to_string())).collect();
    let out = formats::insert_at(text, &insertions);
    // ...and each taken out again where it was put: the input comes back exactly.
    let mut restored = String::with_capacity(text.len());
    let mut at = 0;
    for (k, &g) in map.gaps.iter().enumerate() {
        let pos = g + k * marker.len();
        restored.push_str(&out[at..pos]);
        assert_eq!(&out[pos..pos + marker.len()], marker);
        at = pos + marker.len();
    }
    restored.push_str(&out[at..]);
    assert_eq!(restored, text);
    // The whole pipeline runs on whatever the reader accepted.
    if let Ok(plan) = adslot::place(&doc.article, &rules, &adslot::PlaceOptions::default()) {
        let _ = adslot::render::insert_slots(text, &doc, &plan, &rules, InputFormat::Markdown);
    }
});
