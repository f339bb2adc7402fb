/* SPDX-License-Identifier: MIT */
/* GCC's program summary in a .gcda file (gcda_summary.h). The file: a 16-byte header (magic
 * "gcda" in the writer's byte order, version, stamp, checksum), then records of a 32-bit tag,
 * a 32-bit length in bytes and the data. The summary is tag 0xa1000000, 8 bytes: runs, then
 * sum_max. */
#define _POSIX_C_SOURCE 200809L
#include "gcda_summary.h"

#include "fs.h"
#include "profile_formats.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GCDA_MAGIC 0x67636461u
#define GCDA_TAG_OBJECT_SUMMARY 0xa1000000u
#define GCDA_SUMMARY_LENGTH 8u

static void store_u32(unsigned char *p, uint32_t v, int swap)
{
    v = gcda_word((const unsigned char *)&v, swap); /* a swap undoes itself */
    memcpy(p, &v, 4);
}

/* The offset of the summary's data in DATA, with the file's byte order; -1 when none. */
static long summary_at(const unsigned char *data, size_t n, int *swap)
{
    size_t pos = 16;

    if (n < 16)
        return -1;
    if (gcda_word(data, 0) == GCDA_MAGIC)
        *swap = 0;
    else if (gcda_word(data, 1) == GCDA_MAGIC)
        *swap = 1;
    else
        return -1;
    while (pos + 8 <= n) {
        uint32_t tag = gcda_word(data + pos, *swap), length = gcda_word(data + pos + 4, *swap);

        if (tag == 0)
            break;
        if (length & 0x80000000u)
            length = 0; /* counters that are all zero, written without data */
        if (length > n - pos - 8)
            break;
        if (tag == GCDA_TAG_OBJECT_SUMMARY)
            return length == GCDA_SUMMARY_LENGTH ? (long)(pos + 8) : -1;
        pos += 8 + (size_t)length;
    }
    return -1;
}

int gcda_summary_read(const unsigned char *data, size_t n, struct gcda_summary *out)
{
    int swap;
    long at = summary_at(data, n, &swap);

    if (at < 0)
        return -1;
    out->runs = gcda_word(data + at, swap);
    out->sum_max = gcda_word(data + at + 4, swap);
    return 0;
}

