/* SPDX-License-Identifier: MIT */
/* pgo-helper report: reading the compile logs of pgo-helper launch, one per object: the
 * object and its source, the compiler's profile warnings (which function, which file, what
 * kind), and the object's own function symbols. */
#define _POSIX_C_SOURCE 200809L
#include "report_logs.h"

#include "elf_scan.h"
#include "fs.h"
#include "report_elf.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A copy of a line without ANSI colour sequences. */
static char *plain_line(const char *line, size_t len)
{
    char *s = xmalloc(len + 1);
    size_t k = 0;

    for (size_t i = 0; i < len; i++) {
        if (line[i] == '\033' && i + 1 < len && line[i + 1] == '[') {
            i += 2;
            while (i < len && !(line[i] >= '@' && line[i] <= '~'))
                i++;
            continue;
        }
        s[k++] = line[i];
    }
    s[k] = '\0';
    return s;
}

/* The text between the first quote pair ('x' or the UTF-8 quotes GCC uses), or NULL. */
static char *quoted(const char *s)
{
    static const char *const pairs[][2] = {{"\xe2\x80\x98", "\xe2\x80\x99"}, {"'", "'"}};

    for (size_t i = 0; i < 2; i++) {
        const char *a = strstr(s, pairs[i][0]), *b;

        if (!a)
            continue;
        a += strlen(pairs[i][0]);
        b = strstr(a, pairs[i][1]);
        if (b && b > a)
            return xstrndup(a, (size_t)(b - a));
    }
    return NULL;
}

/* The word after key in s, up to a space, or NULL. */
static char *word_after(const char *s, const char *key)
{
    const char *p = strstr(s, key);

    if (!p)
        return NULL;
    p += strlen(key);
    return *p ? xstrndup(p, strcspn(p, " ")) : NULL;
}

/* The file a diagnostic names: "warning: FILE: ..." (Clang's backend notes) or "FILE:L:C: ...". */
static char *diagnostic_file(const char *s)
{
    const char *p;

    if (starts_with(s, "warning: ")) {
        s += 9;
        p = strstr(s, ": ");
        return p ? xstrndup(s, (size_t)(p - s)) : NULL;
    }
    for (p = strchr(s, ':'); p; p = strchr(p + 1, ':'))
        if (p[1] >= '0' && p[1] <= '9')
            return p > s ? xstrndup(s, (size_t)(p - s)) : NULL;
    return NULL;
}

static void add_warning(struct report *r, size_t obj, size_t first_of_obj, enum rwarn_kind kind,
                        const char *line)
{
    char *function = NULL, *file;
    struct rwarn *w;

    if (strstr(line, "(hash mismatch) "))
        function = word_after(line, "(hash mismatch) ");
    else if (strstr(line, "no profile data available for function "))
        function = word_after(line, "no profile data available for function ");
    else if (strstr(line, "function") && !strstr(line, "profile count data file"))
        function = quoted(line);
    /* GCC says the same function is out of date once per kind of counter: keep one. */
    for (size_t i = first_of_obj; function && i < r->nwarns; i++) {
        if (r->warns[i].kind == kind && r->warns[i].function &&
            strcmp(r->warns[i].function, function) == 0) {
            free(function);
            return;
        }
    }
    file = diagnostic_file(line);
    if (!file && r->objs[obj].source)
        file = xstrdup(r->objs[obj].source);
    if (r->nwarns == r->capwarns) {
        r->capwarns = r->capwarns ? r->capwarns * 2 : 32;
        r->warns = xrealloc(r->warns, r->capwarns * sizeof(*r->warns));
    }
    w = &r->warns[r->nwarns++];
    memset(w, 0, sizeof(*w));
    w->kind = kind;
    w->file = file;
    w->function = function;
    w->text = xstrdup(line);
    w->obj = obj;
}

