#!/usr/bin/env bash
# Whole-process benchmark (issue 15): `adslot layout` against serde_json + textwrap (wrap.rs) and
# `adslot batch` against the parse-and-width floor (floor.rs), on inputs made from
# tests/fixtures/real. Not run in CI (only compiled, by `cargo bench --no-run`).
# Usage: benches/whole/run.sh [--big]   (--big: also peak memory of batch on a 1 GB file)
set -euo pipefail
cd "$(dirname "$0")/../.."
big=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cargo build --release --quiet --bin adslot
exe() { # the executable of bench $1, built in release
    cargo bench --no-run --quiet --message-format=json --bench "$1" 2>/dev/null |
        python3 -c 'import json,sys
for l in sys.stdin:
    m=json.loads(l)
    if m.get("reason")=="compiler-artifact" and m.get("executable") and m["target"]["name"]==sys.argv[1]: print(m["executable"])' "$1" | tail -1
}
adslot=target/release/adslot
[ -n "${CARGO_TARGET_DIR:-}" ] && adslot=$CARGO_TARGET_DIR/release/adslot
wrap=$(exe whole-wrap)
floor=$(exe whole-floor)

python3 - "$tmp" "$big" <<'PY'
import glob, json, sys
tmp, big = sys.argv[1], sys.argv[2]
arts = [json.load(open(f)) for f in sorted(glob.glob("tests/fixtures/real/*.json"))]
arts = [a for a in arts if isinstance(a, dict) and a.get("blocks")]
# One article of real paragraphs, ~3.4 MB.
paras = [b for a in arts for b in a["blocks"] if b.get("kind") == "paragraph" and b.get("text")]
blocks, size, i = [], 0, 0
while size < 3_400_000:
    b = paras[i % len(paras)]; blocks.append(b); size += len(b["text"]) + 40; i += 1
json.dump({"id": "big", "blocks": blocks}, open(f"{tmp}/article.json", "w"), ensure_ascii=False)
# ~5,000 real articles as JSON Lines, ~50 MB.
lines = [json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in arts]
with open(f"{tmp}/articles.jsonl", "w") as out:
    n = size = 0
    while size < 50_000_000 or n < 5000:
        l = lines[n % len(lines)]; out.write(l + "\n"); size += len(l) + 1; n += 1
if big:
    with open(f"{tmp}/big.jsonl", "w") as out:
        chunk = open(f"{tmp}/articles.jsonl").read()
        for _ in range(max(1, 1_000_000_000 // len(chunk.encode()))):
            out.write(chunk)
PY
ls -l "$tmp"

# Each command: name and shell line; medians by hyperfine, else by a timed loop of 5.
# batch: the issue's targets are for column mode (benches/whole/column.toml, the default policy
# without device sections); rules/default.toml (four px faces per device) is timed beside it.
names=(layout-40 wrap-40 layout-40-hyph wrap-40-hyph batch-t1 batch-t2 batch-px-t1 batch-px-t2 floor)
cmds=(
    "$adslot layout --columns 40 $tmp/article.json"
    "$wrap $tmp/article.json"
    "$adslot layout --columns 40 --hyphenate $tmp/article.json"
    "$wrap --hyphenate $tmp/article.json"
    "$adslot batch --rules benches/whole/column.toml --threads 1 < $tmp/articles.jsonl"
    "$adslot batch --rules benches/whole/column.toml --threads 2 < $tmp/articles.jsonl"
    "$adslot batch --rules rules/default.toml --threads 1 < $tmp/articles.jsonl"
    "$adslot batch --rules rules/default.toml --threads 2 < $tmp/articles.jsonl"
    "$floor - < $tmp/articles.jsonl"
)
# Every command must succeed before it is timed: a failing one would time as fast as nothing.
for i in "${!names[@]}"; do
    if ! bash -c "${cmds[$i]}" > "$tmp/out" 2> "$tmp/err" || [ ! -s "$tmp/out" ]; then
        echo "run.sh: ${names[$i]} failed or wrote nothing: ${cmds[$i]}" >&2
        cat "$tmp/err" >&2
        exit 1
    fi
done
declare -A median
if command -v hyperfine >/dev/null; then
    for i in "${!names[@]}"; do
        hyperfine --warmup 1 --runs 5 --style none -i --export-json "$tmp/h.json" \
            "${cmds[$i]} > /dev/null 2>&1" >/dev/null
        median[${names[$i]}]=$(python3 -c 'import json,sys;print("%.4f"%json.load(open(sys.argv[1]))["results"][0]["median"])' "$tmp/h.json")
    done
else
    echo "hyperfine not found (cargo install hyperfine@1.20.0 --locked): timed loop, medians of 5" >&2
    for i in "${!names[@]}"; do
        median[${names[$i]}]=$(for _ in 1 2 3 4 5; do
            s=$(date +%s.%N); bash -c "${cmds[$i]} > /dev/null 2>&1"; e=$(date +%s.%N)
            echo "$e - $s" | bc; done | sort -n | sed -n 3p)
    done
fi
rss() { /usr/bin/time -v bash -c "$1 > /dev/null 2>/dev/null" 2>&1 | awk '/Maximum resident/ {printf "%.0f MB", $6/1024}'; }

r() { python3 -c "print('%.2fx' % ($1 / $2))"; }
printf '%-16s %10s  %s\n' command median note
printf '%-16s %10s  %s\n' layout-40 "${median[layout-40]}" "wrap/layout $(r "${median[wrap-40]}" "${median[layout-40]}")"
printf '%-16s %10s\n' wrap-40 "${median[wrap-40]}"
printf '%-16s %10s  %s\n' layout-40-hyph "${median[layout-40-hyph]}" "wrap/layout $(r "${median[wrap-40-hyph]}" "${median[layout-40-hyph]}")"
printf '%-16s %10s\n' wrap-40-hyph "${median[wrap-40-hyph]}"
printf '%-16s %10s  %s\n' batch-t1 "${median[batch-t1]}" "t1/floor $(r "${median[batch-t1]}" "${median[floor]}"), rss $(rss "${cmds[4]}")"
printf '%-16s %10s  %s\n' batch-t2 "${median[batch-t2]}" "t1/t2 $(r "${median[batch-t1]}" "${median[batch-t2]}"), rss $(rss "${cmds[5]}")"
printf '%-16s %10s  %s\n' batch-px-t1 "${median[batch-px-t1]}" "t1/floor $(r "${median[batch-px-t1]}" "${median[floor]}"), rss $(rss "${cmds[6]}")"
printf '%-16s %10s  %s\n' batch-px-t2 "${median[batch-px-t2]}" "t1/t2 $(r "${median[batch-px-t1]}" "${median[batch-px-t2]}"), rss $(rss "${cmds[7]}")"
printf '%-16s %10s\n' floor "${median[floor]}"
if [ -n "$big" ]; then
    for rules in benches/whole/column.toml rules/default.toml; do
        echo "batch --threads 2 --rules $rules on $(du -h "$tmp/big.jsonl" | cut -f1): peak $(rss "$adslot batch --rules $rules --threads 2 < $tmp/big.jsonl")"
    done
fi
