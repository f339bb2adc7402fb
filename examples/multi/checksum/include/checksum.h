/* SPDX-License-Identifier: MIT */
/* checksum.h - checksums over byte buffers (static library). */
#ifndef CHECKSUM_H
#define CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Incremental CRCs: start with 0 and feed the previous result back in. */
uint32_t crc32_update(uint32_t crc, const void *data, size_t len);  /* IEEE */
uint32_t crc32c_update(uint32_t crc, const void *data, size_t len); /* Castagnoli */

/* Adler-32: start with 1. */
uint32_t adler32_update(uint32_t adler, const void *data, size_t len);

/* 64-bit FNV-1a of a whole buffer. */
uint64_t fnv1a64(const void *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif
