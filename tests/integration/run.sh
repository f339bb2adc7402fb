#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The integration suite: the zero-edit PGO flow on real third-party CMake
# projects, fetched as Debian bookworm source packages.  For each project and
# compiler it configures the unmodified project with
#   -DPGO=ON -DCMAKE_PROJECT_INCLUDE=<toolkit>/modules/PGO.cmake
#   -DPGO_TRAINING_COMMAND="bash workload.sh <project> train <data>"
# trains on inputs generated here, then checks that the summary shows the
# profile reached the compiler, that the optimized program gives right
# answers and carries no instrumentation, that the project's own tests pass
# on it, that a second build compiles nothing, and that `cmake --install`
# installs files that work.
#
#   tests/integration/run.sh [--projects "zstd json-c pcre2"]
#       [--compilers "gcc-12 clang-14"] [--work-dir DIR] [--helper PGO_HELPER]
#       [--fetch-only]
#
# Downloads (the source packages) are kept in WORK/downloads and reused.
set -uo pipefail
me=run.sh
. "$(dirname "$0")/lib.sh"

projects=$(all_projects | tr '\n' ' ')
compilers="gcc-12 clang-14"
work="$pgo_root/build/integration"
helper=""
fetch_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --projects) projects="$2"; shift 2 ;;
    --compilers) compilers="$2"; shift 2 ;;
    --work-dir) work="$2"; shift 2 ;;
    --helper) helper="$2"; shift 2 ;;
    --fetch-only) fetch_only=1; shift ;;
    -h|--help) sed -n '3,18p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
work=$(cd "$work" && pwd)

packages=()
for p in $projects; do
  load_project "$p"
  packages+=("$P_PACKAGE")
done
fetch_sources "$work/downloads" "${packages[@]}"
if [ "$fetch_only" = 1 ]; then
  say "sources of ${packages[*]} are in $work/downloads"
  exit 0
fi

# prepare PROJECT: its unpacked source ($src) and generated inputs ($data).
prepare() {
  load_project "$1"
  unpack_source "$work/downloads" "$P_PACKAGE" "$work/src/$1"
  src="$work/src/$1/$P_CMAKE_DIR"
  data="$work/data/$1"
  if [ ! -e "$data/.done" ]; then
    say "$1: generating the workload inputs in $data"
    rm -rf "$data"
    mkdir -p "$data"
    p_corpus "$data" || die "$1: generating the inputs failed"
    touch "$data/.done"
  fi
}

# One project with one compiler; returns non-zero on the first failure.
run_one() {
  local p=$1 cc=$2 b log args prefix
  b="$work/$cc/$p"
  prefix="$work/$cc/$p-install"
  rm -rf "$b" "$prefix"
  mkdir -p "$b"
  args=(-G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_COMPILER=$(c_compiler "$cc")"
        "-DCMAKE_CXX_COMPILER=$(cxx_compiler "$cc")"
        -DPGO=ON "-DCMAKE_PROJECT_INCLUDE=$pgo_root/modules/PGO.cmake"
        "-DPGO_TRAINING_COMMAND=bash \"$integration_dir/workload.sh\" $p train \"$data\"")
  mapfile -t -O ${#args[@]} args < <(project_args "$cc")
  [ -n "$P_TESTS" ] && args+=("-DPGO_TRAINING_TESTS=$P_TESTS")
  [ -n "$helper" ] && args+=("-DPGO_HELPER=$helper")

  say "$p/$cc: configuring $b"
  log="$b.configure.log"
  cmake -S "$src" -B "$b" "${args[@]}" > "$log" 2>&1 || { tail -40 "$log" >&2; say "configure failed ($log)"; return 1; }

  say "$p/$cc: building (instrumented build, training, optimized build)"
  log="$b.build.log"
  cmake --build "$b" --parallel 2 > "$log" 2>&1 || { tail -60 "$log" >&2; say "build failed ($log)"; return 1; }
  check_summary "$log" || return 1

  say "$p/$cc: checking the optimized program"
  no_instrumentation "$cc" "$b/$P_PROGRAM" || return 1
  (cd "$b" && bash "$integration_dir/workload.sh" "$p" check "$data") || return 1

  if [ -n "$P_CTEST" ]; then
    say "$p/$cc: the project's own tests on the optimized build"
    log="$b.ctest.log"
    env "${P_CTEST_ENV[@]//@SRC@/$src}" ctest --test-dir "$b" -R "$P_CTEST" -E '^pgo-training-command$' -j2 --output-on-failure \
      > "$log" 2>&1 || { tail -40 "$log" >&2; say "the project's tests failed ($log)"; return 1; }
    grep -E '^[0-9]+% tests passed' "$log" >&2
  fi

  say "$p/$cc: a second build must compile and train nothing"
  log="$b.rebuild.log"
  cmake --build "$b" --parallel 2 > "$log" 2>&1 || { tail -40 "$log" >&2; say "second build failed ($log)"; return 1; }
  if grep -E 'Building (C|CXX) object|Linking|PGO: training|PGO \[1/3\]' "$log" >&2; then
    say "the second build did work again ($log)"
    return 1
  fi

  say "$p/$cc: installing to $prefix"
  log="$b.install.log"
  cmake --install "$b" --prefix "$prefix" > "$log" 2>&1 || { tail -40 "$log" >&2; say "install failed ($log)"; return 1; }
  CC=$(c_compiler "$cc") p_check_install "$prefix" "$data" || return 1
}

passed=0
failed=0
failures=""
for p in $projects; do
  prepare "$p"
  for cc in $compilers; do
    if ! command -v "$cc" > /dev/null; then
      say "SKIP $p/$cc: $cc is not installed"
      continue
    fi
    t0=$(date +%s)
    if (run_one "$p" "$cc"); then
      say "PASS $p/$cc ($(( $(date +%s) - t0 )) s)"
      passed=$((passed + 1))
    else
      say "FAIL $p/$cc ($(( $(date +%s) - t0 )) s)"
      failed=$((failed + 1))
      failures="$failures $p/$cc"
    fi
  done
done
[ -z "$failures" ] || say "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
