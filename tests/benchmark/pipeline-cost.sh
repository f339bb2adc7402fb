#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The cost of the toolkit's pipeline against PGO by hand (not a test): how
# long the whole zero-edit PGO build takes, from an empty build directory,
# next to the same recipe typed by hand.  For each project and compiler,
# rounds of two builds, their order rotated every round:
#   toolkit  cmake -S src -B t -G Ninja -DCMAKE_BUILD_TYPE=Release
#              -DPGO=ON -DCMAKE_PROJECT_INCLUDE=modules/PGO.cmake
#              -DPGO_HELPER=<prebuilt helper> <training>
#            cmake --build t     (instrumented tree, training, merge, optimized tree)
#            The configure and the build are timed; the build is split by
#            the edges of its .ninja_log and of _pgo/instrumented/.ninja_log.
#   hand     the toolkit's default recipe (Lto.cmake, Toolchain.cmake's
#            _pgo_mode_flags, Pipeline.cmake) by hand: CMake's IPO in the
#            optimized tree (the instrumented one compiles without), the same -fprofile-* and -W flags through CMAKE_C_FLAGS and
#            the linker flags, and in the optimized tree Lto.cmake's
#            treatment of installed static libraries (a project include);
#            instrumented configure and build, the same
#            training (ctest -j2, as the toolkit runs its tests two at a time
#            here), llvm-profdata merge (GCC: the runtime merges .gcda files
#            itself), optimized configure and build, each phase timed.
# Then once per project and compiler: the toolkit cold (no PGO_HELPER and an
# empty per-user helper cache: the configure builds pgo-helper), the configure
# alone with the helper cache filled, and no-op builds (median of 5) of the
# toolkit's tree, the hand-made optimized tree and a plain Release tree.
# A warning line says so if the two builds' compile commands differ (paths
# and profile locations aside).  Prints per project and compiler the phases'
# median and best of the rounds, the ratios toolkit / hand (of the best
# rounds, and the median of the per-round ratios) and where the toolkit's
# edges spend their time.  No figure is asserted.
#
#   tests/benchmark/pipeline-cost.sh [--projects "json-c gen"]
#       [--compilers "gcc-12 clang-14"] [--rounds 3] [--build-dir DIR]
#       [--gen-sources N] [--toolkit DIR]
#
# --toolkit measures the modules/ and helper/ of another checkout (default:
# this one).
# json-c is Debian bookworm's source package trained as real-projects.sh
# trains it (its workload and its test_parse test); gen is the project of
# tests/benchmark/gen-project.sh with N sources (default 1000, in N/12.5
# libraries and N/50 programs), trained by its train-* tests.
set -euo pipefail

me=pipeline-cost.sh
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/integration/lib.sh"
. "$root/tests/benchmark/stats.sh"

projects="json-c gen"
compilers="gcc-12 clang-14"
rounds=3
build="$root/build/bench-cost"
gen_sources=1000
toolkit="$root"

while [ $# -gt 0 ]; do
  case "$1" in
    --projects) projects="$2"; shift 2 ;;
    --compilers) compilers="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --gen-sources) gen_sources="$2"; shift 2 ;;
    --toolkit) toolkit="$2"; shift 2 ;;
    -h|--help) sed -n '3,36p' "$0"; exit 0 ;;
    *) echo "$me: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$rounds" in ''|*[!0-9]*|0) echo "$me: --rounds needs a number > 0" >&2; exit 2 ;; esac
case "$gen_sources" in ''|*[!0-9]*|0) echo "$me: --gen-sources needs a number > 0" >&2; exit 2 ;; esac
[ -f "$toolkit/modules/PGO.cmake" ] || { echo "$me: no modules/PGO.cmake in --toolkit '$toolkit'" >&2; exit 2; }
toolkit=$(cd "$toolkit" && pwd)
mkdir -p "$build"
build=$(cd "$build" && pwd)
workload="$root/tests/integration/workload.sh"

