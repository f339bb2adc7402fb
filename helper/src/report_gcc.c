/* SPDX-License-Identifier: MIT */
/* Naming the functions of a GCC .gcda file, which knows them only by numbers. GCC 12 writes
 * for each function an ident and a lineno_checksum (gcc/coverage.cc):
 *   ident           = crc32(0, assembler name) & 0x7fffffff for a public function
 *                     (coverage_compute_profile_id); a hash with more inputs for a static one
 *   lineno_checksum = crc32(crc32(line, file), assembler name), line and file being where the
 *                     function is declared, file as written on the compile line
 * with GCC's crc32_string (MSB-first CRC-32, polynomial 0x04c11db7, no final xor, the
 * terminating NUL included). So a public function is named by hashing the object's symbols,
 * and any function declared in the source file itself by hashing, line by line, the
 * identifiers on the line. Functions declared in headers stay unnamed. */
#define _POSIX_C_SOURCE 200809L
#include "report_gcc.h"

#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[256];
static int crc_table_ready;

static void make_crc_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i << 24;

        for (int k = 0; k < 8; k++)
            c = (c & 0x80000000u) ? (c << 1) ^ 0x04c11db7u : c << 1;
        crc_table[i] = c;
    }
    crc_table_ready = 1;
}

static uint32_t crc_bytes(uint32_t chksum, const char *s, size_t n)
{
    if (!crc_table_ready)
        make_crc_table();
    for (size_t i = 0; i < n; i++)
        chksum = (chksum << 8) ^ crc_table[((chksum >> 24) ^ (unsigned char)s[i]) & 0xff];
    return chksum;
}

uint32_t gcc_crc32_string(uint32_t chksum, const char *s)
{
    return crc_bytes(chksum, s, strlen(s) + 1);
}

uint32_t gcc_profile_id(const char *assembler_name)
{
    uint32_t id = gcc_crc32_string(0, assembler_name) & 0x7fffffffu;

    return id + (id == 0);
}

uint32_t gcc_lineno_checksum(unsigned line, const char *file, const char *name)
{
    return gcc_crc32_string(gcc_crc32_string(line, file), name);
}

static int is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_ident_char(char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

/* Names every unnamed function whose checksums fit name declared at line (0: any line). */
static size_t try_name(struct gcda_function *fns, size_t count, const char *name, uint32_t id,
                       uint32_t lineno_checksum, int by_line)
{
    size_t named = 0;

    for (size_t i = 0; i < count; i++) {
        if (fns[i].name)
            continue;
        if (by_line ? fns[i].lineno_checksum == lineno_checksum : fns[i].ident == id) {
            fns[i].name = xstrdup(name);
            named++;
        }
    }
    return named;
}

size_t gcda_name_functions(struct gcda_function *fns, size_t count, const char *file,
                           const char *text, size_t len, const struct rsym *syms, size_t nsyms)
{
    size_t named = 0, mangled_locals = 0;
    unsigned line = 1;
    char word[256];

    for (size_t i = 0; i < nsyms && named < count; i++) {
        if (syms[i].global)
            named += try_name(fns, count, syms[i].name, gcc_profile_id(syms[i].name), 0, 0);
        else if (starts_with(syms[i].name, "_Z"))
            mangled_locals++;
    }
    for (size_t pos = 0; pos < len && named < count; line++) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        uint32_t base = gcc_crc32_string(line, file);

        for (size_t k = pos; k < end && named < count;) {
            size_t start = k, n;

            if (!is_ident_start(text[k]) || (k > pos && is_ident_char(text[k - 1]))) {
                k++;
                continue;
            }
            while (k < end && is_ident_char(text[k]))
                k++;
            n = k - start;
            if (n >= sizeof(word))
                continue;
            memcpy(word, text + start, n);
            word[n] = '\0';
            named += try_name(fns, count, word, 0, crc_bytes(base, word, n + 1), 1);
            named += try_name(fns, count, word, gcc_profile_id(word), 0, 0);
        }
        /* C++: the assembler name of a static function is mangled; try the object's. */
        for (size_t i = 0; mangled_locals && i < nsyms && named < count; i++) {
            if (!syms[i].global && starts_with(syms[i].name, "_Z")) {
                size_t n = strcspn(syms[i].name, ".");

                if (n < sizeof(word)) {
                    memcpy(word, syms[i].name, n);
                    word[n] = '\0';
                    named += try_name(fns, count, word, 0, crc_bytes(base, word, n + 1), 1);
                }
            }
        }
        pos = end + 1;
    }
    return named;
}
