#!/bin/sh
# Measures `pgo-helper merge --input` on many raw profiles (not a test): builds a tiny
# program instrumented by clang and by gcc, runs each N times (default 2000) with a raw
# profile per run, and times the merges with /usr/bin/time -v (wall time, peak memory).
#
#   tests/benchmark/merge-many.sh [N] [WORK_DIR]
#
# Needs a built pgo-helper (PGO_HELPER, default build/test/helper/pgo-helper), clang-19 with
# llvm-profdata-19 and gcc-12 with gcov-tool-12.
set -eu
n=${1:-2000}
work=${2:-/tmp/pgo-merge-many}
here=$(cd "$(dirname "$0")/../.." && pwd)
helper=${PGO_HELPER:-$here/build/test/helper/pgo-helper}
project=$here/tests/module/project

rm -rf "$work" && mkdir -p "$work/craw" "$work/graw" && cd "$work"
cp "$project/main.c" "$project/work.c" .
clang-19 -O2 -fprofile-generate -o app-clang main.c work.c
gcc-12 -O2 -fprofile-generate -fprofile-prefix-path="$work" -o app-gcc main.c work.c

echo "merge-many: $n runs of each instrumented program"
# gcc writes its .gcda files to GCOV_PREFIX/<the directory it was built in>; stripping that
# directory's components gives one flat folder per run.
strip=$(printf '%s' "$work" | tr -cd / | wc -c)
i=1
while [ "$i" -le "$n" ]; do
    LLVM_PROFILE_FILE=craw/r$i.profraw ./app-clang $((i * 10)) >/dev/null
    GCOV_PREFIX=$work/graw/r$i GCOV_PREFIX_STRIP=$strip ./app-gcc $((i * 10)) >/dev/null
    i=$((i + 1))
done

measure() { # measure NAME COMMAND...
    name=$1
    shift
    /usr/bin/time -v "$@" >"$name.out" 2>"$name.time" || { cat "$name.out" "$name.time"; exit 1; }
    printf '%-6s %s; wall %s, peak RSS %s kB\n' "$name" "$(grep 'profile updated' "$name.out" "$name.time" | sed 's/.*profile updated: //' | head -1)" \
        "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$name.time")" \
        "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$name.time")"
}
measure clang "$helper" merge --compiler clang --input craw --output out/app.profdata \
    --tool "$(command -v llvm-profdata-19)"
measure gcc "$helper" merge --compiler gcc --input graw --output out/gcda/profile \
    --stamp out/gcda/stamp --tool "$(command -v gcov-tool-12)"
echo "merge-many: peak RSS is the largest of pgo-helper and the tools it ran"
