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
#            the toolkit puts on; with Clang, the ThinLTO cache that the
#            toolkit gives its Clang trees (<build>/_pgo/thinlto-cache-<hash>), here
#            <plain tree>/thinlto-cache: CMAKE_EXE_LINKER_FLAGS and
#            CMAKE_SHARED_LINKER_FLAGS of -flto=thin
#            -Wl,-plugin-opt,cache-dir=<dir> (GNU ld's LLVMgold plugin; the
#            -flto=thin loads it in the links of the configure checks too,
#            which are not IPO: GNU ld refuses -plugin-opt without a plugin).
#            GCC 12 has no incremental LTO: none.  (The toolkit's treatment
#            of installed static libraries, Lto.cmake, is not copied.)
# then, in a copy of the sources that both trees build, the edits, each at
# the start of the body of a function the training runs:
#   (a)      one line, a declaration without a branch:
#              volatile int pgo_edit_probe __attribute__((unused)) = 0;
#            (the lines below it in that file move down by one)
#   revert   the file as it was (rebuilt and measured too)
#   (b)      a new external function, called by nothing, appended at the end
#            of the same file (its prototype and body)
#   (c)      on top of (b), a loop that runs, which changes the counts of
#            the trained function (and only its counts):
#              for (volatile int pgo_edit_i = 0; pgo_edit_i < 3; pgo_edit_i++) { }
# The functions: json-c: json_tokener_parse_ex() in json_tokener.c (the
# parser's loop, run by every training input); zstd:
# ZSTD_compressBlock_doubleFast() in lib/compress/zstd_double_fast.c (level
# 3's block compressor); gen: s<N/2>_run() in libs/l<K>/s<N/2>.c (run by the
# programs linking l<K>); libjpeg-turbo: forward_DCT() in jcdctmgr.c (every
# block of every integer-DCT compression).
# After each of them both trees are rebuilt (cmake --build, timed with
# date +%s%N) and the steps ninja ran are counted from the lines that the
# rebuild added to .ninja_log (of the top tree, and for pgo of
# _pgo/instrumented/ too; a set difference with the log before it, which ninja
# may have compacted; an edge of several outputs counted once): compiles
# (rules *_COMPILER__*), all steps, and the links (rules *_LINKER__* or
# *LINK*: with GCC, the whole program's LTO): the sum of their durations in
# the log.  The tree's objects are the compiles of the PGO tree's first build
# from scratch (of its top tree; of _pgo/instrumented/ beside).  The bounds
# the work on edits aims at, printed for (a) and (b) as ok or over: at most
# 5% of the objects recompiled in the PGO tree's top tree, and a PGO rebuild
# at most 3 times the plain one's wall time.  After (a), (b) and (c) a PGO
# tree of the edited sources is built from scratch in another folder, and its
# main files are compared with cmp to the rebuilt tree's (json-c: the shared
# library libjson-c.so.5.*, not json_parse, whose RUNPATH names its build
# tree; zstd: lib/libzstd.so.1.* and programs/zstd; gen: every program;
# libjpeg-turbo: libjpeg.so.62.*, libturbojpeg.so.0.*, cjpeg-static and
# djpeg-static); after revert, with the first from-scratch build of the same
# sources.  "yes" when all are byte-identical; else how many differ, and
# whether they are the same after strip (the symbol tables aside); and
# whether the two trees' merged profiles are the same (Clang: the functions,
# hashes and counts that llvm-profdata show prints; GCC: the records and
# counts of every .gcda file that gcov-dump prints, without the stamp and
# checksum of the compile that made its object); when they are not, the
# training itself gave other counts.
# --reuse configures the rebuilt PGO tree with -DPGO_TRAINING_REUSE=ON (the
# builds from scratch it is compared with keep the default): after an edit
# only the training tests that ran changed code run again.
# --tolerance PCT configures it with -DPGO_SUMMARY_TOLERANCE=PCT: a merge
# whose summary moved by at most PCT percent keeps the last one, so that (c)
# compiles again only the objects whose own records changed; the programs
# then differ from scratch by the summary (compared as below, not asserted).
# --repeat N, after those edits, puts the original file back and then
# makes N more edits like (a), each storing another value (a new name alone
# leaves the bitcode as it was, and both ThinLTO caches would have the
# module's backend), each followed by its revert
# (which both caches have), every one a plain rebuild then a PGO one, and
# prints a second table: the medians and ranges of the wall times and of
# the per-edit ratios, which move as much as the bound from one edit to the
# next on a busy or a slow machine.  The repeats are not compared with
# builds from scratch.
# --split-training trains zstd with four commands instead of one, a
# PGO_TRAINING_COMMAND_level<N> per level of its training's round trips
# (1, 3, 6 and 9; the same runs), in every PGO tree: with --reuse only the
# level whose code an edit touched trains again (the other projects keep
# theirs).
# --training-targets configures it with PGO_TRAINING_TARGETS naming the
# programs the training runs (json-c: json_parse test_parse; zstd: zstd;
# libjpeg-turbo: cjpeg djpeg cjpeg-static djpeg-static; gen: none, its
# training runs every program): its instrumented tree builds only those.
# The trainings are made deterministic where the projects allow it:
# json-c's hash tables take a random seed at every run (getrandom,
# /dev/urandom); no environment variable sets it, and the API that avoids it
# (json_global_set_string_hash(JSON_C_STR_HASH_PERLLIKE)) is for a program
# to call, which json_parse does not; its own configure option
# OVERRIDE_GET_RANDOM_SEED ("custom code" put in json_c_get_random_seed())
# does: every tree here is configured with
# -DOVERRIDE_GET_RANDOM_SEED="return 1".  zstd's program runs its I/O and
# its compression in threads of their own beside the main one, whose
# polling gives other counts at every run (with gcc-12 the .gcda records of
# pool.c, zstdmt_compress.c, zstd_compress.c, zstd_compress_sequences.c,
# zstd_common.c, fileio.c, fileio_asyncio.c, timefn.c and util.c differed
# between two trainings); no environment variable makes it single-threaded
# (ZSTD_NBTHREADS=0 means a thread per core), so every tree is configured
# with its own -DZSTD_MULTITHREAD_SUPPORT=OFF.  GCC's ior counters (the
# values of pointers OR'ed together, for their alignment) hold addresses,
# which ASLR moves at every run (libjpeg-turbo's jchuff.c, jcparam.c and
# jutils.c have them): left as they are, as a user's trainings have them; the
# profile column says when they alone differ.
# Every build runs --jobs jobs (CMAKE_BUILD_PARALLEL_LEVEL, which the nested
# instrumented build inherits).  Prints a table, a Markdown one.  No figure
# is asserted.
#
#   tests/benchmark/edit-cost.sh [--projects "json-c zstd gen libjpeg-turbo"]
#       [--compilers "gcc-12 clang-19"] [--build-dir DIR] [--gen-sources N]
#       [--jobs 2] [--reuse] [--tolerance PCT] [--training-targets]
#       [--repeat N] [--split-training]
#
# json-c and zstd are Debian bookworm's source packages (zstd's build/cmake
# project) trained as real-projects.sh trains them (their workloads, and
# json-c's test_parse test); gen is the project of
# tests/benchmark/gen-project.sh with N sources (default 1000, in N/12.5
# libraries and N/50 programs), trained by its train-* tests.
# libjpeg-turbo, held out (no definition in tests/integration/projects), is
# Debian bookworm's source package with its defaults (shared and static
# libraries, the TurboJPEG ones too, NASM's SIMD sources: needs nasm),
# trained by a PGO_TRAINING_COMMAND that this script writes: cjpeg and djpeg,
# and their -static twins, on the images of its testimages/ folder with a
# few options each.
set -euo pipefail

