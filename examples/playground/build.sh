#!/bin/sh
# Builds the live rule playground into examples/playground/dist/: index.html and one script
# (the WebAssembly module's bytes, the package, the page, the shipped rule files and fixtures),
# so it opens from file:// or any static host and fetches nothing.
#
#   examples/playground/build.sh            # then open examples/playground/dist/index.html
#   ADSLOT_WASM_REBUILD=1 examples/playground/build.sh   # build the package again first
#
# Builds the npm package (bindings/wasm/build.sh) when bindings/wasm/pkg/ has none, when a
# source of it is newer (the library, the binding) or when ADSLOT_WASM_REBUILD=1; installs
# esbuild from package-lock.json (npm ci, when node_modules does not match it); and bundles
# with build.mjs. Needs node 20+ and npm; the package's build needs rustup.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
wasm="$repo/bindings/wasm/pkg/adslot_wasm_bg.wasm"
# Stale when a source of the module is newer than it (the library, the binding, its JavaScript).
stale() {
    [ -n "$(find "$repo/src" "$repo/fonts" "$repo/bindings/wasm/src" "$repo/bindings/wasm/js" \
        "$repo/Cargo.toml" "$repo/Cargo.lock" "$repo/bindings/wasm/Cargo.toml" \
        -newer "$wasm" -print 2>/dev/null | head -n 1)" ]
}
if [ "${ADSLOT_WASM_REBUILD:-0}" = 1 ] || ! [ -f "$wasm" ] || stale; then
    "$repo/bindings/wasm/build.sh"
fi
stamp="$here/node_modules/.adslot-playground-lock"
if ! [ -f "$stamp" ] || ! cmp -s "$stamp" "$here/package-lock.json"; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$here/package-lock.json" "$stamp"
fi
node "$here/build.mjs"
