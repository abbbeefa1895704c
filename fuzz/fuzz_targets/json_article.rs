//! Fuzzes the JSON article reader and placement on whatever it accepts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = adslot::source::decode("fuzz.json", data) else {
        return;
    };
    if let Ok(article) = adslot::formats::json::read("fuzz.json", text) {
        let rules = adslot::Rules::default();
        let options = adslot::PlaceOptions {
            device: None,
            explain: true,
        };
        let _ = adslot::place(&article, &rules, &options);
    }
});
