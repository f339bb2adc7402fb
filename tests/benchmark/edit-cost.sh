#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What a small edit costs (not a test): the rebuild of a -DPGO=ON tree after a
# one-line edit of one source, next to the rebuild of a plain Release tree
# with the same LTO.  For each project and compiler, from empty folders:
#   pgo      the toolkit's zero-edit build (-DPGO=ON
#            -DCMAKE_PROJECT_INCLUDE=modules/PGO.cmake -DPGO_HELPER=<prebuilt
#            helper> <training>), as tests/benchmark/pipeline-cost.sh builds it
#   plain    the project's Release build with CMake's IPO
#            (-DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON, CMP0069 NEW), the LTO
#            the toolkit puts on; no ThinLTO cache, as the PGO tree has none
#            (the toolkit's treatment of installed static libraries, Lto.cmake,
#            is not copied: json-c's static library only)
# then, in a copy of the sources that both trees build, the edits:
#   (a)      one line inserted at the start of the body of a function the
#            training runs, a declaration without a branch:
#              volatile int pgo_edit_probe __attribute__((unused)) = 0;
#            (the lines below it in that file move down by one)
#            json-c: json_tokener_parse_ex() in json_tokener.c (the parser's
#            loop, run by every training input); gen: s<N/2>_run() in
#            libs/l<K>/s<N/2>.c (run by the programs linking l<K>)
#   revert   the file as it was (rebuilt and measured too)
#   (b)      a new external function, called by nothing, appended at the end
#            of the same file (its prototype and body)
# After each of them both trees are rebuilt (cmake --build, timed with
# date +%s%N) and the steps ninja ran are counted from the lines that the
# rebuild added to .ninja_log (of the top tree, and for pgo of
# _pgo/instrumented/ too; a set difference with the log before it, which ninja
# may have compacted; an edge of several outputs counted once): compiles
# (rules *_COMPILER__*) and all steps.  After (a) and (b) a PGO tree of the
# edited sources is built from scratch in another folder, and its main files
# are compared with cmp to the rebuilt tree's (json-c: the shared library
# libjson-c.so.5.*, not json_parse, whose RUNPATH names its build tree; gen:
# every program); after revert, with the first from-scratch build of the
# same sources.  "yes" when all are byte-identical; else how many differ, and
# whether they are the same after strip (the symbol tables aside); and
# whether the two trees' merged profiles are the same (Clang: the functions,
# hashes and counts that llvm-profdata show prints; GCC: the .gcda files'
# bytes); when they are not, the training itself gave other counts (json-c's
# hash tables take a random seed at every run).
# Every build runs --jobs jobs (CMAKE_BUILD_PARALLEL_LEVEL, which the nested
# instrumented build inherits).  Prints a table, a Markdown one.  No figure
# is asserted.
#
#   tests/benchmark/edit-cost.sh [--projects "json-c gen"]
#       [--compilers "gcc-12 clang-19"] [--build-dir DIR] [--gen-sources N]
#       [--jobs 2]
#
# json-c is Debian bookworm's source package trained as real-projects.sh
# trains it (its workload and its test_parse test); gen is the project of
# tests/benchmark/gen-project.sh with N sources (default 1000, in N/12.5
# libraries and N/50 programs), trained by its train-* tests.
set -euo pipefail

me=edit-cost.sh
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/integration/lib.sh"
. "$root/tests/benchmark/stats.sh"

projects="json-c gen"
compilers="gcc-12 clang-19"
build="$root/build/bench-edit"
gen_sources=1000
jobs=2

while [ $# -gt 0 ]; do
  case "$1" in
    --projects) projects="$2"; shift 2 ;;
    --compilers) compilers="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --gen-sources) gen_sources="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '3,52p' "$0"; exit 0 ;;
    *) echo "$me: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$gen_sources" in ''|*[!0-9]*|0) echo "$me: --gen-sources needs a number > 0" >&2; exit 2 ;; esac
