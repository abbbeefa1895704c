#!/bin/sh
# Issue 14's figure: `adslot diff` throughput on 5,000 fixture articles (the 39 JSON fixtures
# replicated, ids made unique) against `adslot batch` on the same JSON Lines, with hyperfine
# (medians of 5 runs after a warm-up, one run of this script).
#
#   scripts/diff-throughput.sh     # needs hyperfine and python3
set -eu
cd "$(dirname "$0")/.."
cargo build --quiet --release --bin adslot
adslot=${CARGO_TARGET_DIR:-target}/release/adslot
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/corpus.jsonl" <<'PY'
import glob, json, sys
articles = [json.load(open(f)) for f in sorted(glob.glob("tests/fixtures/real/*.json"))]
with open(sys.argv[1], "w") as out:
    for i in range(5000):
        a = dict(articles[i % len(articles)])
        a["id"] = f"{a.get('id', 'a')}-{i}"
        out.write(json.dumps(a) + "\n")
PY
c="$work/corpus.jsonl"
# diff exits 1 (the rule files differ in effect): -i keeps hyperfine going.
hyperfine --runs 5 --warmup 1 -i --export-json "$work/times.json" \
    -n "batch, mobile" "$adslot batch --rules rules/default.toml --device mobile < $c > /dev/null" \
    -n "diff, mobile" "$adslot diff rules/default.toml rules/upi.toml $c --device mobile > /dev/null" \
    -n "diff, mobile and desktop" "$adslot diff rules/default.toml rules/upi.toml $c > /dev/null"
python3 - "$work/times.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = results[0]["median"]
for r in results:
    print(f"{r['command']:28} median {r['median']:.3f} s  {5000 / r['median']:8.0f} articles/s  {r['median'] / base:.2f}x batch")
PY
