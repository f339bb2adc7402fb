/* SPDX-License-Identifier: MIT */
/* codec.h - byte codecs and checksummed frames (shared library). */
#ifndef CODEC_H
#define CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "codec_export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* All functions write at most `cap` bytes to `out` and return the number of
 * bytes written, or (size_t)-1 if the output does not fit or the input is
 * malformed. */
#define CODEC_ERROR ((size_t)-1)

/* Run-length encoding: literal runs and repeats, worst case n + n/128 + 1. */
CODEC_EXPORT size_t codec_rle_encode(const uint8_t *in, size_t n, uint8_t *out, size_t cap);
CODEC_EXPORT size_t codec_rle_decode(const uint8_t *in, size_t n, uint8_t *out, size_t cap);

/* Standard base64 with padding; encoding needs 4 * ((n + 2) / 3) bytes. */
CODEC_EXPORT size_t codec_base64_encode(const uint8_t *in, size_t n, char *out, size_t cap);
CODEC_EXPORT size_t codec_base64_decode(const char *in, size_t n, uint8_t *out, size_t cap);

/* Frame = 4-byte length, RLE payload, CRC-32C of the original data. */
CODEC_EXPORT size_t codec_frame(const uint8_t *in, size_t n, uint8_t *out, size_t cap);
CODEC_EXPORT size_t codec_unframe(const uint8_t *in, size_t n, uint8_t *out, size_t cap);

CODEC_EXPORT const char *codec_version(void);

#ifdef __cplusplus
}
#endif

#endif
