/* SPDX-License-Identifier: MIT */
/* pgo-helper merge --check-sidecars: merged profiles of one project (the shards of a training
 * that ran on several machines, PGO_PROFILE's list) merge only when their sidecars agree on
 * what shapes the counts: the compiler, the optimization flags and the sources. The merge's
 * output then gets a sidecar of its own, naming its inputs. */
#define _POSIX_C_SOURCE 200809L
#include "merge_sidecars.h"
#include "metadata.h"

#include "fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The keys that must agree, and what a difference in each means to the user. */
static const struct {
    const char *key, *meaning;
} agreed[] = {
    {"compiler", "another compiler family"},
    {"compiler_version", "another compiler version"},
    {"flags_hash", "other optimization flags (CMAKE_BUILD_TYPE, CMAKE_<LANG>_FLAGS, LTO)"},
    {"sources_hash", "other sources (a source file's content or path differs)"},
    {"source_revision", "another source revision"},
};

/* Keys of an input that describe that input alone, not the merge. */
static int own_key(const struct kv *kv, const char *key)
{
    const char *compiler = kv_get(kv, "compiler");

    /* GCC's source_dir is one for all (see compare). */
    if (strcmp(key, "source_dir") == 0)
        return !compiler || strcmp(compiler, "gcc") != 0;
    return strcmp(key, "profile_format") == 0 || strcmp(key, "profile_hash") == 0 ||
           strcmp(key, "static_names") == 0 || strcmp(key, "date") == 0 ||
           strcmp(key, "shard") == 0 || strcmp(key, "merged_from") == 0 ||
           strcmp(key, "shards") == 0;
}

/* The most shards a training splits into, as train's --shard takes them. */
#define MAX_SHARDS 100000

/* Shard "K/N" of a sidecar, two whole numbers with 1 <= K <= N <= MAX_SHARDS: 0 if it names
 * none, -1 if it is malformed (a sign, a blank, a number too large). */
static int shard_of(const struct kv *kv, unsigned long *k, unsigned long *n)
{
    const char *s = kv_get(kv, "shard"), *slash;
    char *first;
    int ok;

    if (!s)
        return 0;
    slash = strchr(s, '/');
    first = slash ? xstrndup(s, (size_t)(slash - s)) : NULL;
    ok = slash && parse_uint(first, k) == 0 && parse_uint(slash + 1, n) == 0 && *k >= 1 &&
         *k <= *n && *n <= MAX_SHARDS;
    free(first);
    return ok ? 1 : -1;
}

/* Compares the sidecar of input i with the first one that has a sidecar; prints one error
 * naming every key that differs. Returns the number of differences. */
static size_t compare(const struct kv *first, const char *first_path, const struct kv *kv,
                      const char *path)
{
    size_t differ = 0;

    for (size_t i = 0; i < sizeof(agreed) / sizeof(agreed[0]); i++) {
        const char *a = kv_get(first, agreed[i].key), *b = kv_get(kv, agreed[i].key);

        /* A key only one side records (an older helper's sidecar) cannot be compared. */
        if (!a || !b || strcmp(a, b) == 0)
            continue;
        if (differ++ == 0)
            error("refusing to merge %s with %s: they were made from", path, first_path);
        fprintf(stderr, "  %s: %s ('%s' against '%s')\n", agreed[i].meaning, agreed[i].key, b, a);
    }
    /* GCC's checksums and the ids of static functions hash the source path: a profile made
     * in a checkout elsewhere loses its static functions. */
    if (kv_get(first, "compiler") && strcmp(kv_get(first, "compiler"), "gcc") == 0) {
        const char *a = kv_get(first, "source_dir"), *b = kv_get(kv, "source_dir");

        if (a && b && strcmp(a, b) != 0) {
            if (differ++ == 0)
                error("refusing to merge %s with %s: they were made from", path, first_path);
            fprintf(stderr,
                    "  sources at another path, which GCC's profile records (the build trees "
                    "may differ; the checkout may not): source_dir ('%s' against '%s')\n",
                    b, a);
        }
    }
    return differ;
}

