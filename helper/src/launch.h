/* SPDX-License-Identifier: MIT */
/* pgo-helper launch, the subcommand (launch.c): a compiler launcher for the optimized tree,
 * keeping a log of the compiler's profile warnings. */
#ifndef PGO_HELPER_LAUNCH_H
#define PGO_HELPER_LAUNCH_H

/* argv[0] is "launch". Returns the exit status: 0 success, 1 failure, 2 bad usage. */
int cmd_launch(int argc, char **argv);

#endif
