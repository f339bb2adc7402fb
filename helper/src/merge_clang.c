/* SPDX-License-Identifier: MIT */
/* pgo-helper merge --compiler clang: merges the raw profiles below RAW with llvm-profdata,
 * after checking that their format versions agree with each other and with the tool. The
 * merged file is replaced only when its bytes change, since the optimized build depends on
 * its modification time. */
#define _POSIX_C_SOURCE 200809L
#include "merge_clang.h"

#include "cleanup.h"
#include "fs.h"
#include "profile_formats.h"
#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char hint[] = "merge with the llvm-profdata of the compiler that built the "
                           "instrumented tree (<compiler> -print-prog-name=llvm-profdata)";

/* Reads up to n bytes from the start of a file; returns the count or -1. */
static ssize_t read_head(const char *path, unsigned char *head, size_t n)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t got = 0;

    if (fd < 0) {
        error("open '%s':", path);
        return -1;
    }
    while (got < n) {
        ssize_t r = read(fd, head + got, n - got);

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            error("read '%s':", path);
            close(fd);
            return -1;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    return (ssize_t)got;
}

/* Checks the raw headers: valid, one version, readable by the tool, whose LLVM major release
 * *major gets (-1: unknown). */
static int check_raw_files(const struct merge *m, const struct strvec *files, int *major_out)
{
    uint32_t first = 0, max;
    int major;

    for (size_t i = 0; i < files->n; i++) {
        unsigned char head[16];
        ssize_t n = read_head(files->v[i], head, sizeof(head));
        uint32_t version;

        if (n < 0)
            return -1;
        if (llvm_raw_version(head, (size_t)n, &version) < 0) {
            error("'%s' is not a raw LLVM profile (truncated or corrupt): delete it or re-run "
                  "the training",
                  files->v[i]);
            return -1;
        }
        if (i == 0) {
            first = version;
        } else if (version != first) {
            error("'%s' has raw profile format version %" PRIu32 " but '%s' has version %" PRIu32
                  ": the raw profiles come from different compilers; re-run the training",
                  files->v[i], version, files->v[0], first);
            return -1;
        }
    }
    major = *major_out = merge_tool_major(m);
    if (major < 0) {
        if (m->verbose)
            note("'%s merge --version' names no LLVM version: not checking the format", m->tool);
        return 0;
    }
    /* llvm-profdata reads raw profiles of exactly its own version (RawInstrProfReader checks
     * for equality; seen here: LLVM 19 refuses version 8, LLVM 14 refuses version 10). */
    max = llvm_tool_raw_version(major);
    if (max == 0) {
        if (m->verbose)
            note("LLVM %d is not in the table of raw profile versions: not checking", major);
        return 0;
    }
    if (first != max) {
        error("'%s' has raw profile format version %" PRIu32 ", written by %s LLVM than %s "
              "(LLVM %d reads version %" PRIu32 "): %s",
              files->v[0], first, first > max ? "a newer" : "an older", m->tool, major, max, hint);
        return -1;
    }
    return 0;
}

/* Creates an empty temporary file "<path>.<what>.XXXXXX", registered with cleanup_add();
 * returns its name. */