me=edit-cost.sh
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/integration/lib.sh"
. "$root/tests/benchmark/stats.sh"

projects="json-c zstd gen libjpeg-turbo"
compilers="gcc-12 clang-19"
build="$root/build/bench-edit"
gen_sources=1000
jobs=2
repeat=0
reuse=()
tolerance=""
tolerance_args=()
with_targets=0
split_training=0

while [ $# -gt 0 ]; do
  case "$1" in
    --projects) projects="$2"; shift 2 ;;
    --compilers) compilers="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --gen-sources) gen_sources="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --reuse) reuse=(-DPGO_TRAINING_REUSE=ON); shift ;;
    --tolerance) tolerance="$2"; shift 2 ;;
    --training-targets) with_targets=1; shift ;;
    --split-training) split_training=1; shift ;;
    --repeat) repeat="$2"; shift 2 ;;
    -h|--help) awk 'NR > 2 { if (!/^#/) exit; print }' "$0"; exit 0 ;;
    *) echo "$me: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$gen_sources" in ''|*[!0-9]*|0) echo "$me: --gen-sources needs a number > 0" >&2; exit 2 ;; esac
case "$tolerance" in
  '') ;;
  *[!0-9.]*|.*|*.*.*) echo "$me: --tolerance needs a percentage, as 1 or 0.5" >&2; exit 2 ;;
  *) tolerance_args=("-DPGO_SUMMARY_TOLERANCE=$tolerance") ;;
