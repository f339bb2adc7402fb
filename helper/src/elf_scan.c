/* SPDX-License-Identifier: MIT */
/* Reading section headers and .symtab of ELF64 relocatable objects with <elf.h>. Every
 * offset is checked against the size of the data before use. */
#define _DEFAULT_SOURCE
#include "elf_scan.h"

#include <elf.h>
#include <string.h>

int section_placement(const char *s)
{
    if (strcmp(s, ".text.hot") == 0 || strncmp(s, ".text.hot.", 10) == 0)
        return 1;
    if (strcmp(s, ".text.unlikely") == 0 || strncmp(s, ".text.unlikely.", 15) == 0)
        return -1;
    return 0;
}

int is_cold_part_name(const char *name)
{
    size_t n = strlen(name);

    return (n >= 5 && strcmp(name + n - 5, ".cold") == 0) || strstr(name, ".cold.") != NULL;
}

/* A NUL-terminated string at offset off of a string table [base, base+size), or NULL. */
static const char *string_at(const unsigned char *data, size_t base, size_t size, size_t off)
{
    const char *s;

    if (off >= size)
        return NULL;
    s = (const char *)data + base + off;
    if (!memchr(s, '\0', size - off))
        return NULL;
    return s;
}

static int is_lto(const unsigned char *data, size_t n)
{
    static const unsigned char bitcode[4] = {'B', 'C', 0xc0, 0xde};
    static const unsigned char wrapper[4] = {0xde, 0xc0, 0x17, 0x0b};

    return n >= 4 && (memcmp(data, bitcode, 4) == 0 || memcmp(data, wrapper, 4) == 0);
}

int bitcode_has_profile(const unsigned char *data, size_t n)
{
    static const char word[] = "ProfileSummary";
    const size_t w = sizeof(word) - 1;

    if (!is_lto(data, n) || n < w)
        return 0;
    for (size_t i = 0; i + w <= n; i++)
        if (data[i] == 'P' && memcmp(data + i, word, w) == 0)
            return 1;
    return 0;
}

/* Section header i; the caller has checked that the table lies inside the data. */
static Elf64_Shdr section_header(const unsigned char *data, const Elf64_Ehdr *eh, size_t i)
{
    Elf64_Shdr sh;

    memcpy(&sh, data + eh->e_shoff + i * sizeof(sh), sizeof(sh));
    return sh;
}

int elf_symtab_find(const unsigned char *data, size_t n, struct elf_symtab *t)
{
    Elf64_Ehdr eh;
    Elf64_Shdr symtab, strtab;
    size_t shnum;

    memcpy(&eh, data, sizeof(eh));
    shnum = eh.e_shnum;
    if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shoff > n || shnum == 0 ||
        shnum > (n - eh.e_shoff) / sizeof(Elf64_Shdr))
        return -1;
    t->shnum = shnum;
    memset(&symtab, 0, sizeof(symtab));
    for (size_t i = 0; i < shnum; i++) {
        Elf64_Shdr sec = section_header(data, &eh, i);

        if (sec.sh_type == SHT_SYMTAB)
            symtab = sec;
    }
    if (symtab.sh_type != SHT_SYMTAB)
        return 1;
    if (symtab.sh_entsize != sizeof(Elf64_Sym) || symtab.sh_offset > n ||
        symtab.sh_size > n - symtab.sh_offset || symtab.sh_link >= shnum)
        return -2;
    strtab = section_header(data, &eh, symtab.sh_link);
    if (strtab.sh_offset > n || strtab.sh_size > n - strtab.sh_offset)
        return -2;
    t->sym_off = symtab.sh_offset;
    t->nsyms = symtab.sh_size / sizeof(Elf64_Sym);
    t->str_off = strtab.sh_offset;
    t->str_size = strtab.sh_size;
    return 0;
}

/* The defined function symbol i of t, with its name and section name; 0 for another symbol
 * or one in no section of the file, -1 when a name does not parse. */
