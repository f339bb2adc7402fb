#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The ranking check of the benchmark's figures (not a test): do instructions, and
# the cycle estimate that pgo-benchmark and PGO_GUARD decide by, order builds the
# way wall time does?  It builds examples/interp six ways, all from the same
# sources, with one compiler:
#   plain   -DPGO=OFF                                 (plain Release)
#   lto     -DPGO=OFF -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON
#   twin    -DPGO=OFF -D_PGO_TWIN=ON   (the toolkit's build without the profile)
#   pgo     -DPGO=ON
#   cspgo   -DPGO=ON -DPGO_CSPGO=ON                   (Clang only)
#   bolt    -DPGO=ON -DPGO_BOLT=ON
# then, for each of the interpreter's five benchmarks at tests/benchmark/stats.sh's
# small sizes (the sizes the figures are counted on):
#   - wall time: a warm-up run, then N interleaved rounds (every build once a round,
#     the order rotated), the median of each build;
#   - instructions and the cycle estimate, from one run under
#     valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes with the caches
#     pgo-benchmark fixes, by the formula it documents:
#     Ir + 10 (I1 + D1 misses) + 100 (LL misses) + 15 mispredicted branches.
# It prints the table, and per benchmark the Spearman rank correlation of each
# figure with the wall-time medians over the builds (1: the same order), with
# their mean.  Run it on an idle machine: wall time is what it checks against.
#
#   tests/benchmark/ranking.sh [--compiler clang-19] [--rounds 11] [--build-dir DIR]
#       [--keep-builds]
set -euo pipefail

me=ranking.sh
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/benchmark/stats.sh"
. "$root/tests/integration/lib.sh"

cc=clang-19
rounds=11
keep=0
build="$root/build/bench-ranking"

while [ $# -gt 0 ]; do
  case "$1" in
    --compiler) cc="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --keep-builds) keep=1; shift ;;
    -h|--help) sed -n '3,26p' "$0"; exit 0 ;;
    *) echo "$me: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$rounds" in ''|*[!0-9]*|0) echo "$me: --rounds needs a number > 0" >&2; exit 2 ;; esac
command -v "$cc" > /dev/null || { echo "$me: $cc is not installed" >&2; exit 1; }
command -v valgrind > /dev/null || { echo "$me: valgrind is not installed" >&2; exit 1; }
mkdir -p "$build"
build=$(cd "$build" && pwd)
log() { printf '%s\n' "$me: $*" >&2; }

builds="plain lto twin pgo cspgo bolt"
case "$cc" in gcc*) builds="plain lto twin pgo bolt" ;; esac   # CSPGO is Clang's

build_args() {
  case "$1" in
    plain) echo -DPGO=OFF ;;
    lto) echo -DPGO=OFF -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON ;;
    twin) echo -DPGO=OFF -D_PGO_TWIN=ON ;;
    pgo) echo -DPGO=ON ;;
    cspgo) echo -DPGO=ON -DPGO_CSPGO=ON ;;
    bolt) echo -DPGO=ON -DPGO_BOLT=ON ;;
  esac
}

b="$build/$cc"
for v in $builds; do
  [ "$keep" = 1 ] && [ -e "$b/$v.built" ] && continue
  rm -rf "$b/$v" "$b/$v.built"
  mkdir -p "$b"
  read -r -a args <<< "$(build_args "$v")"
  log "building $v in $b/$v"
  if ! { cmake -B "$b/$v" -S "$root/examples/interp" -G Ninja -DCMAKE_BUILD_TYPE=Release \
           "-DCMAKE_C_COMPILER=$(c_compiler "$cc")" "-DCMAKE_MODULE_PATH=$root/modules" \
           "${args[@]}" && cmake --build "$b/$v"; } > "$b/$v.log" 2>&1; then
    tail -40 "$b/$v.log" >&2
    log "building $v failed (log: $b/$v.log)"
    exit 1
  fi
  touch "$b/$v.built"
done

