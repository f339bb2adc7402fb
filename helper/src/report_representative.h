/* SPDX-License-Identifier: MIT */
/* The training against the workload: the overlap of their profiles and the functions the
 * training missed (report_representative.c). */
#ifndef PGO_HELPER_REPORT_REPRESENTATIVE_H
#define PGO_HELPER_REPORT_REPRESENTATIVE_H

#include "report_types.h"
#include "util.h"

/* Reads the workload's profile (r->workload) and compares it with
 * the training's, filling r->rep. Returns 0 (r->rep.present says whether they were compared),
 * or -1 after printing an error. */
int report_representative(struct report *r);
/* The overlap of two profiles' counters, each scaled to its total: the sum over matching
 * counters of the smaller share, 0..1 (what llvm-profdata overlap calls edge overlap). */
double profile_overlap(const struct report *base, const struct report *test);
/* Parses the program-level edge overlap of llvm-profdata overlap's output into 0..1.
 * Returns 0, or -1 if it is not there. */
int llvm_overlap_parse(const char *text, double *out);
/* Hot in the workload (at least 0.5% of its counts), cold in training (below a tenth of that
 * share) or never run there. */
int report_is_missed(const struct rmissed *m);
/* Appends "name (12.3% of the workload, 0.4% of the training)", or with MATCHED "name (12.3%
 * of the workload, 1.2% matched by the training)". */
void report_format_missed(struct buf *b, const struct rmissed *m, int matched);
/* How the overlap was measured, for the reader. */
const char *report_overlap_method(const struct report *r);
/* The summary's "representative" line, and the functions the training missed. */
void report_print_representative(const struct report *r);
/* The report's section of the functions the training missed, on the terminal and the page. */
void report_print_missed(const struct report *r);
void report_html_representative(struct buf *b, const struct report *r);
/* Warns when the overlap is below THRESHOLD percent, naming the workload and the functions
 * the training missed. Returns 1 if it warned. */
int report_warn_representative(const struct report *r, double threshold);

#endif
