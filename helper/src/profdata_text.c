/* SPDX-License-Identifier: MIT */
/* The text form of a Clang profile, from llvm-profdata: what the summary counts and the
 * report reads. */
#define _POSIX_C_SOURCE 200809L
#include "profdata_text.h"

#include "subprocess.h"

#include <stdio.h>

int profdata_text(const char *tool, const char *profile, struct buf *out)
{
    char *argv[] = {(char *)tool, "merge", "--text", "--output=-", (char *)profile, NULL};
    struct buf err;
    int status, rc = -1;
    char how[128];

    buf_init(&err);
    if (run_capture(argv, NULL, out, &err, &status) < 0)
        goto done;
    if (status != 0) {
        fwrite(err.data, 1, err.len, stderr);
        describe_status(status, how, sizeof(how));
        error("'%s merge --text %s' failed (%s)", tool, profile, how);
        goto done;
    }
    rc = 0;
done:
    buf_release(&err);
    return rc;
}
