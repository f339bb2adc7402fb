#!/bin/sh
# SPDX-License-Identifier: MIT
# Error paths and behaviour of pgo-helper against the fake tools in fake/.
# usage: cases.sh CASE HELPER WORK_DIR PLACED_OBJECT PLAIN_OBJECT
. "$(cd "$(dirname "$0")" && pwd)/case_prelude.sh"

raw_profile() { # raw_profile FILE VERSION: a raw LLVM profile header (little-endian)
    printf '\201\162\146\157\162\160\154\377' >"$1"
    printf "\\$(printf %03o "$2")" >>"$1"
    printf '\000\000\000\000\000\000\001' >>"$1"
}

gcda() { # gcda FILE TEXT: a minimal .gcda file (header, end tag) followed by TEXT
    printf 'adcgB22*stamsum.\000\000\000\000%s\n' "$2" >"$1"
}

prefix="pgo-helper: $(printf '%s' "$case" | sed 's/_.*//')"
make_archive=${PGO_MAKE_ARCHIVE:-}

# signal_training SIG CODE NUMBER NAME WHAT: starts a training of two hanging tests, sends
# SIG to the helper once both run, and checks its exit code CODE, its report of signal NUMBER
# (NAME) as WHAT, and that both tests are stopped.
signal_training() {
    mkdir pids
    FAKE_CTEST=hang FAKE_PIDS=$work/pids "$helper" train --build-dir "$work/build" \
        --raw-dir "$work/raw" --compiler clang --ctest "$fake/ctest" --jobs 2 >out.txt 2>&1 &
    pid=$!
    n=0
    while [ "$(cat pids/* 2>/dev/null | grep -c '^[0-9][0-9]*$')" -lt 2 ] && [ $n -lt 100 ]; do
        sleep 0.1
        n=$((n + 1))
    done
    kill -"$1" $pid
    wait $pid
    rc=$?
    cat out.txt
    check "exit code $2 (got $rc)" test $rc = "$2"
    check "$5" grep -qxF \
        "$prefix: interrupted by signal $3 ($4): stopped 2 running training tests; $work/raw may hold partial profiles" out.txt
    # Without the tests' pids nothing below could fail.
    check "both training tests wrote their pid ($(ls pids | tr '\n' ' '))" \
        test "$(cat pids/* 2>/dev/null | grep -c '^[0-9][0-9]*$')" = 2
    for f in pids/*; do
        # gone, or a zombie waiting for init to reap it
        p=$(cat "$f" 2>/dev/null) n=0
        case $p in '' | *[!0-9]*) continue ;; esac
        while kill -0 "$p" 2>/dev/null && [ "$(ps -o stat= -p "$p" | cut -c1)" != Z ] && [ $n -lt 50 ]; do
            sleep 0.1
            n=$((n + 1))
        done
        check "training process $p is stopped" test $n -lt 50
    done
}

# no_temporaries WHAT: nothing of the form X.tmp.*, X.inputs.* or X.scale.* in the case folder.
no_temporaries() {
    check "$1: no temporaries are left (found: $(ls | grep -E '[.](tmp|inputs|scale)[.]' | tr '\n' ' '))" \
        test -z "$(ls | grep -E '[.](tmp|inputs|scale)[.]')"
}

case $case in

usage_unknown_option)
    run 2 -e "pgo-helper: train: unknown option '--bogus'" \
        -e "usage: pgo-helper train --build-dir DIR --raw-dir RAW --compiler clang|gcc|none" \
        -- "$helper" train --bogus
    run 2 -e "pgo-helper: unknown command 'frobnicate'" -- "$helper" frobnicate
    run 2 -e "pgo-helper: merge: missing --tool" \
        -- "$helper" merge --compiler clang --raw-dir r --output o
    run 2 -e "pgo-helper: train: --compiler gcc needs --gcov-strip N (the number of path components of the -fprofile-generate directory)" \
        -- "$helper" train --build-dir b --raw-dir r --compiler gcc
    run 2 -e "pgo-helper: summary: option '--min-functions' needs a number from 0 to 100000000, not 'x'" \
        -- "$helper" summary --min-functions x
    run 0 -e "pgo-helper 0.1.0" -- "$helper" --version
    run 0 -e "pgo-helper 0.1.0" -- "$helper" launch --version
    run 0 -e "usage: pgo-helper merge --compiler clang|gcc --raw-dir RAW --output OUT --tool TOOL" \
        -- "$helper" merge -h
    ;;

train_no_tests)
    mkdir build
    FAKE_CTEST=empty run 1 \
        -e "$prefix: no training registered in $work/build: add one with pgo_add_training() or give a CTest test the label pgo-training" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
        --ctest "$fake/ctest"
    ;;

train_list_fails)
    FAKE_CTEST=listfail run 1 \
        -e "CMake Error: no such build tree" \
        -e "$prefix: '$fake/ctest --test-dir $work/build -N' failed (exit code 1)" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
        --ctest "$fake/ctest"
    ;;

train_pass)
    mkdir -p raw/t0009 && echo old >raw/t0009/old.profraw && echo keep >outside
    FAKE_CTEST=pass run 0 -e "$prefix: 2 tests, 2 profiles in $work/raw" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
        --ctest "$fake/ctest" --jobs 1
    check "progress lines" grep -q "^$prefix: \\[2/2\\] second; é: passed ([0-9]*\\.[0-9][0-9] s)$" "$last"
    check "old raw profiles are removed" test ! -e raw/t0009
    check "files beside RAW stay" test -f outside
    check "test 1 has a name file" grep -qxF "first test" raw/t0001/name
    check "test 2 has a name file" grep -qxF "second; é" raw/t0002/name
    check "test 2 ran as ctest -I 5,5" grep -qxF "running test 5" raw/t0002/output.log
    check "test 1 wrote a profile" ls raw/t0001/*.profraw
    ;;

train_shard)
    # Two training tests: shard 2 of 2 is the second, by the rule; 3 shards are too many.
    FAKE_CTEST=pass run 0 -e "$prefix: shard 2/2: 1 of the training's 2 tests" \
        -e "$prefix: 1 tests, 1 profiles in $work/raw" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
        --ctest "$fake/ctest" --shard 2/2
    check "shard 2/2 ran the second test" grep -qxF "second; é" raw/t0001/name
    FAKE_CTEST=pass run 1 -e "$prefix: --shard 1/3: the training has 2 tests, fewer than 3 shards, and a shard must train with at least one: make at most 2 shards (PGO_TRAINING_SHARD)" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
        --ctest "$fake/ctest" --shard 1/3
    for bad in 0/2 3/2 2 a/b 1/ /2; do
        run 2 -e "$prefix: --shard '$bad': give K/N, two whole numbers with 1 <= K <= N (shard K of N)" \
            -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
            --ctest "$fake/ctest" --shard "$bad"
    done
    ;;

train_gcc)
    FAKE_CTEST=pass run 0 -e "$prefix: 2 tests, 2 profiles in $work/raw" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler gcc \
        --gcov-strip 3 --ctest "$fake/ctest" -v
    check "GCOV_PREFIX points at the test directory" test -f "raw/t0002/CMakeFiles#t.dir#t5.c.gcda"
    ;;

train_fail)
    FAKE_CTEST=fail run 1 \
        -e "$prefix: training test 'second; é' failed; its output ($work/raw/t0002/output.log):" \
        -e "boom" \
        -e "$prefix: fix the test, or set PGO_TRAINING_ALLOW_FAILURES=ON to train with the tests that pass" \
        -n "profiles in" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
        --ctest "$fake/ctest" --jobs 1
    ;;

train_allow_failures)
    FAKE_CTEST=fail run 0 \
        -e "$prefix: training test 'second; é' failed; its output ($work/raw/t0002/output.log):" \
        -e "$prefix: 2 tests (1 failed), 2 profiles in $work/raw" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
        --ctest "$fake/ctest" --allow-failures
    check "the failed test's profile is kept" ls raw/t0002/*.profraw
    ;;

train_signal)
    FAKE_CTEST=segv run 1 \
        -e "$prefix: [1/2] first test: killed by signal 11 (Segmentation fault)" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
        --ctest "$fake/ctest" --jobs 1
    ;;

train_no_profile)
    FAKE_CTEST=noprofile run 1 \
        -e "$prefix: training test 'first test' wrote no profile: it runs no program built in this tree" \
        -e "$prefix: training wrote no profile in $work/raw: the training tests must run programs built in the instrumented tree (use target names in pgo_add_training COMMAND)" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
        --ctest "$fake/ctest"
    ;;

train_interrupt)
    # Ctrl-C stops the running tests and reports it.
    signal_training INT 130 2 Interrupt "the interruption is reported"
    ;;

train_hangup)
    # A closed terminal (SIGHUP) stops the tests as SIGINT does; it used to kill the helper
    # and leave them running.
    signal_training HUP 129 1 Hangup "the hangup is reported"
    check "the raw profiles are marked incomplete" test -e raw/incomplete
    ;;

merge_no_raw)
    mkdir -p raw/t0001
    run 1 -e "$prefix: no raw profiles (*.profraw) in $work/raw: run the training first" \
        -- "$helper" merge --compiler clang --raw-dir "$work/raw" --output "$work/out.profdata" \
        --tool "$fake/llvm-profdata"
    run 1 -e "$prefix: no raw profiles (*.gcda) in $work/raw: run the training first" \
        -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool" --stamp "$work/stamp"
    ;;

merge_corrupt)
    mkdir -p raw/t0001
    raw_profile raw/t0001/1.profraw 8
    printf 'not a profile, but long enough' >raw/t0001/2.profraw
    run 1 -e "$prefix: '$work/raw/t0001/2.profraw' is not a raw LLVM profile (truncated or corrupt): delete it or re-run the training" \
        -- "$helper" merge --compiler clang --raw-dir "$work/raw" --output "$work/out.profdata" \
        --tool "$fake/llvm-profdata"
    printf '\201\162\146' >raw/t0001/2.profraw
    run 1 -e "$prefix: '$work/raw/t0001/2.profraw' is not a raw LLVM profile (truncated or corrupt): delete it or re-run the training" \
        -- "$helper" merge --compiler clang --raw-dir "$work/raw" --output "$work/out.profdata" \
        --tool "$fake/llvm-profdata"
    ;;

merge_version)
    mkdir -p raw/t0001 raw/t0002
    raw_profile raw/t0001/1.profraw 10
    run 1 -e "$prefix: '$work/raw/t0001/1.profraw' has raw profile format version 10, written by a newer LLVM than $fake/llvm-profdata (LLVM 14 reads version 8): merge with the llvm-profdata of the compiler that built the instrumented tree (<compiler> -print-prog-name=llvm-profdata)" \
        -- "$helper" merge --compiler clang --raw-dir "$work/raw" --output "$work/out.profdata" \
        --tool "$fake/llvm-profdata"
    raw_profile raw/t0002/2.profraw 8
    run 1 -e "$prefix: '$work/raw/t0002/2.profraw' has raw profile format version 8 but '$work/raw/t0001/1.profraw' has version 10: the raw profiles come from different compilers; re-run the training" \
        -- "$helper" merge --compiler clang --raw-dir "$work/raw" --output "$work/out.profdata" \
        --tool "$fake/llvm-profdata"
    check "no output" test ! -e out.profdata
    ;;

merge_tool_fails)
    mkdir -p raw/t0001
    raw_profile raw/t0001/1.profraw 8
    echo old >out.profdata
    FAKE_PROFDATA=fail run 1 \
        -e "warning: x.profraw: unsupported instrumentation profile format version" \
        -e "$prefix: '$fake/llvm-profdata merge' failed (exit code 1)" \
        -e "$prefix: the raw profiles were written by another LLVM version than $fake/llvm-profdata: merge with the llvm-profdata of the compiler that built the instrumented tree (<compiler> -print-prog-name=llvm-profdata)" \
        -- "$helper" merge --compiler clang --raw-dir "$work/raw" --output "$work/out.profdata" \
        --tool "$fake/llvm-profdata"
    check "the old profile is untouched" grep -qxF old out.profdata
    check "no temporary files are left" test "$(ls | tr '\n' ' ')" = "out.profdata raw raw.lock "
    ;;

merge_unchanged)
    mkdir -p raw/t0001 raw/t0002
    raw_profile raw/t0001/1.profraw 8
    raw_profile raw/t0002/2.profraw 8
    set -- "$helper" merge --compiler clang --raw-dir "$work/raw" --output "$work/out.profdata" \
        --tool "$fake/llvm-profdata" --stamp "$work/stamp"
    run 0 -e "$prefix: profile updated: $work/out.profdata (2 raw profiles)" -- "$@"
    touch -t 200001010000 out.profdata stamp
    run 0 -e "$prefix: profile unchanged: $work/out.profdata" -- "$@"
    check "the profile keeps its time" test "$(find . -name out.profdata -newermt 2001-01-01)" = ""
    check "the stamp keeps its time" test "$(find . -name stamp -newermt 2001-01-01)" = ""
    printf 'x' >>raw/t0002/2.profraw
    run 0 -e "$prefix: profile updated: $work/out.profdata (2 raw profiles)" -- "$@"
    check "the stamp changes" test "$(find . -name stamp -newermt 2001-01-01)" = "./stamp"
    check "no temporary files are left" test "$(ls | tr '\n' ' ')" = "out.profdata raw raw.lock stamp "
    ;;

merge_gcc)
    mkdir -p raw/t0001 raw/t0002 raw/t0003 raw/t0004
    gcda raw/t0001/a.gcda a1
    gcda raw/t0002/a.gcda a2
    gcda raw/t0002/b.gcda b2
    gcda raw/t0003/c.gcda c3
    set -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool" --stamp "$work/stamp"
    run 0 -e "$prefix: profile updated: $work/prof (3 raw profile directories)" -- "$@"
    check "OUT is a link" test -L prof
    check "a.gcda merged" test "$(grep -ac 'a[12]' prof/a.gcda)" = 2
    check "the union of files" test "$(ls prof | tr '\n' ' ')" = "a.gcda b.gcda c.gcda "
    first=$(readlink prof)
    check "the link names OUT.<hash>" test "prof.$(cat stamp)" = "$first"
    touch -t 200001010000 stamp
    run 0 -e "$prefix: profile unchanged: $work/prof" -- "$@"
    check "the stamp keeps its time" test "$(find . -name stamp -newermt 2001-01-01)" = ""
    gcda raw/t0004/d.gcda d4
    run 0 -e "$prefix: profile updated: $work/prof (4 raw profile directories)" -- "$@"
    check "the link moved" test "$(readlink prof)" != "$first"
    check "the old directory is gone" test ! -e "$first"
    check "nothing else is left" test "$(ls | wc -l)" = 5
    rm -rf raw/t0002 raw/t0003 raw/t0004
    run 0 -e "$prefix: profile updated: $work/prof (1 raw profile directory)" -- "$@"
    check "one input is copied" cmp -s prof/a.gcda raw/t0001/a.gcda
    ;;

merge_gcc_tree)
    # Eleven folders, four levels of a merge tree run three merges at a time: every folder's
    # counts reach the profile once, in order, and no intermediate is left. Folder 6 lacks
    # b.gcda, which then goes through the copy of files one side holds.
    for i in 01 02 03 04 05 06 07 08 09 10 11; do
        mkdir -p "raw/t00$i"
        gcda "raw/t00$i/a.gcda" "a$i"
        [ "$i" = 06 ] || gcda "raw/t00$i/b.gcda" "b$i"
    done
    run 0 -e "$prefix: profile updated: $work/prof (11 raw profile directories)" -- "$helper" merge \
        --compiler gcc --raw-dir "$work/raw" --output "$work/prof" --tool "$fake/gcov-tool" --jobs 3
    check "each folder's a.gcda counted once, in order" \
        test "$(grep -ao 'a[0-9][0-9]' prof/a.gcda | tr '\n' ' ')" = "a01 a02 a03 a04 a05 a06 a07 a08 a09 a10 a11 "
    check "each folder's b.gcda counted once" test "$(grep -aoc 'b[0-9][0-9]' prof/b.gcda)" = 10
    check "no intermediate is left" test "$(ls | tr '\n' ' ')" = "prof $(readlink prof) raw raw.lock "
    run 2 -e "$prefix: option '--jobs' needs a number from 1 to 4096, not '0'" -- "$helper" merge \
        --compiler gcc --raw-dir "$work/raw" --output "$work/prof" --tool "$fake/gcov-tool" --jobs 0
    ;;

merge_gcc_fails)
    mkdir -p raw/t0001 raw/t0002
    gcda raw/t0001/a.gcda a1
    gcda raw/t0002/a.gcda a2
    FAKE_GCOV_TOOL=fail run 1 -e "gcov-tool: merge failed on purpose" \
        -e "$prefix: '$fake/gcov-tool merge' failed (exit code 1)" \
        -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool" --stamp "$work/stamp"
    check "nothing is left" test "$(ls | tr '\n' ' ')" = "raw raw.lock "
    mkdir prof
    run 1 -e "$prefix: '$work/prof' is a directory, not the link pgo-helper makes: remove it (the merged profile is kept in $work/prof.<hash>, and $work/prof links to it)" \
        -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool" --stamp "$work/stamp"
    ;;

merge_sidecars_shard)
    # Two shards' profiles with their sidecars as pgo-helper metadata writes them: shards 1/2
    # and 2/2 merge. A sidecar whose shard is no K/N (edited, damaged) is refused by name,
    # whatever its N: negative, past the largest number, too many shards, junk.
    for k in 1 2; do
        printf '\377lprofi\201\014\000\000\000\000\000\000\000' >"p$k.profdata"
        "$helper" metadata --profile "$work/p$k.profdata" --compiler clang --shard "$k/2" ||
            failed=1
    done
    set -- "$helper" merge --compiler clang --input "$work/p1.profdata" \
        --input "$work/p2.profdata" --output "$work/out.profdata" --tool "$fake/llvm-profdata" \
        --check-sidecars
    run 0 -e "$prefix: profile updated: $work/out.profdata (2 inputs)" -- "$@"
    check "the merge's sidecar counts the shards" grep -qx "shards=2" out.profdata.meta
    cp p1.profdata.meta good.meta
    for bad in 1/-1 1/18446744073709551615 1/99999999999999999999 1/100001 1/x 1/2x "1/ 2" -1/2; do
        sed "s|^shard=.*|shard=$bad|" good.meta >p1.profdata.meta
        run 1 -e "$prefix: $work/p1.profdata.meta: shard '$bad' is not K/N, two whole numbers with 1 <= K <= N <= 100000: the sidecar of $work/p1.profdata is damaged; make that profile again (PGO_TRAINING_SHARD=K/N)" \
            -n "calloc" -- "$@"
    done
    ;;

launch_filter)
    cat >stderr.txt <<'EOT'
n.c: In function 'notrained':
n.c:1:27: warning: unused variable 'y' [-Wunused-variable]
    1 | int notrained(int x){ int y; return x+1; }
      |                           ^
n.c:1:1: warning: profile count data file not found [-Wmissing-profile]
    1 | int notrained(int x){ int y; return x+1; }
      | ^~~
EOT
    mkdir obj
    FAKE_CC_STDERR=$work/stderr.txt run 0 -e "stdout line" \
        -e "n.c:1:27: warning: unused variable 'y' [-Wunused-variable]" \
        -n "Wmissing-profile" \
        -- "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -c n.c -o obj/n.c.o
    check "one log" test "$(ls logs | wc -l)" = 1
    check "the log names the object" grep -qxF "object $work/obj/n.c.o" logs/*.log
    check "the log keeps the noise" grep -qF "[-Wmissing-profile]" logs/*.log
    FAKE_CC_STDERR=$work/stderr.txt run 0 -e "n.c:1:1: warning: profile count data file not found [-Wmissing-profile]" \
        -- "$helper" launch --log-dir "$work/logs" -v -- "$fake/cc" -c n.c "-o$work/obj/n.c.o"
    check "the same object, the same log" test "$(ls logs | wc -l)" = 1
    ;;

launch_status)
    FAKE_CC_EXIT=3 run 3 -e "stdout line" -- "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -c x.c -o x.o
    check "a failed compile is logged too" test "$(ls logs | wc -l)" = 1
    FAKE_CC_ABORT=1 run 134 -e "$prefix: '$fake/cc' killed by signal 6 (Aborted)" \
        -- "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -c x.c -o x.o
    FAKE_CC_EXIT=4 run 4 -e "stdout line" -- "$helper" launch --log-dir "$work/nologs" -- "$fake/cc" -E x.c
    FAKE_CC_EXIT=0 run 0 -e "stdout line" -- "$helper" launch --log-dir "$work/nologs" -- "$fake/cc" x.o -o prog
    check "no -c and -o, no log" test ! -e nologs
    # Under valgrind, posix_spawn reports a failed exec as exit 127 of the child
    # instead of an error: valgrind's emulation, not the helper's behaviour.
    if [ -z "${PGO_HELPER_REAL:-}" ]; then
        run 1 -e "$prefix: run '$work/no-such-compiler': No such file or directory" \
            -- "$helper" launch --log-dir "$work/logs" -- "$work/no-such-compiler" -c x.c -o x.o
    fi
    ;;

launch_icecc)
    # icecc would send the profile compiles to hosts without the profile: it runs with
    # ICECC=no; another launcher gets the environment as it is.
    mkdir bin
    printf '#!/bin/sh\necho "ICECC=${ICECC:-unset}" >"%s/seen"\nexec "$@"\n' "$work" >bin/icecc
    chmod +x bin/icecc
    cp bin/icecc bin/ccache
    ICECC=yes run 0 -e "stdout line" -- "$helper" launch --log-dir "$work/logs" -- "$work/bin/icecc" "$fake/cc" -c x.c -o x.o
    check "icecc runs with ICECC=no" grep -qx "ICECC=no" seen
    ICECC=yes run 0 -e "stdout line" -- "$helper" launch --log-dir "$work/logs" -- "$work/bin/ccache" "$fake/cc" -c x.c -o x.o
    check "another launcher keeps ICECC" grep -qx "ICECC=yes" seen
    ;;

summary_clang)
    mkdir build
    FAKE_CC_OBJECT=$placed "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -c a.c -o build/a.o >/dev/null
    FAKE_CC_OBJECT=$plain "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -c b.c -o build/b.o >/dev/null
    echo "profdata" >p.profdata
    run 0 -e "  compiler       stdout line ($fake/cc)" \
        -e "  profile data   1 functions, 1 ran during training" \
        -e "  objects        2 compiled with the profile" \
        -e "  placement      3 of 7 functions placed by the profile: 2 hot, 1 cold (and 2 split cold parts)" \
        -- "$helper" summary --compiler clang --profile "$work/p.profdata" --log-dir "$work/logs" \
        --build-dir "$work/build" --tool "$fake/llvm-profdata" --compiler-path "$fake/cc"
    FAKE_COUNT=0 run 1 -e "$prefix: the profile holds no executed function: the training ran none of this project's code" \
        -- "$helper" summary --compiler clang --profile "$work/p.profdata" --log-dir "$work/logs" \
        --build-dir "$work/build" --tool "$fake/llvm-profdata"
    run 1 -e "$prefix: the profile holds 1 executed functions, fewer than --min-functions 2: the training runs too little of this project's code" \
        -- "$helper" summary --compiler clang --profile "$work/p.profdata" --log-dir "$work/logs" \
        --build-dir "$work/build" --tool "$fake/llvm-profdata" --min-functions 2
    rm logs/*
    FAKE_CC_OBJECT=$plain "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -c b.c -o build/b.o >/dev/null
    run 1 -e "$prefix: no function was placed by the profile: the compiler did not use it" \
        -- "$helper" summary --compiler clang --profile "$work/p.profdata" --log-dir "$work/logs" \
        --build-dir "$work/build" --tool "$fake/llvm-profdata"
    run 1 -e "$prefix: no compile logs in $work/none: build the optimized tree with 'pgo-helper launch --log-dir $work/none --' as the compiler launcher" \
        -- "$helper" summary --compiler clang --profile "$work/p.profdata" --log-dir "$work/none" \
        --build-dir "$work/build" --tool "$fake/llvm-profdata"
    ;;

summary_gcc)
    mkdir -p build/CMakeFiles/x.dir prof
    # a .gcda with one function that ran, named after another object
    printf 'adcg*22B\001\000\000\000\002\000\000\000\000\000\000\001\014\000\000\000\001\000\000\000\002\000\000\000\003\000\000\000\000\000\241\001\010\000\000\000\007\000\000\000\000\000\000\000\000\000\000\000' >"prof/CMakeFiles#x.dir#other.c.gcda"
    printf 'warning: stale [-Wcoverage-mismatch]\n' >stderr.txt
    FAKE_CC_STDERR=$work/stderr.txt FAKE_CC_OBJECT=$placed "$helper" launch --log-dir "$work/logs" -- "$fake/cc" -c a.c -o build/CMakeFiles/x.dir/a.c.o >/dev/null 2>&1
    run 1 -e "  profile data   1 functions, 1 ran during training" \
        -e "  objects        1 compiled with the profile, 0 found their .gcda" \
        -e "  warnings       1 coverage mismatch, 0 without profile data (the compiler's)" \
        -e "$prefix: no object found its profile data in $work/prof: the .gcda names do not match the object files (both trees must be compiled with -fprofile-prefix-path=<their build dir>)" \
        -- "$helper" summary --compiler gcc --profile "$work/prof" --log-dir "$work/logs" \
        --build-dir "$work/build"
    cp "prof/CMakeFiles#x.dir#other.c.gcda" "prof/CMakeFiles#x.dir#a.c.gcda"
    run 0 -e "  objects        1 compiled with the profile, 1 found their .gcda" \
        -e "  $work/build/CMakeFiles/x.dir/a.c.o: 2 hot, 1 cold, 2 other; CMakeFiles#x.dir#a.c.gcda found; warnings: 1 out of date, 0 without profile data" \
        -- "$helper" summary --compiler gcc --profile "$work/prof" --log-dir "$work/logs" \
        --build-dir "$work/build" -v
    ;;

usage_empty_values)
    # An empty value is never a valid path, number or name (an empty --raw-dir would have
    # been the current directory, emptied by train).
    run 2 -e "pgo-helper: train: option '--raw-dir' needs a value, not an empty string" \
        -- "$helper" train --build-dir b --raw-dir "" --compiler clang
    run 2 -e "pgo-helper: train: option '--build-dir' needs a value, not an empty string" \
        -- "$helper" train --build-dir= --raw-dir r --compiler clang
    run 2 -e "pgo-helper: merge: option '--output' needs a value, not an empty string" \
        -- "$helper" merge --compiler clang --raw-dir r --output "" --tool t
    run 2 -e "pgo-helper: launch: option '--log-dir' needs a value, not an empty string" \
        -- "$helper" launch --log-dir "" -- "$fake/cc" -c x.c -o x.o
    run 2 -e "pgo-helper: summary: option '--profile' needs a value, not an empty string" \
        -- "$helper" summary --compiler gcc --profile= --log-dir l --build-dir b
    run 2 -e "pgo-helper: train: unknown option '-v=1'" -- "$helper" train -v=1
    check "nothing was created" test "$(ls | wc -l)" = 0
    ;;

usage_bad_numbers)
    set -- --build-dir b --raw-dir r --compiler clang
    run 2 -e "pgo-helper: train: option '--jobs' needs a number from 1 to 4096, not '0'" -- "$helper" train "$@" --jobs 0
    run 2 -e "pgo-helper: train: option '--jobs' needs a number from 1 to 4096, not '4097'" -- "$helper" train "$@" --jobs 4097
    run 2 -e "pgo-helper: train: option '--jobs' needs a number from 1 to 4096, not '-1'" -- "$helper" train "$@" --jobs=-1
    run 2 -e "pgo-helper: train: option '--jobs' needs a number from 1 to 4096, not ' 2'" -- "$helper" train "$@" --jobs " 2"
    run 2 -e "pgo-helper: train: option '--jobs' needs a number from 1 to 4096, not '2x'" -- "$helper" train "$@" --jobs 2x
    run 2 -e "pgo-helper: train: option '--jobs' needs a number from 1 to 4096, not '99999999999999999999999'" \
        -- "$helper" train "$@" --jobs 99999999999999999999999
    run 2 -e "pgo-helper: train: option '--timeout' needs a number from 1 to 3153600000, not '3153600001'" \
        -- "$helper" train "$@" --timeout 3153600001
    run 2 -e "pgo-helper: train: option '--timeout' needs a number from 1 to 3153600000, not '0'" -- "$helper" train "$@" --timeout 0
    run 2 -e "pgo-helper: train: option '--gcov-strip' needs a number from 0 to 1000, not '1001'" \
        -- "$helper" train "$@" --gcov-strip 1001
    run 2 -e "pgo-helper: summary: option '--min-functions' needs a number from 0 to 100000000, not '-5'" \
        -- "$helper" summary --min-functions -5
    ;;

usage_bad_values)
    run 2 -e "pgo-helper: train: --compiler must be clang, gcc or none, not 'msvc'" \
        -- "$helper" train --build-dir b --raw-dir r --compiler msvc
    run 2 -e "pgo-helper: merge: --compiler must be clang or gcc, not 'clang;gcc'" \
        -- "$helper" merge --compiler "clang;gcc" --raw-dir r --output o --tool t
    run 2 -e "pgo-helper: train: option '--verbose' takes no value" -- "$helper" train --verbose=1
    run 2 -e "pgo-helper: train: unknown option '-vx'" -- "$helper" train -vx
    run 2 -e "pgo-helper: train: unknown option '--raw-dir\\'" -- "$helper" train "--raw-dir\\" r
    run 2 -e "pgo-helper: train: unexpected argument 'extra'" -- "$helper" train --build-dir b extra
    run 2 -e "pgo-helper: unknown command ''" -- "$helper" ""
    run 2 -e "pgo-helper: unknown option '--'" -- "$helper" --
    run 2 -e "pgo-helper: merge: --output '$work/dir/' names no file" \
        -- "$helper" merge --compiler clang --raw-dir r --output "$work/dir/" --tool t
    run 2 -e "pgo-helper: merge: --output '..' names no file" \
        -- "$helper" merge --compiler clang --raw-dir r --output .. --tool t
    run 2 -e "pgo-helper: merge: --stamp '$work/' names no file" \
        -- "$helper" merge --compiler gcc --raw-dir r --output o --tool t --stamp "$work/"
    run 2 -e "pgo-helper: launch: missing the compiler command after '--'" -- "$helper" launch --log-dir l --
    check "nothing was created" test "$(ls | wc -l)" = 0
    ;;

train_raw_dir_guard)
    # train empties RAW: only a directory of its own, never someone's files.
    mkdir -p raw/t0001 && echo mine >raw/notes.txt
    FAKE_CTEST=pass run 1 \
        -e "$prefix: refusing to empty '$work/raw': it holds 'notes.txt', which pgo-helper train did not write; give --raw-dir a directory of its own" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang --ctest "$fake/ctest"
    check "the foreign file stays" grep -qxF mine raw/notes.txt
    echo data >rawfile
    FAKE_CTEST=pass run 1 \
        -e "$prefix: refusing to empty '$work/rawfile': it is not a directory; give --raw-dir a directory of its own" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/rawfile" --compiler clang --ctest "$fake/ctest"
    check "the file stays" grep -qxF data rawfile
    FAKE_CTEST=pass run 1 \
        -e "$prefix: refusing to empty '$work': it holds 'raw', which pgo-helper train did not write; give --raw-dir a directory of its own" \
        -- "$helper" train --build-dir /elsewhere --raw-dir . --compiler clang --ctest "$fake/ctest"
    FAKE_CTEST=pass run 1 -e "$prefix: refusing to empty '$work': it holds the build tree $work/build/x" \
        -- "$helper" train --build-dir "$work/build/x" --raw-dir "$work" --compiler clang --ctest "$fake/ctest"
    rm -rf raw/notes.txt
    FAKE_CTEST=pass run 0 -e "$prefix: 2 tests, 2 profiles in $work/raw" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang --ctest "$fake/ctest"
    check "a complete training leaves no marker" test ! -e raw/incomplete
    ;;

train_hostile_paths)
    # Spaces, non-ASCII letters and semicolons in the build and raw directories.
    raw="$work/raw dir é;x"
    FAKE_CTEST=pass run 0 -e "$prefix: 2 tests, 2 profiles in $raw" \
        -- "$helper" train --build-dir "$work/build é;y" --raw-dir "$raw" --compiler gcc --gcov-strip 3 \
        --ctest "$fake/ctest"
    check "profiles in the hostile raw directory" test -f "$raw/t0002/CMakeFiles#t.dir#t5.c.gcda"
    # A path longer than the system takes (PATH_MAX): the error names it.
    long=$work
    while [ ${#long} -lt 5000 ]; do long=$long/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; done
    FAKE_CTEST=pass run 1 -e "$prefix: open lock file '$long.lock': File name too long" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$long" --compiler clang --ctest "$fake/ctest"
    ;;

train_bad_regex)
    FAKE_CTEST=pass run 1 \
        -e "$prefix: --tests-regex '(' (PGO_TRAINING_TESTS) is not a valid regular expression (RegularExpression::compile(): Unmatched parentheses.)" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang --ctest "$fake/ctest" \
        --tests-regex "("
    FAKE_CTEST=pass run 0 -e "$prefix: no CTest test matches --tests-regex 'zzz' (PGO_TRAINING_TESTS)" \
        -e "$prefix: 2 tests, 2 profiles in $work/raw" \
        -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang --ctest "$fake/ctest" \
        --tests-regex zzz
    ;;

train_lock)
    # Two trainings of one raw directory at once: the second waits for the first.
    mkdir pids
    FAKE_CTEST=hang FAKE_PIDS=$work/pids "$helper" train --build-dir "$work/build" \
        --raw-dir "$work/raw" --compiler clang --ctest "$fake/ctest" --jobs 2 >first.txt 2>&1 &
    first=$!
    n=0
    while [ "$(ls pids | wc -l)" -lt 2 ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
    FAKE_CTEST=pass "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
        --ctest "$fake/ctest" >second.txt 2>&1 &
    second=$!
    n=0
    while ! grep -q waiting second.txt && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
    check "the first training's marker is there" test -e raw/incomplete
    kill -TERM $first
    wait $first
    wait $second
    rc=$?
    cat first.txt second.txt
    check "the second waits (got $(cat second.txt))" \
        grep -qxF "$prefix: waiting for another pgo-helper (pid $first) to finish with this build tree's raw profiles" second.txt
    check "the second trains after the first (exit $rc)" test $rc = 0
    check "the second's profiles" grep -qxF "$prefix: 2 tests, 2 profiles in $work/raw" second.txt
    ;;

merge_bad_output)
    # An llvm-profdata that exits 0 having written nothing, or no profile: the good profile
    # stays, byte for byte, with --raw-dir and with --input.
    mkdir -p raw/t0001
    raw_profile raw/t0001/1.profraw 8
    for how in raw-dir input; do
        set -- "$helper" merge --compiler clang --"$how" "$work/raw" --output "$work/out.profdata" \
            --tool "$fake/llvm-profdata" --stamp "$work/stamp"
        run 0 -- "$@"
        cp out.profdata good.profdata && cp stamp good.stamp
        raw_profile raw/t0001/1.profraw 8 && printf 'x' >>raw/t0001/1.profraw
        for mode in empty junk; do
            why="no indexed-profile magic"
            [ $mode = empty ] && why="an empty file"
            FAKE_PROFDATA=$mode run 1 -- "$@"
            check "--$how, $mode: the error names the tool and the file" grep -q \
                "^$prefix: '$fake/llvm-profdata merge' exited 0 but wrote no indexed profile to '$work/out\\.profdata\\.tmp\\.[^/']*' ($why): '$work/out\\.profdata' is left as it was; check the free space, and that $fake/llvm-profdata is an llvm-profdata\$" "$last"
            check "--$how, $mode: the old profile's bytes" cmp -s out.profdata good.profdata
            check "--$how, $mode: the old stamp" cmp -s stamp good.stamp
            no_temporaries "--$how, $mode"
        done
        rm out.profdata stamp
        FAKE_PROFDATA=empty run 1 -- "$@"
        check "--$how: the error says nothing is written" grep -q \
            "^$prefix: '$fake/llvm-profdata merge' exited 0 but wrote no indexed profile to '$work/out\\.profdata\\.tmp\\.[^/']*' (an empty file): '$work/out\\.profdata' is not written; check the free space, and that $fake/llvm-profdata is an llvm-profdata\$" "$last"
        check "--$how: no profile where there was none" test ! -e out.profdata
        check "--$how: no stamp where there was none" test ! -e stamp
    done
    ;;

merge_interrupt)
    # SIGINT, SIGTERM or SIGHUP while llvm-profdata runs: it is stopped, the temporaries are
    # removed, the old profile stays whole, and the helper dies of the signal.
    mkdir -p raw/t0001
    raw_profile raw/t0001/1.profraw 8
    for how in raw-dir input; do
        set -- "$helper" merge --compiler clang --"$how" "$work/raw" --output "$work/out.profdata" \
            --tool "$fake/llvm-profdata"
        run 0 -- "$@"
        cp out.profdata good.profdata
        for sig in INT:130 TERM:143 HUP:129; do
            FAKE_PROFDATA=sleep stop_helper "${sig%:*}" "${sig#*:}" "$@"
            no_temporaries "--$how, SIG${sig%:*}"
            check "--$how, SIG${sig%:*}: the old profile is whole" cmp -s out.profdata good.profdata
        done
    done
    ;;

merge_gcc_interrupt)
    # The same for GCC: a --raw-dir merge (its staging folder OUT.tmp.*), a weighted --input
    # merge (OUT.inputs.*, OUT.scale.*).
    mkdir -p raw/t0001 raw/t0002
    gcda raw/t0001/a.gcda a1
    gcda raw/t0002/a.gcda a2
    for how in raw-dir input; do
        if [ $how = raw-dir ]; then
            set -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
                --tool "$fake/gcov-tool" -j 2
        else
            set -- "$helper" merge --compiler gcc --input "$work/raw" --weight "3:$work/raw/t0001" \
                --output "$work/prof" --tool "$fake/gcov-tool"
        fi
        run 0 -- "$@"
        good=$(readlink prof)
        cp -R "$good" good
        for sig in INT:130 TERM:143; do
            FAKE_GCOV_TOOL=sleep stop_helper "${sig%:*}" "${sig#*:}" "$@"
            no_temporaries "--$how, SIG${sig%:*}"
            check "--$how, SIG${sig%:*}: the profile links to the good one" test "$(readlink prof)" = "$good"
            check "--$how, SIG${sig%:*}: the good profile is whole" diff -r good "$good"
        done
        rm -rf good
    done
    ;;

merge_incomplete)
    # Raw profiles of a training that failed or was interrupted are never merged.
    mkdir -p raw/t0001
    raw_profile raw/t0001/1.profraw 8
    : >raw/incomplete
    echo old >out.profdata
    run 1 -e "$prefix: the training that wrote $work/raw did not complete (it failed or was interrupted): run the training again" \
        -- "$helper" merge --compiler clang --raw-dir "$work/raw" --output "$work/out.profdata" \
        --tool "$fake/llvm-profdata"
    check "the old profile is untouched" grep -qxF old out.profdata
    ;;

merge_leftovers)
    # What a killed merge left beside the output is removed by the next one, nothing else.
    mkdir -p raw/t0001
    raw_profile raw/t0001/1.profraw 8
    echo x >out.profdata.tmp.AbC123 && echo x >out.profdata.inputs.XyZ789 && echo x >stamp.tmp.QwE456
    echo keep >out.profdata.tmp.notours && echo keep >other.tmp.AbC123
    run 0 -e "$prefix: removed '$work/out.profdata.tmp.AbC123', left by an interrupted run" \
        -e "$prefix: removed '$work/out.profdata.inputs.XyZ789', left by an interrupted run" \
        -e "$prefix: removed '$work/stamp.tmp.QwE456', left by an interrupted run" \
        -- "$helper" merge --compiler clang --raw-dir "$work/raw" --output "$work/out.profdata" \
        --tool "$fake/llvm-profdata" --stamp "$work/stamp"
    check "what is not ours stays" test "$(ls | tr '\n' ' ')" = "other.tmp.AbC123 out.profdata out.profdata.tmp.notours raw raw.lock stamp "
    gcda raw/t0001/a.gcda a1
    mkdir -p prof.tmp.Zz9Zz9/m1 && echo x >prof.tmp.Zz9Zz9/m1/a.gcda
    run 0 -e "$prefix: removed '$work/prof.tmp.Zz9Zz9', left by an interrupted run" \
        -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool" --stamp "$work/stamp"
    check "the staging directory is gone" test ! -e prof.tmp.Zz9Zz9
    ;;

merge_gcc_corrupt)
    mkdir -p raw/t0001 raw/t0002
    gcda raw/t0001/a.gcda a1
    echo "not a gcda file, but long enough" >raw/t0002/a.gcda
    run 1 -e "$prefix: '$work/raw/t0002/a.gcda' is not a .gcda file (no 'gcda' magic): a training process was interrupted while writing it, or something else wrote it; run the training again" \
        -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool" --stamp "$work/stamp"
    # a record cut short
    printf 'adcgB22*stamsum.\000\000\000\001\014\000\000\000\001\000' >raw/t0002/a.gcda
    run 1 -e "$prefix: '$work/raw/t0002/a.gcda' is not a .gcda file (truncated record): a training process was interrupted while writing it, or something else wrote it; run the training again" \
        -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool" --stamp "$work/stamp"
    check "nothing was published" test ! -e prof
    # A single folder is copied, not given to gcov-tool (which fails here if it runs): its
    # files are checked too.
    rm raw/t0002/a.gcda
    FAKE_GCOV_TOOL=fail run 0 -e "$prefix: profile updated: $work/prof (1 raw profile directory)" \
        -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool" --stamp "$work/stamp"
    cp prof/a.gcda good.gcda
    printf 'adcg' >raw/t0001/a.gcda
    FAKE_GCOV_TOOL=fail run 1 -e "$prefix: '$work/raw/t0001/a.gcda' is not a .gcda file (too short for a .gcda header): a training process was interrupted while writing it, or something else wrote it; run the training again" \
        -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool" --stamp "$work/stamp"
    check "a single folder is checked too: the profile stays the good one" cmp -s prof/a.gcda good.gcda
    ;;

merge_gcc_empty_output)
    # gcov-tool exits 0 when its writes fail (a full disk): its output is checked.
    mkdir -p raw/t0001 raw/t0002
    gcda raw/t0001/a.gcda a1
    gcda raw/t0002/a.gcda a2
    set -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool" --stamp "$work/stamp"
    run 0 -- "$@"
    good=$(readlink prof)
    FAKE_GCOV_TOOL=empty run 1 -- "$@"
    check "the empty file is named" grep -q "^$prefix: '$fake/gcov-tool merge' wrote '$work/prof\\.tmp\\.[^/]*/L1-0/a\\.gcda', which is not a \\.gcda file (too short for a \\.gcda header): check the free space and the permissions of $work/prof\\.tmp\\.[^/]*/L1-0\$" "$last"
    check "the profile still links to the good one" test "$(readlink prof)" = "$good"
    check "the good profile is whole" cmp -s "prof/a.gcda" "$good/a.gcda"
    check "no staging directory is left" test "$(ls | tr '\n' ' ')" = "prof $good raw raw.lock stamp "
    ;;

merge_hostile_paths)
    raw="$work/raw é;x"
    mkdir -p "$raw/t0001"
    raw_profile "$raw/t0001/1 é;.profraw" 8
    run 0 -e "$prefix: profile updated: $work/out dir é;y/p q.profdata (1 raw profile)" \
        -- "$helper" merge --compiler clang --raw-dir "$raw" --output "$work/out dir é;y/p q.profdata" \
        --tool "$fake/llvm-profdata" --stamp "$work/out dir é;y/stamp"
    check "the profile" test -s "$work/out dir é;y/p q.profdata"
    mkdir -p "$raw/t0002"
    gcda "$raw/t0001/a b.gcda" a1
    gcda "$raw/t0002/a b.gcda" a2
    run 0 -e "$prefix: profile updated: $work/gcda é;z/profile (2 raw profile directories)" \
        -- "$helper" merge --compiler gcc --raw-dir "$raw" --output "$work/gcda é;z/profile" \
        --tool "$fake/gcov-tool" --stamp "$work/gcda é;z/stamp"
    check "the merged .gcda" test -s "$work/gcda é;z/profile/a b.gcda"
    ;;

