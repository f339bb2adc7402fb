/* SPDX-License-Identifier: MIT */
/* The CTest labels of a tree's tests (ctest_labels.c), for summary -v's groups: a project
 * that labels its tests (unit, integration, a component's name) says which belong together. */
#ifndef PGO_HELPER_CTEST_LABELS_H
#define PGO_HELPER_CTEST_LABELS_H

#include "util.h"

/* For each label of the tests of build tree DIR but the toolkit's own (pgo-*), in ctest's
 * order (sorted), the names of its tests: pairs appended to NAMES and LABELS, one entry each.
 * CONFIG: ctest -C for a multi-configuration tree, or NULL. Returns 0, or -1 after a warning
 * (the groups are then the round-robin ones). */
int ctest_labels(const char *ctest, const char *dir, const char *config, struct strvec *names,
                 struct strvec *labels);

/* LABEL as an anchored ctest -L expression matching it alone. Returns a new string. */
char *ctest_label_regex(const char *label);

#endif
