/* SPDX-License-Identifier: MIT */
/* pgo-helper merge: what the merges of both compilers and of many inputs share, running the
 * merge tool and writing the --stamp file; kept below them so that none calls another's file. */
#define _POSIX_C_SOURCE 200809L
#include "merge_common.h"

#include "cleanup.h"
#include "fs.h"
#include "profile_formats.h"
#include "subprocess.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
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

static uint64_t le64(const char *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = v << 8 | (unsigned char)p[i];
    return v;
}

/* How far the summary at NEW moved from the one at OLD (both of NENTRIES entries): the
 * largest relative change of its largest counts, its total, and each entry's smallest count
 * and number of counts (the thresholds come from those); -1 if the entries' cutoffs differ. */
static double summary_moved(const char *old, const char *new, uint64_t nentries)
{
    double moved = 0;

    for (uint64_t i = 2; i < 6 + 3 * nentries; i++) {
        uint64_t a = le64(old + i * 8), b = le64(new + i * 8);
        double d;

        if (i >= 6 && (i - 6) % 3 == 0) {
            if (a != b)
                return -1; /* another cutoff */
            continue;
        }
        d = (double)(a > b ? a - b : b - a) / (double)(a > 0 ? a : 1);
        if (d > moved)
            moved = d;
    }
    return moved;
}

int merge_tolerate_summary(const struct merge *m, const char *path, struct buf *data)
{
    char *result = xasprintf("%s.tolerance", m->output);
    struct buf old;
    size_t fo, fn;
    double moved = TOLERANCE_NO_EARLIER;
    int kept = 0, rc = 0;

    buf_init(&old);
    if (m->summary_tolerance <= 0) {
        if (unlink(result) < 0 && errno != ENOENT)
            warn("cannot remove '%s':", result);
        goto done;
    }
    if (access(m->output, F_OK) == 0 && read_file(m->output, &old) == 0 &&
        llvm_indexed_summary((const unsigned char *)old.data, old.len, &fo) == 0 &&
        llvm_indexed_summary((const unsigned char *)data->data, data->len, &fn) == 0) {
        uint64_t nentries = le64(old.data + fo - 8);

        moved = nentries == le64(data->data + fn - 8)
                    ? summary_moved(old.data + fo, data->data + fn, nentries)
                    : -1;
        if (moved < 0)
            moved = TOLERANCE_OTHER_CUTOFFS;
        if (moved >= 0 && moved <= m->summary_tolerance) {
            memcpy(data->data + fn, old.data + fo, (6 + 3 * nentries) * 8);
            kept = 1;
            if (write_file(path, data->data, data->len) < 0) {
                error("cannot write '%s':", path);
                rc = -1;
                goto done;
            }
        }
    }
    rc = merge_tolerance_result(m, kept, moved);
done:
    buf_release(&old);
    free(result);
    return rc;
}

char *merge_temp_dir(const struct merge *m, const char *kind)
{
    char *dir = xasprintf("%s.%s.XXXXXX", m->output, kind);

    if (!mkdtemp(dir)) {
        error("create directory '%s':", dir);
        free(dir);
        return NULL;
    }
    cleanup_add(dir);
    return dir;
}

int merge_tolerance_result(const struct merge *m, int kept, double moved)
{
    char *result = xasprintf("%s.tolerance", m->output);
    char text[96];
    int rc;

    snprintf(text, sizeof(text), "kept=%d moved=%.6f tolerance=%.6f\n", kept, moved,
             m->summary_tolerance);
    rc = write_file_atomic(result, text, strlen(text));
    free(result);
    return rc;
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
