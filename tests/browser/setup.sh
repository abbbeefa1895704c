#!/bin/sh
# Sets up the headless-Chromium judge on Debian 12: Debian's chromium, the open fonts the judge
# and adslot's font tables use, and playwright-core from package-lock.json (no downloaded browser).
# Idempotent: when everything is in place it only checks, and returns in well under a second.
#
#   tests/browser/setup.sh            # chromium, the fonts, fonts-noto-cjk, npm ci
#   ADSLOT_JUDGE_CJK=0 tests/browser/setup.sh   # the same without the 56 MB CJK fonts
set -eu

here=$(cd "$(dirname "$0")" && pwd)

packages="chromium fonts-liberation fonts-dejavu-core fonts-noto-core fonts-roboto fonts-open-sans fonts-inter"
# Noto Sans/Serif CJK (56 MB download, 91 MB installed): without it, Chinese, Japanese and Korean
# text has no face to render in and Chromium draws boxes, so CJK paragraphs cannot be judged.
if [ "${ADSLOT_JUDGE_CJK:-1}" != 0 ]; then
    packages="$packages fonts-noto-cjk"
fi

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        as_root=""
    elif command -v sudo >/dev/null 2>&1; then
        as_root="sudo"
    else
        echo "setup.sh: need root (or sudo) to install:$missing" >&2
        exit 1
    fi
    echo "setup.sh: installing$missing" >&2
    $as_root apt-get update -qq
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing
fi

# Debian 12's own nodejs is 18; the judge needs 20 (node:test, playwright-core's engines).
need_node="setup.sh: node >= 20 and npm are required (Debian 12's nodejs is 18: use NodeSource's nodejs 20, or a node:20 image)"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "$need_node" >&2
    exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
    echo "$need_node; found $(node --version)" >&2
    exit 1
fi

# npm ci only when node_modules does not match package-lock.json (npm records what it installed
# in node_modules/.package-lock.json; a stamp holds the lock file it was installed from).
stamp="$here/node_modules/.adslot-judge-lock"
if ! [ -f "$stamp" ] || ! cmp -s "$stamp" "$here/package-lock.json"; then
    echo "setup.sh: npm ci in $here" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$here/package-lock.json" "$stamp"
fi

# The judge launches /usr/bin/chromium itself; check that it starts at all.
if ! /usr/bin/chromium --version >/dev/null 2>&1; then
    echo "setup.sh: /usr/bin/chromium is installed but does not run" >&2
    exit 1
fi
echo "setup.sh: ready ($(/usr/bin/chromium --version 2>/dev/null), node $(node --version))" >&2
