/* SPDX-License-Identifier: MIT */
/* Fuzzes the classification of object files (elf_scan), which pgo-helper summary runs on every
 * optimized object to count the functions the profile placed in hot and cold sections. */
#define _POSIX_C_SOURCE 200809L
#include "elf_scan.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *bytes = fuzz_copy(data, size);
    char *name = fuzz_string(data, size);
    struct placement p = {0, 0, 0, 0};
    enum object_kind kind = elf_scan(bytes, size, &p);
    int where;

    FUZZ_ASSERT(kind == OBJECT_ELF || kind == OBJECT_LTO || kind == OBJECT_UNKNOWN ||
                kind == OBJECT_CORRUPT);
    if (kind != OBJECT_ELF) /* counts are added only for objects that parsed */
        FUZZ_ASSERT(p.hot == 0 && p.cold == 0 && p.other == 0 && p.cold_parts == 0);
    where = section_placement(name);
    FUZZ_ASSERT(where >= -1 && where <= 1);
    free(name);
    free(bytes);
    return 0;
}
