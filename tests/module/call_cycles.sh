#!/bin/sh
# SPDX-License-Identifier: MIT
# Distributed under the MIT License. See LICENSE for details.
# No two files of the CMake module call each other, directly or through a third: the
# file-level call graph of the given .cmake files has no cycle, so the files stay in layers
# (helper/tests/call_cycles.sh checks the same of the helper's objects).
# An edge A -> B when A calls, as a command, a function or macro that B defines with
# function() or macro(); `cmake_language(CALL name)` and `cmake_language(DEFER ... CALL name)`
# count as calls.  Comments, quoted and bracket arguments are skipped.  A definition of one of
# CMake's own commands (an override, such as add_custom_command) is no edge: the calls that
# reach it are the project's, not the files'.  Not seen: a call through a name held in a
# variable (cmake_language(CALL ${name}) or EVAL CODE); the module's only such calls reach
# CMake's own commands.
# Fails listing each cycle (each strongly connected part of the graph): one cycle through
# its files with the function of each step, then every edge inside it and its functions.
# usage: call_cycles.sh CMAKE FILE_OR_DIR...   (a folder stands for its *.cmake files)
# exit: 0 no cycle, 1 a cycle, 2 bad usage or a file it cannot read
cmake=$1
shift
[ -n "$cmake" ] && [ $# -gt 0 ] || {
    echo "usage: call_cycles.sh CMAKE FILE_OR_DIR..." >&2
    exit 2
}

files=""
for arg in "$@"; do
    if [ -d "$arg" ]; then
        found=$(find "$arg" -name '*.cmake' -type f | LC_ALL=C sort)
        [ -n "$found" ] || { echo "call_cycles.sh: no .cmake files under $arg" >&2; exit 2; }
        files="$files
$found"
    elif [ -f "$arg" ]; then
        files="$files
$arg"
    else
        echo "call_cycles.sh: $arg: no such file or folder" >&2
        exit 2
    fi
done

# CMake's own commands, whose definitions in the files are overrides.
builtins=$("$cmake" --help-command-list) || {
    echo "call_cycles.sh: $cmake --help-command-list failed" >&2
    exit 2
}

