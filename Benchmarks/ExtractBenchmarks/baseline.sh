#!/bin/sh
# Times the CSV baselines on the same file the benchmark reads, in the same session:
# Debian's csvtool (`csvtool height`) and Python's csv module. Prints MB/s and peak RSS.
#
#   Benchmarks/ExtractBenchmarks/baseline.sh [FILE.csv]
#
# FILE defaults to the 1M-row file that `swift package benchmark --target ExtractBenchmarks`
# leaves in $TMPDIR/guestlist-extract-bench/. Needs: apt-get install csvtool python3.
set -eu
file=${1:-${TMPDIR:-/tmp}/guestlist-extract-bench/csv-1m-rows.csv}
[ -f "$file" ] || { echo "no $file: run the ExtractBenchmarks benchmark first, or pass a CSV file" >&2; exit 2; }
bytes=$(stat -c %s "$file")

measure() { # label, command...
    label=$1; shift
    out=$( { /usr/bin/time -f "%e %U %S %M" "$@" >/dev/null; } 2>&1 | tail -n 1)
    set -- $out
    awk -v l="$label" -v b="$bytes" -v e="$1" -v u="$2" -v s="$3" -v m="$4" 'BEGIN {
        printf "%-22s %7.1f MB/s wall  %7.1f MB/s cpu  peak RSS %6.1f MB\n", l, b/1e6/e, b/1e6/(u+s), m/1e3 }'
}

echo "$file: $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b/1e6 }')"
measure "csvtool height" csvtool height "$file"
measure "python3 csv.reader" python3 -c '
import csv, sys
n = 0
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    for row in csv.reader(f):
        n += 1
print(n)' "$file"
