#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The benchmark of cold-code policies (not a test): what the profile does to
# code that the training leaves cold, in instructions (cachegrind), for pairs
# of a training and a measured load.  For each project and compiler it builds
#   twin     the toolkit's own build without the profile, as pgo-benchmark
#            builds it (PGO=OFF with the twin's switch: the module's LTO alone)
#   expert   CMake's IPO plus -fprofile-generate / -fprofile-use by hand,
#            nothing else (GCC: -fprofile-prefix-path and -fprofile-correction,
#            as real-projects.sh's expert)
#   toolkit  the toolkit's build (-DPGO=ON), trained by its own pipeline
#   lto      CMake's IPO without the profile: the expert's own twin, which differs
#            from the toolkit's where the toolkit leaves a target without LTO
#            (Clang: an installed static library, such as cmark's)
# and, for each candidate, the toolkit's tree again, given the toolkit's
# profile (PGO_PROFILE: the same counts, no second training) and the
# candidate's flags.  It prints the instructions of the measured load and
# their ratios to the twin and to the expert.
#
#   tests/benchmark/cold-policy.sh [--projects "interp-fib cmark interp-all json-c"]
#       [--compilers "gcc-12 clang-19"] [--candidates "given llvm:-pgso=false ..."]
#       [--trainings N] [--linker lld] [--module-args "-DX=Y ..."] [--build-dir DIR]
#
# Projects (pairs of training and measured load):
#   icall       a small program made here whose loop calls another file's static
#               functions through a table of pointers (value profiles, ThinLTO's
#               import), its CMakeLists.txt beside, not above, its sources;
#               trained on `icall 300000`, measured on `icall 1000000`
#   interp-fib  examples/interp trained on programs/fib.lang alone (a copy whose
#               training loop is cut to fib), measured on `bench/json.lang 2000`
#   interp-fib-all  the same training, measured on each of the five benchmarks
#               (a training that leaves most of each load cold)
#   interp-all  examples/interp trained on its five programs, measured on each of
#               its five benchmarks at tests/benchmark/stats.sh's small sizes
#   cmark, json-c, ...  a project of tests/integration/projects, trained on its
#               train workload (and P_TESTS), measured on its small workload
# Candidates (each on the toolkit's tree with the toolkit's profile):
#   given       no flag: the toolkit's tree given its own profile (a control:
#               it must count as the toolkit does)
#   link-names  Clang: the toolkit's -static-func-strip-dirname-prefix=N also on
#               the LTO link (-Wl,-plugin-opt=, or -Wl,-mllvm, with --linker lld)
#   link-names-plugin  the same as -Wl,-plugin-opt= with lld too
#   llvm:OPT[,OPT...]    Clang: each -OPT on the compiles (-mllvm -OPT) and on
#               the LTO link (-Wl,-plugin-opt=-OPT; -Wl,-mllvm,-OPT with lld):
#               ThinLTO's backend runs in the link; an option the link's LTO
#               rejects (one of clang's own) goes on the compiles only
#   lldplugin:OPT[,OPT...]  the same, but -Wl,-plugin-opt=-OPT with lld too
#   llvmc:OPT[,OPT...], llvml:OPT[,OPT...]  the same on the compiles only, on
#               the link only: which phase reads an option
#   gcc:FLAG[,FLAG...]   GCC: each FLAG on the compiles and the LTO link
# A candidate that is not for a compiler's family, or names an option its LLVM
# does not have, shows '-'.  --candidates "" builds none (the twin, lto,
# expert and toolkit columns alone); without --candidates a default list
# runs.  --trainings N
# trains the expert and the toolkit N times (candidates on each toolkit
# profile) and prints medians.  --linker lld links every build with lld
# (-fuse-ld=lld; Clang only).  --module-args gives the toolkit's trees (twin,
# toolkit, candidates) extra configure options, in folders of their own (a
# module setting under test changes the twin as much as the toolkit; the
# expert and lto builds are shared).  Builds whose flags did not change are kept
# between runs; wall time is not measured.
set -euo pipefail

me=cold-policy.sh
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/integration/lib.sh"
. "$root/tests/benchmark/stats.sh"

projects="interp-fib cmark interp-all json-c"
compilers="gcc-12 clang-19"
candidates="default"
trainings=1
linker=""
module_args=""
build="$root/build/bench-cold"

