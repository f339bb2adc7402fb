/* SPDX-License-Identifier: MIT */
/* The lowest layer of pgo-helper merge (merge_common.c): a merge's settings, running the merge
 * tool and checking what it wrote, and the --stamp file. */
#ifndef PGO_HELPER_MERGE_COMMON_H
#define PGO_HELPER_MERGE_COMMON_H

#include "util.h"

#include <stdint.h>

/* What every merge reads: the settings of pgo-helper merge that its layers share. */
struct merge {
    const char *raw_dir;
    const char *output;
    const char *tool;
    const char *stamp; /* NULL if not given */
    int verbose;
    /* An indexed profile merged in with the raw ones (a context-sensitive pass adds its
     * counts to the first pass's profile); NULL if not given. */
    const char *base;
    /* gcc: how many gcov-tool merges run at once (at least 1). */
    unsigned long jobs;
    /* clang, --input: the sources this build compiles; inputs made from sources elsewhere get
     * their static functions renamed for them (merge_rename.c). NULL if not given. */
    const char *source_dir;
    /* --summary-tolerance: a fraction (0: exact), see merge_tolerate_summary (clang) and
     * merge_gcc.c's tolerate_summaries. */
    double summary_tolerance;
};

/* Runs a tool, collecting its stdout and stderr into err. Returns 0 if it exited with 0;
 * otherwise prints its output and "'what' failed (...)" and returns -1. */
int merge_run_tool(const struct merge *m, char *const *argv, const char *what, struct buf *err);

/* With --verbose, prints "run: <argv as one line>". */
void merge_show_command(const struct merge *m, char *const *argv);

/* The LLVM major version of the merge tool, from `TOOL merge --version`; -1 if it does not say. */
int merge_tool_major(const struct merge *m);

/* Clang: zeroes the totals of functions and of blocks in the summary of the indexed profile
 * DATA (read from PATH, rewritten there). Every module compiled with the profile carries its
 * summary, and ThinLTO's import refuses to link modules whose summaries differ; the totals
 * move with any function added, run or not, while no threshold reads them. Without them an
 * edit that leaves the counts alone compiles again only its own object. Returns 0, or -1
 * after an error. */
int merge_neutral_summary(const char *path, struct buf *data);

/* Clang, with m->summary_tolerance: when no figure of the summary of DATA (the new profile,
 * to be written to PATH) moved more than the tolerance from that of m->output (the last
 * profile), copies m->output's summary into DATA and PATH: every module carries the summary,
 * so keeping it lets the objects whose records did not change keep their compiles. Writes
 * m->output.tolerance ("kept=1|0 moved=F tolerance=F"; a negative moved says why there was
 * nothing to compare, below), or removes it without a tolerance. Returns 0, or -1 after an
 * error. */
int merge_tolerate_summary(const struct merge *m, const char *path, struct buf *data);

/* Creates the folder OUTPUT.KIND.XXXXXX beside m->output (KIND: "tmp", "inputs" or "scale", the
 * names remove_temporaries_of knows), removed at exit by cleanup.c unless forgotten. Returns
 * its path, or NULL after an error. */
char *merge_temp_dir(const struct merge *m, const char *kind);

/* The "moved" of OUTPUT.tolerance when the new summary could not be compared with the last
 * one: there was no last profile (or it has no summary), GCC's runs differ (another
 * training), or Clang's detailed summaries have other cutoffs. */
#define TOLERANCE_NO_EARLIER (-1.0)
#define TOLERANCE_OTHER_RUNS (-2.0)
#define TOLERANCE_OTHER_CUTOFFS (-3.0)

/* Writes OUTPUT.tolerance, what the summary line reads: whether the earlier summary was kept,
 * and how far the new one had moved from it (or one of the values above). Returns 0, or -1. */
int merge_tolerance_result(const struct merge *m, int kept, double moved);

/* Clang: checks that DATA, what the merge tool of LLVM major release `major` (-1: unknown)
 * wrote to PATH, is an indexed profile of a version that release's compiler reads, before it
 * replaces m->output; llvm-profdata may exit 0 having written nothing. Returns 0, or -1 after
 * an error naming the tool and the file. */
int merge_check_profdata(const struct merge *m, int major, const char *path,
                         const struct buf *data);

/* Writes "HASH\n" to the --stamp file if one was given and its content differs. */
int merge_write_stamp(const struct merge *m, uint64_t hash);

#endif