log() { printf '%s\n' "$me: $*" >&2; }

# timed LOG COMMAND...: runs COMMAND with its output appended to LOG and sets
# ms to its wall time in milliseconds; shows the log's end and stops if it fails.
timed() {
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

# record BUILD METRIC ROUND MS: one figure of one round.
record() { echo "$4" > "$tmp/$1.$2.$3"; }

# edge_sums TREE: the summed durations (ms) of the edges of TREE's
# .ninja_log, by the kind of their ninja rule: "compile archive link custom".
# An edge with several outputs is logged once per output: counted once.
edge_sums() {
  awk -F'\t' '
    FNR == NR { i = index($0, ": "); rule[substr($0, 1, i - 1)] = substr($0, i + 2); next }
    /^#/ { next }
    { key = $1 " " $2 " " $5; if (key in seen) next; seen[key] = 1
      r = rule[$4]; d = $2 - $1
      if (r ~ /_COMPILER__/) sum["compile"] += d
      else if (r ~ /STATIC_LIBRARY_LINKER__/) sum["archive"] += d
      else if (r ~ /_LINKER__/) sum["link"] += d
      else sum["custom"] += d }
    END { printf "%d %d %d %d\n", sum["compile"], sum["archive"], sum["link"], sum["custom"] }' \
    <(ninja -C "$1" -t targets all) "$1/.ninja_log"
}

# edge_ms TREE REGEX: the summed durations (ms) of the edges of TREE's
# .ninja_log whose output matches REGEX (each edge once).
edge_ms() {
  awk -F'\t' -v re="$2" '
    /^#/ { next }
    $4 ~ re { key = $1 " " $2 " " $5; if (!(key in seen)) { seen[key] = 1; s += $2 - $1 } }
    END { print s + 0 }' "$1/.ninja_log"
}

# top_edges TREE N: the N longest edges of TREE's .ninja_log, "ms output".
top_edges() {
  awk -F'\t' '/^#/ { next } { key = $1 " " $2 " " $5; if (!(key in seen)) { seen[key] = 1; print $2 - $1, $4 } }' \
    "$1/.ninja_log" | sort -rn | sed -n "1,$2p"
}

# record_edges BUILD ROUND PREFIX TREE: TREE's edge sums as PREFIX_compile etc.
record_edges() {
  local s
  read -r -a s < <(edge_sums "$4")
  record "$1" "$3_compile" "$2" "${s[0]}"
  record "$1" "$3_archive" "$2" "${s[1]}"
  record "$1" "$3_link" "$2" "${s[2]}"
  record "$1" "$3_custom" "$2" "${s[3]}"
}

# run_toolkit BUILD ROUND [ENV...]: the toolkit's pipeline into $b/BUILD,
# with the environment ENV (NAME=VALUE) and $helper_arg.
run_toolkit() {
  local v=$1 r=$2
  shift 2
  local t="$b/$v" logf="$b/$v.$r.log" conf bld ic ia tm
  rm -rf "$t"
  : > "$logf"
  timed "$logf" env "$@" cmake -S "$src" -B "$t" "${common[@]}" -DPGO=ON \
    "-DCMAKE_PROJECT_INCLUDE=$toolkit/modules/PGO.cmake" "${training[@]}" ${helper_arg:+"$helper_arg"}
  conf=$ms
  timed "$logf" env "$@" cmake --build "$t"
  bld=$ms
  ic=$(edge_ms "$t" '^_pgo/instrumented[.]configured$')
  ia=$(edge_ms "$t" '^_pgo/instrumented[.]always$')
  tm=$(edge_ms "$t/_pgo/instrumented" '^_pgo/trained[.]stamp$')
  record "$v" inst_conf "$r" "$ic"
  record "$v" inst_build "$r" $(( ia - tm ))
  record "$v" train_merge "$r" "$tm"
  record "$v" opt_conf "$r" "$conf"
  record "$v" opt_build "$r" $(( bld - ic - ia ))
  record "$v" checks "$r" "$(edge_ms "$t" 'pgo-(summary|report)|_pgo/summary.stamp')"
  record "$v" total "$r" $(( conf + bld ))
  record_edges "$v" "$r" inst "$t/_pgo/instrumented"
  record_edges "$v" "$r" opt "$t"
  { top_edges "$t" 6; top_edges "$t/_pgo/instrumented" 4 | sed 's|\([0-9]*\) |\1 _pgo/instrumented: |'; } > "$tmp/$v.top"
}

# hand_train TREE: the training by hand in the instrumented TREE: the
# toolkit's training tests (and command) run two at a time.
hand_train() {
  local inst=$1 pid=""
  if [ "$project" = json-c ]; then
    (cd "$inst" && bash "$workload" "$project" train "$data") &
    pid=$!
  fi
  ctest --test-dir "$inst" -R "$tests_re" -j2 --output-on-failure
  [ -z "$pid" ] || wait "$pid"
}

# run_hand ROUND: PGO by hand into $b/hand-inst and $b/hand.
run_hand() {
  local r=$1
  local inst="$b/hand-inst" opt="$b/hand" raw="$b/hand-raw" logf="$b/hand.$r.log"
  local gen use link profile total=0
  rm -rf "$inst" "$opt" "$raw" "$b/hand.profdata"
  : > "$logf"
  # The flags of Toolchain.cmake's _pgo_mode_flags; CMake's IPO as the toolkit's PGO_LTO
  # (CMP0069 NEW: json-c's cmake_minimum_required predates 3.9, whose IPO
  # property it would ignore; CMP0056 NEW: its configure checks link with the
  # linker flags below, see the clang case).
  # The instrumented tree without IPO, as the toolkit's (PGO_INSTRUMENTED_LTO OFF).
  local policies=(-DCMAKE_POLICY_DEFAULT_CMP0069=NEW -DCMAKE_POLICY_DEFAULT_CMP0056=NEW)
  local ipo=(-DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON "${policies[@]}")
  case "$cc" in
    clang-*)
      gen="-fprofile-generate=$raw"
      profile="$b/hand.profdata"
      use="-fprofile-use=$profile -Wno-error=backend-plugin -Wno-error=profile-instr-out-of-date -Wno-error=profile-instr-unprofiled -mllvm -pgo-warn-missing-function" ;;
    gcc-*)
      gen="-fprofile-generate=$raw -fprofile-prefix-path=$inst"
      profile="$raw"
      use="-fprofile-use=$profile -fprofile-prefix-path=$opt -fprofile-correction -Wmissing-profile -Wno-error=missing-profile -Wno-error=coverage-mismatch" ;;
  esac
  link="-fprofile-generate=$raw"
  timed "$logf" cmake -S "$src" -B "$inst" "${common[@]}" "${policies[@]}" "-DCMAKE_C_FLAGS=$gen" "-DCMAKE_CXX_FLAGS=$gen" \
    "-DCMAKE_EXE_LINKER_FLAGS=$link" "-DCMAKE_SHARED_LINKER_FLAGS=$link" "-DCMAKE_MODULE_LINKER_FLAGS=$link"
  record hand inst_conf "$r" "$ms"; total=$(( total + ms ))
  timed "$logf" cmake --build "$inst"
  record hand inst_build "$r" "$ms"; total=$(( total + ms ))
  # What configure checks and build-time generators wrote is not training.
  rm -rf "$raw"
  timed "$logf" hand_train "$inst"
  record hand train "$r" "$ms"; total=$(( total + ms ))
  local train_ms=$ms
  ms=0
  case "$cc" in
    clang-*) timed "$logf" "llvm-profdata-${cc#clang-}" merge -o "$profile" "$raw" ;;
  esac
  record hand merge "$r" "$ms"; total=$(( total + ms ))
  record hand train_merge "$r" $(( train_ms + ms ))
  link="-fprofile-use=$profile"
  # PGO_COLD_POLICY's default (ColdCode.cmake): Clang inlines a call site the
  # training never ran at the threshold of an ordinary one, in the compiles
  # and in ThinLTO's backend; the link's spelling needs the LLVMgold plugin,
  # which -flto=thin loads in the configure checks' links too (GNU ld refuses
  # -plugin-opt without one).
  case "$cc" in
    clang-*)
      local threshold
      threshold=$(cold_threshold "$inst")
      if [ -n "$threshold" ]; then
        use+=" -mllvm -inline-cold-callsite-threshold=$threshold"
        link+=" -flto=thin -Wl,-plugin-opt=-inline-cold-callsite-threshold=$threshold"
      fi ;;
  esac
  # CMAKE_C_FLAGS reach the link lines too, where clang calls -mllvm
  # -pgo-warn-missing-function unused, an error under json-c's -Werror, in
  # its configure checks too, which then fail and change its flags
  # (-D_REENTRANT); the toolkit puts its flags on the compiles only.  A
  # link-only flag, no code.
  case "$cc" in clang-*) link+=" -Wno-unused-command-line-argument" ;; esac
  # The toolkit's default keeps installed static libraries linkable without
  # LTO (Lto.cmake): by hand, the edit an expert makes to the project, here
  # through a project include, in the optimized tree (the instrumented tree
  # is never installed).
  local installed=()
  if [ -n "$installed_static" ]; then
    {
      echo "cmake_language(DEFER DIRECTORY \"\${CMAKE_SOURCE_DIR}\" CALL _hand_installed_static)"
      echo "function(_hand_installed_static)"
      for t in $installed_static; do
        case "$cc" in
          clang-*) echo "  set_property(TARGET $t PROPERTY INTERPROCEDURAL_OPTIMIZATION OFF)" ;;
          gcc-*) echo "  target_compile_options($t PRIVATE -ffat-lto-objects)" ;;
        esac
      done
      echo "endfunction()"
    } > "$b/hand-installed.cmake"
    installed=("-DCMAKE_PROJECT_INCLUDE=$b/hand-installed.cmake")
  fi
  timed "$logf" cmake -S "$src" -B "$opt" "${common[@]}" "${ipo[@]}" "-DCMAKE_C_FLAGS=$use" "-DCMAKE_CXX_FLAGS=$use" \
    "-DCMAKE_EXE_LINKER_FLAGS=$link" "-DCMAKE_SHARED_LINKER_FLAGS=$link" "-DCMAKE_MODULE_LINKER_FLAGS=$link" \
    "${installed[@]}"
  record hand opt_conf "$r" "$ms"; total=$(( total + ms ))
  timed "$logf" cmake --build "$opt"
  record hand opt_build "$r" "$ms"; total=$(( total + ms ))
  record hand total "$r" "$total"
  record_edges hand "$r" inst "$inst"
  record_edges hand "$r" opt "$opt"
}

