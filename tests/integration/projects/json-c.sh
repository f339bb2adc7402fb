# SPDX-License-Identifier: MIT
# json-c (a JSON parser): a shared library with a SONAME and a static one
# from the same sources, a program in a subdirectory calling project()
# linked to the shared library, its own flags (-Werror, -ffunction-sections),
# include(CTest) with its own test suite, install() rules.
P_PACKAGE=json-c
P_CMAKE_DIR=.
P_ARGS=()
P_PROGRAM=apps/json_parse
# One of the project's own tests trains too, through PGO_TRAINING_TESTS.
P_TESTS='^test_parse$'
P_CTEST=.

# json-c 0.16 builds with -Werror, and clang >= 15 warns of its
# declarations without prototypes (-Wstrict-prototypes): the plain build
# fails too.  Its own switch turns -Werror off.
p_compiler_args() {
  case "$1" in
    clang-1[5-9] | clang-[2-9][0-9]) echo -DDISABLE_WERROR=ON ;;
  esac
}

p_corpus() {
  local d=$1
  perl "$integration_dir/gen.pl" json 1 3000000 records > "$d/train-records.json"
  perl "$integration_dir/gen.pl" json 2 2000000 nested > "$d/train-nested.json"
  perl "$integration_dir/gen.pl" json 3 1000000 numbers > "$d/train-numbers.json"
  perl "$integration_dir/gen.pl" json 11 6000000 records > "$d/bench-records.json"
  perl "$integration_dir/gen.pl" json 12 4000000 nested > "$d/bench-nested.json"
  perl "$integration_dir/gen.pl" json 13 3000000 numbers > "$d/bench-numbers.json"
  perl "$integration_dir/gen.pl" json 21 400000 nested > "$d/small.json"
  printf '{"a":[1,2.5,"x\\u00e9y",true,null],"b":{"c":-3}}\n' > "$d/check.json"
}

p_workload() {
  local mode=$1 prog=$2 d=$3 f
  case "$mode" in
    # It reports its memory use and success on both outputs: only its exit
    # code tells.
    train)
      for f in "$d"/train-*.json; do
        run "$prog" -n "$f" > /dev/null 2>&1 || { say "json_parse -n $f failed"; return 1; }
        run "$prog" -f "$f" > /dev/null 2>&1 || { say "json_parse -f $f failed"; return 1; }
      done ;;
    bench)
      for f in "$d"/bench-*.json; do
        run "$prog" "$f" > /dev/null 2>&1 || { say "json_parse $f failed"; return 1; }
        run "$prog" -n -s "$f" > /dev/null 2>&1 || { say "json_parse -n -s $f failed"; return 1; }
      done ;;
    small) run "$prog" "$d/small.json" > /dev/null 2>&1 ;;
    check)
      # It prints the document pretty-printed, between lines of its own.
      local got
      got=$(run "$prog" "$d/check.json" | tr -d ' \n') || return 1
      case "$got" in
        *'{"a":[1,2.5,"x\u00e9y",true,null],"b":{"c":-3}}'* | *'{"a":[1,2.5,"xéy",true,null],"b":{"c":-3}}'*) ;;
        *) say "json_parse printed '$got'"; return 1 ;;
      esac
      run "$prog" -n -s "$d/bench-nested.json" > /dev/null 2>&1 ;;
  esac
}

# Builds a small consumer against the installed headers and shared library.
p_check_install() {
  local prefix=$1 d=$2 lib libdir tmp
  lib=$(compgen -G "$prefix/lib*/libjson-c.so.5" | head -1)
  [ -n "$lib" ] || { say "no libjson-c.so.5 installed in $prefix"; return 1; }
  readelf -d "$lib" | grep -q 'SONAME.*\[libjson-c.so.5\]' || { say "$lib has no SONAME libjson-c.so.5"; return 1; }
  libdir=$(dirname "$lib")
  compgen -G "$libdir/cmake/json-c/json-c-config.cmake" > /dev/null || { say "no json-c-config.cmake installed"; return 1; }
  no_instrumentation "${CC:-}" "$lib" "$libdir/libjson-c.a" || return 1
  tmp=$(mktemp -d)
  cat > "$tmp/use.c" <<'C'
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
int main(void) {
    struct json_object *o = json_tokener_parse("{\"k\":[1,2,{\"x\":\"y\"}],\"n\":2.5}");
    if (!o) return 1;
    struct json_object *k;
    if (!json_object_object_get_ex(o, "k", &k) || json_object_array_length(k) != 3) return 2;
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    if (strcmp(s, "{\"k\":[1,2,{\"x\":\"y\"}],\"n\":2.5}") != 0) { puts(s); return 3; }
    json_object_put(o);
    return 0;
}
C
  if ! "${CC:-cc}" -I"$prefix/include" "$tmp/use.c" -L"$libdir" -ljson-c -o "$tmp/use" ||
     ! LD_LIBRARY_PATH=$libdir "$tmp/use"; then
    say "a program built against the installed json-c failed"
    rm -rf "$tmp"
    return 1
  fi
  # It ran the installed library, not the system's.
  # (ldd's output is kept first: grep -q stops reading at the first match, and with
  # pipefail the SIGPIPE that ldd then gets would fail the check.)
  local loaded
  loaded=$(LD_LIBRARY_PATH=$libdir ldd "$tmp/use")
  grep -q "$libdir/libjson-c.so.5" <<< "$loaded" ||
    { say "the consumer did not load $libdir/libjson-c.so.5"; rm -rf "$tmp"; return 1; }
  rm -rf "$tmp"
}
