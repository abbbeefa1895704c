#!/bin/sh
# CI's workbench stage (issue 14): the HTML preview of every fixture opened in headless Chromium,
# slot boxes held to the plan within 2 px, gap markers and their reasons on interaction, and
# screenshots against the reviewed references in tests/browser/reference/workbench/. Reuses the
# debug build `cargo test` made (same profile and env); about 30 s on this machine.
#
#   tests/browser/workbench.sh
set -eu
cd "$(dirname "$0")/../.."
tests/browser/setup.sh
cargo build --quiet --bin adslot
target=${CARGO_TARGET_DIR:-target}
node tests/browser/workbench.mjs --adslot "$target/debug/adslot"
