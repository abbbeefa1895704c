//! adslot's integration tests, one crate (one link on CI): each module tests one concern, and
//! `common` holds what they share (fixture loaders).
//!
//! Run them with `cargo test`; snapshots live in `tests/snapshots/` (`INSTA_UPDATE=always` or
//! `cargo insta review` after a deliberate change).

mod common;

mod cli;
mod diff;
mod encodings;
mod example_rules;
mod fixture_rules;
mod font_candidates;
mod font_chromium;
mod font_cli;
mod font_faces;
mod font_pixel;
mod font_rules;
mod font_tables;
mod formats_ans;
mod formats_documents;
mod formats_gutenberg;
mod formats_html;
mod formats_json;
mod formats_markdown;
mod fuzz_regressions;
mod layers;
mod layout_blocks;
mod layout_fixtures;
mod layout_runs;
mod linebreak_parity;
mod optimality;
mod robustness;
mod rule_files;
mod seed;
#[cfg(feature = "serve")]
mod serve;
mod story_checker;
mod style_chromium;
mod style_collapse;
mod style_rules;
mod whole_pages;
