/* What pgo-helper bench measures of one build: wall time and peak memory of a run,
 * instructions counted by valgrind, and the sizes of the linked files. */
#ifndef PGO_HELPER_BENCH_MEASURE_H
#define PGO_HELPER_BENCH_MEASURE_H

struct run_result {
    double seconds;
    long max_rss_kb; /* the child's peak resident set (wait4's ru_maxrss) */
};

/* Runs argv once, stdout to devnull. Returns 0, or -1 after printing why (a failing benchmark
 * is an error: its figures would mean nothing); which names the build in messages. */
int bench_run(char *const *argv, const char *which, int devnull, struct run_result *r);

/* The instructions that `valgrind --tool=cachegrind --cache-sim=no` counts for argv, summed
 * over every process it starts. Returns 0, or -1 after printing why. */
int bench_count(const char *valgrind, char *const *argv, const char *which, int devnull,
                unsigned long long *instructions);

/* The size of the executable sections (text) and of the whole file, of an ELF64 file.
 * Returns 0, or -1 when path is missing or not ELF64 (nothing printed). */
int file_sizes(const char *path, unsigned long long *text, unsigned long long *file);

/* Parses the "I refs:" figure of a valgrind log (digits with commas). Returns 0, or -1. */
int parse_instructions(const char *log, unsigned long long *out);

#endif