esac
case "$jobs" in ''|*[!0-9]*|0) echo "$me: --jobs needs a number > 0" >&2; exit 2 ;; esac
case "$repeat" in ''|*[!0-9]*) echo "$me: --repeat needs a number" >&2; exit 2 ;; esac
for project in $projects; do
  case "$project" in
    json-c|zstd|gen|libjpeg-turbo) ;;
    *) echo "$me: unknown project '$project': json-c, zstd, gen or libjpeg-turbo" >&2; exit 2 ;;
  esac
done
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

# configure_pgo TREE LOG [ARG...] / configure_plain TREE LOG: the two trees'
# configure.
configure_pgo() {
  local t=$1 l=$2
  shift 2
  run_logged "$l" cmake -S "$src" -B "$t" "${common[@]}" -DPGO=ON \
    "-DCMAKE_PROJECT_INCLUDE=$root/modules/PGO.cmake" "-DPGO_HELPER=$helper" "${training[@]}" "$@"
}
# The plain tree's ThinLTO cache, as the toolkit's Clang trees have one.
configure_plain() {
  local cache=()
  case "$cc" in
    clang-*)
      cache=("-DCMAKE_EXE_LINKER_FLAGS=-flto=thin -Wl,-plugin-opt,cache-dir=$1/thinlto-cache"
             "-DCMAKE_SHARED_LINKER_FLAGS=-flto=thin -Wl,-plugin-opt,cache-dir=$1/thinlto-cache") ;;
  esac
  run_logged "$2" cmake -S "$src" -B "$1" "${common[@]}" -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON \
    -DCMAKE_POLICY_DEFAULT_CMP0069=NEW "${cache[@]}"
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

# new_edges TREE BEFORE: "compiles steps link-ms" of the lines of
# TREE/.ninja_log not in BEFORE (its copy before the rebuild, or /dev/null
# for all), each edge once; link-ms sums the durations of the links (GCC's
# LTO happens there); the outputs of the steps that are not compiles go to
# $tmp/other.
new_edges() {
  local t=$1 before=$2
  [ -e "$t/.ninja_log" ] || { echo "0 0 0"; return; }
  awk -F'\t' -v other="$tmp/other" '
    FILENAME == ARGV[1] { i = index($0, ": "); rule[substr($0, 1, i - 1)] = substr($0, i + 2); next }
    FILENAME == ARGV[2] { old[$0] = 1; next }
    /^#/ || ($0 in old) { next }
    { key = $1 " " $2 " " $5; if (key in seen) next; seen[key] = 1
      steps++
      if (rule[$4] ~ /_COMPILER__/) compiles++
      else printf " %s", $4 >> other
      if (rule[$4] ~ /_LINKER__|LINK/) link += $2 - $1 }
    END { printf "%d %d %d\n", compiles, steps, link }' \
    <(ninja -C "$t" -t targets all) "$before" "$t/.ninja_log"
}

# objects_of TREE: the compiles of TREE's build from scratch (run just after
# it): the tree's objects.
objects_of() { new_edges "$1" /dev/null | cut -d' ' -f1; }

# main_files TREE: the files compared between trees, relative to TREE (those
# that exist).
main_files() {
  case "$project" in
    json-c) (cd "$1" && compgen -G 'libjson-c.so.5.*') ;;
    zstd) (cd "$1" && { compgen -G 'lib/libzstd.so.1.*'; compgen -G programs/zstd; }) ;;
    gen) (cd "$1" && { compgen -G 'programs/prog[0-9]*' | grep -v '\.' || true; }) ;;
    libjpeg-turbo)
      (cd "$1" && { compgen -G 'libjpeg.so.62.*'; compgen -G 'libturbojpeg.so.0.*'
                    compgen -G cjpeg-static; compgen -G djpeg-static; }) ;;
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

