#!/usr/bin/env bash
# rate: auto against the sandbox's own server-side rate limit (issue 12 item 8, SPEC §4).
#
# For each limit L (default 10, 40 and 200 per second) it starts `guestlist sandbox --rate-limit L` (a token
# bucket of L per second holding L), books ROWS rows (default 2,000) with `rate: auto` through the release
# binary over real HTTP on 127.0.0.1, and prints the wall time of `guestlist run` against the best possible,
# (N − L) / L, and the share of POSTs answered 429. Targets: within 15 % of the ideal, at most 3 % of 429s.
#
#   Benchmarks/rate-auto.sh                 # all three limits
#   LIMITS="40" ROWS=500 Benchmarks/rate-auto.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${GUESTLIST_BIN:-$PWD/.build/release/guestlist}
[ -x "$BIN" ] || swift build -c release --product guestlist
ROWS=${ROWS:-2000}
LIMITS=${LIMITS:-"10 40 200"}
CONCURRENCY=${CONCURRENCY:-4}

printf '%-6s %6s %9s %9s %7s %7s %6s %9s %s\n' limit rows "wall s" "ideal s" "ratio" POSTs 429s "429 %" "settled/s"
for L in $LIMITS; do
    dir=$(mktemp -d /tmp/rate-auto.XXXXXX)
    port=$((20000 + RANDOM % 20000))
    "$BIN" sandbox --port "$port" --rate-limit "$L" > "$dir/sandbox.log" 2>&1 &
    sandbox=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/_sandbox/stats" > /dev/null && break; sleep 0.1; done
    {
        echo "Name,Email,Start,Zone"
        # 20 start times: no slot reaches the event type's capacity (500).
        for i in $(seq 0 $((ROWS - 1))); do
            printf 'Guest %d,guest%d@example.com,2030-06-%02d %02d:00,Asia/Tokyo\n' "$i" "$i" $((1 + i % 20)) $((9 + i % 8))
        done
    } > "$dir/guests.csv"
    cat > "$dir/event.yml" <<YAML
name: rate-auto
source:
  path: guests.csv
columns:
  name: Name
  email: Email
  startedAt: Start
  timeZone: Zone
defaults:
  eventTypeId: mzgdPJVBb7RE
  locale: en
limits:
  rate: auto
  concurrency: $CONCURRENCY
  maxAttempts: 5
YAML
    start=$(date +%s.%N)
    JICOO_API_KEY=sandbox-key JICOO_BASE_URL="http://127.0.0.1:$port" GUESTLIST_LOG_LEVEL=info \
        "$BIN" run "$dir/event.yml" --quiet > "$dir/summary.txt" 2> "$dir/log.txt" || true
    end=$(date +%s.%N)
    stats=$(curl -s "http://127.0.0.1:$port/_sandbox/stats")
    kill "$sandbox" 2> /dev/null || true
    wait "$sandbox" 2> /dev/null || true
    posts=$(jq .postsReceived <<< "$stats")
    throttled=$(jq .rateLimited429 <<< "$stats")
    created=$(jq .created <<< "$stats")
    settled=$(cat "$dir/log.txt" "$dir/summary.txt" | grep -o 'settledRate=[0-9.]*' | tail -1 | cut -d= -f2)
    python3 - "$L" "$ROWS" "$start" "$end" "$posts" "$throttled" "$created" "${settled:-?}" <<'PY'
import sys
limit, rows, start, end, posts, throttled, created, settled = sys.argv[1:]
limit, rows = float(limit), int(rows)
wall = float(end) - float(start)
ideal = (rows - limit) / limit
print(f"{limit:<6g} {rows:>6} {wall:>9.2f} {ideal:>9.2f} {wall / ideal:>7.3f} {posts:>7} {throttled:>6} {100 * int(throttled) / int(posts):>8.2f}% {settled:>9}"
      + ("" if int(created) == rows else f"  (created {created} of {rows}!)"))
PY
    rm -rf "$dir"
done
