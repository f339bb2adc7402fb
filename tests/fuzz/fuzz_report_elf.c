/* SPDX-License-Identifier: MIT */
/* Fuzzes the reading of an object's function symbols for the report (report_elf_symbols),
 * which pgo-helper report runs on every optimized object: the same kind and the same counts
 * as elf_scan gives the summary. */
#define _POSIX_C_SOURCE 200809L
#include "elf_scan.h"
#include "fuzz.h"
#include "report_elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *bytes = fuzz_copy(data, size);
    struct placement p = {0, 0, 0, 0};
    enum object_kind kind = elf_scan(bytes, size, &p);
    struct rsym *syms = NULL;
    size_t count = 0;
    unsigned long hot = 0, cold = 0;

    FUZZ_ASSERT(report_elf_symbols(bytes, size, &syms, &count) == (int)kind);
    if (kind != OBJECT_ELF)
        FUZZ_ASSERT(syms == NULL && count == 0);
    for (size_t i = 0; i < count; i++) {
        FUZZ_ASSERT(syms[i].name != NULL && !is_cold_part_name(syms[i].name));
        FUZZ_ASSERT(syms[i].placement >= -1 && syms[i].placement <= 1);
        hot += syms[i].placement > 0;
        cold += syms[i].placement < 0;
    }
    /* Each function elf_scan counted (but the cold parts) is listed, where it counted it. */
    if (kind == OBJECT_ELF)
        FUZZ_ASSERT(count == p.hot + p.cold + p.other && hot == p.hot && cold == p.cold);
    report_free_syms(syms, count);
    free(bytes);
    return 0;
}
