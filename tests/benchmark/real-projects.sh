#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The benchmark on real projects (not a test): for each project of
# tests/integration/projects (Debian bookworm source packages) and each
# compiler, builds five ways from the same sources and flags:
#   plain    the project's own Release build
#   lto      plain with CMake's IPO (-DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON, and
#            CMAKE_POLICY_DEFAULT_CMP0069=NEW for projects older than CMake 3.9):
#            the same build as the toolkit's without the profile
#   hand     the guides' PGO by hand: instrumented through CMAKE_<LANG>_FLAGS
#            and the linker flags, the same training, llvm-profdata merge (GCC:
#            the runtime merges the .gcda files itself), rebuilt with -fprofile-use
#   expert   hand with CMake's IPO in both phases: an expert's PGO+LTO
#   toolkit  the toolkit's zero-edit build (-DPGO=ON -DCMAKE_PROJECT_INCLUDE=...),
#            with its defaults (PGO_LTO)
# The training is the project's train workload and, for a project whose own
# tests train (P_TESTS: the toolkit's PGO_TRAINING_TESTS), those tests, which
# the hand-made builds run with ctest -R in their instrumented tree.
# then runs the bench workload (other inputs and options than the training)
# interleaved, the order rotated every round, and prints the median wall
# time of each build, the median of the per-round ratios with its range,
# and the instructions that cachegrind counts on a smaller run (repeatable,
# unlike wall time on this machine).
#
#   tests/benchmark/real-projects.sh [--projects "zstd json-c pcre2"]
#       [--compilers "gcc-12 clang-14"] [--rounds N] [--no-count]
#       [--variants "plain lto hand expert toolkit"] [--build-dir DIR]
#
# --variants builds and measures only some of the five (plain and toolkit
# always): a project whose every build takes minutes (fmt) is measured as
# "plain expert toolkit"; the columns of the others show '-'.
set -euo pipefail

me=real-projects.sh
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/integration/lib.sh"
. "$root/tests/benchmark/stats.sh"

projects=$(all_projects | tr '\n' ' ')
compilers="gcc-12 clang-14"
rounds=7
count=1
variants="plain lto hand expert toolkit"
build="$root/build/bench-real"

while [ $# -gt 0 ]; do
  case "$1" in
    --projects) projects="$2"; shift 2 ;;
    --compilers) compilers="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --no-count) count=0; shift ;;
    --variants) variants="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    -h|--help) sed -n '3,27p' "$0"; exit 0 ;;
    *) echo "$me: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$rounds" in ''|*[!0-9]*|0) echo "$me: --rounds needs a number > 0" >&2; exit 2 ;; esac
mkdir -p "$build"
build=$(cd "$build" && pwd)
for v in $variants; do
  case "$v" in plain|lto|hand|expert|toolkit) ;; *) echo "$me: unknown variant '$v'" >&2; exit 2 ;; esac
done
case " $variants " in *" plain "*) ;; *) echo "$me: --variants needs plain" >&2; exit 2 ;; esac
case " $variants " in *" toolkit "*) ;; *) echo "$me: --variants needs toolkit" >&2; exit 2 ;; esac
workload="$root/tests/integration/workload.sh"

log() { printf '%s\n' "$me: $*" >&2; }
# has VARIANT: VARIANT is built and measured.
has() { case " $variants " in *" $1 "*) return 0 ;; esac; return 1; }
# num3 VALUE: VALUE with three decimals, '-' for none.
num3() { if [ -n "$1" ]; then printf '%.3f' "$1"; else printf -- -; fi; }

# cmake_build DIR LOG ARGS...: configures and builds, or shows the log and stops.
cmake_build() {
  local dir=$1 logf=$2
  shift 2
  if ! { cmake -S "$src" -B "$dir" "$@" && cmake --build "$dir" --parallel 2; } > "$logf" 2>&1; then
    tail -60 "$logf" >&2
    log "building $dir failed (log: $logf)"
    exit 1
  fi
}