# One file per line; names are printed relative to the folder the files share.
printf '%s\n' "$files" | sed '/^$/d' | awk -v builtins="$builtins" '
    function fail(msg) { print "call_cycles.sh: " msg > "/dev/stderr"; bad = 1; exit 2 }

    # Reads FILE whole into text.
    function slurp(file,    line, r, text) {
        text = ""
        while ((r = (getline line < file)) > 0) text = text line "\n"
        if (r < 0) fail(file ": cannot read")
        close(file)
        return text
    }

    # The index after the bracket opened at s[i] ("[", "=" * n, "["), or 0 if none is.
    function bracket_open(s, i,    j) {
        if (substr(s, i, 1) != "[") return 0
        j = i + 1
        while (substr(s, j, 1) == "=") j++
        if (substr(s, j, 1) != "[") return 0
        eq = j - i - 1
        return j + 1
    }

    # The index after the "]" "=" * eq "]" that closes a bracket from i on.
    function bracket_close(s, i, name,    close_, k) {
        close_ = "]"
        for (k = 0; k < eq; k++) close_ = close_ "="
        close_ = close_ "]"
        k = index(substr(s, i), close_)
        if (k == 0) fail(name ": a bracket argument or comment is never closed")
        return i + k - 1 + length(close_)
    }

    # The index after a comment starting at s[i] == "#": a bracket comment or the line.
    function skip_comment(s, i, name,    j) {
        j = bracket_open(s, i + 1)
        if (j) return bracket_close(s, j, name)
        while (i <= length(s) && substr(s, i, 1) != "\n") i++
        return i
    }

    # Records the definitions and calls of one file (the CMake language grammar: a command
    # name, then its parenthesized arguments).
    function scan(file, name,    s, n, i, c, depth, cmd, argn, word, prev, j, k) {
        s = slurp(file)
        n = length(s)
        i = 1
        depth = 0
        while (i <= n) {
            c = substr(s, i, 1)
            if (c == " " || c == "\t" || c == "\n" || c == "\r") { i++; continue }
            if (c == "#") { i = skip_comment(s, i, name); continue }
            if (depth == 0) {
                if (c !~ /[A-Za-z_]/) fail(name ": unexpected \"" c "\" between commands")
                j = i
                while (j <= n && substr(s, j, 1) ~ /[A-Za-z0-9_]/) j++
                cmd = tolower(substr(s, i, j - i))
                while (substr(s, j, 1) == " " || substr(s, j, 1) == "\t") j++
                if (substr(s, j, 1) != "(") fail(name ": no \"(\" after " cmd)
                i = j + 1
                depth = 1
                argn = 0
                prev = ""
                if (cmd != "function" && cmd != "macro") add_call(name, cmd)
                continue
            }
            if (c == "(") { depth++; i++; continue }
            if (c == ")") { depth--; i++; continue }
            if (c == "\"") {
                j = i + 1
                while (j <= n && substr(s, j, 1) != "\"") {
                    if (substr(s, j, 1) == "\\") j++
                    j++
                }
                if (j > n) fail(name ": a quoted argument is never closed")
                word = substr(s, i + 1, j - i - 1)
                i = j + 1
            } else if ((j = bracket_open(s, i))) {
                k = bracket_close(s, j, name)
                word = substr(s, j, k - j - eq - 2)
                i = k
            } else {
                j = i
                while (j <= n && substr(s, j, 1) !~ /[ \t\r\n()#"]/) {
                    if (substr(s, j, 1) == "\\") j++
                    j++
                }
                word = substr(s, i, j - i)
                i = j
            }
            if (depth != 1) continue
            argn++
            if (argn == 1 && (cmd == "function" || cmd == "macro")) add_def(name, tolower(word))
            if (cmd == "cmake_language" && prev == "CALL") add_call(name, tolower(word))
            prev = word
        }
        if (depth != 0) fail(name ": the arguments of " cmd " are never closed")
    }

    function add_def(file, f) {
        if (f in builtin) { overrides = overrides "  " file ": " f "\n"; return }
        if ((f, file) in defined) return
        defined[f, file] = 1
        ndefiners[f]++
        definer[f, ndefiners[f]] = file
        ndef++
    }

    function add_call(file, f) {
        if ((file, f) in called) return
        called[file, f] = 1
        calls[++ncalls] = file SUBSEP f
    }

    function add_edge(a, b, f) {
        if (!((a, b) in edge_funcs)) {
            edge_list[++nedges] = a SUBSEP b
            succ[a, ++nsucc[a]] = b
            edge_funcs[a, b] = f
        } else {
            edge_funcs[a, b] = edge_funcs[a, b] " " f
        }
    }

    # One shortest cycle from v back to v inside strongly connected part p (breadth-first),
    # printed as "path: a -> (f) b -> (g) ... a", f the first function of each step.
    function print_cycle(v, p,    queue, head, tail, from, seen, x, y, i, k, seq, fn, line) {
        head = 1; tail = 0
        queue[++tail] = v
        while (head <= tail) {
            x = queue[head++]
            for (i = 1; i <= nsucc[x]; i++) {
                y = succ[x, i]
                if (member[y] != p) continue
                if (y == v) { from[v] = x; head = tail + 1; break }
                if (y in seen) continue
                seen[y] = 1
                from[y] = x
                queue[++tail] = y
            }
        }
        # Back from v to v: seq[k] ... seq[1] is the cycle in calling order.
        k = 0
        y = v
        do {
            seq[++k] = y
            y = from[y]
        } while (y != v)
        line = "  path: " v
        x = v
        for (i = k; i >= 1; i--) {
            y = (i == 1) ? v : seq[i]
            split(edge_funcs[x, y], fn, " ")
            line = line " -> (" fn[1] ") " y
            x = y
        }
        print line
    }

    # strongconnect(v): the strongly connected parts from v (Tarjan), printing those of two
    # files or more; the parameters after v are its locals.
    function strongconnect(v,    i, w, part, n, a, b, e, ab) {
        index_of[v] = low[v] = ++counter
        stack[++top] = v
        on_stack[v] = 1
        for (i = 1; i <= nsucc[v]; i++) {
            w = succ[v, i]
            if (!(w in index_of)) {
                strongconnect(w)
                if (low[w] < low[v]) low[v] = low[w]
            } else if (on_stack[w] && index_of[w] < low[v]) {
                low[v] = index_of[w]
            }
        }
        if (low[v] != index_of[v]) return
        n = 0
        do {
            w = stack[top--]
            on_stack[w] = 0
            part[++n] = w
            member[w] = nparts + 1
        } while (w != v)
        if (n < 2) {
            member[w] = 0
            return
        }
        nparts++
        # The files in the order given.
        printf "cycle %d:", nparts
        for (i = 1; i <= nfiles; i++) if (member[names[i]] == nparts) printf " %s", names[i]
        printf "\n"
        for (i = 1; i <= nfiles; i++) if (member[names[i]] == nparts) { print_cycle(names[i], nparts); break }
        for (e = 1; e <= nedges; e++) {
            split(edge_list[e], ab, SUBSEP)
            a = ab[1]; b = ab[2]
            if (member[a] == nparts && member[b] == nparts)
                printf "  %s -> %s: %s\n", a, b, edge_funcs[a, b]
        }
    }

    !($0 in given) { given[$0] = 1; paths[++nfiles] = $0 }

    END {
        if (bad) exit 2
        nb = split(builtins, bl, "\n")
        for (i = 1; i <= nb; i++) builtin[bl[i]] = 1
        # The folder all files share, left out of their names.
        prefix = paths[1]
        sub(/[^\/]*$/, "", prefix)
        for (i = 2; i <= nfiles; i++)
            while (prefix != "" && index(paths[i], prefix) != 1) {
                sub(/[^\/]*\/$/, "", prefix)
            }
        for (i = 1; i <= nfiles; i++) {
            names[i] = substr(paths[i], length(prefix) + 1)
            scan(paths[i], names[i])
        }
        if (ndef == 0) fail("no function() or macro() in the files")
        for (c = 1; c <= ncalls; c++) {
            split(calls[c], fs, SUBSEP)
            a = fs[1]; f = fs[2]
            for (d = 1; d <= ndefiners[f]; d++) {
                b = definer[f, d]
                if (a != b) add_edge(a, b, f)
            }
        }
        for (i = 1; i <= nfiles; i++) if (!(names[i] in index_of)) strongconnect(names[i])
        if (overrides != "") printf "overrides of CMake commands, not counted as edges:\n%s", overrides
        if (nparts > 0) {
            printf "%d call cycle(s) among the %d files\n", nparts, nfiles
            exit 1
        }
        printf "no call cycles between the %d files (%d functions, %d edges)\n", nfiles, ndef, nedges
    }'