while [ $# -gt 0 ]; do
  case "$1" in
    --projects) projects="$2"; shift 2 ;;
    --compilers) compilers="$2"; shift 2 ;;
    --candidates) candidates="$2"; shift 2 ;;
    --trainings) trainings="$2"; shift 2 ;;
    --linker) linker="$2"; shift 2 ;;
    --module-args) module_args="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    -h|--help) sed -n '3,/^set -euo pipefail$/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "$me: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$trainings" in ''|*[!0-9]*|0) echo "$me: --trainings needs a number > 0" >&2; exit 2 ;; esac
case "$linker" in ''|lld) ;; *) echo "$me: --linker takes lld (default: the compiler's)" >&2; exit 2 ;; esac
if [ "$candidates" = default ]; then
  candidates="given link-names gcc:-fprofile-partial-training llvm:-pgso=false
    llvm:-profile-summary-cutoff-hot=999000 llvm:-profile-guided-section-prefix=false
    llvm:-hot-cold-split=true,-hotcoldsplit-threshold=0"
fi
mkdir -p "$build"
build=$(cd "$build" && pwd)
workload="$root/tests/integration/workload.sh"
log() { printf '%s\n' "$me: $*" >&2; }

# ---- the projects ------------------------------------------------------------
# setup_project NAME: SRC (the source folder to configure), KIND (interp, made
# or real) and MEASURES (the names of the measured loads) of project NAME,
# whose sources it writes, copies or fetches once.
setup_project() {
  PROJECT=$1
  case "$1" in
    icall)
      KIND=made
      SRC="$build/src/icall/project"
      MEASURES=icall
      write_icall "$build/src/icall" ;;
    interp-fib|interp-fib-all)
      KIND=interp
      SRC="$build/src/$1"
      MEASURES=json
      [ "$1" = interp-fib ] || MEASURES="binarytrees json mandelbrot queens sieve"
      # A copy of the example whose only training is fib.lang.
      rm -rf "$SRC"
      mkdir -p "$(dirname "$SRC")"
      cp -r "$root/examples/interp" "$SRC"
      sed -i 's/^foreach(w fib strings tables sort nbody)$/foreach(w fib)/' "$SRC/CMakeLists.txt"
      grep -q '^foreach(w fib)$' "$SRC/CMakeLists.txt" ||
        { log "examples/interp/CMakeLists.txt has no training loop to cut"; exit 1; } ;;
    interp-all)
      KIND=interp
      SRC="$root/examples/interp"
      MEASURES="binarytrees json mandelbrot queens sieve" ;;
    *)
      KIND=real
      prepare_project "$1" "$build"
      SRC=$src
      DATA=$data
      MEASURES=small ;;
  esac
}

# write_icall DIR: the icall project, lib/ (sources) and project/ (CMakeLists.txt).
write_icall() {
  local d=$1
  mkdir -p "$d/lib" "$d/project"
  cat > "$d/lib/ops.h" <<'EOF'
typedef long (*op_fn)(long, long);
extern const op_fn op_table[8];
long ops_run_local(const unsigned char *kinds, long n);
EOF
  cat > "$d/lib/ops.c" <<'EOF'
#include "ops.h"
static long op_add(long a, long b) { return a + b; }
static long op_xor(long a, long b) { return a ^ (b << 1); }
static long op_mix(long a, long b) { return a * 31 + b; }
static long op_sub(long a, long b) { return a - b; }
static long op_rot(long a, long b) { return (long)(((unsigned long)a << 7) | ((unsigned long)a >> 57)) + b; }
static long op_min(long a, long b) { return a < b ? a : b; }
static long op_max(long a, long b) { return a > b ? a : b; }
static long op_avg(long a, long b) { return (a + b) / 2; }
const op_fn op_table[8] = {op_add, op_xor, op_mix, op_sub, op_rot, op_min, op_max, op_avg};
/* Indirect calls to static functions of their own file. */
long ops_run_local(const unsigned char *kinds, long n) {
  long acc = 1;
  for (long i = 0; i < n; i++) acc = op_table[kinds[i]](acc, i);
  return acc;
}
EOF
  cat > "$d/lib/main.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include "ops.h"
/* Indirect calls to another file's static functions. */
static long run_remote(const unsigned char *kinds, long n) {
  long acc = 7;
  for (long i = 0; i < n; i++) acc = op_table[kinds[i]](acc, i);
  return acc;
}
int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  unsigned char *k = malloc((size_t)n);
  unsigned long s = 12345;
  if (!k) return 1;
  for (long i = 0; i < n; i++) {
    s = s * 6364136223846793005UL + 1442695040888963407UL;
    unsigned r = (unsigned)(s >> 33) % 100;
    k[i] = r < 70 ? 0 : r < 90 ? 2 : (unsigned char)(r % 8);
  }
  long a = 0;
  for (int rep = 0; rep < 5; rep++) a += run_remote(k, n) + ops_run_local(k, n);
  printf("%ld\n", a);
  free(k);
  return 0;
}
EOF
  cat > "$d/project/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(icall C)
