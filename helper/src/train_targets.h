/* SPDX-License-Identifier: MIT */
/* pgo-helper train --unbuilt-targets: with PGO_TRAINING_TARGETS the instrumented build makes
 * only the targets the training runs. A program it leaves out may be one an earlier build
 * made, from older sources: a test that ran it would train on stale code. So the helper
 * removes those programs before the training (the next build that needs one makes it again),
 * and a test that needed one fails, and is told which setting left it out. */
#ifndef PGO_HELPER_TRAIN_TARGETS_H
#define PGO_HELPER_TRAIN_TARGETS_H

#include "ctest_list.h"

struct train_targets {
    const char *list;      /* the file CMake wrote: "<target>\t<file>" lines */
    const char *build_dir; /* absolute: the instrumented tree, below which every file lies */
    const char *raw_dir;   /* absolute; test i's folder is train_test_dir(raw_dir, i) */
    int verbose;
};

/* Removes the programs of the list that exist. A file outside build_dir is refused, not
 * removed: the list is the tree's own, but nothing of the helper deletes outside a build
 * tree. Returns 0, or -1 after an error. */
int train_targets_remove(const struct train_targets *c);

/* After failed tests: for each test (with run[i] set, or all when run is NULL) whose output
 * names the file of a left-out target, says that the setting left it out. */
void train_targets_explain(const struct train_targets *c, const struct ctest_list *list,
                           const unsigned char *run);

#endif