# cold_threshold TREE: the inlining threshold that ColdCode.cmake's
# _pgo_inline_threshold picks for the optimization level TREE's first compile
# command ends with (its last -O, as the compiler reads it; the instrumented
# tree compiles at the optimized one's level): 250 at -O3 and above, 225 at
# -O, -O1 and -O2, none otherwise.
cold_threshold() {
  local level
  level=$(jq -r '.[0].command' "$1/compile_commands.json" | tr ' ' '\n' |
    grep -E '^-O[0-9sgz]?$' | tail -n 1 || true)
  case "$level" in
    -O3|-O[4-9]) echo 250 ;;
    -O|-O1|-O2) echo 225 ;;
  esac
}

# commands_of TREE: TREE's compile commands, one "file<TAB>flags" a line, the
# flags sorted, the tree's and the sources' paths and the profile options'
# values replaced, to compare two trees' flags.
commands_of() {
  jq -r --arg t "$1" --arg s "$src" '
    def norm: split($t) | join("@TREE@") | split($s) | join("@SRC@");
    .[] | (.file | norm) + "\t" + (.command | norm | split(" ") | map(select(. != ""))
      | map(sub("^(?<o>-fprofile-(generate|use|prefix-path))=.*"; "\(.o)=@")) | sort | join(" "))' \
    "$1/compile_commands.json" | sort
}

