#!/bin/sh
# CI's workbench stage (issue 14): the HTML preview of every fixture opened in headless Chromium,
# slot boxes held to the plan within 2 px, gap markers and their reasons on interaction, and
# screenshots against the reviewed references in tests/browser/reference/workbench/; then the
# live rule playground (examples/playground, built here with the WebAssembly package it needs:
# this stage runs before bindings/wasm/ci.sh, whose build then finds cargo's work done) typed
# into from file:// and over HTTP, held to `adslot place` and `adslot check`. The `adslot` command is
# $ADSLOT_BIN if set, else the debug build; about 30 s on this machine, plus the package's
# release build on a clean clone.
#
#   tests/browser/workbench.sh
set -eu
cd "$(dirname "$0")/../.."
tests/browser/setup.sh
# $ADSLOT_BIN when it is given (.ci/run: the release build of `cargo bench --no-run`; building
# the debug one here would compile the library again without dev-dependency features).
bin=${ADSLOT_BIN:-}
if [ -z "$bin" ] || ! [ -x "$bin" ]; then
    cargo build --quiet --bin adslot
    bin=${CARGO_TARGET_DIR:-target}/debug/adslot
fi
node tests/browser/workbench.mjs --adslot "$bin"
examples/playground/build.sh
node tests/browser/playground.mjs --adslot "$bin"
