#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Choosing the training (not a test): what the toolkit's summary -v says of
# each training test, and whether the set it picks, or the weights it fits,
# do the job on a load that did not choose them.  For each project and
# compiler, from empty folders:
#   fmt      Debian bookworm's fmtlib, trained by its 14 GoogleTest programs
#            but format-test (PGO_TRAINING_TESTS, one CTest test each); the
#            unseen load is format-test, run once under cachegrind.
#   json-c   Debian bookworm's json-c, trained by every one of its CTest
#            tests (PGO_TRAINING_TESTS=.); the unseen load is json_parse on
#            a generated document (tests/integration/projects/json-c.sh's
#            small workload), which no test runs.
#   interp   examples/interp, its five pgo_add_training programs, with
#            PGO_BENCHMARK_COMMAND naming one benchmark program (--tune,
#            default sieve): the weights are fit to that load; the judging
#            loads are the others (--judge, default "queens json binarytrees
#            mandelbrot"), at the sizes of stats.sh's interp_small_args.
# Trees:
#   full     -DPGO=ON -DPGO_VERBOSE=ON with the whole training; its build
#            prints the per-test table, the generalizes line, the cheapest
#            set (and for interp the weights), each with a PGO_TRAINING_SET
#            value.
#   cheapest-set, for-the-load, weights
#            the same with -DPGO_TRAINING_SET=<the value printed under that
#            line> (PGO_TRAINING_TESTS cleared: the set replaces the
#            training); the last two with a benchmark only (interp).
# Then the unseen load's instructions on each tree's optimized program
# (valgrind --tool=cachegrind --cache-sim=no, summed over its processes), and
# their ratio to the full tree's.  The bounds are printed beside them as ok
# or over: a chosen set at most 0.5% above the full training's count, the
# weighted build at most 0.2% above the unweighted one.  A cheapest set that
# is the whole training builds no tree.  No figure is asserted.
#
#   tests/benchmark/choose-training.sh [--projects "fmt json-c interp"]
#       [--compilers "gcc-12 clang-19"] [--build-dir DIR] [--jobs 2]
#       [--tune sieve] [--judge "queens json binarytrees mandelbrot"]
set -euo pipefail

me=choose-training.sh
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/integration/lib.sh"
. "$root/tests/benchmark/stats.sh"

projects="fmt json-c interp"
compilers="gcc-12 clang-19"
build="$root/build/bench-choose"
jobs=2
tune=sieve
judges="queens json binarytrees mandelbrot"

while [ $# -gt 0 ]; do
  case "$1" in
    --projects) projects="$2"; shift 2 ;;
    --compilers) compilers="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --tune) tune="$2"; shift 2 ;;
    --judge) judges="$2"; shift 2 ;;
    -h|--help) sed -n '3,37p' "$0"; exit 0 ;;
    *) echo "$me: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$jobs" in ''|*[!0-9]*|0) echo "$me: --jobs needs a number > 0" >&2; exit 2 ;; esac
for project in $projects; do
  case "$project" in
    fmt|json-c|interp) ;;
    *) echo "$me: unknown project '$project': fmt, json-c or interp" >&2; exit 2 ;;
  esac
done
for b in "$tune" $judges; do
  [ -n "$(interp_small_args "$b")" ] ||
    { echo "$me: unknown interp benchmark '$b': binarytrees, json, mandelbrot, queens or sieve" >&2; exit 2; }
done
case " $judges " in *" $tune "*) echo "$me: --judge must not name the --tune load" >&2; exit 2 ;; esac
mkdir -p "$build"
build=$(cd "$build" && pwd)
workload="$root/tests/integration/workload.sh"
export CMAKE_BUILD_PARALLEL_LEVEL=$jobs

log() { printf '%s\n' "$me: $*" >&2; }

# build_tree TREE LOG ARG...: configures and builds a -DPGO=ON tree of $src.
build_tree() {
  local t=$1 l=$2
  shift 2
  rm -rf "$t"
  if ! { cmake -S "$src" -B "$t" "${common[@]}" -DPGO=ON -DPGO_VERBOSE=ON "-DPGO_HELPER=$helper" "$@" &&
         cmake --build "$t"; } > "$l" 2>&1; then
    tail -40 "$l" >&2
    log "failed: the tree $t (log: $l)"
    exit 1
  fi
}

# set_value LOG WHAT: the PGO_TRAINING_SET value printed under the summary's
# line WHAT ("cheapest set", "for the load" or "weights"), without its
# quotes; nothing when the next line is another.
set_value() {
  awk -v what="$2" '
    index($0, "  " what " ") == 1 { want = 1; next }
    want && /-DPGO_TRAINING_SET=/ { sub(/.*-DPGO_TRAINING_SET=\047/, ""); sub(/\047$/, ""); print; exit }
    want && /^  [^ ]/ { exit }' "$1"
}