# compare_flags TOOLKIT_TREE HAND_TREE WHAT: a WARNING line if the trees'
# compile commands differ, else a line saying they agree.
compare_flags() {
  local a b n
  a=$(commands_of "$1")
  b=$(commands_of "$2")
  n=$(wc -l <<< "$a")
  if [ "$a" = "$b" ]; then
    echo "flags: the $3 trees' $n compile commands are the same (paths and profile locations aside)"
    return
  fi
  echo "WARNING: the toolkit's and the hand-made $3 compile commands differ ($(diff <(echo "$a") <(echo "$b") | grep -c '^[<>]' || true) lines of $n); the first:"
  # (diff's status 1 says they differ: not a failure here)
  { diff <(echo "$a") <(echo "$b") || true; } > "$tmp/flags.diff"
  sed -n '/^</{s/^</  toolkit:/p;q;}' "$tmp/flags.diff"
  sed -n '/^>/{s/^>/  hand:   /p;q;}' "$tmp/flags.diff"
}

# noop TREE BUILD: BUILD.noop.0, the median of 5 no-op builds of TREE, and
# BUILD.noop_edges, what the last one ran.
noop() {
  local t=$1 v=$2 k n_out n_in
  : > "$tmp/$v.noop_edges"
  for ((k = 0; k < 5; k++)); do
    n_out=$(wc -l < "$t/.ninja_log")
    n_in=0
    [ -e "$t/_pgo/instrumented/.ninja_log" ] && n_in=$(wc -l < "$t/_pgo/instrumented/.ninja_log")
    timed "$b/noop.log" cmake --build "$t"
    echo "$ms" > "$tmp/$v.noopms.$k"
  done
  tail -n +$(( n_out + 1 )) "$t/.ninja_log" | awk -F'\t' '!seen[$1 " " $2 " " $5]++ { printf "%s (%d ms) ", $4, $2 - $1 }' > "$tmp/$v.noop_edges"
  if [ -e "$t/_pgo/instrumented/.ninja_log" ]; then
    tail -n +$(( n_in + 1 )) "$t/_pgo/instrumented/.ninja_log" |
      awk -F'\t' '!seen[$1 " " $2 " " $5]++ { printf "_pgo/instrumented: %s (%d ms) ", $4, $2 - $1 }' >> "$tmp/$v.noop_edges"
  fi
  record "$v" noop 0 "$(cat "$tmp/$v.noopms".* | median)"
}

