/* SPDX-License-Identifier: MIT */
/* hash.c - Adler-32 and FNV-1a. */
#include "checksum.h"

#define ADLER_MOD 65521u
#define ADLER_NMAX 5552 /* largest n with 255n(n+1)/2 + (n+1)(MOD-1) < 2^32 */

uint32_t adler32_update(uint32_t adler, const void *data, size_t len)
{
    const uint8_t *p = data;
    uint32_t a = adler & 0xffff, b = adler >> 16;
    while (len > 0) {
        size_t n = len < ADLER_NMAX ? len : ADLER_NMAX;
        len -= n;
        while (n--) {
            a += *p++;
            b += a;
        }
        a %= ADLER_MOD;
        b %= ADLER_MOD;
    }
    return b << 16 | a;
}

uint64_t fnv1a64(const void *data, size_t len)
{
    const uint8_t *p = data;
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}
