/* SPDX-License-Identifier: MIT */
/* Where the compiler placed each function of an object file. */
#ifndef PGO_HELPER_ELF_SCAN_H
#define PGO_HELPER_ELF_SCAN_H

#include <stddef.h>

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

/* Whether LLVM bitcode holds a profile summary (metadata "ProfileSummary"), which Clang
 * attaches to a module compiled with -fprofile-use. Metadata strings are a byte-aligned
 * blob in bitcode, so a plain search finds it. */
int bitcode_has_profile(const unsigned char *data, size_t n);

/* The class of a section name: 1 hot, -1 cold, 0 other. */
int section_placement(const char *section);

/* Whether a function symbol is a part the compiler split off cold ("f.cold", "f.cold.1"). */
int is_cold_part_name(const char *name);

#endif
