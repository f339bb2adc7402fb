/* SPDX-License-Identifier: MIT */
/* A tool's output kept in the build tree under the state of the files it depends on (size,
 * time stamps, inode), so that the steps of one build (stamps, summary, report) run the
 * tool once: `llvm-profdata merge --text` of the merged profile, `clang --version`. */
#ifndef PGO_HELPER_OUTPUT_CACHE_H
#define PGO_HELPER_OUTPUT_CACHE_H

#include "util.h"

/* Appends to OUT the output kept in CACHE when it was kept for the files TOOL and INPUT (may
 * be NULL) as they are now. Returns 1 then, else 0 (no cache, another state, unreadable). */
int output_cache_get(const char *cache, const char *tool, const char *input, struct buf *out);

/* Keeps DATA in CACHE for TOOL and INPUT as they are now (a temporary renamed into place).
 * A cache that cannot be written is left out silently: it only saves time. */
void output_cache_put(const char *cache, const char *tool, const char *input, const void *data,
                      size_t n);

#endif
