#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The benchmark (not a test) of the linker's function ordering: builds the
# bundled interpreter with the toolkit's default (-DPGO=ON: ThinLTO and the
# profile) three times with one Clang, linked by GNU ld (the default), by lld
# with its call-graph-profile sort (lld's default when the objects carry the
# profile's call graph) and by lld with that sort off. Ordering is a layout
# effect, which instruction counts cannot see, so the script prints the
# median wall time of interleaved, rotated rounds and the median of the
# per-round ratios; the instructions beside them show the code is the same.
#
#   tests/benchmark/lld-layout.sh [--compiler clang-19] [--rounds N]
#                                 [--build-dir DIR]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/benchmark/stats.sh"
example="$root/examples/interp"
cc=clang-19
rounds=11
build="$root/build/lld-layout"

while [ $# -gt 0 ]; do
  case "$1" in
    --compiler) cc="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    -h|--help) sed -n '3,13p' "$0"; exit 0 ;;
    *) echo "lld-layout.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$rounds" in ''|*[!0-9]*|0) echo "lld-layout.sh: --rounds needs a number > 0" >&2; exit 2 ;; esac
log() { printf '%s\n' "lld-layout.sh: $*" >&2; }

command -v "$cc" > /dev/null || { log "$cc is not installed"; exit 1; }
major=${cc##*-}
lld="ld.lld-$major"
command -v "$lld" > /dev/null ||
  { log "$lld is not installed (apt-get install lld-$major)"; exit 1; }

variants="gnu-ld lld lld-nosort"
mkdir -p "$build"
for v in $variants; do
  dir="$build/$cc/$v"
  case "$v" in
    gnu-ld) link=() ;;
    lld) link=("-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld") ;;
    lld-nosort) link=("-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -Wl,--call-graph-profile-sort=none") ;;
  esac
  log "building $v in $dir"
  mkdir -p "$dir"
  cmake -S "$example" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    "-DCMAKE_C_COMPILER=$cc" "-DCMAKE_MODULE_PATH=$root/modules" -DPGO=ON "${link[@]}" \
    > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log" >&2; exit 1; }
  cmake --build "$dir" > "$dir.build.log" 2>&1 || { cat "$dir.build.log" >&2; exit 1; }
  [ -x "$dir/interp" ] || { log "no interp built in $dir"; exit 1; }
done

# The order the linkers gave the hottest functions: the sort moves them together.
echo "== $cc: text symbols in address order, first 12 of each build"
for v in $variants; do
  printf '%-11s %s\n' "$v" \
    "$(nm -n --defined-only "$build/$cc/$v/interp" | awk '$2 ~ /^[tT]$/ { print $3 }' | head -12 | tr '\n' ' ')"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
workloads=("$example"/bench/*.lang)
log "$rounds interleaved rounds over ${#workloads[@]} workloads"
for ((r = 0; r < rounds; r++)); do
  for w in "${workloads[@]}"; do
    name=$(basename "$w" .lang)
    for v in $(rotated "$r" $variants); do
      t0=$(now_ns)
      "$build/$cc/$v/interp" "$w" > /dev/null
      t1=$(now_ns)
      echo "$(( (t1 - t0) / 1000 ))" > "$tmp/$name-$v.$r"
    done
  done
done

echo
echo "== $cc: wall time, median of $rounds rounds (ms); ratio = gnu-ld / lld (>1: lld faster) [min-max]"
printf '%-12s%10s%10s%12s%24s%24s\n' workload gnu-ld lld lld-nosort "gnu-ld / lld" "lld-nosort / lld"
for w in "${workloads[@]}"; do
  name=$(basename "$w" .lang)
  printf '%-12s' "$name"
  for v in $variants; do
    printf '%10.1f' "$(div "$(cat "$tmp/$name-$v".* | median)" 1000)"
  done
  printf '  %22s  %22s\n' "$(ratio_cell "$tmp" "$name-gnu-ld" "$name-lld")" \
    "$(ratio_cell "$tmp" "$name-lld-nosort" "$name-lld")"
done

if command -v valgrind > /dev/null; then
  echo
  echo "== $cc: instructions (valgrind --tool=cachegrind --cache-sim=no) on smaller inputs, millions"
  printf '%-16s%10s%10s%12s\n' workload $variants
  for w in "${workloads[@]}"; do
    name=$(basename "$w" .lang)
    printf '%-16s' "$name $(interp_small_args "$name")"
    for v in $variants; do
      valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        "$build/$cc/$v/interp" "$w" $(interp_small_args "$name") > /dev/null 2> "$tmp/ir"
      printf '%10.2f' "$(div "$(awk '/I *refs:/ { gsub(",", "", $NF); print $NF }' "$tmp/ir")" 1000000)"
    done
    echo
  done
fi