int merge_sidecars_check_texts(const struct strvec *inputs, const struct strvec *sidecars,
                               const char *const *texts, const size_t *lens, struct kv *merged)
{
    struct kv *kvs = xcalloc(inputs->n ? inputs->n : 1, sizeof(*kvs));
    unsigned long shards = 0, *seen = NULL;
    size_t first = inputs->n, bad = 0;
    int rc = -1;

    for (size_t i = 0; i < inputs->n; i++)
        kv_init(&kvs[i]);
    for (size_t i = 0; i < inputs->n; i++) {
        if (!texts[i]) {
            warn("%s has no sidecar: nothing says it was made from these sources and flags",
                 inputs->v[i]);
            continue;
        }
        kv_parse(texts[i], lens[i], &kvs[i]);
        if (first == inputs->n)
            first = i;
        else
            bad += compare(&kvs[first], inputs->v[first], &kvs[i], inputs->v[i]);
    }
    if (bad) {
        fprintf(stderr, "Merge profiles of one training, made from the same sources with the same "
                        "compiler and flags; make the others again from these sources.\n");
        goto done;
    }
    /* Shards: all of one N, each once, none missing. */
    for (size_t i = 0; i < inputs->n; i++) {
        unsigned long k, n;
        int r = shard_of(&kvs[i], &k, &n);

        if (r < 0) {
            error("%s: shard '%s' is not K/N, two whole numbers with 1 <= K <= N <= %d: the "
                  "sidecar of %s is damaged; make that profile again (PGO_TRAINING_SHARD=K/N)",
                  sidecars->v[i], kv_get(&kvs[i], "shard"), MAX_SHARDS, inputs->v[i]);
            goto done;
        }
        if (r == 0)
            continue;
        if (shards == 0) {
            shards = n;
            seen = xcalloc(n, sizeof(*seen));
        } else if (n != shards) {
            error("%s is shard %lu/%lu, but another input is a shard of %lu: merge the shards of "
                  "one split of the training (one PGO_TRAINING_SHARD=K/N with the same N)",
                  inputs->v[i], k, n, shards);
            goto done;
        }
        if (seen[k - 1]) {
            error("%s and %s are both shard %lu/%lu: its counts would count twice; give each "
                  "shard once",
                  inputs->v[seen[k - 1] - 1], inputs->v[i], k, n);
            goto done;
        }
        seen[k - 1] = i + 1;
    }
    for (unsigned long k = 0; k < shards; k++) {
        if (!seen[k]) {
            error("shard %lu/%lu is missing from the inputs: a profile without it lacks that "
                  "part of the training; add its profile (or archive), or train it again",
                  k + 1, shards);
            goto done;
        }
    }

    /* The merge's sidecar: what the inputs agree on, then where it came from. */
    if (first < inputs->n) {
        const struct kv *f = &kvs[first];
        const char *latest = NULL;

        for (size_t i = 0; i < f->keys.n; i++)
            if (!own_key(f, f->keys.v[i]))
                kv_add(merged, f->keys.v[i], f->values.v[i]);
        for (size_t i = 0; i < inputs->n; i++) {
            const char *d = kv_get(&kvs[i], "date");

            if (d && (!latest || strcmp(d, latest) > 0))
                latest = d;
        }
        if (latest)
            kv_add(merged, "date", latest);
    }
    if (shards) {
        char text[64];

        snprintf(text, sizeof(text), "%lu", shards);
        kv_add(merged, "shards", text);
    }
    for (size_t i = 0; i < inputs->n; i++)
        kv_add(merged, "merged_from", inputs->v[i]);
    rc = 0;
done:
    for (size_t i = 0; i < inputs->n; i++)
        kv_release(&kvs[i]);
    free(kvs);
    free(seen);
    return rc;
}

int merge_sidecars_check(const struct strvec *inputs, struct kv *merged)
{
    struct strvec sidecars;
    struct buf *bufs = xcalloc(inputs->n + 1, sizeof(*bufs));
    const char **texts = xcalloc(inputs->n + 1, sizeof(*texts));
    size_t *lens = xcalloc(inputs->n + 1, sizeof(*lens));
    int rc = 0;

    strvec_init(&sidecars);
    for (size_t i = 0; i < inputs->n; i++) {
        char *path = metadata_path(inputs->v[i]);
        struct stat st;

        strvec_push(&sidecars, path);
        free(path);
        buf_init(&bufs[i]);
        if (rc == 0 && stat(sidecars.v[i], &st) == 0) {
            if (read_file(sidecars.v[i], &bufs[i]) < 0)
                rc = -1;
            texts[i] = bufs[i].data;
            lens[i] = bufs[i].len;
        }
    }
    if (rc == 0)
        rc = merge_sidecars_check_texts(inputs, &sidecars, texts, lens, merged);
    for (size_t i = 0; i < inputs->n; i++)
        buf_release(&bufs[i]);
    free(bufs);
    free(texts);
    free(lens);
    strvec_release(&sidecars);
    return rc;
}

int merge_sidecars_write(struct kv *merged, const char *output, enum compiler compiler)
{
    char *path;
    struct stat st;
    struct buf b, old;
    int rc = 0;

    if (metadata_describe_profile(merged, output, compiler) < 0)
        return -1;
    buf_init(&b);
    buf_init(&old);
    buf_adds(&b, "# pgo-helper merge: the profiles below, merged (pgo-helper report reads it)\n");
    kv_format(merged, &b);
    path = metadata_path(output);
    /* The same inputs give the same text: leave the file, whose time stamp the summary
     * follows, alone. */
    if (stat(path, &st) != 0 || read_file(path, &old) < 0 || old.len != b.len ||
        memcmp(old.data, b.data, b.len) != 0)
        rc = write_file_atomic(path, b.data, b.len);
    free(path);
    buf_release(&old);
    buf_release(&b);
    return rc;
}
