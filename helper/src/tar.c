/* SPDX-License-Identifier: MIT */
/* Reading tar archives from memory. An archive from another machine is untrusted: every
 * header is checked (checksum, numbers, sizes within the data) before it is believed, and
 * tar_member_problem() says which members may be unpacked at all. */
#define _POSIX_C_SOURCE 200809L
#include "tar.h"

#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 512
#define MAX_MEMBERS (1u << 20)
#define MAX_NAME 4096 /* PATH_MAX on Linux */
#define MAX_COMPONENT 255

/* A number field of a header: octal digits, ended by NUL or space (leading spaces allowed), or
 * GNU's base-256 (the first byte 0x80, then big-endian). Returns 0, or -1. */
static int number(const unsigned char *f, size_t len, uint64_t *out)
{
    uint64_t v = 0;
    size_t i = 0;

    if (f[0] == 0x80) {
        for (i = 1; i < len; i++) {
            if (v >> 56)
                return -1;
            v = v << 8 | f[i];
        }
        *out = v;
        return 0;
    }
    while (i < len && f[i] == ' ')
        i++;
    for (; i < len && f[i] >= '0' && f[i] <= '7'; i++)
        v = v << 3 | (uint64_t)(f[i] - '0');
    if (i < len && f[i] != '\0' && f[i] != ' ')
        return -1;
    *out = v;
    return 0;
}

static int zero_block(const unsigned char *b)
{
    for (size_t i = 0; i < BLOCK; i++)
        if (b[i])
            return 0;
    return 1;
}

/* Whether the header's checksum matches, summed as unsigned or (old tars) signed bytes with
 * the checksum field taken as spaces. */
static int checksum_ok(const unsigned char *h)
{
    uint64_t stored;
    uint64_t usum = 0;
    int64_t ssum = 0;

    if (number(h + 148, 8, &stored) < 0)
        return 0;
    for (size_t i = 0; i < BLOCK; i++) {
        unsigned char c = i >= 148 && i < 156 ? ' ' : h[i];

        usum += c;
        ssum += (signed char)c;
    }
    return stored == usum || (int64_t)stored == ssum;
}

/* Applies the records of a pax extended header ("LEN key=value\n") that matter here: the
 * next member's path and size. Returns 0, or -1. */
static int pax_records(const unsigned char *p, size_t n, char **path, uint64_t *size, int *has_size)
{
    while (n > 0) {
        size_t len = 0, i = 0;
        const unsigned char *key, *eq, *end;

        while (i < n && p[i] >= '0' && p[i] <= '9') {
            if (len > n)
                return -1;
            len = len * 10 + (size_t)(p[i] - '0');
            i++;
        }
        if (i == 0 || i >= n || p[i] != ' ' || len <= i + 1 || len > n || p[len - 1] != '\n')
            return -1;
        key = p + i + 1;
        end = p + len - 1;
        eq = memchr(key, '=', (size_t)(end - key));
        if (!eq)
            return -1;
        if ((size_t)(eq - key) == 4 && memcmp(key, "path", 4) == 0) {
            size_t vlen = (size_t)(end - eq - 1);

            if (memchr(eq + 1, '\0', vlen))
                return -1;
            free(*path);
            *path = xstrndup((const char *)eq + 1, vlen);
        } else if ((size_t)(eq - key) == 4 && memcmp(key, "size", 4) == 0) {
            uint64_t v = 0;

            if (eq + 1 == end)
                return -1;
            for (const unsigned char *c = eq + 1; c < end; c++) {
                if (*c < '0' || *c > '9' || v > UINT64_MAX / 10)
                    return -1;
                v = v * 10 + (uint64_t)(*c - '0');
            }
            *size = v;
            *has_size = 1;
        }
        p += len;
        n -= len;
    }
    return 0;
}