set(L "${CMAKE_CURRENT_SOURCE_DIR}/../lib")
add_executable(icall "${L}/main.c" "${L}/ops.c")
target_include_directories(icall PRIVATE "${L}")
EOF
}

# program DIR: the measured program of build tree DIR.
program() {
  case "$KIND" in
    made) echo "$1/icall" ;;
    interp) echo "$1/interp" ;;
    real) echo "$1/$P_PROGRAM" ;;
  esac
}

# train DIR: the training by hand, in the instrumented tree DIR (the expert's).
train() {
  local dir=$1 w
  case "$PROJECT" in
    icall) "$dir/icall" 300000 > /dev/null ;;
    interp-fib|interp-fib-all) "$dir/interp" "$SRC/programs/fib.lang" > /dev/null ;;
    interp-all)
      for w in fib strings tables sort nbody; do "$dir/interp" "$SRC/programs/$w.lang" > /dev/null; done ;;
    *)
      (cd "$dir" && bash "$workload" "$PROJECT" train "$DATA") > /dev/null
      [ -z "$P_TESTS" ] || ctest --test-dir "$dir" -R "$P_TESTS" -j2 > /dev/null ;;
  esac
}

# toolkit_args: how the toolkit trains the project (configure options), and
# --module-args.
toolkit_args() {
  local a
  for a in $module_args; do echo "$a"; done
  case "$KIND" in
    made) printf '%s\n' "-DCMAKE_PROJECT_INCLUDE=$root/modules/PGO.cmake" "-DPGO_TRAINING_COMMAND=icall 300000" ;;
    interp) ;;
    real)
      printf '%s\n' "-DCMAKE_PROJECT_INCLUDE=$root/modules/PGO.cmake" \
        "-DPGO_TRAINING_COMMAND=bash \"$workload\" $PROJECT train \"$DATA\""
      [ -z "$P_TESTS" ] || printf '%s\n' "-DPGO_TRAINING_TESTS=$P_TESTS" ;;
  esac
}

# count DIR MEASURE: the instructions of the measured load MEASURE run by the
# program of build tree DIR; once more when valgrind fails (it did once, on a
# machine loaded past its memory).
count() {
  count_once "$@" || count_once "$@"
}

count_once() {
  local dir=$1 m=$2 out n
  out=$(mktemp -d)
  local vg=(valgrind --tool=cachegrind --cache-sim=no --log-file=/dev/null)
  case "$KIND" in
    made) "${vg[@]}" "--cachegrind-out-file=$out/cg.1" "$dir/icall" 1000000 > /dev/null ;;
    interp)
      # shellcheck disable=SC2046
      "${vg[@]}" "--cachegrind-out-file=$out/cg.1" "$dir/interp" "$SRC/bench/$m.lang" $(interp_small_args "$m") > /dev/null ;;
    real)
      (cd "$dir" && RUN="${vg[*]} --cachegrind-out-file=$out/cg.%p" bash "$workload" "$PROJECT" small "$DATA") ;;
  esac
  n=$(instructions_of "$out"/cg.*)
  rm -rf "$out"
  [ -n "$n" ] && [ "$n" -gt 0 ] || { log "cachegrind counted nothing in $dir"; return 1; }
  echo "$n"
}

# ---- the builds --------------------------------------------------------------
# configure_build [--soft] DIR ARGS...: configures and builds DIR from SRC with
# ARGS, unless DIR was built with the same ARGS (DIR.args) and the same sources.
# A failure stops the script, or with --soft returns 1.
configure_build() {
  local soft=0
  [ "$1" != --soft ] || { soft=1; shift; }
  local dir=$1
  shift
  local want
  want=$(printf '%s\n' "$SRC" "$@")
  if [ -e "$dir/.built" ] && [ "$(cat "$dir.args" 2> /dev/null)" = "$want" ]; then
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  if ! { cmake -S "$SRC" -B "$dir" "$@" && cmake --build "$dir" --parallel 2; } > "$dir.log" 2>&1; then
    tail -40 "$dir.log" >&2
    log "building $dir failed (log: $dir.log)"
    [ "$soft" = 1 ] && return 1
    exit 1
  fi
  printf '%s\n' "$want" > "$dir.args"
  touch "$dir/.built"
}

