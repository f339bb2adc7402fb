/* SPDX-License-Identifier: MIT */
/* pgo-helper launch, the subcommand (launch.c): a compiler launcher for the optimized tree,
 * keeping a log of the compiler's profile warnings. */
#ifndef PGO_HELPER_LAUNCH_H
#define PGO_HELPER_LAUNCH_H

/* The command line of pgo-helper launch, checked. */
struct launch_options {
    const char *log_dir;  /* where compile logs go */
    int verbose;          /* echo the compiler's stderr unfiltered */
    char *const *command; /* the compiler and its arguments, NULL-terminated, from argv */
};

/* argv[0] is "launch". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_launch(int argc, char **argv);

/* Runs the compile O describes. Returns the compiler's exit status, or 1 when it could not
 * run or its log could not be written. */
int launch_run(const struct launch_options *o);

#endif