missing_tools)
    # Programs and folders that do not exist. Under valgrind, posix_spawn reports a failed exec
    # as exit 127 of the child instead of an error: only the folder is tried there.
    run 1 -e "pgo-helper: merge: open directory '$work/no such raw': No such file or directory" \
        -- "$helper" merge --compiler clang --raw-dir "$work/no such raw" --output "$work/p.profdata" \
        --tool "$fake/llvm-profdata"
    if [ -z "${PGO_HELPER_REAL:-}" ]; then
        run 1 -e "pgo-helper: train: run '$work/no such ctest': No such file or directory" \
            -- "$helper" train --build-dir "$work/build" --raw-dir "$work/raw" --compiler clang \
            --ctest "$work/no such ctest"
        mkdir -p raw/t0001
        raw_profile raw/t0001/1.profraw 8
        run 1 -e "pgo-helper: merge: run '$work/no such tool': No such file or directory" \
            -- "$helper" merge --compiler clang --raw-dir "$work/raw" --output "$work/p.profdata" \
            --tool "$work/no such tool"
        check "no profile" test ! -e p.profdata
    fi
    ;;

unpack_good)
    # pgo-archive's layout as cmake -E tar writes it, for each compiler.
    mkdir -p st/profile && gcda "st/profile/CMakeFiles#app.dir#main.c.gcda" m1 &&
        printf 'compiler=gcc\n' >st/profile/profile.meta
    (cd st && cmake -E tar czf ../gcc.tar.gz --format=gnutar -- profile) || exit 1
    set -- "$helper" unpack --archive gcc.tar.gz --output "$work/out/g" --compiler gcc --key k1
    run 0 -e "$prefix: unpacked 3 members of 'gcc.tar.gz' into '$work/out/g'" -- "$@"
    check "the .gcda" cmp -s "out/g/profile/CMakeFiles#app.dir#main.c.gcda" \
        "st/profile/CMakeFiles#app.dir#main.c.gcda"
    check "its ccache name" test "out/g/profile/CMakeFiles/app.dir/main.c.gcda" -ef \
        "out/g/profile/CMakeFiles#app.dir#main.c.gcda"
    check "the marker" test "$(cat out/g/.extracted)" = "$(printf 'key=k1\nprofile=profile')"
    raw_profile st/p.profdata 8
    (cd st && cmake -E tar czf ../clang.tar.gz -- p.profdata) || exit 1
    run 0 -e "$prefix: unpacked 1 member of 'clang.tar.gz' into '$work/out/c'" \
        -- "$helper" unpack --archive clang.tar.gz --output "$work/out/c" --compiler clang
    check "the marker names the file" grep -qx 'profile=p.profdata' out/c/.extracted
    # Another archive replaces the folder whole; a refused one leaves it as it was.
    "$make_archive" other.tar.gz d:profile "F:profile/x.gcda=st/profile/profile.meta" || exit 1
    run 0 -- "$helper" unpack --archive other.tar.gz --output "$work/out/g" --compiler gcc
    check "the old files are gone" test ! -e "out/g/profile/CMakeFiles#app.dir#main.c.gcda"
    check "the new one" test -f out/g/profile/x.gcda
    "$make_archive" bad.tar.gz f:a.gcda f:../x || exit 1
    run 1 -- "$helper" unpack --archive bad.tar.gz --output "$work/out/g" --compiler gcc
    check "the folder is kept" test -f out/g/profile/x.gcda
    check "no temporaries are left" test "$(ls out)" = "$(printf 'c\ng')"
    ;;