# load_instructions TREE LOAD: the unseen load's instructions on TREE (LOAD:
# an interp benchmark, or "small" for the project's small workload).
load_instructions() {
  local out
  out=$(mktemp -d)
  case "$project" in
    interp)
      # shellcheck disable=SC2046
      valgrind --tool=cachegrind --cache-sim=no --log-file=/dev/null "--cachegrind-out-file=$out/cg.%p" \
        "$1/interp" "$root/examples/interp/bench/$2.lang" $(interp_small_args "$2") > /dev/null ;;
    *)
      (cd "$1" && RUN="valgrind --tool=cachegrind --cache-sim=no --log-file=/dev/null --cachegrind-out-file=$out/cg.%p" \
         bash "$workload" "$project" small "$data") ;;
  esac
  instructions_of "$out"/cg.*
  rm -rf "$out"
}

pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.2f%%", 100 * (a / b - 1) }'; }
within() { awk -v a="$1" -v b="$2" -v lo="$3" -v hi="$4" 'BEGIN { d = 100 * (a / b - 1); print (d >= lo && d <= hi) ? "ok" : "over" }'; }

helper_dir="$build/helper"
log "building pgo-helper in $helper_dir"
{ cmake -S "$root/helper" -B "$helper_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPGO_HELPER_TESTS=OFF &&
  cmake --build "$helper_dir"; } > "$build/helper.log" 2>&1 ||
  { tail -30 "$build/helper.log" >&2; log "building pgo-helper failed"; exit 1; }
helper="$helper_dir/pgo-helper"

rows=()
for project in $projects; do
  for cc in $compilers; do
    b="$build/$cc/$project"
    mkdir -p "$b"
    common=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$(c_compiler "$cc")"
            "-DCMAKE_CXX_COMPILER=$(cxx_compiler "$cc")")
    case "$project" in
      interp)
        src="$root/examples/interp"
        tuned=(-DPGO_BENCHMARK_COMMAND="interp $root/examples/interp/bench/$tune.lang $(interp_small_args "$tune")")
        whole=("${tuned[@]}")
        read -r -a loads <<< "$judges" ;;
      *)
        prepare_project "$project" "$build"
        mapfile -t -O ${#common[@]} common < <(project_args "$cc")
        common+=("-DCMAKE_PROJECT_INCLUDE=$root/modules/PGO.cmake")
        tuned=()
        loads=(small)
        case "$project" in
          fmt) whole=("-DPGO_TRAINING_TESTS=$P_TESTS") ;;
          json-c) whole=(-DPGO_TRAINING_TESTS=.) ;;
        esac ;;
    esac

    log "$project/$cc: the whole training (log: $b/full.log)"
    build_tree "$b/full" "$b/full.log" "${whole[@]}"
    sed -n '/training tests what each adds/,/^objects:/p' "$b/full.log" | sed '$d' > "$b/choice.txt"
    cat "$b/choice.txt" >&2
    grep -q '^  cheapest set' "$b/choice.txt" || { log "$project/$cc: no cheapest set line in $b/full.log"; exit 1; }
    declare -A full_i=()
    for l in "${loads[@]}"; do full_i[$l]=$(load_instructions "$b/full" "$l"); done
    # Each choice the summary printed a value for: a tree trained with it.
    for what in "cheapest set" "for the load" "weights"; do
      line=$(grep "^  $what " "$b/choice.txt" | sed "s/^  $what *//") || continue
      value=$(set_value "$b/choice.txt" "$what")
      name=${what// /-}
      if [ -z "$value" ]; then
        rows+=("| $project | $cc | $what | $line | ${full_i[${loads[0]}]} | - | - | - |")
        continue
      fi
      log "$project/$cc: $what, -DPGO_TRAINING_SET='$value' (log: $b/$name.log)"
      build_tree "$b/$name" "$b/$name.log" "${tuned[@]}" -DPGO_TRAINING_TESTS= "-DPGO_TRAINING_SET=$value"
      # The cheapest set may run at most 0.5% more instructions than the whole
      # training, the weights 0.2% more than none.
      limit=0.5
      [ "$what" != weights ] || limit=0.2
      for l in "${loads[@]}"; do
        chosen_i=$(load_instructions "$b/$name" "$l")
        label=$what
        [ "$project" != interp ] || label="$what (tuned on $tune, judged on $l)"
        rows+=("| $project | $cc | $label | $line; \`$value\` | ${full_i[$l]} | $chosen_i | $(pct "$chosen_i" "${full_i[$l]}") | $(within "$chosen_i" "${full_i[$l]}" -100 "$limit") (+$limit%) |")
      done
    done
  done
done

echo
echo "| project | compiler | choice | what the summary printed | load instructions, whole training | load instructions, chosen | chosen vs whole | bound |"
echo "|---|---|---|---|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
