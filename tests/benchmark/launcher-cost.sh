#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What the optimized tree's compile launcher costs per compile (not a test): the same
# compile of one generated source (tests/benchmark/gen-project.sh), run N times directly
# and N times through `pgo-helper launch --log-dir DIR --`, which keeps the compiler's
# stderr for the summary, alternating one and the other. Prints the median of each, their
# difference and the same for a compiler that does nothing (`true`), which isolates the
# launcher's own process and log from the compiler's work.
#
#   tests/benchmark/launcher-cost.sh [--compiler gcc-12] [--runs 200] [--helper PATH]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/benchmark/stats.sh"
cc=gcc-12
runs=200
helper=$root/build/test/helper/pgo-helper
while [ $# -gt 0 ]; do
  case "$1" in
    --compiler) cc="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --helper) helper="$2"; shift 2 ;;
    -h|--help) sed -n '3,10p' "$0"; exit 0 ;;
    *) echo "launcher-cost.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$runs" in ''|*[!0-9]*|0) echo "launcher-cost.sh: --runs needs a number > 0" >&2; exit 2 ;; esac
[ -x "$helper" ] || { echo "launcher-cost.sh: no pgo-helper at $helper (--helper)" >&2; exit 2; }
command -v "$cc" > /dev/null || { echo "launcher-cost.sh: $cc is not installed" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$root/tests/benchmark/gen-project.sh" "$tmp/src" --sources 2 --libs 1 --programs 1 > /dev/null
source=$(find "$tmp/src/libs" -name '*.c' | sort | head -1)
mkdir -p "$tmp/logs"

# us_of COMMAND...: the wall time of COMMAND in microseconds.
us_of() {
  local t0
  t0=$(now_ns)
  "$@" > /dev/null 2>&1
  echo $(( ($(now_ns) - t0) / 1000 ))
}

compile=("$cc" -O2 -I"$(dirname "$source")" -c "$source" -o "$tmp/out.o")
launch=("$helper" launch --log-dir "$tmp/logs" --)
for ((r = 0; r < runs; r++)); do
  us_of "${compile[@]}" >> "$tmp/direct"
  us_of "${launch[@]}" "${compile[@]}" >> "$tmp/launched"
  us_of true >> "$tmp/true"
  us_of "${launch[@]}" true >> "$tmp/launched-true"
done
d=$(median < "$tmp/direct")
l=$(median < "$tmp/launched")
t=$(median < "$tmp/true")
lt=$(median < "$tmp/launched-true")
echo "== the compile launcher, $runs alternating runs each, median wall time (ms)"
printf '%-44s %9.2f\n' "$cc -O2 -c $(basename "$source"), direct" "$(div "$d" 1000)"
printf '%-44s %9.2f  (%+.2f ms, %+.1f%%)\n' "the same through pgo-helper launch" "$(div "$l" 1000)" \
  "$(awk -v a="$l" -v b="$d" 'BEGIN { print (a - b) / 1000 }')" "$(awk -v a="$l" -v b="$d" 'BEGIN { print (a / b - 1) * 100 }')"
printf '%-44s %9.2f\n' "true, direct" "$(div "$t" 1000)"
printf '%-44s %9.2f  (%+.2f ms)\n' "true through pgo-helper launch" "$(div "$lt" 1000)" "$(awk -v a="$lt" -v b="$t" 'BEGIN { print (a - b) / 1000 }')"
