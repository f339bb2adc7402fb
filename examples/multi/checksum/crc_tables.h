/* SPDX-License-Identifier: MIT */
/* crc_tables.h - tables generated at build time by gen_tables. */
#ifndef CRC_TABLES_H
#define CRC_TABLES_H

#include <stdint.h>

extern const uint32_t crc32_table[4][256];
extern const uint32_t crc32c_table[4][256];

#endif
