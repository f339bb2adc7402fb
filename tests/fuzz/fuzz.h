/* SPDX-License-Identifier: MIT */
/* Shared by the fuzz targets: copies of the input that end exactly where the input ends (so
 * AddressSanitizer sees any read past it), with or without a terminating NUL. */
#ifndef PGO_FUZZ_H
#define PGO_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A heap copy of data of exactly n bytes; free() it. */
static inline unsigned char *fuzz_copy(const uint8_t *data, size_t n)
{
    unsigned char *p = malloc(n ? n : 1);

    if (!p)
        abort();
    if (n)
        memcpy(p, data, n);
    return p;
}

/* A heap copy with a NUL after n bytes (the input may hold NULs too); free() it. */
static inline char *fuzz_string(const uint8_t *data, size_t n)
{
    char *p = malloc(n + 1);

    if (!p)
        abort();
    if (n)
        memcpy(p, data, n);
    p[n] = '\0';
    return p;
}

/* A failed property: print it and abort, which libFuzzer reports as a crash. */
#define FUZZ_ASSERT(cond)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond);            \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