int gcda_summary_write(const char *path, const struct gcda_summary *s)
{
    struct buf b;
    int swap, rc = -1;
    long at;

    buf_init(&b);
    if (read_file(path, &b) < 0)
        goto done;
    at = summary_at((const unsigned char *)b.data, b.len, &swap);
    if (at < 0) {
        error("'%s' has no program summary to rewrite", path);
        goto done;
    }
    store_u32((unsigned char *)b.data + at, s->runs, swap);
    store_u32((unsigned char *)b.data + at + 4, s->sum_max, swap);
    rc = write_file_atomic(path, b.data, b.len);
done:
    buf_release(&b);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t object_index(const struct gcda_summaries *s, const char *name)
{
    char *const *hit = bsearch(&name, s->objects.v, s->objects.n, sizeof(*s->objects.v), by_name);

    return hit ? (size_t)(hit - s->objects.v) : (size_t)-1;
}

/* The summary of the .gcda file PATH, zero when it has none. libgcov and gcov-tool write it
 * first, right after the header: the file's start is read, the whole only when it is not
 * there (a merge reads the summaries of every input, which may be many). Returns 0, or -1
 * after an error. */
static int summary_of_file(const char *path, struct gcda_summary *out)
{
    unsigned char head[64];
    ssize_t n;
    int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

    if (fd < 0) {
        error("open '%s':", path);
        return -1;
    }
    do
        n = read(fd, head, sizeof(head));
    while (n < 0 && errno == EINTR);
    close(fd);
    if (n < 0) {
        error("read '%s':", path);
        return -1;
    }
    if (gcda_summary_read(head, (size_t)n, out) < 0 && n == (ssize_t)sizeof(head)) {
        struct buf b;

        buf_init(&b);
        rc = read_file(path, &b);
        if (rc == 0 && gcda_summary_read((const unsigned char *)b.data, b.len, out) < 0)
            *out = (struct gcda_summary){0, 0};
        buf_release(&b);
    }
    return rc;
}

int gcda_summaries_read(const struct strvec *dirs, struct gcda_summaries *out)
{
    struct strvec *names = xcalloc(dirs->n ? dirs->n : 1, sizeof(*names));
    int rc = 0;

    strvec_init(&out->objects);
    out->ndirs = dirs->n;
    out->cells = NULL;
    for (size_t d = 0; d < dirs->n && rc == 0; d++) {
        strvec_init(&names[d]);
        rc = list_dir(dirs->v[d], ".gcda", &names[d]);
        for (size_t i = 0; i < names[d].n && rc == 0; i++)
            strvec_push(&out->objects, names[d].v[i]);
    }
    strvec_sort(&out->objects);
    { /* once each */
        size_t kept = 0;

        for (size_t i = 0; i < out->objects.n; i++) {
            if (kept > 0 && strcmp(out->objects.v[kept - 1], out->objects.v[i]) == 0) {
                free(out->objects.v[i]);
                continue;
            }
            out->objects.v[kept++] = out->objects.v[i];
        }
        out->objects.n = kept;
    }
    out->cells = xcalloc(dirs->n * out->objects.n + 1, sizeof(*out->cells));
    for (size_t d = 0; d < dirs->n && rc == 0; d++) {
        for (size_t i = 0; i < names[d].n && rc == 0; i++) {
            char *path = xasprintf("%s/%s", dirs->v[d], names[d].v[i]);
            size_t o = object_index(out, names[d].v[i]);
            if (o != (size_t)-1)
                rc = summary_of_file(path, &out->cells[d * out->objects.n + o]);
            free(path);
        }
    }
    for (size_t d = 0; d < dirs->n; d++)
        strvec_release(&names[d]);
    free(names);
    if (rc < 0)
        gcda_summaries_release(out);
    return rc;
}

void gcda_summaries_release(struct gcda_summaries *s)
{
    strvec_release(&s->objects);
    free(s->cells);
    s->cells = NULL;
    s->ndirs = 0;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t mul_sat(uint64_t a, uint64_t b)
{
    return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b;
}

/* The totals of object O, directory d counted W[d] times (once when W is NULL). */
static void totals(const struct gcda_summaries *s, size_t o, const unsigned long *w, uint64_t *runs,
                   uint64_t *sum_max)
{
    *runs = *sum_max = 0;
    for (size_t d = 0; d < s->ndirs; d++) {
        const struct gcda_summary *c = &s->cells[d * s->objects.n + o];
        uint64_t times = w ? w[d] : 1;

        *runs = add_sat(*runs, mul_sat(c->runs, times));
        *sum_max = add_sat(*sum_max, mul_sat(c->sum_max, times));
    }
}

uint64_t gcda_summaries_peak(const struct gcda_summaries *s, const unsigned long *w)
{
    uint64_t peak = 0;

    for (size_t o = 0; o < s->objects.n; o++) {
        uint64_t runs, sum_max;

        totals(s, o, w, &runs, &sum_max);
        peak = runs > peak ? runs : peak;
        peak = sum_max > peak ? sum_max : peak;
    }
    return peak;
}

static void divide(const unsigned long *w, size_t n, unsigned long k, unsigned long *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned long q = (w[i] + k / 2) / k;

        out[i] = q ? q : 1;
    }
}

unsigned long gcda_weights_divisor(const struct gcda_summaries *s, const unsigned long *w, size_t n,
                                   unsigned long *out)
{
    unsigned long top = 1, k;
    uint64_t peak = gcda_summaries_peak(s, w);

    memcpy(out, w, n * sizeof(*w));
    if (peak <= UINT32_MAX)
        return 1;
    for (size_t i = 0; i < n; i++)
        top = w[i] > top ? w[i] : top;
    /* The peak falls about as the weights do; rounding may leave it a little above, so the
     * divisor grows by steps of a hundredth until it is under. */
    k = (unsigned long)(peak / UINT32_MAX) + 1;
    for (; k < top; k += k / 100 + 1) {
        divide(w, n, k, out);
        if (gcda_summaries_peak(s, out) <= UINT32_MAX)
            return k;
    }
    divide(w, n, top, out);
    return gcda_summaries_peak(s, out) <= UINT32_MAX ? top : 0;
}

int gcda_summaries_saturate(const struct gcda_summaries *s, const char *dir, size_t *patched)
{
    *patched = 0;
    for (size_t o = 0; o < s->objects.n; o++) {
        uint64_t runs, sum_max;
        struct gcda_summary fixed;
        char *path;
        int rc;

        totals(s, o, NULL, &runs, &sum_max);
        if (runs <= UINT32_MAX && sum_max <= UINT32_MAX)
            continue;
        fixed.runs = runs > UINT32_MAX ? UINT32_MAX : (uint32_t)runs;
        fixed.sum_max = sum_max > UINT32_MAX ? UINT32_MAX : (uint32_t)sum_max;
        path = xasprintf("%s/%s", dir, s->objects.v[o]);
        rc = gcda_summary_write(path, &fixed);
        free(path);
        if (rc < 0)
            return -1;
        ++*patched;
    }
    return 0;
}

/* The largest arc counter of a .gcda file's data, 0 when it has none or is no .gcda file. */
static uint64_t largest_arc(const unsigned char *data, size_t n)
{
    struct gcda_function *fns;
    size_t count;
    const char *why;
    uint64_t top = 0;

    if (gcda_functions(data, n, &fns, &count, &why) < 0)
        return 0;
    for (size_t i = 0; i < count; i++)
        top = fns[i].max > top ? fns[i].max : top;
    gcda_functions_release(fns, count);
    return top;
}

static int same_summary(const struct gcda_summary *a, const struct gcda_summary *b)
{
    return a->runs == b->runs && a->sum_max == b->sum_max;
}

int gcda_summaries_unwrap(const char *dir, size_t *patched, uint64_t *largest)
{
    struct strvec names;
    struct gcda_summary *sums, *wrapped;
    size_t nwrapped = 0;
    int rc = 0;

    *patched = 0;
    *largest = 0;
    strvec_init(&names);
    if (list_dir(dir, ".gcda", &names) < 0) {
        strvec_release(&names);
        return -1;
    }
    sums = xcalloc(names.n ? names.n : 1, sizeof(*sums));
    wrapped = xcalloc(names.n ? names.n : 1, sizeof(*wrapped));
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char *path = xasprintf("%s/%s", dir, names.v[i]);
        struct buf b;

        buf_init(&b);
        rc = read_file(path, &b);
        if (rc == 0 && gcda_summary_read((const unsigned char *)b.data, b.len, &sums[i]) == 0 &&
            sums[i].sum_max < UINT32_MAX) {
            uint64_t top = largest_arc((const unsigned char *)b.data, b.len);
            size_t k = 0;

            /* Every run adds its largest count to sum_max, and at least as much as it adds to
             * any counter: a counter above the sum means the sum wrapped. */
            if (top > sums[i].sum_max) {
                while (k < nwrapped && !same_summary(&wrapped[k], &sums[i]))
                    k++;
                if (k == nwrapped)
                    wrapped[nwrapped++] = sums[i];
                *largest = top > *largest ? top : *largest;
            }
        }
        buf_release(&b);
        free(path);
    }
    /* The program's other objects carry the same wrapped summary, with counters too small
     * to show it: the same runs and sum mark them. */
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        for (size_t k = 0; k < nwrapped; k++) {
            if (sums[i].runs > 0 && same_summary(&wrapped[k], &sums[i])) {
                struct gcda_summary fixed = {sums[i].runs, UINT32_MAX};
                char *path = xasprintf("%s/%s", dir, names.v[i]);

                rc = gcda_summary_write(path, &fixed);
                free(path);
                *patched += rc == 0;
                break;
            }
        }
    }
    free(wrapped);
    free(sums);
    strvec_release(&names);
    return rc;
}
