/* SPDX-License-Identifier: MIT */
/* The text form of a Clang profile, from llvm-profdata: what the summary counts and the
 * report reads. */
#define _POSIX_C_SOURCE 200809L
#include "profdata_text.h"

#include "fs.h"
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

int profdata_text_dir(const char *tool, const char *dir, struct buf *out)
{
    struct strvec files, argv;
    int status, rc = -1;

    strvec_init(&files);
    strvec_init(&argv);
    if (find_files(dir, ".profraw", &files) < 0)
        goto done;
    rc = 0;
    if (files.n == 0)
        goto done;
    strvec_push(&argv, tool);
    strvec_push(&argv, "merge");
    strvec_push(&argv, "--text");
    strvec_push(&argv, "--output=-");
    for (size_t i = 0; i < files.n; i++)
        strvec_push(&argv, files.v[i]);
    if (run_capture(argv.v, NULL, out, NULL, &status) < 0 || status != 0) {
        error("'%s merge --text' of the raw profiles in %s failed", tool, dir);
        rc = -1;
    }
done:
    strvec_release(&argv);
    strvec_release(&files);
    return rc;
}
