/* SPDX-License-Identifier: MIT */
/* gzip (RFC 1952) and its deflate data (RFC 1951), decoded for the profile archives handed to
 * the helper (pgo-helper unpack). Pure: no files, no messages, so that a fuzzer can run it. */
#ifndef PGO_HELPER_GZIP_H
#define PGO_HELPER_GZIP_H

#include "util.h"

#include <stddef.h>

/* Appends to OUT the data of the gzip members of IN (N bytes; zero bytes may follow the last
 * member), checking each member's CRC-32 and length. Stops with an error past LIMIT bytes of
 * output. Returns 0, or -1 with a static reason in *why. */
int gzip_decode(const unsigned char *in, size_t n, size_t limit, struct buf *out, const char **why);

/* The CRC-32 of gzip and zip (the reflected polynomial 0xedb88320) of N bytes, continuing from
 * CRC (0 for the first part). */
uint32_t gzip_crc32(uint32_t crc, const unsigned char *data, size_t n);

#endif
