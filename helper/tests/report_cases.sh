#!/bin/sh
# SPDX-License-Identifier: MIT
# pgo-helper report, metadata and bench against the fake tools in fake/.
# usage: report_cases.sh CASE HELPER WORK_DIR PLACED_OBJECT PLAIN_OBJECT
. "$(cd "$(dirname "$0")" && pwd)/case_prelude.sh"

prefix="pgo-helper: $(printf '%s' "$case" | sed 's/_.*//')"

# A Clang build of two objects: lib (a.c, the placed fixture) and app (b.c, the plain one,
# whose compile warned that plain_one is out of date and plain_two has no data).
clang_build() {
    mkdir -p build/CMakeFiles/lib.dir build/CMakeFiles/app.dir src
    : >src/a.c
    : >src/b.c
    {
        printf ':ir\nfixture_hot1\n# Func Hash:\n1\n# Num Counters:\n2\n# Counter Values:\n900\n100\n\n'
        printf 'fixture_cold\n# Func Hash:\n2\n# Num Counters:\n1\n# Counter Values:\n0\n\n'
        printf '%s/src/a.c;local_fn\n# Func Hash:\n3\n# Num Counters:\n1\n# Counter Values:\n1000\n\n' "$work"
        printf 'plain_one\n# Func Hash:\n4\n# Num Counters:\n1\n# Counter Values:\n500\n\n'
    } >text.txt
    {
        printf 'warning: %s/src/b.c: function control flow change detected (hash mismatch) plain_one Hash = 4 up to 500 count discarded [-Wbackend-plugin]\n' "$work"
        printf 'warning: %s/src/b.c: no profile data available for function plain_two Hash = 5 up to 0 count discarded [-Wbackend-plugin]\n' "$work"
        printf '2 warnings generated.\n'
    } >stderr.txt
    FAKE_CC_OBJECT=$placed "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -o build/CMakeFiles/lib.dir/a.c.o -c "$work/src/a.c" >/dev/null
    FAKE_CC_STDERR=$work/stderr.txt FAKE_CC_OBJECT=$plain "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -o build/CMakeFiles/app.dir/b.c.o -c "$work/src/b.c" >/dev/null 2>&1
    echo "profdata" >p.profdata
}

case $case in

report_usage)
    run 2 -e "$prefix: --compiler clang needs --tool (llvm-profdata)" \
        -- "$helper" report --compiler clang --profile p --log-dir l --build-dir b
    run 2 -e "$prefix: --stale-threshold must be a percentage from 0 to 100, not 'x'" \
        -- "$helper" report --stale-threshold x
    run 2 -e "$prefix: missing --log-dir" -- "$helper" report --compiler gcc --profile p
    run 0 -e "usage: pgo-helper report --compiler clang|gcc --profile PATH --log-dir DIR" \
        -- "$helper" report -h
    run 2 -e "pgo-helper: metadata: missing --compiler" -- "$helper" metadata --profile p
    run 2 -e "pgo-helper: bench: missing the benchmark command after '--'" \
        -- "$helper" bench --build-dir b --plain-dir p
    ;;

