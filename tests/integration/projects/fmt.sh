# SPDX-License-Identifier: MIT
# fmt (a C++ formatting library; Debian's source package fmtlib): a static
# library, a test suite of GoogleTest programs that Debian builds against
# /usr/src/googletest (add_subdirectory of a folder outside the source tree,
# package googletest), targets compiled header-only beside the library,
# install() rules with a CMake package.  The training is the project's own
# tests alone (PGO_TRAINING_TESTS: one CTest test per program, add_test); the
# workload is the one test program that does not train, format-test.
P_PACKAGE=fmtlib
P_CMAKE_DIR=.
P_ARGS=(-DFMT_DOC=OFF)
P_PROGRAM=bin/format-test
P_TESTS='^(args|chrono|color|core|compile|compile-fp|format-impl|ostream|printf|ranges|scan|std|unicode|xchar)-test$'
P_CTEST=.

# No inputs: the workloads are the project's tests.
p_corpus() { :; }

p_workload() {
  local mode=$1 prog=$2 d=$3
  case "$mode" in
    # The training is P_TESTS (the toolkit's PGO_TRAINING_TESTS; the
    # benchmark's hand-made builds run them with ctest -R): nothing more.
    train) : ;;
    # Each repetition runs the program's tests again (106 with g++-12, 107
    # with clang++, which enables one more).
    bench) run "$prog" --gtest_repeat=200 > /dev/null || { say "format-test --gtest_repeat=200 failed"; return 1; } ;;
    # Under valgrind (64-bit long double) a few width and long double tests
    # fail; the run is counted all the same (check runs it natively).
    small) run "$prog" > /dev/null || [ -n "$RUN" ] ;;
    check)
      local got
      got=$(run "$prog" --gtest_brief=1) || { say "format-test failed"; return 1; }
      if ! grep -Eq '^\[  PASSED  \] 10[67] tests' <<< "$got" || grep -q 'FAILED' <<< "$got"; then
        say "format-test printed '$got'"
        return 1
      fi ;;
  esac
}

# Builds a small program against the installed headers, library and CMake
# package files.
p_check_install() {
  local prefix=$1 d=$2 lib tmp got
  lib=$(compgen -G "$prefix/lib*/libfmt.a" | head -1)
  [ -n "$lib" ] || { say "no libfmt.a installed in $prefix"; return 1; }
  [ -e "$prefix/include/fmt/format.h" ] || { say "fmt/format.h not installed"; return 1; }
  compgen -G "$prefix/lib*/cmake/fmt/fmt-config.cmake" > /dev/null || { say "no fmt-config.cmake installed"; return 1; }
  no_instrumentation "${CC:-}" "$lib" || return 1
  tmp=$(mktemp -d)
  cat > "$tmp/use.cc" <<'CXX'
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <vector>
int main() {
  std::vector<int> v{1, 2, 3};
  fmt::print("{:>6.2f}|{:#x}|{}|{:*^7}\n", 3.14159, 255, v, "ab");
}
CXX
  if ! "$(cxx_compiler "${CC:-gcc-12}")" -std=c++17 -I"$prefix/include" "$tmp/use.cc" "$lib" -o "$tmp/use" ||
     ! got=$("$tmp/use"); then
    say "a program built against the installed fmt failed"
    rm -rf "$tmp"
    return 1
  fi
  rm -rf "$tmp"
  [ "$got" = '  3.14|0xff|[1, 2, 3]|**ab***' ] || { say "a program built against the installed fmt printed '$got'"; return 1; }
}
