/* SPDX-License-Identifier: MIT */
/* The options that choose and run the training tests: pgo-helper train takes them, and
 * pgo-helper bolt takes the same and passes them on to train. */
#ifndef PGO_HELPER_TRAINING_OPTIONS_H
#define PGO_HELPER_TRAINING_OPTIONS_H

#include <stddef.h>

/* Their ids in a subcommand's option table, above any subcommand's own. */
enum {
    TRAINING_OPT_JOBS = 512,
    TRAINING_OPT_TIMEOUT,
    TRAINING_OPT_ALLOW_FAILURES,
    TRAINING_OPT_CTEST,
    TRAINING_OPT_CONFIG,
    TRAINING_OPT_TESTS_REGEX,
    TRAINING_OPT_TEST
};

/* Their rows of a subcommand's option table (struct cli_option). */
#define TRAINING_OPTION_ROWS                                                                       \
    {"jobs", 0, 1, TRAINING_OPT_JOBS}, {"timeout", 0, 1, TRAINING_OPT_TIMEOUT},                    \
        {"allow-failures", 0, 0, TRAINING_OPT_ALLOW_FAILURES},                                     \
        {"ctest", 0, 1, TRAINING_OPT_CTEST}, {"config", 0, 1, TRAINING_OPT_CONFIG},                \
        {"tests-regex", 0, 1, TRAINING_OPT_TESTS_REGEX},                                           \
    {                                                                                              \
        "test", 0, 1, TRAINING_OPT_TEST                                                            \
    }

/* Their lines of a usage text. */
#define TRAINING_OPTIONS_HELP                                                                      \
    "  --jobs N            tests run at once (default: the number of online CPUs)\n"               \
    "  --timeout SEC       passed to ctest --timeout\n"                                            \
    "  --allow-failures    go on when a training test fails\n"                                     \
    "  --ctest PATH        the ctest to run (default: ctest on PATH)\n"                            \
    "  --config NAME       the configuration of a multi-configuration tree (ctest -C)\n"           \
    "  --tests-regex R     also train with the tests whose name matches R (ctest -R)\n"            \
    "  --test NAME         train with the CTest test NAME (repeated): the tests given so\n"        \
    "                      replace the training (PGO_TRAINING_SET), labels and R aside\n"

struct training_options {
    const char *ctest;       /* the ctest to run: "ctest" unless given */
    const char *config;      /* ctest -C, for a multi-configuration tree, or NULL */
    const char *timeout;     /* ctest --timeout, checked, or NULL */
    const char *tests_regex; /* also train with the tests whose name matches, or NULL */
    const char **tests;      /* --test: the whole training when given (ntests > 0), owned array */
    size_t ntests;
    unsigned long jobs; /* its value: tests run at once; one per online CPU if not given */
    int allow_failures;
};

void training_options_init(struct training_options *o);
/* Takes the option ID with its argument ARG if it is one of these. Returns 1 if it was, 0 if
 * it is not one of them, -1 after an error for a bad value. */
int training_option(struct training_options *o, int id, const char *arg);
void training_options_release(struct training_options *o);

#endif
