/* SPDX-License-Identifier: MIT */
/* Where the compiler placed each function of an object file. */
#ifndef PGO_HELPER_ELF_SCAN_H
#define PGO_HELPER_ELF_SCAN_H

#include <stddef.h>
#include <stdint.h>

enum object_kind {
    OBJECT_ELF,     /* an ELF64 little-endian relocatable file: counts are valid */
    OBJECT_LTO,     /* LLVM bitcode or a GCC LTO object: code is generated at link time */
    OBJECT_UNKNOWN, /* another format */
    OBJECT_CORRUPT  /* looks like ELF but does not parse */
};

struct placement {
    unsigned long hot;        /* functions in .text.hot or .text.hot.* */
    unsigned long cold;       /* functions in .text.unlikely or .text.unlikely.* */
    unsigned long other;      /* functions elsewhere */
    unsigned long cold_parts; /* split-off parts "f.cold", "f.cold.1" (not counted above) */
};

/* Classifies the defined function symbols of an object by section name (adds to p). */
enum object_kind elf_scan(const unsigned char *data, size_t n, struct placement *p);
/* The same, and when it returns OBJECT_ELF also calls each(ctx, name, global, placement) for
 * every function but the cold parts: global when not STB_LOCAL, placement 1 hot, -1 cold,
 * 0 other (section_placement). */
enum object_kind elf_scan_each(const unsigned char *data, size_t n, struct placement *p,
                               void (*each)(void *ctx, const char *name, int global, int placement),
                               void *ctx);

/* Where the symbol table of an ELF64 file lies, checked against the size of the data. */
struct elf_symtab {
    size_t shnum;               /* section headers */
    uint64_t sym_off;           /* the Elf64_Sym entries */
    size_t nsyms;               /* their count */
    uint64_t str_off, str_size; /* its string table */
};

/* Finds the symbol table (the last SHT_SYMTAB section) of an ELF64 little-endian file of n
 * bytes, whose header the caller has checked (ELFMAG, class, data). Returns 0 with *t; 1 when
 * it has none (stripped); -1 when the section headers do not parse; -2 when the symbol table
 * or its string table does not. Objects (elf_scan.c) and linked files (link_map.c) share it. */
int elf_symtab_find(const unsigned char *data, size_t n, struct elf_symtab *t);

/* Whether LLVM bitcode holds a profile summary (metadata "ProfileSummary"), which Clang
 * attaches to a module compiled with -fprofile-use. Metadata strings are a byte-aligned
 * blob in bitcode, so a plain search finds it. */
int bitcode_has_profile(const unsigned char *data, size_t n);

/* The class of a section name: 1 hot, -1 cold, 0 other. */
int section_placement(const char *section);

/* Whether a function symbol is a part the compiler split off cold ("f.cold", "f.cold.1"). */
int is_cold_part_name(const char *name);

#endif