# build_all CC DIR: the five builds of the loaded project with compiler CC.
build_all() {
  local cc=$1 b=$2
  local common=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$(c_compiler "$cc")"
                "-DCMAKE_CXX_COMPILER=$(cxx_compiler "$cc")")
  mapfile -t -O ${#common[@]} common < <(project_args "$cc")
  rm -rf "$b"
  mkdir -p "$b"

  log "$project/$cc: plain Release build$(has lto && echo ', and with LTO')"
  cmake_build "$b/plain" "$b/plain.log" "${common[@]}"
  # CMP0069 NEW: a project whose cmake_minimum_required() predates 3.9 ignores the
  # IPO property otherwise (cmark), as an expert who checks the compile lines knows.
  local ipo=(-DCMAKE_INTERPROCEDURAL_OPTIMIZATION=ON -DCMAKE_POLICY_DEFAULT_CMP0069=NEW)
  has lto && cmake_build "$b/lto" "$b/lto.log" "${common[@]}" "${ipo[@]}"

  has hand && hand_pgo "$cc" "$b" hand
  has expert && hand_pgo "$cc" "$b" expert "${ipo[@]}"

  log "$project/$cc: the toolkit's zero-edit PGO build"
  local tests=()
  [ -n "$P_TESTS" ] && tests=("-DPGO_TRAINING_TESTS=$P_TESTS")
  cmake_build "$b/toolkit" "$b/toolkit.log" "${common[@]}" -DPGO=ON \
    "-DCMAKE_PROJECT_INCLUDE=$root/modules/PGO.cmake" \
    "-DPGO_TRAINING_COMMAND=bash \"$workload\" $project train \"$data\"" "${tests[@]}"
  sed -n '/^pgo-helper: summary/,/^  warnings/p' "$b/toolkit.log" >&2
  for v in $variants; do
    (cd "$b/$v" && bash "$workload" "$project" check "$data") ||
      { log "the $v build of $project gives wrong answers"; exit 1; }
  done
}

