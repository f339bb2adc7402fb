/* SPDX-License-Identifier: MIT */
/* pgo-helper report: what the terminal page, the HTML page and their sections share for
 * showing the report (escaping for HTML, shares as percentages, short paths, the hottest
 * functions first). Below the sections, which call it and never each other's files for it. */
#define _POSIX_C_SOURCE 200809L
#include "report_format.h"

#include "fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The length of the well-formed UTF-8 sequence at s (n bytes left), or 0 when the bytes there
 * are none (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xbf;
    size_t len;

    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c >= 0xe0 && c <= 0xef)
        len = 3;
    else if (c >= 0xf0 && c <= 0xf4)
        len = 4;
    else
        return 0;
    if (c == 0xe0)
        lo = 0xa0;
    else if (c == 0xed)
        hi = 0x9f;
    else if (c == 0xf0)
        lo = 0x90;
    else if (c == 0xf4)
        hi = 0x8f;
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if ((s[i] & 0xc0) != 0x80)
            return 0;
    return len;
}

void report_html_escape(struct buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;

    for (size_t i = 0; i < n;) {
        size_t len = utf8_sequence(u + i, n - i);

        /* Bytes that are not UTF-8, and control characters (C0 but tab and newline, DEL,
         * C1), are HTML parse errors: shown as U+FFFD, so that the page is valid UTF-8. */
        if (len == 0 || (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n') || u[i] == 0x7f ||
            (u[i] == 0xc2 && len == 2 && u[i + 1] < 0xa0)) {
            buf_adds(b, "\xef\xbf\xbd");
            i += len ? len : 1;
            continue;
        }
        switch (u[i]) {
        case '&':
            buf_adds(b, "&amp;");
            break;
        case '<':
            buf_adds(b, "&lt;");
            break;
        case '>':
            buf_adds(b, "&gt;");
            break;
        case '"':
            buf_adds(b, "&quot;");
            break;
        case '\'':
            buf_adds(b, "&#39;");
            break;
        default:
            buf_add(b, s + i, len);
        }
        i += len;
    }
}

void report_html_text(struct buf *b, const char *s)
{
    if (s)
        report_html_escape(b, s, strlen(s));
}

size_t report_utf8_prefix(const char *s, size_t max)
{
    size_t n = strlen(s), i = 0;

    while (i < n) {
        size_t len = utf8_sequence((const unsigned char *)s + i, n - i);

        len = len ? len : 1; /* a byte that is not UTF-8 stands alone */
        if (i + len > max)
            break;
        i += len;
    }
    return i;
}

void report_html_cut(struct buf *b, const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0;

    if (n <= max) {
        report_html_text(b, s);
        return;
    }
    /* Cut before escaping: the cut falls between characters, never inside an entity. */
    report_html_escape(b, s, report_utf8_prefix(s, max));
    buf_adds(b, "\xe2\x80\xa6");
}

/* qsort's comparator has no context argument: the report being sorted. */
static const struct report *sorting;

static int compare_hot(const void *a, const void *b)
{
    const struct rfunc *x = &sorting->fns[*(const size_t *)a];
    const struct rfunc *y = &sorting->fns[*(const size_t *)b];

    if (x->total != y->total)
        return x->total < y->total ? 1 : -1;
    return strcmp(x->name, y->name);
}

size_t report_hottest(const struct report *r, size_t **out)
{
    size_t *idx = xcalloc(r->nfns + 1, sizeof(*idx)), n = 0;

    for (size_t i = 0; i < r->nfns; i++)
        if (r->fns[i].in_profile && r->fns[i].total > 0)
            idx[n++] = i;
    sorting = r;
    if (n > 1)
        qsort(idx, n, sizeof(*idx), compare_hot);
    sorting = NULL;
    *out = idx;
    return n;
}

const char *report_short_path(const struct report *r, const char *path)
{
    const char *dirs[2] = {r->source_dir, r->build_dir};

    if (!path)
        return "(unknown file)";
    for (size_t i = 0; i < 2; i++) {
        const char *rel = path_below(path, dirs[i]);

        if (rel && *rel)
            return rel;
    }
    return path;
}

void report_format_share(char *out, size_t n, double share)
{
    double pct = share * 100.0;

    if (share <= 0)
        snprintf(out, n, "0%%");
    else if (pct < 0.01)
        snprintf(out, n, "<0.01%%");
    else if (pct < 1)
        snprintf(out, n, "%.2f%%", pct);
    else
        snprintf(out, n, "%.1f%%", pct);
}
