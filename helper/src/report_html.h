/* SPDX-License-Identifier: MIT */
/* The report's HTML page (report_html.c). */
#ifndef PGO_HELPER_REPORT_HTML_H
#define PGO_HELPER_REPORT_HTML_H

#include "report_types.h"

/* Writes the page. Returns 0, or -1 after printing an error. */
int report_write_html(const struct report *r, const char *path);

#endif
