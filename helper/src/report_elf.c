/* SPDX-License-Identifier: MIT */
/* The defined function symbols of an ELF64 relocatable object, with the placement the
 * compiler chose for each (the section it is in). Like elf_scan.c, which counts them, every
 * offset is checked against the size of the data before use. */
#define _DEFAULT_SOURCE
#include "report_elf.h"

#include "elf_scan.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

static const char *string_in(const unsigned char *data, const Elf64_Shdr *table, size_t off)
{
    const char *s = (const char *)data + table->sh_offset + off;

    if (off >= table->sh_size || !memchr(s, '\0', table->sh_size - off))
        return NULL;
    return s;
}

static Elf64_Shdr header_at(const unsigned char *data, const Elf64_Ehdr *eh, size_t i)
{
    Elf64_Shdr sh;

    memcpy(&sh, data + eh->e_shoff + i * sizeof(sh), sizeof(sh));
    return sh;
}

void report_free_syms(struct rsym *syms, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(syms[i].name);
    free(syms);
}

int report_elf_symbols(const unsigned char *data, size_t n, struct rsym **out, size_t *count)
{
    struct placement p = {0, 0, 0, 0};
    enum object_kind kind;
    Elf64_Ehdr eh;
    Elf64_Shdr names, symtab, strtab;
    struct rsym *syms = NULL;
    size_t nsyms = 0, shnum;

    *out = NULL;
    *count = 0;
    /* elf_scan checks the headers and tells LTO objects apart. */
    kind = elf_scan(data, n, &p);
    if (kind != OBJECT_ELF)
        return kind;
    memcpy(&eh, data, sizeof(eh));
    shnum = eh.e_shnum;
    names = header_at(data, &eh, eh.e_shstrndx);
    memset(&symtab, 0, sizeof(symtab));
    for (size_t i = 0; i < shnum; i++) {
        Elf64_Shdr sec = header_at(data, &eh, i);

        if (sec.sh_type == SHT_SYMTAB)
            symtab = sec;
    }
    if (symtab.sh_type != SHT_SYMTAB)
        return OBJECT_ELF;
    strtab = header_at(data, &eh, symtab.sh_link);
    syms = xcalloc(symtab.sh_size / sizeof(Elf64_Sym) + 1, sizeof(*syms));
    for (size_t i = 0; i < symtab.sh_size / sizeof(Elf64_Sym); i++) {
        Elf64_Sym sym;
        Elf64_Shdr sec;
        const char *name, *section;

        memcpy(&sym, data + symtab.sh_offset + i * sizeof(sym), sizeof(sym));
        if (ELF64_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_shndx == SHN_UNDEF ||
            sym.st_shndx >= SHN_LORESERVE || sym.st_shndx >= shnum)
            continue;
        sec = header_at(data, &eh, sym.st_shndx);
        name = string_in(data, &strtab, sym.st_name);
        section = string_in(data, &names, sec.sh_name);
        if (!name || !section || is_cold_part_name(name))
            continue;
        syms[nsyms].name = xstrdup(name);
        syms[nsyms].global = ELF64_ST_BIND(sym.st_info) != STB_LOCAL;
        syms[nsyms].placement = section_placement(section);
        nsyms++;
    }
    *out = syms;
    *count = nsyms;
    return OBJECT_ELF;
}