case "$jobs" in ''|*[!0-9]*|0) echo "$me: --jobs needs a number > 0" >&2; exit 2 ;; esac
mkdir -p "$build"
build=$(cd "$build" && pwd)
workload="$root/tests/integration/workload.sh"
export CMAKE_BUILD_PARALLEL_LEVEL=$jobs

log() { printf '%s\n' "$me: $*" >&2; }

# run_logged LOG COMMAND...: runs COMMAND with its output appended to LOG, and
# sets ms to its wall time in milliseconds; shows the log's end and stops if
# it fails.
run_logged() {
  local logf=$1 t0 rc=0
  shift
  t0=$(now_ns)
  "$@" >> "$logf" 2>&1 || rc=$?
  ms=$(( ($(now_ns) - t0) / 1000000 ))
  if [ "$rc" -ne 0 ]; then
    tail -40 "$logf" >&2
    log "failed ($rc): $* (log: $logf)"
    exit 1
  fi
}

# configure_pgo TREE LOG / configure_plain TREE LOG: the two trees' configure.
configure_pgo() {
  run_logged "$2" cmake -S "$src" -B "$1" "${common[@]}" -DPGO=ON \
    "-DCMAKE_PROJECT_INCLUDE=$root/modules/PGO.cmake" "-DPGO_HELPER=$helper" "${training[@]}"
}
configure_plain() {
  run_logged "$2" cmake -S "$src" -B "$1" "${common[@]}" -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON \
    -DCMAKE_POLICY_DEFAULT_CMP0069=NEW
}

# snapshot TREE NAME: a copy of TREE's .ninja_log (and of its instrumented
# tree's) before a rebuild.
snapshot() {
  cp "$1/.ninja_log" "$tmp/$2.top.log"
  if [ -e "$1/_pgo/instrumented/.ninja_log" ]; then
    cp "$1/_pgo/instrumented/.ninja_log" "$tmp/$2.inst.log"
  else
    : > "$tmp/$2.inst.log"
  fi
}

# new_edges TREE BEFORE: "compiles steps" of the lines of TREE/.ninja_log not
# in BEFORE (its copy before the rebuild), each edge once; the outputs of the
# steps that are not compiles go to $tmp/other.
new_edges() {
  local t=$1 before=$2
  [ -e "$t/.ninja_log" ] || { echo "0 0"; return; }
  awk -F'\t' -v other="$tmp/other" '
    FILENAME == ARGV[1] { i = index($0, ": "); rule[substr($0, 1, i - 1)] = substr($0, i + 2); next }
    FILENAME == ARGV[2] { old[$0] = 1; next }
    /^#/ || ($0 in old) { next }
    { key = $1 " " $2 " " $5; if (key in seen) next; seen[key] = 1
      steps++
      if (rule[$4] ~ /_COMPILER__/) compiles++
      else printf " %s", $4 >> other }
    END { printf "%d %d\n", compiles, steps }' \
    <(ninja -C "$t" -t targets all) "$before" "$t/.ninja_log"
}

# objects_of TREE: the number of compile steps of TREE.
objects_of() { ninja -C "$1" -t targets all | grep -c '_COMPILER__' || true; }

# main_files TREE: the files compared between trees, relative to TREE.
main_files() {
  case "$project" in
    json-c) (cd "$1" && compgen -G 'libjson-c.so.5.*') ;;
    gen) (cd "$1" && { compgen -G 'programs/prog[0-9]*' | grep -v '\.' || true; }) ;;
  esac
}

