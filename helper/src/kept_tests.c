/* SPDX-License-Identifier: MIT */
/* Bounding the room the training tests' own profiles take (kept_tests.h). */
#define _POSIX_C_SOURCE 200809L
#include "kept_tests.h"

#include "fs.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FACTOR 10 /* the per-test profiles may take 10 times the merged one */

uint64_t kept_tests_size_of(const char *path)
{
    struct stat st;
    struct strvec entries;
    uint64_t sum = 0;

    if (stat(path, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode))
        return S_ISREG(st.st_mode) ? (uint64_t)st.st_size : 0;
    strvec_init(&entries);
    if (list_dir(path, NULL, &entries) == 0) {
        for (size_t i = 0; i < entries.n; i++) {
            char *child = xasprintf("%s/%s", path, entries.v[i]);
            struct stat cst;

            /* Links below are not followed: a folder holds its own files. */
            if (lstat(child, &cst) == 0)
                sum += S_ISDIR(cst.st_mode)   ? kept_tests_size_of(child)
                       : S_ISREG(cst.st_mode) ? (uint64_t)cst.st_size
                                              : 0;
            free(child);
        }
    }
    strvec_release(&entries);
    return sum;
}

int kept_tests_is_test_folder(const char *name)
{
    if (name[0] != 't' || !name[1])
        return 0;
    for (const char *p = name + 1; *p; p++)
        if (!isdigit((unsigned char)*p))
            return 0;
    return 1;
}

struct folder {
    char *name; /* tNNNN */
    uint64_t bytes;
};

static int by_bytes_desc(const void *a, const void *b)
{
    const struct folder *x = a, *y = b;

    if (x->bytes != y->bytes)
        return x->bytes < y->bytes ? 1 : -1;
    return strcmp(y->name, x->name); /* the later test first among equals */
}

/* The test's name (DIR/name), or the folder's. */
static char *test_name(const char *raw, const char *folder)
{
    char *path = xasprintf("%s/%s/name", raw, folder);
    struct buf b;
    char *name;

    buf_init(&b);
    if (read_file(path, &b) == 0 && b.data)
        name = xstrndup(b.data, strcspn(b.data, "\n"));
    else
        name = xstrdup(folder);
    buf_release(&b);
    free(path);
    return name;
}

static uint64_t bound_of(const char *merged, uint64_t limit)
{
    uint64_t tenfold = FACTOR * kept_tests_size_of(merged);

    return tenfold > limit ? tenfold : limit;
}

int kept_tests_bound(const char *raw, const char *merged, uint64_t limit)
{
    struct strvec entries;
    struct folder *f = NULL;
    size_t n = 0, dropped = 0;
    uint64_t total = 0, bound = bound_of(merged, limit);
    char *list_file = xasprintf("%s/not-kept", raw);
    struct buf names;
    int rc = 0;

    strvec_init(&entries);
    buf_init(&names);
    if (list_dir(raw, NULL, &entries) < 0) {
        rc = -1;
        goto done;
    }
    for (size_t i = 0; i < entries.n; i++) {
        char *dir;

        if (strncmp(entries.v[i], ".not-kept-", 10) == 0) {
            /* left by an interrupted removal */
            dir = xasprintf("%s/%s", raw, entries.v[i]);
            remove_tree(dir);
            free(dir);
            continue;
        }
        if (!kept_tests_is_test_folder(entries.v[i]))
            continue;
        dir = xasprintf("%s/%s", raw, entries.v[i]);
        f = xrealloc(f, (n + 1) * sizeof(*f));
        f[n].name = xstrdup(entries.v[i]);
        f[n].bytes = kept_tests_size_of(dir);
        total += f[n++].bytes;
        free(dir);
    }
    qsort(f, n, sizeof(*f), by_bytes_desc);
    for (size_t i = 0; i < n && total > bound; i++) {
        char *dir = xasprintf("%s/%s", raw, f[i].name);
        char *gone = xasprintf("%s/.not-kept-%s", raw, f[i].name);
        char *name = test_name(raw, f[i].name);

        if (rename(dir, gone) != 0 || remove_tree(gone) < 0) {
            error("removing %s to keep the per-test profiles within %llu bytes:", dir,
                  (unsigned long long)bound);
            rc = -1;
        } else {
            buf_addf(&names, "%s\n", name);
            total -= f[i].bytes;
            dropped++;
        }
        free(name);
        free(gone);
        free(dir);
        if (rc < 0)
            break;
    }
    if (dropped > 0) {
        if (write_file_atomic(list_file, names.data, names.len) < 0)
            rc = -1;
        note("kept the profiles of %zu of %zu training tests (%.1f MB, within %.1f MB: %d times "
             "the merged profile or PGO_TEST_PROFILES_LIMIT); summary -v cannot show the %zu "
             "largest, named in %s",
             n - dropped, n, (double)total / 1e6, (double)bound / 1e6, FACTOR, dropped, list_file);
    } else if (access(list_file, F_OK) == 0 && unlink(list_file) != 0) {
        error("removing %s:", list_file);
        rc = -1;
    }
done:
    for (size_t i = 0; i < n; i++)
        free(f[i].name);
    free(f);
    buf_release(&names);
    strvec_release(&entries);
    free(list_file);
    return rc;
}

void kept_tests_read(const char *raw, struct kept_tests *out)
{
    struct strvec entries;
    char *list_file = xasprintf("%s/not-kept", raw);
    struct buf b;

    memset(out, 0, sizeof(*out));
    strvec_init(&entries);
    if (list_dir(raw, NULL, &entries) == 0) {
        for (size_t i = 0; i < entries.n; i++) {
            char *dir;

            if (!kept_tests_is_test_folder(entries.v[i]))
                continue;
            dir = xasprintf("%s/%s", raw, entries.v[i]);
            out->bytes += kept_tests_size_of(dir);
            out->kept++;
            free(dir);
        }
    }
    buf_init(&b);
    if (access(list_file, F_OK) == 0 && read_file(list_file, &b) == 0 && b.len > 0) {
        buf_add(&b, "", 1);
        out->not_kept = xstrdup(b.data);
        for (const char *p = out->not_kept; *p; p++)
            out->dropped += *p == '\n';
    }
    buf_release(&b);
    strvec_release(&entries);
    free(list_file);
}
