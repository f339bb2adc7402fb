/* SPDX-License-Identifier: MIT */
/* The training options shared by pgo-helper train and bolt (training_options.h). */
#define _POSIX_C_SOURCE 200809L
#include "training_options.h"

#include "cli.h"
#include "util.h"

#include <stdlib.h>

#include <string.h>
#include <unistd.h>

void training_options_init(struct training_options *o)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);

    memset(o, 0, sizeof(*o));
    o->ctest = "ctest";
    o->jobs = cpus > 0 ? (unsigned long)cpus : 1;
}

int training_option(struct training_options *o, int id, const char *arg)
{
    unsigned long v;

    switch (id) {
    case TRAINING_OPT_JOBS:
        if (cli_number("--jobs", arg, 1, 4096, &o->jobs) < 0)
            return -1;
        return 1;
    case TRAINING_OPT_TIMEOUT:
        /* up to 100 years: the module's limit of a year times a slowdown up to 100 */
        if (cli_number("--timeout", arg, 1, 3153600000ul, &v) < 0)
            return -1;
        o->timeout = arg;
        return 1;
    case TRAINING_OPT_ALLOW_FAILURES:
        o->allow_failures = 1;
        return 1;
    case TRAINING_OPT_CTEST:
        o->ctest = arg;
        return 1;
    case TRAINING_OPT_CONFIG:
        o->config = arg;
        return 1;
    case TRAINING_OPT_TESTS_REGEX:
        o->tests_regex = arg;
        return 1;
    case TRAINING_OPT_TEST:
        if (!*arg) {
            error("--test: give a CTest test's name");
            return -1;
        }
        o->tests = xrealloc(o->tests, (o->ntests + 1) * sizeof(*o->tests));
        o->tests[o->ntests++] = arg;
        return 1;
    default:
        return 0;
    }
}

void training_options_release(struct training_options *o)
{
    free(o->tests);
    o->tests = NULL;
    o->ntests = 0;
}
