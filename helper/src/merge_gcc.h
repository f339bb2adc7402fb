/* SPDX-License-Identifier: MIT */
/* GCC's merge of a raw directory: the .gcda directories below m->raw_dir folded into the
 * directory m->output links to (merge_gcc.c). */
#ifndef PGO_HELPER_MERGE_GCC_H
#define PGO_HELPER_MERGE_GCC_H

#include "merge_common.h"

/* Merges the raw profiles below m->raw_dir into m->output. Returns the exit status. */
int merge_gcc(const struct merge *m);

#endif
