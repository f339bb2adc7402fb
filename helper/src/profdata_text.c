/* SPDX-License-Identifier: MIT */
/* The text form of a Clang profile, from llvm-profdata: what the summary counts and the
 * report reads. */
#define _POSIX_C_SOURCE 200809L
#include "profdata_text.h"

#include "fs.h"
#include "output_cache.h"
#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int profdata_text(const char *tool, const char *profile, const char *cache, struct buf *out)
{
    char *argv[] = {(char *)tool, "merge", "--text", "--output=-", (char *)profile, NULL};
    struct buf err;
    int status, rc = -1;
    size_t start = out->len;
    char how[128];

    if (output_cache_get(cache, tool, profile, out))
        return 0;
    buf_init(&err);
    if (run_capture(argv, NULL, out, &err, &status) < 0)
        goto done;
    if (status != 0) {
        fwrite(err.data, 1, err.len, stderr);
        describe_status(status, how, sizeof(how));
        error("'%s merge --text %s' failed (%s)", tool, profile, how);
        goto done;
    }
    output_cache_put(cache, tool, profile, out->data ? out->data + start : "", out->len - start);
    rc = 0;
done:
    buf_release(&err);
    return rc;
}

int profdata_text_dir(const char *tool, const char *dir, struct buf *out)
{
    char *const dirs[] = {(char *)dir};

    return profdata_text_dirs(tool, dirs, 1, out);
}

/* A run of profdata_text_dirs: the child writing folder i's text into an unlinked file. */
struct text_run {
    pid_t pid;
    size_t i;
    int fd;
};

/* Waits for the oldest of the N runs (waiting for any child could reap one that is not ours),
 * reads its text into out[run.i] and takes it off the list. Returns 0, or -1 after an
 * error. */
static int finish_one(const char *tool, char *const *dirs, struct text_run *runs, size_t *n,
                      struct buf *out)
{
    int status, rc = 0;
    size_t k = 0;

    if (spawn_wait(runs[k].pid, &status) < 0) {
        close(runs[k].fd);
        memmove(runs, runs + 1, --*n * sizeof(*runs));
        return -1;
    }
    if (status != 0) {
        error("'%s merge --text' of the raw profiles in %s failed", tool, dirs[runs[k].i]);
        rc = -1;
    } else if (lseek(runs[k].fd, 0, SEEK_SET) != 0) {
        error("lseek:");
        rc = -1;
    } else {
        char chunk[65536];
        ssize_t got;

        while ((got = read(runs[k].fd, chunk, sizeof(chunk))) > 0 || (got < 0 && errno == EINTR))
            if (got > 0)
                buf_add(&out[runs[k].i], chunk, (size_t)got);
        if (got < 0) {
            error("reading the text of %s:", dirs[runs[k].i]);
            rc = -1;
        }
    }
    close(runs[k].fd);
    memmove(runs, runs + 1, --*n * sizeof(*runs));
    return rc;
}

int profdata_text_dirs(const char *tool, char *const *dirs, size_t n, struct buf *out)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t jobs = cpus > 0 ? (size_t)cpus : 1, running = 0;
    struct text_run *runs = xcalloc(jobs, sizeof(*runs));
    const char *tmp = getenv("TMPDIR");
    int rc = 0;

    for (size_t i = 0; i < n && rc == 0; i++) {
        struct strvec files, argv;
        struct spawn_options o;
        char *path;
        int fd;

        strvec_init(&files);
        strvec_init(&argv);
        if (find_files(dirs[i], ".profraw", &files) < 0) {
            rc = -1;
        } else if (files.n > 0) {
            while (running == jobs && rc == 0)
                rc = finish_one(tool, dirs, runs, &running, out);
            path = xasprintf("%s/pgo-profdata-text-XXXXXX", tmp && *tmp ? tmp : "/tmp");
            fd = rc == 0 ? mkstemp(path) : -1;
            if (fd < 0 && rc == 0) {
                error("creating %s:", path);
                rc = -1;
            }
            if (fd >= 0) {
                unlink(path); /* the descriptor is all the run needs */
                strvec_push(&argv, tool);
                strvec_push(&argv, "merge");
                strvec_push(&argv, "--text");
                strvec_push(&argv, "--output=-");
                for (size_t f = 0; f < files.n; f++)
                    strvec_push(&argv, files.v[f]);
                memset(&o, 0, sizeof(o));
                o.argv = argv.v;
                o.out_fd = fd;
                o.err_fd = -1;
                if (spawn_start(&o, &runs[running].pid) < 0) {
                    close(fd);
                    rc = -1;
                } else {
                    runs[running].i = i;
                    runs[running++].fd = fd;
                }
            }
            free(path);
        }
        strvec_release(&argv);
        strvec_release(&files);
    }
    while (running > 0)
        if (finish_one(tool, dirs, runs, &running, out) < 0)
            rc = -1;
    free(runs);
    return rc;
}
