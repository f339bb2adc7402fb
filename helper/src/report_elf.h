/* SPDX-License-Identifier: MIT */
/* The defined function symbols of an ELF object, for the report (report_elf.c). */
#ifndef PGO_HELPER_REPORT_ELF_H
#define PGO_HELPER_REPORT_ELF_H

#include "report_types.h"

#include <stddef.h>

/* The defined function symbols of an ELF64 object (cold parts left out).
 * Returns an enum object_kind; *syms is owned by the caller (report_free_syms). */
int report_elf_symbols(const unsigned char *data, size_t n, struct rsym **syms, size_t *count);
void report_free_syms(struct rsym *syms, size_t count);

#endif
