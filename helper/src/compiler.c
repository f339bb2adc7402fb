/* SPDX-License-Identifier: MIT */
/* The --compiler option's value, decided once for the subcommands that take it. */
#define _POSIX_C_SOURCE 200809L
#include "compiler.h"

#include "util.h"

#include <string.h>

int compiler_parse(const char *value, int allow_none, enum compiler *out)
{
    if (strcmp(value, "clang") == 0)
        *out = COMPILER_CLANG;
    else if (strcmp(value, "gcc") == 0)
        *out = COMPILER_GCC;
    else if (allow_none && strcmp(value, "none") == 0)
        *out = COMPILER_NONE;
    else {
        error("--compiler must be %s, not '%s'", allow_none ? "clang, gcc or none" : "clang or gcc",
              value);
        return -1;
    }
    return 0;
}
