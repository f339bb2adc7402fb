/* SPDX-License-Identifier: MIT */
/* What llvm-bolt said: the functions it cannot rewrite, its first error, and what it did
 * (functions reordered, hot and cold bytes, taken branches before and after from its dyno
 * stats), from the text of its output. */
#include "bolt_log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t bolt_log_skips(const char *log, struct strvec *skip, size_t max)
{
    static const char marker[] = ". Consider adding this function to --skip-funcs";
    size_t added = 0;

    for (const char *p = strstr(log, marker); p; p = strstr(p + 1, marker)) {
        const char *start = p, *end = p;
        int seen = 0;

        while (start > log && start[-1] != ' ' && start[-1] != '\n')
            start--;
        if (end - start > 4 && end[-1] == ')') {
            const char *open = end - 1;

            while (open > start && open[-1] >= '0' && open[-1] <= '9')
                open--;
            if (open - start > 2 && open[-1] == '*' && open[-2] == '(')
                end = open - 2;
        }
        if (start == end || skip->n >= max)
            continue;
        for (size_t k = 0; k < skip->n && !seen; k++)
            seen = strlen(skip->v[k]) == (size_t)(end - start) &&
                   memcmp(skip->v[k], start, (size_t)(end - start)) == 0;
        if (!seen) {
            strvec_take_n(skip, start, (size_t)(end - start));
            added++;
        }
    }
    return added;
}

char *bolt_log_first_error(const char *log)
{
    const char *p = strstr(log, "ERROR");

    if (!p)
        p = log;
    while (p > log && p[-1] != '\n')
        p--;
    return xstrndup(p, strcspn(p, "\n"));
}

/* Reads "N : NAME" of llvm-bolt's dyno stats: the first and the last of the two tables. */
static int dyno(const char *log, const char *name, unsigned long long *before,
                unsigned long long *after)
{
    int found = 0;

    for (const char *p = log; (p = strstr(p, name)); p++) {
        const char *colon = p - 3, *num;

        if (p - log < 4 || memcmp(colon, " : ", 3) != 0 ||
            (p[strlen(name)] != '\n' && p[strlen(name)] != ' '))
            continue;
        num = colon;
        while (num > log && num[-1] >= '0' && num[-1] <= '9')
            num--;
        if (num == colon)
            continue;
        if (found++ == 0)
            *before = strtoull(num, NULL, 10);
        else
            *after = strtoull(num, NULL, 10);
    }
    return found >= 2 ? 0 : -1;
}

char *bolt_log_describe(const char *log, const struct strvec *skipped)
{
    struct buf d;
    unsigned long long before = 0, after = 0, n = 0, of = 0;
    const char *p;

    buf_init(&d);
    buf_adds(&d, "bolted");
    if ((p = strstr(log, " functions in the binary (")) != NULL) {
        const char *line = p;

        while (line > log && line[-1] != '\n')
            line--;
        if (sscanf(line, "BOLT-INFO: %llu out of %llu functions", &n, &of) == 2)
            buf_addf(&d, "; %llu of %llu functions ran", n, of);
    }
    if ((p = strstr(log, "basic block reordering modified layout of ")) &&
        sscanf(p, "basic block reordering modified layout of %llu", &n) == 1)
        buf_addf(&d, ", %llu reordered", n);
    if ((p = strstr(log, "splitting separates ")) &&
        sscanf(p, "splitting separates %llu hot bytes from %llu", &before, &after) == 2)
        buf_addf(&d, ", split into %llu hot and %llu cold bytes", before, after);
    if (dyno(log, "taken branches", &before, &after) == 0 && before > 0)
        buf_addf(&d, "; taken branches %llu -> %llu (%+.1f%%)", before, after,
                 100.0 * ((double)after - (double)before) / (double)before);
    if (skipped->n > 0) {
        buf_adds(&d, "; skipped");
        for (size_t k = 0; k < skipped->n; k++)
            buf_addf(&d, " %s", skipped->v[k]);
    }
    {
        char *line = xstrdup(d.data);

        buf_release(&d);
        return line;
    }
}
