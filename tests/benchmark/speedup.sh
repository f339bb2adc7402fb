#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The benchmark (not a test): builds the bundled interpreter example as plain
# Release and with PGO, each without and with LTO, from the same sources and
# flags (pgo: -DPGO_LTO=OFF; pgo-lto: the toolkit's default -DPGO=ON, whose
# LTO is CMake's IPO, as release-lto's -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON),
# then runs the benchmark workloads (not the training ones) interleaved and
# prints, per compiler and workload, the median wall time of each build, the
# median of the per-round ratios with its spread, and the instructions that
# cachegrind counts (repeatable, unlike wall time on this machine).
#
#   tests/benchmark/speedup.sh [--compilers "clang-19 gcc-12"] [--rounds N]
#                              [--no-lto] [--no-count] [--build-dir DIR]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/benchmark/stats.sh"
example="$root/examples/interp"
compilers="clang-19 gcc-12"
rounds=7
lto=1
count=1
build="$root/build/bench"

while [ $# -gt 0 ]; do
  case "$1" in
    --compilers) compilers="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --no-lto) lto=0; shift ;;
    --no-count) count=0; shift ;;
    --build-dir) build="$2"; shift 2 ;;
    -h|--help) sed -n '3,11p' "$0"; exit 0 ;;
    *) echo "speedup.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$rounds" in ''|*[!0-9]*|0) echo "speedup.sh: --rounds needs a number > 0" >&2; exit 2 ;; esac

variants="release pgo"
[ "$lto" = 1 ] && variants="$variants release-lto pgo-lto"
workloads=("$example"/bench/*.lang)
[ -e "${workloads[0]}" ] || { echo "speedup.sh: no workloads in $example/bench" >&2; exit 1; }

log() { printf '%s\n' "speedup.sh: $*" >&2; }

# Configures and builds VARIANT of the example with compiler CC.
build_variant() {
  local cc=$1 variant=$2 dir=$3
  local args=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$cc"
              "-DCMAKE_MODULE_PATH=$root/modules")
  case "$variant" in
    release) args+=(-DPGO=OFF) ;;
    release-lto) args+=(-DPGO=OFF -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON) ;;
    pgo) args+=(-DPGO=ON -DPGO_LTO=OFF) ;;
    pgo-lto) args+=(-DPGO=ON) ;;   # the default: LTO (PGO_LTO)
  esac
  log "building $variant with $cc in $dir"
  cmake -S "$example" -B "$dir" "${args[@]}" > "$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log" >&2; exit 1; }
  cmake --build "$dir" > "$dir.build.log" 2>&1 || { cat "$dir.build.log" >&2; exit 1; }
  case "$variant" in pgo*) grep -A6 'pgo-helper: summary' "$dir.build.log" >&2 || true ;; esac
}


for cc in $compilers; do
  if ! command -v "$cc" > /dev/null; then
    log "skipping $cc: not installed"
    continue
  fi
  declare -A exe=()
  for v in $variants; do
    dir="$build/$cc/$v"
    mkdir -p "$dir"
    build_variant "$cc" "$v" "$dir"
    exe[$v]="$dir/interp"
    [ -x "${exe[$v]}" ] || { log "no interp built in $dir"; exit 1; }
  done

  tmp=$(mktemp -d)
  log "$cc: $rounds interleaved rounds over ${#workloads[@]} workloads"
  for ((r = 0; r < rounds; r++)); do
    for w in "${workloads[@]}"; do
      name=$(basename "$w" .lang)
      # Rotate the order every round so that no build always runs first.
      set -- $variants
      for ((k = 0; k < r % $#; k++)); do set -- "${@:2}" "$1"; done
      for v in "$@"; do
        t0=$(now_ns)
        "${exe[$v]}" "$w" > /dev/null
        t1=$(now_ns)
        echo "$(( (t1 - t0) / 1000 ))" >> "$tmp/$name.$v.$r"
      done
    done
  done

  echo
  echo "== $cc: wall time, median of $rounds interleaved rounds (ms); ratio = plain / PGO (>1: PGO faster)"
  printf '%-14s' workload
  for v in $variants; do printf '%12s' "$v"; done
  printf '%22s' "PGO ratio [min-max]"
  [ "$lto" = 1 ] && printf '%26s' "PGO+LTO ratio [min-max]"
  echo
  for w in "${workloads[@]}"; do
    name=$(basename "$w" .lang)
    printf '%-14s' "$name"
    for v in $variants; do
      m=$(cat "$tmp/$name.$v".* | median)
      printf '%12.1f' "$(div "$m" 1000)"
    done
    for pair in "release pgo" "release-lto pgo-lto"; do
      set -- $pair
      [ -e "$tmp/$name.$2.0" ] || continue
      for ((r = 0; r < rounds; r++)); do
        echo "$(cat "$tmp/$name.$1.$r") $(cat "$tmp/$name.$2.$r")" | awk '{ printf "%.4f\n", $1 / $2 }'
      done > "$tmp/ratios"
      med=$(median < "$tmp/ratios")
      lo=$(sort -g "$tmp/ratios" | head -1)
      hi=$(sort -g "$tmp/ratios" | tail -1)
      printf '%10.3f [%.2f-%.2f]' "$med" "$lo" "$hi"
      [ "$2" = pgo ] && printf '   '
    done
    echo
  done

  if [ "$count" = 1 ] && command -v valgrind > /dev/null; then
    echo
    echo "== $cc: instructions (valgrind --tool=cachegrind --cache-sim=no) on smaller inputs, millions; ratio = plain / PGO"
    printf '%-14s' workload
    for v in $variants; do printf '%12s' "$v"; done
    printf '%10s' "PGO ratio"
    [ "$lto" = 1 ] && printf '%25s%22s' "PGO+LTO ratio" "release/pgo-lto"
    echo
    for w in "${workloads[@]}"; do
      name=$(basename "$w" .lang)
      # The counts run two at a time: they do not depend on the load.
      for v in $variants; do
        valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
          "${exe[$v]}" "$w" $(interp_small_args "$name") 2> "$tmp/$name.$v.ir" > /dev/null &
        [ "$(jobs -r | wc -l)" -ge 2 ] && wait -n
      done
    done
    wait
    for w in "${workloads[@]}"; do
      name=$(basename "$w" .lang)
      printf '%-14s' "$name $(interp_small_args "$name")"
      declare -A ir=()
      for v in $variants; do
        ir[$v]=$(awk '/I *refs:/ { gsub(",", "", $NF); print $NF }' "$tmp/$name.$v.ir")
        [ -n "${ir[$v]}" ] || { cat "$tmp/$name.$v.ir" >&2; log "cachegrind failed"; exit 1; }
        printf '%12.1f' "$(div "${ir[$v]}" 1000000)"
      done
      printf '%10.3f' "$(div "${ir[release]}" "${ir[pgo]}")"
      [ "$lto" = 1 ] && printf '%25.3f%22.3f' "$(div "${ir[release-lto]}" "${ir[pgo-lto]}")" \
        "$(div "${ir[release]}" "${ir[pgo-lto]}")"
      echo
      unset ir
    done
  fi
  rm -rf "$tmp"
  unset exe
done
