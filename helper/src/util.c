/* SPDX-License-Identifier: MIT */
/* Small utilities: diagnostics, allocation, buffers, string vectors, hashing. */
#define _POSIX_C_SOURCE 200809L
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *current_subcommand;

void set_subcommand(const char *name)
{
    current_subcommand = name;
}

/* Writes "pgo-helper: <subcommand>: message\n" with one write, so that a line never
 * interleaves with the output of other processes sharing the terminal or pipe. */
static void vmessage(FILE *f, const char *fmt, va_list ap)
{
    int saved = errno;
    size_t n = strlen(fmt);
    const char *sub = current_subcommand ? current_subcommand : "";
    const char *sep = current_subcommand ? ": " : "";
    const char *reason = n > 0 && fmt[n - 1] == ':' ? strerror(saved) : NULL;
    va_list copy;
    int body;
    size_t size;
    char *line;

    va_copy(copy, ap);
    body = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (body < 0)
        body = 0;
    /* prefix, message, " reason", newline and the terminating zero */
    size = strlen("pgo-helper: ") + strlen(sub) + strlen(sep) + (size_t)body +
           (reason ? strlen(reason) + 1 : 0) + 2;
    line = malloc(size); /* not xmalloc: a failure to allocate is reported through here */
    fflush(f);
    if (line) {
        size_t len = (size_t)snprintf(line, size, "pgo-helper: %s%s", sub, sep);

        vsnprintf(line + len, size - len, fmt, ap);
        len += (size_t)body;
        if (reason)
            len += (size_t)snprintf(line + len, size - len, " %s", reason);
        line[len++] = '\n';
        fwrite(line, 1, len, f);
        free(line);
    } else {
        fprintf(f, "pgo-helper: %s%s", sub, sep);
        vfprintf(f, fmt, ap);
        if (reason)
            fprintf(f, " %s", reason);
        fputc('\n', f);
    }
    fflush(f);
    errno = saved;
}

void warn(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(stderr, fmt, ap);
    va_end(ap);
}

void error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(stderr, fmt, ap);
    va_end(ap);
}

void fatal(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(stderr, fmt, ap);
    va_end(ap);
    exit(1);
}

void note(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(stdout, fmt, ap);
    va_end(ap);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (!p)
        fatal("malloc:");
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        fatal("calloc:");
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        fatal("realloc:");
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *xvasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    char *s;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        fatal("vsnprintf:");
    s = xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void buf_init(struct buf *b)
{
    b->data = xmalloc(64);
    b->data[0] = '\0';
    b->len = 0;
    b->cap = 64;
}

void buf_release(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_add(struct buf *b, const void *data, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;

        while (b->len + n + 1 > cap)
            cap *= 2;
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = xvasprintf(fmt, ap);
    va_end(ap);
    buf_adds(b, s);
    free(s);
}

void strvec_init(struct strvec *sv)
{
    sv->v = xcalloc(1, sizeof(char *));
    sv->n = 0;
    sv->cap = 1;
}

void strvec_release(struct strvec *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

static void strvec_take(struct strvec *sv, char *s)
{
    if (sv->n + 2 > sv->cap) {
        sv->cap = sv->cap ? sv->cap * 2 : 8;
        if (sv->cap < sv->n + 2)
            sv->cap = sv->n + 2;
        sv->v = xrealloc(sv->v, sv->cap * sizeof(char *));
    }
    sv->v[sv->n++] = s;
    sv->v[sv->n] = NULL;
}

void strvec_push(struct strvec *sv, const char *s)
{
    strvec_take(sv, xstrdup(s));
}

void strvec_take_n(struct strvec *sv, const char *s, size_t n)
{
    strvec_take(sv, xstrndup(s, n));
}

void strvec_pushf(struct strvec *sv, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    strvec_take(sv, xvasprintf(fmt, ap));
    va_end(ap);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void strvec_sort(struct strvec *sv)
{
    if (sv->n > 1)
        qsort(sv->v, sv->n, sizeof(char *), compare_strings);
}

int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int parse_uint(const char *s, unsigned long *out)
{
    char *end;
    unsigned long v;

    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

uint64_t fnv1a64(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;

    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}
