/* SPDX-License-Identifier: MIT */
/* The cache file: one header line, then the output itself:
 *   pgo-helper output cache 1 <length> <state of tool> <state of input>
 * where a state is "<size>.<mtime ns>.<ctime ns>.<inode>:<path>" (stat follows symbolic
 * links: an upgraded compiler behind /usr/bin/clang-19 is another state). The length finds
 * a file cut short. */
#define _POSIX_C_SOURCE 200809L
#include "output_cache.h"

#include "fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEADER "pgo-helper output cache 1 "

/* Appends the state of path to b; returns -1 when it cannot be read. */
static int add_state(struct buf *b, const char *path)
{
    struct stat st;

    if (!path) {
        buf_adds(b, " -");
        return 0;
    }
    if (stat(path, &st) != 0)
        return -1;
    buf_addf(b, " %lld.%lld%09ld.%lld%09ld.%llu:%s", (long long)st.st_size,
             (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_ctim.tv_sec,
             st.st_ctim.tv_nsec, (unsigned long long)st.st_ino, path);
    return 0;
}

/* The header's part after the length: the two states, newline-terminated. */
static int states(struct buf *b, const char *tool, const char *input)
{
    if (add_state(b, tool) < 0 || add_state(b, input) < 0)
        return -1;
    buf_adds(b, "\n");
    return 0;
}

int output_cache_get(const char *cache, const char *tool, const char *input, struct buf *out)
{
    struct buf want, text;
    int hit = 0;

    buf_init(&want);
    buf_init(&text);
    if (!cache || access(cache, F_OK) != 0 || states(&want, tool, input) < 0 ||
        read_file(cache, &text) < 0 || !text.data)
        goto done;
    if (strncmp(text.data, HEADER, strlen(HEADER)) == 0) {
        char *p = text.data + strlen(HEADER), *end;
        unsigned long long len = strtoull(p, &end, 10);

        if (end != p && strncmp(end, want.data, want.len) == 0) {
            size_t at = (size_t)(end - text.data) + want.len;

            if (len == text.len - at) {
                buf_add(out, text.data + at, (size_t)len);
                hit = 1;
            }
        }
    }
done:
    buf_release(&text);
    buf_release(&want);
    return hit;
}

void output_cache_put(const char *cache, const char *tool, const char *input, const void *data,
                      size_t n)
{
    struct buf b;
    char *tmp;

    if (!cache)
        return;
    buf_init(&b);
    buf_addf(&b, HEADER "%zu", n);
    if (states(&b, tool, input) == 0) {
        buf_add(&b, data, n);
        FILE *f;

        tmp = xasprintf("%s.tmp.%ld", cache, (long)getpid());
        if ((f = fopen(tmp, "wb"))) {
            int ok = fwrite(b.data, 1, b.len, f) == b.len;

            if (fclose(f) != 0 || !ok || rename(tmp, cache) != 0)
                unlink(tmp);
        }
        free(tmp);
    }
    buf_release(&b);
}
