#!/usr/bin/env bash
# The load figures of `adslot serve` (issue 13), loopback only, bounded: 30 s wrk runs
# (keep-alive) posting the real fixture articles to /v1/place (JSON) and /v1/insert (HTML),
# against `adslot batch` on the same JSON articles; then each endpoint again at half its
# maximum rate for p50/p99; resident memory before and after; and a run with rule reloads
# every second (file rewrites and SIGHUPs), which must lose no request.
# Needs a release build (cargo build --release) and wrk (apt-get install wrk).
# Usage: benches/serve/load.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-30}
bin=${ADSLOT_BIN:-${CARGO_TARGET_DIR:-target}/release/adslot}
threads=${THREADS:-2}
conns=${CONNS:-8}
json=$(ls tests/fixtures/real/*.json | paste -sd:)
html=$(ls tests/fixtures/real/*.html | paste -sd:)
work=$(mktemp -d)
pid=
reloader=
trap 'kill $pid $reloader 2>/dev/null || true; rm -rf "$work"' EXIT
cp rules/upi.toml "$work/rules.toml"
command -v wrk >/dev/null || { echo "load.sh: needs wrk (apt-get install wrk)" >&2; exit 1; }
[ -x "$bin" ] || { echo "load.sh: no $bin (cargo build --release, or set ADSLOT_BIN)" >&2; exit 1; }
# Any free port, read from the "listening" log line; waiting is bounded, and a server that
# exits (a bad rule file, a port in use) ends the script with its log instead of a wait forever.
"$bin" serve --rules "$work/rules.toml" --listen 127.0.0.1:0 --threads "$threads" \
  2>"$work/log" &
pid=$!
port=
for _ in $(seq 1 300); do
  port=$(sed -n 's/.*listening.* addr=127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/log" | head -1)
  [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "load.sh: serve exited:" >&2; cat "$work/log" >&2; exit 1; }
  port=
  sleep 0.1
done
[ -n "$port" ] || { echo "load.sh: serve did not answer /healthz within 30 s:" >&2; cat "$work/log" >&2; exit 1; }
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$pid/status"; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); threads $threads, $conns connections"
echo "RSS at start: $(rss)"
run() { # name path type delay_ms
  local out
  out=$(ADSLOT_FILES=$([ "$3" = text/html ] && echo "$html" || echo "$json") ADSLOT_PATH=$2 \
    ADSLOT_TYPE=$3 ADSLOT_DELAY_MS=$4 wrk -t1 -c"$conns" -d"${secs}s" --latency \
    -s benches/serve/post.lua "http://127.0.0.1:$port" | grep '^requests')
  echo "$1: $out"
  echo "$out" | awk '{print $4}' >"$work/rps"
}
rate_at_half() { # rps: the delay per connection that gives half of it
  awk -v r="$(cat "$work/rps")" -v c="$conns" 'BEGIN { printf "%d", 2 * c * 1000 / r }'
}
run "place max     " /v1/place application/json 0
place_delay=$(rate_at_half)
run "insert max    " /v1/insert text/html 0
insert_delay=$(rate_at_half)
echo "RSS after max runs: $(rss)"
run "place at half (delay ${place_delay} ms/conn) " /v1/place application/json "$place_delay"
run "insert at half (delay ${insert_delay} ms/conn)" /v1/insert text/html "$insert_delay"
echo "RSS after half runs: $(rss)"
# Reloads during load: the rule file rewritten (alternating two versions) and SIGHUP, each second.
(
  for i in $(seq 1 $((secs - 2))); do
    sleep 1
    if [ $((i % 2)) = 0 ]; then cp rules/upi.toml "$work/rules.toml"; else
      sed 's/^min_words_between = .*/min_words_between = 120/' rules/upi.toml >"$work/rules.toml"; fi
    kill -HUP "$pid"
  done
) &
reloader=$!
run "place during reloads" /v1/place application/json 0
wait "$reloader"
echo "reloads: $(curl -s "http://127.0.0.1:$port/healthz")"
echo "RSS at end: $(rss)"
echo "non-2xx answers logged: $(grep -c 'status=[^2]' "$work/log" || true)"
# adslot batch on the same JSON articles, repeated to a run of several seconds.
python3 -c '
import json, sys
lines = [json.dumps(json.load(open(p)), separators=(",", ":")) for p in sys.argv[1].split(":")]
sys.stdout.write("\n".join(lines * 400) + "\n")' "$json" >"$work/batch.jsonl"
echo "batch ($threads threads): $("$bin" batch --rules rules/upi.toml --threads "$threads" \
  <"$work/batch.jsonl" 2>&1 >/dev/null | tail -1)"
