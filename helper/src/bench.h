/* SPDX-License-Identifier: MIT */
/* pgo-helper bench, the subcommand (bench.c): a benchmark command timed on the PGO build, its
 * twin without the profile and plain Release in turn. Its parts, each with its own header:
 * bench_measure.c (running and counting), bench_stats.c (the statistics), bench_advice.c (what
 * to try when the profile does not pay). */
#ifndef PGO_HELPER_BENCH_H
#define PGO_HELPER_BENCH_H

#include "util.h"

#include <stddef.h>

/* The command line of pgo-helper bench, checked. */
struct bench_options {
    const char *build_dir, *plain_dir, *release_dir;          /* release_dir may be NULL */
    const char *output, *valgrind, *linked, *cmake, *prepare; /* NULL if not given */
    unsigned long rounds, warmup;
    int simulate;
    struct strvec count_args;   /* --count-arg, in order; owned */
    struct strvec alternatives; /* --alternative NAME=VALUE=DIR, as given; owned */
    char **command;             /* the benchmark command, borrowed from argv */
    size_t ncommand;
};

/* argv[0] is "bench". Returns the exit status: 0 success, 1 failure (or a slower PGO build),
 * 2 bad usage. */
int cmd_bench(int argc, char **argv);

/* Runs the comparison O describes. Returns the exit status. */
int bench_run(const struct bench_options *o);

#endif
