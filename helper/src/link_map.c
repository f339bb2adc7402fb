/* SPDX-License-Identifier: MIT */
/* Reading linker maps (GNU ld, gold, lld) for the sections the profile placed, and the
 * linked file's .symtab for the functions in them. Every offset into the ELF data is checked
 * against its size before use. */
#define _DEFAULT_SOURCE
#include "link_map.h"

#include "elf_scan.h"
#include "fs.h"
#include "util.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ranges {
    struct placed_range *v;
    size_t n, cap;
};

static void add_range(struct ranges *r, uint64_t start, uint64_t size, int placement)
{
    if (size == 0 || placement == 0 || start > UINT64_MAX - size)
        return;
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
    }
    r->v[r->n].start = start;
    r->v[r->n].end = start + size;
    r->v[r->n].placement = placement;
    r->n++;
}

static int by_start(const void *a, const void *b)
{
    const struct placed_range *x = a, *y = b;

    return (x->start > y->start) - (x->start < y->start);
}

/* The hexadecimal number at *p (with or without 0x), skipping blanks first; moves *p past it.
 * Returns 0 if there is none. */
static int hex_at(const char **p, const char *end, uint64_t *out)
{
    const char *s = *p;
    uint64_t v = 0;
    int digits = 0;

    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    if (end - s > 2 && s[0] == '0' && s[1] == 'x')
        s += 2;
    for (; s < end; s++, digits++) {
        int d;

        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (*s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'F')
            d = *s - 'A' + 10;
        else
            break;
        if (digits >= 16)
            return 0;
        v = v * 16 + (uint64_t)d;
    }
    if (digits == 0 || (s < end && *s != ' ' && *s != '\t'))
        return 0;
    *p = s;
    *out = v;
    return 1;
}

/* The placement of the section name [s, s+n), as section_placement() gives it. */
static int placement_of(const char *s, size_t n)
{
    char name[64];

    if (n >= sizeof(name))
        n = sizeof(name) - 1; /* the prefix is what counts */
    memcpy(name, s, n);
    name[n] = '\0';
    return section_placement(name);
}

/* GNU ld and gold: in the memory map, an input section line is " NAME ADDR SIZE FILE", or
 * " NAME" alone with "ADDR SIZE FILE" on the next line when NAME is long. */
static void parse_gnu(const char *text, const char *end, struct ranges *r)
{
    const char *line = text, *pending = NULL;
    size_t pending_len = 0;

    while (line < end) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *eol = nl ? nl : end, *p = line;
        uint64_t addr, size;

        if (pending) {
            if (hex_at(&p, eol, &addr) && hex_at(&p, eol, &size))
                add_range(r, addr, size, placement_of(pending, pending_len));
            pending = NULL;
        } else if (eol - line > 2 && line[0] == ' ' && line[1] == '.') {
            const char *name = line + 1;
            size_t name_len;
            int placement;

            p = name;
            while (p < eol && *p != ' ' && *p != '\t')
                p++;
            name_len = (size_t)(p - name);
            placement = placement_of(name, name_len);
            if (placement != 0) {
                if (p == eol) {
                    pending = name;
                    pending_len = name_len;
                } else if (hex_at(&p, eol, &addr) && hex_at(&p, eol, &size)) {
                    add_range(r, addr, size, placement);
                }
            }
        }
        line = eol + 1;
    }
}

/* lld: "VMA LMA SIZE ALIGN" then the output section, or "FILE:(SECTION)" for an input one. */
static void parse_lld(const char *text, const char *end, struct ranges *r)
{
    const char *line = text;

    while (line < end) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *eol = nl ? nl : end, *p = line, *open, *close;
        uint64_t vma, lma, size, align;

        if (hex_at(&p, eol, &vma) && hex_at(&p, eol, &lma) && hex_at(&p, eol, &size) &&
            hex_at(&p, eol, &align)) {
            close = eol;
            while (close > p && (close[-1] == ' ' || close[-1] == '\r'))
                close--;
            if (close > p && close[-1] == ')') {
                close--;
                for (open = close; open > p && open[-1] != '('; open--)
                    ;
                if (open > p + 1 && open[-2] == ':')
                    add_range(r, vma, size, placement_of(open, (size_t)(close - open)));
            }
        }
        line = eol + 1;
    }
}

/* Whether [s, s+n) holds the string word. */
static int holds(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);

    for (size_t i = 0; i + w <= n; i++)
        if (memcmp(s + i, word, w) == 0)
            return 1;
    return 0;
}

static const char *find_line(const char *text, const char *end, const char *start)
{
    size_t n = strlen(start);

    for (const char *line = text; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));

        if ((size_t)(end - line) >= n && memcmp(line, start, n) == 0)
            return nl ? nl + 1 : end;
        if (!nl)
            break;
        line = nl + 1;
    }
    return NULL;
}

long link_map_parse(const char *text, size_t len, struct placed_range **out, const char **why)
{
    const char *end = text + len, *body;
    struct ranges r = {NULL, 0, 0};
    const char *first_nl;

    *out = NULL;
    /* GNU ld and gold list the discarded sections first, at address 0: only the map itself. */
    if ((body = find_line(text, end, "Linker script and memory map")) ||
        (body = find_line(text, end, "Memory map"))) {
        parse_gnu(body, end, &r);
    } else if ((first_nl = memchr(text, '\n', len)) &&
               holds(text, (size_t)(first_nl - text), "VMA") &&
               holds(text, (size_t)(first_nl - text), "Symbol")) {
        parse_lld(first_nl + 1, end, &r);
    } else {
        *why = "not a map of GNU ld, gold or lld";
        return -1;
    }
    if (r.n > 1)
        qsort(r.v, r.n, sizeof(*r.v), by_start);
    *out = r.v;
    return (long)r.n;
}

