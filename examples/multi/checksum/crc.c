/* SPDX-License-Identifier: MIT */
/* crc.c - slice-by-4 table driven CRCs. */
#include "checksum.h"
#include "crc_tables.h"

static uint32_t crc_slice4(const uint32_t t[4][256], uint32_t crc, const uint8_t *p, size_t len)
{
    crc = ~crc;
    while (len >= 4) {
        crc ^= (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
        crc =
            t[3][crc & 0xff] ^ t[2][(crc >> 8) & 0xff] ^ t[1][(crc >> 16) & 0xff] ^ t[0][crc >> 24];
        p += 4;
        len -= 4;
    }
    while (len--)
        crc = (crc >> 8) ^ t[0][(crc ^ *p++) & 0xff];
    return ~crc;
}

uint32_t crc32_update(uint32_t crc, const void *data, size_t len)
{
    return crc_slice4(crc32_table, crc, data, len);
}

uint32_t crc32c_update(uint32_t crc, const void *data, size_t len)
{
    return crc_slice4(crc32c_table, crc, data, len);
}
