/* SPDX-License-Identifier: MIT */
/* Fuzzes the reader of `gcov-dump -l` output in report_gcc_notes.c (gcc_notes_read_dump),
 * which pgo-helper report runs on the notes GCC wrote to name the functions of a .gcda. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "report_gcc_notes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = (char *)fuzz_copy(data, size);
    struct gcc_notes t = {NULL, 0, 0, 0};
    size_t n = gcc_notes_read_dump(text, size, &t);

    FUZZ_ASSERT(n == t.n && t.n <= t.cap);
    FUZZ_ASSERT(t.changed == (n > 0));
    for (size_t i = 0; i < t.n; i++) {
        /* A name is what stands between ` and ' on one line. */
        FUZZ_ASSERT(t.v[i].name != NULL && t.v[i].name[0] != '\0');
        FUZZ_ASSERT(strchr(t.v[i].name, '\'') == NULL && strchr(t.v[i].name, '\n') == NULL);
        /* Each pair of checksums once. */
        for (size_t j = 0; j < i; j++)
            FUZZ_ASSERT(t.v[j].lineno != t.v[i].lineno || t.v[j].cfg != t.v[i].cfg);
    }
    /* What the table holds is not added again. */
    FUZZ_ASSERT(gcc_notes_read_dump(text, size, &t) == 0 && t.n == n);
    gcc_notes_release(&t);
    free(text);
    return 0;
}
