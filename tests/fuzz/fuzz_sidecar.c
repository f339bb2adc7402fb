/* SPDX-License-Identifier: MIT */
/* Fuzzes the reader of the profile's sidecar (kv_parse: "key=value" lines), which pgo-helper
 * report and merge --check-sidecars read back, and its writer (kv_format): what it writes
 * reads back the same. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "metadata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = (char *)fuzz_copy(data, size);
    struct kv kv, again;
    struct buf out;

    kv_init(&kv);
    kv_parse(text, size, &kv);
    FUZZ_ASSERT(kv.keys.n == kv.values.n);
    for (size_t i = 0; i < kv.keys.n; i++) {
        /* A key is the start of a line up to its first '=', never a comment. */
        FUZZ_ASSERT(strchr(kv.keys.v[i], '=') == NULL && strchr(kv.keys.v[i], '\n') == NULL);
        FUZZ_ASSERT(kv.keys.v[i][0] != '#');
        FUZZ_ASSERT(strchr(kv.values.v[i], '\n') == NULL);
    }
    if (kv.keys.n > 0)
        FUZZ_ASSERT(kv_get(&kv, kv.keys.v[0]) == kv.values.v[0]);

    /* Written and read again: the same pairs, carriage returns in values as blanks. A NUL
     * ends a key or value early, which the round trip cannot keep. */
    if (!memchr(data, '\0', size)) {
        buf_init(&out);
        kv_format(&kv, &out);
        kv_init(&again);
        kv_parse(out.data ? out.data : "", out.len, &again);
        FUZZ_ASSERT(again.keys.n == kv.keys.n);
        for (size_t i = 0; i < kv.keys.n; i++) {
            const char *a = kv.values.v[i], *b = again.values.v[i];

            FUZZ_ASSERT(strcmp(kv.keys.v[i], again.keys.v[i]) == 0);
            FUZZ_ASSERT(strlen(a) == strlen(b));
            for (; *a; a++, b++)
                FUZZ_ASSERT(*b == (*a == '\r' ? ' ' : *a));
        }
        kv_release(&again);
        buf_release(&out);
    }
    kv_release(&kv);
    free(text);
    return 0;
}
