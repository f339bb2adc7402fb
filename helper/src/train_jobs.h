/* SPDX-License-Identifier: MIT */
/* pgo-helper train's scheduler (train_jobs.c): the training tests run in parallel, each in a
 * process group of its own, stopped on SIGINT, SIGTERM and SIGHUP. */
#ifndef PGO_HELPER_TRAIN_JOBS_H
#define PGO_HELPER_TRAIN_JOBS_H

#include "compiler.h"
#include "ctest_list.h"
#include "training_options.h"

#include <stddef.h>

struct train_jobs {
    /* Set by the caller. */
    const char *build_dir;
    const char *raw_dir; /* absolute; test i writes to train_test_dir(raw_dir, i) */
    const struct training_options *opt;
    /* How a test's programs are told where their profiles go: LLVM_PROFILE_FILE (clang),
     * GCOV_PREFIX and GCOV_PREFIX_STRIP (gcc), nothing (none). */
    enum compiler compiler;
    unsigned long gcov_strip;
    int verbose;
    const struct ctest_list *list;
    const unsigned char *run; /* run[i]: test i runs (NULL: every test); others are skipped */
    int lock; /* the locked RAW.lock, where the running tests are recorded (leftovers.h) */
    /* Filled by train_jobs_run. */
    size_t failed;   /* tests that failed */
    size_t nrunning; /* tests an interruption could not stop */
};

/* The directory of test I (from 0) below RAW_DIR: RAW_DIR/tNNNN, numbered from 1; owned by the
 * caller. */
char *train_test_dir(const char *raw_dir, size_t i);

/* Runs every test of j->list (those of j->run), j->opt->jobs at once, each with its output in its
 * directory's output.log; after a failure starts no more unless failures are allowed. Returns 0, 1,
 * or 128+signal when interrupted (the running tests are stopped). */
int train_jobs_run(struct train_jobs *j);

#endif