int tar_read(const unsigned char *data, size_t n, struct tar_member **members, size_t *count,
             size_t *at, const char **why)
{
    struct tar_member *v = NULL;
    size_t nv = 0, cap = 0, pos = 0, headers = 0;
    char *long_name = NULL;
    uint64_t pax_size = 0;
    int has_pax_size = 0;

    *at = 0;
    *why = NULL;
    while (pos < n) {
        const unsigned char *h = data + pos;
        uint64_t size;
        size_t padded;
        char type;

        if (n - pos < BLOCK) {
            for (size_t i = pos; i < n; i++)
                if (data[i]) {
                    *why = "the archive ends inside a header (truncated)";
                    goto fail;
                }
            break;
        }
        if (zero_block(h))
            break; /* the end of the archive */
        headers++;
        if (memcmp(h + 257, "ustar", 5) != 0) {
            *why = "a header that is neither POSIX ustar nor GNU tar";
            goto fail_at;
        }
        if (!checksum_ok(h)) {
            *why = "a header whose checksum does not match (corrupt)";
            goto fail_at;
        }
        if (number(h + 124, 12, &size) < 0) {
            *why = "a header with an unreadable size";
            goto fail_at;
        }
        type = (char)h[156];
        if (has_pax_size && type != 'x' && type != 'L' && type != 'K') {
            size = pax_size;
            has_pax_size = 0;
        }
        if (size > n - pos - BLOCK) {
            *why = "a member whose size runs past the end of the archive (truncated)";
            goto fail_at;
        }
        padded = ((size_t)size + BLOCK - 1) / BLOCK * BLOCK;
        if (padded > n - pos - BLOCK)
            padded = n - pos - BLOCK; /* the last member's padding may be cut */
        if (type == 'x') {
            if (pax_records(h + BLOCK, (size_t)size, &long_name, &pax_size, &has_pax_size) < 0) {
                *why = "a pax extended header that cannot be read";
                goto fail_at;
            }
        } else if (type == 'L') {
            free(long_name);
            long_name = xstrndup((const char *)h + BLOCK, (size_t)size);
        } else if (type != 'g' && type != 'K') {
            struct tar_member *m;

            if (nv == MAX_MEMBERS) {
                *why = "more than a million members";
                goto fail_at;
            }
            if (nv == cap) {
                cap = cap ? 2 * cap : 16;
                v = xrealloc(v, cap * sizeof(*v));
            }
            m = &v[nv++];
            if (long_name) {
                m->name = long_name;
                long_name = NULL;
            } else if (h[262] == '\0' && h[345] != '\0') {
                /* POSIX ustar: prefix "/" name (GNU tar keeps other fields there). */
                m->name = xasprintf("%.155s/%.100s", (const char *)h + 345, (const char *)h);
            } else {
                m->name = xstrndup((const char *)h, 100);
            }
            m->type = type;
            m->data = h + BLOCK;
            m->size = (size_t)size;
        }
        pos += BLOCK + padded;
    }
    free(long_name);
    *members = v;
    *count = nv;
    return 0;
fail_at:
    *at = headers;
fail:
    free(long_name);
    tar_release(v, nv);
    *members = NULL;
    *count = 0;
    return -1;
}

void tar_release(struct tar_member *members, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(members[i].name);
    free(members);
}

const char *tar_member_problem(const struct tar_member *m)
{
    const char *name = m->name, *c;
    size_t len = strlen(name);

    switch (m->type) {
    case '0':
    case '\0':
    case '5':
        break;
    case '1':
        return "is a hard link (only files and folders are unpacked)";
    case '2':
        return "is a symbolic link (only files and folders are unpacked)";
    case '3':
        return "is a character device (only files and folders are unpacked)";
    case '4':
        return "is a block device (only files and folders are unpacked)";
    case '6':
        return "is a FIFO (only files and folders are unpacked)";
    default:
        return "is of another kind than file or folder (only those are unpacked)";
    }
    if (len == 0)
        return "has an empty name";
    if (name[0] == '/')
        return "has an absolute path, which would be written outside the folder";
    if (len > MAX_NAME)
        return "has a name longer than 4096 bytes";
    for (c = name; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            return "has a control character in its name";
    if (m->type != '5' && name[len - 1] == '/')
        return "is a file whose name ends in '/'";
    for (c = name; *c;) {
        size_t n = strcspn(c, "/");

        if (n == 2 && c[0] == '.' && c[1] == '.')
            return "has a '..' component, which would lead outside the folder";
        if (n > MAX_COMPONENT)
            return "has a path component longer than 255 bytes";
        c += n;
        c += *c == '/';
    }
    if (m->type != '5') {
        char *path = tar_member_path(m);
        int empty = *path == '\0';

        free(path);
        if (empty)
            return "is a file whose name names the folder itself";
    }
    return NULL;
}

char *tar_member_path(const struct tar_member *m)
{
    struct buf b;
    char *out;

    buf_init(&b);
    for (const char *c = m->name; *c;) {
        size_t n = strcspn(c, "/");

        if (n > 0 && !(n == 1 && c[0] == '.')) {
            if (b.len)
                buf_adds(&b, "/");
            buf_add(&b, c, n);
        }
        c += n;
        c += *c == '/';
    }
    out = xstrdup(b.data ? b.data : "");
    buf_release(&b);
    return out;
}
