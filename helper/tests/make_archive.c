/* SPDX-License-Identifier: MIT */
/* Writes a .tar.gz with any members, hostile ones included, for the helper's and the module's
 * cases that hand the toolkit an archive from elsewhere (no tar or Python on the test machine):
 *
 *   make_archive OUT.tar.gz SPEC...
 *
 * SPEC is f:NAME (a file holding "x\n"; NAME may hold '='), F:NAME=FILE (a file with FILE's
 * bytes), d:NAME (a folder), l:NAME=TARGET (a symbolic link), h:NAME=TARGET (a hard link) or
 * c:NAME (a character device). Names go into the archive as given: absolute, with "..",
 * anything. The gzip data is stored, not compressed (deflate's stored blocks), which every
 * gzip reader reads. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct out {
    unsigned char *data;
    size_t len, cap;
};

static void add(struct out *o, const void *p, size_t n)
{
    if (o->len + n > o->cap) {
        o->cap = (o->len + n) * 2;
        o->data = realloc(o->data, o->cap);
        if (!o->data) {
            perror("make_archive");
            exit(1);
        }
    }
    memcpy(o->data + o->len, p, n);
    o->len += n;
}

static uint32_t crc32(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = crc & 1 ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
    }
    return ~crc;
}

/* A ustar header; a name longer than 100 bytes gets a GNU long-name member first. */
static void header(struct out *tar, const char *name, char type, const char *link, size_t size)
{
    unsigned char h[512];
    unsigned sum = 0;

    if (strlen(name) > 100) {
        size_t n = strlen(name) + 1;
        unsigned char pad[512] = {0};

        header(tar, "././@LongLink", 'L', "", n);
        add(tar, name, n);
        add(tar, pad, (512 - n % 512) % 512);
    }
    memset(h, 0, sizeof(h));
    memcpy(h, name, strlen(name) > 100 ? 100 : strlen(name));
    snprintf((char *)h + 100, 8, "%07o", type == '5' ? 0755 : 0644);
    snprintf((char *)h + 108, 8, "%07o", 0);
    snprintf((char *)h + 116, 8, "%07o", 0);
    snprintf((char *)h + 124, 12, "%011zo", size);
    snprintf((char *)h + 136, 12, "%011o", 0);
    memset(h + 148, ' ', 8);
    h[156] = (unsigned char)type;
    memcpy(h + 157, link, strlen(link) > 100 ? 100 : strlen(link));
    memcpy(h + 257,
           "ustar\0"
           "00",
           8);
    for (size_t i = 0; i < sizeof(h); i++)
        sum += h[i];
    snprintf((char *)h + 148, 8, "%06o", sum);
    add(tar, h, sizeof(h));
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data = NULL;
    size_t cap = 0;

    *n = 0;
    if (!f) {
        perror(path);
        exit(1);
    }
    for (;;) {
        size_t got;

        data = realloc(data, cap += 65536);
        if (!data)
            exit(1);
        got = fread(data + *n, 1, cap - *n, f);
        *n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    return data;
}

int main(int argc, char **argv)
{
    struct out tar = {0}, gz = {0};
    unsigned char zero[1024] = {0};
    FILE *f;

    if (argc < 3) {
        fprintf(stderr, "usage: make_archive OUT.tar.gz f:NAME|F:NAME=FILE|d:NAME|l:NAME=TARGET|"
                        "h:NAME=TARGET|c:NAME...\n");
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        char *spec = strdup(argv[i]), *name = spec + 2, *eq = strchr(name, '=');
        char kind = spec[0];

        if (strlen(spec) < 3 || spec[1] != ':' || !strchr("fFdlhc", kind)) {
            fprintf(stderr, "make_archive: bad member '%s'\n", argv[i]);
            return 2;
        }
        if (kind == 'f')
            eq = NULL;
        else if (eq)
            *eq++ = '\0';
        if (kind == 'f' || kind == 'F') {
            size_t n = 2;
            unsigned char *data = eq ? slurp(eq, &n) : (unsigned char *)strdup("x\n");

            header(&tar, name, '0', "", n);
            add(&tar, data, n);
            add(&tar, zero, (512 - n % 512) % 512);
            free(data);
        } else {
            char type = kind == 'd' ? '5' : kind == 'l' ? '2' : kind == 'h' ? '1' : '3';

            header(&tar, name, type, eq ? eq : "", 0);
        }
        free(spec);
    }
    add(&tar, zero, sizeof(zero));

    /* gzip: header, stored blocks of at most 65535 bytes, CRC-32 and length. */
    add(&gz, "\x1f\x8b\x08\0\0\0\0\0\0\x03", 10);
    for (size_t pos = 0, n; pos < tar.len; pos += n) {
        n = tar.len - pos > 65535 ? 65535 : tar.len - pos;
        {
            unsigned char b[5] = {pos + n == tar.len, (unsigned char)n, (unsigned char)(n >> 8),
                                  (unsigned char)~n, (unsigned char)(~n >> 8)};

            add(&gz, b, 5);
            add(&gz, tar.data + pos, n);
        }
    }
    {
        uint32_t crc = crc32(0, tar.data, tar.len), len = (uint32_t)tar.len;
        unsigned char t[8] = {(unsigned char)crc,         (unsigned char)(crc >> 8),
                              (unsigned char)(crc >> 16), (unsigned char)(crc >> 24),
                              (unsigned char)len,         (unsigned char)(len >> 8),
                              (unsigned char)(len >> 16), (unsigned char)(len >> 24)};

        add(&gz, t, 8);
    }
    f = fopen(argv[1], "wb");
    if (!f || fwrite(gz.data, 1, gz.len, f) != gz.len || fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    free(tar.data);
    free(gz.data);
    return 0;
}
