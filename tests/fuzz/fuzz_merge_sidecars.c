/* SPDX-License-Identifier: MIT */
/* Fuzzes the checks of pgo-helper merge --check-sidecars (merge_sidecars_check_texts): the
 * sidecars of the merged profiles agree, and their shards are all there, each once. The input
 * is the sidecars of up to eight profiles separated by NUL bytes (a sidecar has none); an
 * empty one stands for a profile without a sidecar. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "merge_sidecars.h"
#include "metadata.h"

enum { MAX_INPUTS = 8 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *pieces[MAX_INPUTS];
    const char *texts[MAX_INPUTS];
    size_t lens[MAX_INPUTS], n = 0, merged_from = 0;
    struct strvec inputs, sidecars;
    struct kv merged;
    const char *shards;
    int rc;

    strvec_init(&inputs);
    strvec_init(&sidecars);
    for (size_t at = 0; at <= size && n < MAX_INPUTS; n++) {
        const uint8_t *nul = memchr(data + at, '\0', size - at);
        size_t len = nul ? (size_t)(nul - (data + at)) : size - at;

        pieces[n] = (char *)fuzz_copy(data + at, len);
        texts[n] = len ? pieces[n] : NULL;
        lens[n] = len;
        strvec_pushf(&inputs, "p%zu.profdata", n + 1);
        strvec_pushf(&sidecars, "p%zu.profdata.meta", n + 1);
        at += len + 1;
    }
    kv_init(&merged);
    rc = merge_sidecars_check_texts(&inputs, &sidecars, texts, lens, &merged);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc == 0) {
        /* The merge's sidecar names every input, in order, and no input's own keys. */
        for (size_t i = 0; i < merged.keys.n; i++) {
            FUZZ_ASSERT(strcmp(merged.keys.v[i], "shard") != 0);
            FUZZ_ASSERT(strcmp(merged.keys.v[i], "profile_hash") != 0);
            if (strcmp(merged.keys.v[i], "merged_from") == 0)
                FUZZ_ASSERT(merged_from < n &&
                            strcmp(merged.values.v[i], inputs.v[merged_from++]) == 0);
        }
        FUZZ_ASSERT(merged_from == n);
        /* With shards, all of them are among the inputs, each once. */
        if ((shards = kv_get(&merged, "shards")) != NULL)
            FUZZ_ASSERT(strtoul(shards, NULL, 10) >= 1 && strtoul(shards, NULL, 10) <= n);
    }
    kv_release(&merged);
    for (size_t i = 0; i < n; i++)
        free(pieces[i]);
    strvec_release(&sidecars);
    strvec_release(&inputs);
    return 0;
}
