/* SPDX-License-Identifier: MIT */
/* Reading what the report shows: the profile, the compile logs, the objects and the BOLT
 * report; the report's init and release (report_data.c). */
#ifndef PGO_HELPER_REPORT_DATA_H
#define PGO_HELPER_REPORT_DATA_H

#include "report_types.h"

/* A report's start, and the release of all it owns (the workload's too). */
void report_init(struct report *r);
void report_release(struct report *r);

/* Fills fns, objs and warns. Returns 0, or -1 after printing an error. */
int report_read(struct report *r);
/* Per-object and per-file counts and the totals. */
void report_tally(struct report *r);
/* The lines of the BOLT report of r's build tree ("TARGET<TAB>outcome"); -1
 * when BOLT is off. */
int report_bolt_text(const struct report *r, struct buf *text);

#endif
