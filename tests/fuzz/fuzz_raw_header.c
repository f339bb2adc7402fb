/* SPDX-License-Identifier: MIT */
/* Fuzzes the reading of raw LLVM profile headers (llvm_raw_version), which pgo-helper merge
 * uses on every .profraw before merging, of indexed ones (llvm_indexed_version), which it
 * uses on what llvm-profdata wrote, and of llvm-profdata's version output
 * (llvm_version_major). */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "profile_formats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *head = fuzz_copy(data, size);
    char *text = fuzz_string(data, size);
    uint32_t version = 0;
    uint64_t indexed = 0;
    const char *why = NULL;
    int major;

    if (llvm_raw_version(head, size, &version) == 0) {
        FUZZ_ASSERT(size >= 16);
        (void)llvm_tool_raw_version((int)(version % 64));
    }
    if (llvm_indexed_version(head, size, &indexed, &why) == 0)
        FUZZ_ASSERT(size >= LLVM_INDEXED_HEADER && indexed > 0);
    else
        FUZZ_ASSERT(why != NULL);
    major = llvm_version_major(text);
    FUZZ_ASSERT(major == -1 || (major > 0 && major <= 1000));
    if (major > 0) {
        (void)llvm_tool_raw_version(major);
        (void)llvm_tool_indexed_version(major);
    }
    free(text);
    free(head);
    return 0;
}
