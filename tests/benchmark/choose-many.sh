#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Choosing among many training tests (not a test): the generated project of
# tests/benchmark/gen-project.sh with --tests-per-program, 500 training tests
# by default (20 programs, 25 tests each), built with -DPGO=ON
# -DPGO_VERBOSE=ON for each compiler.  Then the build's summary command is
# run again by itself, --runs times (default 3): its median wall time, which
# covers reading every test's profile back (Clang: one llvm-profdata merge
# --text per test) and the choices; the same without -v, for what the rest
# of the summary costs; and the lines it printed on the tests' own profiles
# (their room against the merged profile's) and on the choices.  No figure
# is asserted.
#
#   tests/benchmark/choose-many.sh [--compilers "gcc-12 clang-19"]
#       [--programs 20] [--tests-per-program 25] [--build-dir DIR]
#       [--jobs 2] [--runs 3]
set -euo pipefail

me=choose-many.sh
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/integration/lib.sh"
. "$root/tests/benchmark/stats.sh"

compilers="gcc-12 clang-19"
programs=20
per=25
build="$root/build/bench-choose-many"
jobs=2
runs=3

while [ $# -gt 0 ]; do
  case "$1" in
    --compilers) compilers="$2"; shift 2 ;;
    --programs) programs="$2"; shift 2 ;;
    --tests-per-program) per="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '3,17p' "$0"; exit 0 ;;
    *) echo "$me: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for v in programs per jobs runs; do
  case "${!v}" in ''|*[!0-9]*|0) echo "$me: --$v needs a number > 0" >&2; exit 2 ;; esac
done
mkdir -p "$build"
build=$(cd "$build" && pwd)
export CMAKE_BUILD_PARALLEL_LEVEL=$jobs
log() { printf '%s\n' "$me: $*" >&2; }

src="$build/src"
# Ten sources per program, two libraries each.
bash "$root/tests/benchmark/gen-project.sh" "$src" --sources $(( 10 * programs )) --libs $(( 2 * programs )) \
  --programs "$programs" --tests-per-program "$per"

helper_dir="$build/helper"
{ cmake -S "$root/helper" -B "$helper_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPGO_HELPER_TESTS=OFF &&
  cmake --build "$helper_dir"; } > "$build/helper.log" 2>&1 ||
  { tail -30 "$build/helper.log" >&2; log "building pgo-helper failed"; exit 1; }

# timed_median COMMAND: the median of --runs wall times of COMMAND, in seconds.
timed_median() {
  local i t0
  for ((i = 0; i < runs; i++)); do
    t0=$(now_ns)
    "$@" > /dev/null 2>&1
    echo $(( $(now_ns) - t0 ))
  done | median | awk '{ printf "%.2f", $1 / 1e9 }'
}

for cc in $compilers; do
  t="$build/$cc"
  rm -rf "$t"
  log "$cc: building the PGO tree of $(( programs * per )) training tests (log: $t.log)"
  if ! { cmake -S "$src" -B "$t" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$(c_compiler "$cc")" \
           -DPGO=ON -DPGO_VERBOSE=ON "-DCMAKE_PROJECT_INCLUDE=$root/modules/PGO.cmake" \
           "-DPGO_HELPER=$helper_dir/pgo-helper" '-DPGO_TRAINING_TESTS=^train-' &&
         cmake --build "$t"; } > "$t.log" 2>&1; then
    tail -40 "$t.log" >&2
    log "$cc: the build failed"
    exit 1
  fi
  # The summary's command line as the build runs it (a shell line of build.ninja).
  line=$(grep -o "[^ ]*pgo-helper summary [^&]*" "$t/build.ninja" | head -1)
  [ -n "$line" ] || { log "$cc: no summary command in $t/build.ninja"; exit 1; }
  with_v=$(timed_median sh -c "$line")
  without_v=$(timed_median sh -c "$(printf '%s' "$line" | sed 's/ -v / /')")
  sh -c "$line" 2> /dev/null > "$t.summary" || true
  echo "== $cc: $(grep -c '^ *[0-9.-]* *[0-9]* *[<>0-9.]*% ' "$t.summary") rows in the per-test table; summary -v ${with_v} s, without -v ${without_v} s (medians of $runs runs)"
  grep -E '^  (test profiles|generalizes|cheapest set) ' "$t.summary"
  grep -A1 '^  cheapest set ' "$t.summary" | sed -n 2p | cut -c1-160
done
