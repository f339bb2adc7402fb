#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The benchmark of the profile-guided stages (not a test): builds a program
# plain Release and with each stage the toolkit offers, from the same sources
# and flags, all through the toolkit's own options:
#   plain   -DPGO=OFF
#   pgo     -DPGO=ON
#   cspgo   -DPGO=ON -DPGO_CSPGO=ON                  (Clang only)
#   bolt    -DPGO=ON -DPGO_BOLT=ON
#   all     -DPGO=ON -DPGO_CSPGO=ON -DPGO_BOLT=ON     (Clang only)
# then runs benchmark workloads (not the training ones) interleaved, the order
# rotated every round, and prints per workload the median wall time of each
# build, the median of the per-round ratios plain / build and build / the stage
# below it (what the stage adds) with their ranges, and the instructions that
# cachegrind counts on smaller inputs (repeatable; BOLT's gains are in code
# layout, which instruction counts do not show).
#
#   tests/benchmark/stages.sh [--programs "interp zstd"] [--compilers "clang-19 gcc-12"]
#       [--stages "pgo cspgo bolt all"] [--rounds N] [--no-count] [--build-dir DIR]
#       [--keep-builds]
#
# --keep-builds measures again the builds an earlier run left in DIR (a run
# on a busy machine, measured again when it is idle).
#
# interp is examples/interp; zstd is Debian bookworm's source package, built
# with the zero-edit include as tests/benchmark/real-projects.sh does.
set -euo pipefail

me=stages.sh
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/benchmark/stats.sh"
. "$root/tests/integration/lib.sh"

programs="interp zstd"
compilers="clang-19 gcc-12"
stages="pgo cspgo bolt all"
rounds=7
count=1
keep=0
build="$root/build/bench-stages"

while [ $# -gt 0 ]; do
  case "$1" in
    --programs) programs="$2"; shift 2 ;;
    --compilers) compilers="$2"; shift 2 ;;
    --stages) stages="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --no-count) count=0; shift ;;
    --build-dir) build="$2"; shift 2 ;;
    --keep-builds) keep=1; shift ;;
    -h|--help) sed -n '3,27p' "$0"; exit 0 ;;
    *) echo "$me: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$rounds" in ''|*[!0-9]*|0) echo "$me: --rounds needs a number > 0" >&2; exit 2 ;; esac
for s in $stages; do
  case "$s" in pgo|cspgo|bolt|all) ;; *) echo "$me: unknown stage '$s' (pgo, cspgo, bolt, all)" >&2; exit 2 ;; esac
done
mkdir -p "$build"
build=$(cd "$build" && pwd)
workload="$root/tests/integration/workload.sh"

log() { printf '%s\n' "$me: $*" >&2; }

# stage_args STAGE: the toolkit's options of STAGE.
stage_args() {
  case "$1" in
    plain) echo -DPGO=OFF ;;
    pgo) echo -DPGO=ON ;;
    cspgo) echo -DPGO=ON -DPGO_CSPGO=ON ;;
    bolt) echo -DPGO=ON -DPGO_BOLT=ON ;;
    all) echo -DPGO=ON -DPGO_CSPGO=ON -DPGO_BOLT=ON ;;
  esac
}

# below STAGE: the built stage STAGE adds to ("what it adds" is measured against it):
# all is BOLT over CSPGO, or CSPGO over BOLT when CSPGO alone was not built.
below() {
  case "$1" in
    pgo) echo plain ;;
    cspgo|bolt) echo pgo ;;
    all)
      case " $variants " in
        *" cspgo "*) echo cspgo ;;
        *" bolt "*) echo bolt ;;
        *) echo pgo ;;
      esac ;;
  esac
}

# build_stage CC STAGE DIR: configures and builds the loaded program, or stops with its log.
build_stage() {
  local cc=$1 stage=$2 dir=$3 args
  read -r -a args <<< "$(stage_args "$stage")"
  log "$prog/$cc: building $stage in $dir"
  local common=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$(c_compiler "$cc")"
                "-DCMAKE_CXX_COMPILER=$(cxx_compiler "$cc")")
  if [ "$prog" = interp ]; then
    common+=(-S "$root/examples/interp" "-DCMAKE_MODULE_PATH=$root/modules")
  else
    mapfile -t -O ${#common[@]} common < <(project_args "$cc")
    common+=(-S "$src" "-DCMAKE_PROJECT_INCLUDE=$root/modules/PGO.cmake"
             "-DPGO_TRAINING_COMMAND=bash \"$workload\" $prog train \"$data\"")
  fi
  if ! { cmake -B "$dir" "${common[@]}" "${args[@]}" && cmake --build "$dir"; } > "$dir.log" 2>&1; then
    tail -60 "$dir.log" >&2
    log "building $stage failed (log: $dir.log)"
    exit 1
  fi
  sed -n '/^pgo-helper: summary/,/^  warnings/p;/^pgo-helper: bolt:/p' "$dir.log" >&2
}

