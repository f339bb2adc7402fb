/* SPDX-License-Identifier: MIT */
/* The defined function symbols of an ELF64 relocatable object, with the placement the
 * compiler chose for each (the section it is in), as elf_scan.c reads and counts them. */
#define _POSIX_C_SOURCE 200809L
#include "report_elf.h"

#include "elf_scan.h"
#include "util.h"

#include <stdlib.h>

struct collect {
    struct rsym *syms;
    size_t n;
};

static void collect_one(void *ctx, const char *name, int global, int placement)
{
    struct collect *c = ctx;

    c->syms[c->n].name = xstrdup(name);
    c->syms[c->n].global = global;
    c->syms[c->n].placement = placement;
    c->n++;
}

void report_free_syms(struct rsym *syms, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(syms[i].name);
    free(syms);
}

int report_elf_symbols(const unsigned char *data, size_t n, struct rsym **out, size_t *count)
{
    struct placement p = {0, 0, 0, 0}, again = {0, 0, 0, 0};
    struct collect c = {NULL, 0};
    enum object_kind kind;

    *out = NULL;
    *count = 0;
    /* A first pass counts the functions, for the size of the list. */
    kind = elf_scan(data, n, &p);
    if (kind != OBJECT_ELF)
        return kind;
    c.syms = xcalloc(p.hot + p.cold + p.other + 1, sizeof(*c.syms));
    elf_scan_each(data, n, &again, collect_one, &c);
    *out = c.syms;
    *count = c.n;
    return OBJECT_ELF;
}
