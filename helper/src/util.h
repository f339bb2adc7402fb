/* SPDX-License-Identifier: MIT */
/* Small utilities shared by all subcommands: diagnostics, allocation, strings, hashing. */
#ifndef PGO_HELPER_UTIL_H
#define PGO_HELPER_UTIL_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define PGO_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define PGO_NORETURN __attribute__((noreturn))
#else
#define PGO_PRINTF(f, a)
#define PGO_NORETURN
#endif

/* Diagnostics: "pgo-helper: <subcommand>: message". A format ending in ':' gets
 * ": strerror(errno)" appended. */
void set_subcommand(const char *name);
void warn(const char *fmt, ...) PGO_PRINTF(1, 2);
/* Like warn(), for errors; callers then clean up and return 1. */
void error(const char *fmt, ...) PGO_PRINTF(1, 2);
/* For impossible states and out-of-memory only: prints and exits 1. */
PGO_NORETURN void fatal(const char *fmt, ...) PGO_PRINTF(1, 2);
/* A progress line on stdout, same prefix, flushed. */
void note(const char *fmt, ...) PGO_PRINTF(1, 2);

/* Allocation that never returns NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PGO_PRINTF(1, 2);

/* A growable byte buffer, always NUL-terminated after len bytes. */
struct buf {
    char *data;
    size_t len;
    size_t cap;
};
void buf_init(struct buf *b);
void buf_release(struct buf *b);
void buf_add(struct buf *b, const void *data, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...) PGO_PRINTF(2, 3);

/* A NULL-terminated vector of owned strings, usable as argv or envp. */
struct strvec {
    char **v;
    size_t n;
    size_t cap;
};
void strvec_init(struct strvec *sv);
void strvec_release(struct strvec *sv);
void strvec_push(struct strvec *sv, const char *s);             /* copies s */
void strvec_take_n(struct strvec *sv, const char *s, size_t n); /* copies n bytes of s */
void strvec_pushf(struct strvec *sv, const char *fmt, ...) PGO_PRINTF(2, 3);
void strvec_sort(struct strvec *sv);

/* Strings. */
int ends_with(const char *s, const char *suffix);
int starts_with(const char *s, const char *prefix);
/* Parses a decimal unsigned number; returns 0 on success. */
int parse_uint(const char *s, unsigned long *out);

uint64_t fnv1a64(uint64_t h, const void *data, size_t n);
#define FNV1A64_INIT UINT64_C(0xcbf29ce484222325)

#endif
