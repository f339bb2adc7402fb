/* pgo-helper report: what the terminal page, the HTML page and their sections share for
 * showing the report (escaping for HTML, shares as percentages, short paths, the hottest
 * functions first). Below the sections, which call it and never each other's files for it. */
#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include "fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_html_escape(struct buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
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
        default:
            buf_add(b, s + i, 1);
        }
    }
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