# same_files TREE REF: yes, or no and why: TREE's main files against REF's.
same_files() {
  local a=$1 ref=$2 f n=0 diff=0 sdiff=0
  for f in $(main_files "$a"); do
    n=$((n + 1))
    [ -e "$ref/$f" ] || { diff=$((diff + 1)); sdiff=$((sdiff + 1)); continue; }
    if ! cmp -s "$a/$f" "$ref/$f"; then
      diff=$((diff + 1))
      strip -o "$tmp/s1" "$a/$f"
      strip -o "$tmp/s2" "$ref/$f"
      cmp -s "$tmp/s1" "$tmp/s2" || sdiff=$((sdiff + 1))
    fi
  done
  if [ "$n" = 0 ]; then
    echo "none found"
  elif [ "$diff" = 0 ]; then
    echo "yes"
  elif [ "$sdiff" = 0 ]; then
    echo "no ($diff/$n differ; same after strip)"
  else
    echo "no ($sdiff/$n differ after strip)"
  fi
}

# profile_of TREE: TREE's merged profile, a file (Clang) or a folder of .gcda
# files (GCC, a symlink resolved).
profile_of() {
  if [ -e "$1/_pgo/profile.profdata" ]; then
    echo "$1/_pgo/profile.profdata"
  else
    readlink -f "$1/_pgo/gcda/profile"
  fi
}

# same_profile PROFILE REF: yes or no: the two profiles' functions, hashes
# and counts (Clang: llvm-profdata show, whose binary ids, the instrumented
# programs' build ids, differ from tree to tree), or their files' bytes (GCC).
same_profile() {
  local show
  if [ -f "$1" ]; then
    show=(llvm-profdata-"${cc#clang-}" show --all-functions --counts)
    if diff <("${show[@]}" "$1") <("${show[@]}" "$2") > /dev/null 2>&1; then echo yes; else echo no; fi
  elif diff -rq "$1" "$2" > /dev/null 2>&1; then
    echo yes
  else
    echo no
  fi
}

# rebuild EDIT: rebuilds both trees, plain first, and records the row of EDIT.
rebuild() {
  local e=$1 pc ps pms ic is oc os tms
  snapshot "$b/plain" plain
  snapshot "$b/pgo" pgo
  run_logged "$b/$e.plain.log" cmake --build "$b/plain"
  pms=$ms
  : > "$tmp/other"
  new_edges "$b/plain" "$tmp/plain.top.log" > "$tmp/counts"
  read -r pc ps < "$tmp/counts"
  echo "plain:$(cat "$tmp/other")" > "$tmp/$e.other"
  run_logged "$b/$e.pgo.log" cmake --build "$b/pgo"
  tms=$ms
  : > "$tmp/other"
  new_edges "$b/pgo" "$tmp/pgo.top.log" > "$tmp/counts"
  read -r oc os < "$tmp/counts"
  echo "pgo:$(cat "$tmp/other")" >> "$tmp/$e.other"
  : > "$tmp/other"
  new_edges "$b/pgo/_pgo/instrumented" "$tmp/pgo.inst.log" > "$tmp/counts"
  read -r ic is < "$tmp/counts"
  echo "pgo _pgo/instrumented:$(cat "$tmp/other")" >> "$tmp/$e.other"
  echo "$pc $ps $pms $ic $is $oc $os $tms" > "$tmp/$e.row"
  log "$project/$cc: $e: plain $pc compiles, $ps steps, $pms ms; pgo instrumented $ic compiles, $is steps;" \
    "optimized $oc compiles of $(objects_of "$b/pgo"), $os steps; $tms ms"
}

# scratch_same EDIT: a PGO tree of the current sources from scratch in
# $b/scratch, compared with the rebuilt tree.
scratch_same() {
  local e=$1
  rm -rf "$b/scratch"
  log "$project/$cc: $e: a PGO build from scratch of the same sources"
  configure_pgo "$b/scratch" "$b/$e.scratch.log"
  run_logged "$b/$e.scratch.log" cmake --build "$b/scratch"
  same_files "$b/pgo" "$b/scratch" > "$tmp/$e.same"
  same_profile "$(profile_of "$b/pgo")" "$(profile_of "$b/scratch")" > "$tmp/$e.profile"
  log "$project/$cc: $e: identical to scratch: $(cat "$tmp/$e.same"); the profile: $(cat "$tmp/$e.profile")"
}

