//! Fuzz target: see `checks::insert` for the properties checked (lossless insertion).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::insert(data, &adslot::formats::html::FORMAT));