static char *make_temp(const char *path, const char *what, int *fd_out)
{
    char *name = xasprintf("%s.%s.XXXXXX", path, what);
    int fd = mkstemp(name);

    if (fd < 0) {
        error("create a temporary file for '%s':", path);
        free(name);
        return NULL;
    }
    cleanup_add(name);
    (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    (void)fchmod(fd, new_file_mode());
    if (fd_out)
        *fd_out = fd;
    else
        close(fd);
    return name;
}

static int write_input_list(const struct strvec *files, const char *list)
{
    struct buf b;
    int rc;

    buf_init(&b);
    for (size_t i = 0; i < files->n; i++) {
        if (strchr(files->v[i], '\n')) {
            error("'%s': a file name with a newline cannot be passed to llvm-profdata",
                  files->v[i]);
            buf_release(&b);
            return -1;
        }
        /* "weight,path": with an explicit weight a comma in the path is safe. */
        buf_addf(&b, "1,%s\n", files->v[i]);
    }
    rc = write_file_atomic(list, b.data, b.len);
    buf_release(&b);
    return rc;
}

static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0 || fsync(fd) < 0) {
        error("fsync '%s':", path);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

int merge_clang(const struct merge *m)
{
    struct strvec files;
    struct buf err, fresh, old;
    char *list = NULL, *tmp = NULL, *out_arg = NULL, *list_arg = NULL;
    int major = -1, rc = 1;

    strvec_init(&files);
    buf_init(&err);
    buf_init(&fresh);
    buf_init(&old);
    if (find_files(m->raw_dir, ".profraw", &files) < 0)
        goto done;
    if (files.n == 0) {
        error("no raw profiles (*.profraw) in %s: run the training first", m->raw_dir);
        goto done;
    }
    if (check_raw_files(m, &files, &major) < 0)
        goto done;
    if (m->base) {
        /* Read before the tool runs, for a message that names it rather than llvm-profdata's. */
        if (read_file(m->base, &old) < 0)
            goto done;
        if (old.len < 8 || memcmp(old.data, "\xff\x6c\x70\x72\x6f\x66\x69\x81", 8) != 0) {
            error("--base '%s' is not an indexed profile (.profdata)", m->base);
            goto done;
        }
        buf_release(&old);
        buf_init(&old);
        strvec_push(&files, m->base);
    }
    list = make_temp(m->output, "inputs", NULL);
    tmp = list ? make_temp(m->output, "tmp", NULL) : NULL;
    if (!tmp || write_input_list(&files, list) < 0)
        goto done;
    out_arg = xasprintf("--output=%s", tmp);
    list_arg = xasprintf("--input-files=%s", list);
    {
        char *argv[] = {(char *)m->tool, "merge", out_arg, list_arg, NULL};
        char *what = xasprintf("%s merge", m->tool);
        int failed = merge_run_tool(m, argv, what, &err) < 0;

        free(what);
        if (failed) {
            if (strstr(err.data, "unsupported instrumentation profile format version") ||
                strstr(err.data, "raw profile version mismatch"))
                error("the raw profiles were written by another LLVM version than %s: %s", m->tool,
                      hint);
            goto done;
        }
    }
    if (read_file(tmp, &fresh) < 0 || merge_check_profdata(m, major, tmp, &fresh) < 0 ||
        merge_neutral_summary(tmp, &fresh) < 0 ||
        (!m->base && merge_tolerate_summary(m, tmp, &fresh) < 0))
        goto done;
    if (access(m->output, F_OK) == 0 && read_file(m->output, &old) == 0 && old.len == fresh.len &&
        memcmp(old.data, fresh.data, old.len) == 0) {
        note("profile unchanged: %s", m->output);
    } else {
        if (sync_file(tmp) < 0)
            goto done;
        if (rename(tmp, m->output) < 0) {
            error("rename '%s' to '%s':", tmp, m->output);
            goto done;
        }
        cleanup_forget(tmp);
        free(tmp);
        tmp = NULL;
        fsync_dir_of(m->output);
        /* The base profile is one of the files, not one of the raw profiles. */
        note("profile updated: %s (%zu raw profile%s%s)", m->output, files.n - (m->base != NULL),
             files.n - (m->base != NULL) == 1 ? "" : "s", m->base ? " and the base profile" : "");
    }
    if (merge_write_stamp(m, fnv1a64(FNV1A64_INIT, fresh.data, fresh.len)) < 0)
        goto done;
    rc = 0;
done:
    if (tmp) {
        unlink(tmp);
        cleanup_forget(tmp);
    }
    if (list) {
        unlink(list);
        cleanup_forget(list);
    }
    free(tmp);
    free(list);
    free(out_arg);
    free(list_arg);
    buf_release(&old);
    buf_release(&fresh);
    buf_release(&err);
    strvec_release(&files);
    return rc;
}