# common_args CC: the configure options every build of the project shares.
common_args() {
  local cc=$1
  printf '%s\n' -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$(c_compiler "$cc")" \
    "-DCMAKE_CXX_COMPILER=$(cxx_compiler "$cc")"
  [ "$KIND" != real ] || project_args "$cc"
  # The example finds the module there (its own ../../modules is not beside a copy).
  [ "$KIND" != interp ] || echo "-DCMAKE_MODULE_PATH=$root/modules"
  [ -z "$linker" ] || printf '%s\n' "-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=$linker" \
    "-DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=$linker" "-DCMAKE_MODULE_LINKER_FLAGS=-fuse-ld=$linker"
}

# expert_build CC DIR: PGO by hand into DIR (DIR-inst, DIR-raw beside).
expert_build() {
  local cc=$1 dir=$2 major=${1##*-} gen use raw=$2-raw common
  mapfile -t common < <(common_args "$cc")
  common+=(-DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON -DCMAKE_POLICY_DEFAULT_CMP0069=NEW -DPGO=OFF)
  local ld="" lflags=()
  [ -z "$linker" ] || ld=" -fuse-ld=$linker"
  case "$cc" in
    clang-*)
      gen="-fprofile-generate=$raw"
      use="-fprofile-use=$dir.profdata -Wno-error=backend-plugin -Wno-error=profile-instr-out-of-date -Wno-error=profile-instr-unprofiled" ;;
    gcc-*)
      gen="-fprofile-generate=$raw -fprofile-prefix-path=$dir-inst"
      use="-fprofile-use=$raw -fprofile-prefix-path=$dir -fprofile-correction -Wno-error=missing-profile -Wno-error=coverage-mismatch" ;;
  esac
  local t
  for t in EXE SHARED MODULE; do lflags+=("-DCMAKE_${t}_LINKER_FLAGS=-fprofile-generate=$raw$ld"); done
  if [ -e "$dir/.built" ] && [ -e "$dir-inst/.built" ]; then
    return 0   # trained builds are kept as they are: a new training is a new DIR
  fi
  configure_build "$dir-inst" "${common[@]}" "-DCMAKE_C_FLAGS=$gen" "-DCMAKE_CXX_FLAGS=$gen" "${lflags[@]}"
  rm -rf "$raw"
  train "$dir-inst" || { log "the training failed in $dir-inst"; exit 1; }
  case "$cc" in
    clang-*) "llvm-profdata-$major" merge -o "$dir.profdata" "$raw"/*.profraw ;;
  esac
  configure_build "$dir" "${common[@]}" "-DCMAKE_C_FLAGS=$use" "-DCMAKE_CXX_FLAGS=$use"
}

# toolkit_profile DIR: the merged profile of the toolkit's tree DIR.
toolkit_profile() {
  if [ -e "$1/_pgo/profile.profdata" ]; then echo "$1/_pgo/profile.profdata"; else echo "$1/_pgo/gcda/profile"; fi
}

# strip_level: the toolkit's -static-func-strip-dirname-prefix for SRC
# (Toolchain.cmake: the slashes of "${CMAKE_SOURCE_DIR}/").
strip_level() { local s="$SRC/"; s=${s//[!\/]/}; echo "${#s}"; }

# candidate_flags NAME CC: sets CAND_COMPILE and CAND_LINK (flag strings) for
# candidate NAME with compiler CC; fails when the candidate is not for CC.
candidate_flags() {
  local name=$1 cc=$2 opt opts
  CAND_COMPILE=""
  CAND_LINK=""
  case "$name:$cc" in
    given:*) return 0 ;;
    link-names:clang-*) CAND_LINK=" $(link_llvm "-static-func-strip-dirname-prefix=$(strip_level)" "$linker")" ;;
    link-names-plugin:clang-*) CAND_LINK=" $(link_llvm "-static-func-strip-dirname-prefix=$(strip_level)" plugin)" ;;
    llvm:*:clang-* | lldplugin:*:clang-* | llvmc:*:clang-* | llvml:*:clang-*)
      local spec=${name#*:} how=$linker kind=${name%%:*}
      [ "$kind" = lldplugin ] && how=plugin
      IFS=, read -r -a opts <<< "$spec"
      for opt in "${opts[@]}"; do
        llvm_has_option "${cc#clang-}" "$opt" || return 1
        [ "$kind" = llvml ] || CAND_COMPILE+=" -mllvm $opt"
        [ "$kind" != llvmc ] || continue
        # Some options belong to clang alone (clang-19's -pgo-cold-func-opt):
        # the link's LTO backend rejects them, and only the compiles read them.
        if link_has_option "$cc" "$opt" "$how"; then CAND_LINK+=" $(link_llvm "$opt" "$how")"; fi
      done ;;
    gcc:*:gcc-*)
      IFS=, read -r -a opts <<< "${name#gcc:}"
      for opt in "${opts[@]}"; do CAND_COMPILE+=" $opt"; CAND_LINK+=" $opt"; done ;;
    *) return 1 ;;
  esac
  CAND_COMPILE=${CAND_COMPILE# }
  CAND_LINK=${CAND_LINK# }
}

# llvm_has_option MAJOR -OPT[=VALUE]: LLVM MAJOR knows OPT (an unknown -mllvm
# option is an error), by opt-MAJOR --help-hidden, which lists the options of
# every pass and of the code generator.
llvm_has_option() {
  local list="$build/llvm-$1-options.txt" name=${2%%=*}
  if [ ! -s "$list" ]; then
    "opt-$1" --help-hidden 2> /dev/null | sed -n 's/^ *\(--*[A-Za-z0-9_.-]*\).*/\1/p' | sed 's/^--*/-/' > "$list"
  fi
  grep -qxF -- "$name" "$list"
}