# hand_pgo CC DIR NAME [CMAKE ARGS...]: PGO by hand into DIR/NAME, each phase
# configured with the extra ARGS (the expert's CMake IPO).
hand_pgo() {
  local cc=$1 b=$2 name=$3 major=${1##*-}
  shift 3
  local common=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$(c_compiler "$cc")"
                "-DCMAKE_CXX_COMPILER=$(cxx_compiler "$cc")")
  mapfile -t -O ${#common[@]} common < <(project_args "$cc")
  common+=("$@")
  local train=(bash "$workload" "$project" train "$data")
  log "$project/$cc: $name PGO: instrumented build, training, merge, optimized build"
  local raw="$b/$name-raw" gen use profile
  # A project's own -Werror must not turn the profile's warnings (code the
  # training never ran, other programs' main) into errors; these -Wno-error
  # change no code.
  case "$cc" in
    clang-*)
      gen="-fprofile-generate=$raw"
      profile="$b/$name.profdata"
      use="-fprofile-use=$profile -Wno-error=backend-plugin -Wno-error=profile-instr-out-of-date -Wno-error=profile-instr-unprofiled" ;;
    gcc-*)
      # .gcda files are named after the objects' paths: strip each tree's own.
      gen="-fprofile-generate=$raw -fprofile-prefix-path=$b/$name-inst"
      profile="$raw"
      use="-fprofile-use=$profile -fprofile-prefix-path=$b/$name -fprofile-correction -Wno-error=missing-profile -Wno-error=coverage-mismatch" ;;
  esac
  cmake_build "$b/$name-inst" "$b/$name-inst.log" "${common[@]}" \
    "-DCMAKE_C_FLAGS=$gen" "-DCMAKE_CXX_FLAGS=$gen" "-DCMAKE_EXE_LINKER_FLAGS=${gen%% *}" \
    "-DCMAKE_SHARED_LINKER_FLAGS=${gen%% *}" "-DCMAKE_MODULE_LINKER_FLAGS=${gen%% *}"
  # What configure checks and build-time generators wrote is not training.
  rm -rf "$raw"
  local t0 t1
  t0=$(now_ns)
  (cd "$b/$name-inst" && "${train[@]}") > "$b/$name-train.log" 2>&1 ||
    { cat "$b/$name-train.log" >&2; log "the training failed in $b/$name-inst"; exit 1; }
  # The project's own tests that train the toolkit's build train this one too.
  if [ -n "$P_TESTS" ]; then
    ctest --test-dir "$b/$name-inst" -R "$P_TESTS" -j2 >> "$b/$name-train.log" 2>&1 ||
      { cat "$b/$name-train.log" >&2; log "the training tests failed in $b/$name-inst"; exit 1; }
  fi
  t1=$(now_ns)
  case "$cc" in
    clang-*) "llvm-profdata-$major" merge -o "$profile" "$raw"/*.profraw ;;
  esac
  log "$project/$cc: $name PGO: training $(( (t1 - t0) / 1000000 )) ms, merge $(( ($(now_ns) - t1) / 1000000 )) ms"
  cmake_build "$b/$name" "$b/$name.log" "${common[@]}" "-DCMAKE_C_FLAGS=$use" "-DCMAKE_CXX_FLAGS=$use"
}


# instructions DIR: instructions of the small workload run by the build in
# DIR, summed over every process it starts.
instructions() {
  local out
  out=$(mktemp -d)
  (cd "$1" && RUN="valgrind --tool=cachegrind --cache-sim=no --log-file=/dev/null --cachegrind-out-file=$out/cg.%p" \
     bash "$workload" "$project" small "$data") || { rm -rf "$out"; return 1; }
  instructions_of "$out"/cg.*
  rm -rf "$out"
}

# code_of DIR: the disassembly of the loaded project's program in build DIR
# and of the shared libraries of DIR it loads, without addresses and names
# of the tree, to compare two builds' machine code.
code_of() {
  local dir=$1 f
  for f in "$dir/$P_PROGRAM" $(ldd "$dir/$P_PROGRAM" 2> /dev/null | awk -v d="$dir/" 'index($3, d) == 1 { print $3 }'); do
    objdump -d --no-show-raw-insn "$f" |
      sed -e '1,3d' -e 's/^ *[0-9a-f]*://' -e 's/\b[0-9a-f]\{4,\}\b//g' -e 's/0x[0-9a-f]\{4,\}//g'
  done
}

summary=()
for project in $projects; do
  prepare_project "$project" "$build"

  for cc in $compilers; do
    if ! command -v "$cc" > /dev/null; then
      log "skipping $cc: not installed"
      continue
    fi
    b="$build/$cc/$project"
    build_all "$cc" "$b"

    tmp=$(mktemp -d)
    log "$project/$cc: a warm-up run, then $rounds interleaved rounds of the bench workload"
    for v in $variants; do (cd "$b/$v" && bash "$workload" "$project" bench "$data"); done
    for ((r = 0; r < rounds; r++)); do
      # Rotate the order every round so that no build always runs first.
      set -- $variants
      for ((k = 0; k < r % $#; k++)); do set -- "${@:2}" "$1"; done
      for v in "$@"; do
        t0=$(now_ns)
        (cd "$b/$v" && bash "$workload" "$project" bench "$data")
        t1=$(now_ns)
        echo "$(( (t1 - t0) / 1000 ))" > "$tmp/$v.$r"
      done
    done

    echo
    echo "== $project, $cc: bench workload, wall time, median of $rounds interleaved rounds (ms); ratio = plain / PGO (>1: PGO faster)"
    printf '%-10s%12s%26s%26s\n' build "median ms" "ratio vs plain [min-max]" "ratio vs expert/lto [min-max]"
    declare -A wall=()
    for v in $variants; do
      wall[$v]=$(cat "$tmp/$v".* | median)
      printf '%-10s%12.1f' "$v" "$(div "${wall[$v]}" 1000)"
      [ "$v" = plain ] || printf '%26s' "$(ratio_cell "$tmp" plain "$v")"
      if [ "$v" = toolkit ]; then
        for w in expert lto; do
          if has $w; then printf '%26s' "$(ratio_cell "$tmp" $w toolkit)"; else printf '%26s' -; fi
        done
      fi
      echo
    done
    if ! has expert; then
      :
    elif [ "$(code_of "$b/expert" | md5sum)" = "$(code_of "$b/toolkit" | md5sum)" ]; then
      echo "(the expert and toolkit builds of $P_PROGRAM and its libraries are the same machine code: their difference in wall time is this machine's noise)"
    else
      echo "(the expert and toolkit builds of $P_PROGRAM differ in machine code: $(diff <(code_of "$b/expert") <(code_of "$b/toolkit") | grep -c '^[<>]') of $(code_of "$b/expert" | wc -l) lines of disassembly; a training whose counts vary from run to run (threads, random seeds), or other flags, give such differences)"
    fi
    hand_ratio=""
    tool_vs_expert=""
    has hand && hand_ratio=$(ratios "$tmp" plain hand | median)
    tool_ratio=$(ratios "$tmp" plain toolkit | median)
    has expert && tool_vs_expert=$(ratios "$tmp" expert toolkit | median)
    for v in hand expert toolkit; do
      has $v || continue
      ratios "$tmp" plain "$v" > "$tmp/ratios"
      med=$(median < "$tmp/ratios")
      if awk -v r="$med" 'BEGIN { exit !(r < 1) }'; then
        hi=$(sort -g "$tmp/ratios" | tail -1)
        printf 'REGRESSION: the %s PGO build is slower than plain Release in wall time: median ratio %.3f < 1' "$v" "$med"
        if awk -v h="$hi" 'BEGIN { exit !(h >= 1) }'; then
          printf ' (its range reaches %.2f: within the noise of this machine)' "$hi"
        fi
        echo
      fi
    done

    irs=""
    if [ "$count" = 1 ] && command -v valgrind > /dev/null; then
      echo
      echo "== $project, $cc: instructions of the small workload (valgrind --tool=cachegrind --cache-sim=no), millions; ratio = plain / PGO"
      declare -A ir=()
      for v in $variants; do
        ir[$v]=$(instructions "$b/$v")
        printf '%-10s%12.2f' "$v" "$(div "${ir[$v]}" 1000000)"
        [ "$v" = plain ] || printf '%12.3f' "$(div "${ir[plain]}" "${ir[$v]}")"
        echo
      done
      for v in hand expert toolkit; do
        has $v || continue
        if [ "${ir[$v]}" -gt "${ir[plain]}" ]; then
          printf 'REGRESSION: the %s PGO build runs %.2f%% more instructions than plain Release (ratio %.3f < 1)\n' "$v" \
            "$(awk -v a="${ir[$v]}" -v p="${ir[plain]}" 'BEGIN { print (a - p) * 100 / p }')" "$(div "${ir[plain]}" "${ir[$v]}")"
        fi
      done
      # pct A B: A against B in percent; '-' where either was not built.
      pct() { if [ -n "$1" ] && [ -n "$2" ]; then awk -v t="$1" -v h="$2" 'BEGIN { printf "%+.2f%%", (t - h) * 100 / h }'; else printf -- -; fi; }
      # irq A B: the instruction ratio A / B, '' where either was not built.
      irq() { if [ -n "${ir[$1]:-}" ] && [ -n "${ir[$2]:-}" ]; then div "${ir[$1]}" "${ir[$2]}"; fi; }
      printf 'toolkit vs expert: %s instructions; toolkit vs hand: %s; toolkit vs lto (what the profile alone does): %s\n' \
        "$(pct "${ir[toolkit]}" "${ir[expert]:-}")" "$(pct "${ir[toolkit]}" "${ir[hand]:-}")" "$(pct "${ir[toolkit]}" "${ir[lto]:-}")"
      irs=$(printf '%10s%10s%10s%10s' "$(num3 "$(irq hand toolkit)")" "$(num3 "$(irq toolkit expert)")" \
        "$(num3 "$(irq lto toolkit)")" "$(num3 "$(irq plain toolkit)")")
      unset ir
    fi
    summary+=("$(printf '%-8s %-9s%10s%10s%10s%s' "$project" "$cc" "$(num3 "$hand_ratio")" "$(num3 "$tool_ratio")" "$(num3 "$tool_vs_expert")" "$irs")")
    unset wall
    rm -rf "$tmp"
  done
done

echo
echo "== summary: median wall-time ratios (plain / PGO, >1: PGO faster; tk/expert: expert / toolkit)"
echo "   and instruction ratios: hand/tk (>= 1.03 wanted), tk/expert (<= 1.005 wanted), lto/tk (what the profile alone buys), plain/tk"
printf '%-8s %-9s%10s%10s%10s%10s%10s%10s%10s\n' project compiler hand toolkit "tk/expert" "Ir hand/tk" "Ir tk/exp" "Ir lto/tk" "Ir pln/tk"
for line in "${summary[@]}"; do echo "$line"; done
