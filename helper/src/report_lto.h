/* SPDX-License-Identifier: MIT */
/* The function symbols of LTO objects (nm) and, with LTO, the placements read from the link
 * maps (report_lto.c). */
#ifndef PGO_HELPER_REPORT_LTO_H
#define PGO_HELPER_REPORT_LTO_H

#include "report_types.h"

#include <stddef.h>

/* The defined function symbols of an LTO object, as NM (-P) lists them, with
 * placement PLACE_UNKNOWN. Returns 0, or -1 (nothing found; a note says why). */
int report_lto_symbols(const char *nm, const char *object, struct rsym **syms, size_t *count);
/* Adds the function symbols listed in the LEN bytes of TEXT, the output of
 * `nm -P` (lines "name type value size"), to *syms and *count (an array of *count entries, or
 * NULL and 0; free with report_free_syms). */
void report_lto_read_nm(const char *text, size_t len, struct rsym **syms, size_t *count);
/* The same for `nm -P -A` run on OBJS[0..n) in this order: each line "<object>: name type
 * value size" adds to the symbols of its object. */
void report_lto_read_nm_batch(const char *text, size_t len, struct robj **objs, size_t n);
/* The symbols of every LTO object of objs that has none yet, a few hundred objects per nm
 * process, those of the objects unchanged since the last call taken from the cache file
 * CACHE (nm_cache.h; NULL: none). */
void report_lto_symbols_all(const char *nm, const char *cache, struct robj *objs, size_t n);
/* With LTO, the placement of each function of the report whose placement is
 * unknown, from the linked files and their maps (r->linked). */
void report_lto_placements(struct report *r);

#endif
