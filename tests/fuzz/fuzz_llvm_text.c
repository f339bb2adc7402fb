/* Fuzzes the counter of functions in `llvm-profdata merge --text` output
 * (llvm_text_profile_count), which pgo-helper summary reads. The text is not NUL-terminated:
 * the parser must stay inside the n bytes it is given. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "profile_formats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = (char *)fuzz_copy(data, size);
    struct profile_stats st = {0, 0};

    llvm_text_profile_count(text, size, &st);
    FUZZ_ASSERT(st.ran <= st.functions);
    free(text);
    return 0;
}
