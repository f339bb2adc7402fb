/* SPDX-License-Identifier: MIT */
/* What pgo-helper bench measures of one build: wall time and peak memory of a run,
 * instructions counted by valgrind, and the sizes of the linked files. */
#ifndef PGO_HELPER_BENCH_MEASURE_H
#define PGO_HELPER_BENCH_MEASURE_H

#include <stddef.h>

struct run_result {
    double seconds;
    long max_rss_kb; /* the child's peak resident set (wait4's ru_maxrss) */
};

/* Runs argv once, stdout to devnull. Returns 0, or -1 after printing why (a failing benchmark
 * is an error: its figures would mean nothing); which names the build in messages. */
int bench_measure_run(char *const *argv, const char *which, int devnull, struct run_result *r);

/* What cachegrind counts of a run, summed over every process it starts: instructions, and
 * with the simulation the misses of a fixed cache model (BENCH_CACHES) and the mispredicted
 * branches of its predictor. Like instructions, they repeat run to run. */
struct sim_counts {
    unsigned long long ir;                    /* instructions executed ("I refs") */
    unsigned long long i1_misses, lli_misses; /* instruction fetches missing L1, and LL */
    unsigned long long d_refs;                /* data reads and writes */
    unsigned long long d1_misses, lld_misses; /* data accesses missing L1, and LL */
    unsigned long long branches, mispredicts; /* conditional and indirect */
    int simulated;                            /* the misses and branches were counted */
};

/* The caches cachegrind simulates, the same on every machine (by default it takes the host's,
 * and the figures would differ between machines): 32 KiB 8-way L1s, an 8 MiB 16-way LL. */
#define BENCH_CACHES "--I1=32768,8,64", "--D1=32768,8,64", "--LL=8388608,16,64"

/* The cycle estimate of the counts: Ir + 10 (I1 + D1 misses) + 100 (LL misses) + 15
 * mispredicts, cachegrind's documented estimate (an L1 miss served by LL ~10 cycles, one
 * served by memory ~100) with a misprediction at 15 cycles, what a modern pipeline loses.
 * It models no out-of-order overlap: a ranking figure, not a time. The instruction count
 * alone without the simulation. */
double sim_cycles(const struct sim_counts *c);

/* Runs argv under `valgrind --tool=cachegrind`, with the cache and branch simulation when
 * SIMULATE is set (several times slower) and without it otherwise, and adds up what it
 * counts. Returns 0, or -1 after printing why. */
int bench_count(const char *valgrind, char *const *argv, const char *which, int devnull,
                int simulate, struct sim_counts *out);

/* The size of the executable sections (text) and of the whole file, of an ELF64 file.
 * Returns 0, or -1 when path is missing or not ELF64 (nothing printed). */
int file_sizes(const char *path, unsigned long long *text, unsigned long long *file);

/* Parses the "I refs:" figure of a valgrind log (digits with commas). Returns 0, or -1. */
int parse_instructions(const char *log, unsigned long long *out);
/* Parses the summary of a cachegrind log: "I refs:" always, the miss and branch lines when
 * present (they set c->simulated). Returns 0, or -1 without "I refs:". */
int parse_cachegrind(const char *log, struct sim_counts *c);

/* A copy of argv (n words) for the build in DIR: a program below BDIR is taken from DIR.
 * Sets *mapped when it was. Free it with bench_free_argv. */
char **bench_argv_for(char *const *argv, size_t n, const char *bdir, const char *dir, int *mapped);
void bench_free_argv(char **argv);

#endif
