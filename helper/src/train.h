/* SPDX-License-Identifier: MIT */
/* pgo-helper train, the subcommand (train.c): the training tests of an instrumented tree, each
 * on its own, their raw profiles in RAW/tNNNN/. pgo-helper bolt runs it too, with a struct. */
#ifndef PGO_HELPER_TRAIN_H
#define PGO_HELPER_TRAIN_H

#include "compiler.h"
#include "training_options.h"

#include <stddef.h>

/* The command line of pgo-helper train, checked. */
struct train_options {
    const char *build_dir;
    const char *raw_dir; /* as given */
    /* COMPILER_NONE: no environment set, no profile counted (pgo-helper bolt) */
    enum compiler compiler;
    unsigned long gcov_strip; /* gcc: GCOV_PREFIX_STRIP */
    int verbose;
    int workload;                /* --workload: the test labelled pgo-workload, not the training */
    unsigned long shard, shards; /* --shard K/N, or 0/0 for the whole training */
    int reuse;                   /* --reuse: rerun only the tests an edit touched */
    const char *compile_db, *tool, *nm;
    const char **reuse_inputs; /* --reuse-input, n_reuse_inputs of them */
    size_t n_reuse_inputs;
    const char *unbuilt_targets; /* --unbuilt-targets: the list of PGO_TRAINING_TARGETS' check */
    struct training_options training;
};

/* argv[0] is "train". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_train(int argc, char **argv);

/* Runs the training O describes. Returns 0, 1, or 128+signal when interrupted. */
int train_run(const struct train_options *o);

#endif