# gcda_records DIR [noior]: the .gcda files of DIR, each its path in DIR and
# the records gcov-dump prints, without its stamp and checksum: those of the
# compile that made the object (a new one at every compile), not of the
# training.  noior: without the values of the ior counters too.
gcda_records() {
  local f
  (cd "$1" && find . -name '*.gcda' | LC_ALL=C sort) | while IFS= read -r f; do
    echo "== $f"
    "gcov-dump-${cc#gcc-}" -l "$1/$f" | sed -e '/^[^:]*:stamp /d' -e '/^[^:]*:checksum /d' -e 's/^[^:]*://' |
      awk -v noior="${2:-}" '
        noior && /:COUNTERS ior / { print; skip = 1; next }
        skip && /^ +[0-9]+: / { next }
        { skip = 0; print }'
  done
}

# same_profile PROFILE REF: yes or no: the two profiles' functions, hashes
# and counts (Clang: llvm-profdata show, whose binary ids, the instrumented
# programs' build ids, differ from tree to tree; GCC: gcda_records, and when
# they differ whether their ior counters alone do).
same_profile() {
  local show
  if [ -f "$1" ]; then
    show=(llvm-profdata-"${cc#clang-}" show --all-functions --counts)
    if diff <("${show[@]}" "$1") <("${show[@]}" "$2") > /dev/null 2>&1; then echo yes; else echo no; fi
  elif diff <(gcda_records "$1") <(gcda_records "$2") > /dev/null 2>&1; then
    echo yes
  elif diff <(gcda_records "$1" noior) <(gcda_records "$2" noior) > /dev/null 2>&1; then
    echo "no (ior counters only)"
  else
    echo no
  fi
}

