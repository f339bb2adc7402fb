/* SPDX-License-Identifier: MIT */
/* GCC's merge tree: many .gcda directories folded into one by gcov-tool runs, several at once
 * (merge_gcc_tree.c). */
#ifndef PGO_HELPER_MERGE_GCC_TREE_H
#define PGO_HELPER_MERGE_GCC_TREE_H

#include "merge_common.h"

/* Merges the .gcda directories dirs into one directory below staging; returns its path, or
 * NULL after printing an error. */
char *merge_gcc_fold(const struct merge *m, const struct strvec *dirs, const char *staging);

#endif
