#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Measures `pgo-helper merge` on many raw profiles of a real program (not a test): builds the
# bundled interpreter (examples/interp) instrumented by clang and by gcc, runs each N times
# (default 10000) on its test scripts, one raw profile per run, then times the merges:
#   clang   pgo-helper merge, and one plain `llvm-profdata merge` call on the same files
#   gcc     pgo-helper merge with --jobs 1 and with one job per processor, and, given
#           OLD_HELPER (a pgo-helper of an earlier commit), that helper's merge
# Each merge is timed (wall) with its peak memory (/usr/bin/time: the largest resident set of
# pgo-helper or of any one tool it ran) and the peak scratch space beside the output (du,
# sampled every 0.1 s), printed against the size of the raw inputs.
#
#   tests/benchmark/merge-many.sh [--runs N] [--work DIR] [--keep-runs]
#
# --keep-runs merges again the raw profiles an earlier run left in DIR.
# Needs a built pgo-helper (PGO_HELPER, default build/test/helper/pgo-helper), clang-19 with
# llvm-profdata-19, gcc-12 with gcov-tool-12, and /usr/bin/time (package time).
set -euo pipefail
runs=10000 work=/tmp/pgo-merge-many keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --keep-runs) keep=1; shift ;;
    -h|--help) sed -n '3,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "merge-many: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")/../.." && pwd)
helper=${PGO_HELPER:-$here/build/test/helper/pgo-helper}
interp=$here/examples/interp
cpus=$(nproc)
[ -x "$helper" ] || { echo "merge-many: no pgo-helper at $helper (set PGO_HELPER)" >&2; exit 2; }

if [ "$keep" = 0 ]; then
  rm -rf "$work" && mkdir -p "$work/craw" "$work/graw"
  cp -r "$interp/src" "$interp/include" "$interp/app" "$interp/tests" "$work/"
  cd "$work"
  clang-19 -O2 -fprofile-generate -Iinclude -Isrc src/*.c app/main.c -lm -o interp-clang
  gcc-12 -O2 -fprofile-generate -fprofile-prefix-path="$work" -Iinclude -Isrc src/*.c app/main.c \
    -lm -o interp-gcc
  echo "merge-many: $runs runs of each instrumented interpreter, over its $(ls tests/*.lang | wc -l) test scripts"
  # gcc writes its .gcda files to GCOV_PREFIX/<the directory it was built in>; stripping
  # that directory's components gives one flat folder per run.
  strip=$(printf '%s' "$work" | tr -cd / | wc -c)
  mapfile -t scripts < <(ls tests/*.lang)
  export work strip
  seq "$runs" | while read -r i; do echo "$i ${scripts[$((i % ${#scripts[@]}))]}"; done |
    xargs -P "$cpus" -L 1 sh -c '
      LLVM_PROFILE_FILE=$work/craw/r$1.profraw ./interp-clang "$2" >/dev/null 2>&1
      GCOV_PREFIX=$work/graw/r$1 GCOV_PREFIX_STRIP=$strip ./interp-gcc "$2" >/dev/null 2>&1
      exit 0' sh
fi
cd "$work"
[ "$(ls craw | wc -l)" -eq "$runs" ] && [ "$(ls graw | wc -l)" -eq "$runs" ] ||
  { echo "merge-many: expected $runs raw profiles of each compiler in $work" >&2; exit 1; }
echo "merge-many: raw inputs: clang $(du -sh craw | cut -f1) in $runs files; gcc $(du -sh graw | cut -f1) in $runs folders of $(ls graw/r1 | wc -l) .gcda files"

# peak_du DIR PATTERN: samples the size of DIR's entries matching PATTERN until killed,
# and prints the largest seen (kB) when it is.
peak_du() {
  local peak=0 now
  trap 'echo "$peak"; exit 0' TERM
  while :; do
    now=$(cd "$1" && du -skc $2 2>/dev/null | tail -1 | cut -f1) || now=0
    [ "${now:-0}" -gt "$peak" ] && peak=$now
    sleep 0.1
  done
}

# measure NAME SCRATCH_PATTERN COMMAND...: runs COMMAND, writing into out/, and prints its
# wall time, peak memory and peak scratch space (what out/SCRATCH_PATTERN holds; for clang,
# the profile written is counted too).  The time and memory come from a run of its own: the
# sampler's du of a folder of thousands of files takes a processor, which a merge with one
# job per processor would otherwise share with it.  The scratch space comes from a second run.
measure() {
  local name=$1 pattern=$2 sampler peak
  shift 2
  rm -rf out && mkdir out
  /usr/bin/time -v "$@" > "$name.out" 2> "$name.time" || { cat "$name.out" "$name.time"; exit 1; }
  rm -rf out && mkdir out
  peak_du out "$pattern" > "$name.du" &
  sampler=$!
  "$@" > /dev/null 2>&1 || { kill $sampler; echo "merge-many: $name failed on its second run" >&2; exit 1; }
  kill -TERM $sampler; wait $sampler || true
  peak=$(cat "$name.du")
  printf '%-22s wall %8s  peak RSS %7s kB  peak scratch %7s kB\n' "$name" \
    "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$name.time")" \
    "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$name.time")" "$peak"
}

ls "$work"/craw/*.profraw > craw.list
measure clang-llvm-profdata '*' llvm-profdata-19 merge --input-files=craw.list -o out/direct.profdata
measure clang-pgo-helper '*' "$helper" merge --compiler clang --raw-dir craw \
  --output out/app.profdata --tool "$(command -v llvm-profdata-19)"
llvm-profdata-19 merge --input-files=craw.list -o direct.profdata
cmp -s out/app.profdata direct.profdata && echo "  (pgo-helper's profile is byte for byte llvm-profdata's)"
for jobs in 1 "$cpus"; do
  measure "gcc-pgo-helper-j$jobs" 'gcda/*.tmp*' "$helper" merge --compiler gcc --raw-dir graw \
    --output out/gcda/profile --tool "$(command -v gcov-tool-12)" --jobs "$jobs"
  rm -rf "gcc-j$jobs.profile" && cp -rL out/gcda/profile "gcc-j$jobs.profile"
done
# arcs DIR: the functions and arc counters of every .gcda file in DIR, as gcov-dump prints
# them (without the file's path).
arcs() {
  local f
  for f in "$1"/*.gcda; do
    gcov-dump-12 -l "$f" | awk '{ sub(/^[^:]*:/, "") }
      /FUNCTION/ { print; a = 0; next } /COUNTERS arcs/ { a = 1; next } /COUNTERS/ { a = 0 } a'
  done
}
diff -rq "gcc-j1.profile" "gcc-j$cpus.profile" > /dev/null &&
  echo "  (--jobs 1 and --jobs $cpus write the same .gcda files)"
if [ -n "${OLD_HELPER:-}" ]; then
  measure gcc-old-helper 'gcda/*.tmp*' "$OLD_HELPER" merge --compiler gcc --raw-dir graw \
    --output out/gcda/profile --tool "$(command -v gcov-tool-12)"
  if [ "$(arcs out/gcda/profile | md5sum)" = "$(arcs "gcc-j$cpus.profile" | md5sum)" ]; then
    echo "  (the merge tree's arc counters are the old serial fold's)"
  else
    echo "  the merge tree's arc counters differ from the old serial fold's"
  fi
fi
echo "merge-many: peak RSS is the largest of pgo-helper and any one tool it ran; gcc runs up to"
echo "  --jobs gcov-tool processes at once, each of that size at most"
