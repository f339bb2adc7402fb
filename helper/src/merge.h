/* SPDX-License-Identifier: MIT */
/* pgo-helper merge, the subcommand (merge.c). Its parts, in layers, each calling only those
 * below it, each with its own header:
 *   merge.c        the options, parsed once; the raw directory's lock; the choice of merge
 *   merge_sidecars.c  --check-sidecars: the inputs' sidecars agree, the output's sidecar
 *   merge_many.c   --input and --weight: many inputs, weighted
 *   merge_rename.c --source-dir: Clang's static functions renamed for this checkout
 *   merge_clang.c, merge_gcc.c   each compiler's merge of a raw directory
 *   merge_gcc_tree.c  GCC's merge tree of gcov-tool runs, below merge_gcc.c
 *   merge_common.c running the merge tool, and the --stamp file; struct merge */
#ifndef PGO_HELPER_MERGE_H
#define PGO_HELPER_MERGE_H

#include "compiler.h"
#include "merge_common.h"
#include "merge_many.h"

/* The command line of pgo-helper merge, checked. */
struct merge_options {
    enum compiler compiler;
    struct merge m;
    /* --input (none: the raw profiles are m.raw_dir's), --weight and --skip-corrupt; owned */
    struct merge_inputs in;
    int check_sidecars;
    unsigned long test_profiles_limit; /* --test-profiles-limit, megabytes */
    int test_profiles_limit_set;
};

/* argv[0] is "merge". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_merge(int argc, char **argv);

/* Runs the merge O describes. Returns the exit status. */
int merge_run(const struct merge_options *o);

#endif
