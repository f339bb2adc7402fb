/* SPDX-License-Identifier: MIT */
/* pgo-helper summary, the subcommand (summary.c): whether the optimized build used the
 * profile, from the profile, the compile logs and the objects. */
#ifndef PGO_HELPER_SUMMARY_H
#define PGO_HELPER_SUMMARY_H

#include "profile_options.h"
#include "util.h"

/* The command line of pgo-helper summary, checked. */
struct summary_options {
    struct profile_options p;
    unsigned long min_functions; /* fail if fewer functions ran in training (default 1) */
    double rep_threshold;        /* warn when the workload's overlap is below it, percent */
    unsigned long folds;         /* -v: the groups of the 'generalizes' line (default 5) */
    double gen_threshold;        /* -v: name the groups below it, percent (default 80) */
    double choice_goal;          /* --choice-goal, percent */
    const char *ctest;           /* --ctest: the labels' ctest, or NULL */
    struct strvec weights;       /* --weight N:TEST, as pgo-helper merge took them */
    int verbose;
};

/* argv[0] is "summary". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_summary(int argc, char **argv);

/* Runs the summary O describes. Returns the exit status: 0 success, 1 failure. */
int summary_run(const struct summary_options *o);

#endif
