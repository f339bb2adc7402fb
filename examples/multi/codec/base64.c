/* SPDX-License-Identifier: MIT */
/* base64.c - RFC 4648 base64 with padding. */
#include "codec.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t codec_base64_encode(const uint8_t *in, size_t n, char *out, size_t cap)
{
    size_t need = 4 * ((n + 2) / 3);
    if (need > cap)
        return CODEC_ERROR;
    size_t o = 0, i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = alphabet[v >> 18];
        out[o++] = alphabet[(v >> 12) & 63];
        out[o++] = alphabet[(v >> 6) & 63];
        out[o++] = alphabet[v & 63];
    }
    if (i < n) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
        out[o++] = alphabet[v >> 18];
        out[o++] = alphabet[(v >> 12) & 63];
        out[o++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
        out[o++] = '=';
    }
    return o;
}

static int sextet(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

size_t codec_base64_decode(const char *in, size_t n, uint8_t *out, size_t cap)
{
    if (n % 4 != 0)
        return CODEC_ERROR;
    size_t o = 0;
    for (size_t i = 0; i < n; i += 4) {
        int pad = (in[i + 3] == '=') + (in[i + 2] == '=');
        if (pad && i + 4 != n)
            return CODEC_ERROR;
        int a = sextet(in[i]), b = sextet(in[i + 1]);
        int c = pad >= 2 ? 0 : sextet(in[i + 2]);
        int d = pad >= 1 ? 0 : sextet(in[i + 3]);
        if (a < 0 || b < 0 || c < 0 || d < 0)
            return CODEC_ERROR;
        uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)d;
        size_t bytes = 3 - (size_t)pad;
        if (o + bytes > cap)
            return CODEC_ERROR;
        out[o++] = (uint8_t)(v >> 16);
        if (bytes > 1)
            out[o++] = (uint8_t)(v >> 8);
        if (bytes > 2)
            out[o++] = (uint8_t)v;
    }
    return o;
}
