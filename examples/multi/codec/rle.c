/* SPDX-License-Identifier: MIT */
/* rle.c - run-length coding.
 *
 * Control byte c < 128: copy the next c + 1 bytes literally.
 * Control byte c >= 128: repeat the next byte c - 125 times (3..130). */
#include "codec.h"

size_t codec_rle_encode(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n) {
        size_t run = 1;
        while (i + run < n && run < 130 && in[i + run] == in[i])
            run++;
        if (run >= 3) {
            if (o + 2 > cap)
                return CODEC_ERROR;
            out[o++] = (uint8_t)(run + 125);
            out[o++] = in[i];
            i += run;
            continue;
        }
        /* collect literals up to the next run of three */
        size_t start = i, lits = 0;
        while (i < n && lits < 128) {
            if (i + 2 < n && in[i] == in[i + 1] && in[i] == in[i + 2])
                break;
            i++;
            lits++;
        }
        if (o + 1 + lits > cap)
            return CODEC_ERROR;
        out[o++] = (uint8_t)(lits - 1);
        for (size_t k = 0; k < lits; k++)
            out[o++] = in[start + k];
    }
    return o;
}

size_t codec_rle_decode(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n) {
        uint8_t c = in[i++];
        if (c < 128) {
            size_t lits = (size_t)c + 1;
            if (i + lits > n || o + lits > cap)
                return CODEC_ERROR;
            for (size_t k = 0; k < lits; k++)
                out[o++] = in[i++];
        } else {
            size_t run = (size_t)c - 125;
            if (i >= n || o + run > cap)
                return CODEC_ERROR;
            uint8_t b = in[i++];
            for (size_t k = 0; k < run; k++)
                out[o++] = b;
        }
    }
    return o;
}