static int function_at(const unsigned char *data, const Elf64_Ehdr *eh, const Elf64_Shdr *names,
                       const struct elf_symtab *t, size_t i, Elf64_Sym *sym, const char **name,
                       const char **section)
{
    Elf64_Shdr sec;

    memcpy(sym, data + t->sym_off + i * sizeof(*sym), sizeof(*sym));
    if (ELF64_ST_TYPE(sym->st_info) != STT_FUNC || sym->st_shndx == SHN_UNDEF ||
        sym->st_shndx >= SHN_LORESERVE || sym->st_shndx >= t->shnum)
        return 0;
    sec = section_header(data, eh, sym->st_shndx);
    *name = string_at(data, t->str_off, t->str_size, sym->st_name);
    *section = string_at(data, names->sh_offset, names->sh_size, sec.sh_name);
    return *name && *section ? 1 : -1;
}

enum object_kind elf_scan(const unsigned char *data, size_t n, struct placement *p)
{
    return elf_scan_each(data, n, p, NULL, NULL);
}

enum object_kind elf_scan_each(const unsigned char *data, size_t n, struct placement *p,
                               void (*each)(void *ctx, const char *name, int global, int placement),
                               void *ctx)
{
    Elf64_Ehdr eh;
    Elf64_Shdr names;
    Elf64_Sym sym;
    struct elf_symtab t;
    const char *name, *section;
    int found, gnu_lto = 0, functions = 0;
    struct placement local = {0, 0, 0, 0};

    if (is_lto(data, n))
        return OBJECT_LTO;
    if (n < sizeof(eh) || memcmp(data, ELFMAG, SELFMAG) != 0)
        return OBJECT_UNKNOWN;
    if (data[EI_CLASS] != ELFCLASS64 || data[EI_DATA] != ELFDATA2LSB)
        return OBJECT_UNKNOWN;
    memcpy(&eh, data, sizeof(eh));
    found = elf_symtab_find(data, n, &t);
    /* Every section must have a name, even without a symbol table. */
    if (found == -1 || eh.e_shstrndx >= t.shnum)
        return OBJECT_CORRUPT;
    names = section_header(data, &eh, eh.e_shstrndx);
    if (names.sh_offset > n || names.sh_size > n - names.sh_offset)
        return OBJECT_CORRUPT;
    for (size_t i = 0; i < t.shnum; i++) {
        const char *sname =
            string_at(data, names.sh_offset, names.sh_size, section_header(data, &eh, i).sh_name);

        if (!sname)
            return OBJECT_CORRUPT;
        if (strncmp(sname, ".gnu.lto_", 9) == 0)
            gnu_lto = 1;
    }
    if (found == 1)
        return gnu_lto ? OBJECT_LTO : OBJECT_ELF;
    if (found < 0)
        return OBJECT_CORRUPT;

    for (size_t i = 0; i < t.nsyms; i++) {
        int r = function_at(data, &eh, &names, &t, i, &sym, &name, &section);

        if (r < 0)
            return OBJECT_CORRUPT;
        if (r == 0)
            continue;
        functions++;
        if (is_cold_part_name(name))
            local.cold_parts++;
        else if (section_placement(section) > 0)
            local.hot++;
        else if (section_placement(section) < 0)
            local.cold++;
        else
            local.other++;
    }
    /* A slim GCC LTO object holds only GIMPLE: no functions to inspect. */
    if (gnu_lto && functions == 0)
        return OBJECT_LTO;
    /* Only an object whose symbols all parse shows its functions. */
    for (size_t i = 0; each && i < t.nsyms; i++)
        if (function_at(data, &eh, &names, &t, i, &sym, &name, &section) > 0 &&
            !is_cold_part_name(name))
            each(ctx, name, ELF64_ST_BIND(sym.st_info) != STB_LOCAL, section_placement(section));
    p->hot += local.hot;
    p->cold += local.cold;
    p->other += local.other;
    p->cold_parts += local.cold_parts;
    return OBJECT_ELF;
}
