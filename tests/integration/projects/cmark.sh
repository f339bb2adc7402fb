# SPDX-License-Identifier: MIT
# cmark (the CommonMark reference parser in C): a multi-file program
# driven by documents, trained on one kind of Markdown (a project's docs:
# headings, prose, short lists) and measured on another (nested lists, rows
# of inline code, emphasis and links everywhere).  Its CMakeLists.txt says
# cmake_minimum_required(VERSION 3.7), so CMake's IPO property does nothing
# there (policy CMP0069 is unset): the benchmark's lto and expert builds set
# CMAKE_POLICY_DEFAULT_CMP0069=NEW, as an expert would.  project() enables
# C++ too, which it never compiles.
P_PACKAGE=cmark
P_CMAKE_DIR=.
P_ARGS=(-DCMARK_TESTS=OFF)
P_PROGRAM=src/cmark
P_TESTS=
P_CTEST=

p_corpus() {
  local d=$1
  perl "$integration_dir/gen.pl" markdown 1 3000000 docs > "$d/train-docs.md"
  perl "$integration_dir/gen.pl" markdown 2 1000000 docs > "$d/train-notes.md"
  perl "$integration_dir/gen.pl" markdown 11 3000000 dense > "$d/bench-dense.md"
  perl "$integration_dir/gen.pl" markdown 12 1000000 docs > "$d/bench-docs.md"
  perl "$integration_dir/gen.pl" markdown 21 300000 dense > "$d/small.md"
  printf '# T\n\n- *a* `b`\n- [c](http://x/)\n' > "$d/check.md"
}

p_workload() {
  local mode=$1 prog=$2 d=$3 f
  case "$mode" in
    train)
      for f in "$d"/train-*.md; do
        run "$prog" "$f" > /dev/null || { say "cmark $f failed"; return 1; }
        run "$prog" --to xml "$f" > /dev/null || { say "cmark --to xml $f failed"; return 1; }
      done ;;
    bench)
      for f in "$d"/bench-*.md; do
        run "$prog" "$f" > /dev/null || { say "cmark $f failed"; return 1; }
      done
      run "$prog" --smart "$d/bench-dense.md" > /dev/null || { say "cmark --smart failed"; return 1; } ;;
    small) run "$prog" "$d/small.md" > /dev/null ;;
    check)
      local got
      got=$(run "$prog" "$d/check.md" | tr -d '\n') || return 1
      [ "$got" = '<h1>T</h1><ul><li><em>a</em> <code>b</code></li><li><a href="http://x/">c</a></li></ul>' ] ||
        { say "cmark printed '$got'"; return 1; } ;;
  esac
}

# The installed program gives the right answer and carries no instrumentation.
p_check_install() {
  local prefix=$1 d=$2 got
  [ -x "$prefix/bin/cmark" ] || { say "no cmark installed in $prefix/bin"; return 1; }
  no_instrumentation "${CC:-}" "$prefix/bin/cmark" || return 1
  got=$(LD_LIBRARY_PATH=$(compgen -G "$prefix/lib*" | tr '\n' ':') "$prefix/bin/cmark" "$d/check.md" | tr -d '\n')
  [ "$got" = '<h1>T</h1><ul><li><em>a</em> <code>b</code></li><li><a href="http://x/">c</a></li></ul>' ] ||
    { say "the installed cmark printed '$got'"; return 1; }
}
