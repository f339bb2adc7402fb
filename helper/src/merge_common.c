/* SPDX-License-Identifier: MIT */
/* pgo-helper merge: what the merges of both compilers and of many inputs share, running the
 * merge tool and writing the --stamp file; kept below them so that none calls another's file. */
#define _POSIX_C_SOURCE 200809L
#include "merge_common.h"

#include "fs.h"
#include "profile_formats.h"
#include "subprocess.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void merge_show_command(const struct merge *m, char *const *argv)
{
    struct buf cmd;

    if (!m->verbose)
        return;
    buf_init(&cmd);
    format_command(&cmd, argv);
    note("run: %s", cmd.data);
    buf_release(&cmd);
}

int merge_run_tool(const struct merge *m, char *const *argv, const char *what, struct buf *err)
{
    char how[128];
    int status;

    merge_show_command(m, argv);
    if (run_capture(argv, NULL, err, err, &status) < 0)
        return -1;
    if (status == 0)
        return 0;
    fwrite(err->data, 1, err->len, stderr);
    if (err->len > 0 && err->data[err->len - 1] != '\n')
        fputc('\n', stderr);
    describe_status(status, how, sizeof(how));
    error("'%s' failed (%s)", what, how);
    return -1;
}

int merge_check_profdata(const struct merge *m, int major, const char *path, const struct buf *data)
{
    uint32_t readable = major > 0 ? llvm_tool_indexed_version(major) : 0;
    const char *why = NULL;
    char reason[128];
    uint64_t version;

    if (llvm_indexed_version((const unsigned char *)data->data, data->len, &version, &why) == 0) {
        if (readable == 0 || version <= readable)
            return 0;
        snprintf(reason, sizeof(reason),
                 "format version %" PRIu64 ", newer than LLVM %d's %" PRIu32, version, major,
                 readable);
        why = reason;
    }
    error("'%s merge' exited 0 but wrote no indexed profile to '%s' (%s): '%s' is %s; check the "
          "free space, and that %s is an llvm-profdata",
          m->tool, path, why, m->output,
          access(m->output, F_OK) == 0 ? "left as it was" : "not written", m->tool);
    return -1;
}

int merge_neutral_summary(const char *path, struct buf *data)
{
    size_t fields;

    if (llvm_indexed_summary((const unsigned char *)data->data, data->len, &fields) < 0)
        return 0; /* the summary as llvm-profdata wrote it: every object reads it */
    memset(data->data + fields, 0, 16);
    if (write_file(path, data->data, data->len) < 0) {
        error("cannot write '%s':", path);
        return -1;
    }
    return 0;
}

int merge_write_stamp(const struct merge *m, uint64_t hash)
{
    char text[32];

    if (!m->stamp)
        return 0;
    snprintf(text, sizeof(text), "%016" PRIx64 "\n", hash);
    return write_file_if_changed(m->stamp, text, strlen(text), NULL);
}

int merge_tool_major(const struct merge *m)
{
    char *argv[] = {(char *)m->tool, "merge", "--version", NULL};
    struct buf out;
    int status, major = -1;

    buf_init(&out);
    if (run_capture(argv, NULL, &out, &out, &status) == 0)
        major = llvm_version_major(out.data);
    buf_release(&out);
    return major;
}
