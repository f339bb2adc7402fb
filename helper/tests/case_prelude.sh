# The prelude the case scripts (cases.sh, report_cases.sh) source: their arguments, a fresh
# work folder, and the check/run assertions.
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

