#!/bin/sh
# SPDX-License-Identifier: MIT
# No two files of the helper call each other, directly or through a third: the file-level
# call graph of the core library's objects has no cycle, so the files stay in layers.
# An edge A -> B when A's object uses (nm: U) a function that B's object defines (nm: T).
# Fails listing each cycle (each strongly connected part of the graph): its files and, for
# each edge inside it, the functions that make it.
# usage: call_cycles.sh NM WORK_DIR OBJECT...
nm=$1 work=$2
shift 2
[ $# -gt 0 ] || { echo "call_cycles.sh: no objects given" >&2; exit 2; }
mkdir -p "$work" && cd "$work" || exit 2

for obj in "$@"; do
    # merge_gcc.c.o (CMake's name for src/merge_gcc.c) -> merge_gcc.c
    file=$(basename "$obj")
    file=${file%.o}
    file=${file%.obj}
    "$nm" -g "$obj" >nm.out || { echo "call_cycles.sh: $nm failed on $obj" >&2; exit 2; }
    awk -v file="$file" '
        NF == 2 && $1 == "U" { print "U", file, $2 }
        NF == 3 && $2 == "T" { print "T", file, $3 }' nm.out
done >symbols.txt
rm -f nm.out

awk '
    $1 == "T" { if (!($3 in definer)) definer[$3] = $2; ndef++ }
    $1 == "U" { uses[++nuse] = $2 SUBSEP $3 }
    # strongconnect(v): the strongly connected components from v (Tarjan), printing those of
    # two files or more; the parameters after v are its locals.
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
            delete member[w]
            return
        }
        nparts++
        printf "cycle %d:", nparts
        for (i = n; i >= 1; i--) printf " %s", part[i]
        printf "\n"
        for (e = 1; e <= nedges; e++) {
            split(edge_list[e], ab, SUBSEP)
            a = ab[1]; b = ab[2]
            if (member[a] == nparts && member[b] == nparts)
                printf "  %s -> %s: %s\n", a, b, edge_funcs[a, b]
        }
    }
    END {
        if (ndef == 0) { print "call_cycles.sh: no defined functions in the objects"; exit 2 }
        for (u = 1; u <= nuse; u++) {
            split(uses[u], fs, SUBSEP)
            a = fs[1]; f = fs[2]
            if (!(f in definer)) continue # libc and other outside functions
            b = definer[f]
            if (a == b) continue
            if (!(a in node)) { node[a]; nodes[++nnodes] = a }
            if (!(b in node)) { node[b]; nodes[++nnodes] = b }
            if (!((a, b) in edge_funcs)) {
                edge_list[++nedges] = a SUBSEP b
                succ[a, ++nsucc[a]] = b
                edge_funcs[a, b] = f
            } else {
                edge_funcs[a, b] = edge_funcs[a, b] " " f
            }
        }
        for (i = 1; i <= nnodes; i++) if (!(nodes[i] in index_of)) strongconnect(nodes[i])
        if (nparts > 0) {
            printf "%d call cycle(s) between files of the helper\n", nparts
            exit 1
        }
        printf "no call cycles between the %d files that call each other\n", nnodes
    }' symbols.txt
