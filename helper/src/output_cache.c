/* SPDX-License-Identifier: MIT */
/* The cache file: one header line, then the output itself:
 *   pgo-helper output cache 1 <length> <key>
 * where the key holds a state per file, "<size>.<mtime ns>.<ctime ns>.<inode>:<path>" (stat
 * follows symbolic links: an upgraded compiler behind /usr/bin/clang-19 is another state).
 * The length finds a file cut short. */
#define _POSIX_C_SOURCE 200809L
#include "output_cache.h"

#include "fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "pgo-helper output cache 1 "

char *output_cache_key(char *const *files, size_t n)
{
    struct buf b;

    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        struct stat st;

        if (stat(files[i], &st) != 0) {
            buf_release(&b);
            return NULL;
        }
        buf_addf(&b, " %lld.%lld%09ld.%lld%09ld.%llu:%s", (long long)st.st_size,
                 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_ctim.tv_sec,
                 st.st_ctim.tv_nsec, (unsigned long long)st.st_ino, files[i]);
    }
    buf_adds(&b, "\n");
    return b.data; /* the buffer's own string */
}

int output_cache_get(const char *cache, const char *key, struct buf *out)
{
    struct buf text;
    int hit = 0;

    if (!cache || !key || access(cache, F_OK) != 0)
        return 0;
    buf_init(&text);
    if (read_file(cache, &text) == 0 && text.data &&
        strncmp(text.data, HEADER, strlen(HEADER)) == 0) {
        char *p = text.data + strlen(HEADER), *end;
        unsigned long long len = strtoull(p, &end, 10);
        size_t key_len = strlen(key);

        if (end != p && (size_t)(text.data + text.len - end) >= key_len &&
            memcmp(end, key, key_len) == 0) {
            size_t at = (size_t)(end - text.data) + key_len;

            if (len == text.len - at) {
                buf_add(out, text.data + at, (size_t)len);
                hit = 1;
            }
        }
    }
    buf_release(&text);
    return hit;
}

void output_cache_put(const char *cache, const char *key, const void *data, size_t n)
{
    char *tmp;
    FILE *f;

    if (!cache || !key)
        return;
    tmp = xasprintf("%s.tmp.%ld", cache, (long)getpid());
    if ((f = fopen(tmp, "wb"))) {
        int ok = fprintf(f, HEADER "%zu%s", n, key) > 0 && fwrite(data, 1, n, f) == n;

        if (fclose(f) != 0 || !ok || rename(tmp, cache) != 0)
            unlink(tmp);
    }
    free(tmp);
}
