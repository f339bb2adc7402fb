/* SPDX-License-Identifier: MIT */
/* The report's BOLT section, on the terminal and the page (report_bolt.c). */
#ifndef PGO_HELPER_REPORT_BOLT_H
#define PGO_HELPER_REPORT_BOLT_H

#include "report_types.h"
#include "util.h"

/* The BOLT section (PGO_BOLT), on the terminal and on the page. */
void report_print_bolt(const struct report *r);
void report_html_bolt(struct buf *b, const struct report *r);

#endif
