/* SPDX-License-Identifier: MIT */
/* Reading compiler diagnostics line by line. Matching looks at a copy of each line with
 * terminal colour sequences removed; output keeps the original bytes. */
#define _POSIX_C_SOURCE 200809L
#include "diagnostics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum line_kind { LINE_OTHER, LINE_HEADER, LINE_DIAGNOSTIC };

/* Copies a line without ANSI escape sequences ("\033[01;35m\033[K"). */
static void decolor(const char *line, size_t len, struct buf *out)
{
    out->len = 0;
    out->data[0] = '\0';
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '\033' && i + 1 < len && line[i + 1] == '[') {
            i += 2;
            while (i < len && !(line[i] >= '@' && line[i] <= '~'))
                i++;
            continue;
        }
        buf_add(out, line + i, 1);
    }
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* "file:line:col: " or "file:line: " at the start of a line, the shape of a new diagnostic. */
static int has_location(const char *s)
{
    const char *p = s;

    if (*p == ' ' || *p == '\t' || *p == ':' || *p == '\0')
        return 0;
    for (p = strchr(s, ':'); p; p = strchr(p + 1, ':')) {
        const char *q = p + 1;

        if (!is_digit(*q))
            continue;
        while (is_digit(*q))
            q++;
        if (*q == ':' && is_digit(q[1])) {
            q++;
            while (is_digit(*q))
                q++;
        }
        if (q[0] == ':' && q[1] == ' ')
            return 1;
    }
    return 0;
}

static enum line_kind classify(const char *s)
{
    size_t len = strlen(s);

    if (len > 0 && s[len - 1] == ':' &&
        (strstr(s, ": In ") || strstr(s, ": At top level") ||
         strncmp(s, "In file included", 16) == 0 || (s[0] == ' ' && strstr(s, " from "))))
        return LINE_HEADER;
    if (s[0] == ' ' && strstr(s, " from ") && len > 0 && s[len - 1] == ',')
        return LINE_HEADER;
    if (has_location(s) || strncmp(s, "warning: ", 9) == 0 || strncmp(s, "error: ", 7) == 0 ||
        strncmp(s, "cc1: ", 5) == 0 || strncmp(s, "cc1plus: ", 9) == 0)
        return LINE_DIAGNOSTIC;
    return LINE_OTHER;
}

static int is_noise(const char *s)
{
    return strstr(s, "no profile data available for function") != NULL ||
           strstr(s, "[-Wmissing-profile]") != NULL;
}

/* Clang's "N warnings generated." line. Returns N, or -1 if the line is something else. */
static long warnings_generated(const char *s)
{
    char *end;
    long n;

    if (!is_digit(s[0]))
        return -1;
    n = strtol(s, &end, 10);
    if (strcmp(end, " warning generated.") == 0 || strcmp(end, " warnings generated.") == 0)
        return n;
    return -1;
}

unsigned long filter_profile_noise(const char *text, size_t n, struct buf *out)
{
    struct buf plain, pending;
    const char *end = text + n;
    unsigned long dropped = 0, dropped_here = 0;
    int dropping = 0, after_header = 0;

    buf_init(&plain);
    buf_init(&pending);
    for (const char *line = text; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t full = nl ? (size_t)(nl - line) + 1 : (size_t)(end - line);
        size_t len = nl ? (size_t)(nl - line) : full;
        enum line_kind kind;
        long generated;

        decolor(line, len, &plain);
        kind = classify(plain.data);
        if (kind == LINE_HEADER) {
            /* Context lines wait until a diagnostic that is kept needs them. */
            if (!after_header)
                pending.len = 0;
            buf_add(&pending, line, full);
            after_header = 1;
            dropping = 0;
        } else {
            after_header = 0;
            generated = warnings_generated(plain.data);
            if (kind == LINE_DIAGNOSTIC && is_noise(plain.data)) {
                dropping = 1;
                dropped++;
                dropped_here++;
            } else if (generated >= 0 && dropped_here > 0) {
                /* Clang counts the warnings we left out: fix its tally. */
                if ((unsigned long)generated > dropped_here) {
                    unsigned long left = (unsigned long)generated - dropped_here;

                    buf_addf(out, "%lu warning%s generated.%s", left, left == 1 ? "" : "s",
                             nl ? "\n" : "");
                }
                dropped_here = 0;
                dropping = 0;
            } else if (kind == LINE_DIAGNOSTIC || !dropping) {
                dropping = 0;
                buf_add(out, pending.data, pending.len);
                pending.len = 0;
                buf_add(out, line, full);
                if (generated >= 0)
                    dropped_here = 0;
            }
        }
        line += full;
    }
    /* Context lines at the very end introduce nothing that was left out: keep them. */
    if (after_header)
        buf_add(out, pending.data, pending.len);
    buf_release(&pending);
    buf_release(&plain);
    return dropped;
}

/* The function an out-of-date diagnostic names, as [*name, *name + return value), or 0 if it
 * names none: clang "(hash mismatch) NAME Hash = ...", gcc "function 'NAME'" with ASCII or
 * UTF-8 quotes. */
static size_t stale_function(const char *s, const char **name)
{
    static const char clang_key[] = "(hash mismatch) ";
    static const char *const gcc_open[] = {"function \xe2\x80\x98", "function '"};
    static const char *const gcc_close[] = {"\xe2\x80\x99", "'"};
    const char *p = strstr(s, clang_key);

    if (p) {
        p += sizeof(clang_key) - 1;
        *name = p;
        return strcspn(p, " ");
    }
    for (size_t k = 0; k < 2; k++) {
        const char *end;

        p = strstr(s, gcc_open[k]);
        if (p && (end = strstr(p + strlen(gcc_open[k]), gcc_close[k]))) {
            *name = p + strlen(gcc_open[k]);
            return (size_t)(end - *name);
        }
    }
    return 0;
}

static int is_out_of_date(const char *s)
{
    return strstr(s, "control flow change detected (hash mismatch)") ||
           strstr(s, "[-Wcoverage-mismatch]") || strstr(s, "[-Werror=coverage-mismatch]");
}

void count_profile_warnings(const char *text, size_t n, struct warning_counts *c)
{
    struct buf plain;
    struct strvec stale; /* functions already counted as out of date */
    const char *end = text + n;

    buf_init(&plain);
    strvec_init(&stale);
    for (const char *line = text; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);

        decolor(line, len, &plain);
        if (is_out_of_date(plain.data)) {
            /* GCC reports one stale function in several lines (arcs, time profiler, ...). */
            const char *name = NULL;
            size_t name_len = stale_function(plain.data, &name);
            int seen = 0;

            for (size_t i = 0; i < stale.n && name_len && !seen; i++)
                seen = strlen(stale.v[i]) == name_len && memcmp(stale.v[i], name, name_len) == 0;
            if (!seen) {
                c->out_of_date++;
                if (name_len)
                    strvec_take_n(&stale, name, name_len);
            }
        } else if (is_noise(plain.data)) {
            c->no_data++;
        }
        line = nl ? nl + 1 : end;
    }
    strvec_release(&stale);
    buf_release(&plain);
}