# link_has_option CC -OPT[=VALUE] HOW: the LTO link of compiler CC (HOW: the
# linker's spelling, see link_llvm) accepts OPT, by linking a tiny ThinLTO
# program once with it (the answer kept beside the builds).
link_has_option() {
  local cc=$1 opt=$2 how=$3 key d ok=no
  key=$(echo "$cc $opt $how $linker" | md5sum | cut -c1-12)
  if [ ! -e "$build/link-options/$key" ]; then
    mkdir -p "$build/link-options"
    d=$(mktemp -d)
    echo 'int main(void) { return 0; }' > "$d/t.c"
    # shellcheck disable=SC2046
    if "$cc" -O2 -flto=thin ${linker:+-fuse-ld=$linker} "$d/t.c" -o "$d/t" $(link_llvm "$opt" "$how") > "$d/log" 2>&1; then
      ok=yes
    fi
    rm -rf "$d"
    echo "$ok" > "$build/link-options/$key"
  fi
  [ "$(cat "$build/link-options/$key")" = yes ]
}

# link_llvm OPT HOW: OPT for ThinLTO's backend in the link: the LLVMgold
# plugin's -plugin-opt (GNU ld; HOW plugin), lld's -mllvm (HOW lld).
link_llvm() {
  case "$2" in
    lld) echo "-Wl,-mllvm,$1" ;;
    *) echo "-Wl,-plugin-opt=$1" ;;
  esac
}

# candidate_build CC NAME TOOLKIT DIR: the toolkit's tree DIR given the profile
# of the toolkit's tree TOOLKIT and candidate NAME's flags.  The link flags go
# to the Release linker flags, which CMake's compiler checks do not use (a
# -plugin-opt without -flto fails there).
candidate_build() {
  local cc=$1 name=$2 tk=$3 dir=$4 common tkargs t lf=()
  candidate_flags "$name" "$cc" || return 1
  mapfile -t common < <(common_args "$cc")
  mapfile -t tkargs < <(toolkit_args)
  for t in EXE SHARED MODULE; do lf+=("-DCMAKE_${t}_LINKER_FLAGS_RELEASE=$CAND_LINK"); done
  configure_build --soft "$dir" "${common[@]}" "${tkargs[@]}" -DPGO=ON "-DPGO_PROFILE=$(toolkit_profile "$tk")" \
    "-DCMAKE_C_FLAGS=$CAND_COMPILE" "-DCMAKE_CXX_FLAGS=$CAND_COMPILE" "${lf[@]}"
}

# ---- the table -----------------------------------------------------------------
# Rows of "project measure compiler column value", one file per run.
# --module-args' builds of the toolkit's trees go to folders of their own.
tag=""
[ -z "$module_args" ] || tag="-m$(echo "$module_args" | md5sum | cut -c1-8)"

# Kept beside the builds (results[-mTAG].txt, one run's rows), to be read while it runs.
results="$build/results$tag.txt"
: > "$results"
record() { echo "$1 $2 $3 $4 $5" >> "$results"; }

