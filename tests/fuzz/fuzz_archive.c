/* SPDX-License-Identifier: MIT */
/* Fuzzes the reading of profile archives (pgo-helper unpack): gzip_decode, then tar_read on
 * its output and tar_member_problem on each member. The input is the .tar.gz itself; the
 * properties are those unpack relies on: a member that passes has a relative name with no
 * ".." component and no control character, and its data lies inside the archive. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "gzip.h"
#include "tar.h"

static void check_members(const unsigned char *tar, size_t n)
{
    struct tar_member *m = NULL;
    size_t count = 0, at = 0;
    const char *why = NULL;

    if (tar_read(tar, n, &m, &count, &at, &why) < 0) {
        FUZZ_ASSERT(why != NULL && m == NULL && count == 0);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        FUZZ_ASSERT(m[i].data >= tar && m[i].size <= n &&
                    m[i].data - tar <= (ptrdiff_t)(n - m[i].size));
        if (tar_member_problem(&m[i]) == NULL) {
            char *path = tar_member_path(&m[i]);

            FUZZ_ASSERT(m[i].type == '0' || m[i].type == '\0' || m[i].type == '5');
            FUZZ_ASSERT(m[i].name[0] != '/');
            FUZZ_ASSERT(strcmp(path, "..") != 0 && strncmp(path, "../", 3) != 0 &&
                        !strstr(path, "/../") &&
                        !(strlen(path) >= 3 && strcmp(path + strlen(path) - 3, "/..") == 0));
            for (const char *c = path; *c; c++)
                FUZZ_ASSERT((unsigned char)*c >= 0x20 && *c != 0x7f);
            free(path);
        }
    }
    tar_release(m, count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *bytes = fuzz_copy(data, size);
    const char *why = NULL;
    struct buf out;

    buf_init(&out);
    if (gzip_decode(bytes, size, 1 << 20, &out, &why) < 0)
        FUZZ_ASSERT(why != NULL && *why != '\0');
    else
        FUZZ_ASSERT(out.len <= 1 << 20);
    /* The tar reader on the decoded data, and on the input itself (uncompressed inputs reach
     * its checks more often). */
    {
        unsigned char *tar = fuzz_copy((const uint8_t *)out.data, out.len);

        check_members(tar, out.len);
        free(tar);
    }
    check_members(bytes, size);
    buf_release(&out);
    free(bytes);
    return 0;
}
