/* SPDX-License-Identifier: MIT */
/* Parsing the test list printed by `ctest -N`: lines matching ^\s*Test\s+#(\d+): (.*)$. */
#define _POSIX_C_SOURCE 200809L
#include "ctest_list.h"

#include "util.h"

#include <stdlib.h>
#include <string.h>

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Parses one line (without its newline); returns 1 and fills e if it names a test. */
static int parse_line(const char *line, size_t len, struct ctest_entry *e)
{
    const char *p = line, *end = line + len;
    unsigned long number = 0;
    const char *digits;

    while (p < end && is_space(*p))
        p++;
    if (end - p < 4 || memcmp(p, "Test", 4) != 0)
        return 0;
    p += 4;
    if (p >= end || !is_space(*p))
        return 0;
    while (p < end && is_space(*p))
        p++;
    if (p >= end || *p != '#')
        return 0;
    digits = ++p;
    while (p < end && *p >= '0' && *p <= '9') {
        number = number * 10 + (unsigned long)(*p - '0');
        p++;
    }
    if (p == digits || p - digits > 9 || end - p < 2 || p[0] != ':' || p[1] != ' ')
        return 0;
    p += 2;
    e->number = number;
    e->name = xstrndup(p, (size_t)(end - p));
    return 1;
}

void ctest_list_parse(const char *text, size_t n, struct ctest_list *out)
{
    const char *end = text + n;
    size_t cap = 0;

    out->tests = NULL;
    out->n = 0;
    for (const char *line = text; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
        struct ctest_entry e;

        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (parse_line(line, len, &e)) {
            if (out->n == cap) {
                cap = cap ? cap * 2 : 8;
                out->tests = xrealloc(out->tests, cap * sizeof(*out->tests));
            }
            out->tests[out->n++] = e;
        }
        line = nl ? nl + 1 : end;
    }
}

void ctest_list_release(struct ctest_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->tests[i].name);
    free(list->tests);
    list->tests = NULL;
    list->n = 0;
}
