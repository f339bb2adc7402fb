/* SPDX-License-Identifier: MIT */
/* Fuzzes the parser of `ctest -N` output (ctest_list_parse), which pgo-helper train reads to
 * find the training tests. */
#define _POSIX_C_SOURCE 200809L
#include "ctest_list.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = (char *)fuzz_copy(data, size);
    struct ctest_list list;

    ctest_list_parse(text, size, &list);
    for (size_t i = 0; i < list.n; i++) {
        /* A name is the rest of one line; the number has at most 9 digits. */
        FUZZ_ASSERT(list.tests[i].name != NULL);
        FUZZ_ASSERT(strchr(list.tests[i].name, '\n') == NULL);
        FUZZ_ASSERT(list.tests[i].number <= 999999999ul);
    }
    ctest_list_release(&list);
    FUZZ_ASSERT(list.n == 0 && list.tests == NULL);
    free(text);
    return 0;
}
