/* SPDX-License-Identifier: MIT */
/* A tool's output kept in the build tree under the state of the files it depends on (size,
 * time stamps, inode), so that the steps of one build (stamps, summary, report), and the
 * builds after it, run the tool once: `llvm-profdata merge --text` of the merged profile and
 * of each training test's raw profiles, `clang --version`. */
#ifndef PGO_HELPER_OUTPUT_CACHE_H
#define PGO_HELPER_OUTPUT_CACHE_H

#include "util.h"

/* The key of the N files FILES (the tool first, then its inputs) as they are now, or NULL
 * when one of them cannot be read. Free it. */
char *output_cache_key(char *const *files, size_t n);

/* Appends to OUT the output kept in CACHE (may be NULL) under KEY (may be NULL: no hit).
 * Returns 1 then, else 0 (no cache, another key, a file cut short). */
int output_cache_get(const char *cache, const char *key, struct buf *out);

/* Keeps DATA in CACHE under KEY (a temporary renamed into place); nothing when either is
 * NULL. A cache that cannot be written is left out silently: it only saves time. */
void output_cache_put(const char *cache, const char *key, const void *data, size_t n);

#endif