# sec MS: seconds with two decimals, '-' for none.
sec() { if [ -n "$1" ]; then awk -v m="$1" 'BEGIN { printf "%.2f", m / 1000 }'; else printf -- -; fi; }
# stat BUILD METRIC median|best: the median or the smallest of the rounds (ms), or ''.
stat() {
  compgen -G "$tmp/$1.$2.*" > /dev/null || return 0
  if [ "$3" = best ]; then cat "$tmp/$1.$2".* | sort -g | sed -n 1p; else cat "$tmp/$1.$2".* | median; fi
}
# ratio_of METRIC: "best-ratio median-ratio [min-max]" toolkit / hand, or '-'.
ratio_of() {
  local tb hb all
  tb=$(stat toolkit "$1" best)
  hb=$(stat hand "$1" best)
  if [ -z "$tb" ] || [ -z "$hb" ] || [ "$hb" = 0 ]; then printf '%9s  %s' - -; return; fi
  all=$(ratios "$tmp" "toolkit.$1" "hand.$1" | sort -g)
  printf '%9.3f  %.3f [%.2f-%.2f]' "$(div "$tb" "$hb")" "$(median <<< "$all")" "$(head -1 <<< "$all")" "$(tail -1 <<< "$all")"
}

# report: the tables of the loaded project and compiler.
report() {
  local m label
  echo
  echo "== $title, $cc: the PGO pipeline from an empty build directory, wall time (s), $rounds round(s); the toolkit with a prebuilt PGO_HELPER"
  echo "(tk/hand best: the best toolkit round over the best hand round; median [min-max]: of the per-round ratios)"
  printf '%-36s %9s %9s %9s %9s %9s  %s\n' phase "tk med" "tk best" "hand med" "hand best" "tk/hand" "median [min-max]"
  for m in inst_conf inst_build train_merge train merge opt_conf opt_build checks total; do
    case "$m" in
      inst_conf) label="instrumented configure" ;;
      inst_build) label="instrumented build" ;;
      train_merge) label="training + merge" ;;
      train) label="  training" ;;
      merge) label="  merge" ;;
      opt_conf) label="optimized configure (toolkit: cmake)" ;;
      opt_build) label="optimized build" ;;
      checks) label="  of which pgo-summary, pgo-report" ;;
      total) label="total" ;;
    esac
    printf '%-36s %9s %9s %9s %9s %s\n' "$label" "$(sec "$(stat toolkit $m median)")" "$(sec "$(stat toolkit $m best)")" \
      "$(sec "$(stat hand $m median)")" "$(sec "$(stat hand $m best)")" "$(ratio_of $m)"
  done
  echo "(toolkit: instrumented configure and build are the edges PGO [1/3] and PGO [2/3] of its build, the latter less the"
  echo " training edge of the instrumented tree (train and merge in one edge); optimized build = cmake --build less those)"
  echo
  echo "sums of ninja edge durations (s, median of rounds; edges run in parallel, so these exceed wall time, and more so at a"
  echo " higher -j; every tree builds at ninja's default job count)"
  printf '%-26s %9s %9s %9s %9s\n' tree compile archive link custom
  for m in inst opt; do
    for v in toolkit hand; do
      printf '%-26s %9s %9s %9s %9s\n' "$v $([ $m = inst ] && echo instrumented || echo optimized)" \
        "$(sec "$(stat $v ${m}_compile median)")" "$(sec "$(stat $v ${m}_archive median)")" \
        "$(sec "$(stat $v ${m}_link median)")" "$(sec "$(stat $v ${m}_custom median)")"
    done
  done
  echo "the toolkit's longest edges (last round, ms):"
  sed 's/^/  /' "$tmp/toolkit.top"
  echo
  printf 'cold helper (no PGO_HELPER, empty helper cache): configure %s s, total %s s (warm best: configure %s s, total %s s)\n' \
    "$(sec "$(stat cold opt_conf best)")" "$(sec "$(stat cold total best)")" \
    "$(sec "$(stat toolkit opt_conf best)")" "$(sec "$(stat toolkit total best)")"
  printf 'cached helper (no PGO_HELPER, the helper cache filled): configure %s s\n' "$(sec "$(stat cached opt_conf best)")"
  printf 'no-op cmake --build, median of 5: toolkit %s s, hand optimized tree %s s, plain Release %s s\n' \
    "$(sec "$(stat toolkit noop median)")" "$(sec "$(stat hand noop median)")" "$(sec "$(stat plain noop median)")"
  echo "  the toolkit's no-op build ran: $(cat "$tmp/toolkit.noop_edges")"
  printf '%s\n' "${flag_lines[@]}"
}

