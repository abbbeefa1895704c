#!/bin/sh
# Issue 14's "100k articles in bounded memory": the peak resident memory of `adslot diff
# rules/default.toml rules/upi.toml` on both devices over 1,000, 10,000 and 100,000 articles (the
# 39 real JSON fixtures replicated into JSON Lines, ids made unique), measured by the kernel
# (/usr/bin/time -v's maximum resident set size), one run each, with the wall time.
#
#   scripts/diff-memory.sh          # needs /usr/bin/time (Debian's `time`) and python3
#   scripts/diff-memory.sh 1000 5000  # other corpus sizes
set -eu
cd "$(dirname "$0")/.."
cargo build --quiet --release --bin adslot
adslot=${CARGO_TARGET_DIR:-target}/release/adslot
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 1000 10000 100000
printf '%9s %10s %14s %10s %12s\n' articles "corpus MB" "peak RSS MB" "wall s" "articles/s"
for n in "$@"; do
    corpus="$work/corpus-$n.jsonl"
    python3 - "$corpus" "$n" <<'PY'
import glob, json, sys
articles = [json.load(open(f)) for f in sorted(glob.glob("tests/fixtures/real/*.json"))]
n = int(sys.argv[2])
with open(sys.argv[1], "w") as out:
    for i in range(n):
        a = dict(articles[i % len(articles)])
        a["id"] = f"{a.get('id', 'a')}-{i}"
        out.write(json.dumps(a) + "\n")
PY
    # Exit status 1: the rule files differ in effect, as expected here.
    /usr/bin/time -v -o "$work/time-$n" "$adslot" diff rules/default.toml rules/upi.toml "$corpus" \
        > "$work/report-$n" || [ $? = 1 ]
    python3 - "$corpus" "$n" "$work/time-$n" <<'PY'
import os, re, sys
corpus, n, log = sys.argv[1], int(sys.argv[2]), open(sys.argv[3]).read()
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", log).group(1))
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", log)
seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
print(f"{n:9d} {os.path.getsize(corpus) / 1e6:10.1f} {rss_kb / 1024:14.1f} {seconds:10.2f} {n / seconds:12.0f}")
PY
    # The report counted every article on both devices (a report of fewer would be no figure).
    grep -q ": $((2 * n)) articles compared" "$work/report-$n" || {
        echo "diff-memory.sh: the report does not count $n articles on 2 devices:" >&2
        head -n 20 "$work/report-$n" >&2
        exit 1
    }
done
