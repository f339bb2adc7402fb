/* SPDX-License-Identifier: MIT */
/* What the report's pages and sections share for showing it: paths, shares, escaping
 * (report_format.c). */
#ifndef PGO_HELPER_REPORT_FORMAT_H
#define PGO_HELPER_REPORT_FORMAT_H

#include "report_types.h"
#include "util.h"

#include <stddef.h>

/* The source file of a function for display, relative to the source dir
 * when below it. */
const char *report_short_path(const struct report *r, const char *path);
/* Indexes of functions with total > 0, hottest first; returns the count (caller frees). */
size_t report_hottest(const struct report *r, size_t **out);
/* Formats a share 0..1 as "41.2%" / "0.04%" / "<0.01%". */
void report_format_share(char *out, size_t n, double share);
/* The page's one way in for a string that is not a literal of the helper (names, paths,
 * messages, the sidecar's and the benchmark file's text): appends the N bytes of S to B
 * escaped for HTML text and for quoted attribute values alike: &, <, >, " and ' as entities,
 * bytes that are not UTF-8 and control characters as U+FFFD. */
void report_html_escape(struct buf *b, const char *s, size_t n);
/* The same for the string S (NULL: nothing). */
void report_html_text(struct buf *b, const char *s);
/* The bytes of S's longest prefix of at most MAX bytes that ends between two characters (a
 * byte that is not UTF-8 counts as one). */
size_t report_utf8_prefix(const char *s, size_t max);
/* S escaped, cut to at most MAX bytes between two characters, with an ellipsis when cut. */
void report_html_cut(struct buf *b, const char *s, size_t max);

#endif