/* The range holding addr, or 0 (binary search over ranges sorted by start). */
static int placement_at(const struct placed_range *v, size_t n, uint64_t addr)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (v[mid].end <= addr)
            lo = mid + 1;
        else if (v[mid].start > addr)
            hi = mid;
        else
            return v[mid].placement;
    }
    return 0;
}

/* Symbol i of t: 1 for a defined function, with its name and address; 0 for another symbol;
 * -1 when its name does not parse. */
static int function_at(const unsigned char *data, const struct elf_symtab *t, size_t i,
                       const char **name, uint64_t *value)
{
    Elf64_Sym sym;

    memcpy(&sym, data + t->sym_off + i * sizeof(sym), sizeof(sym));
    if (ELF64_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_shndx == SHN_UNDEF ||
        sym.st_shndx >= SHN_LORESERVE || sym.st_name >= t->str_size)
        return 0;
    *name = (const char *)data + t->str_off + sym.st_name;
    if (!memchr(*name, '\0', t->str_size - sym.st_name))
        return -1;
    *value = sym.st_value;
    return 1;
}

int linked_scan(const unsigned char *data, size_t n, const struct placed_range *ranges,
                size_t nranges, struct placement *p, const char **why)
{
    return linked_scan_each(data, n, ranges, nranges, p, why, NULL, NULL);
}

int linked_scan_each(const unsigned char *data, size_t n, const struct placed_range *ranges,
                     size_t nranges, struct placement *p, const char **why,
                     void (*each)(void *ctx, const char *name, int placement), void *ctx)
{
    Elf64_Ehdr eh;
    struct elf_symtab t;
    const char *name;
    uint64_t value;
    struct placement local = {0, 0, 0, 0};
    int found;

    *why = "not an ELF64 little-endian executable or shared library";
    if (n < sizeof(eh) || memcmp(data, ELFMAG, SELFMAG) != 0 || data[EI_CLASS] != ELFCLASS64 ||
        data[EI_DATA] != ELFDATA2LSB)
        return -1;
    memcpy(&eh, data, sizeof(eh));
    if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
        return -1;
    found = elf_symtab_find(data, n, &t);
    *why = found == -1  ? "its section headers do not parse"
           : found == 1 ? "it has no symbol table (stripped)"
                        : "its symbol table does not parse";
    if (found != 0)
        return -1;
    for (size_t i = 0; i < t.nsyms; i++) {
        int r = function_at(data, &t, i, &name, &value), where;

        if (r < 0)
            return -1;
        if (r == 0)
            continue;
        where = placement_at(ranges, nranges, value);
        if (is_cold_part_name(name))
            local.cold_parts++;
        else if (where > 0)
            local.hot++;
        else if (where < 0)
            local.cold++;
        else
            local.other++;
    }
    /* Only a file whose symbols all parse shows its functions. */
    for (size_t i = 0; each && i < t.nsyms; i++)
        if (function_at(data, &t, i, &name, &value) > 0 && !is_cold_part_name(name))
            each(ctx, name, placement_at(ranges, nranges, value));
    p->hot += local.hot;
    p->cold += local.cold;
    p->other += local.other;
    p->cold_parts += local.cold_parts;
    return 0;
}

/* One linked file and its map: 0 when scanned, else -1 with *why set. */
static int scan_pair(const char *file, const char *map, struct placement *p,
                     void (*each)(void *ctx, const char *name, int placement), void *ctx,
                     const char **why)
{
    struct buf text, elf;
    struct placed_range *ranges = NULL;
    long n;
    int rc = -1;

    buf_init(&text);
    buf_init(&elf);
    if (access(file, F_OK) < 0 || access(map, F_OK) < 0)
        *why = "not linked yet";
    else if (read_file(map, &text) < 0 || read_file(file, &elf) < 0)
        *why = "unreadable";
    else if ((n = link_map_parse(text.data, text.len, &ranges, why)) >= 0)
        rc = linked_scan_each((const unsigned char *)elf.data, elf.len, ranges, (size_t)n, p, why,
                              each, ctx);
    free(ranges);
    buf_release(&text);
    buf_release(&elf);
    return rc;
}

long linked_list_scan(const char *list, struct placement *p,
                      void (*each)(void *ctx, const char *name, int placement),
                      void (*unread)(void *ctx, const char *file, const char *map, const char *why),
                      void *ctx)
{
    struct buf b;
    char *line, *next;
    long files = 0;

    if (!list || access(list, F_OK) < 0)
        return 0;
    buf_init(&b);
    if (read_file(list, &b) < 0) {
        buf_release(&b);
        return -1;
    }
    for (line = b.data; line && *line; line = next) {
        const char *why = NULL;
        char *tab;

        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        tab = strchr(line, '\t');
        if (!tab) {
            if (*line)
                warn("'%s': a line without a tab is skipped: '%s'", list, line);
            continue;
        }
        *tab = '\0';
        if (scan_pair(line, tab + 1, p, each, ctx, &why) == 0)
            files++;
        else if (unread)
            unread(ctx, line, tab + 1, why);
    }
    buf_release(&b);
    return files;
}
