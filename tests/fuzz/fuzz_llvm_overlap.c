/* SPDX-License-Identifier: MIT */
/* Fuzzes the reading of `llvm-profdata overlap` output (llvm_overlap_parse), which pgo-helper
 * report runs to compare the training with a benchmark workload: the overlap is a share. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "report_representative.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    double v = -1;

    if (llvm_overlap_parse(text, &v) == 0)
        FUZZ_ASSERT(v >= 0 && v <= 1.000001);
    else
        FUZZ_ASSERT(v == -1);
    free(text);
    return 0;
}
