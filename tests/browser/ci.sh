#!/bin/sh
# CI's browser stage (issue 8): the judge set up, its own tests, and adslot's px-mode estimate
# held to headless Chromium per bundled face (estimate.mjs prints the per-font table and the
# candidates-mode check, scripts.mjs the Arabic, Hebrew, Devanagari and CJK table; each fails
# when a target is missed). Run from .ci/run after `cargo test`,
# which has built the estimate example already (this reuses that build, same profile and env).
#
#   tests/browser/ci.sh
set -eu
cd "$(dirname "$0")/../.."
tests/browser/setup.sh
node --test tests/browser/
cargo build --quiet --example estimate
target=${CARGO_TARGET_DIR:-target}
node tests/browser/estimate.mjs --estimate "$target/debug/examples/estimate"
node tests/browser/scripts.mjs --estimate "$target/debug/examples/estimate"
# Issue 9: the block model against Chromium on the fixture pages with a publisher-like stylesheet
# (before: the profile alone; after: the device reading the stylesheet), in the bundled serif
# and sans (Times and Arial metrics), about 60 s; `--faces all` judges all seven (4 minutes).
cargo build --quiet --example styled
node tests/browser/styled.mjs --estimate "$target/debug/examples/styled" --faces liberation-serif,liberation-sans