# workloads: the names of the loaded program's bench workloads.
workloads() {
  if [ "$prog" = interp ]; then
    for w in "$root"/examples/interp/bench/*.lang; do basename "$w" .lang; done
  else
    echo bench
  fi
}

# run_workload DIR NAME [small]: runs workload NAME on the build in DIR.
run_workload() {
  local dir=$1 name=$2 small=${3:-}
  if [ "$prog" = interp ]; then
    local args=()
    [ -n "$small" ] && read -r -a args <<< "$(interp_small_args "$name")"
    $RUN "$dir/interp" "$root/examples/interp/bench/$name.lang" "${args[@]}" > /dev/null
  else
    (cd "$dir" && bash "$workload" "$prog" "${small:-bench}" "$data") > /dev/null
  fi
}

for prog in $programs; do
  case "$prog" in
    interp) ;;
    *)
      prepare_project "$prog" "$build" ;;
  esac

  for cc in $compilers; do
    if ! command -v "$cc" > /dev/null; then
      log "skipping $cc: not installed"
      continue
    fi
    variants=plain
    for s in $stages; do
      case "$cc:$s" in gcc*:cspgo|gcc*:all) continue ;; esac   # CSPGO is Clang's
      variants="$variants $s"
    done
    b="$build/$cc/$prog"
    if [ "$keep" = 1 ]; then
      for v in $variants; do
        [ -e "$b/$v.built" ] || { log "--keep-builds: no finished $v build in $b"; exit 1; }
      done
    else
      rm -rf "$b"
      mkdir -p "$b"
      for v in $variants; do build_stage "$cc" "$v" "$b/$v" && touch "$b/$v.built"; done
    fi

    tmp=$(mktemp -d)
    RUN=
    log "$prog/$cc: a warm-up run, then $rounds interleaved rounds"
    for name in $(workloads); do
      for v in $variants; do run_workload "$b/$v" "$name"; done
      for ((r = 0; r < rounds; r++)); do
        for v in $(rotated "$r" $variants); do
          t0=$(now_ns)
          run_workload "$b/$v" "$name"
          t1=$(now_ns)
          echo "$(( (t1 - t0) / 1000 ))" > "$tmp/$name-$v.$r"
        done
      done
    done

    echo
    echo "== $prog, $cc: wall time, median of $rounds interleaved rounds (ms);"
    echo "   'vs plain' = plain / build, 'adds' = the stage below / build (>1: faster), [min-max] of the rounds"
    for name in $(workloads); do
      printf '%-12s%-7s%10s%24s%24s\n' "$name" build "median" "vs plain" "adds"
      for v in $variants; do
        printf '%-12s%-7s%10.1f' "" "$v" "$(div "$(cat "$tmp/$name-$v".* | median)" 1000)"
        if [ "$v" != plain ]; then
          printf '%24s' "$(ratio_cell "$tmp" "$name-plain" "$name-$v")"
          [ "$(below "$v")" != plain ] && printf '%24s' "$(ratio_cell "$tmp" "$name-$(below "$v")" "$name-$v") over $(below "$v")"
        fi
        echo
      done
    done

    if [ "$count" = 1 ] && command -v valgrind > /dev/null; then
      echo
      echo "== $prog, $cc: instructions on smaller inputs (valgrind --tool=cachegrind --cache-sim=no), millions; ratios as above"
      for name in $(workloads); do
        declare -A ir=()
        for v in $variants; do
          rm -f "$tmp"/cg.*
          RUN="valgrind --tool=cachegrind --cache-sim=no --log-file=/dev/null --cachegrind-out-file=$tmp/cg.%p" \
            run_workload "$b/$v" "$name" small
          ir[$v]=$(instructions_of "$tmp"/cg.*)
        done
        for v in $variants; do
          printf '%-12s%-7s%10.2f' "$name" "$v" "$(div "${ir[$v]}" 1000000)"
          if [ "$v" != plain ]; then
            printf '%12.3f' "$(div "${ir[plain]}" "${ir[$v]}")"
            [ "$(below "$v")" != plain ] && printf '%12.3f over %s' "$(div "${ir[$(below "$v")]}" "${ir[$v]}")" "$(below "$v")"
          fi
          echo
        done
        unset ir
      done
    fi
    rm -rf "$tmp"
  done
done
