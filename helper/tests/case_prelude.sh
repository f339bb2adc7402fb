# SPDX-License-Identifier: MIT
# The prelude the case scripts (cases.sh, report_cases.sh) source: their arguments, a fresh
# work folder, the check/run assertions and stop_helper.
# usage of a script: SCRIPT CASE HELPER WORK_DIR PLACED_OBJECT PLAIN_OBJECT
# Each case runs in WORK_DIR/CASE, created afresh; it fails (exit 1) if any check fails.
script=$(basename "$0")
case=$1
helper=$2
work=$3/$1
last=$3/$1.last.txt
placed=$4
plain=$5
here=$(cd "$(dirname "$0")" && pwd)
fake=$here/fake
expect=$here/expect.sh
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failed=0

check() { # check DESCRIPTION COMMAND...: a plain assertion
    desc=$1
    shift
    if ! "$@"; then
        echo "$script: $case: failed: $desc"
        failed=1
    fi
}

run() { # run RC [expect.sh options] -- COMMAND...: expect.sh, output also kept in last.txt
    "$expect" "$@" >"$last" 2>&1 || failed=1
    cat "$last"
}


# stop_helper SIG CODE COMMAND...: runs the pgo-helper COMMAND in the background, a child of
# which sleeps once it has recorded its pid in pids/ (the fake tools do with FAKE_PIDS); once
# one runs, sends SIG to the helper, and checks that the helper dies of it (exit code CODE)
# saying so, and that the sleeping children are stopped too.
stop_helper() {
    sig=$1 code=$2
    shift 2
    rm -rf pids && mkdir pids
    FAKE_PIDS=$work/pids "$@" >out.txt 2>&1 &
    pid=$!
    n=0
    while [ -z "$(ls pids)" ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done
    sleep 0.2 # with -j 2, a second child may start
    kill -"$sig" $pid
    n=0
    while kill -0 $pid 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
    check "$sig: the helper stops" test $n -lt 100
    kill -KILL $pid 2>/dev/null
    wait $pid
    rc=$?
    cat out.txt
    check "$sig: the helper dies of the signal (exit code $code, got $rc)" test $rc = "$code"
    check "$sig: the helper says so" \
        grep -q "^$prefix: stopped by signal .*; its temporary files are removed$" out.txt
    check "$sig: the child ran" test -n "$(ls pids)"
    for f in pids/*; do
        [ -f "$f" ] || continue
        p=$(cat "$f") n=0
        # gone, or a zombie waiting for init to reap it
        while kill -0 "$p" 2>/dev/null && [ "$(ps -o stat= -p "$p" | cut -c1)" != Z ] && [ $n -lt 50 ]; do
            sleep 0.1
            n=$((n + 1))
        done
        check "$sig: the child ($p) is stopped" test $n -lt 50
        kill -KILL "$p" 2>/dev/null
    done
}