# rebuild EDIT: rebuilds both trees, plain first, and records the row of EDIT.
rebuild() {
  local e=$1 pc ps pl pms ic is oc os ol tms
  snapshot "$b/plain" plain
  snapshot "$b/pgo" pgo
  run_logged "$b/$e.plain.log" cmake --build "$b/plain"
  pms=$ms
  : > "$tmp/other"
  new_edges "$b/plain" "$tmp/plain.top.log" > "$tmp/counts"
  read -r pc ps pl < "$tmp/counts"
  echo "plain:$(cat "$tmp/other")" > "$tmp/$e.other"
  run_logged "$b/$e.pgo.log" cmake --build "$b/pgo"
  tms=$ms
  : > "$tmp/other"
  new_edges "$b/pgo" "$tmp/pgo.top.log" > "$tmp/counts"
  read -r oc os ol < "$tmp/counts"
  echo "pgo:$(cat "$tmp/other")" >> "$tmp/$e.other"
  : > "$tmp/other"
  new_edges "$b/pgo/_pgo/instrumented" "$tmp/pgo.inst.log" > "$tmp/counts"
  read -r ic is _ < "$tmp/counts"
  echo "pgo _pgo/instrumented:$(cat "$tmp/other")" >> "$tmp/$e.other"
  echo "$pc $ps $pl $pms $ic $is $oc $os $ol $tms" > "$tmp/$e.row"
  log "$project/$cc: $e: plain $pc compiles, $ps steps, links $pl ms, $pms ms; pgo instrumented $ic compiles," \
    "$is steps; optimized $oc compiles of $nobj, $os steps, links $ol ms; $tms ms"
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

# edit_body FILE FUNCTION LINE: LINE inserted after the "{" alone on its line
# that opens the body of FUNCTION's definition, the first such line after a
# line naming FUNCTION and "(" at its start or after its type (the
# parameters may go on over lines; a line ending in ";" first makes it a
# prototype).  Edits (a) and (c).
edit_body() {
  local f=$1 fn=$2
  awk -v fn="$fn" -v line="$3" '
    { print }
    armed && $0 ~ /^\{[ \t]*$/ { print line; done = 1; armed = 0; next }
    armed && $0 ~ /;[ \t]*$/ { armed = 0 }
    !done && !armed && $0 ~ ("^([A-Za-z].*[^A-Za-z0-9_])?" fn "[(]") && $0 !~ /;[ \t]*$/ { armed = 1 }
    END { if (!done) exit 1 }' "$f" > "$f.new" || { log "no definition of $fn in $f"; exit 1; }
  mv "$f.new" "$f"
}
probe_line='	volatile int pgo_edit_probe __attribute__((unused)) = 0;'
loop_line='	for (volatile int pgo_edit_i = 0; pgo_edit_i < 3; pgo_edit_i++) { }'

# append_function FILE: edit (b).
append_function() {
  printf '\nint pgo_edit_extra(int x);\nint pgo_edit_extra(int x)\n{\n\treturn x * 3 + 1;\n}\n' >> "$1"
}

# debian_project NAME: the source tree and training of project NAME of
# tests/integration/projects, as real-projects.sh has them.
debian_project() {
  prepare_project "$1" "$build"
  pristine="$build/src/$1"
  cmake_dir=$P_CMAKE_DIR
  training=("-DPGO_TRAINING_COMMAND=bash \"$workload\" $1 train \"$data\"")
  [ -z "$P_TESTS" ] || training+=("-DPGO_TRAINING_TESTS=$P_TESTS")
}

# jpeg_training DATA: libjpeg-turbo's training, DATA/train.sh, and the
# images it reads, copied from its testimages/ folder.  Its runs are the same
# every time.
jpeg_training() {
  local d=$1 f
  for f in testorig.ppm nightshot_iso_100.bmp vgl_6548_0026a.bmp testorig.jpg testimgint.jpg testimgari.jpg; do
    cp "$pristine/testimages/$f" "$d/"
  done
  cat > "$d/train.sh" << 'SH'
# SPDX-License-Identifier: MIT
# libjpeg-turbo's training, written by tests/benchmark/edit-cost.sh beside
# the images it reads (DATA): cjpeg and djpeg, the shared builds and the
# -static ones, run in the build tree's top.
#   bash train.sh DATA
set -eu
d=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for s in "" -static; do
  for dct in int fast float; do
    "./cjpeg$s" -dct "$dct" -outfile "$out/o.jpg" "$d/testorig.ppm"
    "./djpeg$s" -dct "$dct" -outfile "$out/o.ppm" "$out/o.jpg"
  done
  "./cjpeg$s" -quality 95 -sample 1x1 -outfile "$out/q.jpg" "$d/nightshot_iso_100.bmp"
  "./cjpeg$s" -progressive -optimize -outfile "$out/p.jpg" "$d/vgl_6548_0026a.bmp"
  "./cjpeg$s" -arithmetic -grayscale -outfile "$out/a.jpg" "$d/testorig.ppm"
  "./djpeg$s" -bmp -outfile "$out/p.bmp" "$out/p.jpg"
  "./djpeg$s" -scale 1/2 -outfile "$out/s.ppm" "$d/testorig.jpg"
  "./djpeg$s" -colors 64 -gif -outfile "$out/g.gif" "$d/testimgint.jpg"
  "./djpeg$s" -outfile "$out/a.ppm" "$d/testimgari.jpg"
done
SH
}

table_rows=()
repeat_rows=()
details=()
sec() { awk -v m="$1" 'BEGIN { printf "%.2f", m / 1000 }'; }
# bound E VALUE LIMIT: ok or over (VALUE <= LIMIT) for edits (a) and (b),
# whose bounds they are; - for the others.
bound() {
  case "$1" in
    a|b) awk -v v="$2" -v l="$3" 'BEGIN { print (v <= l) ? "ok" : "over" }' ;;
    *) echo - ;;
  esac
}
# spread FILE: the median and the range of the milliseconds in FILE, one a
# line, in seconds: "1.23 [1.01-1.90]".
spread() {
  printf '%s [%s-%s]' "$(sec "$(median < "$1")")" "$(sec "$(sort -g "$1" | head -n 1)")" \
    "$(sec "$(sort -g "$1" | tail -n 1)")"
}
# cache_state DIR...: whether a ThinLTO cache DIR exists, and its entries
# (the toolkit names its caches _pgo/thinlto-cache-<hash of the link's
# options>: a glob gives them all).
cache_state() {
  local d n=0 files=0
  for d in "$@"; do
    [ -d "$d" ] || continue
    n=$((n + 1))
    files=$((files + $(find "$d" -type f | wc -l)))
  done
  if [ "$n" -gt 0 ]; then echo "present ($n folders, $files files)"; else echo absent; fi
}

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
      debian_project json-c
      # json-c's own hook for its hash seed: the training's counts repeat.
      P_ARGS+=("-DOVERRIDE_GET_RANDOM_SEED=return 1")
      edit_file=json_tokener.c
      edit_fn=json_tokener_parse_ex
      run_targets="json_parse test_parse"
      title=json-c ;;
    zstd)
      debian_project zstd
      # One thread: the training's counts repeat.
      P_ARGS+=(-DZSTD_MULTITHREAD_SUPPORT=OFF)
      edit_file=lib/compress/zstd_double_fast.c
      edit_fn=ZSTD_compressBlock_doubleFast
      run_targets=zstd
      if [ "$split_training" = 1 ]; then
        training=()
        for l in 1 3 6 9; do
          training+=("-DPGO_TRAINING_COMMAND_level$l=bash \"$workload\" zstd train-level-$l \"$data\"")
        done
      fi
      title=zstd
      [ "$split_training" = 0 ] || title="zstd, split training" ;;
    gen)
      P_ARGS=()
      unset -f p_compiler_args
      pristine="$build/src/gen-$gen_sources"
      cmake_dir=.
      libs=$(( gen_sources * 2 / 25 )); [ "$libs" -ge 1 ] || libs=1
      progs=$(( gen_sources / 50 )); [ "$progs" -ge 1 ] || progs=1
      bash "$root/tests/benchmark/gen-project.sh" "$pristine" --sources "$gen_sources" --libs "$libs" --programs "$progs"
      i=$(( gen_sources / 2 ))
      edit_file=$(cd "$pristine" && compgen -G "libs/l*/s$i.c")
      edit_fn="s${i}_run"
      training=("-DPGO_TRAINING_TESTS=^train-")
      run_targets=""   # its training runs every program
      title="gen-$gen_sources" ;;
    libjpeg-turbo)
      P_ARGS=()
      unset -f p_compiler_args
      command -v nasm > /dev/null || { log "libjpeg-turbo's SIMD sources need nasm (apt-get install nasm)"; exit 1; }
      fetch_sources "$build/downloads" libjpeg-turbo
      unpack_source "$build/downloads" libjpeg-turbo "$build/src/libjpeg-turbo"
      pristine="$build/src/libjpeg-turbo"
      cmake_dir=.
      data="$build/data/libjpeg-turbo"
      if [ ! -e "$data/.done" ]; then
        rm -rf "$data"
        mkdir -p "$data"
        jpeg_training "$data"
        touch "$data/.done"
      fi
      training=("-DPGO_TRAINING_COMMAND=bash \"$data/train.sh\" \"$data\"")
      edit_file=jcdctmgr.c
      edit_fn=forward_DCT
      run_targets="cjpeg djpeg cjpeg-static djpeg-static"
      title=libjpeg-turbo ;;
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
    top="$b/src"
    cp -a "$pristine" "$top"
    src="$top/$cmake_dir"
    cp "$top/$edit_file" "$tmp/orig"
    common=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$(c_compiler "$cc")"
            "-DCMAKE_CXX_COMPILER=$(cxx_compiler "$cc")")
    mapfile -t -O ${#common[@]} common < <(project_args "$cc")

    log "$project/$cc: the PGO tree and the plain tree from scratch"
    rebuilt=("${reuse[@]}" "${tolerance_args[@]}")
    rebuilt_targets=""
    if [ "$with_targets" = 1 ] && [ -n "$run_targets" ]; then
      rebuilt+=("-DPGO_TRAINING_TARGETS=$run_targets")
      rebuilt_targets=$run_targets
    fi
    configure_pgo "$b/pgo" "$b/first.pgo.log" "${rebuilt[@]}"
    run_logged "$b/first.pgo.log" cmake --build "$b/pgo"
    first_pgo=$ms
    nobj=$(objects_of "$b/pgo")
    niobj=$(objects_of "$b/pgo/_pgo/instrumented")
    configure_plain "$b/plain" "$b/first.plain.log"
    run_logged "$b/first.plain.log" cmake --build "$b/plain"
    first_plain=$ms
    nplain=$(objects_of "$b/plain")
    mkdir -p "$b/first"
    for f in $(main_files "$b/pgo"); do
      mkdir -p "$b/first/$(dirname "$f")"
      cp -a "$b/pgo/$f" "$b/first/$f"
    done
    cp -a "$(profile_of "$b/pgo")" "$b/first-profile"
    log "$project/$cc: from scratch: pgo build $first_pgo ms ($nobj objects, $niobj instrumented)," \
      "plain build $first_plain ms ($nplain objects)"

    log "$project/$cc: edit (a): $edit_fn() in $edit_file"
    edit_body "$top/$edit_file" "$edit_fn" "$probe_line"
    rebuild a
    scratch_same a

    log "$project/$cc: revert"
    cp "$tmp/orig" "$top/$edit_file"
    rebuild revert
    same_files "$b/pgo" "$b/first" > "$tmp/revert.same"
    same_profile "$(profile_of "$b/pgo")" "$b/first-profile" > "$tmp/revert.profile"
    log "$project/$cc: revert: identical to the first build from scratch: $(cat "$tmp/revert.same"); the profile: $(cat "$tmp/revert.profile")"

    log "$project/$cc: edit (b): a new function at the end of $edit_file"
    append_function "$top/$edit_file"
    rebuild b
    scratch_same b

    log "$project/$cc: edit (c): a loop that runs, at the start of $edit_fn()"
    edit_body "$top/$edit_file" "$edit_fn" "$loop_line"
    rebuild c
    scratch_same c

    if [ "$repeat" -gt 0 ]; then
      log "$project/$cc: --repeat $repeat: the original $edit_file again"
      cp "$tmp/orig" "$top/$edit_file"
      run_logged "$b/repeat.plain.log" cmake --build "$b/plain"
      run_logged "$b/repeat.pgo.log" cmake --build "$b/pgo"
      for ((i = 1; i <= repeat; i++)); do
        log "$project/$cc: repeat $i of $repeat"
        edit_body "$top/$edit_file" "$edit_fn" "${probe_line/= 0;/= $i;}"
        rebuild "a$i"
        cp "$tmp/orig" "$top/$edit_file"
        rebuild "revert$i"
      done
      for kind in a revert; do
        : > "$tmp/rep.plain"; : > "$tmp/rep.pgo"; : > "$tmp/rep.ratio"; : > "$tmp/rep.objects"
        for ((i = 1; i <= repeat; i++)); do
          read -r _ _ _ pms _ _ oc _ _ tms < "$tmp/$kind$i.row"
          echo "$pms" >> "$tmp/rep.plain"
          echo "$tms" >> "$tmp/rep.pgo"
          div "$tms" "$pms" >> "$tmp/rep.ratio"
          echo "$oc" >> "$tmp/rep.objects"
        done
        repeat_rows+=("$(printf '| %s | %s | %s | %d | %s | %s | %s | %.2f [%.2f-%.2f] | %s |' \
          "$title" "$cc${reuse:+, reuse}${tolerance:+, tolerance $tolerance%}${rebuilt_targets:+, targets}" \
          "$([ "$kind" = a ] && echo "(a) statement" || echo "revert (a)")" "$repeat" \
          "$(median < "$tmp/rep.objects") of $nobj" "$(spread "$tmp/rep.plain")" "$(spread "$tmp/rep.pgo")" \
          "$(median < "$tmp/rep.ratio")" "$(sort -g "$tmp/rep.ratio" | head -n 1)" "$(sort -g "$tmp/rep.ratio" | tail -n 1)" \
          "$([ "$kind" = a ] && awk -v r="$(median < "$tmp/rep.ratio")" 'BEGIN { print (r <= 3) ? "ok" : "over" }' || echo -)")")
      done
    fi

    for e in a revert b c; do
      read -r pc ps pl pms ic is oc os ol tms < "$tmp/$e.row"
      case "$e" in
        a) label="(a) statement" ;;
        revert) label="revert (a)" ;;
        b) label="(b) new function" ;;
        c) label="(c) loop, new counts" ;;
      esac
      table_rows+=("$(printf '| %s | %s | %s | %d / %d | %d / %d | %s | %s | %d / %d | %d / %d | %.1f%% | %s | %s | %.2f | %s | %s | %s | %s |' \
        "$title" "$cc${reuse:+, reuse}${tolerance:+, tolerance $tolerance%}${rebuilt_targets:+, targets}" "$label" "$nobj" "$niobj" "$pc" "$ps" "$(sec "$pms")" "$(sec "$pl")" "$ic" "$is" "$oc" "$os" \
        "$(awk -v o="$oc" -v n="$nobj" 'BEGIN { print o * 100 / n }')" "$(sec "$tms")" "$(sec "$ol")" \
        "$(div "$tms" "$pms")" "$(bound "$e" $((oc * 100)) $((nobj * 5)))" "$(bound "$e" "$tms" $((pms * 3)))" \
        "$(cat "$tmp/$e.same")" "$(cat "$tmp/$e.profile")")")
      while IFS= read -r line; do details+=("$title $cc $e: $line"); done < "$tmp/$e.other"
    done
    details+=("$title $cc: from scratch: pgo $(sec "$first_pgo") s, plain $(sec "$first_plain") s ($nplain objects); edited: $edit_fn() in $edit_file")
    details+=("$title $cc: ThinLTO cache of the PGO tree (_pgo/thinlto-cache-*): $(cache_state "$b/pgo/_pgo/thinlto-cache-"*), of the plain tree (thinlto-cache): $(cache_state "$b/plain/thinlto-cache")")
    rm -rf "$tmp"
  done
