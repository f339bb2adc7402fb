/* SPDX-License-Identifier: MIT */
/* Fuzzes the reading of compiler diagnostics: filter_profile_noise (pgo-helper launch echoes
 * a compile's stderr without the expected profile noise) and count_profile_warnings
 * (pgo-helper summary counts out-of-date and missing profiles in the compile logs). */
#define _POSIX_C_SOURCE 200809L
#include "diagnostics.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = (char *)fuzz_copy(data, size);
    struct warning_counts counts = {0, 0};
    struct buf out;
    unsigned long dropped;

    buf_init(&out);
    dropped = filter_profile_noise(text, size, &out);
    /* Leaving out only shortens; with nothing left out every byte is kept. */
    FUZZ_ASSERT(out.len <= size);
    if (dropped == 0)
        FUZZ_ASSERT(out.len == size && memcmp(out.data, text, size) == 0);
    count_profile_warnings(text, size, &counts);
    /* Each counted warning takes a line of its own. */
    FUZZ_ASSERT(counts.out_of_date + counts.no_data <= size);
    buf_release(&out);
    free(text);
    return 0;
}
