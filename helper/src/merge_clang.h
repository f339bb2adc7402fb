/* SPDX-License-Identifier: MIT */
/* Clang's merge of a raw directory: every .profraw below m->raw_dir (and m->base) into the
 * indexed profile m->output with llvm-profdata (merge_clang.c). */
#ifndef PGO_HELPER_MERGE_CLANG_H
#define PGO_HELPER_MERGE_CLANG_H

#include "merge_common.h"

/* Merges the raw profiles below m->raw_dir into m->output. Returns the exit status. */
int merge_clang(const struct merge *m);

#endif
