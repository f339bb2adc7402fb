/* SPDX-License-Identifier: MIT */
/* Fuzzes the reading of linker maps (link_map_parse: GNU ld, gold, lld) and of the linked
 * file's symbol table by the map's ranges (linked_scan_each), which pgo-helper summary and
 * report read with LTO to tell where the profile placed each function. The input is the map,
 * then a NUL byte and the linked file (a map has no NUL; without one there is no file). */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "link_map.h"

struct seen {
    unsigned long hot, cold, other;
};

static void count(void *ctx, const char *name, int placement)
{
    struct seen *s = ctx;

    FUZZ_ASSERT(name != NULL && !is_cold_part_name(name));
    FUZZ_ASSERT(placement >= -1 && placement <= 1);
    if (placement > 0)
        s->hot++;
    else if (placement < 0)
        s->cold++;
    else
        s->other++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, '\0', size);
    size_t map_len = nul ? (size_t)(nul - data) : size;
    size_t elf_len = nul ? size - map_len - 1 : 0;
    char *map = (char *)fuzz_copy(data, map_len);
    unsigned char *elf = fuzz_copy(nul ? nul + 1 : data, elf_len);
    struct placed_range *ranges = NULL;
    struct placement p = {0, 0, 0, 0};
    struct seen s = {0, 0, 0};
    const char *why = NULL;
    long n = link_map_parse(map, map_len, &ranges, &why);

    if (n < 0) {
        FUZZ_ASSERT(n == -1 && ranges == NULL && why != NULL && *why != '\0');
        n = 0;
    }
    for (long i = 0; i < n; i++) {
        /* Sorted by start; each range holds something and is hot or cold. */
        FUZZ_ASSERT(ranges[i].start < ranges[i].end);
        FUZZ_ASSERT(ranges[i].placement == 1 || ranges[i].placement == -1);
        if (i > 0)
            FUZZ_ASSERT(ranges[i - 1].start <= ranges[i].start);
    }
    why = NULL;
    if (linked_scan_each(elf, elf_len, ranges, (size_t)n, &p, &why, count, &s) < 0) {
        FUZZ_ASSERT(why != NULL && *why != '\0');
        FUZZ_ASSERT(p.hot == 0 && p.cold == 0 && p.other == 0 && p.cold_parts == 0);
        FUZZ_ASSERT(s.hot == 0 && s.cold == 0 && s.other == 0);
    } else {
        /* Each function but the cold parts is shown once, where it was counted. */
        FUZZ_ASSERT(s.hot == p.hot && s.cold == p.cold && s.other == p.other);
    }
    free(ranges);
    free(elf);
    free(map);
    return 0;
}
