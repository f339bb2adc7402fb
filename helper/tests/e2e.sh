#!/bin/sh
# SPDX-License-Identifier: MIT
# End to end against a real compiler: instrument a tiny CMake project, train it through two
# CTest tests labelled pgo-training, merge, rebuild with pgo-helper launch as the compiler
# launcher, and check the summary.
# usage: e2e.sh HELPER WORK_DIR CC CMAKE
helper=$1
cc=$2
work=$3/$(basename "$2")
cmake=$4
set -e
rm -rf "$work"
mkdir -p "$work/src"
cd "$work"

cat >src/CMakeLists.txt <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(e2e C)
enable_testing()
add_library(work STATIC work.c)
if(EXTRA) # only in the optimized tree: a file the profile knows nothing of
  target_sources(work PRIVATE extra.c)
endif()
add_executable(demo main.c)
target_link_libraries(demo PRIVATE work)
add_test(NAME "small run" COMMAND demo 200)
add_test(NAME "big;run" COMMAND demo 5000)
add_test(NAME unit COMMAND demo 1)
set_tests_properties("small run" "big;run" PROPERTIES LABELS pgo-training)
EOF
cat >src/work.c <<'EOF'
#include <stdlib.h>
static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int never_called(int x) { return x * 7 + 3; }
long work(int n)
{
    int *v = malloc(sizeof(int) * (size_t)n);
    long s = 0;
    for (int i = 0; i < n; i++) v[i] = (i * 7919) % 1000;
    qsort(v, (size_t)n, sizeof(int), cmp);
    for (int i = 0; i < n; i++) s += v[i] > 500 ? v[i] : -v[i];
    free(v);
    return s;
}
EOF
echo 'int extra_fn(int x) { return x - 1; }' >src/extra.c
cat >src/main.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
long work(int n);
static void usage(void) { fputs("usage: demo N\n", stderr); exit(2); }
int main(int argc, char **argv)
{
    if (argc < 2) usage();
    printf("%ld\n", work(atoi(argv[1])));
    return 0;
}
EOF

if "$cc" --version | grep -q clang; then
    kind=clang
    tool=$("$cc" -print-prog-name=llvm-profdata)
    gen="-fprofile-generate=$work/inst/prof"
    use="-fprofile-use=$work/merged.profdata -mllvm -pgo-warn-missing-function"
    profile=$work/merged.profdata
else
    kind=gcc
    case $(basename "$cc") in
    gcc-[0-9]*) tool=gcov-tool-${cc##*gcc-} ;;
    *) tool=gcov-tool ;;
    esac
    gen="-fprofile-generate=$work/inst/prof -fprofile-prefix-path=$work/inst"
    use="-fprofile-use=$work/merged -fprofile-prefix-path=$work/opt -Wmissing-profile"
    profile=$work/merged
    strip=$(printf '%s' "$work/inst/prof" | tr -cd / | wc -c)
fi
echo "e2e: $cc ($kind), $tool"

"$cmake" -S src -B inst -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER="$cc" \
    "-DCMAKE_C_FLAGS=$gen" >/dev/null
"$cmake" --build inst >/dev/null
if [ $kind = clang ]; then
    "$helper" train --build-dir inst --raw-dir "$work/raw" --compiler clang
    "$helper" merge --compiler clang --raw-dir raw --output "$profile" --tool "$tool" \
        --stamp "$work/stamp"
else
    "$helper" train --build-dir inst --raw-dir "$work/raw" --compiler gcc --gcov-strip "$strip"
    "$helper" merge --compiler gcc --raw-dir raw --output "$profile" --tool "$tool" \
        --stamp "$work/stamp"
fi
test "$(ls raw)" = "t0001
t0002"

"$cmake" -S src -B opt -DEXTRA=ON -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER="$cc" "-DCMAKE_C_FLAGS=$use" \
    "-DCMAKE_C_COMPILER_LAUNCHER=$helper;launch;--log-dir;$work/logs;--" >/dev/null
"$cmake" --build opt >build.txt 2>&1 || { cat build.txt; exit 1; }
cat build.txt
if grep -q -e "Wmissing-profile" -e "no profile data available" build.txt; then
    echo "e2e: the launcher let a warning about missing profile data through"
    exit 1
fi
test "$(ls logs | wc -l)" = 3

# Not piped into tee: a pipeline's status is tee's, and set -e would miss a failed summary.
"$helper" summary --compiler $kind --profile "$profile" --log-dir logs --build-dir opt \
    --tool "$tool" --compiler-path "$cc" -v >summary.txt 2>&1 ||
    { cat summary.txt; echo "e2e: pgo-helper summary failed"; exit 1; }
cat summary.txt
grep -q "^  placement      [1-9][0-9]* of " summary.txt
grep -q "^  objects        3 compiled with the profile" summary.txt
grep -q "^  warnings       0 [a-z]* mismatch, [1-9][0-9]* without profile data" summary.txt # extra.c
if [ $kind = gcc ]; then
    grep -q "2 found their .gcda" summary.txt
fi

# Training again gives the same counts: the profile and its stamp stay as they are (touch
# would make a stamp the merge never wrote).
[ -f stamp ] || { echo "e2e: the merge wrote no stamp $work/stamp"; exit 1; }
touch -t 200001010000 stamp
"$helper" train --build-dir inst --raw-dir "$work/raw" --compiler $kind ${strip:+--gcov-strip $strip} >/dev/null
"$helper" merge --compiler $kind --raw-dir raw --output "$profile" --tool "$tool" \
    --stamp "$work/stamp" >merge.txt 2>&1 || { cat merge.txt; echo "e2e: the second merge failed"; exit 1; }
cat merge.txt
grep -q "profile unchanged" merge.txt
test -z "$(find . -name stamp -newermt 2001-01-01)"
echo "e2e: $cc passed"
