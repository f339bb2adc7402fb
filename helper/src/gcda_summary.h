/* SPDX-License-Identifier: MIT */
/* GCC's program summary in a .gcda file: how many runs wrote it, and the sum over those runs
 * of each run's largest counter (sum_max). GCC's compile draws its hot threshold from sum_max
 * (sum_max / --param hot-bb-count-fraction), and the file holds both in 32 bits, which
 * libgcov and gcov-tool add without a check: a weighted merge, or a long training, wraps
 * sum_max and makes GCC call nearly every block hot. This module reads the summaries of the
 * merge's inputs, so that the merge can keep the totals within 32 bits, or saturate them. */
#ifndef PGO_HELPER_GCDA_SUMMARY_H
#define PGO_HELPER_GCDA_SUMMARY_H

#include "util.h"

#include <stddef.h>
#include <stdint.h>

struct gcda_summary {
    uint32_t runs, sum_max;
};

/* The summary record of a .gcda file's data. Returns 0, or -1 when it has none. */
int gcda_summary_read(const unsigned char *data, size_t n, struct gcda_summary *out);

/* Rewrites the summary record of the .gcda file PATH (atomically, keeping the rest). Returns
 * 0, or -1 after printing an error. */
int gcda_summary_write(const char *path, const struct gcda_summary *s);

/* The summaries of the .gcda files of several profile directories. */
struct gcda_summaries {
    struct strvec objects; /* the .gcda names of every directory, sorted, once each */
    size_t ndirs;
    struct gcda_summary *cells; /* ndirs rows of objects.n: zero where a directory lacks one */
};

/* Reads the summaries of the .gcda files of each of DIRS into OUT (which it initializes); a
 * file without one counts as zero. Returns 0, or -1 after printing an error. */
int gcda_summaries_read(const struct strvec *dirs, struct gcda_summaries *out);
void gcda_summaries_release(struct gcda_summaries *s);

/* The largest total, over the objects, of runs or of sum_max once the directories are
 * merged with directory i counted W[i] times (every one once when W is NULL); it saturates
 * at UINT64_MAX. */
uint64_t gcda_summaries_peak(const struct gcda_summaries *s, const unsigned long *w);

/* The common divisor of weights W (n of them) that brings the peak within 32 bits, the new
 * weights (rounded, at least 1) into OUT: 1 when no division is needed, or 0 when even
 * weights of 1 pass it (the merge must then saturate). */
unsigned long gcda_weights_divisor(const struct gcda_summaries *s, const unsigned long *w, size_t n,
                                   unsigned long *out);

/* Sets, in the .gcda files of DIR (the merge of the directories, each once), every summary
 * whose total passes 32 bits to the largest value the file holds; *patched counts them.
 * Returns 0, or -1 after printing an error. */
int gcda_summaries_saturate(const struct gcda_summaries *s, const char *dir, size_t *patched);

/* Sets, in the .gcda files of DIR, every summary that wrapped before the merge saw it (libgcov
 * adds each run's largest count in 32 bits too, a single run's included) to the largest value
 * the file holds: a summary whose sum_max is below one of its file's arc counters, and the
 * same summary in the program's other files. *patched counts the files, *largest is the
 * largest such counter. Returns 0, or -1 after printing an error. */
int gcda_summaries_unwrap(const char *dir, size_t *patched, uint64_t *largest);

#endif
