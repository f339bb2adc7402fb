/* SPDX-License-Identifier: MIT */
/* The defined symbols of many objects, `nm -P -A --defined-only`, kept between builds
 * (nm_cache.c): after an edit only the objects that changed are read again. */
#ifndef PGO_HELPER_NM_CACHE_H
#define PGO_HELPER_NM_CACHE_H

#include "util.h"

#include <stddef.h>

/* Appends to OUT what `NM -P -A --defined-only` prints for the N OBJECTS, in their order: the
 * lines "<object>: <name> <type> <value> <size>". An object with the size, time stamp and
 * inode it had at the last call is not read again: its lines come from CACHE, a file in the
 * build tree that each call rewrites (NULL: no cache). Returns 0, or -1 if nm failed on a
 * batch of objects (OUT may then hold the lines of some). */
int nm_defined(const char *nm, const char *cache, char *const *objects, size_t n, struct buf *out);

#endif
