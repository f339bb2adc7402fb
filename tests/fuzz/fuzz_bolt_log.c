/* SPDX-License-Identifier: MIT */
/* Fuzzes the reading of llvm-bolt's output (bolt_log.c): the functions it asks to skip, its
 * first error and the line that says what it did, which pgo-helper bolt and report show. */
#define _POSIX_C_SOURCE 200809L
#include "bolt_log.h"
#include "fuzz.h"

enum { MAX_SKIPS = 8 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *log = fuzz_string(data, size);
    struct strvec skip;
    size_t added;
    char *line;

    strvec_init(&skip);
    added = bolt_log_skips(log, &skip, MAX_SKIPS);
    FUZZ_ASSERT(added == skip.n && skip.n <= MAX_SKIPS);
    for (size_t i = 0; i < skip.n; i++) {
        /* One word of the log each, once. */
        FUZZ_ASSERT(skip.v[i][0] != '\0' && strchr(skip.v[i], ' ') == NULL &&
                    strchr(skip.v[i], '\n') == NULL);
        FUZZ_ASSERT(strstr(log, skip.v[i]) != NULL);
        for (size_t j = 0; j < i; j++)
            FUZZ_ASSERT(strcmp(skip.v[i], skip.v[j]) != 0);
    }
    FUZZ_ASSERT(bolt_log_skips(log, &skip, MAX_SKIPS) == 0);

    line = bolt_log_first_error(log);
    FUZZ_ASSERT(strchr(line, '\n') == NULL && strstr(log, line) != NULL);
    free(line);

    line = bolt_log_describe(log, &skip);
    FUZZ_ASSERT(strncmp(line, "bolted", 6) == 0);
    free(line);
    strvec_release(&skip);
    free(log);
    return 0;
}