names=$(for w in "$root"/examples/interp/bench/*.lang; do basename "$w" .lang; done)
run() {   # run BUILD NAME [PREFIX...]
  local v=$1 name=$2 args
  shift 2
  read -r -a args <<< "$(interp_small_args "$name")"
  "$@" "$b/$v/interp" "$root/examples/interp/bench/$name.lang" "${args[@]}" > /dev/null
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The counts first, two at a time: valgrind's figures do not depend on the load.
log "counting under cachegrind (simulated caches and branches)"
for name in $names; do
  for v in $builds; do
    run "$v" "$name" valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes \
      --I1=32768,8,64 --D1=32768,8,64 --LL=8388608,16,64 \
      "--cachegrind-out-file=$tmp/cg.$name.$v" 2> /dev/null &
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n; done
  done
done
wait
for name in $names; do
  for v in $builds; do
    # events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim
    awk '/^events:/ { for (i = 2; i <= NF; i++) col[$i] = i - 1 }
         /^summary:/ { split($0, s, " ")
           ir = s[col["Ir"] + 1]
           l1 = s[col["I1mr"] + 1] + s[col["D1mr"] + 1] + s[col["D1mw"] + 1]
           ll = s[col["ILmr"] + 1] + s[col["DLmr"] + 1] + s[col["DLmw"] + 1]
           bm = s[col["Bcm"] + 1] + s[col["Bim"] + 1]
           printf "%.0f %.0f\n", ir, ir + 10 * l1 + 100 * ll + 15 * bm }' \
      "$tmp/cg.$name.$v" > "$tmp/fig.$name.$v"
  done
done

log "wall time: a warm-up run, then $rounds interleaved rounds"
for name in $names; do
  for v in $builds; do run "$v" "$name"; done
  for ((r = 0; r < rounds; r++)); do
    for v in $(rotated "$r" $builds); do
      t0=$(now_ns)
      run "$v" "$name"
      t1=$(now_ns)
      echo "$(( (t1 - t0) / 1000 ))" >> "$tmp/wall.$name.$v"
    done
  done
done

# spearman FILE: the rank correlation of columns 1 and 2 of FILE (ties get their mean rank).
spearman() {
  awk '
    function ranks(col, r,   i, j, k, n2, idx, tmp) {
      for (i = 1; i <= n; i++) idx[i] = i
      for (i = 2; i <= n; i++)            # insertion sort of the indices by value
        for (j = i; j > 1 && v[idx[j - 1], col] > v[idx[j], col]; j--) {
          tmp = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = tmp
        }
      for (i = 1; i <= n; i = j) {
        for (j = i; j <= n && v[idx[j], col] == v[idx[i], col]; j++) ;
        for (k = i; k < j; k++) r[idx[k]] = (i + j - 1) / 2
      }
    }
    { n++; v[n, 1] = $1; v[n, 2] = $2 }
    END {
      ranks(1, a); ranks(2, b)
      for (i = 1; i <= n; i++) { ma += a[i] / n; mb += b[i] / n }
      for (i = 1; i <= n; i++) {
        sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ^ 2; sbb += (b[i] - mb) ^ 2
      }
      printf "%.3f\n", (saa && sbb) ? sab / sqrt(saa * sbb) : 0
    }' "$1"
}

echo
echo "== examples/interp, $cc: wall time (median of $rounds interleaved rounds, ms),"
echo "   instructions and cycle estimate (millions; one run under cachegrind with simulated"
echo "   caches and branch predictor), each benchmark at its small size"
printf '%-12s%-7s%10s%14s%14s\n' benchmark build wall instructions cycles
sum_i=0 sum_c=0 n=0
for name in $names; do
  : > "$tmp/rank.i" ; : > "$tmp/rank.c"
  for v in $builds; do
    w=$(div "$(median < "$tmp/wall.$name.$v")" 1000)
    read -r ir cyc < "$tmp/fig.$name.$v"
    printf '%-12s%-7s%10.1f%14.2f%14.2f\n' "$name" "$v" "$w" "$(div "$ir" 1000000)" "$(div "$cyc" 1000000)"
    echo "$w $ir" >> "$tmp/rank.i"
    echo "$w $cyc" >> "$tmp/rank.c"
  done
  ri=$(spearman "$tmp/rank.i")
  rc=$(spearman "$tmp/rank.c")
  printf '%-12sSpearman with wall time: instructions %s, cycle estimate %s\n' "$name" "$ri" "$rc"
  sum_i=$(awk -v a="$sum_i" -v b="$ri" 'BEGIN { print a + b }')
  sum_c=$(awk -v a="$sum_c" -v b="$rc" 'BEGIN { print a + b }')
  n=$((n + 1))
done
printf 'mean over %d benchmarks: Spearman of instructions %.3f, of the cycle estimate %.3f\n' \
  "$n" "$(div "$sum_i" "$n")" "$(div "$sum_c" "$n")"
