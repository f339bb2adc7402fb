# SPDX-License-Identifier: MIT
# yaml-cpp (a YAML parser and emitter in C++): a static library, its tools
# in a subdirectory (util/parse loads a document into nodes and emits it
# again, util/read runs the parser's events alone), its own warning flags,
# install() rules with a CMake package and a pkg-config file.  Trained on
# configuration-style YAML (nested block mappings, comments, anchors,
# literal blocks) and flat JSON records; measured on long block sequences
# of records and on deep flow-style (JSON) trees.  Its test suite (Debian
# builds it against /usr/src/googletest) is not built: it takes longer to
# compile than the library.
P_PACKAGE=yaml-cpp
P_CMAKE_DIR=.
P_ARGS=(-DYAML_CPP_BUILD_TESTS=OFF)
P_PROGRAM=util/parse
P_TESTS=
P_CTEST=

p_corpus() {
  local d=$1
  perl "$integration_dir/gen.pl" yaml 1 1500000 config > "$d/train-config.yaml"
  perl "$integration_dir/gen.pl" yaml 2 500000 list > "$d/train-list.yaml"
  perl "$integration_dir/gen.pl" json 3 1000000 records > "$d/train-records.json"
  perl "$integration_dir/gen.pl" yaml 11 1500000 list > "$d/bench-list.yaml"
  perl "$integration_dir/gen.pl" json 12 1000000 nested > "$d/bench-nested.json"
  perl "$integration_dir/gen.pl" yaml 13 800000 config > "$d/bench-config.yaml"
  perl "$integration_dir/gen.pl" yaml 21 150000 list > "$d/small.yaml"
  printf 'a: [1, 2]\nb:\n  c: "x y"\n  d: &r z\ne: *r\n' > "$d/check.yaml"
}

p_workload() {
  local mode=$1 prog=$2 d=$3 f read
  read=$(dirname "$prog")/read
  case "$mode" in
    # parse prints its errors and exits 0: an error on standard error fails.
    train)
      for f in "$d"/train-*; do
        run "$prog" "$f" 2>&1 > /dev/null | grep . >&2 && { say "parse $f failed"; return 1; }
        run "$read" "$f" || { say "read $f failed"; return 1; }
      done ;;
    bench)
      for f in "$d"/bench-*; do
        run "$prog" "$f" 2>&1 > /dev/null | grep . >&2 && { say "parse $f failed"; return 1; }
      done
      run "$read" -n 3 -c "$d/bench-list.yaml" || { say "read -n 3 -c failed"; return 1; } ;;
    small) run "$prog" "$d/small.yaml" > /dev/null ;;
    check)
      local got
      got=$(run "$prog" "$d/check.yaml" 2>&1 | tr '\n' '|') || return 1
      [ "$got" = 'a: [1, 2]|b:|  c: x y|  d: &1 z|e: *1|' ] || { say "parse printed '$got'"; return 1; } ;;
  esac
}

# Builds a small program against the installed headers and library.
p_check_install() {
  local prefix=$1 d=$2 lib tmp got
  lib=$(compgen -G "$prefix/lib*/libyaml-cpp.a" | head -1)
  [ -n "$lib" ] || { say "no libyaml-cpp.a installed in $prefix"; return 1; }
  [ -e "$prefix/include/yaml-cpp/yaml.h" ] || { say "yaml-cpp/yaml.h not installed"; return 1; }
  compgen -G "$prefix/lib*/cmake/yaml-cpp/yaml-cpp-config.cmake" > /dev/null ||
    compgen -G "$prefix/share/cmake/yaml-cpp/yaml-cpp-config.cmake" > /dev/null ||
    { say "no yaml-cpp-config.cmake installed"; return 1; }
  no_instrumentation "${CC:-}" "$lib" || return 1
  tmp=$(mktemp -d)
  cat > "$tmp/use.cc" <<'CXX'
#include <yaml-cpp/yaml.h>
#include <iostream>
int main() {
  YAML::Node n = YAML::Load("k: [1, 2, {x: y}]\nn: 2.5\n");
  std::cout << n["k"].size() << ' ' << n["k"][2]["x"].as<std::string>() << ' ' << n["n"].as<double>() << '\n';
}
CXX
  if ! "$(cxx_compiler "${CC:-gcc-12}")" -I"$prefix/include" "$tmp/use.cc" "$lib" -o "$tmp/use" ||
     ! got=$("$tmp/use"); then
    say "a program built against the installed yaml-cpp failed"
    rm -rf "$tmp"
    return 1
  fi
  rm -rf "$tmp"
  [ "$got" = '3 y 2.5' ] || { say "a program built against the installed yaml-cpp printed '$got'"; return 1; }
}
