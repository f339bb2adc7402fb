#!/bin/sh
# SPDX-License-Identifier: MIT
# Every .c file of the helper has a header of its own, named like it (fs.c, fs.h), and includes
# it, so that an include names the file whose functions it uses (as in ninja and samurai).
# The files given as exceptions (main.c) have none; an exception that has one, or that is not
# there, is an error too, so that the list stays true.
# usage: own_headers.sh SRC_DIR [EXCEPTION.c]...
dir=$1
[ -d "$dir" ] || { echo "own_headers.sh: no directory '$dir'" >&2; exit 2; }
shift
bad=0
for exception in "$@"; do
    if [ ! -f "$dir/$exception" ]; then
        echo "$exception: listed as an exception, but there is no such file"
        bad=$((bad + 1))
    elif [ -f "$dir/${exception%.c}.h" ]; then
        echo "$exception: listed as an exception, but ${exception%.c}.h is there"
        bad=$((bad + 1))
    fi
done
checked=0
for c in "$dir"/*.c; do
    [ -f "$c" ] || continue
    file=${c##*/}
    header=${file%.c}.h
    case " $* " in *" $file "*) continue ;; esac
    checked=$((checked + 1))
    if [ ! -f "$dir/$header" ]; then
        echo "$file: no header of its own ($header)"
        bad=$((bad + 1))
    elif ! grep -q "^#include \"$header\"" "$c"; then
        echo "$file: does not include its header $header"
        bad=$((bad + 1))
    fi
done
if [ "$bad" -gt 0 ]; then
    echo "$bad file(s) break the rule of one header per file"
    exit 1
fi
[ "$checked" -gt 0 ] || { echo "own_headers.sh: no .c files in '$dir'" >&2; exit 2; }
echo "each of the $checked files has its own header"
