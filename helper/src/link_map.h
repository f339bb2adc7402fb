/* SPDX-License-Identifier: MIT */
/* Where the profile placed the functions of a linked file, read from the linker's map
 * (-Wl,-Map) and the file's symbol table. With LTO the objects hold bitcode or GIMPLE, and
 * only the link shows the hot and cold sections the profile made. */
#ifndef PGO_HELPER_LINK_MAP_H
#define PGO_HELPER_LINK_MAP_H

#include "elf_scan.h"

#include <stddef.h>
#include <stdint.h>

/* An input section of the link that the profile placed: [start, end), hot (1) or cold (-1). */
struct placed_range {
    uint64_t start, end;
    int placement;
};

/* Reads the placed input sections of a map written by GNU ld, gold or lld into *out
 * (malloc'ed, sorted by start; free it). Returns the count, or -1 after setting *why for a
 * text that is none of these maps. */
long link_map_parse(const char *text, size_t len, struct placed_range **out, const char **why);

/* Classifies the defined functions of a linked ELF64 file (an executable or a shared
 * library) by the ranges of its map; adds to p. Returns -1 after setting *why when the file
 * is not such a file or has no symbol table (stripped). */
int linked_scan(const unsigned char *data, size_t n, const struct placed_range *ranges,
                size_t nranges, struct placement *p, const char **why);
/* The same, also calling each(ctx, name, placement) for every function but the cold parts,
 * placement 1 hot, -1 cold, 0 other. */
int linked_scan_each(const unsigned char *data, size_t n, const struct placed_range *ranges,
                     size_t nranges, struct placement *p, const char **why,
                     void (*each)(void *ctx, const char *name, int placement), void *ctx);

/* Reads LIST, lines "<linked file>\t<map>" as the module writes them, and scans each file
 * by its map (linked_scan_each, each and ctx as there) into p. A pair that cannot be read
 * calls unread(ctx, file, map, why) when unread is not NULL. Returns the number of files
 * read: 0 for a missing LIST, -1 after printing an error when LIST cannot be read. */
long linked_list_scan(const char *list, struct placement *p,
                      void (*each)(void *ctx, const char *name, int placement),
                      void (*unread)(void *ctx, const char *file, const char *map, const char *why),
                      void *ctx);

#endif
