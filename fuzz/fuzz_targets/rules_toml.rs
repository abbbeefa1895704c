//! Fuzzes the rule-file loader: any text gives rules or located errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match adslot::Rules::from_toml("fuzz.toml", text) {
        Ok(rules) => {
            let article = adslot::Article::new(vec![adslot::Block::new(
                adslot::BlockKind::Paragraph,
                "a few words",
            )]);
            for device in rules.device_names() {
                let options = adslot::PlaceOptions {
                    device: Some(device.to_string()),
                    explain: true,
                };
                let _ = adslot::place(&article, &rules, &options);
            }
        }
        Err(e) => assert!(!e.diagnostics().is_empty()),
    }
});
