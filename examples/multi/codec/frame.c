/* SPDX-License-Identifier: MIT */
/* frame.c - length-prefixed, checksummed RLE frames. */
#include "checksum.h"
#include "codec.h"

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

size_t codec_frame(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
    if (cap < 8 || n > 0xffffffffu)
        return CODEC_ERROR;
    size_t body = codec_rle_encode(in, n, out + 4, cap - 8);
    if (body == CODEC_ERROR)
        return CODEC_ERROR;
    put32(out, (uint32_t)n);
    put32(out + 4 + body, crc32c_update(0, in, n));
    return body + 8;
}

size_t codec_unframe(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
    if (n < 8)
        return CODEC_ERROR;
    size_t len = get32(in);
    if (len > cap)
        return CODEC_ERROR;
    size_t got = codec_rle_decode(in + 4, n - 8, out, len);
    if (got != len || crc32c_update(0, out, len) != get32(in + n - 4))
        return CODEC_ERROR;
    return len;
}

const char *codec_version(void)
{
    return CODEC_VERSION_STRING;
}
