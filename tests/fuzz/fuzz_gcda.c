/* SPDX-License-Identifier: MIT */
/* Fuzzes the .gcda reader (gcda_count), which pgo-helper merge uses to check each GCC raw
 * profile and pgo-helper summary to count the functions of the merged profile. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "profile_formats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *bytes = fuzz_copy(data, size);
    struct profile_stats st = {0, 0};
    const char *why = NULL;

    if (gcda_count(bytes, size, &st, &why) < 0)
        FUZZ_ASSERT(why != NULL && *why != '\0');
    FUZZ_ASSERT(st.ran <= st.functions);
    free(bytes);
    return 0;
}