done

echo
echo "== What an edit costs: rebuilds after one edit, wall time (s) at $jobs jobs; steps counted from .ninja_log"
[ ${#reuse[@]} -eq 0 ] || echo "(the rebuilt PGO trees with -DPGO_TRAINING_REUSE=ON: 'reuse' in the compiler column)"
[ -z "$tolerance" ] || echo "(the rebuilt PGO trees with -DPGO_SUMMARY_TOLERANCE=$tolerance: 'tolerance' in the compiler column)"
[ "$with_targets" = 0 ] || echo "(the rebuilt PGO trees with PGO_TRAINING_TARGETS naming the programs the training runs, but gen's, whose training runs them all: 'targets' in the compiler column)"
echo "(objects: the compiles of a PGO build from scratch, top tree / _pgo/instrumented; plain: compiles / all steps;"
echo " link s: the durations of the link steps summed (GCC's whole-program LTO happens there; Clang's ThinLTO backends too,"
echo " cached); PGO instrumented: compiles / steps of _pgo/instrumented; PGO top: compiles / steps of the top tree,"
echo " the optimized objects; % of objects: PGO top compiles / objects; bounds for (a) and (b): at most 5% of the objects,"
echo " at most 3 times the plain rebuild's wall time; identical: the rebuilt tree's main files against a PGO build from"
echo " scratch of the same sources (revert: against the first one); profile identical: the merged profiles, the same"
echo " comparison: Clang's functions, hashes and counts, GCC's .gcda records and counts without their compile stamps;"
echo " 'ior counters only': the GCC profiles differ in the addresses of those counters alone)"
echo "| project | compiler | edit | objects | plain compiles / steps | plain s | plain link s | PGO instrumented compiles / steps | PGO top compiles / steps | % of objects | PGO s | PGO link s | PGO s / plain s | <= 5% objects | <= 3x plain s | identical to scratch | profile identical |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${table_rows[@]}"
if [ ${#repeat_rows[@]} -gt 0 ]; then
  echo
  echo "== Repeated edits (--repeat $repeat): edits like (a), each storing another value, each followed by its revert;"
  echo " wall time (s) at $jobs jobs, median [min-max]; ratio: of each edit's PGO rebuild to its plain one, median [min-max];"
  echo " bound for (a): the median ratio at most 3"
  echo "| project | compiler | edit | edits | PGO top compiles (median) | plain s | PGO s | PGO s / plain s | <= 3x plain s |"
  echo "|---|---|---|---:|---|---|---|---|---|"
  printf '%s\n' "${repeat_rows[@]}"
fi
echo
echo "steps other than compiles, and the builds from scratch:"
printf '  %s\n' "${details[@]}"
