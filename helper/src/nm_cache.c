/* SPDX-License-Identifier: MIT */
/* nm over many LTO objects costs about 0.1 s per 256 of them, and the stamps and the report
 * read every object after each training: the cache keeps each object's lines under its path,
 * size, time stamp and inode, and nm reads only the objects that moved. The cache file:
 *   pgo-helper nm cache 1 <nm>
 *   @<size> <mtime ns> <inode> <object>
 *   <object>: <name> <type> <value> <size>       (nm's lines, any number)
 * An object's path starts with '/', so a line of nm never starts with '@'. */
#define _POSIX_C_SOURCE 200809L
#include "nm_cache.h"

#include "fs.h"
#include "subprocess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "pgo-helper nm cache 1 "
#define NM_BATCH 256

struct entry {
    const char *key;   /* "<size> <mtime ns> <inode> <object>", NUL-terminated in the text */
    const char *lines; /* its nm lines, len bytes */
    size_t len;
};

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

/* The cache's entries, pointing into text (which they cut), sorted by key. */
static size_t parse_cache(char *text, const char *nm, struct entry **out)
{
    size_t n = 0, cap = 0;
    char *nl = strchr(text, '\n'), *p;

    *out = NULL;
    if (!nl || strncmp(text, HEADER, strlen(HEADER)) != 0 ||
        (size_t)(nl - text) != strlen(HEADER) + strlen(nm) ||
        strncmp(text + strlen(HEADER), nm, strlen(nm)) != 0)
        return 0; /* another nm, or no cache */
    for (p = nl + 1; *p == '@';) {
        char *key_end = strchr(p, '\n'), *next;

        if (!key_end)
            break;
        *key_end = '\0';
        next = key_end + 1;
        while (*next && *next != '@')
            next = strchr(next, '\n') ? strchr(next, '\n') + 1 : next + strlen(next);
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            *out = xrealloc(*out, cap * sizeof(**out));
        }
        (*out)[n++] = (struct entry){p + 1, key_end + 1, (size_t)(next - key_end - 1)};
        p = next;
    }
    if (n > 1)
        qsort(*out, n, sizeof(**out), by_key);
    return n;
}

/* One nm process over the objects; its lines are split per object into lines[]. */
static int run_nm(const char *nm, char *const *objects, size_t n, struct buf *lines)
{
    struct strvec argv;
    struct buf out;
    int status, rc = -1;
    size_t cur = 0;

    strvec_init(&argv);
    strvec_push(&argv, nm);
    strvec_push(&argv, "-P");
    strvec_push(&argv, "-A");
    strvec_push(&argv, "--defined-only");
    for (size_t i = 0; i < n; i++)
        strvec_push(&argv, objects[i]);
    buf_init(&out);
    if (run_capture(argv.v, NULL, &out, NULL, &status) == 0 && status == 0) {
        rc = 0;
        for (char *line = out.data, *nl; line && *line; line = nl ? nl + 1 : NULL) {
            size_t len;

            nl = strchr(line, '\n');
            len = nl ? (size_t)(nl - line) + 1 : strlen(line);
            /* Objects come in the order given; one without symbols prints nothing. */
            for (size_t k = cur; k < n; k++) {
                size_t olen = strlen(objects[k]);

                if (strncmp(line, objects[k], olen) == 0 && line[olen] == ':') {
                    cur = k;
                    buf_add(&lines[k], line, len);
                    if (!nl)
                        buf_add(&lines[k], "\n", 1);
                    break;
                }
            }
        }
    }
    buf_release(&out);
    strvec_release(&argv);
    return rc;
}

int nm_defined(const char *nm, const char *cache, char *const *objects, size_t n, struct buf *out)
{
    struct buf text, *lines = xcalloc(n ? n : 1, sizeof(*lines));
    char **keys = xcalloc(n ? n : 1, sizeof(*keys));
    char **missing = xcalloc(n ? n : 1, sizeof(*missing));
    size_t *missing_at = xcalloc(n ? n : 1, sizeof(*missing_at));
    struct entry *entries = NULL;
    size_t nentries = 0, nmissing = 0;
    int rc = 0;

    buf_init(&text);
    if (cache && access(cache, F_OK) == 0 && read_file(cache, &text) == 0 && text.data) {
        buf_add(&text, "", 1);
        nentries = parse_cache(text.data, nm, &entries);
    }
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        struct entry key, *hit = NULL;

        buf_init(&lines[i]);
        if (stat(objects[i], &st) == 0) {
            keys[i] = xasprintf("%lld %lld%09ld %llu %s", (long long)st.st_size,
                                (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                                (unsigned long long)st.st_ino, objects[i]);
            key.key = keys[i];
            hit = nentries ? bsearch(&key, entries, nentries, sizeof(*entries), by_key) : NULL;
        }
        if (hit) {
            buf_add(&lines[i], hit->lines, hit->len);
        } else {
            missing_at[nmissing] = i;
            missing[nmissing++] = objects[i];
        }
    }
    for (size_t b = 0; b < nmissing && rc == 0; b += NM_BATCH) {
        size_t k = nmissing - b < NM_BATCH ? nmissing - b : NM_BATCH;
        struct buf *got = xcalloc(k, sizeof(*got));

        for (size_t j = 0; j < k; j++)
            buf_init(&got[j]);
        rc = run_nm(nm, missing + b, k, got);
        for (size_t j = 0; j < k; j++) {
            if (got[j].len)
                buf_add(&lines[missing_at[b + j]], got[j].data, got[j].len);
            buf_release(&got[j]);
        }
        free(got);
    }
    for (size_t i = 0; i < n; i++)
        if (lines[i].len)
            buf_add(out, lines[i].data, lines[i].len);
    if (rc == 0 && cache && nmissing > 0) {
        struct buf w;

        buf_init(&w);
        buf_addf(&w, "%s%s\n", HEADER, nm);
        for (size_t i = 0; i < n; i++) {
            if (!keys[i])
                continue;
            buf_addf(&w, "@%s\n", keys[i]);
            if (lines[i].len)
                buf_add(&w, lines[i].data, lines[i].len);
        }
        /* A cache that cannot be written costs time, not results. */
        if (write_file_atomic(cache, w.data, w.len) < 0)
            warn("the nm cache %s was not written: the next run reads every object again", cache);
        buf_release(&w);
    }
    for (size_t i = 0; i < n; i++) {
        buf_release(&lines[i]);
        free(keys[i]);
    }
    free(entries);
    free(missing_at);
    free(missing);
    free(keys);
    free(lines);
    buf_release(&text);
    return rc;
}
