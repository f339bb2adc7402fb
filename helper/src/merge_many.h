/* SPDX-License-Identifier: MIT */
/* pgo-helper merge --input: merging any number of raw or merged profiles from anywhere, with
 * weights, skipping corrupt inputs when asked (merge_many.c). */
#ifndef PGO_HELPER_MERGE_MANY_H
#define PGO_HELPER_MERGE_MANY_H

#include "compiler.h"
#include "merge_common.h"

struct merge_inputs {
    struct strvec paths;   /* --input: files or directories */
    struct strvec weights; /* --weight N:WHAT, as given */
    int skip_corrupt;
};

/* Checks a --weight argument "N:WHAT" (N a whole number from 1). Returns 0, or -1 after
 * printing an error. */
int merge_check_weight(const char *spec);

/* Merges the inputs into m->output (m->raw_dir unused). Returns the exit status. */
int merge_many(const struct merge *m, enum compiler compiler, const struct merge_inputs *in);

/* For the --raw-dir merge with --weight options, holding the raw directory's lock: merges
 * m->raw_dir (and m->base, if given) as inputs, with the weights WEIGHTS ("N:WHAT", as given).
 * Returns the exit status. */
int merge_raw_weighted(const struct merge *m, enum compiler compiler, const struct strvec *weights);

#endif