report_clang)
    clang_build
    check "the compile log names the source" grep -qx "source $work/src/b.c" logs/*.log
    FAKE_TEXT=$work/text.txt run 0 \
        -e "pgo-helper: report" \
        -e "  compiler       stdout line ($fake/cc)" \
        -e "  made           unknown (no sidecar $work/p.profdata.meta)" \
        -e "  functions      4 in the profile, 3 ran during training (75%), 1 never ran" \
        -e "  today's code   3 of 5 functions compiled match the profile (60%): 1 out of date, 1 without profile data" \
        -e "                 80.0% of the profile's counts apply to today's code" \
        -e "  placement      1 hot, 1 cold, 2 other" \
        -e "   40.0% ########             fixture_hot1             hot  src/a.c" \
        -e "   40.0% ########             local_fn                 ?    src/a.c" \
        -e "   20.0% ####                 plain_one                -    src/b.c  OUT OF DATE" \
        -e "     2/3    #######     80.0%  src/a.c" \
        -e "     1/1    ##########  20.0%  src/b.c, 1 out of date, 1 without profile data" \
        -e "  never ran: 1 function in 1 file" \
        -e "profile warnings: 1 out of date, 1 without profile data (by file:)" \
        -e "  src/b.c: plain_one (out of date), plain_two (no data)" \
        -e "  html           $work/out/report.html" \
        -- "$helper" report --compiler clang --profile "$work/p.profdata" --log-dir "$work/logs" \
        --build-dir "$work/build" --tool "$fake/llvm-profdata" --compiler-path "$fake/cc" \
        --source-dir "$work" --html "$work/out/report.html"
    check "the page has its charts" grep -q '<svg[^>]*aria-label="hottest functions"' out/report.html
    check "the page runs no script" sh -c "! grep -q '<script' out/report.html"
    check "the page names the out-of-date function" grep -q 'plain_one' out/report.html

    # The summary step: the match, per target, and the threshold.
    printf 'compiler=clang\ncompiler_version=Other cc 1.0\ndate=2024-01-02T03:04:05Z\nsource_revision=0123456789abcdef0123456789abcdef01234567\n' >p.profdata.meta
    FAKE_TEXT=$work/text.txt run 1 \
        -e "pgo-helper: report: the profile was made by another compiler: 'Other cc 1.0', but this build uses 'stdout line' ($fake/cc); retrain with this compiler, or expect most of the profile to be discarded" \
        -e "pgo-helper: report: 3 of 5 functions compiled match the profile (60%): 1 out of date, 1 without profile data" \
        -e "  made           2024-01-02T03:04:05Z, from revision 0123456789ab by Other cc 1.0" \
        -e "  target app                     2 functions,   1 out of date (50%),   1 without profile data" \
        -e "  target lib                     3 functions,   0 out of date (0%),   0 without profile data" \
        -e "$prefix: 20.0% of the functions compiled are out of date (1 of 5), above PGO_STALE_THRESHOLD 10: retrain the profile (clear PGO_PROFILE), or raise the threshold" \
        -- "$helper" report --compiler clang --profile "$work/p.profdata" --log-dir "$work/logs" \
        --build-dir "$work/build" --tool "$fake/llvm-profdata" --compiler-path "$fake/cc" \
        --given --brief --stale-threshold 10
    FAKE_TEXT=$work/text.txt run 0 -n "above PGO_STALE_THRESHOLD" \
        -- "$helper" report --compiler clang --profile "$work/p.profdata" --log-dir "$work/logs" \
        --build-dir "$work/build" --tool "$fake/llvm-profdata" --brief --stale-threshold 20
    ;;

report_gcc)
    mkdir -p build/CMakeFiles/x.dir prof
    # a .gcda with one function (ident 1) that ran, for the object x.dir/a.c.o
    printf 'adcg*22B\001\000\000\000\002\000\000\000\000\000\000\001\014\000\000\000\001\000\000\000\002\000\000\000\003\000\000\000\000\000\241\001\010\000\000\000\007\000\000\000\000\000\000\000\000\000\000\000' >"prof/CMakeFiles#x.dir#a.c.gcda"
    printf '%s/a.c:3:5: warning: profile for function %sfixture_cold%s not found in profile data [-Wmissing-profile]\n' "$work" "'" "'" >stderr.txt
    FAKE_CC_STDERR=$work/stderr.txt FAKE_CC_OBJECT=$placed "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -o build/CMakeFiles/x.dir/a.c.o -c "$work/a.c" >/dev/null 2>&1
    run 0 -e "  functions      1 in the profile, 1 ran during training (100%), 0 never ran" \
        -e "  today's code   1 of 2 functions compiled match the profile (50%): 0 out of date, 1 without profile data" \
        -e "  100.0% #################### #00000001                ?    $work/a.c" \
        -e "  $work/a.c: fixture_cold (no data)" \
        -e "note: GCC's .gcda files name no function; names come from checksums of the source and the objects' symbols" \
        -- "$helper" report --compiler gcc --profile "$work/prof" --log-dir "$work/logs" \
        --build-dir "$work/build"
    ;;

report_interrupt)
    # SIGINT or SIGTERM while report runs a demangler, or compiles again for GCC's notes:
    # the child is stopped, the temporary folder in TMPDIR removed, the helper dies of it.
    mkdir tmp
    printf '#!/bin/sh\necho $$ >"$FAKE_PIDS/${0##*/}"\nexec sleep 60\n' >sleeper
    chmod +x sleeper
    clang_build
    printf '_Z3foov\n# Func Hash:\n9\n# Num Counters:\n1\n# Counter Values:\n50\n\n' >>text.txt
    for sig in INT:130 TERM:143; do
        TMPDIR=$work/tmp FAKE_TEXT=$work/text.txt stop_helper "${sig%:*}" "${sig#*:}" \
            "$helper" report --compiler clang --profile "$work/p.profdata" --log-dir "$work/logs" \
            --build-dir "$work/build" --tool "$fake/llvm-profdata" --demangler "$work/sleeper"
        check "the demangler, SIG${sig%:*}: nothing is left in TMPDIR (found: $(ls tmp | tr '\n' ' '))" \
            test -z "$(ls tmp)"
    done
    # GCC: the function #00000001 has no name; the instrumented tree's compile of a.c.o names
    # it, with the sleeper as its compiler.
    rm -rf build logs
    mkdir -p build/CMakeFiles/x.dir prof inst
    printf 'adcg*22B\001\000\000\000\002\000\000\000\000\000\000\001\014\000\000\000\001\000\000\000\002\000\000\000\003\000\000\000\000\000\241\001\010\000\000\000\007\000\000\000\000\000\000\000\000\000\000\000' >"prof/CMakeFiles#x.dir#a.c.gcda"
    FAKE_CC_OBJECT=$placed "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -o build/CMakeFiles/x.dir/a.c.o -c "$work/a.c" >/dev/null 2>&1
    printf '[{"directory": "%s/inst", "command": "%s/sleeper -o CMakeFiles/x.dir/a.c.o -c %s/a.c", "file": "%s/a.c"}]\n' \
        "$work" "$work" "$work" "$work" >inst/compile_commands.json
    for sig in INT:130 TERM:143; do
        TMPDIR=$work/tmp stop_helper "${sig%:*}" "${sig#*:}" \
            "$helper" report --compiler gcc --profile "$work/prof" --log-dir "$work/logs" \
            --build-dir "$work/build" --notes-from "$work/inst" --gcov-dump "$work/sleeper"
        check "GCC's notes, SIG${sig%:*}: nothing is left in TMPDIR (found: $(ls tmp | tr '\n' ' '))" \
            test -z "$(ls tmp)"
    done
    ;;