unpack_hostile)
    # Each kind of member a hostile archive may hold, refused by name before anything is
    # written: the output folder and everything beside it stay as they were.
    mkdir -p out beside
    hostile() { # hostile RC LINE MEMBER...: an archive of the members, then its refusal
        want=$1 line=$2
        shift 2
        "$make_archive" h.tar.gz "$@" || exit 1
        run "$want" -e "$line" -- "$helper" unpack --archive h.tar.gz --output "$work/out/h" \
            --compiler clang
        check "nothing written for $*" test "$(ls -A out beside | tr '\n' ' ')" = "beside:  out: "
    }
    tail="nothing was unpacked. Give an archive that the pgo-archive target wrote"
    hostile 1 "$prefix: 'h.tar.gz': member 2, '../beside/x', has a '..' component, which would lead outside the folder; $tail" \
        f:p.profdata f:../beside/x
    hostile 1 "$prefix: 'h.tar.gz': member 2, 'a/b/../../../../beside/x', has a '..' component, which would lead outside the folder; $tail" \
        f:p.profdata f:a/b/../../../../beside/x
    hostile 1 "$prefix: 'h.tar.gz': member 1, '$work/beside/x', has an absolute path, which would be written outside the folder; $tail" \
        "f:$work/beside/x" f:p.profdata
    hostile 1 "$prefix: 'h.tar.gz': member 1, 'lnk', is a symbolic link (only files and folders are unpacked); $tail" \
        "l:lnk=$work/beside" f:lnk/p.profdata
    hostile 1 "$prefix: 'h.tar.gz': member 1, 'p.profdata', is a symbolic link (only files and folders are unpacked); $tail" \
        l:p.profdata=/etc/passwd
    hostile 1 "$prefix: 'h.tar.gz': member 2, 'p.profdata', is a hard link (only files and folders are unpacked); $tail" \
        f:a h:p.profdata=/etc/passwd
    hostile 1 "$prefix: 'h.tar.gz': member 1, 'p.profdata', is a character device (only files and folders are unpacked); $tail" \
        c:p.profdata
    hostile 1 "$prefix: 'h.tar.gz': member 2, 'p.profdata', is a second member of the same name; $tail" \
        f:p.profdata f:p.profdata
    hostile 1 "$prefix: 'h.tar.gz': member 2, 'a/p.profdata', lies below a member that is a file; $tail" \
        f:a f:a/p.profdata
    hostile 1 "$prefix: 'h.tar.gz': member 1, 'a\\x0a\\x1b[1mb.profdata', has a control character in its name; $tail" \
        "f:$(printf 'a\n\033[1mb.profdata')"
    hostile 1 "$prefix: 'h.tar.gz': member 1, 'x;-fplugin=x.so;p.profdata', has a ';' in its name, which CMake would read as two names; $tail" \
        "f:x;-fplugin=x.so;p.profdata"
    hostile 1 "$prefix: 'h.tar.gz': member 2, 'profile/\$<1:x>.gcda', has '\$<' in its name, which CMake would read as a generator expression; $tail" \
        f:p.profdata 'f:profile/$<1:x>.gcda'
    hostile 1 "$prefix: 'h.tar.gz': its profile 'a b/p.profdata' has a name that the toolkit does not put on a compile line (only letters, digits and . _ + - /); $tail" \
        "f:a b/p.profdata"
    hostile 1 "$prefix: 'h.tar.gz' holds no Clang profile (no .profdata file): give an archive that pgo-archive wrote with this compiler family" \
        f:a.gcda
    printf 'not gzip' >h.tar.gz
    run 1 -e "$prefix: 'h.tar.gz' is not an archive that pgo-archive wrote (.tar.gz): not gzip data" \
        -- "$helper" unpack --archive h.tar.gz --output "$work/out/h" --compiler clang
    head -c 10000 /dev/zero >big.bin
    "$make_archive" big.tar.gz F:p.profdata=big.bin || exit 1
    run 1 -e "$prefix: 'big.tar.gz' is not an archive that pgo-archive wrote (.tar.gz): it unpacks to more than the size limit; unpack it yourself and set PGO_PROFILE to the profile inside, or raise --max-size" \
        -- "$helper" unpack --archive big.tar.gz --output "$work/out/h" --compiler clang --max-size 4096
    check "nothing written" test "$(ls -A out beside | tr '\n' ' ')" = "beside:  out: "
    ;;

