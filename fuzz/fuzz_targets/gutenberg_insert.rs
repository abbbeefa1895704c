//! Fuzz target: see `checks::gutenberg_insert` for the properties checked (slots as top-level blocks, lossless insertion).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::gutenberg_insert(data));
