#!/bin/sh
# CI's workbench stage (issue 14): the HTML preview of every fixture opened in headless Chromium,
# slot boxes held to the plan within 2 px, gap markers and their reasons on interaction, and
# screenshots against the reviewed references in tests/browser/reference/workbench/; then the
# live rule playground (examples/playground, built here with the WebAssembly package it needs:
# this stage runs before bindings/wasm/ci.sh, whose build then finds cargo's work done) typed
# into from file:// and over HTTP, held to `adslot place` and `adslot check`. Reuses the debug
# build `cargo test` made (same profile and env); about 30 s on this machine, plus the
# package's release build on a clean clone.
#
#   tests/browser/workbench.sh
set -eu
cd "$(dirname "$0")/../.."
tests/browser/setup.sh
cargo build --quiet --bin adslot
target=${CARGO_TARGET_DIR:-target}
node tests/browser/workbench.mjs --adslot "$target/debug/adslot"
examples/playground/build.sh
node tests/browser/playground.mjs --adslot "$target/debug/adslot"
