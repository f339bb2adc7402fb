/* SPDX-License-Identifier: MIT */
/* Command-line option parsing shared by the subcommands. */
#ifndef PGO_HELPER_CLI_H
#define PGO_HELPER_CLI_H

/* What cli_next returns besides option ids. CLI_HELP and CLI_VERSION are the ids of the two
 * rows every subcommand's table has (CLI_HELP_ROWS): negative, so that they end the option
 * loop, for cli_finish to answer. */
enum { CLI_END = -1, CLI_ERROR = -2, CLI_HELP = -3, CLI_VERSION = -4 };

/* The rows of -h/--help and --version in a subcommand's table (struct cli_option). */
#define CLI_HELP_ROWS                                                                              \
    {"help", 'h', 0, CLI_HELP},                                                                    \
    {                                                                                              \
        "version", 0, 0, CLI_VERSION                                                               \
    }

struct cli_option {
    const char *long_name; /* without the leading "--" */
    char short_name;       /* 0 if none */
    int has_arg;
    int id;
};

struct cli {
    int argc;
    char **argv;
    int index;       /* next argument to look at; after CLI_END the first operand */
    const char *arg; /* the value of the option just returned */
};

void cli_init(struct cli *c, int argc, char **argv);
/* Returns the id of the next option, CLI_END at "--" (consumed) or the first operand, or
 * CLI_ERROR after printing what was wrong. Options of the table end with a NULL long_name. */
int cli_next(struct cli *c, const struct cli_option *options);

/* Ends a subcommand's option loop, given the last value ID of cli_next: -h prints USAGE on
 * stdout and --version the version, exit status 0; a bad option, or an operand when OPERANDS
 * is 0, prints what is wrong and USAGE on stderr, exit status 2. Returns that exit status, or
 * -1 when the subcommand goes on. */
int cli_finish(const struct cli *c, int id, const char *usage, int operands);

/* Prints "pgo-helper: <sub>: message" and the usage text to stderr; returns 2. */
int cli_usage_error(const char *usage, const char *message);

/* Parses a decimal option value in [min, max]; prints an error and returns -1 if invalid. */
int cli_number(const char *option, const char *value, unsigned long min, unsigned long max,
               unsigned long *out);

/* Parses a percentage option value, a number from 0 to 100; prints an error and returns -1 if
 * invalid. */
int cli_percent(const char *option, const char *value, double *out);

#endif