metadata)
    echo "profdata" >p.profdata
    printf 'one: app 1 (in /b)\ntwo: app 2 (in /b)\n' >training.txt
    # The case folder may lie inside a checkout (the toolkit's own): git must
    # not look above it.
    GIT_CEILING_DIRECTORIES=$(dirname "$work")
    export GIT_CEILING_DIRECTORIES
    run 0 -- "$helper" metadata --profile "$work/p.profdata" --compiler clang \
        --compiler-path "$fake/cc" --flags "-O2" --training training.txt --source-dir "$work"
    check "compiler" grep -qx "compiler_version=stdout line" p.profdata.meta
    check "training" grep -qx "training=two: app 2 (in /b)" p.profdata.meta
    check "flags hash" grep -qx "flags_hash=[0-9a-f]\{16\}" p.profdata.meta
    check "profile hash" grep -qx "profile_hash=[0-9a-f]\{16\}" p.profdata.meta
    check "date" grep -qx "date=[0-9-]*T[0-9:]*Z" p.profdata.meta
    check "no revision outside a checkout" sh -c "! grep -q source_revision p.profdata.meta"
    if command -v git >/dev/null 2>&1; then
        mkdir src && (cd src && git init -q && echo x >f && git add f &&
            git -c user.name=t -c user.email=t@t commit -qm x) >/dev/null 2>&1
        run 0 -- "$helper" metadata --profile "$work/p.profdata" --compiler clang \
            --source-dir "$work/src" --output "$work/other.meta"
        check "revision" grep -qx "source_revision=[0-9a-f]\{40\}" other.meta
        check "no local changes" grep -qx "source_modified=no" other.meta
    else
        echo "$script: $case: SKIP the source revision checks: git is not installed"
    fi
    # GCC: the sidecar goes inside the profile directory.
    mkdir gcda
    printf 'adcg*22B\001\000\000\000\002\000\000\000\000\000\000\000' >gcda/a.gcda
    run 0 -- "$helper" metadata --profile "$work/gcda" --compiler gcc
    check "gcc format" grep -qx "profile_format=gcda GCC 12.2" gcda/profile.meta
    ;;

bench)
    mkdir build plain release fake
    printf '#!/bin/sh\necho optimized "$@"\n' >build/prog
    printf '#!/bin/sh\necho plain "$@"\n' >plain/prog
    printf '#!/bin/sh\necho release "$@"\n' >release/prog
    # A valgrind that counts 1000 instructions of the plain program, $FAKE_IR of the
    # optimized one and 1100 of plain Release, in the log file cachegrind would write.
    cat >fake/valgrind <<'SH'