# insert_probe FILE FUNCTION: edit (a), the probe after the line "{" that
# follows the line defining FUNCTION.
insert_probe() {
  local f=$1 fn=$2
  awk -v fn="$fn" '
    { print }
    armed && $0 ~ /^\{[ \t]*$/ { print "\tvolatile int pgo_edit_probe __attribute__((unused)) = 0;"; done = 1 }
    { armed = 0 }
    !done && $0 ~ ("^[A-Za-z].*[^A-Za-z0-9_]" fn "[(]") && $0 !~ /;[ \t]*$/ { armed = 1 }
    END { if (!done) exit 1 }' "$f" > "$f.new" || { log "no definition of $fn in $f"; exit 1; }
  mv "$f.new" "$f"
}

# append_function FILE: edit (b).
append_function() {
  printf '\nint pgo_edit_extra(int x);\nint pgo_edit_extra(int x)\n{\n\treturn x * 3 + 1;\n}\n' >> "$1"
}

table_rows=()
details=()
sec() { awk -v m="$1" 'BEGIN { printf "%.2f", m / 1000 }'; }

# Prebuilt helper, as pipeline-cost.sh's warm builds.
helper_dir="$build/helper"
if ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$root/helper" "$helper_dir/CMakeCache.txt" 2> /dev/null; then
  rm -rf "$helper_dir"
fi
log "building pgo-helper in $helper_dir"
{ cmake -S "$root/helper" -B "$helper_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPGO_HELPER_TESTS=OFF &&
  cmake --build "$helper_dir"; } > "$build/helper.log" 2>&1 ||
  { tail -30 "$build/helper.log" >&2; log "building pgo-helper failed"; exit 1; }
helper="$helper_dir/pgo-helper"

for project in $projects; do
  case "$project" in
    json-c)
      load_project json-c
      fetch_sources "$build/downloads" "$P_PACKAGE"
      unpack_source "$build/downloads" "$P_PACKAGE" "$build/src/json-c"
      pristine=$(cd "$build/src/json-c/$P_CMAKE_DIR" && pwd)
      data="$build/data/json-c"
      if [ ! -e "$data/.done" ]; then
        rm -rf "$data"
        mkdir -p "$data"
        log "json-c: generating the workload inputs in $data"
        p_corpus "$data"
        touch "$data/.done"
      fi
      training=("-DPGO_TRAINING_COMMAND=bash \"$workload\" json-c train \"$data\"" "-DPGO_TRAINING_TESTS=$P_TESTS")
      edit_file=json_tokener.c
      edit_fn=json_tokener_parse_ex
      title=json-c ;;
    gen)
      P_ARGS=()
      unset -f p_compiler_args
      pristine="$build/src/gen-$gen_sources"
      libs=$(( gen_sources * 2 / 25 )); [ "$libs" -ge 1 ] || libs=1
      progs=$(( gen_sources / 50 )); [ "$progs" -ge 1 ] || progs=1
      bash "$root/tests/benchmark/gen-project.sh" "$pristine" --sources "$gen_sources" --libs "$libs" --programs "$progs"
      i=$(( gen_sources / 2 ))
      edit_file=$(cd "$pristine" && compgen -G "libs/l*/s$i.c")
      edit_fn="s${i}_run"
      training=("-DPGO_TRAINING_TESTS=^train-")
      title="gen-$gen_sources" ;;
    *) log "unknown project '$project': json-c or gen"; exit 2 ;;
  esac

  for cc in $compilers; do
    if ! command -v "$cc" > /dev/null; then
      log "skipping $cc: not installed"
      continue
    fi
    b="$build/$cc/$project"
    rm -rf "$b"
    mkdir -p "$b"
    tmp=$(mktemp -d)
    # The sources both trees build, edited in place (the same path in every
    # tree, for the comparison with a build from scratch).
    src="$b/src"
    cp -a "$pristine" "$src"
    cp "$src/$edit_file" "$tmp/orig"
    common=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$(c_compiler "$cc")"
            "-DCMAKE_CXX_COMPILER=$(cxx_compiler "$cc")")
    mapfile -t -O ${#common[@]} common < <(project_args "$cc")

    log "$project/$cc: the PGO tree and the plain tree from scratch"
    configure_pgo "$b/pgo" "$b/first.pgo.log"
    run_logged "$b/first.pgo.log" cmake --build "$b/pgo"
    first_pgo=$ms
    configure_plain "$b/plain" "$b/first.plain.log"
    run_logged "$b/first.plain.log" cmake --build "$b/plain"
    first_plain=$ms
    mkdir -p "$b/first"
    for f in $(main_files "$b/pgo"); do
      mkdir -p "$b/first/$(dirname "$f")"
      cp -a "$b/pgo/$f" "$b/first/$f"
    done
    cp -a "$(profile_of "$b/pgo")" "$b/first-profile"
    log "$project/$cc: from scratch: pgo build $first_pgo ms, plain build $first_plain ms"

    log "$project/$cc: edit (a): $edit_fn() in $edit_file"
    insert_probe "$src/$edit_file" "$edit_fn"
    rebuild a
    scratch_same a

    log "$project/$cc: revert"
    cp "$tmp/orig" "$src/$edit_file"
    rebuild revert
    same_files "$b/pgo" "$b/first" > "$tmp/revert.same"
    same_profile "$(profile_of "$b/pgo")" "$b/first-profile" > "$tmp/revert.profile"
    log "$project/$cc: revert: identical to the first build from scratch: $(cat "$tmp/revert.same"); the profile: $(cat "$tmp/revert.profile")"

    log "$project/$cc: edit (b): a new function at the end of $edit_file"
    append_function "$src/$edit_file"
    rebuild b
    scratch_same b

    nobj=$(objects_of "$b/pgo")
    nplain=$(objects_of "$b/plain")
    for e in a revert b; do
      read -r pc ps pms ic is oc os tms < "$tmp/$e.row"
      case "$e" in a) label="(a) statement" ;; revert) label="revert (a)" ;; b) label="(b) new function" ;; esac
      table_rows+=("$(printf '| %s | %s | %s | %d of %d / %d | %s | %d / %d | %d of %d / %d | %d | %s | %.2f | %s | %s |' \
        "$title" "$cc" "$label" "$pc" "$nplain" "$ps" "$(sec "$pms")" "$ic" "$is" "$oc" "$nobj" "$os" \
        $(( is + os )) "$(sec "$tms")" "$(div "$tms" "$pms")" "$(cat "$tmp/$e.same")" "$(cat "$tmp/$e.profile")")")
      while IFS= read -r line; do details+=("$title $cc $e: $line"); done < "$tmp/$e.other"
    done
    details+=("$title $cc: from scratch: pgo $(sec "$first_pgo") s, plain $(sec "$first_plain") s; edited: $edit_fn() in $edit_file")
    rm -rf "$tmp"
  done
done

echo
echo "== What an edit costs: rebuilds after one edit, wall time (s) at $jobs jobs; steps counted from .ninja_log"
echo "(plain: compiles of the tree's compile steps / all steps; PGO instrumented: compiles / steps of _pgo/instrumented;"
echo " PGO optimized: compiles of the tree's compile steps / steps of the top tree; identical: the rebuilt tree's main"
echo " files against a PGO build from scratch of the same sources (revert: against the first one); profile identical: the
 merged profiles, the same comparison: Clang's functions, hashes and counts, GCC's folder of .gcda files byte for byte)"
echo "| project | compiler | edit | plain compiles / steps | plain s | PGO instrumented compiles / steps | PGO optimized compiles / steps | PGO steps | PGO s | PGO s / plain s | identical to scratch | profile identical |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${table_rows[@]}"
echo
echo "steps other than compiles, and the builds from scratch:"
printf '  %s\n' "${details[@]}"