merge_gcc_ccache_escape)
    # The second names of .gcda files come from their names, which a profile from another
    # machine chooses: one that climbs out of the merged profile gets none.
    mkdir -p raw/t0001
    gcda "raw/t0001/CMakeFiles#app.dir#main.c.gcda" m1
    escape="a#..#..#..#..#..#..#..#..#..#..#..#..#..#..#..#..#..#..#..#..#tmp#pgo-escape-$$.gcda"
    gcda "raw/t0001/$escape" e1
    run 0 -- "$helper" merge --compiler gcc --raw-dir "$work/raw" --output "$work/prof" \
        --tool "$fake/gcov-tool"
    check "the ccache name below the profile" test -f "prof/CMakeFiles/app.dir/main.c.gcda"
    check "no name outside it" test ! -e "/tmp/pgo-escape-$$.gcda"
    check "nothing else below it" test "$(cd prof && find . | sort | tr '\n' ' ')" = \
        ". ./CMakeFiles ./CMakeFiles#app.dir#main.c.gcda ./CMakeFiles/app.dir ./CMakeFiles/app.dir/main.c.gcda ./$escape "
    rm -f "/tmp/pgo-escape-$$.gcda"
    ;;

summary_bad)
    run 1 -e "$prefix: open directory '$work/no such profile': No such file or directory" \
        -- "$helper" summary --compiler gcc --profile "$work/no such profile" --log-dir "$work/logs" \
        --build-dir "$work/build"
    # Under valgrind, posix_spawn reports a failed exec as exit 127 of the child instead.
    if [ -z "${PGO_HELPER_REAL:-}" ]; then
        run 1 -e "$prefix: run '$work/no such tool': No such file or directory" \
            -- "$helper" summary --compiler clang --profile "$work/p.profdata" --log-dir "$work/logs" \
            --build-dir "$work/build" --tool "$work/no such tool"
    fi
    run 2 -e "$prefix: --weight 'heavy': give N:PATH or N:TEST, as in --weight 3:raw/t0001" \
        -- "$helper" summary --compiler gcc --profile "$work/p" --log-dir "$work/logs" \
        --build-dir "$work/build" --weight heavy
    run 2 -e "pgo-helper: report: --weight '0:t': the weight must be a whole number from 1 to 1000000" \
        -- "$helper" report --compiler gcc --profile "$work/p" --log-dir "$work/logs" \
        --build-dir "$work/build" --weight 0:t
    ;;

*)
    echo "cases.sh: unknown case '$case'"
    exit 2
    ;;
esac
exit $failed