# The prebuilt helper of the warm builds, from the measured toolkit's sources
# (built again from a checkout's changed sources; a no-op otherwise).
helper_dir="$build/helper"
if ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$toolkit/helper" "$helper_dir/CMakeCache.txt" 2> /dev/null; then
  rm -rf "$helper_dir"
fi
log "building pgo-helper in $helper_dir"
{ cmake -S "$toolkit/helper" -B "$helper_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPGO_HELPER_TESTS=OFF &&
  cmake --build "$helper_dir"; } > "$build/helper.log" 2>&1 ||
  { tail -30 "$build/helper.log" >&2; log "building pgo-helper failed"; exit 1; }
helper="$helper_dir/pgo-helper"

for project in $projects; do
  case "$project" in
    json-c)
      prepare_project json-c "$build"
      src=$(cd "$src" && pwd)
      # real-projects.sh's training: the workload and the project's own test_parse.
      training=("-DPGO_TRAINING_COMMAND=bash \"$workload\" json-c train \"$data\"" "-DPGO_TRAINING_TESTS=$P_TESTS")
      tests_re=$P_TESTS
      installed_static=json-c-static   # install(TARGETS ...) of a static library
      title="json-c" ;;
    gen)
      P_ARGS=()
      unset -f p_compiler_args
      src="$build/src/gen-$gen_sources"
      libs=$(( gen_sources * 2 / 25 )); [ "$libs" -ge 1 ] || libs=1
      progs=$(( gen_sources / 50 )); [ "$progs" -ge 1 ] || progs=1
      bash "$root/tests/benchmark/gen-project.sh" "$src" --sources "$gen_sources" --libs "$libs" --programs "$progs"
      training=("-DPGO_TRAINING_TESTS=^train-")
      tests_re='^train-'
      installed_static=""
      title="gen ($gen_sources sources, $libs libraries, $progs programs)" ;;
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
    common=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$(c_compiler "$cc")"
            "-DCMAKE_CXX_COMPILER=$(cxx_compiler "$cc")" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)
    mapfile -t -O ${#common[@]} common < <(project_args "$cc")
    for ((r = 0; r < rounds; r++)); do
      for v in $(rotated "$r" toolkit hand); do
        log "$project/$cc: round $(( r + 1 ))/$rounds: $v"
        if [ "$v" = toolkit ]; then
          helper_arg="-DPGO_HELPER=$helper"
          run_toolkit toolkit "$r"
        else
          run_hand "$r"
        fi
      done
    done
    flag_lines=("$(compare_flags "$b/toolkit/_pgo/instrumented" "$b/hand-inst" instrumented)"
                "$(compare_flags "$b/toolkit" "$b/hand" optimized)")
    sed -n '/^pgo-helper: summary/,/^  warnings/p' "$b/toolkit.$(( rounds - 1 )).log" >&2

    log "$project/$cc: the toolkit with a cold helper (empty XDG_CACHE_HOME), then the configure with it cached"
    helper_arg=""
    rm -rf "$b/xdg"
    mkdir -p "$b/xdg"
    run_toolkit cold 0 "XDG_CACHE_HOME=$b/xdg"
    rm -rf "$b/cold" "$b/cached"
    : > "$b/cached.log"
    timed "$b/cached.log" env "XDG_CACHE_HOME=$b/xdg" cmake -S "$src" -B "$b/cached" "${common[@]}" -DPGO=ON \
      "-DCMAKE_PROJECT_INCLUDE=$toolkit/modules/PGO.cmake" "${training[@]}"
    record cached opt_conf 0 "$ms"
    rm -rf "$b/cached"

    log "$project/$cc: no-op builds, and a plain Release build to compare with"
    : > "$b/plain.log"
    timed "$b/plain.log" cmake -S "$src" -B "$b/plain" "${common[@]}"
    timed "$b/plain.log" cmake --build "$b/plain"
    noop "$b/toolkit" toolkit
    noop "$b/hand" hand
    noop "$b/plain" plain
    report
    rm -rf "$tmp"
  done
done
