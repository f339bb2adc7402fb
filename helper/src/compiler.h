/* SPDX-License-Identifier: MIT */
/* The compilers whose profiles the helper handles, as --compiler names them. */
#ifndef PGO_HELPER_COMPILER_H
#define PGO_HELPER_COMPILER_H

/* COMPILER_NONE: no compiler's profile; the programs write their own (pgo-helper bolt's
 * training). Only pgo-helper train takes it. */
enum compiler { COMPILER_GCC, COMPILER_CLANG, COMPILER_NONE };

/* Parses a --compiler value: "clang", "gcc", and "none" if ALLOW_NONE. Returns 0, or -1 after
 * printing "--compiler must be ..., not 'VALUE'". */
int compiler_parse(const char *value, int allow_none, enum compiler *out);

#endif
