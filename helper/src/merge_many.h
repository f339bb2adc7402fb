/* SPDX-License-Identifier: MIT */
/* pgo-helper merge --input: merging any number of raw or merged profiles from anywhere, with
 * weights, skipping corrupt inputs when asked (merge_many.c). */
#ifndef PGO_HELPER_MERGE_MANY_H
#define PGO_HELPER_MERGE_MANY_H

#include "cli.h"
#include "merge.h"

struct merge_inputs {
    struct strvec paths;   /* --input: files or directories */
    struct strvec weights; /* --weight N:WHAT, as given */
    int skip_corrupt;
};

/* Checks a --weight argument "N:WHAT" (N a whole number from 1). Returns 0, or -1 after
 * printing an error. */
int merge_check_weight(const char *spec);

/* Merges the inputs into m->output (m->raw_dir unused). Returns the exit status. */
int merge_many(const struct merge *m, int clang, const struct merge_inputs *in);

/* For cmd_merge, after it checked its options: collects the --input (id input_id), --weight
 * (weight_id) and --skip-corrupt (skip_id) options of argv again, parsed with the same table,
 * and runs merge_many. Returns the exit status. */
int merge_many_from_args(const struct merge *m, int clang, int argc, char **argv,
                         const struct cli_option *options, int input_id, int weight_id,
                         int skip_id);

/* For the --raw-dir merge with --weight options, holding the raw directory's lock: merges
 * m->raw_dir (and m->base, if given) as inputs, with the --weight (weight_id) options of argv
 * collected again. Returns the exit status. */
int merge_raw_weighted(const struct merge *m, int clang, int argc, char **argv,
                       const struct cli_option *options, int weight_id);

#endif
