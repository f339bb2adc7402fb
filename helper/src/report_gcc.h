/* SPDX-License-Identifier: MIT */
/* Naming the functions of a .gcda: GCC's checksums of names and lines (report_gcc.c). */
#ifndef PGO_HELPER_REPORT_GCC_H
#define PGO_HELPER_REPORT_GCC_H

#include "profile_formats.h"
#include "report_types.h"

#include <stddef.h>
#include <stdint.h>

/* GCC's checksums of function names, for naming the functions of a .gcda. */
uint32_t gcc_crc32_string(uint32_t chksum, const char *s);
/* The profile id GCC gives a public function (its ident in the .gcda). */
uint32_t gcc_profile_id(const char *assembler_name);
/* GCC's lineno_checksum of a function named name declared at line of file. */
uint32_t gcc_lineno_checksum(unsigned line, const char *file, const char *name);

/* Names the functions of one .gcda from the text of its source file (compiled as `file`) and
 * the symbols of its object. Returns how many got a name. */
size_t gcda_name_functions(struct gcda_function *fns, size_t count, const char *file,
                           const char *source_text, size_t source_len, const struct rsym *syms,
                           size_t nsyms);

#endif
