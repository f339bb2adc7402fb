/* SPDX-License-Identifier: MIT */
/* Fuzzes the reader of `nm -P` output in report_lto.c (report_lto_read_nm, and
 * report_lto_read_nm_batch for `nm -P -A` over several objects), which pgo-helper report runs
 * on LTO objects for their function symbols. The seeds name the objects below. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "report_elf.h"
#include "report_lto.h"

static void check_syms(const struct rsym *syms, size_t count, size_t lines)
{
    /* At most one symbol a line, each the first word of its line. */
    FUZZ_ASSERT(count <= lines);
    FUZZ_ASSERT(count == 0 || syms != NULL);
    for (size_t i = 0; i < count; i++) {
        FUZZ_ASSERT(strchr(syms[i].name, ' ') == NULL && strchr(syms[i].name, '\n') == NULL);
        FUZZ_ASSERT(syms[i].placement == PLACE_UNKNOWN);
        FUZZ_ASSERT(syms[i].global == 0 || syms[i].global == 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = (char *)fuzz_copy(data, size);
    char names[2][32] = {"/b/CMakeFiles/app.dir/a.c.o", "/b/CMakeFiles/app.dir/b.c.o"};
    struct robj objs[2];
    struct robj *list[2] = {&objs[0], &objs[1]};
    struct rsym *syms = NULL;
    size_t count = 0, lines = 1;

    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    report_lto_read_nm(text, size, &syms, &count);
    check_syms(syms, count, lines);
    /* Read again into the same array: it grows. */
    {
        size_t before = count;

        report_lto_read_nm(text, size, &syms, &count);
        FUZZ_ASSERT(count == 2 * before);
        for (size_t i = 0; i < before; i++)
            FUZZ_ASSERT(strcmp(syms[i].name, syms[before + i].name) == 0);
    }
    report_free_syms(syms, count);

    memset(objs, 0, sizeof(objs));
    objs[0].object = names[0];
    objs[1].object = names[1];
    report_lto_read_nm_batch(text, size, list, 2);
    check_syms(objs[0].syms, objs[0].nsyms, lines);
    check_syms(objs[1].syms, objs[1].nsyms, lines);
    FUZZ_ASSERT(objs[0].nsyms + objs[1].nsyms <= lines);
    report_free_syms(objs[0].syms, objs[0].nsyms);
    report_free_syms(objs[1].syms, objs[1].nsyms);
    free(text);
    return 0;
}
