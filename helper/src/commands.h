/* SPDX-License-Identifier: MIT */
/* The subcommands; each takes its own argv (argv[0] is the subcommand name) and returns the
 * exit status: 0 success, 1 failure, 2 bad usage. */
#ifndef PGO_HELPER_COMMANDS_H
#define PGO_HELPER_COMMANDS_H

int cmd_launch(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_metadata(int argc, char **argv);
int cmd_unpack(int argc, char **argv);

#endif
