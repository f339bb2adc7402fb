/* SPDX-License-Identifier: MIT */
/* pgo-helper train --reuse (train_reuse.c): after an edit, only the training tests that ran
 * code of an instrumented object that changed run again; the others keep the raw profiles of
 * their last run, which the merge reads as before. A development setting: a test is known by
 * the functions it ran, so an edit that changes what a test does without running changed code
 * (a global's initial value read from another object) is not seen. */
#ifndef PGO_HELPER_TRAIN_REUSE_H
#define PGO_HELPER_TRAIN_REUSE_H

#include "compiler.h"
#include "ctest_list.h"
#include "util.h"

#include <stddef.h>

struct train_reuse {
    /* Set by the caller. */
    const char *build_dir;  /* the instrumented tree, absolute */
    const char *raw_dir;    /* absolute */
    const char *compile_db; /* its compile_commands.json: which objects are instrumented */
    enum compiler compiler;
    const char *tool; /* clang: llvm-profdata, to read what each test ran */
    const char *nm;   /* clang: llvm-nm, to read the functions of a changed object */
    const char *key;  /* what defines the training (tests, options, inputs), as text */
    int verbose;
    /* Filled by train_reuse_plan. */
    char **kept_from;      /* [i]: the directory whose earlier run test i keeps, or NULL */
    size_t kept, changed;  /* tests kept; instrumented objects changed since that run */
    const char *why;       /* why every test runs, or NULL (a static string) */
    struct strvec objects; /* "<hash> <object>" lines of the tree now, sorted */
};

/* Decides which of the tests of LIST must run: fills r->kept_from (NULL for a test that runs)
 * when the last training's record (RAW/reuse.state) still describes this training, else keeps
 * none and says why with -v. Returns 0, or -1 after printing an error. */
int train_reuse_plan(struct train_reuse *r, const struct ctest_list *list);

/* After a successful training: records what each test that ran executed (RAW/tNNNN/ran), the
 * objects' hashes and the key (RAW/reuse.state), and RESULT ("tests= run= kept= changed=").
 * RUN[i] says whether test i ran. Returns 0, or -1 after printing an error. */
int train_reuse_record(struct train_reuse *r, const struct ctest_list *list,
                       const unsigned char *run, const char *result);

void train_reuse_release(struct train_reuse *r, size_t n);

#endif
