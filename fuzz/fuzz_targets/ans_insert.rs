//! Fuzz target: see `checks::ans_insert` for the properties checked (slot elements in `content_elements`, lossless insertion).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::ans_insert(data));