#!/bin/sh
log="" sim=""
while [ $# -gt 0 ]; do
    case $1 in --log-file=*) log=${1#--log-file=} ;; --cache-sim=yes) sim=yes ;; -*) ;; *) break ;; esac
    shift
done
case $1 in */build/prog) n=$FAKE_IR m=$FAKE_MISS ;; */release/prog) n=1100 m=5 ;; *) n=1000 m=5 ;; esac
out=$(echo "$log" | sed 's/%p/1/')
printf '==1== Cachegrind\n==1== I   refs:      %s\n' "$n" >"$out"
if [ "$sim" = yes ]; then
    # Cycle estimate: n + 10 (m + 2m) + 100 (m + m) + 15 m = n + 245 m.
    printf '==1== I1  misses:      %s\n==1== LLi misses:      %s\n' "$m" "$m" >>"$out"
    printf '==1== D   refs:      100  (60 rd + 40 wr)\n==1== D1  misses:      %s  (1 rd + 1 wr)\n' "$((2 * m))" >>"$out"
    printf '==1== LLd misses:      %s  (1 rd + 0 wr)\n' "$m" >>"$out"
    printf '==1== Branches:      200  (190 cond + 10 ind)\n==1== Mispredicts:      %s  (1 cond + 1 ind)\n' "$m" >>"$out"
