#!/usr/bin/env bash
# Builds the `adslot` npm package into bindings/wasm/pkg/ from a fresh clone: the wasm32 target,
# wasm-bindgen's glue generator at exactly the version of the wasm-bindgen crate in Cargo.lock
# (bindings/wasm/bindgen, a workspace tool on wasm-bindgen's library), the release build of
# this crate (LTO, one codegen unit, panics abort, SIMD), wasm-bindgen's ES module
# glue (--target web), and the package's own JavaScript, types and package.json (js/).
#
#   bindings/wasm/build.sh        # then: import { Rules, place } from "./bindings/wasm/pkg/index.js"
#   bindings/wasm/build.sh --no-default-features   # without the built-in font tables (smaller)
#
# Arguments are passed to `cargo build`.
# Uses $CARGO_TARGET_DIR (default: target/). Prints the .wasm size, raw and gzip.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"
target="${CARGO_TARGET_DIR:-$repo/target}"
pkg="$here/pkg"
stage() { printf '== wasm build: %s (%ss)\n' "$1" "$SECONDS"; }

stage "wasm32-unknown-unknown target"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi

stage "wasm-bindgen (bindings/wasm/bindgen: wasm-bindgen's library at Cargo.lock's version)"
# The glue generator of the `wasm-bindgen` command, built from the same workspace lock as the
# binding's wasm-bindgen crate (so their versions cannot differ) and without the command's test
# runner: 80 s of a clean build on two cores instead of `cargo install wasm-bindgen-cli`'s 180.
cargo build --release --locked -p adslot-wasm-bindgen
bindgen="$target/release/adslot-wasm-bindgen"

stage "cargo build --release --target wasm32-unknown-unknown -p adslot-wasm"
# SIMD (simd128: memchr's and the auto-vectorised loops; Node 16.4+, every current browser and
# edge runtime has it), for the wasm32 artifacts only (not host build scripts and macros).
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128" \
    CARGO_PROFILE_RELEASE_LTO=true CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_PANIC=abort \
    cargo build --release --locked --target wasm32-unknown-unknown -p adslot-wasm "$@"
wasm="$target/wasm32-unknown-unknown/release/adslot_wasm.wasm"

stage "wasm-bindgen --target web"
rm -rf "$pkg"
# Without the function names (156 KB) and the producers section: a trap's stack shows wasm
# offsets instead of Rust names.
# (--target web --out-name adslot_wasm --remove-name-section --remove-producers-section.)
"$bindgen" "$wasm" "$pkg" adslot_wasm
# wasm-bindgen writes a .gitignore of `*` into its folder; bindings/wasm/.gitignore has pkg/.
rm -f "$pkg/.gitignore"
cp "$here"/js/index.js "$here"/js/index.d.ts "$here"/js/core.js "$here"/js/core.d.ts "$pkg/"
crate_version="$(awk -F'"' '/^version = / { print $2; exit }' "$here/Cargo.toml")"
sed "s/\"version\": \"[^\"]*\"/\"version\": \"$crate_version\"/" "$here/js/package.json" > "$pkg/package.json"

raw=$(wc -c < "$pkg/adslot_wasm_bg.wasm")
gz=$(gzip -9 -c "$pkg/adslot_wasm_bg.wasm" | wc -c)
stage "done: $pkg (adslot_wasm_bg.wasm $raw bytes, $gz gzip -9)"
