/* SPDX-License-Identifier: MIT */
/* pgo-helper bolt, the subcommand (bolt.c): the linked files of the optimized tree
 * instrumented, trained and optimized with llvm-bolt. */
#ifndef PGO_HELPER_BOLT_H
#define PGO_HELPER_BOLT_H

#include "training_options.h"

/* The command line of pgo-helper bolt, checked. */
struct bolt_options {
    const char *state_dir;
    const char *targets_file;
    const char *build_dir;
    const char *llvm_bolt;
    const char *merge_fdata;
    struct training_options training; /* passed on to pgo-helper train */
    int verbose;
};

/* argv[0] is "bolt". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_bolt(int argc, char **argv);

/* Runs the post-link stage O describes. Returns the exit status. */
int bolt_run(const struct bolt_options *o);

#endif
