/* SPDX-License-Identifier: MIT */
/* Fuzzes the reader of `llvm-profdata merge --text` output (llvm_text_records, and the count of
 * functions over it, llvm_text_profile_count), which pgo-helper summary and report read. The
 * text is not NUL-terminated: the parser must stay inside the n bytes it is given. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "profile_formats.h"

struct span {
    const char *text;
    size_t size, records;
};

/* Every record lies within the text, its name a whole line of it. */
static void check_record(const struct llvm_text_record *rec, void *ctx)
{
    struct span *s = ctx;

    FUZZ_ASSERT(rec->name >= s->text && rec->name_len > 0 &&
                rec->name_len <= s->size - (size_t)(rec->name - s->text));
    FUZZ_ASSERT(memchr(rec->name, '\n', rec->name_len) == NULL);
    FUZZ_ASSERT(rec->ncounts == 0 || rec->counts != NULL);
    s->records++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = (char *)fuzz_copy(data, size);
    struct profile_stats st = {0, 0, 0};
    struct span s = {text, size, 0};

    llvm_text_records(text, size, check_record, &s);
    llvm_text_profile_count(text, size, &st);
    FUZZ_ASSERT(st.ran <= st.functions);
    FUZZ_ASSERT(st.functions + st.cs == s.records);
    free(text);
    return 0;
}
