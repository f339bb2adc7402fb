/* SPDX-License-Identifier: MIT */
/* Fuzzes the reader of cachegrind's summary (parse_cachegrind), which pgo-helper bench uses
 * for the instructions, misses and mispredictions of each build. */
#define _POSIX_C_SOURCE 200809L
#include "bench_measure.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    struct sim_counts c;

    if (parse_cachegrind(text, &c) == 0) {
        FUZZ_ASSERT(sim_cycles(&c) >= (double)c.ir);
        if (!c.simulated)
            FUZZ_ASSERT(c.i1_misses == 0 && c.mispredicts == 0);
    }
    free(text);
    return 0;
}