for project in $projects; do
  setup_project "$project"
  for cc in $compilers; do
    if ! command -v "$cc" > /dev/null; then
      log "skipping $cc: not installed"
      continue
    fi
    case "$linker:$cc" in lld:gcc-*) log "skipping $cc: --linker lld is for Clang"; continue ;; esac
    b="$build/$cc${linker:+-$linker}/$project"
    mkdir -p "$b"
    mapfile -t common < <(common_args "$cc")
    mapfile -t tkargs < <(toolkit_args)
    log "$project/$cc: the twin without the profile"
    configure_build "$b/twin$tag" "${common[@]}" "${tkargs[@]}" -DPGO=OFF -D_PGO_TWIN=ON
    for m in $MEASURES; do record "$project" "$m" "$cc" twin "$(count "$b/twin$tag" "$m")"; done
    log "$project/$cc: CMake's IPO without the profile"
    configure_build "$b/lto" "${common[@]}" -DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON -DCMAKE_POLICY_DEFAULT_CMP0069=NEW -DPGO=OFF
    for m in $MEASURES; do record "$project" "$m" "$cc" lto "$(count "$b/lto" "$m")"; done
    for ((k = 1; k <= trainings; k++)); do
      log "$project/$cc: training $k of $trainings: the expert's build"
      expert_build "$cc" "$b/expert-$k"
      log "$project/$cc: training $k of $trainings: the toolkit's build"
      configure_build "$b/toolkit$tag-$k" "${common[@]}" "${tkargs[@]}" -DPGO=ON
      for m in $MEASURES; do
        record "$project" "$m" "$cc" expert "$(count "$b/expert-$k" "$m")"
        record "$project" "$m" "$cc" toolkit "$(count "$b/toolkit$tag-$k" "$m")"
      done
      i=0
      for c in $candidates; do
        i=$((i + 1))
        candidate_flags "$c" "$cc" || continue
        log "$project/$cc: training $k: candidate $c ($CAND_COMPILE | $CAND_LINK)"
        candidate_build "$cc" "$c" "$b/toolkit$tag-$k" "$b/cand$i$tag-$k" || continue
        for m in $MEASURES; do record "$project" "$m" "$cc" "c$i" "$(count "$b/cand$i$tag-$k" "$m")"; done
      done
    done
  done
done

# value PROJECT MEASURE CC COLUMN: the median of the recorded counts, or empty.
value() {
  local v
  v=$(awk -v p="$1" -v m="$2" -v c="$3" -v k="$4" '$1 == p && $2 == m && $3 == c && $4 == k { print $5 }' "$results")
  [ -z "$v" ] || median <<< "$v"
}
cols="twin lto expert toolkit"
i=0
echo
echo "== instructions of the measured load (valgrind --tool=cachegrind --cache-sim=no), millions;"
if [ -n "${candidates//[[:space:]]/}" ]; then
  echo "   median of $trainings training(s); candidates on the toolkit's tree with its profile:"
else
  echo "   median of $trainings training(s); no candidates"
fi
for c in $candidates; do
  i=$((i + 1))
  cols="$cols c$i"
  echo "   c$i = $c"
done
[ -z "$linker" ] || echo "   every build linked with -fuse-ld=$linker"
[ -z "$module_args" ] || echo "   the twin, the toolkit and the candidates configured with: $module_args"
for what in counts twin expert; do
  echo
  case "$what" in
    counts) echo "-- millions of instructions" ;;
    twin) echo "-- ratio to the twin without the profile (> 1: more instructions than the twin)" ;;
    expert) echo "-- ratio to the expert (> 1: more instructions than the expert)" ;;
  esac
  printf '%-24s%-10s' "project/measure" compiler
  for c in $cols; do printf '%9s' "$c"; done
  echo
  awk '{ print $1, $2, $3 }' "$results" | awk '!seen[$0]++' | while read -r p m cc; do
    printf '%-24s%-10s' "$p/$m" "$cc"
    base=""
    [ "$what" = counts ] || base=$(value "$p" "$m" "$cc" "$what")
    for c in $cols; do
      v=$(value "$p" "$m" "$cc" "$c")
      if [ -z "$v" ]; then
        printf '%9s' -
      elif [ "$what" = counts ]; then
        printf '%9.2f' "$(div "$v" 1000000)"
      else
        printf '%9.4f' "$(div "$v" "$base")"
      fi
    done
    echo
  done
done
