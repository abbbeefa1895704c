#!/usr/bin/env bash
# CI stage of the npm package and the edge example, from a fresh machine: the package built as
# build.sh builds it (wasm32 target, wasm-bindgen's glue generator at Cargo.lock's version),
# clippy of the binding for wasm32, the `adslot` command the tests compare with,
# node's test runner on the package (every function and error, the CLI's answers on every
# fixture), the package in headless Chromium (tests/browser/setup.sh installs Chromium and
# playwright-core), and the edge worker against a local upstream in Node and in workerd, the
# Cloudflare Workers runtime (miniflare, pinned by examples/edge/package-lock.json: `npm ci`
# installs it and workerd's Linux binary from the npm registry).
#
# Needs node 20+ and npm, the Rust toolchain (rustup). Uses $CARGO_TARGET_DIR (default: target/).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
stage() { printf '== wasm ci: %s (%ss)\n' "$1" "$SECONDS"; }

stage "build the package"
bindings/wasm/build.sh

stage "clippy of the binding (the root's clippy covers the library alone)"
# On the host: the binding has no target-specific code, and the host's checked dependencies are
# the root clippy's (wasm32 would check every dependency again, 3.5 minutes on 2 cores).
# .ci/run lints the whole workspace before this stage (ADSLOT_CI_CLIPPY_DONE=1).
if [ -z "${ADSLOT_CI_CLIPPY_DONE:-}" ]; then
    cargo clippy --locked -p adslot-wasm --all-targets -- -D warnings
fi

stage "adslot command (release, as the tests compare with it)"
# $ADSLOT_BIN when it is given (.ci/run: the one `cargo bench --no-run` built).
if [ -z "${ADSLOT_BIN:-}" ] || ! [ -x "$ADSLOT_BIN" ]; then
    target="${CARGO_TARGET_DIR:-$repo/target}"
    cargo build --release --locked --bin adslot
    ADSLOT_BIN="$target/release/adslot"
fi
export ADSLOT_BIN
echo "adslot command: $ADSLOT_BIN"

stage "Chromium and playwright-core"
tests/browser/setup.sh

stage "node --test: the package"
node --test bindings/wasm/tests/

stage "node --test: the edge example (Node and workerd)"
(cd examples/edge && npm ci --no-audit --no-fund --loglevel=error && node --test)
stage "done"