static void read_warnings(struct report *r, size_t obj, const char *text, size_t n)
{
    const char *end = text + n;
    size_t first = r->nwarns;

    for (const char *line = text; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t len = nl ? (size_t)(nl - line) : (size_t)(end - line);
        char *s = plain_line(line, len);

        /* GCC keeps using the counts of a function whose lines moved: not out of date. */
        if (strstr(s, "source locations for function"))
            add_warning(r, obj, first, RW_OTHER, s);
        else if (strstr(s, "control flow change detected (hash mismatch)") ||
                 strstr(s, "[-Wcoverage-mismatch]") || strstr(s, "[-Werror=coverage-mismatch]"))
            add_warning(r, obj, first, RW_OUT_OF_DATE, s);
        else if (strstr(s, "no profile data available for function") ||
                 strstr(s, "[-Wmissing-profile]"))
            add_warning(r, obj, first, RW_NO_DATA, s);
        else if (strstr(s, "warning: ") && strstr(s, "profile"))
            add_warning(r, obj, first, RW_OTHER, s);
        free(s);
        line = nl ? nl + 1 : end;
    }
}

/* The CMake target of an object: ".../CMakeFiles/<target>.dir/...". */
static char *target_of(const char *object)
{
    const char *p = strstr(object, "/CMakeFiles/"), *q;

    for (const char *next = p; next; next = strstr(next + 1, "/CMakeFiles/"))
        p = next;
    if (!p)
        return NULL;
    p += 12;
    q = strstr(p, ".dir/");
    return q && !memchr(p, '/', (size_t)(q - p)) ? xstrndup(p, (size_t)(q - p)) : NULL;
}

static void read_object(struct robj *o)
{
    struct buf b;

    buf_init(&b);
    if (access(o->object, F_OK) < 0)
        o->kind = -1;
    else if (read_file(o->object, &b) < 0)
        o->kind = OBJECT_UNKNOWN;
    else
        o->kind = report_elf_symbols((const unsigned char *)b.data, b.len, &o->syms, &o->nsyms);
    /* Bitcode or GIMPLE: the toolchain's nm reads their symbols, once all are known
     * (report_read), and no ELF symbol of the object stands for them. */
    if (o->kind == OBJECT_LTO) {
        report_free_syms(o->syms, o->nsyms);
        o->syms = NULL;
        o->nsyms = 0;
    }
    buf_release(&b);
}

int report_read_logs(struct report *r)
{
    struct strvec names;
    struct stat st;
    int rc = 0;

    strvec_init(&names);
    if (stat(r->log_dir, &st) == 0)
        rc = list_dir(r->log_dir, ".log", &names);
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char *path = xasprintf("%s/%s", r->log_dir, names.v[i]);
        const char *p, *nl;
        struct robj *o;
        struct buf b;

        buf_init(&b);
        if (read_file(path, &b) < 0) {
            rc = -1;
        } else if (!starts_with(b.data, "object ") || !(nl = strchr(b.data, '\n'))) {
            warn("'%s' is not a compile log of pgo-helper launch: skipped", path);
        } else {
            if (r->nobjs == r->capobjs) {
                r->capobjs = r->capobjs ? r->capobjs * 2 : 32;
                r->objs = xrealloc(r->objs, r->capobjs * sizeof(*r->objs));
            }
            o = &r->objs[r->nobjs];
            memset(o, 0, sizeof(*o));
            o->object = xstrndup(b.data + 7, (size_t)(nl - b.data) - 7);
            p = nl + 1;
            if (starts_with(p, "source ") && (nl = strchr(p, '\n'))) {
                o->source = xstrndup(p + 7, (size_t)(nl - p) - 7);
                p = nl + 1;
            }
            o->target = target_of(o->object);
            read_object(o);
            read_warnings(r, r->nobjs, p, b.len - (size_t)(p - b.data));
            r->nobjs++;
        }
        buf_release(&b);
        free(path);
    }
    strvec_release(&names);
    return rc;
}
