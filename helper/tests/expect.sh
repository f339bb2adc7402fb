#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs a command and checks its exit code and output.
# usage: expect.sh RC [-e LINE]... [-n TEXT]... -- COMMAND [ARGS...]
#   -e LINE   the output (stdout and stderr) must hold a line equal to LINE
#   -n TEXT   the output must not contain TEXT anywhere
# The command's output is shown either way.
want_rc=$1
shift
lines=$(mktemp) || exit 1
absent=$(mktemp) || exit 1
out=$(mktemp) || exit 1
trap 'rm -f "$lines" "$absent" "$out"' EXIT
while [ $# -gt 0 ]; do
    case $1 in
    -e) printf '%s\n' "$2" >>"$lines"; shift 2 ;;
    -n) printf '%s\n' "$2" >>"$absent"; shift 2 ;;
    --) shift; break ;;
    *) echo "expect.sh: bad argument '$1'"; exit 2 ;;
    esac
done
"$@" >"$out" 2>&1
rc=$?
cat "$out"
status=0
if [ "$rc" != "$want_rc" ]; then
    echo "expect.sh: exit code $rc, expected $want_rc"
    status=1
fi
while IFS= read -r line; do
    if ! grep -qxF -- "$line" "$out"; then
        echo "expect.sh: no output line: $line"
        status=1
    fi
done <"$lines"
while IFS= read -r text; do
    if grep -qF -- "$text" "$out"; then
        echo "expect.sh: unwanted output: $text"
        status=1
    fi
done <"$absent"
exit $status
