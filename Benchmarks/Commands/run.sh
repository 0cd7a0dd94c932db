#!/usr/bin/env bash
# Command-level benchmarks (issue 11, "Targets"): the real release binary on generated guest lists,
# beside Python's csv module and csvtool on the same files, in one session. Prints Markdown tables
# for Benchmarks/RESULTS.md on stdout; progress on stderr.
#
#   swift build -c release && Benchmarks/Commands/run.sh [BINARY]
#
# BINARY defaults to .build/release/guestlist. Environment:
#   SIZES=100000,1000000  the lists compared (the larger one is held to the targets)
#   SMALL=10000           the "typical list" validated against the 100 ms target
#   RUNS=5 RUNS_LARGE=3   runs per median (lists ≤ 100k / larger)
#   JSON=FILE             also write the figures as JSON
#   COMMIT=…              the commit to name (default: this checkout's HEAD)
#   BENCH_FLAGS=…         more flags for bench.py (python3 bench.py --help)
# Needs python3, csvtool and GNU time (/usr/bin/time). Everything it writes (lists, pipelines,
# ledgers, a `guestlist sandbox` on a free port) lives in one temporary folder, removed at the end.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary=${1:-$root/.build/release/guestlist}
[ -x "$binary" ] || { echo "run.sh: no binary at $binary (swift build -c release)" >&2; exit 2; }
binary=$(realpath "$binary")
for tool in python3 csvtool /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "run.sh: needs $tool" >&2; exit 2; }
done
sizes=${SIZES:-100000,1000000}
small=${SMALL:-10000}
commit=${COMMIT:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)}
load=$(cut -d' ' -f1-3 /proc/loadavg)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/guestlist-bench.XXXXXX")
cleanup() {
    # bench.py stops its sandbox itself; this covers a bench.py that was killed.
    if [ -f "$tmp/sandbox.pid" ]; then kill "$(cat "$tmp/sandbox.pid")" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for n in "$small" ${sizes//,/ }; do
    [ -f "$tmp/guests-$n.csv" ] && continue
    echo "generating $n rows" >&2
    python3 "$here/generate-guests.py" "$n" "$tmp/guests-$n.csv"
    sed -e "s#^  path: .*#  path: $tmp/guests-$n.csv#" -e "s#^ledger: .*#ledger: $tmp/guests-$n.ledger.sqlite#" \
        "$here/guests.yml" >"$tmp/guests-$n.yml"
done

python3 "$here/bench.py" --binary "$binary" --dir "$tmp" --sizes "$sizes" --small "$small" --runs "${RUNS:-5}" \
    --runs-large "${RUNS_LARGE:-3}" --commit "$commit" --load "$load" ${JSON:+--json "$JSON"} ${BENCH_FLAGS:-}