fi
exec "$@" >/dev/null
SH
    chmod +x build/prog plain/prog release/prog fake/valgrind
    # Counted, so that the verdict does not hang on the wall time of three tiny runs.
    export FAKE_IR=1000
    run 0 -e "$prefix: 3 rounds of '$work/build/prog x' on the PGO build and the same build without the profile, in turn" \
        -- "$helper" bench --build-dir "$work/build" --plain-dir "$work/plain" --rounds 3 \
        --warmup 0 --valgrind "$work/fake/valgrind" --output "$work/bench.txt" -- "$work/build/prog" x
    check "round lines" grep -q "^$prefix: round 3/3: no-profile [0-9]*\\.[0-9][0-9][0-9] s, pgo [0-9]*\\.[0-9][0-9][0-9] s$" "$last"
    check "result line" grep -q "^$prefix: no-profile [0-9.]* s, pgo [0-9.]* s (medians of 3 rounds): no-profile/pgo [0-9.]*x, range [0-9.]*-[0-9.]*, quartiles [0-9.]*-[0-9.]*$" "$last"
    check "peak memory" grep -q "^$prefix: peak memory (maximum resident set, median): no-profile [1-9][0-9]* KiB, pgo [1-9][0-9]* KiB$" "$last"
    check "no program output" sh -c "! grep -q 'optimized x' '$last'"
    check "results file" grep -q "^plain_times=[0-9.]*,[0-9.]*,[0-9.]*$" bench.txt
    check "ratio" grep -q "^ratio_median=[0-9.]*$" bench.txt
    # Counted: 0.5% more instructions is within noise, 1% is a regression, with the figures.
    export FAKE_IR=1005
    run 0 -e "$prefix: instructions (valgrind --tool=cachegrind --cache-sim=no): no-profile 1000, pgo 1005: no-profile/pgo 0.9950x" \
        -- "$helper" bench --build-dir "$work/build" --plain-dir "$work/plain" --release-dir "$work/release" \
        --rounds 2 --valgrind "$work/fake/valgrind" --output "$work/bench.txt" -- "$work/build/prog"
    check "three builds" grep -q "^$prefix: 2 rounds of '$work/build/prog' on the PGO build, the same build without the profile and plain Release, in turn$" "$last"
    check "plain Release counted" grep -q "^$prefix: instructions of plain Release 1100: release/pgo 1.0945x$" "$last"
    check "no regression" grep -q "^$prefix: no regression: the PGO build is not slower than the same build without the profile beyond noise (by instructions, at most 0.5% more)$" "$last"
    check "counts kept" grep -q "^pgo_instructions=1005$" bench.txt
    export FAKE_IR=1010
    run 1 -e "$prefix: REGRESSION: the PGO build runs 1.00% more instructions than the same build without the profile (1010 against 1000; more than 0.5% is beyond noise)" \
        -- "$helper" bench --build-dir "$work/build" --plain-dir "$work/plain" --rounds 1 \
        --valgrind "$work/fake/valgrind" --output "$work/bench.txt" -- "$work/build/prog"
    check "regression kept" grep -q "^regression=the PGO build runs 1.00% more instructions" bench.txt
    # The smaller command of --count-arg is what valgrind runs.
    export FAKE_IR=900
    run 0 -e "$prefix: instructions (valgrind --tool=cachegrind --cache-sim=no, the --count-arg command): no-profile 1000, pgo 900: no-profile/pgo 1.1111x" \
        -- "$helper" bench --build-dir "$work/build" --plain-dir "$work/plain" --rounds 1 \
        --valgrind "$work/fake/valgrind" --count-arg "$work/build/prog" --count-arg small -- "$work/build/prog" big
    # Simulated: the cycle estimate decides (n + 245 misses), with the misses shown; more
    # instructions with fewer misses is no regression.
    export FAKE_IR=1010 FAKE_MISS=3
    run 0 -e "$prefix: instructions (valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes): no-profile 1000, pgo 1010: no-profile/pgo 0.9901x" \
        -e "$prefix: simulated, pgo: I1 misses 3, LL misses 6, mispredicted branches 3 of 200; cycle estimate 1745" \
        -e "$prefix: cycle estimate (Ir + 10 L1 misses + 100 LL misses + 15 mispredicts): no-profile/pgo 1.2751x" \
        -e "$prefix: no regression: the PGO build is not slower than the same build without the profile beyond noise (by the cycle estimate, at most 0.5% more)" \
        -- "$helper" bench --build-dir "$work/build" --plain-dir "$work/plain" --rounds 1 \
        --valgrind "$work/fake/valgrind" --simulate --output "$work/bench.txt" -- "$work/build/prog"
    check "simulated counts kept" grep -q "^pgo_cycles=1745$" bench.txt
    check "simulated counts kept" grep -q "^plain_ll_misses=10$" bench.txt
    export FAKE_IR=1000 FAKE_MISS=6
    run 1 -e "$prefix: REGRESSION: the PGO build runs 11.01% more estimated cycles than the same build without the profile (2470 against 2225; more than 0.5% is beyond noise)" \
        -- "$helper" bench --build-dir "$work/build" --plain-dir "$work/plain" --rounds 1 \
        --valgrind "$work/fake/valgrind" --simulate -- "$work/build/prog"
    run 2 -e "$prefix: --simulate needs --valgrind" \
        -- "$helper" bench --build-dir "$work/build" --plain-dir "$work/plain" --simulate -- "$work/build/prog"
    # Wall time alone decides without valgrind: a program that sleeps in the PGO build is
    # slower by the signed-rank test (6 rounds all one way: p = 2/64) and by the median.
    printf '#!/bin/sh\nsleep 0.2\n' >build/prog
    run 1 -n "instructions" \
        -- "$helper" bench --build-dir "$work/build" --plain-dir "$work/plain" --rounds 6 \
        --warmup 0 -- "$work/build/prog"
    check "wall-time verdict" grep -q "^$prefix: wall time: the PGO build is slower (signed-rank test over 6 rounds, p = 0\\.031; no-profile/pgo quartiles 0\\.[0-9]*-0\\.[0-9]*)$" "$last"
    check "wall-time regression" grep -q "^$prefix: REGRESSION: the PGO build is slower than the same build without the profile: median wall-time ratio 0\\.[0-9]* (below 0\\.97), slower by the signed-rank test over 6 rounds (p = 0\\.031; no valgrind: wall time only)$" "$last"
    # Three rounds can never resolve a difference, and say so.
    run 0 -- "$helper" bench --build-dir "$work/build" --plain-dir "$work/plain" --rounds 3 \
        --warmup 0 -- "$work/build/prog"
    check "unresolved wall time" grep -q "^$prefix: wall time: no difference this machine can resolve (signed-rank test over 3 rounds, p = 0\\.250; no-profile/pgo quartiles [0-9.]*-[0-9.]*); fewer than 6 rounds can never resolve one$" "$last"
    printf '#!/bin/sh\nexit 3\n' >plain/prog
    run 1 -e "$prefix: the benchmark failed on the no-profile build: '$work/plain/prog' exit code 3" \
        -- "$helper" bench --build-dir "$work/build" --plain-dir "$work/plain" --rounds 1 \
        -- "$work/build/prog"
    ;;

*)
    echo "report_cases.sh: unknown case '$case'"
    exit 2
    ;;
esac
exit $failed
