/* SPDX-License-Identifier: MIT */
/* pgo-helper summary, the subcommand (summary.c): whether the optimized build used the
 * profile, from the profile, the compile logs and the objects. */
#ifndef PGO_HELPER_SUMMARY_H
#define PGO_HELPER_SUMMARY_H

/* argv[0] is "summary". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_summary(int argc, char **argv);

#endif
